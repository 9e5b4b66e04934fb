"""What the engine needs from a language model, and what it records of each call.

The engine depends on this protocol only; `studio.llm` implements it with
lazyllm. Keeping the seam here means the engine (and its tests) never import
lazyllm, and a turn with no LLM configured is the same code path minus calls.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from studio.dsl.ast import IntentDecl
from studio.i18n import _


@dataclass(frozen=True)
class LLMCall:
    """One request to the model as the trace shows it, or one not made (`skipped`, its error saying why).

    Never holds an API key.
    """
    purpose: str               # "intent" | "sales_stage" | "generate"
    prompt: str                # the full prompt text sent (system + user)
    raw: str | None            # the model's raw answer, None when the call failed
    latency_ms: float
    error: str | None = None   # why the answer was not used (HTTP 500, timeout, unusable answer, skipped because…)
    skipped: bool = False      # not sent at all: the LLM was paused or the turn's LLM time was used up


def call_raised(error: BaseException) -> str:
    """The error of a call whose port raised instead of returning a failed `LLMCall`."""
    # TRANSLATORS: {kind} is a Python exception class name (TimeoutError), {error} its message.
    return _("LLM call raised {kind}: {error}").format(kind=type(error).__name__, error=error)


@dataclass(frozen=True)
class IntentContext:
    """The conversation context that the intent prompt shows the model (docs/llm.md)."""
    stage: str
    product_chain: str               # "电脑 -> 笔记本 -> 苹果", "" when empty
    recent: Sequence[tuple[str, str]]  # last few (role, text), role "user" | "assistant"


@dataclass(frozen=True)
class SalesStage:
    number: int
    title: str
    description: str


class LLMPort(Protocol):
    """A language model for the engine; a method returns a failed `LLMCall` rather than raise.

    A port may declare `timeout_s`, its configured timeout in seconds: the
    engine then gives each turn that much LLM time in all and passes every call
    the time left as `timeout_s=` (llm_turn.py); the call must end by then,
    streaming included. A port without `timeout_s` is called without it.
    """

    def classify_intent(self, message: str, intents: Sequence[IntentDecl], context: IntentContext, *,
                        timeout_s: float | None = None) -> tuple[str | None, LLMCall]:
        """The declared intent name the model chose, or None (unusable answer or failure)."""

    def analyze_sales_stage(self, history: Sequence[tuple[str, str]], stages: Sequence[SalesStage],
                            current: int, *, timeout_s: float | None = None) -> tuple[int | None, LLMCall]:
        """The sales stage number the conversation should be in, or None when unusable."""

    def generate_reply(self, persona: dict[str, str], stage: SalesStage,
                       history: Sequence[tuple[str, str]], facts: str,
                       on_chunk: Callable[[str], None] | None = None, *,
                       timeout_s: float | None = None) -> tuple[str | None, LLMCall]:
        """A persona-driven sales reply (END_OF_TURN stripped), streamed to `on_chunk`; None on failure."""
