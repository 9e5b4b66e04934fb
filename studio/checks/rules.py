"""E120 / W300 / W330: the rule base as a whole.

E120: two rules with one name — the trace, the outline and conversation
tests (`expect: {rule: x}`) name rules, so a name must say which one.

W300: a rule that can never fire, because a rule tried before it (higher
priority, or equal priority and earlier in file-name then source order) has
a condition that is always true (`ALWAYS`, `ALWAYS OR x`) or the very same
condition (compared without positions, AND/OR operands in any order) — or
because its own condition is never true (`NOT ALWAYS`).

W330: no rule whose condition is always true: some messages get no reply.
"""
from __future__ import annotations

from collections.abc import Iterator

from studio.checks.report import report
from studio.checks.view import LocatedRule, ProjectView
from studio.diagnostics import Diagnostic, Span
from studio.dsl import ast


def duplicate_rule_names(view: ProjectView) -> Iterator[Diagnostic]:
    """Every rule named like an earlier one, in any file (E120)."""
    first: dict[str, LocatedRule] = {}
    for located in view.rules:
        name = located.rule.name
        if name.text in first:
            yield report("E120", f"duplicate rule name '{name.text}': first defined at {first[name.text].where}",
                         name.span, located.file)
        else:
            first[name.text] = located


def unreachable_rules(view: ProjectView) -> Iterator[Diagnostic]:
    """Rules that an earlier rule always pre-empts, or whose condition never holds (W300)."""
    catch_all: LocatedRule | None = None
    by_shape: dict[object, LocatedRule] = {}
    for located in view.runnable_rules:
        rule = located.rule
        name = rule.name
        if catch_all is not None:
            yield report("W300", f"rule '{name.text}' can never fire: rule '{catch_all.rule.name.text}' "
                                 f"({catch_all.where}, priority {catch_all.rule.priority}) is tried first "
                                 "and its condition is always true", name.span, located.file)
            continue
        shape = condition_shape(rule.condition)
        twin = by_shape.setdefault(shape, located)
        if twin is not located:
            yield report("W300", f"rule '{name.text}' can never fire: rule '{twin.rule.name.text}' "
                                 f"({twin.where}, priority {twin.rule.priority}) is tried first "
                                 "and has the same condition", name.span, located.file)
        elif located.may_be_constant and always_false(rule.condition):
            yield report("W300", f"rule '{name.text}' can never fire: its condition is never true",
                         name.span, located.file)
        if located.may_be_constant and always_true(rule.condition):
            catch_all = located


def missing_fallback(view: ProjectView) -> Iterator[Diagnostic]:
    """No rule that always fires (W330); reported at the last rule, where a fallback would go."""
    if not view.programs or any(r.may_be_constant and always_true(r.rule.condition) for r in view.runnable_rules):
        return
    message = "no fallback rule: add a rule with WHEN ALWAYS (and a low PRIORITY) so that every message gets a reply"
    if view.rules:
        last = view.rules[-1]
        yield report("W330", message, last.rule.name.span, last.file)
    else:
        yield report("W330", message, Span.point(), view.programs[0].file)


def always_true(expr: ast.Expr) -> bool:
    if isinstance(expr, ast.Always):
        return True
    if isinstance(expr, ast.Not):
        return always_false(expr.operand)
    if isinstance(expr, ast.Or):
        return any(always_true(op) for op in expr.operands)
    if isinstance(expr, ast.And):
        return all(always_true(op) for op in expr.operands)
    return False


def always_false(expr: ast.Expr) -> bool:
    if isinstance(expr, ast.Not):
        return always_true(expr.operand)
    if isinstance(expr, ast.Or):
        return all(always_false(op) for op in expr.operands)
    if isinstance(expr, ast.And):
        return any(always_false(op) for op in expr.operands)
    return False


def condition_shape(expr: ast.Expr) -> object:
    """A hashable value equal for conditions that test the same things, whatever their spans."""
    kind = type(expr)
    leaf_key = _LEAF_KEY.get(kind)
    if leaf_key is not None:
        return kind, leaf_key(expr)
    if kind is ast.Not:
        return kind, condition_shape(expr.operand)
    return kind, frozenset(map(condition_shape, expr.operands))


def _alternatives_key(c: ast.UserMentionAny | ast.UserMentionAll) -> frozenset[str]:
    # Matching is case-insensitive and the order of alternatives does not matter.
    return frozenset(filter(None, map(str.strip, c.text.value.casefold().split("|"))))


_LEAF_KEY = {
    ast.IntentIs: lambda c: c.intent.text,
    ast.UserMentionAny: _alternatives_key,
    ast.UserMentionAll: _alternatives_key,
    ast.UserMentions: lambda c: c.slot.text,
    ast.ContextEq: lambda c: (c.var.text, c.value.value),
    ast.ContextHas: lambda c: c.var.text,
    ast.ContextNotSet: lambda c: c.var.text,
    ast.ContextStageIs: lambda c: c.stage.value,
    ast.SalesStageIs: lambda c: c.number.value,
    ast.Always: lambda c: None,
}
