from studio.engine.extract import extract_budget
from studio.engine.rulebase import RuleBase
from studio.explore.vocabulary import budget_phrases, candidate_messages
from tests.explore.small_projects import INTENTS, SERIES_KNOWLEDGE, analysed

RULES = INTENTS + """
RULE ask_brands
WHEN INTENT_IS product_query AND USER_MENTION_ANY "有哪些品牌|什么牌子"
THEN
    RESPOND "品牌"

RULE value
WHEN USER_MENTION_ALL "性价比|高"
THEN
    RESPOND "性价比"

RULE phone_and_brand
WHEN INTENT_IS product_query AND USER_MENTIONS category AND USER_MENTIONS brand AND CONTEXT_HAS budget_range
THEN
    RESPOND "好"
"""


def messages(tmp_path):
    analysis = analysed(tmp_path, RULES)
    return candidate_messages(RuleBase.build(analysis.programs), analysis.knowledge), analysis


def test_keywords_alternatives_and_knowledge_names_and_aliases_are_candidates(tmp_path):
    found, _ = messages(tmp_path)
    for word in ("你好", "买", "有哪些品牌", "什么牌子", "手机", "笔记本", "苹果", "Apple", "iPhone 16", "摄影"):
        assert word in found


def test_a_keyword_of_the_rules_intent_comes_with_its_mention(tmp_path):
    found, _ = messages(tmp_path)
    assert "买有哪些品牌" in found


def test_every_alternative_of_a_mention_all_is_in_one_message(tmp_path):
    found, _ = messages(tmp_path)
    assert "性价比高" in found


def test_a_rule_needing_category_brand_and_budget_gets_them_in_one_message_from_one_category(tmp_path):
    found, _ = messages(tmp_path)
    combined = [m for m in found if m.startswith("买") and "手机" in m and "苹果" in m]
    assert combined and extract_budget(combined[0]) is not None


def test_budget_phrases_come_from_price_ranges_and_are_read_as_budgets(tmp_path):
    _, analysis = messages(tmp_path)
    phrases = budget_phrases(analysis.knowledge)
    assert "预算6500左右" in phrases and "12000以内" in phrases
    assert all(extract_budget(p) for p in phrases)


def test_a_message_that_says_nothing_known_is_tried_first(tmp_path):
    found, _ = messages(tmp_path)
    assert found[0] == "嗯"


def test_messages_are_single_lines_without_repeats(tmp_path):
    found, _ = messages(tmp_path)
    assert len(found) == len(set(found))
    assert all("\n" not in m and m == m.strip() and m for m in found)


def test_series_aliases_and_scenarios_only_a_series_lists_are_candidates_alone_and_in_combinations(tmp_path):
    rules = INTENTS + """
RULE buy_series
WHEN INTENT_IS product_query AND USER_MENTIONS series
THEN
    RESPOND "系列"

RULE buy_for_scenario
WHEN INTENT_IS product_query AND USER_MENTIONS scenario
THEN
    RESPOND "场景"
"""
    analysis = analysed(tmp_path, rules, SERIES_KNOWLEDGE)
    found = candidate_messages(RuleBase.build(analysis.programs), analysis.knowledge)
    assert {"大黄蜂", "拍照"} <= set(found)
    assert any(m.startswith("买") and "大黄蜂" in m for m in found)
    assert any(m.startswith("买") and "拍照" in m for m in found)
