"""The decision table's rows (simple and complex rules, fired counts) and the text edits of its cells."""
from __future__ import annotations

from pathlib import Path

import pytest

from studio.decision_table import (CellEditError, fired_counts, intent_edit, priority_edit, stage_edit,
                                   summarize_action, table_rows)
from studio.dsl.parser import parse
from studio.project import Project

RULES = '''INTENT greeting "打招呼"
    KEYWORDS "你好"
INTENT product_query "问商品"
    KEYWORDS "手机|买"

# 打招呼
RULE greet
    PRIORITY 50
WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "welcome"
THEN
    RESPOND "您好！欢迎光临优质数码，我是导购李销售。"
    SET_STAGE "category_select"

RULE pick_phone
WHEN INTENT_IS product_query
    # 说了手机
    AND USER_MENTION_ANY "手机|iPhone"
    AND CONTEXT_NOT_SET current_category
THEN
    ADD_TO_CHAIN category "手机"
    SUGGEST_BRANDS

RULE either
    PRIORITY 10
WHEN (INTENT_IS greeting OR INTENT_IS product_query) AND NOT CONTEXT_HAS cart
THEN
    SET_SALES_STAGE 2

RULE fallback
    PRIORITY -100
WHEN ALWAYS
THEN
    GENERATE "抱歉，我没太明白。"
'''


def rows_of(text: str):
    result = parse(text, "rules/r.dsl")
    assert not result.diagnostics
    return {row.name: row for row in table_rows([result.program])}


def edited(text: str, name: str, make) -> str:
    row = rows_of(text)[name]
    new = make(text, row.rule).apply(text)
    assert not parse(new, "rules/r.dsl").diagnostics, new
    return new


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new), "lines were added or removed"
    return [(a, b) for a, b in zip(old, new) if a != b]


def test_a_simple_rule_has_its_intent_stage_mentions_and_other_tests_in_their_columns():
    rows = rows_of(RULES)
    greet, phone = rows["greet"], rows["pick_phone"]
    assert (greet.file, greet.line, greet.column, greet.priority) == ("rules/r.dsl", 7, 1, 50)
    assert (greet.intent, greet.stage, greet.mentions, greet.other, greet.simple) == (
        "greeting", "welcome", "", "", True)
    assert greet.actions == 'RESPOND "您好！欢迎光临优质数码，我是导…", SET_STAGE "category_select"'
    assert (phone.intent, phone.stage, phone.priority) == ("product_query", None, 0)
    assert phone.mentions == 'USER_MENTION_ANY "手机|iPhone"'
    assert phone.other == "CONTEXT_NOT_SET current_category"
    assert phone.actions == 'ADD_TO_CHAIN category "手机", SUGGEST_BRANDS'


def test_a_rule_too_complex_for_the_columns_shows_its_condition_and_leaves_them_empty():
    either = rows_of(RULES)["either"]
    assert not either.simple
    assert (either.intent, either.stage, either.mentions) == (None, None, "")
    assert either.other == "(INTENT_IS greeting OR INTENT_IS product_query) AND NOT CONTEXT_HAS cart"
    two_intents = rows_of('INTENT a\nINTENT b\nRULE r WHEN INTENT_IS a AND INTENT_IS b THEN SUGGEST_BRANDS\n')["r"]
    assert not two_intents.simple and two_intents.other == "INTENT_IS a AND INTENT_IS b"
    with pytest.raises(CellEditError):
        intent_edit(RULES, either.rule, "greeting")


def test_a_half_typed_rule_is_not_a_row():
    result = parse(RULES + "\nRULE broken\nWHEN INTENT_IS\n", "rules/r.dsl")
    assert [row.name for row in table_rows([result.program])] == ["greet", "pick_phone", "either", "fallback"]


def test_rows_of_one_file_only():
    a, b = parse("RULE a WHEN ALWAYS THEN SUGGEST_BRANDS\n", "rules/a.dsl"), parse(
        "RULE b WHEN ALWAYS THEN SUGGEST_BRANDS\n", "rules/b.dsl")
    assert [r.name for r in table_rows([a.program, b.program], "rules/b.dsl")] == ["b"]


def test_actions_are_summarised_with_short_arguments():
    rule = rows_of('RULE r WHEN ALWAYS THEN SET_VAR cart "{product_chain}" CAPTURE brand '
                   'SUGGEST_BY_SCENARIO SUGGEST_BY_SCENARIO "办公" RESET_SHOPPING_CONTEXT\n')["r"].rule
    assert [summarize_action(a) for a in rule.actions] == [
        'SET_VAR cart "{product_chain}"', "CAPTURE brand", "SUGGEST_BY_SCENARIO", 'SUGGEST_BY_SCENARIO "办公"',
        "RESET_SHOPPING_CONTEXT"]


def test_changing_the_priority_rewrites_only_its_number():
    after = edited(RULES, "greet", lambda text, rule: priority_edit(text, rule, 7))
    assert changed_lines(RULES, after) == [("    PRIORITY 50", "    PRIORITY 7")]
    assert rows_of(after)["greet"].priority == 7


def test_a_rule_without_priority_gets_a_priority_line_under_its_name():
    after = edited(RULES, "pick_phone", lambda text, rule: priority_edit(text, rule, -5))
    assert after == RULES.replace("RULE pick_phone\n", "RULE pick_phone\n    PRIORITY -5\n")


