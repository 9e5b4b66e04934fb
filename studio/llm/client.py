"""One chat call through lazyllm, returned as an `LLMCall` record that never raises.

lazyllm is imported here, and only when the first call builds the model. The
facts this relies on (timeouts, retries, the streaming sink, errors) are in
shared/LAZYLLM.md and were re-checked against lazyllm 1.4's source.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import Any, Callable

from studio.engine.llm_port import LLMCall
from studio.llm.config import LLMSettings, lazyllm_home_problem, quiet_lazyllm_env

# Our system text travels as a *value* of this one placeholder: ChatPrompter
# fills placeholders with str.replace, so braces inside user-authored text
# (persona, examples, history) are sent literally instead of breaking the call.
_SYSTEM_SLOT = "system_text"
_MIN_SECRET_LENGTH = 8   # shorter "keys" are dummies; scrubbing them would mangle text


class ChatClient:
    """Sends (system, user) prompts to the configured model.

    One lazyllm module is built on first use and reused; calls are serialised
    because lazyllm keeps the streaming sink on the module instance.
    """

    def __init__(self, settings: LLMSettings):
        self.settings = settings
        self._module: Any = None
        self._lock = threading.Lock()

    def ask(self, purpose: str, system: str, user: str,
            on_delta: Callable[[str], None] | None = None) -> LLMCall:
        """Call the model; with `on_delta`, stream and pass each text delta to it as it arrives."""
        prompt = f"{system}\n\n{user}"
        started = time.perf_counter()
        try:
            with self._lock:
                module = self._model()
                started = time.perf_counter()   # the one-off import and build is not the model's latency
                raw = self._call(module, system, user, on_delta)
        except Exception as exc:  # any failure of lazyllm or the transport is data for the trace
            return self._record(purpose, prompt, None, started, describe_failure(exc, self.settings))
        return self._record(purpose, prompt, raw, started, None)

    def _call(self, module: Any, system: str, user: str, on_delta: Callable[[str], None] | None) -> str:
        if on_delta is None:
            stream_output: bool | dict = False
        else:
            # Always a sink: without one, lazyllm writes chunks to a SQLite queue that is never cleared.
            def sink(event: dict) -> None:
                if event.get("tag") == "text" and event.get("delta"):
                    on_delta(event["delta"])
            stream_output = {"_stream_sink": sink}
        answer = module({_SYSTEM_SLOT: system, "input": user},
                        stream_output=stream_output, max_retries=self.settings.max_retries)
        return _answer_text(answer)

    def _model(self) -> Any:
        if self._module is None:
            self._module = _build_module(self.settings)
        return self._module

    def _record(self, purpose: str, prompt: str, raw: str | None, started: float, error: str | None) -> LLMCall:
        secret = self.settings.api_key
        return LLMCall(purpose=purpose, prompt=scrub(prompt, secret), raw=None if raw is None else scrub(raw, secret),
                       latency_ms=(time.perf_counter() - started) * 1000.0,
                       error=None if error is None else scrub(error, secret))


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


def describe_failure(exc: BaseException, settings: LLMSettings) -> str:
    """A one-line reason, naming a timeout or connection failure that lazyllm reports only as 'transport'."""
    for cause in _exception_chain(exc):
        # By class name: requests' and urllib3's exceptions, without importing them here.
        names = {cls.__name__ for cls in type(cause).__mro__}
        if "ConnectTimeout" in names or "ConnectTimeoutError" in names:
            return f"cannot connect within {settings.request_timeout[0]:g} s"
        if "ReadTimeout" in names or "ReadTimeoutError" in names:
            return f"timed out: no answer within {settings.request_timeout[1]:g} s"
        if "ConnectionError" in names:
            return f"cannot connect to the model server ({type(cause).__name__})"
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
        return text.replace(secret, "***")
    return text
