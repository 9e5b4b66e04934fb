from tests.checks.checks_helpers import codes, run

from studio.diagnostics import Span
from studio.knowledge import Brand, Category, Knowledge


def test_brand_nobody_mentions_is_reported_at_the_knowledge_file():
    found = codes(run('RULE r WHEN USER_MENTION_ANY "苹果|华为|小米|联想|戴尔" THEN RESPOND "好"\n'), "I410")
    assert [(d.file, d.span, d.message) for d in found] == [
        ("knowledge", Span.point(), "brand '三星' (手机) is not mentioned by any rule or test")]


def test_a_mention_by_alias_in_any_case_anywhere_counts():
    source = ('RULE r WHEN USER_MENTION_ANY "苹果|华为|小米|联想" THEN RESPOND "我们也有 SAMSUNG 和 dell"\n')
    assert codes(run(source), "I410") == []


def test_a_conversation_test_mention_counts():
    source = 'RULE r WHEN USER_MENTION_ANY "苹果|华为|小米|联想" THEN RESPOND "好"\n'
    assert codes(run(source, extra_mentions=["user: 三星的\n", "user: 戴尔"]), "I410") == []


def test_the_knowledge_locator_places_the_diagnostic():
    where = Span(10, 12, 3, 5, 3, 7)
    found = codes(run('RULE r WHEN USER_MENTION_ANY "苹果|华为|小米|联想|戴尔" THEN RESPOND "好"\n',
                      knowledge_locator=lambda category, brand: (f"knowledge/{category}.json", where)), "I410")
    assert [(d.file, d.span) for d in found] == [("knowledge/手机.json", where)]


def test_a_brand_inside_a_longer_brand_name_is_mentioned():
    knowledge = Knowledge({"手机": Category("手机", brands={
        "华为": Brand("华为"), "华为智选": Brand("华为智选"), "小米": Brand("小米", ["Redmi", "MI"])})})
    source = 'RULE r WHEN USER_MENTION_ANY "华为智选|redmi" THEN RESPOND "好"\n'
    assert codes(run(source, knowledge=knowledge), "I410") == []
