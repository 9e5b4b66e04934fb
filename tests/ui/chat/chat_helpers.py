"""Helpers of the chat tester tests: typing like a user, waiting for turns, disposing Qt objects."""
from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

TURN_TIMEOUT_MS = 10000


def dispose(*objects) -> None:
    """Delete Qt objects on the UI thread now.

    Left to Python's cyclic GC, a dead window's wrappers may be collected while
    another thread (a chat worker inside lazyllm, the fake server) happens to
    trigger a collection, and the C++ destructors (QFileSystemWatcher's socket
    notifier…) would then run in that thread.
    """
    for obj in objects:
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def type_text(qtbot, widget, text: str) -> None:
    """Type `text` as a user would: ASCII as key presses, Chinese as an input method commits it
    (QTest can only type ASCII)."""
    for is_ascii, run in _runs(text):
        if is_ascii:
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def _runs(text: str):
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or text[i].isascii() != text[start].isascii():
            yield text[start].isascii(), text[start:i]
            start = i


def say(qtbot, panel: ChatPanel, text: str, timeout: int = TURN_TIMEOUT_MS):
    """Type `text` into the input line, press Enter, and return the turn's payload once it is shown."""
    with qtbot.waitSignal(panel.turn_completed, timeout=timeout) as blocker:
        panel.input.setFocus()
        type_text(qtbot, panel.input, text)
        assert panel.input.text() == text
        qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    return blocker.args[0]


def wait_analysis(qtbot, workspace, timeout: int = 10000) -> None:
    qtbot.waitUntil(lambda: workspace.analysis is not None and not workspace.is_analyzing(), timeout=timeout)
