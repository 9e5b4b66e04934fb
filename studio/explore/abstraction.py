"""What the rules can tell apart: of contexts (abstract states) and of messages (in a given state).

`Observation.key(context)` is the context as the rules can observe it: the
stage; the values the rules read exactly (the category and brand that scope
entity lookups, anything a template copies into an observed variable);
whether each `CONTEXT_EQ` / `SALES_STAGE_IS` holds; whether each variable
tested with `CONTEXT_HAS` / `CONTEXT_NOT_SET` is set. (`CAPTURE` of a brand
fills a missing category, of a series a missing brand: those two are read
exactly whenever such a capture exists, since they scope the lookups anyway.)
Contexts with the same key fire the same rules for the same messages, so the
search follows only one of them.

`Observation.message_key(message, stage, category, brand)` is likewise what
the rules can observe of a message in a context in that stage, with that
category and brand: its intent; which `USER_MENTION_*` conditions it meets and
which entities it names within the context's scope (and within the scope its
own category and brand would make), both counted only for the rules that can
fire in that stage; the budget and scenario it states. Messages with the same
key in the same state make the same turn, as far as any rule can tell, so only
the first is tried.
"""
from __future__ import annotations

import re

from studio.dsl import ast
from studio.engine.conditions import folded_alternatives
from studio.engine.context import ConversationContext
from studio.engine.extract import extract_budget, extract_scenario
from studio.engine.intents import KeywordIntentDetector
from studio.engine.rulebase import RuleBase
from studio.knowledge.model import Knowledge

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^\W\d]\w*)\}")   # as studio/engine/templates.py reads them
_CHAIN_VARS = tuple(f"current_{slot}" for slot in ast.CHAIN_SLOTS)


def placeholders(template: str) -> set[str]:
    """The variables a template reads."""
    return {m.group(1) for m in _PLACEHOLDER.finditer(template) if m.group(1)}


def _scope_vars(slot: str) -> tuple[str, ...]:
    """The context variables that a lookup of `slot` is restricted by."""
    if slot == "series":
        return ("current_category", "current_brand")
    return () if slot == "category" else ("current_category",)


