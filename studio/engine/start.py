"""The context a conversation starts in mid-flow, checked before it is used.

`chat --start STAGE --set VAR=VALUE` and the chat tester's "Start from…" both
read a value as JSON when it parses (`query_count=3`,
`product_chain=[["category","手机"]]`), else as text (`current_category=手机`).
A value of the wrong shape is a StartError naming the variable, so the command
exits 2 / the dialog says why, instead of a turn failing later.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from studio.dsl.ast import CHAIN_SLOTS
from studio.engine.context import INITIAL_STAGE
from studio.i18n import _

_WHOLE_VARIABLES = ("query_count", "sales_stage")


class StartError(ValueError):
    """A `--start` / `--set` that does not describe a context."""


def start_values(stage: str | None, sets: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """The values of `ConversationContext.from_dict` for `--start STAGE` and each `--set VAR=VALUE`."""
    values: dict[str, Any] = {}
    for item in sets:
        var, sep, raw = item.partition("=")
        var = var.strip()
        if not sep or not var.isidentifier():
            raise StartError(_("--set takes VAR=VALUE, not {item}").format(item=repr(item)))
        values[var] = checked_value(var, read_value(raw))
    if stage is not None:
        if not stage.strip():
            raise StartError(_("--start takes a stage name"))
        values["current_stage"] = stage
    return values


def checked_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` (already read) with each one checked; raises StartError on the first bad one."""
    return {str(var): checked_value(str(var), value) for var, value in values.items()}


def read_value(raw: str) -> Any:
    """A typed value: JSON when it parses, else the text itself (trimmed)."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw.strip()


def shown_value(value: Any) -> str:
    """How `read_value` would read it back: text as it is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def checked_value(var: str, value: Any) -> Any:
    """`value` if it fits variable `var`, numbers and booleans of a text variable as text; else StartError."""
    if var == "product_chain":
        if not isinstance(value, list) or not all(_is_link(link) for link in value):
            raise StartError(_("product_chain takes [[slot, value], ...] with slot one of {slots}").format(
                slots=", ".join(CHAIN_SLOTS)))
        return value
    if var in _WHOLE_VARIABLES:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000:
            raise StartError(_("{var} takes a whole number, not {value}").format(var=var, value=repr(value)))
        return value
    if var == "budget_range":
        if isinstance(value, str) or value is None:
            return value
        if (isinstance(value, list) and len(value) == 2 and _is_amount(value[0])
                and (value[1] is None or _is_amount(value[1]))):
            return value
        raise StartError(_("budget_range takes [low, high] in yuan (high may be null) "
                           "or a phrase such as 3000-5000元"))
    if var == "user_preferences":
        if not isinstance(value, dict) or not all(_is_scalar(v) for v in value.values()):
            raise StartError(_('user_preferences takes an object of texts, e.g. {example}').format(
                example='{"颜色": "黑色"}'))
        return value
    if not _is_scalar(value):
        raise StartError(_("{var} takes a text, not {value}").format(
            var=var, value=json.dumps(value, ensure_ascii=False)))
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _is_link(link: Any) -> bool:
    return (isinstance(link, list) and len(link) == 2 and link[0] in CHAIN_SLOTS
            and _is_scalar(link[1]) and str(link[1]).strip() != "")


def _is_amount(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (str, int, bool))


def unfamiliar(values: Mapping[str, Any], words: Mapping[str, list[str]]) -> list[str]:
    """What a start names that no rule knows — a stage no rule sets or tests, a variable no rule tests or
    sets — as warnings: usually a typo, but the start is still made as asked (`words`: studio.vocabulary)."""
    warnings = []
    stage = values.get("current_stage")
    stages = list(dict.fromkeys([INITIAL_STAGE, *words.get("stages", ())]))
    if stage is not None and stage not in stages:
        warnings.append(_("warning: no rule sets or tests the stage {stage} (the rules know: {known})").format(
            stage=repr(stage), known=", ".join(stages)))
    for var in values:
        if var != "current_stage" and var not in words.get("variables", ()):
            warnings.append(_("warning: no rule tests or sets the variable {var}").format(var=repr(var)))
    return warnings
