"""Which model to call, read from the environment (`--llm auto`, docs/llm.md).

Two ways to configure, first match wins:

1. `RULE_STUDIO_LLM_URL` / `_SOURCE` / `_MODEL` / `_API_KEY` / `_TIMEOUT`: any
   OpenAI-compatible server (source `openai` + URL), or a named source.
2. lazyllm's usual environment: `LAZYLLM_DEFAULT_SOURCE`, else the first
   known source with a `LAZYLLM_<SOURCE>_API_KEY`; the model from
   `LAZYLLM_<SOURCE>_MODEL_NAME`.

Everything is read from the `environ` mapping given, never from lazyllm's own
config, so this module stays importable without lazyllm and is testable with
a plain dict.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, MutableMapping
from urllib.parse import urlsplit

from studio.i18n import _

# The suppliers of lazyllm 1.4 (`module/llms/onlinemodule/supplier/`), in the
# order we pick the first one with a key.
KNOWN_SOURCES = (
    "qwen", "openai", "glm", "kimi", "doubao", "deepseek", "sensenova",
    "siliconflow", "minimax", "openrouter", "ppio", "aiping", "claude",
)

DEFAULT_TIMEOUT_S = 20.0
MAX_CONNECT_TIMEOUT_S = 5.0

# Set only when unset, before lazyllm is first imported (its config reads the
# environment once, at import).
QUIET_LAZYLLM_ENV = {
    # Tracing is on by default and warns once when opentelemetry-sdk is absent.
    "LAZYLLM_TRACE_ENABLED": "0",
    # Our prompts carry their own system text; lazyllm would prepend "You are ChatGPT...".
    "LAZYLLM_DISABLE_SYSTEM_PROMPT": "1",
    # lazyllm logs every failed call at ERROR on stderr; each LLMCall already
    # records why, so the CLI's stderr stays clean. Nothing of ours logs keys.
    "LAZYLLM_LOG_LEVEL": "CRITICAL",
    # 'merge' starts a log-writer thread at import; 'split' does not.
    "LAZYLLM_LOG_FILE_MODE": "split",
}


class LLMConfigError(ValueError):
    """The environment asks for an LLM but the configuration cannot work (message says why)."""


@dataclass(frozen=True, repr=False)
class LLMSettings:
    source: str
    model: str | None = None           # None: the source's default (lazyllm's)
    url: str | None = None             # None: the source's official endpoint
    api_key: str | None = field(default=None, repr=False)  # None: send no Authorization (local servers)
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_retries: int = 1               # lazyllm counts attempts: 1 means no retry

    def __post_init__(self) -> None:
        if not _usable_timeout(self.timeout_s):
            raise LLMConfigError(_("the LLM timeout must be a finite positive number of seconds, not {value}").format(
                value=repr(self.timeout_s)))

    @property
    def request_timeout(self) -> tuple[float, float]:
        """lazyllm's `timeout=(connect, read)`; `read` bounds each wait for bytes, not the whole answer."""
        return min(MAX_CONNECT_TIMEOUT_S, self.timeout_s), self.timeout_s

    def __repr__(self) -> str:
        key = "None" if self.api_key is None else "'***'"
        return (f"LLMSettings(source={self.source!r}, model={self.model!r}, url={self.url!r}, "
                f"api_key={key}, timeout_s={self.timeout_s!r}, max_retries={self.max_retries!r})")

    __str__ = __repr__


def normalize_url(url: str) -> str:
    """The base URL lazyllm needs: ends with '/', and '/v1/' added to a bare host:port.

    lazyllm posts to `urljoin(url, 'chat/completions')`, so `.../v1` without the
    slash would post to `/chat/completions` (404). A URL with no path at all
    (`http://127.0.0.1:11434`) gets `/v1/`, where every OpenAI-compatible
    server we know (Ollama, vLLM, llama.cpp, LM Studio) serves; a URL that
    already names `.../chat/completions` is kept as the endpoint itself.
    """
    url = url.strip()
    if url.rstrip("/").endswith("chat/completions"):
        return url.rstrip("/")
    if urlsplit(url).path in ("", "/"):
        return url.rstrip("/") + "/v1/"
    return url if url.endswith("/") else url + "/"


