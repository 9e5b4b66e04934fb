"""Which rules can never fire (W300) or never hold (W340), proved over every situation."""
from studio.analysis.coverage import Analyzer, groups_of, ordered_rules
from studio.dsl.ast import Program

from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase

from tests.analysis.helpers import analyse, covered_names, knowledge, programs, series_knowledge


def dead_names(findings) -> dict[str, list[str]]:
    from studio.engine.conditions import describe
    return {d.rule.name: [describe(part) for part in d.clashing] for d in findings.dead}


# ---------------------------------------------------------------- W300: covered by earlier rules

def test_rule_covered_by_the_union_of_two_earlier_rules():
    found = analyse('RULE with_x PRIORITY 5 WHEN INTENT_IS product_query AND USER_MENTION_ANY "x" THEN RESPOND "1"\n'
                    'RULE without_x PRIORITY 5 WHEN INTENT_IS product_query AND NOT USER_MENTION_ANY "x" THEN RESPOND "2"\n'
                    'RULE staged WHEN INTENT_IS product_query AND CONTEXT_STAGE_IS "s" THEN RESPOND "3"\n')
    assert covered_names(found) == {"staged": ["with_x", "without_x"]}


def test_rule_covered_by_three_rules_one_per_stage_of_its_or():
    found = analyse('RULE a PRIORITY 3 WHEN CONTEXT_STAGE_IS "a" THEN RESPOND "a"\n'
                    'RULE b PRIORITY 3 WHEN CONTEXT_STAGE_IS "b" AND INTENT_IS greeting THEN RESPOND "b"\n'
                    'RULE b2 PRIORITY 3 WHEN CONTEXT_STAGE_IS "b" AND NOT INTENT_IS greeting THEN RESPOND "b2"\n'
                    'RULE ab WHEN (CONTEXT_STAGE_IS "a" OR CONTEXT_STAGE_IS "b") AND USER_MENTION_ANY "x" '
                    'THEN RESPOND "ab"\n')
    assert covered_names(found) == {"ab": ["a", "b", "b2"]}


def test_an_or_of_stages_is_not_covered_by_one_of_the_stages():
    found = analyse('RULE a PRIORITY 3 WHEN CONTEXT_STAGE_IS "a" THEN RESPOND "a"\n'
                    'RULE ab WHEN CONTEXT_STAGE_IS "a" OR CONTEXT_STAGE_IS "b" THEN RESPOND "ab"\n')
    assert covered_names(found) == {}


def test_a_longer_mention_text_is_covered_by_a_rule_on_a_text_inside_it():
    found = analyse('RULE huawei PRIORITY 2 WHEN USER_MENTION_ANY "华为" THEN RESPOND "1"\n'
                    'RULE huawei_phone WHEN USER_MENTION_ANY "华为手机|HUAWEI 华为平板" THEN RESPOND "2"\n')
    assert covered_names(found) == {"huawei_phone": ["huawei"]}


def test_a_shorter_mention_text_is_not_covered_by_a_longer_one():
    found = analyse('RULE huawei_phone PRIORITY 2 WHEN USER_MENTION_ANY "华为手机" THEN RESPOND "1"\n'
                    'RULE huawei WHEN USER_MENTION_ANY "华为" THEN RESPOND "2"\n')
    assert covered_names(found) == {}


def test_mention_texts_compare_case_insensitively():
    found = analyse('RULE apple PRIORITY 2 WHEN USER_MENTION_ANY "iphone" THEN RESPOND "1"\n'
                    'RULE apple16 WHEN USER_MENTION_ALL "IPHONE 16|pro" THEN RESPOND "2"\n')
    assert covered_names(found) == {"apple16": ["apple"]}


def test_equal_priority_goes_by_file_name_then_source_order():
    first = 'RULE early WHEN CONTEXT_HAS current_brand THEN RESPOND "1"\n'
    second = 'RULE late WHEN CONTEXT_EQ current_brand "华为" THEN RESPOND "2"\n'
    assert covered_names(analyse(first, second)) == {"late": ["early"]}
    # The same two rules with the files the other way round: nothing is covered.
    assert covered_names(analyse(second, first)) == {}


