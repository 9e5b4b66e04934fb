"""Replays conversation tests against the assistant and compares every expectation."""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from studio.conversations.coverage import Coverage
from studio.conversations.loader import load_test
from studio.conversations.model import ConversationTest, LoadError, TurnSpec
from studio.engine.assistant import Assistant, TurnResult
from studio.engine.context import ConversationContext
from studio.engine.rulebase import RuleBase
from studio.files import reason_of
from studio.i18n import _
from studio.llm.cassette import Cassette, CassetteError, RecordingPort, ReplayPort, cassette_path
from studio.project import Analysis


@dataclass(frozen=True)
class Mismatch:
    key: str
    expected: object
    actual: object
    line: int
    message: str | None = None   # says it better than "expected …, got …" (a changed LLM request)

    def describe(self) -> str:
        """What went wrong, in the current language; the key and both values as they are."""
        if self.message is not None:
            return self.message
        # TRANSLATORS: {key} is an expectation of the test (intent, reply_contains…), kept as written
        return _("{key}: expected {expected!r}, got {actual!r}").format(
            key=self.key, expected=self.expected, actual=self.actual)


@dataclass
class TurnOutcome:
    index: int
    spec: TurnSpec
    result: TurnResult
    mismatches: list[Mismatch]


@dataclass
class TestOutcome:
    test: ConversationTest
    turns: list[TurnOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    opening: TurnOutcome | None = None   # the test's `opening:` item, checked

    @property
    def passed(self) -> bool:
        return all(not t.mismatches for t in self.turns) and not (self.opening and self.opening.mismatches)

    @property
    def first_failure(self) -> TurnOutcome | None:
        return next((t for t in self.turns if t.mismatches), None)


@dataclass
class RunReport:
    outcomes: list[TestOutcome]
    load_errors: list[LoadError]
    coverage: Coverage

    @property
    def passed(self) -> bool:
        return not self.load_errors and all(o.passed for o in self.outcomes)


LLMFactory = Callable[[str], object]   # mode ("off" | "auto") -> LLMPort | None


def load_tests(analysis: Analysis, pattern: str | None = None) -> tuple[list[ConversationTest], list[LoadError]]:
    project = analysis.project
    tests, errors = [], []
    for path in project.conversation_files:
        loaded = load_test(path, project.relative(path))
        if isinstance(loaded, LoadError):
            errors.append(loaded)
        elif matches(loaded, pattern):
            tests.append(loaded)
    return tests, errors


def matches(test: ConversationTest, pattern: str | None) -> bool:
    """pytest-style `-k`: a substring (or glob) of the test's name or file."""
    if not pattern:
        return True
    for target in (test.name, test.file):
        if pattern in target or fnmatch.fnmatch(target, pattern):
            return True
    return False


def run_tests(analysis: Analysis, tests: list[ConversationTest], load_errors: list[LoadError] = (),
              llm_factory: LLMFactory | None = None, record: bool = False) -> RunReport:
    """Run every test; one with `llm: auto` answers from its cassette when it has one (docs/llm.md).

    With `record`, a test with `llm: auto` runs against the model of
    `llm_factory("auto")` instead, and what it answered is written to the
    test's cassette.
    """
    rulebase = RuleBase.build(analysis.programs)
    coverage = Coverage.of(rulebase)
    errors = list(load_errors)
    live: dict[str, object] = {}
    outcomes = []
    for test in tests:
        if test.llm != "auto":
            outcomes.append(run_one(Assistant(rulebase, analysis.knowledge), test, coverage))
            continue
        cassette_file = cassette_path(analysis.project.root / test.file)
        if not record and cassette_file.is_file():
            try:
                port = ReplayPort(Cassette.load(cassette_file))
            except CassetteError as exc:
                errors.append(LoadError(analysis.project.relative(cassette_file), exc.line, exc.column, str(exc)))
                continue
            outcomes.append(run_one(Assistant(rulebase, analysis.knowledge, port), test, coverage))
            outcomes[-1].notes.append(_("LLM answers replayed from {file}").format(
                file=analysis.project.relative(cassette_file)))
            continue
        if "auto" not in live:
            live["auto"] = llm_factory("auto") if llm_factory else None
        port = live["auto"]
        if port is not None and record:
            port = RecordingPort(port)
        outcomes.append(run_one(Assistant(rulebase, analysis.knowledge, port), test, coverage))
        if port is None:
            outcomes[-1].notes.append(_("llm: auto but no LLM is configured; ran offline"))
        elif record:
            outcomes[-1].notes.append(save_cassette(port, test, cassette_file, analysis))
    return RunReport(outcomes, errors, coverage)


def save_cassette(port: RecordingPort, test: ConversationTest, path: Path, analysis: Analysis) -> str:
    """Write what the test's run recorded; the note that says where, or why not."""
    cassette = port.cassette(test.file)
    shown = analysis.project.relative(path)
    try:
        cassette.save(path)
    except OSError as exc:
        return _("cannot write {file}: {reason}").format(file=shown, reason=reason_of(exc))
    failed = sum(entry.answer is None for entry in cassette.entries)
    if failed:
        return _("recorded {n} LLM request(s) in {file} ({failed} of them failed: re-record when the model "
                 "answers)").format(n=len(cassette.entries), file=shown, failed=failed)
    return _("recorded {n} LLM request(s) in {file}").format(n=len(cassette.entries), file=shown)


def run_one(assistant: Assistant, test: ConversationTest, coverage: Coverage) -> TestOutcome:
    """An `opening:` item takes the opening turn and checks it; without one, the opening turn is still
    taken (unchecked) when a rule tests CONVERSATION_START and the test starts afresh, as a customer
    would see it. A test with `start:` begins mid-flow: no opening turn unless it asks for one."""
    context = ConversationContext.from_dict(start_values(test.start))
    outcome = TestOutcome(test)
    if test.opening is not None or (assistant.rulebase.uses_opening and not test.start):
        result = assistant.opening(context)
        coverage.record(result.rule)
        if test.opening is not None:
            mismatches = compare(test.opening, result) + unrecorded_requests(assistant.llm, test.opening)
            outcome.opening = TurnOutcome(-1, test.opening, result, mismatches)
    for index, spec in enumerate(test.turns):
        result = assistant.turn(context, spec.user)
        coverage.record(result.rule)
        mismatches = compare(spec, result) + unrecorded_requests(assistant.llm, spec)
        outcome.turns.append(TurnOutcome(index, spec, result, mismatches))
    return outcome


def unrecorded_requests(port: object, spec: TurnSpec) -> list[Mismatch]:
    """A turn that replayed from a cassette fails for every request the cassette did not hold."""
    take_misses = getattr(port, "take_misses", None)
    if take_misses is None:
        return []
    return [Mismatch("llm_request", None if miss.closest is None else miss.closest.prompt, miss.prompt, spec.line,
                     message=miss.describe())
            for miss in take_misses()]


def start_values(start: dict) -> dict:
    """`start:` as `from_dict` values (a dict, not keyword arguments: a variable may be called `self`)."""
    values = dict(start.get("context") or {})
    if start.get("stage"):
        values["current_stage"] = start["stage"]
    return values


def compare(spec: TurnSpec, result: TurnResult) -> list[Mismatch]:
    actual = result.to_json()
    out = []
    for key, expected in spec.expect.items():
        line = spec.expect_lines.get(key, spec.line)
        ok, shown = _check(key, expected, actual)
        if not ok:
            out.append(Mismatch(key, expected, shown, line))
    return out


def _texts(value) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _check(key: str, expected, actual: dict) -> tuple[bool, object]:
    reply = actual["reply"] or ""
    if key == "reply_contains":
        missing = [t for t in _texts(expected) if t not in reply]
        return not missing, reply
    if key == "reply_not_contains":
        present = [t for t in _texts(expected) if t in reply]
        return not present, reply
    if key == "reply_equals":
        return reply == str(expected), reply
    if key == "stage":
        return actual["stage"] == expected, actual["stage"]
    if key == "product_chain":
        chain = [list(pair) for pair in actual["product_chain"]]
        return chain == [list(pair) for pair in expected or []], chain
    if key == "context":
        return subset_match(expected, actual["context"]), {k: actual["context"].get(k) for k in expected}
    value = actual[key]
    return value == expected, value


def subset_match(expected, actual) -> bool:
    """Every key of `expected` is in `actual` with an equal value (dicts compared recursively)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and subset_match(v, actual[k])
                                                for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, (list, tuple)):
        return len(expected) == len(actual) and all(subset_match(e, a) for e, a in zip(expected, actual))
    if expected == actual:
        return True
    return expected is not None and actual is not None and str(expected) == str(actual)
