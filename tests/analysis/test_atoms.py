"""Conditions read as propositions over atoms, and the facts between atoms."""
from studio.analysis.atoms import (FALSE, TRUE, AtMostOne, Implies, Not, All, Any_, canonical, contains, eq,
                                   facts, has, intent, literal_names, mentions, pins, proposition, sales)
from studio.dsl.parser import parse

from tests.analysis.helpers import knowledge, series_knowledge


def condition(text: str):
    result = parse(f'RULE r WHEN {text} THEN RESPOND "x"\n', "r.dsl")
    assert not result.diagnostics, result.diagnostics
    return result.program.rules[0].condition


def test_each_condition_reads_as_the_engine_evaluates_it():
    assert proposition(condition('USER_MENTION_ANY "华为| Apple |"')) == Any_((contains("华为"), contains("apple")))
    assert proposition(condition('USER_MENTION_ALL "a|B"')) == All((contains("a"), contains("b")))
    assert proposition(condition('CONTEXT_STAGE_IS "s"')) == eq("current_stage", "s")
    assert proposition(condition('CONTEXT_NOT_SET v')) == Not(has("v"))
    assert proposition(condition('SALES_STAGE_IS 3')) == sales(3)
    assert proposition(condition('USER_MENTIONS brand')) == mentions("brand")
    assert proposition(condition('ALWAYS')) == TRUE


def test_mention_all_of_no_alternatives_never_holds_as_in_the_engine():
    assert proposition(condition('USER_MENTION_ALL " | "')) == FALSE
    assert proposition(condition('USER_MENTION_ANY ""')) == FALSE


def test_true_and_false_are_different_propositions():
    # Plain tuples compare without their class: the tag keeps AND() and OR() apart.
    assert TRUE != FALSE and len({TRUE, FALSE}) == 2
    assert All((intent("a"),)) != Any_((intent("a"),))


def test_constants_fold_and_double_negation_cancels():
    assert proposition(condition('ALWAYS OR INTENT_IS x')) == TRUE
    assert proposition(condition('NOT NOT ALWAYS')) == TRUE
    assert proposition(condition('INTENT_IS x AND NOT ALWAYS')) == FALSE


def test_operand_order_does_not_change_the_canonical_form():
    a = proposition(condition('INTENT_IS x AND USER_MENTION_ANY "贵|便宜"'))
    b = proposition(condition('USER_MENTION_ANY "便宜 | 贵" AND INTENT_IS x'))
    assert a != b and canonical(a) == canonical(b)


def test_pins_read_intents_and_stages_of_top_level_conjuncts_only():
    assert pins(proposition(condition('(INTENT_IS a OR INTENT_IS b) AND CONTEXT_STAGE_IS "s"'))) == (
        frozenset({"a", "b"}), frozenset({"s"}))
    assert pins(proposition(condition('INTENT_IS a OR USER_MENTION_ANY "x"'))) == (None, None)
    assert pins(proposition(condition('NOT INTENT_IS a'))) == (None, None)
    assert pins(proposition(condition('CONTEXT_EQ current_stage "s" AND INTENT_IS a AND INTENT_IS b'))) == (
        frozenset(), frozenset({"s"}))


def test_intents_stage_values_and_sales_stages_exclude_each_other():
    found = facts({intent("a"), intent("b"), eq("current_stage", "x"), eq("current_stage", "y"), sales(1), sales(2)})
    assert AtMostOne((intent("a"), intent("b"))) in found
    assert AtMostOne((eq("current_stage", "x"), eq("current_stage", "y"))) in found
    assert AtMostOne((sales(1), sales(2))) in found


def test_a_value_implies_the_variable_is_set_but_an_empty_value_does_not():
    found = facts({eq("v", "x"), eq("v", ""), has("v")})
    assert Implies((eq("v", "x"),), has("v")) in found
    assert not any(isinstance(f, Implies) and f.premises == (eq("v", ""),) for f in found)


def test_numbers_are_always_set_and_read_as_decimal_text():
    found = facts({has("sales_stage"), eq("sales_stage", "3"), eq("sales_stage", "03"), sales(3)})
    assert Implies((), has("sales_stage")) in found
    assert Implies((eq("sales_stage", "3"),), sales(3)) in found and Implies((sales(3),), eq("sales_stage", "3")) in found
    assert Implies((), eq("sales_stage", "03"), False) in found


def test_containing_a_text_implies_containing_the_texts_inside_it():
    found = facts({contains("华为手机"), contains("华为"), contains("手机"), contains("为手"), contains("苹果")})
    implied = {(f.premises[0].name, f.conclusion.name) for f in found if isinstance(f, Implies)}
    assert implied == {("华为手机", "华为"), ("华为手机", "手机"), ("华为手机", "为手")}


def test_only_chinese_names_make_a_contained_text_a_mention():
    names = literal_names(knowledge())
    assert {n.text for n in names} >= {"手机", "苹果", "华为", "笔记本", "摄影"}
    assert not {"iPhone", "Apple", "Mate 70", "ThinkPad X1", "拯救者 Y9000P"} & {n.text for n in names}


def test_a_contained_category_name_implies_a_category_mention_anywhere():
    found = facts({contains("买手机壳"), mentions("category")}, literal_names(knowledge()))
    assert Implies((contains("买手机壳"),), mentions("category")) in found


def test_a_contained_brand_name_implies_a_brand_mention_only_inside_its_category():
    kb_names = literal_names(knowledge())
    alone = facts({contains("华为"), mentions("brand")}, kb_names)
    assert not any(isinstance(f, Implies) and f.conclusion == mentions("brand") for f in alone)
    scoped = facts({contains("华为"), mentions("brand"), eq("current_category", "手机")}, kb_names)
    assert Implies((contains("华为"), eq("current_category", "手机")), mentions("brand")) in scoped


def test_conversation_start_is_an_atom_that_excludes_every_intent_and_message_text():
    from studio.analysis.atoms import OPENING, atoms_of
    [rule] = parse('RULE r WHEN CONVERSATION_START AND NOT USER_MENTION_ANY "你好" THEN RESPOND "x"\n').program.rules
    assert OPENING in atoms_of(proposition(rule.condition))
    found = facts({OPENING, intent("greeting"), contains("你好")})
    assert Implies((OPENING,), intent("greeting"), False) in found
    assert Implies((OPENING,), contains("你好"), False) in found


def test_chinese_series_aliases_and_scenarios_only_a_series_lists_are_literal_names():
    names = {(n.text, n.slot, n.category, n.brand) for n in literal_names(series_knowledge())}
    assert {("大黄蜂", "series", "手机", "华为"), ("小黑", "series", "电脑", "联想"),
            ("拍照", "scenario", "手机", None), ("出差", "scenario", "电脑", None)} <= names
    assert not {n for n in names if n[0] == "M70"}   # a Latin alias needs word boundaries


def test_a_contained_series_alias_implies_a_series_mention_inside_its_category_and_brand():
    kb_names = literal_names(series_knowledge())
    scope = (eq("current_category", "手机"), eq("current_brand", "华为"))
    scoped = facts({contains("要大黄蜂"), mentions("series"), *scope}, kb_names)
    assert Implies((contains("要大黄蜂"), *scope), mentions("series")) in scoped
    unscoped = facts({contains("要大黄蜂"), mentions("series"), eq("current_category", "手机")}, kb_names)
    assert not any(isinstance(f, Implies) and f.conclusion == mentions("series") for f in unscoped)
