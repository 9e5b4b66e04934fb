"""One chat call through lazyllm, returned as an `LLMCall` record that never raises.

lazyllm is imported here, and only when the first call builds a model. The
facts this relies on (timeouts, retries, the streaming sink, errors) were
checked against lazyllm 1.4's source; docs/llm.md lists them.

Why a call runs in a thread of its own: lazyllm's timeout bounds each wait for
bytes, not the call, so a server that drips one byte a second holds a call for
as long as it likes, and a non-streaming answer gives us no hook to stop it.
The calling thread waits for the call's events (streamed text, the answer, a
failure) only until the deadline, then walks away; the abandoned call stops at
its next streamed event (the sink raises) or when its read timeout expires.
Every callback runs in the calling thread, as lazyllm's own sink would.
"""
from __future__ import annotations

import queue
import sys
import threading
import time
from typing import Any, Callable

from studio.engine.llm_port import LLMCall
from studio.i18n import _
from studio.llm.config import LLMSettings, lazyllm_home_problem, quiet_lazyllm_env

# Our system text travels as a *value* of this one placeholder: ChatPrompter
# fills placeholders with str.replace, so braces inside user-authored text
# (persona, examples, history) are sent literally instead of breaking the call.
_SYSTEM_SLOT = "system_text"
_MIN_SECRET_LENGTH = 8   # shorter "keys" are dummies; scrubbing them would mangle text
MASK = "***"
# Longest wait a threading primitive accepts; a timeout of days is the same as forever here.
_MAX_WAIT_S = min(threading.TIMEOUT_MAX, 86400.0)


class CallTimedOut(Exception):
    def __init__(self, seconds: float):
        super().__init__(_("no complete answer within {seconds} s").format(seconds=f"{seconds:.3g}"))
        self.seconds = seconds


class AnswerTooLong(Exception):
    def __init__(self, received: str, limit: int):
        super().__init__(f"over {limit} characters")
        self.received = received
        self.limit = limit


class ChatClient:
    """Sends (system, user) prompts to the configured model.

    Each call builds its own lazyllm module (a tenth of a millisecond once
    lazyllm is imported): lazyllm keeps the streaming sink on the module, and
    an abandoned call may still be running on the one it had.
    """

    def __init__(self, settings: LLMSettings):
        self.settings = settings
        self._build_lock = threading.Lock()

    def ask(self, purpose: str, system: str, user: str,
            on_delta: Callable[[str], None] | None = None, *,
            timeout_s: float | None = None, max_chars: int | None = None) -> LLMCall:
        """Call the model; with `on_delta`, stream and pass each text delta to it as it arrives.

        The whole call (connecting, waiting, streaming) ends within `timeout_s`
        seconds, the configured timeout by default; the one-off import of
        lazyllm is not counted. An answer longer than `max_chars` is refused,
        a streamed one as soon as it passes the limit.
        """
        prompt = f"{system}\n\n{user}"
        budget = self.settings.timeout_s if timeout_s is None else timeout_s
        started = time.perf_counter()
        if budget <= 0:
            return self._record(purpose, prompt, None, started, _("timed out: no time left for this call"))
        try:
            module = self._new_module()
            started = time.perf_counter()   # the one-off import and build is not the model's latency
            raw = self._call(module, system, user, on_delta, budget, max_chars)
        except AnswerTooLong as exc:
            return self._record(purpose, prompt, _clip(exc.received, exc.limit), started,
                                _("answer too long: over {limit} characters").format(limit=exc.limit))
        except Exception as exc:  # any failure of lazyllm, the transport or a callback is data for the trace
            return self._record(purpose, prompt, None, started, describe_failure(exc, self.settings))
        if max_chars is not None and len(raw) > max_chars:
            return self._record(purpose, prompt, _clip(raw, max_chars), started,
                                _("answer too long: {n} characters (at most {limit})").format(
                                    n=len(raw), limit=max_chars))
        return self._record(purpose, prompt, raw, started, None)

    def _call(self, module: Any, system: str, user: str, on_delta: Callable[[str], None] | None,
              budget: float, max_chars: int | None) -> str:
        deadline = time.monotonic() + budget
        call = _BackgroundCall(module, {_SYSTEM_SLOT: system, "input": user}, on_delta is not None,
                               self.settings.max_retries)
        mask = SecretMask(self.settings.api_key)
        received: list[str] = []
        size = 0
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CallTimedOut(budget)
                try:
                    kind, value = call.events.get(timeout=min(left, _MAX_WAIT_S))
                except queue.Empty:
                    raise CallTimedOut(budget) from None
                if kind == "failed":
                    raise value
                if kind == "answer":
                    if on_delta is not None and (tail := mask.finish()):
                        on_delta(tail)
                    return value
                size += len(value)
                received.append(value)
                if max_chars is not None and size > max_chars:
                    raise AnswerTooLong("".join(received), max_chars)
                if text := mask.feed(value):
                    on_delta(text)
        finally:
            call.abandon()   # a no-op once it has finished

    def _new_module(self) -> Any:
        with self._build_lock:   # the first build imports lazyllm: once, not in two threads at a time
            return _build_module(self.settings)

    def _record(self, purpose: str, prompt: str, raw: str | None, started: float, error: str | None) -> LLMCall:
        secret = self.settings.api_key
        return LLMCall(purpose=purpose, prompt=scrub(prompt, secret), raw=None if raw is None else scrub(raw, secret),
                       latency_ms=(time.perf_counter() - started) * 1000.0,
                       error=None if error is None else scrub(error, secret))


