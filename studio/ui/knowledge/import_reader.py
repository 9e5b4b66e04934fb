"""Import… reads the chosen file off the UI thread: a 100,000-row workbook takes seconds to read.

The worker reads and checks every row (`import_knowledge`) and lists what would
change against a copy of the knowledge the editor held when Import… was chosen;
the panel then opens the preview. The thread starts with the first import, so a
panel that never imports never owns one.

Signals (on the UI thread)
    ``read(str, object, list)``  path, its `ImportResult`, the changes it would make.
    ``failed(str, str)``         path, why it could not be read (a bug: the last traceback line).
"""
from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from studio.knowledge.changes import knowledge_changes
from studio.knowledge.model import Knowledge
from studio.knowledge.spreadsheet import import_knowledge
from studio.ui.worker_thread import Worker, WorkerThread


class _ImportWorker(Worker):
    read = Signal(int, str, object, list)
    failed = Signal(int, str, str)

    @Slot(int, str, object)
    def run(self, request: int, path: str, current: Knowledge) -> None:
        if self.stale(request):
            return
        try:
            result = import_knowledge(Path(path))
            changes = [] if result.knowledge is None else knowledge_changes(
                current, Knowledge(result.knowledge.categories, current.extra))
        except Exception:   # the reader reports bad content as data; this would be a bug
            lines = traceback.format_exc().strip().splitlines()
            self.failed.emit(request, path, lines[-1] if lines else "")
            return
        self.read.emit(request, path, result, changes)


class ImportReader(QObject):
    read = Signal(str, object, list)
    failed = Signal(str, str)

    _submit = Signal(int, str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs: WorkerThread | None = None
        self._pending = False

    def is_reading(self) -> bool:
        return self._pending

    def start(self, path: str, current: Knowledge) -> bool:
        """Read `path` and compare it with `current` (copied here) in the worker; False once shut down."""
        if self.jobs is None:
            worker = _ImportWorker()
            self._submit.connect(worker.run)
            worker.read.connect(self._on_read)
            worker.failed.connect(self._on_failed)
            self.jobs = WorkerThread(self, worker, "rule-studio-knowledge-import")
        elif self.jobs.closed:
            return False
        self._pending = True
        self._submit.emit(self.jobs.next_request(), path, current.copy())
        return True

    @Slot(int, str, object, list)
    def _on_read(self, request: int, path: str, result, changes: list) -> None:
        if self.jobs.is_newest(request):
            self._pending = False
            self.read.emit(path, result, changes)

    @Slot(int, str, str)
    def _on_failed(self, request: int, path: str, reason: str) -> None:
        if self.jobs.is_newest(request):
            self._pending = False
            self.failed.emit(path, reason)

    def shutdown(self) -> None:
        if self.jobs is not None:
            self.jobs.shutdown()
