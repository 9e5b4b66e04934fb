"""Python's cyclic garbage collection, run on the UI thread only.

The collector runs on whichever thread allocates when a generation's
threshold trips. In the studio that can be a worker (analysis, chat turn),
and collecting a cycle that holds a Qt object there destroys the object on
the wrong thread and may crash. So automatic collection is turned off and a
UI-thread timer collects the generation whose threshold is exceeded, as the
collector itself would (pyqtgraph's GarbageCollector does the same).
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

INTERVAL_MS = 200


class UiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)

    @Slot()
    def collect_due(self) -> None:
        collect_due()

    def stop(self) -> None:
        """Stop collecting; automatic collection comes back if it was on before."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def collect_due() -> None:
    """Collect the oldest generation whose threshold is exceeded, as the automatic collector would."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return
