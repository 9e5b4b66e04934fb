"""The Tests panel's runs: a worker that replays conversation tests in its own thread.

The worker talks only through signals with plain-Python payloads (`TestResult` per test,
`RunSummary` per run); `TestRunner` owns the worker and its thread from the UI thread,
numbers the runs (a newer run makes an older one stop before its next test) and
quits + waits on shutdown.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QDeadlineTimer, QObject, QThread, Signal, Slot

from studio.conversations.coverage import Coverage
from studio.conversations.loader import load_test
from studio.conversations.model import ConversationTest, LoadError
from studio.conversations.runner import TestOutcome, run_tests

SHUTDOWN_WAIT_MS = 30000   # a run checks for cancellation between tests; an `llm: auto` test may take a while


@dataclass(frozen=True)
class TestResult:
    """What the worker sends per test (plain Python)."""
    __test__ = False   # not a pytest test class
    run_id: int
    file: str
    outcome: TestOutcome | None
    traces: dict[int, dict]
    error: str = ""


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    files: tuple[str, ...]
    coverage: Coverage | None        # None when only some tests ran
    seconds: float
    cancelled: bool = False


def llm_for(mode: str):
    """The LLM of an `llm: auto` test: the environment's, as `rule-studio test` uses."""
    from studio.llm import build_llm
    return build_llm(mode)


class TestRunWorker(QObject):
    """Replays tests in its thread, one by one; talks only through signals."""
    __test__ = False   # not a pytest test class

    test_started = Signal(int, str)
    test_done = Signal(object)       # TestResult
    run_done = Signal(object)        # RunSummary

    def __init__(self) -> None:
        super().__init__()
        self.latest_run = 0          # set by the UI thread (an int store is atomic): older runs stop

    @Slot(int, object, object)
    def run(self, run_id: int, analysis, files) -> None:
        started = time.perf_counter()
        project = analysis.project
        chosen = set(files) if files is not None else None
        tests: list[ConversationTest] = []
        for path in project.conversation_files:
            rel = project.relative(path)
            if chosen is not None and rel not in chosen:
                continue
            loaded = load_test(path, rel)
            if isinstance(loaded, LoadError):
                self.test_done.emit(TestResult(run_id, rel, None, {}, str(loaded)))
            else:
                tests.append(loaded)
        coverage = None
        cancelled = False
        from studio.engine.rulebase import RuleBase
        from studio.llm import LLMConfigError
        try:
            coverage = Coverage.of(RuleBase.build(analysis.programs))
        except Exception as error:   # a bug below: report it on every test
            for test in tests:
                self.test_done.emit(TestResult(run_id, test.file, None, {}, f"{type(error).__name__}: {error}"))
            tests = []
        for test in tests:
            if run_id < self.latest_run:
                cancelled = True
                break
            self.test_started.emit(run_id, test.file)
            try:
                report = run_tests(analysis, [test], [], llm_for)
            except LLMConfigError as error:
                self.test_done.emit(TestResult(run_id, test.file, None, {}, f"LLM configuration: {error}"))
                continue
            except Exception as error:
                self.test_done.emit(TestResult(run_id, test.file, None, {}, f"{type(error).__name__}: {error}"))
                continue
            coverage.fired.update(report.coverage.fired)
            outcome = report.outcomes[0]
            checked = ([outcome.opening] if outcome.opening else []) + outcome.turns   # the opening's index is -1
            traces = {t.index: t.result.trace.to_dict() for t in checked if t.mismatches}
            self.test_done.emit(TestResult(run_id, test.file, outcome, traces))
        self.run_done.emit(RunSummary(run_id, tuple(files or ()), coverage if files is None else None,
                                      time.perf_counter() - started, cancelled))


class TestRunner(QObject):
    """The worker and its thread, from the UI thread."""
    __test__ = False   # not a pytest test class

    _run = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.run_id = 0
        self._closed = False
        self.thread = QThread()
        self.thread.setObjectName("rule-studio-tests")
        self.worker = TestRunWorker()
        self.worker.moveToThread(self.thread)
        self._run.connect(self.worker.run)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.start()

    def run(self, analysis, files: list[str] | None = None) -> int:
        if self._closed:
            return self.run_id
        self.run_id += 1
        self.worker.latest_run = self.run_id   # a run still going stops before its next test
        self._run.emit(self.run_id, analysis, list(files) if files is not None else None)
        return self.run_id

    def shutdown(self) -> bool:
        if self._closed:
            return not self.thread.isRunning()
        self._closed = True
        self.worker.latest_run = 1 << 62
        self.thread.quit()
        return self.thread.wait(QDeadlineTimer(SHUTDOWN_WAIT_MS))


__all__ = ["RunSummary", "TestResult", "TestRunWorker", "TestRunner", "llm_for"]
