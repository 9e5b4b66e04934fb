from itertools import product

import pytest

from studio.engine.assistant import Assistant
from studio.engine.context import ConversationContext
from studio.engine.rulebase import RuleBase
from studio.cli.explore_cmd import load
from studio.conversations.runner import load_tests, run_tests
from studio.explore.abstraction import Observation
from studio.explore.search import explore, explore_programs
from studio.explore.vocabulary import candidate_messages
from studio.project import SAMPLE_PROJECT
from tests.explore.small_projects import INTENTS, SERIES_KNOWLEDGE, analysed


@pytest.fixture(scope="module")
def sample():
    analysis = load(str(SAMPLE_PROJECT))
    return analysis, explore_programs(analysis.programs, analysis.knowledge)


def replay(analysis, conversation):
    """Each turn's result of `conversation` from a fresh context, offline, after the opening turn
    when the rules have one (as `chat` takes it)."""
    assistant = Assistant(RuleBase.build(analysis.programs), analysis.knowledge)
    context = assistant.new_context()
    opening = [assistant.opening(context)] if assistant.rulebase.uses_opening else []
    return opening + [assistant.turn(context, message) for message in conversation]


def test_every_sample_rule_conversation_fires_its_rule_on_the_last_turn(sample):
    analysis, found = sample
    assert found.rules
    for rule, conversation in found.rules.items():
        assert conversation is not None, f"{rule} not reached"
        results = replay(analysis, conversation)
        assert results[-1].rule == rule, (rule, conversation)


def test_every_sample_stage_conversation_ends_in_its_stage(sample):
    analysis, found = sample
    for stage, conversation in found.stages.items():
        assert conversation is not None, f"{stage} not reached"
        end = replay(analysis, conversation)[-1].stage if conversation else "welcome"
        assert end == stage


def test_every_rule_the_sample_tests_fire_is_reached(sample):
    analysis, found = sample
    tests, errors = load_tests(analysis)
    fired = {name for name, count in run_tests(analysis, tests, errors).coverage.fired.items() if count}
    assert fired and all(found.rules[name] is not None for name in fired)


def test_every_sample_edge_is_made_by_its_rule_somewhere(sample):
    analysis, found = sample
    assert ("confirm_order", "cart_added", "add_to_cart") in found.edges
    assert all(source != target for source, target, _ in found.edges)
    assert all(rule in found.rules for _, _, rule in found.edges)


def test_the_sample_search_merges_states_into_a_bounded_number(sample):
    _, found = sample
    assert found.complete
    # Without merging, 8 turns over hundreds of messages would be astronomically many.
    assert found.states < 2_000
    assert found.turns <= found.states * found.messages


SHOP = INTENTS + """
RULE greet
WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "welcome"
THEN
    RESPOND "您好"
    SET_STAGE "category_select"

RULE pick_category
WHEN CONTEXT_STAGE_IS "category_select" AND USER_MENTIONS category
THEN
    CAPTURE category
    SET_STAGE "brand_select"

RULE pick_brand_with_budget
WHEN CONTEXT_STAGE_IS "brand_select" AND CONTEXT_HAS budget_range AND USER_MENTIONS brand
THEN
    CAPTURE brand
    SET_STAGE "series_select"

RULE stuck_in_limbo
WHEN CONTEXT_STAGE_IS "limbo"
THEN
    RESPOND "never"

RULE fallback
WHEN ALWAYS
THEN
    RESPOND "嗯？"
"""


