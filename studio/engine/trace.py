"""What happened in one turn and why (docs/language.md), for the chat panel, `test` and `chat`.

The per-rule explanations (`attempts()`) are computed on demand: the turn
itself only runs the yes/no tests of the rules its index offers. When the
trace is read, those rules are evaluated again, with explanations, against a
copy of the context as it was when rules were matched; a rule the index left
out is explained by the intent or stage part that excluded it. Listing every
rule ahead of the fired one costs a walk over the rule base, which a turn
should not pay when nobody looks.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from studio.engine.actions import ActionRecord
from studio.engine.conditions import Failure, TurnFacts, evaluate
from studio.engine.context import ConversationContext
from studio.engine.llm_port import LLMCall
from studio.engine.rulebase import RuleBase, RuleEntry
from studio.i18n import N_, _

if TYPE_CHECKING:
    from studio.knowledge.model import Knowledge


@dataclass(frozen=True)
class RuleRef:
    name: str
    file: str
    line: int
    priority: int

    @staticmethod
    def of(entry: RuleEntry) -> "RuleRef":
        return RuleRef(entry.name, entry.file, entry.line, entry.rule.priority)


@dataclass(frozen=True)
class Attempt:
    """A rule tried before the one that fired (or every rule, when none fired)."""
    rule: RuleRef
    failure: Failure
    by_index: bool   # ruled out by its intent/stage part without being evaluated


@dataclass(frozen=True)
class RuleMatching:
    """The state rules were matched in; enough to explain every rule later."""
    rulebase: RuleBase
    knowledge: "Knowledge"
    message: str
    intent: str | None
    context: dict[str, Any]   # ConversationContext.snapshot() just before matching
    fired: RuleEntry | None
    opening: bool = False     # the opening turn (CONVERSATION_START holds)


@dataclass(frozen=True)
class Trace:
    intent: str | None
    intent_source: str          # "llm" | "keywords" | "fallback"
    intent_reason: str
    llm_calls: tuple[LLMCall, ...]
    notes: tuple[str, ...]      # extraction, sales-stage analysis, LLM time used up / paused, "no rule matched"
    rule: RuleRef | None
    actions: tuple[ActionRecord, ...]
    diff: dict[str, tuple[Any, Any]]
    matching: RuleMatching = field(repr=False, compare=False)

    def attempts(self) -> list[Attempt]:
        """For every rule ahead of the fired one in priority order, the first condition that failed."""
        return self._attempts

    @cached_property
    def _attempts(self) -> list[Attempt]:
        m = self.matching
        facts = TurnFacts(m.message, m.intent, ConversationContext.from_dict(m.context), m.knowledge, m.opening)
        out = []
        for entry in m.rulebase.rules:
            if entry is m.fired:
                break
            if excluded := entry.excluded_by_index(m.intent, facts.context.current_stage, m.opening):
                out.append(Attempt(RuleRef.of(entry), excluded, True))
            else:
                failure = evaluate(entry.rule.condition, facts)
                assert failure is not None, f"rule {entry.name} holds but did not fire"
                out.append(Attempt(RuleRef.of(entry), failure, False))
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe, attempts included."""
        return {
            "intent": self.intent,
            "intent_source": self.intent_source,
            "intent_reason": self.intent_reason,
            "llm_calls": [asdict(call) for call in self.llm_calls],
            "notes": list(self.notes),
            "rule": asdict(self.rule) if self.rule else None,
            "attempts": [{**asdict(a.rule), "condition": a.failure.condition, "reason": a.failure.reason,
                          "by_index": a.by_index} for a in self.attempts()],
            "actions": [{"action": r.action, "notes": list(r.notes)} for r in self.actions],
            "diff": {var: [old, new] for var, (old, new) in self.diff.items()},
        }


# What a reader sees for an intent's source and an LLM call's purpose; the JSON keeps the raw values,
# which scripts compare. The English words are the values themselves.
INTENT_SOURCES = {"keywords": N_("keywords"), "llm": N_("llm"), "fallback": N_("fallback"),
                  "opening": N_("opening")}
LLM_PURPOSES = {"intent": N_("intent"), "sales_stage": N_("sales_stage"), "generate": N_("generate")}


def intent_source_label(source: str) -> str:
    """How the intent was found ("keywords", "llm", ...), in the reader's language."""
    return _(INTENT_SOURCES[source]) if source in INTENT_SOURCES else source


def llm_purpose_label(purpose: str) -> str:
    """What an LLM call was for ("intent", "sales_stage", "generate"), in the reader's language."""
    return _(LLM_PURPOSES[purpose]) if purpose in LLM_PURPOSES else purpose
