"""The decision table of a rule base: one row per rule, and the text edits behind its editable cells.

Plain Python (no Qt); the Decision Table panel (studio/ui/decision_table.py)
shows these rows. A rule is *simple* when its condition is one test or an
AND of tests, with at most one `INTENT_IS` and one `CONTEXT_STAGE_IS`: its
intent and stage get columns of their own and can be changed there. Any
other condition (OR, NOT, nested groups, several intents) is shown whole in
"other conditions" and its intent and stage cells stay empty.

A cell edit that changes a value changes only that token (the priority's
number, the intent's name, the stage's string). One that adds or removes a
test (or a missing `PRIORITY` line) goes through the rule's form model
(studio/authoring): the rule is rendered as the guided form renders it and
only the rule's text changes (its comments stay); every other line keeps
its exact text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from studio.authoring import Row, TextEdit, from_rule, render, rule_edit
from studio.conversations.runner import load_tests, run_tests
from studio.dsl import ast
from studio.engine.actions import describe_action
from studio.engine.conditions import describe, quote

SUMMARY_TEXT_LIMIT = 16   # characters of a template shown in the actions' summary


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
    actions: str                # the actions, summarised (a template cut after SUMMARY_TEXT_LIMIT characters)
    actions_full: str           # the actions with their whole arguments, as traces show them (for an export)
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
    actions_full = ", ".join(describe_action(action) for action in rule.actions)
    common = dict(file=file, line=rule.span.line, column=rule.span.column, name=rule.name.text,
                  priority=rule.priority, actions=actions, actions_full=actions_full, rule=rule)
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


def summarize_action(action: ast.Action, limit: int = SUMMARY_TEXT_LIMIT) -> str:
    """One action in a few words: its keyword and its argument, a text cut after `limit` characters
    (`describe_action` writes it whole)."""
    keyword = re.sub(r"(?<!^)(?=[A-Z])", "_", type(action).__name__).upper()
    parts = [keyword]
    for name in ("slot", "var"):
        value = getattr(action, name, None)
        if value is not None:
            parts.append(value.text)
    for name in ("template", "stage", "value", "fallback", "scenario"):
        value = getattr(action, name, None)
        if value is not None:
            parts.append(quote(_shortened(value.value, limit)))
    number = getattr(action, "number", None)
    if number is not None:
        parts.append(str(number.value))
    return " ".join(parts)


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


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


def priority_edit(source: str, rule: ast.Rule, priority: int) -> TextEdit:
    """Replace the priority's number, or add `PRIORITY n` under `RULE name` (through the rule's form)."""
    if rule.priority_span is not None:
        return TextEdit(rule.priority_span.start, rule.priority_span.end, str(priority))
    form = _form_of(rule)
    form.priority = priority
    return rule_edit(source, rule.span.start, rule.span.end, render(form))


def intent_edit(source: str, rule: ast.Rule, intent: str | None) -> TextEdit:
    """Make the rule test `intent` (None: no intent test)."""
    if intent is not None and not re.fullmatch(r"[^\W\d]\w*", intent):
        raise CellEditError(f"not an intent name: {intent!r}")
    current = next((t for t in _tests_of(rule) if isinstance(t, ast.IntentIs)), None)
    if current is not None and intent is not None:
        return TextEdit(current.intent.span.start, current.intent.span.end, intent)
    return _with_test(source, rule, "INTENT_IS", intent)


def stage_edit(source: str, rule: ast.Rule, stage: str | None) -> TextEdit:
    """Make the rule test dialogue stage `stage` (None or "": no stage test)."""
    stage = stage or None
    current = next((t for t in _tests_of(rule) if isinstance(t, ast.ContextStageIs)), None)
    if current is not None and stage is not None:
        return TextEdit(current.stage.span.start, current.stage.span.end, quote(stage))
    return _with_test(source, rule, "CONTEXT_STAGE_IS", stage)


def _tests_of(rule: ast.Rule) -> list[ast.Condition]:
    tests = simple_tests(rule.condition) if rule.condition is not None else None
    if tests is None:
        raise CellEditError(f"rule {rule.name.text}: its condition is not simple; edit it as text")
    return tests


def _form_of(rule: ast.Rule):
    form = from_rule(rule)
    if form is None:
        raise CellEditError(f"rule {rule.name.text} is cut short by a syntax error")
    return form


def _with_test(source: str, rule: ast.Rule, kind: str, value: str | None) -> TextEdit:
    """Add the test `kind value` to the rule's AND, or remove its test of `kind` (value None), through the
    rule's form, so that the new condition is laid out as the form lays out every rule. The caller has
    checked that the rule is simple (`_tests_of`)."""
    form = _form_of(rule)
    rows = form.condition.items
    rows[:] = [row for row in rows if row.kind not in (kind, "ALWAYS")]
    if value is not None:   # hand-written rules name the intent first, then the stage
        at = 1 if kind == "CONTEXT_STAGE_IS" and rows and rows[0].kind == "INTENT_IS" else 0
        rows.insert(at, Row(kind, [value]))
    if not rows:
        rows.append(Row("ALWAYS", []))
    return rule_edit(source, rule.span.start, rule.span.end, render(form))


__all__ = ["CellEditError", "TableRow", "TextEdit", "fired_counts", "intent_edit", "priority_edit", "row_of",
           "simple_tests", "stage_edit", "summarize_action", "table_rows"]