def test_changing_the_intent_renames_only_the_intent_test():
    after = edited(RULES, "greet", lambda text, rule: intent_edit(text, rule, "product_query"))
    assert changed_lines(RULES, after) == [
        ('WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "welcome"',
         'WHEN INTENT_IS product_query AND CONTEXT_STAGE_IS "welcome"')]


def test_removing_the_first_test_takes_its_and_and_keeps_the_comment_above_the_rule():
    after = edited(RULES, "pick_phone", lambda text, rule: intent_edit(text, rule, None))
    assert after == RULES.replace("RULE pick_phone\nWHEN INTENT_IS product_query\n    # 说了手机\n    AND USER_MENTION_ANY",
                                  "# 说了手机\nRULE pick_phone\nWHEN USER_MENTION_ANY")
    assert rows_of(after)["pick_phone"].intent is None


def test_removing_a_later_test_takes_the_and_before_it():
    after = edited(RULES, "greet", lambda text, rule: stage_edit(text, rule, None))
    assert changed_lines(RULES, after) == [('WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "welcome"',
                                            "WHEN INTENT_IS greeting")]


def test_adding_a_stage_goes_after_the_intent_and_to_always_it_replaces_always():
    after = edited(RULES, "pick_phone", lambda text, rule: stage_edit(text, rule, "brand_select"))
    assert after == RULES.replace("WHEN INTENT_IS product_query\n",   # laid out as its rule: one test a line
                                  'WHEN INTENT_IS product_query\n    AND CONTEXT_STAGE_IS "brand_select"\n')
    after = edited(RULES, "greet", lambda text, rule: stage_edit(text, rule, None))
    after = edited(after, "greet", lambda text, rule: stage_edit(text, rule, "welcome"))
    assert after == RULES
    after = edited(RULES, "fallback", lambda text, rule: intent_edit(text, rule, "greeting"))
    assert changed_lines(RULES, after) == [("WHEN ALWAYS", "WHEN INTENT_IS greeting")]
    after = edited(after, "fallback", lambda text, rule: intent_edit(text, rule, None))
    assert after == RULES


def test_adding_an_intent_goes_first():
    text = 'INTENT a\nRULE r\nWHEN CONTEXT_HAS x\nTHEN\n    SUGGEST_BRANDS\n'
    assert edited(text, "r", lambda t, rule: intent_edit(t, rule, "a")) == text.replace(
        "WHEN CONTEXT_HAS x", "WHEN INTENT_IS a AND CONTEXT_HAS x")


def test_an_intent_that_is_not_a_name_is_refused():
    with pytest.raises(CellEditError):
        intent_edit(RULES, rows_of(RULES)["greet"].rule, "not a name")


def test_fired_counts_are_those_of_the_conversation_tests(tmp_path):
    root = tmp_path / "p"
    (root / "rules").mkdir(parents=True)
    (root / "knowledge").mkdir()
    (root / "conversations").mkdir()
    (root / "rules" / "r.dsl").write_text(RULES, encoding="utf-8")
    (root / "knowledge" / "k.json").write_text('{"categories": {}}', encoding="utf-8")
    (root / "conversations" / "t.yaml").write_text(
        "name: t\nturns:\n  - user: 你好\n    expect: {rule: greet}\n  - user: 随便说说\n  - user: 嗯\n",
        encoding="utf-8")
    (root / "conversations" / "broken.yaml").write_text("turns: [", encoding="utf-8")
    analysis = Project.open(root).analyze()
    assert fired_counts(analysis) == {"greet": 1, "pick_phone": 0, "either": 0, "fallback": 2}


def outside(text: str, rule) -> tuple[str, str]:
    return text[:rule.span.start], text[rule.span.end:]


def test_every_cell_edit_of_the_sample_changes_its_rule_only_and_reads_back():
    rel = "rules/ecommerce.dsl"
    text = (Path(__file__).resolve().parents[2] / rel).read_text(encoding="utf-8")
    program = parse(text, rel).program
    rows = table_rows([program])
    assert rows, "the sample has rules"
    for row in rows:
        edits = [("priority", lambda r: priority_edit(text, r, row.priority + 3), row.priority + 3)]
        if row.simple:
            edits += [("intent", lambda r: intent_edit(text, r, "thanks"), "thanks"),
                      ("intent", lambda r: intent_edit(text, r, None), None),
                      ("stage", lambda r: stage_edit(text, r, "checkout"), "checkout"),
                      ("stage", lambda r: stage_edit(text, r, None), None)]
        for column, make, value in edits:
            edit = make(row.rule)
            after = edit.apply(text)
            result = parse(after, rel)
            assert not result.diagnostics, (row.name, column, value)
            (new,) = [r for r in table_rows([result.program]) if r.name == row.name]
            assert getattr(new, column) == value, (row.name, column)
            assert outside(after, new.rule) == outside(text, row.rule), (row.name, column)   # nothing else moved
            others = [r for r in table_rows([result.program]) if r.name != row.name]
            assert [(r.name, r.priority, r.intent, r.stage, r.other, r.actions) for r in others] == [
                (r.name, r.priority, r.intent, r.stage, r.other, r.actions) for r in rows if r.name != row.name]
