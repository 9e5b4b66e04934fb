"""How often each rule fired in the conversation tests, counted off the UI thread for the Decision Table.

The tests take seconds on a large project, so `FiredCountWorker` runs them in
a thread of its own; `FiredCounter` owns that thread and is what the panel
(studio/ui/decision_table.py) talks to. The newest request wins: an older one
still queued is skipped.
"""
from __future__ import annotations

from PySide6.QtCore import QDeadlineTimer, QObject, QThread, Signal, Slot

from studio.decision_table import fired_counts

SHUTDOWN_WAIT_MS = 30000


class FiredCountWorker(QObject):
    counted = Signal(int, object)   # generation, {rule: times fired} (None: the tests could not run)

    def __init__(self) -> None:
        super().__init__()
        self.latest = 0   # set by the UI thread: an older request is skipped

    @Slot(int, object)
    def count(self, generation: int, analysis) -> None:
        if generation < self.latest:
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
        self.generation = 0
        self.thread = QThread()
        self.thread.setObjectName("rule-studio-decision-table")
        self.worker = FiredCountWorker()
        self.worker.moveToThread(self.thread)
        self._count.connect(self.worker.count)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.start()

    def count(self, analysis) -> int:
        self.generation += 1
        self.worker.latest = self.generation
        self._count.emit(self.generation, analysis)
        return self.generation

    def shutdown(self) -> bool:
        self.worker.latest = 1 << 62
        self.thread.quit()
        return self.thread.wait(QDeadlineTimer(SHUTDOWN_WAIT_MS))


__all__ = ["FiredCountWorker", "FiredCounter"]