def test_a_higher_priority_later_in_the_file_is_tried_first():
    found = analyse('RULE low WHEN CONTEXT_EQ v "1" THEN RESPOND "1"\n'
                    'RULE high PRIORITY 1 WHEN CONTEXT_HAS v THEN RESPOND "2"\n')
    assert covered_names(found) == {"low": ["high"]}


def test_a_rule_and_its_negation_cover_everything_after_them():
    found = analyse('RULE set PRIORITY 9 WHEN CONTEXT_HAS current_brand THEN RESPOND "1"\n'
                    'RULE unset PRIORITY 9 WHEN NOT CONTEXT_HAS current_brand THEN RESPOND "2"\n'
                    'RULE later WHEN USER_MENTION_ANY "x" THEN RESPOND "3"\n'
                    'RULE fallback PRIORITY -100 WHEN ALWAYS THEN RESPOND "4"\n')
    assert covered_names(found) == {"later": ["set", "unset"], "fallback": ["set", "unset"]}


def test_every_intent_does_not_cover_a_turn_without_an_intent():
    found = analyse('RULE g PRIORITY 1 WHEN INTENT_IS greeting THEN RESPOND "1"\n'
                    'RULE p PRIORITY 1 WHEN INTENT_IS product_query THEN RESPOND "2"\n'
                    'RULE o PRIORITY 1 WHEN INTENT_IS objection THEN RESPOND "3"\n'
                    'RULE fallback WHEN ALWAYS THEN RESPOND "4"\n')
    assert covered_names(found) == {}


def test_an_intent_and_its_negation_cover_a_turn_without_an_intent_too():
    found = analyse('RULE g PRIORITY 1 WHEN INTENT_IS greeting THEN RESPOND "1"\n'
                    'RULE not_g PRIORITY 1 WHEN NOT INTENT_IS greeting THEN RESPOND "2"\n'
                    'RULE fallback WHEN ALWAYS THEN RESPOND "4"\n')
    assert covered_names(found) == {"fallback": ["g", "not_g"]}


def test_one_value_of_a_variable_does_not_cover_the_variable_being_set():
    found = analyse('RULE one PRIORITY 1 WHEN CONTEXT_EQ v "1" THEN RESPOND "1"\n'
                    'RULE unset PRIORITY 1 WHEN CONTEXT_NOT_SET v THEN RESPOND "2"\n'
                    'RULE any WHEN ALWAYS THEN RESPOND "3"\n')
    assert covered_names(found) == {}


def test_sales_stage_as_a_number_and_as_text_are_the_same():
    found = analyse('RULE three PRIORITY 1 WHEN SALES_STAGE_IS 3 THEN RESPOND "1"\n'
                    'RULE text WHEN CONTEXT_EQ sales_stage "3" AND USER_MENTION_ANY "x" THEN RESPOND "2"\n')
    assert covered_names(found) == {"text": ["three"]}


def test_a_category_name_inside_a_mention_text_is_a_category_mention():
    found = analyse('RULE any_category PRIORITY 1 WHEN USER_MENTIONS category THEN RESPOND "1"\n'
                    'RULE case WHEN USER_MENTION_ANY "手机壳" THEN RESPOND "2"\n')
    assert covered_names(found) == {"case": ["any_category"]}


def test_a_brand_name_is_a_brand_mention_only_inside_the_category_it_belongs_to():
    found = analyse('RULE any_brand PRIORITY 1 WHEN USER_MENTIONS brand THEN RESPOND "1"\n'
                    'RULE phone WHEN CONTEXT_EQ current_category "手机" AND USER_MENTION_ANY "华为" THEN RESPOND "2"\n'
                    'RULE computer WHEN CONTEXT_EQ current_category "电脑" AND USER_MENTION_ANY "华为" THEN RESPOND "3"\n'
                    'RULE anywhere WHEN USER_MENTION_ANY "华为" THEN RESPOND "4"\n')
    assert covered_names(found) == {"phone": ["any_brand"]}


