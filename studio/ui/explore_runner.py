"""Runs the conversation explorer on the workspace's current analysis, off the UI thread.

Exploring the sample project takes a few seconds, so `explore_programs` runs in
a worker thread. The result is kept for the analysis (and depth) it was
computed on: asking again before a new analysis arrives hands back the same
`Exploration` at once. Every panel that wants an exploration (the Flow view,
the test generator, "find a conversation") shares one runner.

Signals
    ``exploration_started()``          a run went to the worker.
    ``exploration_finished(object)``   the `Exploration` of the newest analysis (cached or fresh).
    ``exploration_failed(str)``        the explorer crashed (a bug): the traceback text.
"""
from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, Signal, Slot

from studio.explore.search import DEFAULT_DEPTH, Exploration, explore_programs
from studio.ui.worker_thread import Worker, WorkerThread


class _ExploreWorker(Worker):
    """Explores in the worker thread; talks only through signals."""

    finished = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.started = 0   # the request being explored (or last explored)

    @Slot(int, object, int)
    def run(self, request: int, analysis, depth: int) -> None:
        if self.stale(request):
            return   # a newer request is queued behind this one
        self.started = request
        try:
            # A newer request (or the shutdown) stops this run at the next state.
            found = explore_programs(analysis.programs, analysis.knowledge, depth,
                                     cancelled=lambda: self.stale(request))
        except Exception:   # a bug in the explorer: report it, keep the window alive
            self.failed.emit(request, traceback.format_exc())
            return
        self.finished.emit(request, found)


class ExploreRunner(QObject):
    exploration_started = Signal()
    exploration_finished = Signal(object)
    exploration_failed = Signal(str)

    _submit = Signal(int, object, int)

    def __init__(self, workspace, depth: int = DEFAULT_DEPTH, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.depth = depth
        self.runs = 0                      # explorations actually started (the cache saves the others)
        self._asked: tuple | None = None   # (analysis, depth) of the request in flight
        self._result: tuple | None = None  # (analysis, depth, Exploration) of the last finished run
        self.worker = _ExploreWorker()
        self._submit.connect(self.worker.run)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.jobs = WorkerThread(self, self.worker, "rule-studio-explore")
        self.thread = self.jobs.thread

    @property
    def analysis(self):
        """The analysis that `result()` was computed on (None before the first result)."""
        return self._result[0] if self._result else None

    def result(self) -> Exploration | None:
        """The exploration of the workspace's current analysis at the current depth, if one is done."""
        if self._result is None:
            return None
        analysis, depth, found = self._result
        return found if (analysis is self.workspace.analysis and depth == self.depth) else None

    def is_running(self) -> bool:
        return self._asked is not None

    def request(self) -> bool:
        """Explore the current analysis: at once from the cache when it is fresh, else in the worker.

        Returns False when there is nothing to explore yet (no analysis) or the runner is shut down.
        """
        analysis = self.workspace.analysis
        if self.jobs.closed or analysis is None:
            return False
        cached = self.result()
        if cached is not None:
            self.exploration_finished.emit(cached)
            return True
        if self._asked is not None and self._asked[0] is analysis and self._asked[1] == self.depth:
            return True   # that very run is on its way
        request = self.jobs.next_request()
        self._asked = (analysis, self.depth)
        self.runs += 1
        self.exploration_started.emit()
        self._submit.emit(request, analysis, self.depth)
        return True

    @Slot(int, object)
    def _on_finished(self, request: int, found: Exploration) -> None:
        if not self.jobs.is_newest(request) or self._asked is None:
            return   # a newer request superseded it
        analysis, depth = self._asked
        self._asked = None
        self._result = (analysis, depth, found)
        self.exploration_finished.emit(found)

    @Slot(int, str)
    def _on_failed(self, request: int, text: str) -> None:
        if not self.jobs.is_newest(request):
            return
        self._asked = None
        self.exploration_failed.emit(text)

    def shutdown(self) -> None:
        """Quit and wait for the worker thread (a run in progress stops at its next state)."""
        self.jobs.shutdown()
