"""LLM answers recorded for replay: a test's cassette, and the ports that record and replay it (docs/llm.md).

`rule-studio test --record` runs a conversation test with `llm: auto` against
the configured model through a `RecordingPort`, which keeps every request (its
purpose, the model, the messages sent) with the model's answer (a streamed
reply as its final text); the cassette is then written beside the test
(`conversations/x.yaml` → `conversations/x.cassette.json`, a name the
`*.yaml` test files never match). Later runs answer from it through a
`ReplayPort`: offline, deterministic, with no model configured. A request the
cassette does not hold is a failed call whose error starts with
`REQUEST_CHANGED`; the port keeps a `RequestMiss` for it, with the closest
recorded request and a short diff of the prompt, for the test to report.

Recording happens at the client seam (`ask(purpose, system, user)`), below the
prompt builders and above lazyllm: replay goes through the same prompt
building and answer reading as a live call, so a changed prompt is noticed and
a changed reading of answers is exercised. The API key is masked in all that
is kept; request headers are never seen here at all.
"""
from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from studio import files
from studio.atomic import write_text_atomic
from studio.engine.llm_port import LLMCall
from studio.files import reason_of
from studio.i18n import N_, _
from studio.json_words import json_problem
from studio.llm import ClientPort, LazyLLMPort
from studio.llm.client import scrub

CASSETTE_SUFFIX = ".cassette.json"
FORMAT = "rule-studio LLM cassette 1"
REQUEST_CHANGED = "LLM request changed since recording"   # how a miss's error starts, in English
DIFF_LINES = 24   # of the prompt diff shown for a changed request
# A cassette holds every prompt of its test in full: it may be much larger than the test.
CASSETTE_SIZE_LIMIT = files.SizeLimit(10 * files.MB, N_("LLM cassette"))
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def cassette_path(test_file: Path) -> Path:
    """Where the cassette of the conversation test `test_file` lives: beside it, `<stem>.cassette.json`."""
    return test_file.with_name(test_file.stem + CASSETTE_SUFFIX)


class CassetteError(Exception):
    """A cassette that cannot be read; `line` and `column` (1-based) place it when known."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Entry:
    """One request and what the model did with it: an answer, or the error that stood for one."""
    purpose: str                # "intent" | "sales_stage" | "generate"
    model: str
    system: str
    user: str
    answer: str | None
    error: str | None = None

    @property
    def prompt(self) -> str:
        """The prompt as the trace shows it (`LLMCall.prompt`)."""
        return f"{self.system}\n\n{self.user}"

    def to_json(self) -> dict:
        return {"purpose": self.purpose, "model": self.model,
                "messages": [{"role": "system", "content": self.system}, {"role": "user", "content": self.user}],
                "answer": self.answer, "error": self.error}

    @staticmethod
    def from_json(item: object, number: int) -> "Entry":
        if not isinstance(item, dict):
            raise CassetteError(_("entry {number} is not an object").format(number=number))
        messages = item.get("messages")
        if (not isinstance(messages, list) or len(messages) != 2
                or [m.get("role") if isinstance(m, dict) else None for m in messages] != ["system", "user"]):
            raise CassetteError(_("entry {number}: 'messages' must be a system message then a user message").format(
                number=number))
        texts = [item.get("purpose"), item.get("model"), messages[0].get("content"), messages[1].get("content")]
        if not all(isinstance(text, str) for text in texts):
            raise CassetteError(
                _("entry {number}: 'purpose', 'model' and each message's 'content' must be text").format(number=number))
        answer, error = item.get("answer"), item.get("error")
        if not (answer is None or isinstance(answer, str)) or not (error is None or isinstance(error, str)):
            raise CassetteError(_("entry {number}: 'answer' and 'error' must be text or null").format(number=number))
        return Entry(*texts, answer=answer, error=error)


@dataclass(frozen=True)
class Cassette:
    test: str                    # the test file, relative to the project
    entries: tuple[Entry, ...]

    def to_text(self) -> str:
        """Stable, readable JSON: a re-recording that changes nothing changes no byte."""
        data = {"format": FORMAT, "test": self.test, "entries": [entry.to_json() for entry in self.entries]}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        # A lone surrogate (from the knowledge, say) cannot be UTF-8: written as the escape ensure_ascii would use.
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

    def save(self, path: Path) -> None:
        write_text_atomic(path, self.to_text())

    @staticmethod
    def from_text(text: str) -> "Cassette":
        try:
            data = json.loads(text)
        except ValueError as exc:
            line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
            reason = json_problem(exc) if isinstance(exc, json.JSONDecodeError) else exc
            raise CassetteError(_("not valid JSON: {reason}").format(reason=reason), line, column) from None
        except RecursionError:
            raise CassetteError(_("not a cassette: nested too deeply")) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise CassetteError(_("not a cassette: the 'format' must be {format} (re-record with --record)").format(
                format=repr(FORMAT)))
        entries = data.get("entries")
        if not isinstance(entries, list):
            raise CassetteError(_("'entries' must be a list"))
        return Cassette(str(data.get("test") or ""), tuple(Entry.from_json(item, number)
                                                           for number, item in enumerate(entries, 1)))

    @staticmethod
    def load(path: Path) -> "Cassette":
        try:
            text = files.read_bytes(path, CASSETTE_SIZE_LIMIT).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CassetteError(_("cannot read: {reason}").format(reason=reason_of(exc))) from None
        return Cassette.from_text(text)


# ---------------------------------------------------------------- recording

class RecordingClient:
    """Passes every request to the real client and keeps it with its answer, the API key masked."""

    def __init__(self, client, model: str, secret: str | None):
        self._client = client
        self._model = model
        self._secret = secret
        self.entries: list[Entry] = []

    def ask(self, purpose: str, system: str, user: str, on_delta: Callable[[str], None] | None = None, *,
            timeout_s: float | None = None, max_chars: int | None = None) -> LLMCall:
        call = self._client.ask(purpose, system, user, on_delta, timeout_s=timeout_s, max_chars=max_chars)
        self.entries.append(Entry(purpose, self._model, self._hidden(system), self._hidden(user),
                                  self._hidden(call.raw), self._hidden(call.error)))
        return call

    def _hidden(self, text: str | None) -> str | None:
        return None if text is None else scrub(text, self._secret)


class RecordingPort(ClientPort):
    """The real port, every answer of which is kept; `cassette(test)` is what was recorded."""

    def __init__(self, port: LazyLLMPort):
        settings = port.settings
        super().__init__(RecordingClient(port.client, model_name(settings), settings.api_key))
        self._port = port

    @property
    def timeout_s(self) -> float:
        return self._port.timeout_s

    def cassette(self, test: str) -> Cassette:
        return Cassette(test, tuple(self.client.entries))


def model_name(settings) -> str:
    """The model as a cassette names it: the configured name, or the source's default."""
    return settings.model or f"{settings.source} (default model)"


