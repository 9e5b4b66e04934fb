"""One conversation turn (docs/language.md): remember, detect the intent, match a rule, act, reply.

Decisions where the spec is silent:
- `user_input` is this message from the start of the turn (templates can echo
  it); `last_intent` still holds the previous turn's intent while rules are
  matched and becomes this turn's intent at the end.
- The LLM intent prompt sees the stage, the chain and the 6 messages before
  this one (the message itself is passed separately).
- The sales-stage analyzer sees the whole history (this message included);
  an answer that is not a declared stage number keeps the previous stage.
- An empty reply is not added to the history.
- The LLM calls of a turn share one time budget, and failing turns pause the
  LLM for the following ones (llm_turn.py); each turn says so in its notes.
- The opening turn (`opening`) has no message (`input` None), no intent
  (source "opening") and no sales-stage analysis; only there does
  `CONVERSATION_START` hold. Its reply joins the history as the assistant's.
- `quick_turn` / `quick_opening` take the same turns without recording them
  (no snapshots, diff, trace or JSON-ready context): for counting many turns
  (`replay`). The same rule fires and the context ends the same.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from studio.engine.actions import ActionRun, run_actions
from studio.engine.conditions import TurnFacts
from studio.engine.context import ConversationContext
from studio.engine.extract import extract_budget, extract_scenario
from studio.engine.intents import KeywordIntentDetector
from studio.engine.llm_port import IntentContext, LLMCall, LLMPort
from studio.engine.llm_turn import LLMPause, TurnLLM
from studio.engine.rulebase import RuleBase, RuleEntry
from studio.engine.trace import RuleMatching, RuleRef, Trace
from studio.i18n import _

if TYPE_CHECKING:
    from studio.knowledge.model import Knowledge

INTENT_CONTEXT_MESSAGES = 6


@dataclass(frozen=True)
class TurnResult:
    input: str | None   # None: the opening turn
    reply: str
    intent: str | None
    intent_source: str
    rule: str | None
    stage: str
    sales_stage: int
    product_chain: tuple[tuple[str, str], ...]
    context: dict[str, Any]
    trace: Trace

    def to_json(self) -> dict[str, Any]:
        """The object `chat --json` prints for this turn (docs/cli.md)."""
        return {
            "input": self.input,
            "reply": self.reply,
            "intent": self.intent,
            "intent_source": self.intent_source,
            "rule": self.rule,
            "stage": self.stage,
            "sales_stage": self.sales_stage,
            "product_chain": [[slot, value] for slot, value in self.product_chain],
            "context": self.context,
        }


@dataclass(frozen=True)
class QuickTurn:
    """What a turn taken without its record says: enough to count it."""
    reply: str
    intent: str | None
    rule: str | None


@dataclass(frozen=True)
class _Intent:
    name: str | None
    source: str
    reason: str


def _opening_intent() -> _Intent:
    """Made for each opening turn: its reason is in the language of the moment."""
    return _Intent(None, "opening", _("the opening turn: no customer message yet"))


class Assistant:
    def __init__(self, rulebase: RuleBase, knowledge: "Knowledge", llm: LLMPort | None = None, *,
                 clock: Callable[[], float] = time.monotonic):
        """`clock` (monotonic seconds) times the pause of the LLM after failures; tests move it by hand."""
        self.rulebase = rulebase
        self.knowledge = knowledge
        self.llm = llm
        self._keywords = KeywordIntentDetector(rulebase.intents)
        self._llm_pause = LLMPause(clock)

    def new_context(self, stage: str | None = None, **variables: Any) -> ConversationContext:
        """A fresh conversation, or one starting mid-flow: `new_context("brand_select", current_category="手机")`."""
        values = dict(variables)
        if stage is not None:
            values["current_stage"] = stage
        return ConversationContext.from_dict(values)

    def turn(self, context: ConversationContext, message: str,
             on_chunk: Callable[[str], None] | None = None) -> TurnResult:
        before = context.snapshot()
        calls: list[LLMCall] = []
        notes: list[str] = []
        llm = None if self.llm is None else TurnLLM(self.llm, self._llm_pause)
        intent = self._hear(context, message, calls, notes, llm)
        return self._answer(context, message, intent, before, calls, notes, llm, on_chunk)

    def quick_turn(self, context: ConversationContext, message: str) -> QuickTurn:
        """`turn` without its record: the same rule fires and the context ends the same, but no
        snapshot, diff or trace is made (they are a good part of a turn's cost when nobody reads them)."""
        llm = None if self.llm is None else TurnLLM(self.llm, self._llm_pause)
        intent = self._hear(context, message, [], [], llm)
        fired, _run, reply = self._respond(context, message, intent, [], llm, None)
        return QuickTurn(reply, intent.name, fired.name if fired else None)

    def _hear(self, context: ConversationContext, message: str, calls: list[LLMCall], notes: list[str],
              llm: TurnLLM | None) -> _Intent:
        """Take the message in: history, remembered values, intent, sales stage."""
        context.user_input = message
        context.add_message("user", message)
        self._remember(context, message, notes)
        intent = self._detect_intent(context, message, calls, llm)
        if llm is not None and self.rulebase.uses_sales_stages:
            self._analyze_sales_stage(context, calls, notes, llm)
        return intent

    def opening(self, context: ConversationContext,
                on_chunk: Callable[[str], None] | None = None) -> TurnResult:
        """The turn the assistant takes before the first customer message (only worth taking when
        `rulebase.uses_opening`): no message, no intent, and `CONVERSATION_START` holds."""
        before = context.snapshot()
        llm = None if self.llm is None else TurnLLM(self.llm, self._llm_pause)
        return self._answer(context, None, _opening_intent(), before, [], [], llm, on_chunk)

    def quick_opening(self, context: ConversationContext) -> QuickTurn:
        """`opening` without its record, as `quick_turn` is `turn` without it."""
        llm = None if self.llm is None else TurnLLM(self.llm, self._llm_pause)
        fired, _run, reply = self._respond(context, None, _opening_intent(), [], llm, None)
        return QuickTurn(reply, None, fired.name if fired else None)

    def _answer(self, context: ConversationContext, message: str | None, intent: _Intent, before: dict,
                calls: list[LLMCall], notes: list[str], llm: TurnLLM | None,
                on_chunk: Callable[[str], None] | None) -> TurnResult:
        """Match a rule, run its actions and record the turn."""
        matching_context = context.snapshot()
        fired, run, reply = self._respond(context, message, intent, notes, llm, on_chunk)
        calls.extend(run.llm_calls)
        opening = message is None
        trace = Trace(intent.name, intent.source, intent.reason, tuple(calls), tuple(notes),
                      RuleRef.of(fired) if fired else None, tuple(run.records),
                      ConversationContext.diff(before, context.snapshot()),
                      RuleMatching(self.rulebase, self.knowledge, message or "", intent.name, matching_context, fired,
                                   opening))
        return TurnResult(message, reply, intent.name, intent.source, fired.name if fired else None,
                          context.current_stage, context.sales_stage, tuple(context.product_chain),
                          context.as_dict(), trace)

    def _respond(self, context: ConversationContext, message: str | None, intent: _Intent, notes: list[str],
                 llm: TurnLLM | None,
                 on_chunk: Callable[[str], None] | None) -> tuple[RuleEntry | None, ActionRun, str]:
        """Match a rule and run its actions: (the rule that fired, the run, the reply, added to the history)."""
        facts = TurnFacts(message or "", intent.name, context, self.knowledge, message is None)
        fired = self._match(facts)
        run = ActionRun(facts, self.rulebase, llm, on_chunk)
        if fired is None:
            notes.append(_("no rule matched: empty reply"))
        else:
            run_actions(fired.rule.actions, run)
        if llm is not None:
            notes.extend(llm.finish())
        if reply := "\n".join(run.lines):
            context.add_message("assistant", reply)
        if run.product_related:
            context.query_count += 1
        context.last_intent = intent.name
        return fired, run, reply

    # ------------------------------------------------------------ steps

    def _remember(self, context: ConversationContext, message: str, notes: list[str]) -> None:
        if budget := extract_budget(message):
            context.budget_range = budget
            notes.append(_("budget_range remembered: {budget}").format(budget=budget))
        if scenario := extract_scenario(message, self.knowledge, context.current_category):
            context.usage_scenario = scenario
            notes.append(_("usage_scenario remembered: {scenario}").format(scenario=scenario))

    def _detect_intent(self, context: ConversationContext, message: str, calls: list[LLMCall],
                       llm: TurnLLM | None) -> _Intent:
        if llm is None or not self.rulebase.intents:   # nothing for a model to choose from
            match = self._keywords.detect(message, context.current_stage)
            return _Intent(match.intent, "keywords", match.reason())
        recent = tuple(context.history)[-1 - INTENT_CONTEXT_MESSAGES:-1]
        prompt_context = IntentContext(context.current_stage, context.chain_text(), recent)
        name, call = llm.classify_intent(message, self.rulebase.intents, prompt_context)   # never raises
        calls.append(call)
        failed = call.error or _("the model gave no usable answer")
        if name is not None and name in self.rulebase.intent_names:
            return _Intent(name, "llm", _("LLM chose {intent}").format(intent=name))
        if name is not None:
            failed = _("LLM answered {answer}, which is not a declared intent").format(answer=repr(name))
        match = self._keywords.detect(message, context.current_stage)
        # TRANSLATORS: {failed} says why the LLM's intent was not used, {reason} what the keywords found.
        return _Intent(match.intent, "fallback",
                       _("{failed}; keywords decided: {reason}").format(failed=failed, reason=match.reason()))

    def _analyze_sales_stage(self, context: ConversationContext, calls: list[LLMCall], notes: list[str],
                             llm: TurnLLM) -> None:
        stages = self.rulebase.sales_stages
        number, call = llm.analyze_sales_stage(list(context.history), stages, context.sales_stage)  # never raises
        calls.append(call)
        failed = call.error or _("the model gave no usable answer")
        if number is not None and any(s.number == number for s in stages):
            if number != context.sales_stage:
                notes.append(_("sales stage {old} -> {new}").format(old=context.sales_stage, new=number))
            context.sales_stage = number
        else:
            why = failed if number is None else _("{number} is not a declared stage").format(number=number)
            notes.append(_("sales stage kept at {number}: {why}").format(number=context.sales_stage, why=why))

    def _match(self, facts: TurnFacts) -> RuleEntry | None:
        """The first rule, in priority order, whose condition holds."""
        stage = facts.context.current_stage
        candidates = (self.rulebase.opening_candidates(stage) if facts.opening
                      else self.rulebase.candidates(facts.intent, stage))
        for entry in candidates:
            if entry.holds(facts):
                return entry
        return None
