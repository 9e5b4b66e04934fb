"""One worker thread behind a panel: numbered requests of which only the newest counts, and a clean stop.

The explorer, the behaviour diff, the replay and the test generator each run
seconds of work off the UI thread. They share the same shape: a worker QObject
living in its own QThread, requests numbered by the UI thread so that a newer
one makes the older ones stale (the worker checks `stale(request)` between
steps and the UI ignores their results), and a shutdown that makes everything
stale, quits the thread and waits for it.
"""
from __future__ import annotations

from PySide6.QtCore import QDeadlineTimer, QObject, QThread

EVERYTHING_STALE = 1 << 62


class Worker(QObject):
    """A worker object; `latest` is the newest request, set by the UI thread (an int store is atomic)."""

    def __init__(self) -> None:
        super().__init__()
        self.latest = 0

    def stale(self, request: int) -> bool:
        return request < self.latest


class WorkerThread:
    def __init__(self, owner: QObject, worker: Worker, name: str) -> None:
        self.worker = worker
        self.request = 0
        self.closed = False
        self.thread = QThread(owner)
        self.thread.setObjectName(name)
        worker.moveToThread(self.thread)
        self.thread.finished.connect(worker.deleteLater)
        self.thread.start()

    def next_request(self) -> int:
        """A new request's number: every older request is stale from now on."""
        self.request += 1
        self.worker.latest = self.request
        return self.request

    def is_newest(self, request: int) -> bool:
        return request == self.request

    def cancel(self) -> None:
        """Makes the newest request stale too (a run stops at its next check)."""
        self.worker.latest = self.request + 1

    def shutdown(self, wait_ms: int | None = None) -> bool:
        """Stale everything, quit and wait (at most `wait_ms`); True when the thread has ended."""
        if self.closed:
            return not self.thread.isRunning()
        self.closed = True
        self.worker.latest = EVERYTHING_STALE
        self.thread.quit()
        return self.thread.wait() if wait_ms is None else self.thread.wait(QDeadlineTimer(wait_ms))
