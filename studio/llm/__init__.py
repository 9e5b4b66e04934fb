"""The lazyllm implementation of `studio.engine.llm_port.LLMPort`.

Importing this package does not import lazyllm: the model is built on the
first call. Every method returns its `LLMCall` record and never raises; a
failed or unusable answer is `None` plus the reason in `LLMCall.error`.
"""
from __future__ import annotations

import os
from typing import Callable, Mapping, Sequence

from studio.dsl.ast import IntentDecl
from studio.engine.llm_port import IntentContext, LLMCall, SalesStage
from studio.i18n import _
from studio.llm.client import ChatClient
from studio.llm.config import LLMConfigError, LLMSettings, settings_from_env
from studio.llm.intents import classify_intent
# One definition of the seven SalesGPT stages; the engine keeps it so it runs without this package.
from studio.engine.stages import DEFAULT_SALES_STAGES
from studio.llm.sales import analyze_sales_stage, generate_reply

__all__ = ["DEFAULT_SALES_STAGES", "ClientPort", "LLMConfigError", "LLMSettings", "LazyLLMPort", "build_llm", "settings_from_env"]

LLM_MODES = ("off", "auto")


class ClientPort:
    """The LLMPort methods over a client that answers `ask(purpose, system, user, ...)` with an `LLMCall`.

    The prompts are built and the answers read here, whatever answers them:
    lazyllm (`ChatClient`), or a cassette of recorded answers (cassette.py).
    """

    def __init__(self, client):
        self.client = client

    def classify_intent(self, message: str, intents: Sequence[IntentDecl], context: IntentContext, *,
                        timeout_s: float | None = None) -> tuple[str | None, LLMCall]:
        return classify_intent(self.client, message, intents, context, timeout_s)

    def analyze_sales_stage(self, history: Sequence[tuple[str, str]], stages: Sequence[SalesStage],
                            current: int, *, timeout_s: float | None = None) -> tuple[int | None, LLMCall]:
        return analyze_sales_stage(self.client, history, stages or DEFAULT_SALES_STAGES, current, timeout_s)

    def generate_reply(self, persona: dict[str, str], stage: SalesStage,
                       history: Sequence[tuple[str, str]], facts: str,
                       on_chunk: Callable[[str], None] | None = None, *,
                       timeout_s: float | None = None) -> tuple[str | None, LLMCall]:
        return generate_reply(self.client, persona, stage, history, facts, on_chunk, timeout_s)


class LazyLLMPort(ClientPort):
    """LLMPort over one configured model; every call ends within its `timeout_s` (the configured one by default)."""

    def __init__(self, settings: LLMSettings):
        super().__init__(ChatClient(settings))
        self.settings = settings

    @property
    def timeout_s(self) -> float:
        """The configured timeout: the engine gives each turn this much LLM time in all."""
        return self.settings.timeout_s

    def __repr__(self) -> str:
        return f"LazyLLMPort({self.settings!r})"


def build_llm(mode: str, environ: Mapping[str, str] | None = None) -> LazyLLMPort | None:
    """The port for `--llm off|auto`: None when off or when the environment configures no model.

    Raises LLMConfigError when the environment configures a model that cannot
    work, and ValueError for an unknown mode.
    """
    if mode not in LLM_MODES:
        raise ValueError(_("--llm must be one of {modes}, not '{mode}'").format(modes=", ".join(LLM_MODES), mode=mode))
    if mode == "off":
        return None
    settings = settings_from_env(os.environ if environ is None else environ)
    return None if settings is None else LazyLLMPort(settings)
