"""The chat tester's turn worker: one assistant and one conversation, run off the UI thread.

`ChatWorker` is a QObject that lives in its own `QThread` (`ChatSession` owns
both). It talks to the panel only through signals with plain-Python payloads:

slots (queued, run in the worker thread, in the order they were asked for)
    ``rebuild(analysis, llm_settings | None)``  a new `Assistant` from the newest
        `Analysis` (rule buffers incl. unsaved edits, knowledge snapshot); the
        conversation (context) is kept, so the next turn uses the new rules.
        The `LazyLLMPort` is built here, in the worker thread (reused while the
        settings stay the same).
    ``reset(stage, variables)``  a fresh conversation, or one starting mid-flow. A fresh one
        begins with the assistant's opening turn when a rule tests CONVERSATION_START
        (also when the first rebuild makes the conversation): ``opening_finished``.
    ``run_turn(message)``        one turn; GENERATE text streams out as ``chunk_received``.

signals
    ``chunk_received(str)``   a piece of a streamed GENERATE reply.
    ``turn_finished(object)`` a `TurnPayload` (the `TurnResult`, the context diff, the trace dict).
    ``opening_finished(object)`` the `TurnPayload` of the opening turn (index -1), before any turn.
    ``turn_failed(str)``      the turn could not run (no rules yet, a bug: the traceback's last line).
    ``rebuilt(object)``       a `RebuildInfo` after each rebuild.

Stale work. Every ``reset`` starts a new *session* (a number counted the same
way on both sides); payloads carry it, so the panel drops a late answer from a
conversation that was reset meanwhile. A turn whose session is no longer the
newest one makes no further LLM calls (`_CancellableLLM`) and stops a stream
at the next chunk.

Closing (`ChatSession.shutdown`). The worker thread cannot be interrupted while
it waits inside an HTTP call, so shutdown marks everything stale (no new LLM
call starts, a stream stops at its next chunk), then ``quit()`` + ``wait()``
with a deadline of the LLM timeout (the read timeout bounds each wait for
bytes) plus one second. Only a server that keeps trickling bytes slower than
that can outlast the deadline; the thread is then left to finish on its own
(kept referenced so that Qt does not destroy a running thread) and the window
closes anyway.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from PySide6.QtCore import QDeadlineTimer, QObject, QThread, Signal, Slot

from studio.engine.assistant import Assistant, TurnResult
from studio.engine.context import ConversationContext
from studio.engine.llm_port import LLMCall
from studio.engine.rulebase import RuleBase

SHUTDOWN_MARGIN_MS = 1000
NO_LLM_WAIT_MS = 5000
_orphans: list[QThread] = []   # threads that outlived shutdown's deadline (see the module docstring)


class TurnCancelled(Exception):
    """Raised from a stream's chunk callback to stop a stream nobody is waiting for."""


@dataclass(frozen=True)
class TurnPayload:
    """What `turn_finished` carries: everything the panel shows of one turn (plain Python)."""
    session: int
    index: int                                # 0-based turn number in its conversation
    result: TurnResult
    diff: dict[str, tuple[Any, Any]]          # var -> (old, new), this turn
    trace: dict[str, Any]                     # `Trace.to_dict()`, attempts included (computed here)
    llm_used: bool                            # an LLM was configured for this turn
    llm_problems: tuple[str, ...] = ()        # one line per failed LLM call ("intent: HTTP 500")
    streamed: bool = False                    # some GENERATE text was streamed


@dataclass(frozen=True)
class RebuildInfo:
    rules: int
    llm: str | None                           # a description of the model, None when offline
    error: str | None = None                  # why the assistant could not be built


@dataclass
class _Session:
    number: int = 0
    stage: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)

    def context(self) -> ConversationContext:
        """The context this session starts in (from a dict: a variable may be called `stage` or `self`)."""
        values = dict(self.variables)
        if self.stage:
            values["current_stage"] = self.stage
        return ConversationContext.from_dict(values)


class _CancellableLLM:
    """Wraps an LLM port: once the turn is stale (reset, shutdown) no further call starts."""

    def __init__(self, port, is_stale: Callable[[], bool]) -> None:
        self._port = port
        self._is_stale = is_stale

    def _cancelled(self, purpose: str) -> tuple[None, LLMCall]:
        return None, LLMCall(purpose, "", None, 0.0, "cancelled: the conversation was reset or closed")

    def classify_intent(self, message, intents, context):
        if self._is_stale():
            return self._cancelled("intent")
        return self._port.classify_intent(message, intents, context)

    def analyze_sales_stage(self, history, stages, current):
        if self._is_stale():
            return self._cancelled("sales_stage")
        return self._port.analyze_sales_stage(history, stages, current)

    def generate_reply(self, persona, stage, history, facts, on_chunk=None):
        if self._is_stale():
            return self._cancelled("generate")
        return self._port.generate_reply(persona, stage, history, facts, on_chunk)


def describe_llm_problems(calls: Sequence[dict]) -> tuple[str, ...]:
    """One line per failed LLM call of a trace dict: "intent: HTTP 500 …"."""
    return tuple(f"{call['purpose']}: {call['error']}" for call in calls if call.get("error"))


