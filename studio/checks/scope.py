"""Which category and brand a rule has chosen at each point.

A rule *chooses* a category by requiring it (`CONTEXT_EQ current_category
"手机"` as a condition that must hold: the whole condition or one operand of
its top-level AND) or by setting it (`ADD_TO_CHAIN category "手机"`) before
the action in question; likewise for the brand. Setting a slot clears the
slots below it (docs/language.md), and `CAPTURE` / `RESET_SHOPPING_CONTEXT` make
them unknown, so after those nothing is assumed.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from studio.dsl import ast


@dataclass(frozen=True)
class Chosen:
    category: str | None = None
    brand: str | None = None


def required(expr: ast.Expr | None) -> list[ast.Condition]:
    """The conditions that hold whenever `expr` does."""
    if isinstance(expr, ast.And):
        return [c for op in expr.operands for c in required(op)]
    if expr is None or isinstance(expr, (ast.Or, ast.Not)):
        return []
    return [expr]


def chosen_by_condition(rule: ast.Rule) -> Chosen:
    values = {c.var.text: c.value.value for c in required(rule.condition) if isinstance(c, ast.ContextEq)}
    return Chosen(values.get("current_category"), values.get("current_brand"))


def actions_with_choice(rule: ast.Rule, chosen: Chosen) -> Iterator[tuple[ast.Action, Chosen]]:
    """Each action with the category and brand chosen when it runs (`chosen`: by the condition)."""
    for action in rule.actions:
        yield action, chosen
        chosen = _after(action, chosen)


def _after(action: ast.Action, chosen: Chosen) -> Chosen:
    if isinstance(action, ast.ResetShoppingContext):
        return Chosen()
    if isinstance(action, ast.Capture):
        return Chosen() if action.slot.text == "category" else Chosen(chosen.category)
    if isinstance(action, ast.AddToChain):
        slot, value = action.slot.text, action.value.value
        if slot == "category":
            return Chosen(value)
        if slot == "subtype":
            return Chosen(chosen.category)
        if slot == "brand":
            return Chosen(chosen.category, value)
    return chosen
