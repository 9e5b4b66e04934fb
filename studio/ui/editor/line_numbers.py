"""The gutter: line numbers and per-line marks, painted for the visible blocks only."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from studio.ui import theme

if TYPE_CHECKING:
    from studio.ui.editor.code_editor import CodeEditor

MARK_WIDTH = 8   # px left of the numbers for a mark


class LineNumberArea(QWidget):
    """Installed on a CodeEditor's left viewport margin (Qt's Code Editor example).

    The editor tells it where the visible blocks are (`CodeEditor.visible_blocks`)
    and when to repaint; it paints numbers and marks for those blocks only.
    """

    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self._marks: dict[int, str] = {}

    def set_line_marks(self, marks: dict[int, str]) -> None:
        """Marks by 1-based line: a kind of `theme.MARK_COLORS` ("error", "warning", "covered", ...)."""
        self._marks = dict(marks)
        self.update()

    def line_marks(self) -> dict[int, str]:
        return dict(self._marks)

    def width_hint(self) -> int:
        digits = len(str(max(1, self._editor.blockCount())))
        return MARK_WIDTH + 6 + self.fontMetrics().horizontalAdvance("9") * max(digits, 2) + 8

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.width_hint(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(event.rect(), theme.GUTTER_BACKGROUND)
        painter.setFont(self._editor.font())
        current = self._editor.textCursor().blockNumber()
        height = self.fontMetrics().height()
        number_right = self.width() - 8
        for block, top, bottom in self._editor.visible_blocks():
            if top > event.rect().bottom():
                break
            if bottom < event.rect().top():
                continue
            line = block.blockNumber() + 1
            kind = self._marks.get(line)
            if kind in theme.MARK_COLORS:
                size = min(MARK_WIDTH, height) - 2
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.MARK_COLORS[kind])
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.drawEllipse(3, top + (height - size) // 2, size, size)
            painter.setPen(theme.GUTTER_CURRENT_TEXT if line - 1 == current else theme.GUTTER_TEXT)
            painter.drawText(QRect(0, top, number_right, height), Qt.AlignmentFlag.AlignRight, str(line))
        painter.end()