class ChatWorker(QObject):
    chunk_received = Signal(str)
    turn_finished = Signal(object)
    opening_finished = Signal(object)
    turn_failed = Signal(str)
    rebuilt = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.latest_session = 0   # the newest session the UI asked for; an int store is atomic
        self._assistant: Assistant | None = None
        self._context = None
        self._session = _Session()
        self._turns = 0
        self._port = None
        self._port_settings = None
        self._turn_session = 0

    # --- slots (worker thread) ------------------------------------------------------------

    @Slot(object, object)
    def rebuild(self, analysis, llm_settings) -> None:
        try:
            rulebase = RuleBase.build(analysis.programs)
            port = self._port_for(llm_settings)
            llm = _CancellableLLM(port, self._stale) if port is not None else None
            self._assistant = Assistant(rulebase, analysis.knowledge, llm)
            begins = self._context is None
            if begins:
                self._context = self._session.context()
        except Exception as error:   # a bug somewhere below: keep the old assistant, say why
            self.rebuilt.emit(RebuildInfo(0, None, f"{type(error).__name__}: {error}"))
            return
        if begins:
            self._open()
        self.rebuilt.emit(RebuildInfo(len(rulebase.rules), repr(llm_settings) if port is not None else None))

    @Slot(object, object)
    def reset(self, stage, variables) -> None:
        self._session = _Session(self._session.number + 1, stage or None, dict(variables or {}))
        self._turns = 0
        self._context = self._session.context() if self._assistant is not None else None
        if self._context is not None:
            self._open()

    @Slot(str)
    def run_turn(self, message: str) -> None:
        session = self._session.number
        if session < self.latest_session:
            return   # asked before a reset that is already on its way
        if self._assistant is None or self._context is None:
            self.turn_failed.emit(self.tr("The assistant is not ready yet: the rules are still being read."))
            return
        self._turn_session = session
        streamed = []

        def on_chunk(text: str) -> None:
            if self._stale():
                raise TurnCancelled()
            streamed.append(text)
            self.chunk_received.emit(text)

        try:
            result = self._assistant.turn(self._context, message, on_chunk=on_chunk)
            trace = result.trace.to_dict()
        except Exception as error:
            last = traceback.format_exception_only(type(error), error)[-1].strip()
            self.turn_failed.emit(self.tr("The turn failed: {error}").format(error=last))
            return
        diff = {var: tuple(pair) for var, pair in trace["diff"].items()}
        payload = TurnPayload(session, self._turns, result, diff, trace, self._assistant.llm is not None,
                              describe_llm_problems(trace["llm_calls"]), bool(streamed))
        self._turns += 1
        self.turn_finished.emit(payload)

    # --- helpers --------------------------------------------------------------------------

    def _open(self) -> None:
        """The opening turn of a fresh conversation (none mid-flow), when the rules have one."""
        session = self._session
        if not self._assistant.rulebase.uses_opening or session.stage or session.variables:
            return
        self._turn_session = session.number
        try:
            result = self._assistant.opening(self._context)
            trace = result.trace.to_dict()
        except Exception as error:
            last = traceback.format_exception_only(type(error), error)[-1].strip()
            self.turn_failed.emit(self.tr("The opening turn failed: {error}").format(error=last))
            return
        diff = {var: tuple(pair) for var, pair in trace["diff"].items()}
        self.opening_finished.emit(TurnPayload(session.number, -1, result, diff, trace, self._assistant.llm is not None,
                                               describe_llm_problems(trace["llm_calls"])))

    def _stale(self) -> bool:
        return self._turn_session < self.latest_session

    def _port_for(self, settings):
        if settings is None:
            return None
        if self._port is None or settings != self._port_settings:
            from studio.llm import LazyLLMPort   # cheap: lazyllm itself is imported on the first call
            self._port = LazyLLMPort(settings)
            self._port_settings = settings
        return self._port


class ChatSession(QObject):
    """The worker and its thread, seen from the UI thread: call the methods, connect the signals.

    ``worker``'s signals are the API (`chunk_received`, `turn_finished`, `turn_failed`, `rebuilt`).
    """

    _rebuild = Signal(object, object)
    _reset = Signal(object, object)
    _run_turn = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = 0
        self.llm_timeout_s: float | None = None
        self._closed = False
        self.thread = QThread()
        self.thread.setObjectName("rule-studio-chat")
        self.worker = ChatWorker()
        self.worker.moveToThread(self.thread)
        self._rebuild.connect(self.worker.rebuild)
        self._reset.connect(self.worker.reset)
        self._run_turn.connect(self.worker.run_turn)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.start()

    @property
    def closed(self) -> bool:
        return self._closed

    def rebuild(self, analysis, llm_settings=None) -> None:
        if not self._closed:
            self.llm_timeout_s = getattr(llm_settings, "timeout_s", None)
            self._rebuild.emit(analysis, llm_settings)

    def reset(self, stage: str | None = None, variables: dict | None = None) -> int:
        """Start a new conversation; returns its session number (payloads of older ones are stale)."""
        if self._closed:
            return self.session
        self.session += 1
        self.worker.latest_session = self.session   # an in-flight turn stops calling the LLM
        self._reset.emit(stage, dict(variables or {}))
        return self.session

    def run_turn(self, message: str) -> None:
        if not self._closed:
            self._run_turn.emit(message)

    def shutdown(self) -> bool:
        """Stop the worker: quit + wait, bounded by the LLM timeout; True when the thread ended."""
        if self._closed:
            return not self.thread.isRunning()
        self._closed = True
        self.worker.latest_session = 1 << 62   # whatever runs or is queued is stale now
        self.thread.quit()
        wait_ms = NO_LLM_WAIT_MS if self.llm_timeout_s is None else int(self.llm_timeout_s * 1000)
        finished = self.thread.wait(QDeadlineTimer(wait_ms + SHUTDOWN_MARGIN_MS))
        if not finished:
            _orphans.append(self.thread)   # never destroy a running QThread; it ends after its HTTP call
        return finished


__all__ = ["ChatSession", "ChatWorker", "RebuildInfo", "TurnCancelled", "TurnPayload", "describe_llm_problems"]
