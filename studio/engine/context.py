"""The memory of one conversation: the context variables (docs/language.md) and the history.

Representations (what `as_dict()` — the `context` of `chat --json` — shows):

- `budget_range`: a `Budget` (`[low, high]` in JSON, `high` null for "from
  ... up"); in templates and `CONTEXT_EQ` it reads "3000-5000元".
- `product_chain`: the current selection, top-down, as (slot, value) pairs.
  Choosing a slot again replaces it and drops the slots below it, so the
  chain never shows an abandoned brand ("手机 -> 华为", not "手机 -> 苹果 -> 华为").
- `user_preferences`: what the customer chose before (slot → value), kept
  across `RESET_SHOPPING_CONTEXT`; `SET_VAR user_preferences "颜色=黑色"` adds a key.
- Any other name given to `SET_VAR` is a string variable.

"Set" means not None and not empty; numbers (`query_count`, `sales_stage`)
are always set.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from studio.dsl.ast import CHAIN_SLOTS
from studio.dsl.tokens import BUILTIN_VARIABLES
from studio.engine.extract import Budget, extract_budget, parse_amount
from studio.i18n import _

HISTORY_LIMIT = 20
INITIAL_STAGE = "welcome"
_INT_VARIABLES = ("query_count", "sales_stage")
_TEXT_VARIABLES = ("usage_scenario", "last_intent", "user_input")


def _slot_var(slot: str) -> str:
    return f"current_{slot}"


@dataclass(eq=False)
class ConversationContext:
    current_stage: str = INITIAL_STAGE
    current_category: str | None = None
    current_subtype: str | None = None
    current_brand: str | None = None
    current_series: str | None = None
    product_chain: list[tuple[str, str]] = field(default_factory=list)
    budget_range: Budget | None = None
    usage_scenario: str | None = None
    user_preferences: dict[str, str] = field(default_factory=dict)
    query_count: int = 0
    sales_stage: int = 1
    last_intent: str | None = None
    user_input: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    """Variables created by SET_VAR."""
    history: deque[tuple[str, str]] = field(default_factory=lambda: deque(maxlen=HISTORY_LIMIT))
    """The last 20 messages as (role, text), role "user" or "assistant"."""
    state_history: list[str] = field(default_factory=list)
    """Every stage the dialogue has been in, in order (the first is the start stage)."""

    def __post_init__(self) -> None:
        if not self.state_history:
            self.state_history.append(self.current_stage)

    # ------------------------------------------------------------ reading

    def get(self, var: str) -> Any:
        """The variable's value (None for a name nothing has set)."""
        if var in BUILTIN_VARIABLES:
            return getattr(self, var)
        return self.variables.get(var)

    def is_set(self, var: str) -> bool:
        value = self.get(var)
        if isinstance(value, int):
            return True
        return value is not None and value != "" and value != [] and value != {}

    def text(self, var: str) -> str:
        """The variable as templates and CONTEXT_EQ see it; "" when unset."""
        value = self.get(var)
        if value is None:
            return ""
        if var == "product_chain":
            return self.chain_text()
        if isinstance(value, dict):
            return "，".join(f"{k}={v}" for k, v in value.items())
        return str(value)

    def chain_text(self) -> str:
        """"电脑 -> 笔记本 -> 苹果", "" when nothing is chosen."""
        return " -> ".join(value for _, value in self.product_chain)

    # ------------------------------------------------------------ changing

    def add_message(self, role: str, text: str) -> None:
        self.history.append((role, text))

    def set_stage(self, stage: str) -> None:
        if stage != self.current_stage:
            self.current_stage = stage
            self.state_history.append(stage)

    def choose(self, slot: str, value: str) -> None:
        """Set `current_<slot>`, clear the slots below it, and put it at the end of the chain."""
        rank = CHAIN_SLOTS.index(slot)
        for lower in CHAIN_SLOTS[rank + 1:]:
            setattr(self, _slot_var(lower), None)
        setattr(self, _slot_var(slot), value)
        self.product_chain = [(s, v) for s, v in self.product_chain if CHAIN_SLOTS.index(s) < rank]
        self.product_chain.append((slot, value))
        self.user_preferences[slot] = value

    def reset_shopping(self) -> None:
        """Forget the product being chosen; preferences, budget and scenario stay."""
        for slot in CHAIN_SLOTS:
            setattr(self, _slot_var(slot), None)
        self.product_chain = []

    def set_var(self, var: str, text: str) -> str | None:
        """SET_VAR semantics; returns why nothing changed, or None when it did.

        Chain slots go through `choose` (so the chain stays consistent), the
        budget is parsed like a message, numbers must be integers.
        """
        if var == "current_stage":
            self.set_stage(text)
        elif var.startswith("current_") and var[len("current_"):] in CHAIN_SLOTS:
            if not text:
                return _("{var} not changed: empty value").format(var=var)
            self.choose(var[len("current_"):], text)
        elif var in _TEXT_VARIABLES:
            setattr(self, var, text if var == "user_input" else (text or None))
        elif var in _INT_VARIABLES:
            number = parse_amount(text)
            if number is None:
                return _("{var} not changed: {text} is not a number").format(var=var, text=repr(text))
            setattr(self, var, number)
        elif var == "budget_range":
            budget = extract_budget(text) or Budget.from_json(text)
            if budget is None:
                return _("budget_range not changed: no budget in {text}").format(text=repr(text))
            self.budget_range = budget
        elif var == "user_preferences":
            key, sep, value = text.replace("：", "=").replace(":", "=").partition("=")
            if not sep or not key.strip():
                return _('user_preferences not changed: expected "key=value", got {text}').format(text=repr(text))
            self.user_preferences[key.strip()] = value.strip()
        elif var == "product_chain":
            return _("product_chain not changed: use ADD_TO_CHAIN or CAPTURE")
        else:
            self.variables[var] = text
        return None

    # ------------------------------------------------------------ JSON, snapshots

    def as_dict(self) -> dict[str, Any]:
        """Every variable, JSON-safe (the `context` object of `chat --json`)."""
        out: dict[str, Any] = {}
        for var in BUILTIN_VARIABLES:
            value = getattr(self, var)
            if var == "product_chain":
                value = [[slot, v] for slot, v in value]
            elif var == "budget_range":
                value = value.to_json() if value else None
            elif var == "user_preferences":
                value = dict(value)
            out[var] = value
        out.update(self.variables)
        return out

    def snapshot(self) -> dict[str, Any]:
        return self.as_dict()

    @staticmethod
    def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
        """var → (old, new) for every variable that changed, appeared or disappeared."""
        return {var: (before.get(var), after.get(var))
                for var in dict.fromkeys([*before, *after]) if before.get(var) != after.get(var)}

    @classmethod
    def from_dict(cls, values: Mapping[str, Any],
                  history: Iterable[tuple[str, str]] = ()) -> "ConversationContext":
        """A context starting mid-flow, from `as_dict()`-shaped values (every key optional).

        Without a `product_chain`, the chain is built from the `current_*`
        slots given; with one, it decides the slots.
        """
        context = cls(current_stage=str(values.get("current_stage") or INITIAL_STAGE))
        chain = values.get("product_chain")
        if chain is None:
            chain = [(slot, values[_slot_var(slot)]) for slot in CHAIN_SLOTS if values.get(_slot_var(slot))]
        for slot, value in chain:
            context.choose(str(slot), str(value))
        context.user_preferences.update({str(k): str(v) for k, v in (values.get("user_preferences") or {}).items()})
        context.budget_range = Budget.from_json(values.get("budget_range"))
        for var in _INT_VARIABLES:
            if values.get(var) is not None:
                setattr(context, var, int(values[var]))
        for var in ("usage_scenario", "last_intent"):
            setattr(context, var, values.get(var) or None)
        context.user_input = str(values.get("user_input") or "")
        context.variables = {k: str(v) for k, v in values.items() if k not in BUILTIN_VARIABLES}
        context.history.extend(history)
        return context
