"""Evaluating rule conditions (docs/language.md, Conditions) against one turn, explaining failures.

`compile_condition` gives each rule a fast yes/no test for matching;
`evaluate` returns None when the condition holds, otherwise a `Failure`
naming the first part that failed and why ("INTENT_IS product_query: intent
is greeting"); that is what the trace shows for every rule tried.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from studio.dsl import ast
from studio.engine.context import ConversationContext
from studio.i18n import _

if TYPE_CHECKING:
    from studio.knowledge.mentions import Mention
    from studio.knowledge.model import Knowledge


@dataclass(frozen=True)
class Failure:
    condition: str   # the failing part as written: 'INTENT_IS product_query', 'NOT ...', '(... OR ...)'
    reason: str

    def __str__(self) -> str:
        # TRANSLATORS: a condition of a rule as written (INTENT_IS greeting), then why it does not hold.
        return _("{condition}: {reason}").format(condition=self.condition, reason=self.reason)


class TurnFacts:
    """What conditions look at in one turn; entity lookups are done once per slot."""

    def __init__(self, message: str, intent: str | None, context: ConversationContext,
                 knowledge: "Knowledge", opening: bool = False):
        self.opening = opening   # the opening turn: no message, CONVERSATION_START holds
        self.message = message
        self.folded = message.casefold()
        self.intent = intent
        self.context = context
        self.knowledge = knowledge
        self._mentions: dict[str, Mention | None] = {}

    def scope(self, slot: str) -> tuple[str | None, str | None]:
        """(category, brand) a lookup of `slot` is restricted to: the current ones, where they apply."""
        category = None if slot == "category" else self.context.current_category
        brand = self.context.current_brand if slot == "series" else None
        return category, brand

    def mention(self, slot: str) -> "Mention | None":
        if slot not in self._mentions:
            category, brand = self.scope(slot)
            self._mentions[slot] = self.knowledge.find_mention(self.message, slot, category, brand)
        return self._mentions[slot]

    def forget_mentions(self) -> None:
        """Actions change the scope (CAPTURE category, then CAPTURE brand)."""
        self._mentions.clear()


@lru_cache(maxsize=65536)
def folded_alternatives(value: str) -> tuple[str, ...]:
    return tuple(part.strip().casefold() for part in value.split("|") if part.strip())


def quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def describe(expr: ast.Expr) -> str:
    """The condition as it would be written in a rule file."""
    match expr:
        case ast.IntentIs(intent=name):
            return f"INTENT_IS {name.text}"
        case ast.UserMentionAny(text=text):
            return f"USER_MENTION_ANY {quote(text.value)}"
        case ast.UserMentionAll(text=text):
            return f"USER_MENTION_ALL {quote(text.value)}"
        case ast.UserMentions(slot=slot):
            return f"USER_MENTIONS {slot.text}"
        case ast.ContextEq(var=var, value=value):
            return f"CONTEXT_EQ {var.text} {quote(value.value)}"
        case ast.ContextHas(var=var):
            return f"CONTEXT_HAS {var.text}"
        case ast.ContextNotSet(var=var):
            return f"CONTEXT_NOT_SET {var.text}"
        case ast.ContextStageIs(stage=stage):
            return f"CONTEXT_STAGE_IS {quote(stage.value)}"
        case ast.SalesStageIs(number=number):
            return f"SALES_STAGE_IS {number.value}"
        case ast.Always():
            return "ALWAYS"
        case ast.ConversationStart():
            return "CONVERSATION_START"
        case ast.Not(operand=ast.And() as operand):
            return f"NOT ({describe(operand)})"
        case ast.Not(operand=operand):
            return f"NOT {describe(operand)}"
        case ast.And(operands=operands):
            return " AND ".join(describe(op) for op in operands)   # OR brackets itself
        case ast.Or(operands=operands):
            return "(" + " OR ".join(describe(op) for op in operands) + ")"
    raise TypeError(f"not a condition: {expr!r}")


def _shown(context: ConversationContext, var: str) -> str:
    if context.is_set(var):
        # TRANSLATORS: {var} is a context variable's name, {value} its value in quotes.
        return _("{var} is {value}").format(var=var, value=repr(context.text(var)))
    return not_set_reason(var)


def not_set_reason(var: str) -> str:
    return _("{var} is not set").format(var=var)


def intent_reason(intent: str | None) -> str:
    """Why INTENT_IS fails: the intent the turn has, or none."""
    return _("intent is {intent}").format(intent=intent) if intent else _("no intent detected")


def stage_reason(stage: str) -> str:
    """Why CONTEXT_STAGE_IS fails: the stage the dialogue is in."""
    return _("stage is {stage}").format(stage=repr(stage))


def not_opening_reason() -> str:
    return _("not the opening turn")


def not_mentioned_reason(slot: str, category: str | None, brand: str | None) -> str:
    """Why USER_MENTIONS `slot` fails, naming the brand and category the lookup was restricted to."""
    # TRANSLATORS: {slot} is a DSL slot name (category, subtype, brand, series, scenario); {brand}, {category}
    # are names from the project's knowledge.
    if brand and category:
        return _("no {slot} of {brand} of {category} mentioned").format(slot=slot, brand=brand, category=category)
    if brand:
        return _("no {slot} of {brand} mentioned").format(slot=slot, brand=brand)
    if category:
        return _("no {slot} of {category} mentioned").format(slot=slot, category=category)
    return _("no {slot} mentioned").format(slot=slot)


def _leaf_reason(leaf: ast.Condition, facts: TurnFacts) -> str | None:
    """None when the leaf holds, else why not."""
    context = facts.context
    match leaf:
        case ast.IntentIs(intent=name):
            if facts.intent == name.text:
                return None
            return intent_reason(facts.intent)
        case ast.UserMentionAny(text=text):
            alternatives = folded_alternatives(text.value)
            return None if any(a in facts.folded for a in alternatives) else _("message mentions none of them")
        case ast.UserMentionAll(text=text):
            alternatives = folded_alternatives(text.value)
            missing = [a for a in alternatives if a not in facts.folded]
            if not alternatives:
                return _("no alternatives to look for")
            return _("message lacks {keywords}").format(keywords=", ".join(missing)) if missing else None
        case ast.UserMentions(slot=slot):
            if facts.mention(slot.text) is not None:
                return None
            category, brand = facts.scope(slot.text)
            return not_mentioned_reason(slot.text, category, brand)
        case ast.ContextEq(var=var, value=value):
            return None if context.text(var.text) == value.value else _shown(context, var.text)
        case ast.ContextHas(var=var):
            return None if context.is_set(var.text) else not_set_reason(var.text)
        case ast.ContextNotSet(var=var):
            return _shown(context, var.text) if context.is_set(var.text) else None
        case ast.ContextStageIs(stage=stage):
            return None if context.current_stage == stage.value else stage_reason(context.current_stage)
        case ast.SalesStageIs(number=number):
            if context.sales_stage == number.value:
                return None
            return _("sales stage is {number}").format(number=context.sales_stage)
        case ast.Always():
            return None
        case ast.ConversationStart():
            return None if facts.opening else not_opening_reason()
    raise TypeError(f"not a condition: {leaf!r}")


Test = Callable[[TurnFacts], bool]


def _all(tests: list[Test]) -> Test:
    # Unrolled for the common short conjunctions: this runs for every candidate rule.
    if len(tests) == 2:
        first, second = tests
        return lambda facts: first(facts) and second(facts)
    if len(tests) == 3:
        first, second, third = tests
        return lambda facts: first(facts) and second(facts) and third(facts)
    return lambda facts: all(test(facts) for test in tests)


def _any(tests: list[Test]) -> Test:
    if len(tests) == 2:
        first, second = tests
        return lambda facts: first(facts) or second(facts)
    return lambda facts: any(test(facts) for test in tests)


def compile_condition(expr: ast.Expr) -> Test:
    """A fast yes/no test equivalent to `evaluate(expr, facts) is None`, built once per rule.

    Turns use it to find the rule that fires; `evaluate` explains the others
    only when the trace is read.
    """
    match expr:
        case ast.And(operands=operands):
            return _all([compile_condition(op) for op in operands])
        case ast.Or(operands=operands):
            return _any([compile_condition(op) for op in operands])
        case ast.Not(operand=operand):
            test = compile_condition(operand)
            return lambda facts: not test(facts)
        case ast.IntentIs(intent=name):
            intent = name.text
            return lambda facts: facts.intent == intent
        case ast.UserMentionAny(text=text):
            alternatives = folded_alternatives(text.value)
            return lambda facts: any(a in facts.folded for a in alternatives)
        case ast.UserMentionAll(text=text):
            alternatives = folded_alternatives(text.value)
            return lambda facts: bool(alternatives) and all(a in facts.folded for a in alternatives)
        case ast.UserMentions(slot=slot):
            name = slot.text
            return lambda facts: facts.mention(name) is not None
        case ast.ContextEq(var=var, value=value):
            name, wanted = var.text, value.value
            return lambda facts: facts.context.text(name) == wanted
        case ast.ContextHas(var=var):
            name = var.text
            return lambda facts: facts.context.is_set(name)
        case ast.ContextNotSet(var=var):
            name = var.text
            return lambda facts: not facts.context.is_set(name)
        case ast.ContextStageIs(stage=stage):
            wanted = stage.value
            return lambda facts: facts.context.current_stage == wanted
        case ast.SalesStageIs(number=number):
            wanted = number.value
            return lambda facts: facts.context.sales_stage == wanted
        case ast.Always():
            return lambda facts: True
        case ast.ConversationStart():
            return lambda facts: facts.opening
    raise TypeError(f"not a condition: {expr!r}")


def evaluate(expr: ast.Expr, facts: TurnFacts) -> Failure | None:
    """None when `expr` holds; otherwise the first failing part (left to right) and why."""
    match expr:
        case ast.And(operands=operands):
            for operand in operands:
                if failure := evaluate(operand, facts):
                    return failure
            return None
        case ast.Or(operands=operands):
            failures = []
            for operand in operands:
                failure = evaluate(operand, facts)
                if failure is None:
                    return None
                failures.append(failure)
            # TRANSLATORS: between the reasons why each part of an OR fails.
            return Failure(describe(expr), _("; ").join(str(f) for f in failures))
        case ast.Not(operand=operand):
            if evaluate(operand, facts) is None:
                return Failure(describe(expr), _("{condition} holds").format(condition=describe(operand)))
            return None
    reason = _leaf_reason(expr, facts)
    return None if reason is None else Failure(describe(expr), reason)
