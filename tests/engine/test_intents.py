from studio.dsl.parser import parse
from studio.engine.intents import KeywordIntentDetector


def detector(text: str) -> KeywordIntentDetector:
    return KeywordIntentDetector(parse(text).program.intents)


INTENTS = '''
INTENT greeting KEYWORDS "你好|hello"
INTENT product_query KEYWORDS "买|手机|推荐"
INTENT budget_talk KEYWORDS "预算|手机"
INTENT silent "no keywords"
'''


def test_the_intent_with_most_keyword_hits_wins():
    match = detector(INTENTS).detect("预算不多，推荐个手机买")
    assert match.intent == "product_query"
    assert match.hits == ("推荐", "手机", "买")   # in the order the message says them


def test_ties_go_to_the_intent_declared_first():
    assert detector(INTENTS).detect("手机").intent == "product_query"
    assert detector(INTENTS).detect("你好，预算").intent == "greeting"


def test_no_hit_means_no_intent():
    match = detector(INTENTS).detect("嗯嗯")
    assert match.intent is None and match.hits == ()
    assert "no keyword" in match.reason()


def test_matching_is_case_insensitive_substring():
    assert detector(INTENTS).detect("HeLLo there").intent == "greeting"


def test_each_alternative_counts_once_however_often_it_occurs():
    match = detector(INTENTS).detect("手机手机手机 预算")
    assert match.intent == "budget_talk"   # 2 distinct hits beat product_query's 1
    assert "2 keyword hit(s)" in match.reason()


STAGED = '''
INTENT confirmation KEYWORDS "好的|继续"
INTENT cart_operation
    KEYWORDS "购物车|结算"
    KEYWORDS "继续|接着" IN_STAGE "cart_added|confirm_order"
INTENT product_query KEYWORDS "推荐|手机|看看"
'''


def test_in_stage_keywords_count_only_in_their_stages():
    found = detector(STAGED)
    assert found.detect("继续").intent == "confirmation"
    assert found.detect("继续", "brand_select").intent == "confirmation"
    assert found.detect("接着", "welcome").intent is None
    match = found.detect("继续", "cart_added")
    assert match.intent == "cart_operation" and match.hits == ("继续",)
    assert "in stage cart_added" in match.reason()
    assert found.detect("接着", "confirm_order").intent == "cart_operation"


def test_one_in_stage_hit_outranks_any_number_of_plain_hits():
    match = detector(STAGED).detect("继续看看推荐的手机", "cart_added")
    assert match.intent == "cart_operation"   # product_query has 3 plain hits, but no in-stage one


def test_among_in_stage_hits_the_most_win_and_ties_go_to_the_intent_declared_first():
    text = '''
INTENT a KEYWORDS "继续" IN_STAGE "cart"
INTENT b KEYWORDS "继续|接着" IN_STAGE "cart"
'''
    assert detector(text).detect("继续", "cart").intent == "a"
    assert detector(text).detect("继续接着", "cart").intent == "b"


def test_a_stage_no_in_stage_line_names_detects_as_plain_keywords_alone():
    found = detector(STAGED)
    assert found.detect("去结算", "brand_select").intent == "cart_operation"
    assert not found.detect("结算").stage
    assert found.staged and not detector(INTENTS).staged