def settings_from_env(environ: Mapping[str, str] = os.environ) -> LLMSettings | None:
    """The configured model, or None when the environment configures none.

    Raises LLMConfigError when a setting is present but unusable (unknown
    source, bad timeout, a named cloud source without a key).
    """
    def get(name: str) -> str:
        return environ.get(name, "").strip()

    timeout_s = _timeout(get("RULE_STUDIO_LLM_TIMEOUT"))
    url = normalize_url(get("RULE_STUDIO_LLM_URL")) if get("RULE_STUDIO_LLM_URL") else None
    source = get("RULE_STUDIO_LLM_SOURCE").lower() or ("openai" if url else "")
    key = get("RULE_STUDIO_LLM_API_KEY")
    if source:
        _check_source(source, "RULE_STUDIO_LLM_SOURCE")
        key = key or get(f"LAZYLLM_{source.upper()}_API_KEY")
    elif get("LAZYLLM_DEFAULT_SOURCE"):
        source = get("LAZYLLM_DEFAULT_SOURCE").lower()
        _check_source(source, "LAZYLLM_DEFAULT_SOURCE")
        key = key or get(f"LAZYLLM_{source.upper()}_API_KEY") or get("LAZYLLM_DEFAULT_KEY")
    else:
        source = next((s for s in KNOWN_SOURCES if get(f"LAZYLLM_{s.upper()}_API_KEY")), "")
        if not source:
            return None
        key = key or get(f"LAZYLLM_{source.upper()}_API_KEY")
    if not key and not url:
        # TRANSLATORS: {variable} is an environment variable's name, such as LAZYLLM_QWEN_API_KEY.
        raise LLMConfigError(_(
            "source '{source}' has no API key: set {variable} or "
            "RULE_STUDIO_LLM_API_KEY (or RULE_STUDIO_LLM_URL for a local server)").format(
                source=source, variable=f"LAZYLLM_{source.upper()}_API_KEY"))
    model = get("RULE_STUDIO_LLM_MODEL") or get(f"LAZYLLM_{source.upper()}_MODEL_NAME") or None
    return LLMSettings(source=source, model=model, url=url, api_key=key or None, timeout_s=timeout_s)


def quiet_lazyllm_env(environ: MutableMapping[str, str] = os.environ) -> None:
    """Make lazyllm quiet and keep it from printing prompts; a user's own setting wins."""
    for name, value in QUIET_LAZYLLM_ENV.items():
        environ.setdefault(name, value)


def lazyllm_home_problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """Why importing lazyllm would crash, when we can tell beforehand.

    lazyllm 1.4 reads `<LAZYLLM_HOME>/config.json` with `json.loads(file_object)`,
    a TypeError at import: any config.json there makes lazyllm unusable.
    """
    home = Path(environ.get("LAZYLLM_HOME") or Path.home() / ".lazyllm").expanduser()
    config_json = home / "config.json"
    if config_json.exists():
        return _("lazyllm 1.4 cannot start while {file} exists (a known lazyllm bug): "
                 "move it away or point LAZYLLM_HOME elsewhere").format(file=config_json)
    return None


def _check_source(source: str, variable: str) -> None:
    if source not in KNOWN_SOURCES:
        raise LLMConfigError(_("{variable}='{source}' is not a lazyllm source; known: {known}").format(
            variable=variable, source=source, known=", ".join(KNOWN_SOURCES)))


def _timeout(text: str) -> float:
    if not text:
        return DEFAULT_TIMEOUT_S
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not _usable_timeout(value):
        raise LLMConfigError(_("RULE_STUDIO_LLM_TIMEOUT='{text}' is not a finite positive number of seconds").format(
            text=text))
    return value


def _usable_timeout(seconds: float) -> bool:
    """inf would pass `> 0` and then make every request fail inside requests; nan fails every comparison."""
    return isinstance(seconds, (int, float)) and math.isfinite(seconds) and seconds > 0
