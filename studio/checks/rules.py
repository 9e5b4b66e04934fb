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
from studio.i18n import _

_NAMED = 3   # covering rules a message names; the rest are counted


def duplicate_rule_names(view: ProjectView) -> Iterator[Diagnostic]:
    """Every rule named like an earlier one, in any file (E120)."""
    first: dict[str, LocatedRule] = {}
    for located in view.rules:
        name = located.rule.name
        if name.text in first:
            yield report("E120", _("duplicate rule name '{rule}': first defined at {where}").format(
                rule=name.text, where=first[name.text].where), name.span, located.file)
        else:
            first[name.text] = located


def _findings(view: ProjectView) -> Findings:
    return view.memo("behaviour", lambda: analyze(view.programs, view.knowledge, view.analyzer))


def unreachable_rules(view: ProjectView) -> Iterator[Diagnostic]:
    """Rules that the rules tried before them always pre-empt (W300), with a witness."""
    for covered in _findings(view).covered:
        rule = covered.rule
        # TRANSLATORS: {reason} is one of the "… is tried first and …" sentences.
        message = _("rule '{rule}' can never fire: {reason}").format(rule=rule.name, reason=_why_covered(covered))
        diagnostic = report("W300", message, rule.rule.name.span, rule.file)
        yield replace(diagnostic, witness=covered.witness.to_json()) if covered.witness else diagnostic


def contradictory_rules(view: ProjectView) -> Iterator[Diagnostic]:
    """Rules whose condition can never hold (W340), naming the parts that clash."""
    for dead in _findings(view).dead:
        rule = dead.rule
        # TRANSLATORS: {reason} is one of the "… never holds" / "… cannot both hold" sentences.
        message = _("rule '{rule}' can never fire: its condition is never true: {reason}").format(
            rule=rule.name, reason=_why_dead(dead))
        yield report("W340", message, rule.rule.name.span, rule.file)


def _where(rule: OrderedRule) -> str:
    return _("'{rule}' ({file}:{line}, priority {priority})").format(
        rule=rule.name, file=rule.file, line=rule.rule.name.span.line, priority=rule.rule.priority)


def _why_covered(covered: Covered) -> str:
    by = covered.by
    if len(by) == 1:
        [first] = by
        if first.prop == TRUE:
            reason = _("rule {first} is tried first and its condition is always true")
        elif canonical(first.prop) == canonical(covered.rule.prop):
            reason = _("rule {first} is tried first and has the same condition")
        else:
            reason = _("rule {first} is tried first and holds whenever it does")
        return reason.format(first=_where(first))
    named = [_where(rule) for rule in by[:_NAMED]]
    rest = len(by) - len(named)
    if rest:
        listed = _("{rules} and {count} more").format(rules=", ".join(named), count=rest)
    else:
        listed = _("{rules} and {last}").format(rules=", ".join(named[:-1]), last=named[-1])
    return _("rules {rules} are tried first and one of them holds whenever it does").format(rules=listed)


def _why_dead(dead: Dead) -> str:
    parts = [describe(part) for part in dead.clashing]
    if len(parts) == 1:
        return _("{condition} never holds").format(condition=parts[0])
    if len(parts) == 2:
        return _("{first} and {second} cannot both hold").format(first=parts[0], second=parts[1])
    return _("{conditions} and {last} cannot all hold").format(conditions=", ".join(parts[:-1]), last=parts[-1])


def missing_fallback(view: ProjectView) -> Iterator[Diagnostic]:
    """No rule that always fires (W330); reported at the last rule, where a fallback would go."""
    if not view.programs or any(r.may_be_constant and always_true(r.rule.condition) for r in view.runnable_rules):
        return
    message = _("no fallback rule: add a rule with WHEN ALWAYS (and a low PRIORITY) so that every message gets a "
                "reply")
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
