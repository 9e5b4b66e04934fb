"""E120 / W300 / W340 / W330: the rule base as a whole.

E120: two rules with one name — the trace, the outline and conversation
tests (`expect: {rule: x}`) name rules, so a name must say which one.

W300: a rule that can never fire, because in every situation where its
condition holds, a rule tried before it (higher priority, or equal priority
and earlier in file-name then source order) holds too — one rule or several
together. W340: a rule whose condition can never hold at all. Both are
proved by the behaviour analysis (studio/analysis, docs/analysis.md), which
reads conditions as propositions and errs towards silence where the reading
is approximate. A W300 carries a witness: a situation where the rule's
condition holds and an earlier rule fires instead, replayed by the engine.

W330: no rule whose condition is always true: some messages get no reply.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from studio.analysis.atoms import TRUE, canonical
from studio.analysis.coverage import Covered, Dead, Findings, OrderedRule, analyze
from studio.checks.report import report
from studio.checks.view import LocatedRule, ProjectView
from studio.diagnostics import Diagnostic, Span
from studio.dsl import ast
from studio.engine.conditions import describe

_NAMED = 3   # covering rules a message names; the rest are counted


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


def _findings(view: ProjectView) -> Findings:
    return view.memo("behaviour", lambda: analyze(view.programs, view.knowledge, view.analyzer))


def unreachable_rules(view: ProjectView) -> Iterator[Diagnostic]:
    """Rules that the rules tried before them always pre-empt (W300), with a witness."""
    for covered in _findings(view).covered:
        rule = covered.rule
        diagnostic = report("W300", f"rule '{rule.name}' can never fire: {_why_covered(covered)}",
                            rule.rule.name.span, rule.file)
        yield replace(diagnostic, witness=covered.witness.to_json()) if covered.witness else diagnostic


def contradictory_rules(view: ProjectView) -> Iterator[Diagnostic]:
    """Rules whose condition can never hold (W340), naming the parts that clash."""
    for dead in _findings(view).dead:
        rule = dead.rule
        yield report("W340", f"rule '{rule.name}' can never fire: its condition is never true: {_why_dead(dead)}",
                     rule.rule.name.span, rule.file)


def _where(rule: OrderedRule) -> str:
    return f"'{rule.name}' ({rule.file}:{rule.rule.name.span.line}, priority {rule.rule.priority})"


def _why_covered(covered: Covered) -> str:
    by = covered.by
    if len(by) == 1:
        [first] = by
        if first.prop == TRUE:
            how = "its condition is always true"
        elif canonical(first.prop) == canonical(covered.rule.prop):
            how = "has the same condition"
        else:
            how = "holds whenever it does"
        return f"rule {_where(first)} is tried first and {how}"
    named = [_where(rule) for rule in by[:_NAMED]]
    rest = len(by) - len(named)
    listed = ", ".join(named[:-1]) + f" and {named[-1]}" if not rest else ", ".join(named) + f" and {rest} more"
    return f"rules {listed} are tried first and one of them holds whenever it does"


def _why_dead(dead: Dead) -> str:
    parts = [describe(part) for part in dead.clashing]
    if len(parts) == 1:
        return f"{parts[0]} never holds"
    both = "both" if len(parts) == 2 else "all"
    return f"{', '.join(parts[:-1])} and {parts[-1]} cannot {both} hold"


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
