"""Replays customer logs on the workspace's current analysis, off the UI thread, and can be cancelled.

A run first counts the logs' messages (a read, much cheaper than the engine)
so that the progress bar knows its end, then replays them with
`studio.traffic.replay.replay_partition` on the `Analysis` the editors show
(unsaved edits included). Cancel, a newer run or the shutdown stop the run
before its next line.

Signals (on the UI thread)
    ``run_started()``
    ``run_progressed(int, int)``   turns replayed, turns in all (0: still counting).
    ``run_finished(object)``       a `TrafficResult`.
    ``run_cancelled()``
    ``run_failed(str)``            the traceback text (a bug: the window stays alive).
    ``conversation_read(object, list)``  the place asked for by `read_conversation` and the
                                   `LogMessage`s of its conversation up to it (the newest request only).
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from studio.traffic.readers import LogMessage, conversation_messages, read_logs
from studio.traffic.replay import ReplayCancelled, replay_partition
from studio.traffic.report import report_json
from studio.ui.worker_thread import Worker, WorkerThread


@dataclass
class TrafficResult:
    report: dict[str, Any]              # the object `rule-studio replay --json` prints
    logs: list[str]
    project: str
    fallback_rules: list[str]
    # per example of the unhandled groups: (conversation, file, line) where it was unhandled
    where: dict[str, tuple[str, str, int]] = field(default_factory=dict)


def count_messages(logs: list[str], cancelled) -> int:
    total = 0
    for item in read_logs(logs):
        if cancelled():
            raise ReplayCancelled()
        total += isinstance(item, LogMessage)
    return total


class _TrafficWorker(Worker):
    """Replays in the worker thread; talks only through signals."""

    progressed = Signal(int, int, int)
    finished = Signal(int, object)
    cancelled = Signal(int)
    failed = Signal(int, str)
    conversation_read = Signal(int, object, list)

    @Slot(int, object, object)
    def run(self, run: int, analysis, logs: list) -> None:
        def stop() -> bool:
            return self.stale(run)

        try:
            self.progressed.emit(run, 0, 0)
            total = count_messages(logs, stop)
            done = 0

            def progress(turns: int) -> None:
                nonlocal done
                done += turns
                self.progressed.emit(run, done, total)

            counts = replay_partition(analysis, logs, progress=progress, cancelled=stop)
            report = report_json(counts)
        except ReplayCancelled:
            self.cancelled.emit(run)
            return
        except Exception:   # a bug in the replay: report it, keep the window alive
            self.failed.emit(run, traceback.format_exc())
            return
        examples = {text for group in report["unhandled"] for text in group["examples"]}
        where = {text: counts.unhandled_at[text] for text in examples if text in counts.unhandled_at}
        self.finished.emit(run, TrafficResult(report, list(logs), str(analysis.project.root),
                                              list(counts.fallback_rules), where))


    @Slot(int, object, object)
    def read_conversation(self, request: int, logs: list, place) -> None:
        """The messages of the conversation at `place` (conversation, file, line), up to it: a read of
        the logs as far as that line, off the UI thread (a big log takes seconds)."""
        conversation, file, line = place
        try:
            messages = conversation_messages(logs, conversation, file, line)
        except Exception:   # the readers report bad content as data; this would be a bug
            self.failed.emit(-1, traceback.format_exc())
            return
        self.conversation_read.emit(request, place, messages)


class TrafficRunner(QObject):
    run_started = Signal()
    run_progressed = Signal(int, int)
    run_finished = Signal(object)
    run_cancelled = Signal()
    run_failed = Signal(str)
    conversation_read = Signal(object, list)

    _submit = Signal(int, object, object)
    _read = Signal(int, object, object)

    def __init__(self, workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._running = False
        self.worker = _TrafficWorker()
        self._submit.connect(self.worker.run)
        self._read.connect(self.worker.read_conversation)
        self.worker.conversation_read.connect(self._on_conversation_read)
        self._read_request = 0
        self.worker.progressed.connect(self._on_progressed)
        self.worker.finished.connect(self._on_finished)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.failed.connect(self._on_failed)
        self.jobs = WorkerThread(self, self.worker, "rule-studio-traffic")
        self.thread = self.jobs.thread

    def is_running(self) -> bool:
        return self._running

    def start(self, logs: list[str]) -> bool:
        """Replay `logs` on the current analysis (a run in progress is stopped); False when it cannot."""
        analysis = self.workspace.analysis
        if self.jobs.closed or analysis is None or not logs:
            return False
        run = self.jobs.next_request()
        self._running = True
        self.run_started.emit()
        self._submit.emit(run, analysis, list(logs))
        return True

    @Slot()
    def cancel(self) -> None:
        """Stop the run in progress before its next line; `run_cancelled` follows."""
        self.jobs.cancel()

    def read_conversation(self, logs: list[str], place) -> None:
        """Read the conversation at `place` in the worker; `conversation_read` follows (unless asked again)."""
        if self.jobs.closed:
            return
        self._read_request += 1
        self._read.emit(self._read_request, list(logs), place)

    @Slot(int, object, list)
    def _on_conversation_read(self, request: int, place, messages: list) -> None:
        if request == self._read_request:
            self.conversation_read.emit(place, messages)

    @Slot(int, int, int)
    def _on_progressed(self, run: int, done: int, total: int) -> None:
        if self.jobs.is_newest(run):
            self.run_progressed.emit(done, total)

    @Slot(int, object)
    def _on_finished(self, run: int, result: TrafficResult) -> None:
        if self.jobs.is_newest(run):
            self._running = False
            self.run_finished.emit(result)

    @Slot(int)
    def _on_cancelled(self, run: int) -> None:
        if self.jobs.is_newest(run):
            self._running = False
            self.run_cancelled.emit()

    @Slot(int, str)
    def _on_failed(self, run: int, text: str) -> None:
        if run == -1:   # reading a conversation
            self.run_failed.emit(text)
        elif self.jobs.is_newest(run):
            self._running = False
            self.run_failed.emit(text)

    def shutdown(self) -> bool:
        """Quit and wait for the worker thread (a run in progress stops at its next line)."""
        return self.jobs.shutdown()


__all__ = ["TrafficResult", "TrafficRunner", "count_messages"]
