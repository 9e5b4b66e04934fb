"""Computes the Changes panel's behaviour diff off the UI thread.

The diff of the sample project takes seconds (the explorer runs on both
versions), so it runs in a worker thread: `ChangesRunner.request(against)`
queues a run, a newer request makes an older one stop between two
conversations, and `shutdown()` quits + waits the thread.

The panel needs more than `rule-studio diff` prints: the old and new text of
each changed file (for the diff view), and it stops between conversations when
a newer request comes. So `compute_changes` goes through the conversations
itself, with the pieces `diff_project` uses.

Signals
    ``changes_started(str)``            a run for that revision or folder went to the worker.
    ``changes_finished(object)``        the newest `ProjectChanges`.
    ``changes_failed(str, str)``        (against, reason): the comparison cannot run (no such
                                       revision, not a git repository, a version that does not
                                       parse...), or a bug (the last line of its traceback).
"""
from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from studio.ui.worker_thread import Worker, WorkerThread
from studio.versions.behaviour import Change, conversations_of, first_difference, load_snapshot
from studio.versions.compare import DEFAULT_AGAINST, other_version
from studio.versions.sources import FileChange, VersionError, changed_files, folder_snapshot

SHUTDOWN_WAIT_MS = 30000   # a run stops between conversations; the explorations themselves run to their end


class Cancelled(Exception):
    """A newer request (or the shutdown) made this run pointless."""


@dataclass
class ProjectChanges:
    against: str                               # as asked for
    label: str                                 # the old version, for people: "HEAD (6b508d8)"
    files: list[FileChange]
    texts: dict[str, tuple[bytes, bytes]]      # rel -> (old, new) bytes of every changed file (b"" if absent)
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0


def compute_changes(project_root: Path, against: str = DEFAULT_AGAINST,
                    cancelled: Callable[[], bool] = lambda: False) -> ProjectChanges:
    """The project on disk against `against` (an existing folder, else a git revision).

    Raises VersionError when it cannot run, Cancelled when `cancelled()` turns true between conversations.
    """
    against = against.strip() or DEFAULT_AGAINST
    root = Path(project_root).resolve()
    old = other_version(root, against, root / Path(against).expanduser())   # a relative folder: from the project
    new = load_snapshot(folder_snapshot(root), root)
    files = changed_files(old.snapshot, new.snapshot)
    texts = {change.file: (old.snapshot.files.get(change.file, b""), new.snapshot.files.get(change.file, b""))
             for change in files}
    result = ProjectChanges(against, old.label, files, texts)
    if cancelled():
        raise Cancelled()
    for conversation in conversations_of(old, new):
        if cancelled():
            raise Cancelled()
        change = first_difference(conversation, old, new)
        if change is None:
            result.unchanged += 1
        else:
            result.changes.append(change)
    return result


class _ChangesWorker(Worker):
    """Runs `compute_changes` in the worker thread; talks only through signals."""

    finished = Signal(int, object)
    failed = Signal(int, str, str)

    @Slot(int, str, str)
    def run(self, request: int, root: str, against: str) -> None:
        if self.stale(request):
            return   # a newer request is queued behind this one
        try:
            result = compute_changes(Path(root), against, cancelled=lambda: self.stale(request))
        except Cancelled:
            return
        except VersionError as exc:
            self.failed.emit(request, against, str(exc))
            return
        except Exception:   # a bug: say so in the panel, keep the window alive
            lines = traceback.format_exc().strip().splitlines()
            self.failed.emit(request, against, lines[-1] if lines else "")
            return
        self.finished.emit(request, result)


class ChangesRunner(QObject):
    changes_started = Signal(str)
    changes_finished = Signal(object)
    changes_failed = Signal(str, str)

    _submit = Signal(int, str, str)

    def __init__(self, project_root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project_root = Path(project_root)
        self.runs = 0          # runs handed to the worker
        self._running = False
        self.worker = _ChangesWorker()
        self._submit.connect(self.worker.run)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.jobs = WorkerThread(self, self.worker, "rule-studio-changes")
        self.thread = self.jobs.thread

    def is_running(self) -> bool:
        return self._running

    def request(self, against: str) -> bool:
        """Compare with `against` in the worker (an older run in flight stops); False once shut down."""
        if self.jobs.closed:
            return False
        request = self.jobs.next_request()
        self._running = True
        self.runs += 1
        self.changes_started.emit(against)
        self._submit.emit(request, str(self.project_root), against)
        return True

    @Slot(int, object)
    def _on_finished(self, request: int, result: ProjectChanges) -> None:
        if not self.jobs.is_newest(request):
            return   # a newer request superseded it
        self._running = False
        self.changes_finished.emit(result)

    @Slot(int, str, str)
    def _on_failed(self, request: int, against: str, reason: str) -> None:
        if not self.jobs.is_newest(request):
            return
        self._running = False
        self.changes_failed.emit(against, reason)

    def shutdown(self) -> bool:
        """Quit and wait for the worker thread (a run stops at its next conversation)."""
        return self.jobs.shutdown(SHUTDOWN_WAIT_MS)
