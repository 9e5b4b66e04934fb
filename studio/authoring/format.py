"""Renders a `RuleForm` as DSL text laid out like the hand-written rules of the sample project:

```
RULE list_brands
    PRIORITY 18
WHEN INTENT_IS product_query
    AND CONTEXT_STAGE_IS "brand_select"
    AND USER_MENTION_ANY "有哪些品牌|推荐品牌"
THEN
    SUGGEST_BRANDS
```

`RULE` and `WHEN`/`THEN` at the margin, `PRIORITY` and each action indented by
four spaces, the condition on the `WHEN` line. The condition's top-level
operands go on lines of their own (`    AND …`) when the rule was written so
(`RuleForm.wrap`) or when the one-line form would be wider than `WRAP_WIDTH`
columns (a CJK character counts two, as an editor shows it): the sample's
longest one-line condition is 113 columns, its shortest wrapped one 121.
A nested group is parenthesised; a group of one item is that item; an empty
group is `ALWAYS`. Strings are quoted with `\\"`, `\\\\` and `\\n` escaped.
"""
from __future__ import annotations

import unicodedata

from studio.authoring.kinds import IDENT, NUMBER, args_of
from studio.authoring.model import ActionItem, Group, Item, Row, RuleForm
from studio.engine.conditions import quote

INDENT = "    "
WRAP_WIDTH = 120


def render(form: RuleForm) -> str:
    """The rule's text, without a trailing newline."""
    lines = [f"RULE {form.name}"]
    if form.priority is not None:
        lines.append(f"{INDENT}PRIORITY {form.priority}")
    lines.append(render_when(form.condition, form.wrap))
    lines.append("THEN")
    lines.extend(INDENT + render_action(action) for action in form.actions)
    return "\n".join(lines)


def render_when(condition: Group, wrap: bool = False) -> str:
    """The `WHEN …` part, on one line or wrapped at the top-level operator."""
    top = simplified(condition)
    if isinstance(top, Group) and not top.negated:
        operands = [_operand(item) for item in top.items]
        one_line = "WHEN " + f" {top.op} ".join(operands)
        if wrap or display_width(one_line) > WRAP_WIDTH:
            return "WHEN " + "".join([operands[0]] + [f"\n{INDENT}{top.op} {o}" for o in operands[1:]])
        return one_line
    return "WHEN " + _operand(top)


def render_condition(condition: Item) -> str:
    """A condition on one line, as it would follow `WHEN` (also for showing a part of one)."""
    top = simplified(condition)
    if isinstance(top, Group) and not top.negated:
        return f" {top.op} ".join(_operand(item) for item in top.items)
    return _operand(top)


def render_row(row: Row) -> str:
    return ("NOT " if row.negated else "") + _call(row.kind, row.args)


def render_action(action: ActionItem) -> str:
    return _call(action.kind, action.args)


def simplified(item: Item) -> Item:
    """Empty nested groups dropped, a group of one item replaced by that item (negations combined);
    an empty condition is `ALWAYS`. The result is what the text says, so it parses back to the same form."""
    if isinstance(item, Row):
        return item
    items = [simplified(child) for child in item.items]
    items = [child for child in items if not (isinstance(child, Group) and not child.items)]
    if not items:
        return Row("ALWAYS", [], item.negated)
    if len(items) == 1:
        only = items[0]
        if isinstance(only, Row):
            return Row(only.kind, only.args, only.negated != item.negated)
        return Group(only.op, only.items, only.negated != item.negated)
    return Group(item.op, items, item.negated)


def _operand(item: Item) -> str:
    """An operand inside a group: a row as is, a group in parentheses."""
    if isinstance(item, Row):
        return render_row(item)
    inner = f" {item.op} ".join(_operand(child) for child in item.items)
    return ("NOT " if item.negated else "") + f"({inner})"


def _call(kind: str, args: list) -> str:
    parts = [kind]
    for spec, value in zip(args_of(kind), args):
        parts.append(str(value) if spec.type in (NUMBER, IDENT) else quote(str(value)))
    return " ".join(parts)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
