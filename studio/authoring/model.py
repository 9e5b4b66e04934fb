"""The form model of one rule: what the guided form shows and edits, converted from the parser's AST.

- A `RuleForm` has a name, an optional priority (None: no `PRIORITY` line,
  which means 0), a condition and an ordered list of actions.
- The condition is a `Group` (`AND` or `OR`) of `Row`s and nested `Group`s;
  a row is one condition kind with its arguments, and rows and groups carry a
  `negated` flag (`NOT`). A nested group is a parenthesised part of the text.
- Arguments are typed as `studio/authoring/kinds.py` says: `int` for numbers,
  `str` for everything else (a string argument holds its decoded value;
  mention alternatives stay one `"a|b"` value, so that the spacing written
  around them survives; `alternatives()`/`joined()` split and join them).

The conversion keeps the AST's structure exactly, with one normalisation:
`NOT NOT x` becomes `x` (a flag cannot count negations). `wrap` records that
the text put each top-level operand of the condition on its own line, so a
rule written that way is rendered that way again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from studio.dsl import ast
from studio.authoring.kinds import default_args


@dataclass
class Row:
    """One condition: `kind` is its keyword (`INTENT_IS`), `args` its typed arguments."""
    kind: str
    args: list = field(default_factory=list)
    negated: bool = False


@dataclass
class Group:
    """Conditions joined by one operator; an empty group renders as `ALWAYS`."""
    op: str = "AND"
    items: list[Union[Row, "Group"]] = field(default_factory=list)
    negated: bool = False


@dataclass
class ActionItem:
    kind: str
    args: list = field(default_factory=list)


@dataclass
class RuleForm:
    name: str
    priority: int | None
    condition: Group
    actions: list[ActionItem]
    wrap: bool = False

    def rows(self) -> list[Row]:
        """Every condition row, left to right (as `ast.leaves` walks the condition)."""
        return list(walk_rows(self.condition))


Item = Union[Row, Group]


def new_rule(name: str = "new_rule", priority: int | None = 10, intent: str | None = None,
             stage: str | None = None, words: list[str] | tuple[str, ...] = ()) -> RuleForm:
    """A rule from scratch: one row per prefilled part (intent, stage, mention words), `ALWAYS` with none;
    one empty `RESPOND` for the analyst to fill or replace."""
    rows = []
    if intent:
        rows.append(Row("INTENT_IS", [intent]))
    if stage:
        rows.append(Row("CONTEXT_STAGE_IS", [stage]))
    if words:
        rows.append(Row("USER_MENTION_ANY", [joined(words)]))
    return RuleForm(name, priority, Group("AND", rows or [Row("ALWAYS")]), [ActionItem("RESPOND", [""])])


def new_row(kind: str) -> Row:
    return Row(kind, default_args(kind))


def new_action(kind: str) -> ActionItem:
    return ActionItem(kind, default_args(kind))


def alternatives(value: str) -> list[str]:
    """The `|`-separated alternatives of a mention string, trimmed, blanks dropped (as the engine reads it)."""
    return [part.strip() for part in value.split("|") if part.strip()]


def joined(words) -> str:
    return "|".join(w.strip() for w in words if w.strip())


def walk_rows(item: Item):
    if isinstance(item, Row):
        yield item
    else:
        for child in item.items:
            yield from walk_rows(child)


# ---------------------------------------------------------------- from the AST

def from_rule(rule: ast.Rule) -> RuleForm | None:
    """The form model of a parsed rule; None for a rule that a syntax error cut short."""
    if not rule.complete or rule.condition is None or not rule.actions:
        return None
    top = _item(rule.condition)
    condition = top if isinstance(top, Group) else Group("AND", [top])
    priority = rule.priority if rule.priority_span is not None else None
    return RuleForm(rule.name.text, priority, condition, [_action(a) for a in rule.actions],
                    wrap=_written_wrapped(rule.condition))


def _written_wrapped(expr: ast.Expr) -> bool:
    """True when the top-level operands of the condition start on different lines."""
    if not isinstance(expr, (ast.And, ast.Or)):
        return False
    return any(a.span.line != b.span.line for a, b in zip(expr.operands, expr.operands[1:]))


def _item(expr: ast.Expr) -> Item:
    negated = False
    while isinstance(expr, ast.Not):
        negated = not negated
        expr = expr.operand
    if isinstance(expr, (ast.And, ast.Or)):
        op = "AND" if isinstance(expr, ast.And) else "OR"
        return Group(op, [_item(o) for o in expr.operands], negated)
    row = _row(expr)
    row.negated = negated
    return row


def _row(leaf: ast.Condition) -> Row:
    match leaf:
        case ast.IntentIs(intent=name):
            return Row("INTENT_IS", [name.text])
        case ast.UserMentionAny(text=text):
            return Row("USER_MENTION_ANY", [text.value])
        case ast.UserMentionAll(text=text):
            return Row("USER_MENTION_ALL", [text.value])
        case ast.UserMentions(slot=slot):
            return Row("USER_MENTIONS", [slot.text])
        case ast.ContextEq(var=var, value=value):
            return Row("CONTEXT_EQ", [var.text, value.value])
        case ast.ContextHas(var=var):
            return Row("CONTEXT_HAS", [var.text])
        case ast.ContextNotSet(var=var):
            return Row("CONTEXT_NOT_SET", [var.text])
        case ast.ContextStageIs(stage=stage):
            return Row("CONTEXT_STAGE_IS", [stage.value])
        case ast.SalesStageIs(number=number):
            return Row("SALES_STAGE_IS", [number.value])
        case ast.Always():
            return Row("ALWAYS")
    return Row("CONVERSATION_START")


_SIMPLE_ACTIONS = {
    ast.ResetShoppingContext: "RESET_SHOPPING_CONTEXT", ast.SuggestCategories: "SUGGEST_CATEGORIES",
    ast.SuggestSubtypes: "SUGGEST_SUBTYPES", ast.SuggestBrands: "SUGGEST_BRANDS",
    ast.SuggestSeries: "SUGGEST_SERIES",
}


def _action(action: ast.Action) -> ActionItem:
    if type(action) in _SIMPLE_ACTIONS:
        return ActionItem(_SIMPLE_ACTIONS[type(action)])
    match action:
        case ast.Respond(template=t):
            return ActionItem("RESPOND", [t.value])
        case ast.SetStage(stage=s):
            return ActionItem("SET_STAGE", [s.value])
        case ast.SetVar(var=var, template=t):
            return ActionItem("SET_VAR", [var.text, t.value])
        case ast.AddToChain(slot=slot, value=v):
            return ActionItem("ADD_TO_CHAIN", [slot.text, v.value])
        case ast.Capture(slot=slot):
            return ActionItem("CAPTURE", [slot.text])
        case ast.SuggestByScenario(scenario=s):
            return ActionItem("SUGGEST_BY_SCENARIO", [] if s is None else [s.value])
        case ast.SetSalesStage(number=n):
            return ActionItem("SET_SALES_STAGE", [n.value])
    return ActionItem("GENERATE", [action.fallback.value])
