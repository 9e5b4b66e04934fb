"""The syntax tree of a rule file (docs/language.md): frozen dataclasses, each with a span.

Every node keeps the spans of the parts that checks and fixes point at (a
name, a string, a number) beside the span of the whole construct.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Union

from studio.diagnostics import Span

CHAIN_SLOTS = ("category", "subtype", "brand", "series")
MENTION_SLOTS = CHAIN_SLOTS + ("scenario",)
PERSONA_KEYS = (
    "salesperson_name", "salesperson_role", "company_name", "company_business",
    "company_values", "conversation_purpose", "conversation_type",
)


@dataclass(frozen=True)
class Name:
    """An identifier as written (intent, variable, slot, rule or persona key)."""
    text: str
    span: Span


@dataclass(frozen=True)
class StringLit:
    """A double-quoted string; `value` has its escapes decoded.

    `offsets[i]` is the source offset of decoded character i, and
    `offsets[len(value)]` the offset of the closing quote, so a piece of the
    value maps back to an exact source span (for squiggles and fixes).
    """
    value: str
    span: Span
    offsets: Sequence[int] = field(repr=False, compare=False, default=())

    def span_of(self, start: int, end: int) -> Span:
        """Source span of `value[start:end]` (strings never cross lines)."""
        if not self.offsets:
            return self.span
        s, e = self.offsets[start], self.offsets[end]
        delta = self.span.start
        return Span(s, e, self.span.line, self.span.column + s - delta,
                    self.span.line, self.span.column + e - delta)

    def alternatives(self) -> list[tuple[str, int, int]]:
        """The `|`-separated alternatives with their start/end in `value`, blanks dropped."""
        out, pos = [], 0
        for part in self.value.split("|"):
            stripped = part.strip()
            if stripped:
                lead = len(part) - len(part.lstrip())
                out.append((stripped, pos + lead, pos + lead + len(stripped)))
            pos += len(part) + 1
        return out


@dataclass(frozen=True)
class Number:
    value: int
    span: Span


# ---------------------------------------------------------------- declarations

@dataclass(frozen=True)
class KeywordsLine:
    """`KEYWORDS "a|b"`, optionally followed by `IN_STAGE "s|t"`: then its keywords count
    only while `current_stage` is one of those stages (and outrank keywords without a stage)."""
    text: StringLit
    stages: StringLit | None
    span: Span

    def stage_names(self) -> frozenset[str] | None:
        """The stages it counts in; None: every stage."""
        return None if self.stages is None else frozenset(alt for alt, _, _ in self.stages.alternatives())


@dataclass(frozen=True)
class IntentDecl:
    name: Name
    description: StringLit | None
    keyword_lines: tuple[KeywordsLine, ...]
    examples: tuple[StringLit, ...]
    span: Span

    @property
    def keywords(self) -> StringLit | None:
        """The first `KEYWORDS` string without `IN_STAGE` (the whole vocabulary of a one-line intent)."""
        return next((line.text for line in self.keyword_lines if line.stages is None), None)

    def plain_lines(self) -> tuple[KeywordsLine, ...]:
        return tuple(line for line in self.keyword_lines if line.stages is None)

    def staged_lines(self) -> tuple[KeywordsLine, ...]:
        return tuple(line for line in self.keyword_lines if line.stages is not None)

    def all_keywords(self) -> list[str]:
        """Every keyword alternative of every line, once each, in source order."""
        return list(dict.fromkeys(alt for line in self.keyword_lines for alt, _, _ in line.text.alternatives()))


@dataclass(frozen=True)
class PersonaField:
    key: Name
    value: StringLit
    span: Span


@dataclass(frozen=True)
class PersonaDecl:
    fields: tuple[PersonaField, ...]
    span: Span

    def as_dict(self) -> dict[str, str]:
        return {f.key.text: f.value.value for f in self.fields}


@dataclass(frozen=True)
class SalesStageDecl:
    number: Number
    title: StringLit
    description: StringLit | None
    span: Span


# ---------------------------------------------------------------- conditions

@dataclass(frozen=True)
class IntentIs:
    intent: Name
    span: Span


@dataclass(frozen=True)
class UserMentionAny:
    text: StringLit
    span: Span


@dataclass(frozen=True)
class UserMentionAll:
    text: StringLit
    span: Span


@dataclass(frozen=True)
class UserMentions:
    slot: Name
    span: Span


@dataclass(frozen=True)
class ContextEq:
    var: Name
    value: StringLit
    span: Span


@dataclass(frozen=True)
class ContextHas:
    var: Name
    span: Span


@dataclass(frozen=True)
class ContextNotSet:
    var: Name
    span: Span


@dataclass(frozen=True)
class ContextStageIs:
    stage: StringLit
    span: Span


@dataclass(frozen=True)
class SalesStageIs:
    number: Number
    span: Span


@dataclass(frozen=True)
class Always:
    span: Span


@dataclass(frozen=True)
class ConversationStart:
    """Holds only in the opening turn, which the assistant takes before the first customer message."""
    span: Span


@dataclass(frozen=True)
class Not:
    operand: "Expr"
    span: Span


@dataclass(frozen=True)
class And:
    operands: tuple["Expr", ...]
    span: Span


@dataclass(frozen=True)
class Or:
    operands: tuple["Expr", ...]
    span: Span


Condition = Union[IntentIs, UserMentionAny, UserMentionAll, UserMentions, ContextEq,
                  ContextHas, ContextNotSet, ContextStageIs, SalesStageIs, Always, ConversationStart]
Expr = Union[Condition, Not, And, Or]


def leaves(expr: Expr):
    """Every condition of an expression, left to right."""
    if isinstance(expr, (And, Or)):
        for op in expr.operands:
            yield from leaves(op)
    elif isinstance(expr, Not):
        yield from leaves(expr.operand)
    else:
        yield expr


# ---------------------------------------------------------------- actions

@dataclass(frozen=True)
class Respond:
    template: StringLit
    span: Span


@dataclass(frozen=True)
class SetStage:
    stage: StringLit
    span: Span


@dataclass(frozen=True)
class SetVar:
    var: Name
    template: StringLit
    span: Span


@dataclass(frozen=True)
class AddToChain:
    slot: Name
    value: StringLit
    span: Span


@dataclass(frozen=True)
class Capture:
    slot: Name
    span: Span


@dataclass(frozen=True)
class ResetShoppingContext:
    span: Span


@dataclass(frozen=True)
class SuggestCategories:
    span: Span


@dataclass(frozen=True)
class SuggestSubtypes:
    span: Span


@dataclass(frozen=True)
class SuggestBrands:
    span: Span


@dataclass(frozen=True)
class SuggestSeries:
    span: Span


@dataclass(frozen=True)
class SuggestByScenario:
    scenario: StringLit | None
    span: Span


@dataclass(frozen=True)
class SetSalesStage:
    number: Number
    span: Span


@dataclass(frozen=True)
class Generate:
    fallback: StringLit
    span: Span


Action = Union[Respond, SetStage, SetVar, AddToChain, Capture, ResetShoppingContext,
               SuggestCategories, SuggestSubtypes, SuggestBrands, SuggestSeries, SuggestByScenario,
               SetSalesStage, Generate]


# ---------------------------------------------------------------- rules, files

@dataclass(frozen=True)
class Rule:
    name: Name
    priority: int
    priority_span: Span | None
    condition: Expr | None
    actions: tuple[Action, ...]
    span: Span
    complete: bool = True
    """False when a syntax error cut the rule short: shown in the outline, never run."""


@dataclass(frozen=True)
class Program:
    """One parsed rule file."""
    file: str
    intents: tuple[IntentDecl, ...] = ()
    personas: tuple[PersonaDecl, ...] = ()
    sales_stages: tuple[SalesStageDecl, ...] = ()
    rules: tuple[Rule, ...] = ()
