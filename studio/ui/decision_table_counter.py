"""How often each rule fired in the conversation tests, counted off the UI thread for the Decision Table.

The tests take seconds on a large project, so `FiredCountWorker` runs them in
a thread of its own; `FiredCounter` owns that thread and is what the panel
(studio/ui/decision_table.py) talks to. The newest request wins: an older one
still queued is skipped.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from studio.decision_table import fired_counts
from studio.ui.worker_thread import Worker, WorkerThread

SHUTDOWN_WAIT_MS = 30000


class FiredCountWorker(Worker):
    counted = Signal(int, object)   # generation, {rule: times fired} (None: the tests could not run)

    @Slot(int, object)
    def count(self, generation: int, analysis) -> None:
        if self.stale(generation):
            return
        try:
            counts = fired_counts(analysis)
        except Exception:   # a bug below must not kill the thread: the column says it does not know
            counts = None
        self.counted.emit(generation, counts)


class FiredCounter(QObject):
    """The worker and its thread, from the UI thread."""
    _count = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = FiredCountWorker()
        self._count.connect(self.worker.count)
        self.jobs = WorkerThread(self, self.worker, "rule-studio-decision-table")

    def count(self, analysis) -> int:
        generation = self.jobs.next_request()
        self._count.emit(generation, analysis)
        return generation

    def shutdown(self) -> bool:
        return self.jobs.shutdown(SHUTDOWN_WAIT_MS)


__all__ = ["FiredCountWorker", "FiredCounter"]
