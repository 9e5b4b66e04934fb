"""W350 facts: shared keywords and intents that offline detection never gives."""
from studio.analysis.coverage import declared_intents
from studio.analysis.keywords import offline_findings
from studio.engine.intents import KeywordIntentDetector

from tests.analysis.helpers import programs


def findings(intents: str):
    return offline_findings(declared_intents(programs("", intents=intents)))


def never(intents: str) -> dict[str, list[str]]:
    return {n.intent.name.text: [r.name.text for r in n.rivals] for n in findings(intents).never}


def test_a_keyword_of_an_earlier_intent_is_reported_on_the_later_one_with_its_witness():
    found = findings('INTENT cart KEYWORDS "下单|结算"\nINTENT order KEYWORDS "下单|付款"\n')
    [shared] = found.shared
    assert (shared.intent.name.text, shared.keyword, shared.first.name.text) == ("order", "下单", "cart")
    assert shared.witness.to_json() == {"message": "下单", "intent": "cart"}
    assert found.never == ()   # 付款 still makes it win


def test_shared_keywords_compare_case_insensitively_and_once_per_keyword():
    found = findings('INTENT a KEYWORDS "OK|好"\nINTENT b KEYWORDS "ok|Ok|行"\n')
    assert [(s.intent.name.text, s.keyword) for s in found.shared] == [("b", "ok")]


def test_an_intent_whose_keywords_all_hold_an_earlier_intents_keyword_never_wins():
    # 买单 holds 买: every message with it gives product_query a hit too, and ties go to it.
    found = findings('INTENT product_query KEYWORDS "买|推荐"\nINTENT cart KEYWORDS "买单"\n')
    [never_found] = found.never
    assert never_found.intent.name.text == "cart" and [r.name.text for r in never_found.rivals] == ["product_query"]
    witness = never_found.witness.to_json()
    assert witness["intent"] == "product_query"
    assert KeywordIntentDetector(declared_intents(programs("", intents='INTENT product_query KEYWORDS "买|推荐"\n'
                                                                   'INTENT cart KEYWORDS "买单"\n'))
                                 ).detect(witness["message"]).intent == "product_query"


def test_the_same_keywords_declared_first_win_against_a_later_intent():
    assert never('INTENT cart KEYWORDS "买单"\nINTENT product_query KEYWORDS "买"\n') == {}


def test_more_keywords_in_one_message_can_outscore_an_earlier_intent():
    # 买单 alone ties with 买, but 买单 and 结账 together beat it.
    assert never('INTENT product_query KEYWORDS "买"\nINTENT cart KEYWORDS "买单|结账"\n') == {}


def test_choosing_fewer_keywords_can_be_what_wins():
    # All keywords together give the earlier intent two hits; 结账 alone gives cart one and it none.
    assert never('INTENT product_query KEYWORDS "买|单"\nINTENT cart KEYWORDS "买单|结账"\n') == {}


def test_a_later_intent_with_more_hits_also_blocks():
    assert never('INTENT a KEYWORDS "好的"\nINTENT b KEYWORDS "好|的"\n') == {"a": ["b"]}


def test_an_intent_without_keywords_is_never_detected_offline():
    found = findings('INTENT llm_only "只由大模型判断"\nINTENT greeting KEYWORDS "你好"\n')
    [never_found] = found.never
    assert never_found.intent.name.text == "llm_only" and never_found.rivals == () and never_found.witness is None


def test_only_the_first_declaration_of_an_intent_counts():
    found = findings('INTENT a KEYWORDS "你好"\nINTENT a KEYWORDS "您好"\nINTENT b KEYWORDS "再见"\n')
    assert found.shared == () and found.never == ()


def test_a_set_of_keywords_neither_single_nor_all_can_be_what_wins():
    # Singles tie with product_query, all three give it three hits too (单, 钱, 付);
    # 买单 and 下单 together give cart two hits against one.
    assert never('INTENT product_query KEYWORDS "单|钱|付"\nINTENT cart KEYWORDS "买单|下单|付钱"\n') == {}
    assert never('INTENT product_query KEYWORDS "单|钱|付|下"\nINTENT cart KEYWORDS "买单|下单|付钱"\n') == {
        "cart": ["product_query"]}


def test_a_keyword_shared_in_stage_conflicts_only_with_an_overlapping_in_stage_line():
    found = findings('INTENT confirm KEYWORDS "继续|好的"\n'
                     'INTENT cart KEYWORDS "结算"\n    KEYWORDS "继续" IN_STAGE "cart_added"\n'
                     'INTENT more KEYWORDS "再看"\n    KEYWORDS "继续" IN_STAGE "confirm|cart_added"\n'
                     'INTENT other KEYWORDS "另外"\n    KEYWORDS "继续" IN_STAGE "elsewhere"\n')
    [shared] = found.shared
    assert (shared.intent.name.text, shared.keyword, shared.first.name.text) == ("more", "继续", "cart")
    assert shared.witness.to_json() == {"message": "继续", "intent": "cart", "stage": "cart_added"}
    assert shared.text.value == "继续"


def test_a_plain_keyword_shared_with_an_earlier_in_stage_one_still_helps_elsewhere():
    found = findings('INTENT cart KEYWORDS "继续" IN_STAGE "cart_added"\nINTENT confirm KEYWORDS "继续"\n')
    assert found.shared == () and found.never == ()


def test_an_intent_winnable_only_in_its_stages_is_not_reported_never_detected():
    assert never('INTENT confirm KEYWORDS "继续"\nINTENT cart KEYWORDS "继续" IN_STAGE "cart_added"\n') == {}
    assert never('INTENT cart KEYWORDS "接着" IN_STAGE "cart_added"\n') == {}


def test_in_stage_keywords_of_a_rival_do_not_hide_an_intent_that_wins_plainly():
    assert never('INTENT cart KEYWORDS "买" IN_STAGE "cart_added"\nINTENT buy KEYWORDS "买单"\n') == {}
