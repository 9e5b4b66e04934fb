"""All rule files of a project merged into one rule base, with an index for turns.

Merging (files in the order given, which is file-name order for a project):
the first declaration of an intent name, of a persona key and of a sales
stage number counts; rules cut short by a syntax error are left out; the
rest are ordered by descending PRIORITY, then file order, then position.

The index: a rule whose condition is a conjunction with a part that pins the
intent (`INTENT_IS x`, or an OR of those) can only fire when the intent is
one of those; likewise for the stage (`CONTEXT_STAGE_IS "s"` or
`CONTEXT_EQ current_stage "s"`). Parts under NOT never pin anything. Rules
are bucketed by (intent or any, stage or any), except the rules with a
top-level `CONVERSATION_START`, which only the opening turn tries; a turn merges the at most four
buckets that can match (each pre-sorted) with `heapq.merge`, lazily, so it
stops at the first rule that fires and never looks at the others.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Iterator, Sequence

from studio.dsl import ast
from studio.engine.conditions import (Failure, Test, compile_condition, describe, intent_reason,
                                      not_opening_reason, stage_reason)
from studio.engine.llm_port import SalesStage
from studio.engine.stages import DEFAULT_SALES_STAGES

SortKey = tuple[int, int]


@dataclass(frozen=True)
class Pin:
    """A top-level part of a condition that restricts it to some intents or stages."""
    values: frozenset[str]
    part: ast.Expr

    @property
    def condition(self) -> str:
        """The part as written, for the trace."""
        return describe(self.part)


@dataclass(frozen=True)
class RuleEntry:
    rule: ast.Rule
    file: str
    order: int   # position in the whole rule base, files in order
    intent_pin: Pin | None
    stage_pin: Pin | None
    opening_only: bool = False   # a top-level CONVERSATION_START: only the opening turn can fire it

    @property
    def name(self) -> str:
        return self.rule.name.text

    @property
    def line(self) -> int:
        return self.rule.span.line

    @cached_property
    def holds(self) -> Test:
        """The condition's yes/no test, compiled when a turn first needs it (most rules never are)."""
        return compile_condition(self.rule.condition)

    @property
    def sort_key(self) -> SortKey:
        return (-self.rule.priority, self.order)

    def allowed_by_index(self, intent: str | None, stage: str, opening: bool = False) -> bool:
        """Whether the index lets this rule be tried for (intent, stage): `excluded_by_index` without its reason,
        which turns need not pay for (the reason is a message in the current language)."""
        return not ((self.opening_only and not opening)
                    or (self.intent_pin is not None and intent not in self.intent_pin.values)
                    or (self.stage_pin is not None and stage not in self.stage_pin.values))

    def excluded_by_index(self, intent: str | None, stage: str, opening: bool = False) -> Failure | None:
        """Why the index ruled this rule out for (intent, stage), or None if it did not."""
        if self.opening_only and not opening:
            return Failure("CONVERSATION_START", not_opening_reason())
        if self.intent_pin and intent not in self.intent_pin.values:
            return Failure(self.intent_pin.condition, intent_reason(intent))
        if self.stage_pin and stage not in self.stage_pin.values:
            return Failure(self.stage_pin.condition, stage_reason(stage))
        return None


def _pinned(expr: ast.Expr, kind: str) -> frozenset[str] | None:
    """The only intents (kind "intent") or stages ("stage") for which `expr` can hold, or None."""
    if isinstance(expr, ast.And):
        for operand in expr.operands:
            if (found := _pinned(operand, kind)) is not None:
                return found
        return None
    if isinstance(expr, ast.Or):
        parts = [_pinned(operand, kind) for operand in expr.operands]
        return None if None in parts else frozenset().union(*parts)
    if kind == "intent":
        return frozenset((expr.intent.text,)) if isinstance(expr, ast.IntentIs) else None
    if isinstance(expr, ast.ContextStageIs):
        return frozenset((expr.stage.value,))
    if isinstance(expr, ast.ContextEq) and expr.var.text == "current_stage":
        return frozenset((expr.value.value,))
    return None


def _pin(condition: ast.Expr, kind: str) -> Pin | None:
    conjuncts = condition.operands if isinstance(condition, ast.And) else (condition,)
    for part in conjuncts:
        if (values := _pinned(part, kind)) is not None:
            return Pin(values, part)
    return None


