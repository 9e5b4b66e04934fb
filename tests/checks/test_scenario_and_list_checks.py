"""W230: a scenario no brand or series lists; W210: the one unknown item of an otherwise known brand list."""
from studio.knowledge import Series
from tests.checks.checks_helpers import codes, fixed, run, small_knowledge, span_of


def test_a_scenario_nobody_lists_is_a_w230():
    source = 'RULE r WHEN ALWAYS THEN SUGGEST_BY_SCENARIO "露营"\n'
    [found] = codes(run(source), "W230")
    assert found.span == span_of(source, "露营")
    assert found.message.startswith("no brand or series lists the scenario '露营'")
    assert "摄影" in found.message   # says which scenarios there are


def test_a_misspelt_scenario_gets_a_did_you_mean_fix():
    source = 'RULE r WHEN CONTEXT_EQ usage_scenario "游嬉" THEN SUGGEST_BY_SCENARIO "游戏的"\n'
    found = codes(run(source), "W230")
    assert [d.suggestion for d in found] == ["游戏", "游戏"]
    assert fixed(source, found[1]) == source.replace("游戏的", "游戏")


def test_scenarios_of_series_objects_and_templates_are_known():
    knowledge = small_knowledge()
    knowledge.categories["手机"].brands["小米"].series_details["Xiaomi 15"] = Series("Xiaomi 15", scenarios=["露营"])
    source = ('RULE r WHEN ALWAYS THEN SUGGEST_BY_SCENARIO "露营"\n'
              'RULE s WHEN ALWAYS THEN SUGGEST_BY_SCENARIO "{usage_scenario}"\n'
              'RULE t WHEN ALWAYS THEN SUGGEST_BY_SCENARIO\n')
    assert codes(run(source, knowledge=knowledge), "W230") == []


def test_the_one_unknown_item_of_a_known_brand_list_is_a_w210():
    source = 'RULE r WHEN ALWAYS THEN RESPOND "手机有苹果、华为、诺基亚和小米。"\n'
    [found] = codes(run(source), "W210")
    assert found.span == span_of(source, "诺基亚")
    assert found.message == "'诺基亚' is not a brand in the knowledge, though the other items of this list are"
    assert found.fixes == ()


def test_lists_with_generic_items_or_several_unknowns_are_left_alone():
    for reply in ("手机有苹果、华为和其他品牌。", "我们有苹果、华为、诺基亚、摩托罗拉。", "手机有苹果、华为、笔记本。",
                  "诺基亚、苹果、华为"):
        source = f'RULE r WHEN ALWAYS THEN RESPOND "{reply}"\n'
        assert codes(run(source), "W210") == [], reply


def test_a_series_alias_where_a_series_name_is_expected_is_e202_with_the_name_as_fix():
    knowledge = small_knowledge()
    knowledge.categories["手机"].brands["华为"].series_details["Mate 70"] = Series("Mate 70", aliases=["mate七十"])
    source = 'RULE r WHEN CONTEXT_EQ current_brand "华为" THEN ADD_TO_CHAIN series "mate七十"\n'
    [found] = codes(run(source, knowledge=knowledge), "E202")
    assert found.message == "'mate七十' is an alias of the series 'Mate 70', not its name (did you mean 'Mate 70'?)"
    assert fixed(source, found) == source.replace("mate七十", "Mate 70")