SERIES_ALIAS = ('RULE any_series PRIORITY 1 WHEN USER_MENTIONS series THEN RESPOND "1"\n'
                'RULE hornet WHEN CONTEXT_EQ current_category "手机" AND CONTEXT_EQ current_brand "华为" '
                'AND USER_MENTION_ANY "大黄蜂" THEN RESPOND "2"\n')


def test_a_chinese_series_alias_is_a_series_mention_inside_its_category_and_brand():
    found = analyse(SERIES_ALIAS,
                    'RULE apple WHEN CONTEXT_EQ current_category "手机" AND CONTEXT_EQ current_brand "苹果" '
                    'AND USER_MENTION_ANY "大黄蜂" THEN RESPOND "3"\n'
                    'RULE dead WHEN CONTEXT_EQ current_category "手机" AND CONTEXT_EQ current_brand "华为" '
                    'AND USER_MENTION_ANY "大黄蜂" AND NOT USER_MENTIONS series THEN RESPOND "4"\n',
                    kb=series_knowledge())
    assert covered_names(found) == {"hornet": ["any_series"]}
    assert dead_names(found) == {"dead": ['CONTEXT_EQ current_category "手机"', 'CONTEXT_EQ current_brand "华为"',
                                          'USER_MENTION_ANY "大黄蜂"', "NOT USER_MENTIONS series"]}


def test_a_scenario_only_a_series_lists_is_a_scenario_mention_inside_its_category():
    found = analyse('RULE any_scenario PRIORITY 1 WHEN USER_MENTIONS scenario THEN RESPOND "1"\n'
                    'RULE photos WHEN CONTEXT_EQ current_category "手机" AND USER_MENTION_ANY "拍照" THEN RESPOND "2"\n'
                    'RULE photos_pc WHEN CONTEXT_EQ current_category "电脑" AND USER_MENTION_ANY "拍照" '
                    'THEN RESPOND "3"\n', kb=series_knowledge())
    assert covered_names(found) == {"photos": ["any_scenario"]}


def test_a_rule_fired_only_through_a_series_alias_the_knowledge_dropped_is_no_longer_reported():
    analyzer, kb = Analyzer(), series_knowledge()
    assert covered_names(analyzer.run(programs(SERIES_ALIAS), kb)) == {"hornet": ["any_series"]}
    kb.categories["手机"].brands["华为"].series_details["Mate 70"].aliases.remove("大黄蜂")
    kb.changed()
    assistant = Assistant(RuleBase.build(programs(SERIES_ALIAS)), kb)
    context = assistant.new_context(current_category="手机", current_brand="华为")
    assert assistant.turn(context, "大黄蜂").rule == "hornet"   # the engine fires it now: no W300 may remain
    assert covered_names(analyzer.run(programs(SERIES_ALIAS), kb)) == {}


def test_approximate_mention_readings_say_nothing():
    # Latin names need word boundaries ("Apple" is not found in "Applescript"); a message can
    # mention a brand without containing any listed text ("华 为", an alias).
    found = analyse('RULE any_brand PRIORITY 2 WHEN USER_MENTIONS brand THEN RESPOND "1"\n'
                    'RULE apple WHEN CONTEXT_EQ current_category "手机" AND USER_MENTION_ANY "apple" THEN RESPOND "2"\n'
                    'RULE listed PRIORITY 3 WHEN USER_MENTION_ANY "华为|苹果|联想|iphone|huawei|lenovo" '
                    'THEN RESPOND "3"\n'
                    'RULE brand_again PRIORITY 1 WHEN USER_MENTIONS brand AND CONTEXT_EQ current_category "手机" '
                    'THEN RESPOND "4"\n')
    assert covered_names(found) == {"brand_again": ["any_brand"]}