def _opening_only(condition: ast.Expr) -> bool:
    conjuncts = condition.operands if isinstance(condition, ast.And) else (condition,)
    return any(isinstance(part, ast.ConversationStart) for part in conjuncts)


def _uses_opening(rule: ast.Rule) -> bool:
    return any(isinstance(leaf, ast.ConversationStart) for leaf in ast.leaves(rule.condition))


def _uses_sales_stages(rule: ast.Rule) -> bool:
    return (any(isinstance(a, ast.Generate) for a in rule.actions)
            or any(isinstance(leaf, ast.SalesStageIs) for leaf in ast.leaves(rule.condition)))


def _first_by(items: Iterable, key) -> dict:
    found: dict = {}
    for item in items:
        found.setdefault(key(item), item)
    return found


@dataclass(frozen=True)
class RuleBase:
    intents: tuple[ast.IntentDecl, ...]
    persona: dict[str, str]          # all seven keys; "" where none is declared
    sales_stages: tuple[SalesStage, ...]
    rules: tuple[RuleEntry, ...]     # in the order they are tried
    uses_sales_stages: bool          # any SALES_STAGE_IS or GENERATE: the analyzer runs
    uses_opening: bool               # some rule tests CONVERSATION_START: the assistant speaks first
    _buckets: dict[tuple[str | None, str | None], list[tuple[SortKey, RuleEntry]]] = field(repr=False)

    @property
    def intent_names(self) -> frozenset[str]:
        return frozenset(decl.name.text for decl in self.intents)

    @classmethod
    def build(cls, programs: Sequence[ast.Program]) -> "RuleBase":
        intents = _first_by((d for p in programs for d in p.intents), lambda d: d.name.text)
        persona = {key: "" for key in ast.PERSONA_KEYS}
        declared_keys: set[str] = set()
        for f in (f for p in programs for decl in p.personas for f in decl.fields):
            if f.key.text not in declared_keys:
                declared_keys.add(f.key.text)
                persona[f.key.text] = f.value.value
        declared = _first_by((s for p in programs for s in p.sales_stages), lambda s: s.number.value)
        stages = tuple(SalesStage(n, s.title.value, s.description.value if s.description else "")
                       for n, s in sorted(declared.items())) or DEFAULT_SALES_STAGES

        entries, uses_sales, uses_opening = [], False, False
        for program in programs:
            for rule in program.rules:
                if rule.complete and rule.condition is not None:
                    entries.append(RuleEntry(rule, program.file, len(entries),
                                             _pin(rule.condition, "intent"), _pin(rule.condition, "stage"),
                                             _opening_only(rule.condition)))
                    uses_sales = uses_sales or _uses_sales_stages(rule)
                    uses_opening = uses_opening or _uses_opening(rule)
        entries.sort(key=lambda e: e.sort_key)

        buckets: dict[tuple[str | None, str | None], list[tuple[SortKey, RuleEntry]]] = {}
        for entry in entries:   # already sorted, so every bucket is too
            if entry.opening_only:
                continue   # tried in the opening turn only, which looks at every rule
            for intent in entry.intent_pin.values if entry.intent_pin else (None,):
                for stage in entry.stage_pin.values if entry.stage_pin else (None,):
                    buckets.setdefault((intent, stage), []).append((entry.sort_key, entry))

        return cls(tuple(intents.values()), persona, stages, tuple(entries), uses_sales, uses_opening, buckets)

    def opening_candidates(self, stage: str) -> Iterator[RuleEntry]:
        """The rules that can fire in the opening turn (no intent), in the order they are tried."""
        return (entry for entry in self.rules if entry.allowed_by_index(None, stage, opening=True))

    def candidates(self, intent: str | None, stage: str) -> Iterator[RuleEntry]:
        """The rules that can fire for (intent, stage), in the order they are tried."""
        intent_keys = (intent, None) if intent is not None else (None,)
        lists = [bucket for i in intent_keys for s in (stage, None) if (bucket := self._buckets.get((i, s)))]
        if len(lists) == 1:
            return (entry for _, entry in lists[0])
        return (entry for _, entry in heapq.merge(*lists))