# ---------------------------------------------------------------- replaying

@dataclass(frozen=True)
class RequestMiss:
    """A request the cassette does not hold, with the recorded one closest to it."""
    purpose: str
    prompt: str
    closest: Entry | None
    closest_number: int         # 1-based, in the cassette's entries; 0 when there is none
    diff: tuple[str, ...]       # a unified diff, recorded → sent, of the closest recorded prompt

    @property
    def summary(self) -> str:
        """One line, for the trace."""
        # TRANSLATORS: {purpose} is the kind of call: intent, sales_stage or generate.
        if self.closest is None:
            return _("LLM request changed since recording ({purpose}): the cassette holds no request to compare with"
                     ).format(purpose=self.purpose)
        return _("LLM request changed since recording ({purpose}): the closest recorded request is entry "
                 "{number} ({closest})").format(purpose=self.purpose, number=self.closest_number,
                                                closest=self.closest.purpose)

    def describe(self) -> str:
        """The summary, then the prompt diff (or the whole prompt when nothing was recorded)."""
        body = self.diff if self.closest is not None else (_("sent:"), *self.prompt.splitlines())
        return "\n".join((self.summary, *("  " + line for line in body)))


class ReplayClient:
    """Answers each request from the cassette; a request recorded several times gets its answers in order."""

    def __init__(self, cassette: Cassette):
        self._entries = cassette.entries
        self._by_request: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in cassette.entries:
            self._by_request[(entry.purpose, entry.system, entry.user)].append(entry)
        self._used: dict[tuple, int] = defaultdict(int)
        self.misses: list[RequestMiss] = []

    def ask(self, purpose: str, system: str, user: str, on_delta: Callable[[str], None] | None = None, *,
            timeout_s: float | None = None, max_chars: int | None = None) -> LLMCall:
        request = (purpose, system, user)
        prompt = f"{system}\n\n{user}"
        recorded = self._by_request.get(request)
        if not recorded:
            miss = self._miss(purpose, prompt)
            self.misses.append(miss)
            return LLMCall(purpose, prompt, None, 0.0, miss.summary)
        entry = recorded[min(self._used[request], len(recorded) - 1)]   # the last answer again when run out
        self._used[request] += 1
        if on_delta is not None and entry.answer and entry.error is None:
            on_delta(entry.answer)   # a streamed reply arrives whole: one chunk
        return LLMCall(purpose, prompt, entry.answer, 0.0, entry.error)

    def _miss(self, purpose: str, prompt: str) -> RequestMiss:
        sent = prompt.splitlines()
        numbered = list(enumerate(self._entries, 1))
        candidates = [(n, e) for n, e in numbered if e.purpose == purpose] or numbered
        if not candidates:
            return RequestMiss(purpose, prompt, None, 0, ())

        def likeness(candidate: tuple[int, Entry]) -> float:
            return difflib.SequenceMatcher(None, candidate[1].prompt.splitlines(), sent, autojunk=False).ratio()

        number, closest = max(candidates, key=likeness)
        # TRANSLATORS: the names of the two sides of the prompt diff: the cassette's prompt, then the one sent now.
        diff = list(difflib.unified_diff(closest.prompt.splitlines(), sent, _("recorded"), _("sent"), n=1,
                                         lineterm=""))
        if len(diff) > DIFF_LINES:
            diff = diff[:DIFF_LINES] + [_("... ({n} more diff lines)").format(n=len(diff) - DIFF_LINES)]
        return RequestMiss(purpose, prompt, closest, number, tuple(diff))


class ReplayPort(ClientPort):
    """Answers from a cassette, offline and at once; `take_misses()` hands over the requests it lacked."""

    def __init__(self, cassette: Cassette):
        super().__init__(ReplayClient(cassette))

    def take_misses(self) -> list[RequestMiss]:
        misses, self.client.misses = self.client.misses, []
        return misses