def test_rules_cut_short_by_a_syntax_error_never_run_and_cover_nothing():
    from studio.dsl.parser import parse
    broken = parse('RULE broken PRIORITY 9 WHEN ALWAYS THEN RESPOND\n', "r1.dsl").program
    fine = parse('RULE fine WHEN INTENT_IS x THEN RESPOND "1"\n', "r2.dsl").program
    assert Analyzer().run([broken, fine], knowledge()).covered == []


# ---------------------------------------------------------------- W340: never holds

def test_two_stages_at_once_never_hold_and_both_are_named():
    found = analyse('RULE r WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "a" AND USER_MENTION_ANY "x" '
                    'AND CONTEXT_STAGE_IS "b" THEN RESPOND "1"\n')
    assert dead_names(found) == {"r": ['CONTEXT_STAGE_IS "a"', 'CONTEXT_STAGE_IS "b"']}
    assert found.covered == []


def test_contradictions_name_their_parts():
    found = analyse('RULE x_and_not_x WHEN USER_MENTION_ANY "x" AND NOT USER_MENTION_ANY "x" THEN RESPOND "1"\n'
                    'RULE set_and_unset WHEN CONTEXT_NOT_SET v AND CONTEXT_HAS v THEN RESPOND "2"\n'
                    'RULE two_intents WHEN INTENT_IS greeting AND INTENT_IS objection THEN RESPOND "3"\n'
                    'RULE value_unset WHEN CONTEXT_EQ v "1" AND CONTEXT_NOT_SET v THEN RESPOND "4"\n'
                    'RULE inside WHEN USER_MENTION_ALL "华为手机|x" AND NOT USER_MENTION_ANY "华为" THEN RESPOND "5"\n'
                    'RULE sales WHEN SALES_STAGE_IS 1 AND SALES_STAGE_IS 2 THEN RESPOND "6"\n'
                    'RULE empty WHEN INTENT_IS greeting AND USER_MENTION_ALL "" THEN RESPOND "7"\n')
    assert dead_names(found) == {
        "x_and_not_x": ['USER_MENTION_ANY "x"', 'NOT USER_MENTION_ANY "x"'],
        "set_and_unset": ["CONTEXT_NOT_SET v", "CONTEXT_HAS v"],
        "two_intents": ["INTENT_IS greeting", "INTENT_IS objection"],
        "value_unset": ['CONTEXT_EQ v "1"', "CONTEXT_NOT_SET v"],
        "inside": ['USER_MENTION_ALL "华为手机|x"', 'NOT USER_MENTION_ANY "华为"'],
        "sales": ["SALES_STAGE_IS 1", "SALES_STAGE_IS 2"],
        "empty": ['USER_MENTION_ALL ""'],
    }


def test_a_category_name_in_the_text_and_no_category_mention_never_hold():
    found = analyse('RULE r WHEN USER_MENTION_ANY "想买手机" AND NOT USER_MENTIONS category THEN RESPOND "1"\n')
    assert dead_names(found) == {"r": ['USER_MENTION_ANY "想买手机"', "NOT USER_MENTIONS category"]}


def test_conditions_that_only_look_contradictory_are_not_reported():
    found = analyse('RULE brand WHEN USER_MENTION_ANY "华为" AND NOT USER_MENTIONS brand THEN RESPOND "1"\n'
                    'RULE latin WHEN USER_MENTION_ANY "iphone" AND NOT USER_MENTIONS brand THEN RESPOND "2"\n'
                    'RULE values WHEN CONTEXT_EQ v "" AND CONTEXT_HAS v THEN RESPOND "3"\n'
                    'RULE stage WHEN CONTEXT_STAGE_IS "a" AND NOT CONTEXT_STAGE_IS "b" THEN RESPOND "4"\n')
    assert found.dead == [] and found.covered == []


# ---------------------------------------------------------------- groups and incremental re-checks

