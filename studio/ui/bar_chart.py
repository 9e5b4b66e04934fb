"""A horizontal bar chart painted with QPainter: one row per (label, count), largest first.

Used by the Traffic panel for the turns per intent and per rule. The labels in
`warn` (no intent, the ALWAYS rules) take the warning colour, as in the HTML
report. The colours are the current theme's, read when painting (the bars'
by the name of their role in `theme`). The chart asks for the height of its rows, so it sits in a scroll area.
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from studio.ui import theme

ROW = 22           # pixels per bar
LABEL_SHARE = 0.4  # of the width, at most, for the labels
MAX_LABEL = 220    # pixels


class BarChart(QWidget):
    def __init__(self, bar_role: str, parent: QWidget | None = None) -> None:
        """`bar_role`: the name of the bars' colour in `theme` ("TRAFFIC_INTENT_BAR")."""
        super().__init__(parent)
        self.bar_role = bar_role
        self.items: list[tuple[str, int]] = []
        self.warn: frozenset[str] = frozenset()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: Sequence[tuple[str, int]], warn: frozenset[str] = frozenset()) -> None:
        self.items = list(items)
        self.warn = warn
        self.setToolTip("\n".join(f"{label}: {count:,}" for label, count in self.items[:40]))
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(360, max(ROW, ROW * len(self.items) + 8))

    def bar_colour(self) -> QColor:
        return getattr(theme, self.bar_role)

    def label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(label) for label, _ in self.items), default=0)
        return min(widest + 8, MAX_LABEL, int(self.width() * LABEL_SHARE))

    def bar_rect(self, row: int) -> QRectF:
        """Where the bar of item `row` is drawn (the tests look at its width)."""
        label_width = self.label_width()
        metrics = QFontMetrics(self.font())
        count_width = metrics.horizontalAdvance(f"{max((c for _, c in self.items), default=0):,}") + 12
        room = max(1, self.width() - label_width - count_width - 8)
        largest = max((count for _, count in self.items), default=1) or 1
        width = max(1.0, room * self.items[row][1] / largest)
        return QRectF(label_width + 6, 4 + row * ROW + 3, width, ROW - 6)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        label_width = self.label_width()
        for row, (label, count) in enumerate(self.items):
            top = 4 + row * ROW
            painter.setPen(theme.TEXT)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 4)
            painter.drawText(QRectF(0, top, label_width, ROW), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, shown)
            bar = self.bar_rect(row)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.TRAFFIC_WARN_BAR if label in self.warn else self.bar_colour())
            painter.drawRoundedRect(bar, 2, 2)
            painter.setPen(theme.TEXT)
            painter.drawText(QRectF(bar.right() + 6, top, self.width(), ROW), Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter, f"{count:,}")
        painter.end()


__all__ = ["BarChart"]
