"""The language model as one turn sees it: one time budget for all its calls, and a pause after failures.

A turn may ask the model three times (intent, sales stage, GENERATE). Were
each call bounded on its own, a hung model would cost a turn three timeouts,
and every later turn as much again. So:

- A port that declares its `timeout_s` gives the whole turn that much waiting:
  each call gets what the earlier calls left (`timeout_s=` per call), and a
  call with (almost) nothing left is not made. Time is counted from the calls' own
  latencies, so the one-off import of the model library is not charged.
- After a turn whose calls failed (no answer: transport, HTTP, timeout), the
  model is left alone for a pause: 30 s, doubled for each failing turn in a
  row up to 8 min; a turn with an answer ends the pause. Turns inside the
  pause answer offline without sending anything, and say so.

A call that is not made still gets an `LLMCall` record (no prompt, zero
latency, `skipped`), so every place that reports
failed calls reports skipped ones too.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Sequence

from studio.dsl.ast import IntentDecl
from studio.engine.llm_port import IntentContext, LLMCall, LLMPort, SalesStage, call_raised
from studio.i18n import _

PAUSE_FIRST_S = 30.0
PAUSE_MAX_S = 480.0
MIN_CALL_S = 0.05   # less time than this left in the turn is not worth a request


class LLMPause:
    """How long the model is left alone after failing turns; `clock` is a monotonic clock in seconds."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 first_s: float = PAUSE_FIRST_S, max_s: float = PAUSE_MAX_S):
        self._clock = clock
        self._first_s = first_s
        self._max_s = max_s
        self._length_s = 0.0
        self._until: float | None = None

    def seconds_left(self) -> float:
        return 0.0 if self._until is None else max(0.0, self._until - self._clock())

    def failed(self) -> float:
        """Start a pause, twice as long as the last one if nothing answered since; its length."""
        self._length_s = min(self._max_s, self._length_s * 2) if self._length_s else self._first_s
        self._until = self._clock() + self._length_s
        return self._length_s

    def answered(self) -> None:
        self._length_s, self._until = 0.0, None


class TurnLLM:
    """The `LLMPort` one turn calls: never raises, keeps to the turn's time, skips calls while paused.

    `finish()` ends the turn: it updates the pause and returns the notes for the trace.
    """

    def __init__(self, port: LLMPort, pause: LLMPause):
        self.port = port
        self._pause = pause
        self._paused_s = pause.seconds_left()   # decided once: a failure in this turn pauses the next ones
        self._budget_s: float | None = getattr(port, "timeout_s", None)
        self._spent_s = 0.0
        self._skipped: list[str] = []
        self._out_of_time: list[str] = []
        self._failed = False
        self._answered = False

    def classify_intent(self, message: str, intents: Sequence[IntentDecl],
                        context: IntentContext) -> tuple[str | None, LLMCall]:
        return self._ask("intent", lambda limit: self.port.classify_intent(message, intents, context, **limit))

    def analyze_sales_stage(self, history: Sequence[tuple[str, str]], stages: Sequence[SalesStage],
                            current: int) -> tuple[int | None, LLMCall]:
        return self._ask("sales_stage", lambda limit: self.port.analyze_sales_stage(history, stages, current, **limit))

    def generate_reply(self, persona: dict[str, str], stage: SalesStage, history: Sequence[tuple[str, str]],
                       facts: str, on_chunk: Callable[[str], None] | None = None) -> tuple[str | None, LLMCall]:
        watched = None if on_chunk is None else _WatchedCallback(on_chunk)
        return self._ask("generate",
                         lambda limit: self.port.generate_reply(persona, stage, history, facts, watched, **limit),
                         stopped_by_caller=lambda: watched is not None and watched.raised)

    def finish(self) -> list[str]:
        """Notes for the trace; a turn with a failed call starts (or lengthens) the pause, an answer ends it."""
        notes = []
        # TRANSLATORS: {purposes} lists the calls not made: intent, sales_stage, generate.
        if self._skipped:
            notes.append(_("LLM skipped for {seconds} s after a failure: {purposes} answered offline").format(
                seconds=f"{self._paused_s:.0f}", purposes=", ".join(self._skipped)))
        if self._out_of_time:
            notes.append(_("LLM time of the turn ({seconds} s) used up: {purposes} answered offline").format(
                seconds=f"{self._budget_s:g}", purposes=", ".join(self._out_of_time)))
        if self._failed:
            notes.append(_("LLM failed: not asked again for {seconds} s").format(seconds=f"{self._pause.failed():g}"))
        elif self._answered:
            self._pause.answered()
        return notes

    def _ask(self, purpose: str, send: Callable[[dict[str, float]], tuple[Any, LLMCall]],
             stopped_by_caller: Callable[[], bool] = lambda: False) -> tuple[Any, LLMCall]:
        if self._paused_s > 0:
            self._skipped.append(purpose)
            return None, _skipped(purpose, _("LLM paused for {seconds} s more after a failure").format(
                seconds=f"{self._paused_s:.0f}"))
        limit: dict[str, float] = {}
        if self._budget_s is not None:
            left = self._budget_s - self._spent_s
            if left < MIN_CALL_S:
                self._out_of_time.append(purpose)
                return None, _skipped(purpose, _("the turn's {seconds} s of LLM time are used up").format(
                    seconds=f"{self._budget_s:g}"))
            limit["timeout_s"] = left
        started = time.perf_counter()
        try:
            value, call = send(limit)
        except Exception as error:  # the port's contract is a failed call, not an exception; a turn survives both
            value, call = None, LLMCall(purpose, "", None, (time.perf_counter() - started) * 1000.0,
                                        call_raised(error))
        self._spent_s += call.latency_ms / 1000.0
        if call.raw is not None:
            self._answered = True
        elif not stopped_by_caller():   # a stream the caller stopped says nothing about the model
            self._failed = True
        return value, call


def _skipped(purpose: str, why: str) -> LLMCall:
    # TRANSLATORS: {reason} says why the call to the LLM was not made.
    return LLMCall(purpose, "", None, 0.0, _("skipped: {reason}").format(reason=why), skipped=True)


class _WatchedCallback:
    """Passes chunks on and remembers whether the callback raised (the caller stopping the stream)."""

    def __init__(self, callback: Callable[[str], None]):
        self._callback = callback
        self.raised = False

    def __call__(self, text: str) -> None:
        try:
            self._callback(text)
        except BaseException:
            self.raised = True
            raise