PROJECT = ('RULE g1 PRIORITY 5 WHEN INTENT_IS greeting AND USER_MENTION_ANY "x" THEN RESPOND "1"\n'
           'RULE g2 WHEN INTENT_IS greeting AND USER_MENTION_ANY "x" AND CONTEXT_HAS v THEN RESPOND "2"\n'
           'RULE p1 PRIORITY 5 WHEN INTENT_IS product_query AND CONTEXT_STAGE_IS "s" THEN RESPOND "3"\n'
           'RULE p2 WHEN INTENT_IS product_query AND CONTEXT_STAGE_IS "s" THEN RESPOND "4"\n'
           'RULE o1 WHEN INTENT_IS objection THEN RESPOND "5"\n'
           'RULE any WHEN USER_MENTION_ANY "y" THEN RESPOND "6"\n')


def test_groups_split_situations_by_the_intent_rules_pin():
    groups = {g.intent: [r.name for r in g.members] for g in groups_of(ordered_rules(programs(PROJECT)))}
    assert groups == {"greeting": ["g1", "g2", "any"], "product_query": ["p1", "p2", "any"],
                      "objection": ["o1", "any"], None: ["any"]}


def test_an_edit_re_analyses_only_the_groups_of_the_edited_rule():
    analyzer = Analyzer()
    first = analyzer.run(programs(PROJECT), knowledge())
    assert covered_names(first) == {"g2": ["g1"], "p2": ["p1"]}
    assert analyzer.groups_analysed == 4
    analyzer.run(programs(PROJECT), knowledge())   # parsed again, same content: nothing to solve
    assert analyzer.groups_analysed == 4
    edited = PROJECT.replace('INTENT_IS product_query AND CONTEXT_STAGE_IS "s" THEN RESPOND "4"',
                             'INTENT_IS product_query AND CONTEXT_STAGE_IS "t" THEN RESPOND "4"')
    after = analyzer.run(programs(edited), knowledge())
    assert analyzer.groups_analysed == 5   # product_query's group only
    assert covered_names(after) == {"g2": ["g1"]} == covered_names(Analyzer().run(programs(edited), knowledge()))


def test_editing_a_rule_that_pins_no_intent_re_analyses_every_group():
    analyzer = Analyzer()
    analyzer.run(programs(PROJECT), knowledge())
    analyzer.run(programs(PROJECT.replace('USER_MENTION_ANY "y"', 'USER_MENTION_ANY "z"')), knowledge())
    assert analyzer.groups_analysed == 8


def test_results_follow_the_knowledge_and_the_intents():
    analyzer = Analyzer()
    source = ('RULE any_brand PRIORITY 1 WHEN USER_MENTIONS brand THEN RESPOND "1"\n'
              'RULE phone WHEN CONTEXT_EQ current_category "手机" AND USER_MENTION_ANY "荣耀" THEN RESPOND "2"\n')
    assert covered_names(analyzer.run(programs(source), knowledge())) == {}
    kb = knowledge()
    from studio.knowledge import Brand
    kb.categories["手机"].brands["荣耀"] = Brand("荣耀")
    kb.changed()
    assert covered_names(analyzer.run(programs(source), kb)) == {"phone": ["any_brand"]}


def test_an_empty_project_has_no_findings():
    findings = Analyzer().run([Program("r.dsl")], knowledge())
    assert findings.covered == [] and findings.dead == []


def test_many_copies_of_one_condition_are_covered_by_the_first_without_a_quadratic_search(monkeypatch):
    from studio.analysis import solver
    assumptions = []
    solve = solver.Solver.solve
    monkeypatch.setattr(solver.Solver, "solve", lambda self, a=(): assumptions.append(len(a)) or solve(self, a))
    rules = "".join(f'RULE copy{i} WHEN CONTEXT_EQ color "红" THEN RESPOND "{i}"\n' for i in range(300))
    found = analyse(rules)
    assert covered_names(found) == {f"copy{i}": ["copy0"] for i in range(1, 300)}
    assert sum(assumptions) < 300 * 20   # checking each copy against all before it: ~45,000
