"""W300 witnesses: situations built from a model, kept only when the engine replays them."""
from studio.analysis.coverage import Analyzer

from tests.analysis.helpers import knowledge, programs, replay, series_knowledge


def witnesses(*texts: str, intents: str | None = None) -> tuple[list, dict]:
    progs = programs(*texts) if intents is None else programs(*texts, intents=intents)
    findings = Analyzer().run(progs, knowledge())
    return progs, {c.rule.name: (c.witness.to_json() if c.witness else None) for c in findings.covered}


def assert_replays(progs, witness, covered_rule):
    result = replay(progs, witness)
    assert result.intent == witness["intent"] and result.intent_source == "keywords"
    assert result.rule == witness["fires"] != covered_rule


def test_union_witness_replays_offline_and_fires_one_of_the_covering_rules():
    progs, found = witnesses(
        'RULE with_x PRIORITY 5 WHEN INTENT_IS product_query AND USER_MENTION_ANY "x" THEN RESPOND "1"\n'
        'RULE without_x PRIORITY 5 WHEN INTENT_IS product_query AND NOT USER_MENTION_ANY "x" THEN RESPOND "2"\n'
        'RULE staged WHEN INTENT_IS product_query AND CONTEXT_STAGE_IS "brand_select" THEN RESPOND "3"\n')
    witness = found["staged"]
    assert witness["intent"] == "product_query" and witness["context"]["current_stage"] == "brand_select"
    assert witness["fires"] in ("with_x", "without_x")
    assert_replays(progs, witness, "staged")


def test_witness_message_holds_the_longer_text_and_selects_the_intent():
    progs, found = witnesses(
        'RULE huawei PRIORITY 2 WHEN USER_MENTION_ANY "华为" THEN RESPOND "1"\n'
        'RULE huawei_phone WHEN INTENT_IS greeting AND USER_MENTION_ANY "华为手机" THEN RESPOND "2"\n')
    witness = found["huawei_phone"]
    assert "华为手机" in witness["message"] and witness["intent"] == "greeting" and witness["fires"] == "huawei"
    assert_replays(progs, witness, "huawei_phone")


def test_witness_message_keeps_out_what_the_rule_excludes():
    progs, found = witnesses(
        'RULE greet PRIORITY 2 WHEN INTENT_IS greeting THEN RESPOND "1"\n'
        'RULE quiet WHEN INTENT_IS greeting AND NOT USER_MENTION_ANY "你好" THEN RESPOND "2"\n')
    witness = found["quiet"]
    assert "你好" not in witness["message"] and witness["intent"] == "greeting"   # 您好 selects it instead
    assert_replays(progs, witness, "quiet")


def test_witness_sets_the_context_the_rule_needs():
    progs, found = witnesses(
        'RULE chosen PRIORITY 2 WHEN CONTEXT_HAS current_category AND CONTEXT_HAS budget_range THEN RESPOND "1"\n'
        'RULE phones WHEN CONTEXT_EQ current_category "手机" AND CONTEXT_HAS budget_range '
        'AND NOT CONTEXT_EQ current_stage "welcome" AND SALES_STAGE_IS 3 THEN RESPOND "2"\n')
    witness = found["phones"]
    context = witness["context"]
    assert context["current_category"] == "手机" and context["current_stage"] != "welcome"
    assert context["sales_stage"] == 3 and context["budget_range"]
    assert_replays(progs, witness, "phones")


def test_witness_gives_an_entity_to_mention_when_the_rule_needs_one():
    progs, found = witnesses(
        'RULE brand PRIORITY 2 WHEN USER_MENTIONS brand THEN RESPOND "1"\n'
        'RULE phone_brand WHEN CONTEXT_EQ current_category "手机" AND USER_MENTIONS brand '
        'AND NOT USER_MENTION_ANY "苹果" THEN RESPOND "2"\n')
    witness = found["phone_brand"]
    assert witness["message"] and "苹果" not in witness["message"]
    assert_replays(progs, witness, "phone_brand")


def test_witness_without_an_intent_has_no_keyword_in_its_message():
    progs, found = witnesses(
        'RULE x PRIORITY 1 WHEN USER_MENTION_ANY "x" THEN RESPOND "1"\n'
        'RULE xy WHEN USER_MENTION_ALL "x|y" AND NOT INTENT_IS greeting AND NOT INTENT_IS product_query '
        'AND NOT INTENT_IS objection THEN RESPOND "2"\n')
    witness = found["xy"]
    assert witness["intent"] is None and witness["fires"] == "x"
    assert_replays(progs, witness, "xy")


def test_no_witness_when_no_message_selects_the_intent_offline_but_the_warning_stays():
    intents = 'INTENT product_query KEYWORDS "买"\nINTENT silent "只有大模型会给出"\n'
    progs, found = witnesses('RULE s PRIORITY 1 WHEN INTENT_IS silent THEN RESPOND "1"\n'
                             'RULE s2 WHEN INTENT_IS silent AND USER_MENTION_ANY "x" THEN RESPOND "2"\n',
                             intents=intents)
    assert found == {"s2": None}


def test_no_witness_rather_than_one_the_engine_would_not_replay():
    # user_input is the message of the turn itself: a context value for it is overwritten.
    progs, found = witnesses('RULE has PRIORITY 1 WHEN CONTEXT_HAS user_input THEN RESPOND "1"\n'
                             'RULE exactly WHEN CONTEXT_EQ user_input "hello" AND USER_MENTION_ANY "x" THEN RESPOND "2"\n')
    assert found == {"exactly": None}


def test_a_rule_needing_a_product_chain_gets_one_through_a_chosen_slot():
    progs, found = witnesses('RULE greet PRIORITY 1 WHEN INTENT_IS greeting THEN RESPOND "1"\n'
                             'RULE chained WHEN INTENT_IS greeting AND CONTEXT_HAS product_chain THEN RESPOND "2"\n')
    witness = found["chained"]
    assert "product_chain" not in witness["context"] and any(k.startswith("current_") and k != "current_stage"
                                                               for k in witness["context"])
    assert_replays(progs, witness, "chained")


def test_a_witness_names_a_series_by_its_alias_when_the_rule_excludes_every_series_name():
    kb = series_knowledge()
    progs = programs('RULE any_series PRIORITY 1 WHEN USER_MENTIONS series THEN RESPOND "1"\n'
                     'RULE unnamed WHEN USER_MENTIONS series AND NOT USER_MENTION_ANY "iphone|70|thinkpad|y9000p" '
                     'THEN RESPOND "2"\n')
    [covered] = Analyzer().run(progs, kb).covered
    witness = covered.witness.to_json() if covered.witness else None
    assert witness is not None and witness["fires"] == "any_series"
    assert "大黄蜂" in witness["message"] or "小黑" in witness["message"]
    assert replay(progs, witness, kb).rule == "any_series"


def test_a_witness_names_a_scenario_that_only_a_series_lists():
    kb = series_knowledge()
    progs = programs('RULE any_scenario PRIORITY 1 WHEN USER_MENTIONS scenario THEN RESPOND "1"\n'
                     'RULE unnamed WHEN USER_MENTIONS scenario AND NOT USER_MENTION_ANY "摄影|商务|办公|游戏" '
                     'THEN RESPOND "2"\n')
    [covered] = Analyzer().run(progs, kb).covered
    witness = covered.witness.to_json() if covered.witness else None
    assert witness is not None and witness["fires"] == "any_scenario"
    assert "拍照" in witness["message"] or "出差" in witness["message"]
    assert replay(progs, witness, kb).rule == "any_scenario"