class _Abandoned(Exception):
    """Raised from the sink of a call nobody waits for any more: lazyllm stops reading the stream."""


class _BackgroundCall:
    """One lazyllm call in a daemon thread, reporting ("delta" | "answer" | "failed", value) on `events`."""

    def __init__(self, module: Any, request: dict, streaming: bool, max_retries: int):
        self.events: queue.SimpleQueue = queue.SimpleQueue()
        self._abandoned = threading.Event()
        # Always a sink when streaming: without one, lazyllm writes chunks to a SQLite queue that is never cleared.
        stream_output: bool | dict = {"_stream_sink": self._sink} if streaming else False
        self._thread = threading.Thread(target=self._run, args=(module, request, stream_output, max_retries),
                                        name="lazyllm-call", daemon=True)
        self._thread.start()

    def abandon(self) -> None:
        self._abandoned.set()

    def _run(self, module: Any, request: dict, stream_output: bool | dict, max_retries: int) -> None:
        try:
            answer = module(request, stream_output=stream_output, max_retries=max_retries)
        except BaseException as exc:  # noqa: BLE001 (handed to the waiting thread, which decides)
            self.events.put(("failed", exc))
        else:
            self.events.put(("answer", _answer_text(answer)))

    def _sink(self, event: dict) -> None:
        if self._abandoned.is_set():
            raise _Abandoned()
        if event.get("tag") == "text" and event.get("delta"):
            self.events.put(("delta", event["delta"]))


def _build_module(settings: LLMSettings) -> Any:
    if "lazyllm" not in sys.modules and (problem := lazyllm_home_problem()) is not None:
        raise RuntimeError(problem)
    quiet_lazyllm_env()
    from lazyllm import ChatPrompter, OnlineChatModule

    # The timeout goes to the constructor: passed per call, lazyllm also copies
    # it into the request body, which strict servers reject as an unknown field.
    module = OnlineChatModule(
        source=settings.source, model=settings.model, url=settings.url, type="llm", stream=False,
        api_key=settings.api_key, skip_auth=settings.api_key is None, timeout=settings.request_timeout)
    return module.prompt(ChatPrompter(instruction={"system": "{%s}" % _SYSTEM_SLOT, "user": ""}))


def _answer_text(answer: Any) -> str:
    """lazyllm returns a str when a delta carried `role`, else a message dict: keep the text."""
    if isinstance(answer, dict):
        return str(answer.get("content") or "")
    return "" if answer is None else str(answer)


def _clip(text: str, limit: int) -> str:
    """What the trace keeps of an over-long answer: its start and its size."""
    if len(text) <= limit:
        return text
    return text[:limit] + _("… [{n} characters received]").format(n=len(text))


def describe_failure(exc: BaseException, settings: LLMSettings) -> str:
    """A one-line reason, naming a timeout or connection failure that lazyllm reports only as 'transport'.

    The whole chain is searched for a timeout before a connection error:
    requests reports a stream that stalls mid-answer as a ConnectionError
    wrapping urllib3's ReadTimeoutError.
    """
    if isinstance(exc, CallTimedOut):
        return _("timed out: {reason}").format(reason=exc)
    # By class name: requests' and urllib3's exceptions, without importing them here.
    names = [{cls.__name__ for cls in type(cause).__mro__} for cause in _exception_chain(exc)]
    if any({"ConnectTimeout", "ConnectTimeoutError"} & found for found in names):
        return _("cannot connect within {seconds} s").format(seconds=f"{settings.request_timeout[0]:g}")
    if any({"ReadTimeout", "ReadTimeoutError"} & found for found in names):
        return _("timed out: the model sent nothing for {seconds} s").format(seconds=f"{settings.request_timeout[1]:g}")
    if any("ConnectionError" in found for found in names):
        return _("cannot connect to the model server (ConnectionError)")
    message = str(exc).strip() or type(exc).__name__
    if type(exc).__name__ in ("ModelCallError", "ModuleExecutionError"):
        return message   # lazyllm's messages are already one safe line
    return f"{type(exc).__name__}: {message}"


def _exception_chain(exc: BaseException):
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def scrub(text: str, secret: str | None) -> str:
    """`text` with the API key masked (a provider may echo it back in an error)."""
    if secret and len(secret) >= _MIN_SECRET_LENGTH:
        return text.replace(secret, MASK)
    return text


class SecretMask:
    """Masks the API key in streamed text, even when the key arrives cut across chunks.

    The longest end of the text seen so far that could still grow into the key
    is held back until the next chunk (at most len(key) - 1 characters), and
    handed over by `finish` when the stream ends without completing it.
    """

    def __init__(self, secret: str | None):
        self._secret = secret if secret and len(secret) >= _MIN_SECRET_LENGTH else None
        self._held = ""

    def feed(self, delta: str) -> str:
        if self._secret is None:
            return delta
        text = (self._held + delta).replace(self._secret, MASK)
        keep = _key_prefix_length(text, self._secret)
        self._held = text[len(text) - keep:] if keep else ""
        return text[:len(text) - keep]

    def finish(self) -> str:
        held, self._held = self._held, ""
        return held


def _key_prefix_length(text: str, secret: str) -> int:
    """Length of the longest end of `text` that is a proper prefix of `secret`."""
    for length in range(min(len(text), len(secret) - 1), 0, -1):
        if secret.startswith(text[-length:]):
            return length
    return 0
