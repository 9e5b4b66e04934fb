"""The decision table of a rule base: one row per rule, and the text edits behind its editable cells.

Plain Python (no Qt); the Decision Table panel (studio/ui/decision_table.py)
shows these rows. A rule is *simple* when its condition is one test or an
AND of tests, with at most one `INTENT_IS` and one `CONTEXT_STAGE_IS`: its
intent and stage get columns of their own and can be changed there. Any
other condition (OR, NOT, nested groups, several intents) is shown whole in
"other conditions" and its intent and stage cells stay empty.

Cell edits change only the tokens they are about (the priority's number,
the intent's name, the stage's string), or insert / remove one test with
its `AND`: the rest of the rule, its comments and every other line keep
their exact text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from studio.conversations.runner import load_tests, run_tests
from studio.dsl import ast
from studio.engine.conditions import describe, quote

SUMMARY_TEXT_LIMIT = 16   # characters of a template shown in the actions' summary
PRIORITY_INDENT = "    "  # as hand-written rules put `PRIORITY` under `RULE`


@dataclass(frozen=True)
class TableRow:
    file: str
    line: int
    column: int
    name: str
    priority: int
    intent: str | None          # None: no intent test, or the rule is not simple
    stage: str | None
    mentions: str               # the mention tests, as written ("" for a rule that is not simple)
    other: str                  # the rest of the condition, or all of it when the rule is not simple
    actions: str                # the actions, summarised
    simple: bool                # intent and stage cells are editable
    rule: ast.Rule = field(repr=False, compare=False)


def table_rows(programs: list[ast.Program], file: str | None = None) -> list[TableRow]:
    """The rows of every complete rule (of `file` only, when given), in file order."""
    rows = []
    for program in programs:
        if file is not None and program.file != file:
            continue
        rows += [row_of(rule, program.file) for rule in program.rules
                 if rule.complete and rule.condition is not None]
    return rows


def row_of(rule: ast.Rule, file: str) -> TableRow:
    tests = simple_tests(rule.condition)
    actions = ", ".join(summarize_action(action) for action in rule.actions)
    common = dict(file=file, line=rule.span.line, column=rule.span.column, name=rule.name.text,
                  priority=rule.priority, actions=actions, rule=rule)
    if tests is None:
        return TableRow(intent=None, stage=None, mentions="", other=describe(rule.condition), simple=False, **common)
    intent = next((t.intent.text for t in tests if isinstance(t, ast.IntentIs)), None)
    stage = next((t.stage.value for t in tests if isinstance(t, ast.ContextStageIs)), None)
    mentions = [describe(t) for t in tests if isinstance(t, (ast.UserMentionAny, ast.UserMentionAll, ast.UserMentions))]
    other = [describe(t) for t in tests
             if not isinstance(t, (ast.IntentIs, ast.ContextStageIs, ast.UserMentionAny, ast.UserMentionAll,
                                   ast.UserMentions))]
    return TableRow(intent=intent, stage=stage, mentions=" AND ".join(mentions), other=" AND ".join(other),
                    simple=True, **common)


def simple_tests(condition: ast.Expr) -> list[ast.Condition] | None:
    """The tests of a simple condition (one test, or an AND of tests with one intent and one stage at most);
    None when the condition is not simple."""
    tests = list(condition.operands) if isinstance(condition, ast.And) else [condition]
    if any(isinstance(t, (ast.And, ast.Or, ast.Not)) for t in tests):
        return None
    if sum(isinstance(t, ast.IntentIs) for t in tests) > 1 or sum(isinstance(t, ast.ContextStageIs) for t in tests) > 1:
        return None
    return tests


def summarize_action(action: ast.Action) -> str:
    """One action in a few words: its keyword and a short form of its argument."""
    keyword = re.sub(r"(?<!^)(?=[A-Z])", "_", type(action).__name__).upper()
    parts = [keyword]
    for name in ("slot", "var"):
        value = getattr(action, name, None)
        if value is not None:
            parts.append(value.text)
    for name in ("template", "stage", "value", "fallback", "scenario"):
        value = getattr(action, name, None)
        if value is not None:
            parts.append(quote(_shortened(value.value)))
    number = getattr(action, "number", None)
    if number is not None:
        parts.append(str(number.value))
    return " ".join(parts)


def _shortened(text: str) -> str:
    return text if len(text) <= SUMMARY_TEXT_LIMIT else text[:SUMMARY_TEXT_LIMIT - 1] + "…"


# --- fired in tests ---------------------------------------------------------------------------------

def fired_counts(analysis) -> dict[str, int]:
    """How often each rule fired in the project's conversation tests (0 for the rules that never did).

    Tests that cannot be loaded are left out; `llm: auto` tests answer from
    their cassettes, or offline, as `rule-studio test` runs them without a model.
    """
    tests, _errors = load_tests(analysis)
    report = run_tests(analysis, tests)
    return {site.name: report.coverage.fired[site.name] for site in report.coverage.rules}


# --- editing a cell ---------------------------------------------------------------------------------

class CellEditError(ValueError):
    """The cell cannot be changed that way (a rule that is not simple, a value that is not a name)."""


@dataclass(frozen=True)
class TextEdit:
    start: int
    end: int
    text: str

    def apply(self, source: str) -> str:
        return source[:self.start] + self.text + source[self.end:]


def priority_edit(rule: ast.Rule, priority: int) -> TextEdit:
    """Replace the priority's number, or add `PRIORITY n` on its own line under `RULE name`."""
    if rule.priority_span is not None:
        return TextEdit(rule.priority_span.start, rule.priority_span.end, str(priority))
    end = rule.name.span.end
    return TextEdit(end, end, f"\n{PRIORITY_INDENT}PRIORITY {priority}")


