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