class Observation:
    """What the rules of a rule base can observe of a context and of a message."""

    def __init__(self, rulebase: RuleBase, knowledge: Knowledge):
        self.knowledge = knowledge
        self._detector = KeywordIntentDetector(rulebase.intents)
        exact: set[str] = set()
        equals: dict[str, set[str]] = {}
        is_set: set[str] = set()
        writes: dict[str, set[str]] = {}   # variable -> the variables its templates read
        self._by_rule: list[tuple[frozenset[str] | None, set[tuple[str, str]], set[str]]] = []
        all_tests: dict[tuple[str, str], None] = {}
        for entry in rulebase.rules:
            rule_tests: set[tuple[str, str]] = set()
            rule_slots: set[str] = set()
            for leaf in ast.leaves(entry.rule.condition):
                match leaf:
                    case ast.ContextEq(var=var, value=value):
                        equals.setdefault(var.text, set()).add(value.value)
                    case ast.ContextHas(var=var) | ast.ContextNotSet(var=var):
                        is_set.add(var.text)
                    case ast.SalesStageIs(number=number):
                        equals.setdefault("sales_stage", set()).add(str(number.value))
                    case ast.UserMentions(slot=slot):
                        exact.update(_scope_vars(slot.text))
                        rule_slots.add(slot.text)
                    case ast.UserMentionAny(text=text):
                        rule_tests.add(("any", text.value))
                    case ast.UserMentionAll(text=text):
                        rule_tests.add(("all", text.value))
            for action in entry.rule.actions:
                match action:
                    case ast.Capture(slot=slot):
                        exact.update(_scope_vars(slot.text))
                        rule_slots.add(slot.text)
                    case ast.SetVar(var=var, template=template):
                        writes.setdefault(var.text, set()).update(placeholders(template.value))
                    case ast.AddToChain(slot=slot, value=template):
                        writes.setdefault(f"current_{slot.text}", set()).update(placeholders(template.value))
            self._by_rule.append((entry.stage_pin.values if entry.stage_pin else None, rule_tests, rule_slots))
            all_tests.update(dict.fromkeys(sorted(rule_tests)))
        if "usage_scenario" in exact or "usage_scenario" in equals:
            exact.add("current_category")   # the scenario a message names is looked up in the category
        # A value copied into an observed variable is observed too (`SET_VAR cart "{product_chain}"`).
        while True:
            if "product_chain" in exact or "product_chain" in equals:
                exact.update(_CHAIN_VARS)
            observed = exact | set(equals) | is_set
            read = set().union(*(writes.get(var, set()) for var in observed)) - exact
            if not read:
                break
            exact |= read
        exact.discard("current_stage")
        self.exact = tuple(sorted(exact))
        self.equals = tuple((var, value) for var in sorted(equals) for value in sorted(equals[var])
                            if var not in exact)
        self.is_set = tuple(sorted(is_set - exact))
        self._budget_value = "budget_range" in exact or "budget_range" in equals
        self._scenario_value = "usage_scenario" in exact or "usage_scenario" in equals
        self._text_value = "user_input" in exact or "user_input" in equals
        self._fixed: dict[str | tuple[str, str], tuple] = {}
        self._representatives: dict[tuple[str, str | None, str | None], list[str]] = {}
        self._relevant_by_stage: dict[str, tuple] = {}
        self._tests = MentionTests(list(all_tests))
        self._mention_cache: dict[tuple[str, str, str | None, str | None], tuple] = {}
        self._scenario_cache: dict[tuple[str, str | None], str | None] = {}

    def key(self, context: ConversationContext) -> tuple:
        return (context.current_stage,
                tuple(context.text(var) for var in self.exact),
                tuple(context.text(var) == value for var, value in self.equals),
                tuple(context.is_set(var) for var in self.is_set))

    def representatives(self, messages: list[str], context: ConversationContext) -> list[str]:
        """The first of `messages` with each distinct key in this context (they depend on its stage and scope only)."""
        where = (context.current_stage, context.current_category, context.current_brand)
        if where not in self._representatives:
            keys: dict[tuple, str] = {}
            for message in messages:
                keys.setdefault(self.message_key(message, *where), message)
            self._representatives[where] = list(keys.values())
        return self._representatives[where]

    def message_key(self, message: str, stage: str, category: str | None, brand: str | None) -> tuple:
        """Only the conditions of the rules that can fire in `stage` count, and whatever the turn remembers."""
        tests, slots = self._relevant(stage)
        mentions = self._mentions(message, slots, category, brand)
        # CAPTURE category / brand in the same turn narrows the lookups that follow.
        own_category = next((m[1] for m in mentions if m[0] == "category" and len(m) > 1), category)
        own_brand = next((m[1] for m in mentions if m[0] == "brand" and len(m) > 1), brand)
        if (own_category, own_brand) != (category, brand):
            mentions += self._mentions(message, slots, own_category, own_brand)
        met = self._tests.met(message) & tests
        scenario = self._scenario(message, category)
        return (self._fixed_part(message, stage), met, mentions,
                scenario if self._scenario_value else scenario is not None)

    def _relevant(self, stage: str) -> tuple[frozenset[int], tuple[str, ...]]:
        """The USER_MENTION_* tests (by index) and the entity slots of the rules that can fire in `stage`."""
        if stage not in self._relevant_by_stage:
            tests: set[int] = set()
            slots: dict[str, None] = {}
            for stages, rule_tests, rule_slots in self._by_rule:
                if stages is None or stage in stages:
                    tests.update(self._tests.index[test] for test in rule_tests)
                    slots.update(dict.fromkeys(sorted(rule_slots)))
            self._relevant_by_stage[stage] = (frozenset(tests), tuple(slots))
        return self._relevant_by_stage[stage]

    def _fixed_part(self, message: str, stage: str) -> tuple:
        """The part of a message's key that no context but the stage changes (in-stage keywords)."""
        where = (message, stage) if self._detector.staged else message
        if where not in self._fixed:
            budget = extract_budget(message)
            self._fixed[where] = (self._detector.detect(message, stage).intent,
                                    str(budget) if self._budget_value else budget is not None,
                                    message if self._text_value else None)
        return self._fixed[where]

    def _mentions(self, message: str, slots: tuple[str, ...], category: str | None, brand: str | None) -> tuple:
        return tuple(self._mention(message, slot, None if slot == "category" else category,
                                   brand if slot == "series" else None) for slot in slots)

    def _mention(self, message: str, slot: str, category: str | None, brand: str | None) -> tuple:
        where = (message, slot, category, brand)
        if where not in self._mention_cache:
            mention = self.knowledge.find_mention(message, slot, category, brand)
            self._mention_cache[where] = (slot, mention.name, mention.category, mention.brand) if mention else (slot,)
        return self._mention_cache[where]

    def _scenario(self, message: str, category: str | None) -> str | None:
        if (message, category) not in self._scenario_cache:
            self._scenario_cache[message, category] = extract_scenario(message, self.knowledge, category)
        return self._scenario_cache[message, category]


class MentionTests:
    """The distinct `USER_MENTION_ANY` / `_ALL` tests of a rule base, and which of them a message meets.

    The alternatives are indexed by their first character, so a message is
    scanned once however many rules there are (as the keyword intent detector
    does); "contains" means what the engine means: a case-folded substring.
    """

    def __init__(self, tests: list[tuple[str, str]]):
        self.index = {test: number for number, test in enumerate(tests)}
        self._kinds = [kind for kind, _ in tests]
        self._alternatives = [folded_alternatives(text) for _, text in tests]
        self._tests_of: dict[str, list[int]] = {}
        for number, alternatives in enumerate(self._alternatives):
            for alternative in alternatives:
                self._tests_of.setdefault(alternative, []).append(number)
        self._by_first: dict[str, list[str]] = {}
        for alternative in self._tests_of:
            self._by_first.setdefault(alternative[0], []).append(alternative)
        self._met: dict[str, frozenset[int]] = {}

    def met(self, message: str) -> frozenset[int]:
        if message not in self._met:
            folded = message.casefold()
            found = {alternative for position, char in enumerate(folded)
                     for alternative in self._by_first.get(char, ()) if folded.startswith(alternative, position)}
            candidates = {number for alternative in found for number in self._tests_of[alternative]}
            self._met[message] = frozenset(
                number for number in candidates
                if self._kinds[number] == "any" or all(a in found for a in self._alternatives[number]))
        return self._met[message]