def intent_edit(source: str, rule: ast.Rule, intent: str | None) -> TextEdit:
    """Make the rule test `intent` (None: no intent test)."""
    if intent is not None and not re.fullmatch(r"[^\W\d]\w*", intent):
        raise CellEditError(f"not an intent name: {intent!r}")
    tests = _tests_of(rule)
    current = next((t for t in tests if isinstance(t, ast.IntentIs)), None)
    if current is not None:
        if intent is None:
            return _removal(source, rule.condition, tests, current)
        return TextEdit(current.intent.span.start, current.intent.span.end, intent)
    if intent is None:
        return TextEdit(0, 0, "")
    return _addition(rule.condition, f"INTENT_IS {intent}")


def stage_edit(source: str, rule: ast.Rule, stage: str | None) -> TextEdit:
    """Make the rule test dialogue stage `stage` (None or "": no stage test)."""
    stage = stage or None
    tests = _tests_of(rule)
    current = next((t for t in tests if isinstance(t, ast.ContextStageIs)), None)
    if current is not None:
        if stage is None:
            return _removal(source, rule.condition, tests, current)
        return TextEdit(current.stage.span.start, current.stage.span.end, quote(stage))
    if stage is None:
        return TextEdit(0, 0, "")
    test = f"CONTEXT_STAGE_IS {quote(stage)}"
    intent = next((t for t in tests if isinstance(t, ast.IntentIs)), None)
    if intent is not None:   # hand-written rules name the intent first, then the stage
        return TextEdit(intent.span.end, intent.span.end, f" AND {test}")
    return _addition(rule.condition, test)


def _tests_of(rule: ast.Rule) -> list[ast.Condition]:
    tests = simple_tests(rule.condition) if rule.condition is not None else None
    if tests is None:
        raise CellEditError(f"rule {rule.name.text}: its condition is not simple; edit it as text")
    return tests


def _addition(condition: ast.Expr, test: str) -> TextEdit:
    if isinstance(condition, ast.Always):   # `WHEN ALWAYS` becomes `WHEN <test>`
        return TextEdit(condition.span.start, condition.span.end, test)
    return TextEdit(condition.span.start, condition.span.start, f"{test} AND ")


def _removal(source: str, condition: ast.Expr, tests: list[ast.Condition], test: ast.Condition) -> TextEdit:
    """Remove `test` and one `AND` beside it; a comment between them stays."""
    if len(tests) == 1:
        return TextEdit(test.span.start, test.span.end, "ALWAYS")
    index = next(i for i, t in enumerate(tests) if t is test)
    if index == 0:   # `A AND B` → `B`: up to the next test
        return TextEdit(test.span.start, tests[1].span.start, "")
    before = tests[index - 1].span.end
    between = source[before:test.span.start]
    keyword = between.rfind("AND")
    start = before + len(between[:keyword].rstrip()) if keyword >= 0 else before
    return TextEdit(start, test.span.end, "")


__all__ = ["CellEditError", "TableRow", "TextEdit", "fired_counts", "intent_edit", "priority_edit", "row_of",
           "simple_tests", "stage_edit", "summarize_action", "table_rows"]