def test_a_stage_nothing_sets_is_unreached_and_so_is_its_rule(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    found = explore_programs(analysis.programs, analysis.knowledge)
    assert found.stages["limbo"] is None
    assert found.rules["stuck_in_limbo"] is None
    assert found.stages["series_select"] is not None


def test_a_rule_needing_stage_budget_and_brand_is_reached_in_the_fewest_turns(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    found = explore_programs(analysis.programs, analysis.knowledge)
    conversation = found.rules["pick_brand_with_budget"]
    assert conversation is not None and len(conversation) == 3   # greet, category, budget + brand at once
    results = replay(analysis, conversation)
    assert results[-1].rule == "pick_brand_with_budget"
    assert results[-1].context["budget_range"] is not None and results[-1].context["current_brand"]


def test_no_shorter_conversation_over_the_vocabulary_fires_a_rule(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    rulebase = RuleBase.build(analysis.programs)
    messages = candidate_messages(rulebase, analysis.knowledge)
    found = explore(rulebase, analysis.knowledge, 3, messages=messages)
    assistant = Assistant(rulebase, analysis.knowledge)
    shortest: dict[str, int] = {}
    for length in (1, 2):
        for conversation in product(messages, repeat=length):
            context = assistant.new_context()
            for message in conversation:
                result = assistant.turn(context, message)
            shortest.setdefault(result.rule, length)
    for rule, conversation in found.rules.items():
        if conversation is not None:
            assert len(conversation) == shortest.get(rule, 3), rule


def test_depth_one_leaves_a_three_turn_rule_unreached_and_says_the_depth_limit_was_hit(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    found = explore_programs(analysis.programs, analysis.knowledge, 1)
    assert found.rules["greet"] == ("你好",)
    assert found.rules["pick_brand_with_budget"] is None
    assert found.unexpanded > 0 and not found.complete


def test_the_state_limit_stops_the_search_and_is_reported(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    found = explore_programs(analysis.programs, analysis.knowledge, max_states=3)
    assert found.states == 3 and found.states_limit_hit and not found.complete


def test_the_turn_limit_stops_the_search_and_is_reported(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    found = explore_programs(analysis.programs, analysis.knowledge, max_turns=7)
    assert found.turns == 7 and found.turns_limit_hit and not found.complete


def test_rules_cut_short_by_syntax_errors_are_skipped_and_the_rest_explored(tmp_path):
    broken = SHOP + '\nRULE half_written\nWHEN INTENT_IS greeting AND\nTHEN\n    RESPOND "x"\n'
    analysis = analysed(tmp_path, broken)
    found = explore_programs(analysis.programs, analysis.knowledge)
    assert [s.split(" ")[0] for s in found.skipped] == ["half_written"]
    assert "half_written" not in found.rules
    assert found.rules["pick_category"] is not None


def test_contexts_differing_only_in_what_no_rule_reads_are_one_state(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    observation = Observation(RuleBase.build(analysis.programs), analysis.knowledge)
    one = ConversationContext.from_dict({"current_stage": "brand_select", "current_category": "手机"})
    other = ConversationContext.from_dict({"current_stage": "brand_select", "current_category": "手机",
                                           "query_count": 5, "last_intent": "greeting"})
    other.add_message("user", "随便说点什么")
    assert observation.key(one) == observation.key(other)
    with_budget = ConversationContext.from_dict({"current_stage": "brand_select", "current_category": "手机",
                                                 "budget_range": [0, 5000]})
    in_other_category = ConversationContext.from_dict({"current_stage": "brand_select", "current_category": "电脑"})
    assert observation.key(with_budget) != observation.key(one)   # CONTEXT_HAS budget_range
    assert observation.key(in_other_category) != observation.key(one)   # brands are looked up in the category


def test_a_rule_name_given_twice_is_located_at_its_first_place(tmp_path):
    twice = 'RULE a\nWHEN ALWAYS\nTHEN\n  RESPOND "x"\nRULE a\nWHEN ALWAYS\nTHEN\n  RESPOND "y"\n'
    analysis = analysed(tmp_path, twice)
    found = explore_programs(analysis.programs, analysis.knowledge)
    assert found.locations == {"a": "rules/shop.dsl:1"} and found.rules["a"] is not None


def test_a_project_without_rules_reaches_only_the_start(tmp_path):
    analysis = analysed(tmp_path, "")
    found = explore_programs(analysis.programs, analysis.knowledge)
    assert found.rules == {} and found.stages == {"welcome": ()} and found.complete


def test_a_combination_uses_a_keyword_that_keeps_the_rules_intent_detected(tmp_path):
    rules = """
INTENT browse "随便看"
    KEYWORDS "看看"
INTENT buy "要买"
    KEYWORDS "看看|买"

RULE buy_brand
WHEN INTENT_IS buy AND USER_MENTION_ANY "品牌"
THEN
    RESPOND "品牌"
"""
    analysis = analysed(tmp_path, rules)
    found = explore_programs(analysis.programs, analysis.knowledge)
    assert found.rules["buy_brand"] == ("买品牌",)   # "看看品牌" is detected as browse, declared first


def test_a_target_rule_ends_the_search_once_it_is_reached(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    full = explore_programs(analysis.programs, analysis.knowledge)
    aimed = explore_programs(analysis.programs, analysis.knowledge, target_rule="pick_category")
    assert aimed.rules["pick_category"] == full.rules["pick_category"]
    assert aimed.stopped_early and not aimed.complete and aimed.turns < full.turns


def test_a_cancelled_search_stops_before_its_next_state(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    found = explore_programs(analysis.programs, analysis.knowledge, cancelled=lambda: True)
    assert found.turns == 0 and found.stopped_early and not found.complete


def test_a_vocabulary_over_the_message_limit_is_cut_and_reported(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    found = explore_programs(analysis.programs, analysis.knowledge, max_messages=2)
    assert found.messages == 2 and found.messages_limit_hit and not found.complete
    assert found.turns <= found.states * 2


def test_a_rule_needing_an_in_stage_keyword_is_reached_in_that_stage(tmp_path):
    rules = '''
INTENT confirm KEYWORDS "好的|继续"
INTENT more KEYWORDS "继续" IN_STAGE "cart"
RULE to_cart WHEN INTENT_IS confirm AND CONTEXT_STAGE_IS "welcome" THEN RESPOND "已加入" SET_STAGE "cart"
RULE go_on WHEN INTENT_IS more THEN RESPOND "继续选购" SET_STAGE "welcome"
RULE fallback WHEN ALWAYS THEN RESPOND "嗯"
'''
    analysis = analysed(tmp_path, rules)
    found = explore_programs(analysis.programs, analysis.knowledge)
    conversation = found.rules["go_on"]
    assert conversation is not None and len(conversation) == 2
    assert replay(analysis, conversation)[-1].rule == "go_on"


def test_the_opening_turn_is_taken_first_and_its_rule_is_reached_by_no_message(tmp_path):
    rules = '''
RULE opening PRIORITY 5 WHEN CONVERSATION_START THEN RESPOND "欢迎" SET_STAGE "shop"
RULE browse WHEN CONTEXT_STAGE_IS "shop" AND INTENT_IS product_query THEN RESPOND "看看" SET_STAGE "done"
RULE fallback WHEN ALWAYS THEN RESPOND "嗯"
'''
    analysis = analysed(tmp_path, INTENTS + rules)
    found = explore_programs(analysis.programs, analysis.knowledge)
    assert found.rules["opening"] == ()
    assert ("welcome", "shop", "opening") in found.edges
    assert found.stages["shop"] == ()
    conversation = found.rules["browse"]
    assert conversation is not None and len(conversation) == 1   # the opening turn set the stage
    assert replay(analysis, conversation)[-1].rule == "browse"


SERIES_RULES = INTENTS + """
RULE named
    PRIORITY 5
WHEN USER_MENTION_ANY "mate"
THEN
    RESPOND "Mate"

RULE buy_series
    PRIORITY 3
WHEN INTENT_IS product_query AND USER_MENTIONS series
THEN
    RESPOND "买系列"

RULE any_series
WHEN USER_MENTIONS series
THEN
    RESPOND "系列"

RULE buy_for_scenario
WHEN INTENT_IS product_query AND USER_MENTIONS scenario
THEN
    RESPOND "买来拍照"

RULE photos_remembered
WHEN CONTEXT_EQ usage_scenario "拍照" AND INTENT_IS greeting
THEN
    RESPOND "拍照"
"""


def test_rules_only_a_series_alias_fires_are_reached_through_the_alias_and_replay(tmp_path):
    # The only series is "Mate 70", and naming it fires `named` first: only its alias 大黄蜂 reaches the others.
    analysis = analysed(tmp_path, SERIES_RULES, SERIES_KNOWLEDGE)
    found = explore_programs(analysis.programs, analysis.knowledge)
    for rule in ("any_series", "buy_series"):
        conversation = found.rules[rule]
        assert conversation is not None and "大黄蜂" in conversation[-1], (rule, conversation)
        assert replay(analysis, conversation)[-1].rule == rule


def test_rules_only_a_scenario_of_a_series_fires_are_reached_and_replay(tmp_path):
    analysis = analysed(tmp_path, SERIES_RULES, SERIES_KNOWLEDGE)
    found = explore_programs(analysis.programs, analysis.knowledge)
    for rule in ("buy_for_scenario", "photos_remembered"):
        conversation = found.rules[rule]
        assert conversation is not None and any("拍照" in m for m in conversation), (rule, conversation)
        assert replay(analysis, conversation)[-1].rule == rule
