"""An inline (unified) diff of one project file, read-only, with the file's own highlighting.

The document holds the lines themselves, without `+`/`-` prefixes, so the
project's highlighters (the rules' DSL, the tests' YAML) colour them as in the
editor. Added and removed lines get a background (extra selections); a gutter
on the left shows the old and the new line number and the sign. Between two
hunks an empty band stands for the unchanged lines left out.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from studio.ui import theme
from studio.ui.highlighter import DslHighlighter
from studio.ui.yaml_highlighter import YamlHighlighter

CONTEXT_LINES = 3
SAME, ADDED, REMOVED, GAP = "same", "added", "removed", "gap"


@dataclass(frozen=True)
class DiffLine:
    kind: str                 # SAME, ADDED, REMOVED or GAP (unchanged lines left out)
    text: str
    old_line: int | None      # 1-based, in the old text
    new_line: int | None      # 1-based, in the new text


def decoded(data: bytes) -> list[str]:
    """The lines of a project file's bytes (a byte order mark dropped, any line ending)."""
    return data.decode("utf-8-sig", errors="replace").splitlines()


def diff_lines(old: list[str], new: list[str], context: int = CONTEXT_LINES) -> list[DiffLine]:
    """The hunks of a unified diff of `old` → `new`, a GAP line between two hunks."""
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine(GAP, "", None, None))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine(SAME, new[j1 + k], i1 + k + 1, j1 + k + 1) for k in range(i2 - i1)]
                continue
            lines += [DiffLine(REMOVED, old[i], i + 1, None) for i in range(i1, i2)]
            lines += [DiffLine(ADDED, new[j], None, j + 1) for j in range(j1, j2)]
    return lines


class DiffGutter(QWidget):
    """Old and new line numbers and the sign of each visible line (Qt's Code Editor example)."""

    def __init__(self, view: "DiffView") -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(event.rect(), theme.GUTTER_BACKGROUND)
        painter.setFont(self._view.font())
        metrics = self._view.fontMetrics()
        digits = self._view.digits()
        column = metrics.horizontalAdvance("9") * digits
        pad = metrics.horizontalAdvance(" ")
        for block, top, bottom in self._view.visible_blocks():
            if top > event.rect().bottom():
                break
            line = self._view.line_at(block.blockNumber())
            if line is None:
                continue
            if line.kind == GAP:
                painter.fillRect(QRect(0, top, self.width(), bottom - top), theme.DIFF_GAP_BACKGROUND)
                painter.setPen(theme.DIFF_GAP_TEXT)
                painter.drawText(QRect(0, top, self.width(), bottom - top), Qt.AlignmentFlag.AlignCenter, "⋯")
                continue
            painter.setPen(theme.GUTTER_TEXT)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if line.old_line is not None:
                painter.drawText(QRect(pad, top, column, bottom - top), align, str(line.old_line))
            if line.new_line is not None:
                painter.drawText(QRect(2 * pad + column, top, column, bottom - top), align, str(line.new_line))
            sign = {ADDED: "+", REMOVED: "−"}.get(line.kind)
            if sign:
                painter.setPen(theme.DIFF_ADDED_MARK if line.kind == ADDED else theme.DIFF_REMOVED_MARK)
                painter.drawText(QRect(3 * pad + 2 * column, top, 2 * pad, bottom - top), align, sign)
        painter.end()


class DiffView(QPlainTextEdit):
    """Shows `show_diff(rel, old_bytes, new_bytes)`; `lines` is what it shows, for tests and the gutter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diff-view")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(theme.editor_font())
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * theme.TAB_WIDTH)
        self.rel = ""
        self.lines: list[DiffLine] = []
        self._highlighter = None
        self.gutter = DiffGutter(self)
        self.updateRequest.connect(self._on_update_request)
        self._update_margin()
        self.follow_theme()

    def follow_theme(self) -> None:
        """The current theme's text, background, highlighting and line colours."""
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, theme.BACKGROUND)
        palette.setColor(QPalette.ColorRole.Text, theme.TEXT)
        self.setPalette(palette)
        if self._highlighter is not None:
            self._highlighter.restyle()
        if self.lines:
            self._mark_lines()
        self.gutter.update()

    # --- content ----------------------------------------------------------------------------------

    def show_diff(self, rel: str, old: bytes, new: bytes) -> None:
        self.rel = rel
        self.lines = diff_lines(decoded(old), decoded(new))
        self._set_highlighter(rel)
        self.setPlainText("\n".join(line.text for line in self.lines))
        self._mark_lines()
        self._update_margin()

    def show_message(self, text: str) -> None:
        """A note in place of a diff (no file chosen, identical texts)."""
        self.rel = ""
        self.lines = []
        self._set_highlighter("")
        self.setPlainText(text)
        self.setExtraSelections([])
        self._update_margin()

    def line_at(self, block_number: int) -> DiffLine | None:
        return self.lines[block_number] if 0 <= block_number < len(self.lines) else None

    def _set_highlighter(self, rel: str) -> None:
        wanted = DslHighlighter if rel.endswith(".dsl") else YamlHighlighter if rel.startswith("conversations/") \
            else None
        if type(self._highlighter) is wanted:
            return
        if self._highlighter is not None:
            self._highlighter.setDocument(None)
            self._highlighter.deleteLater()
        self._highlighter = wanted(self.document()) if wanted is not None else None

    def _mark_lines(self) -> None:
        backgrounds = {ADDED: theme.DIFF_ADDED_BACKGROUND, REMOVED: theme.DIFF_REMOVED_BACKGROUND,
                       GAP: theme.DIFF_GAP_BACKGROUND}
        selections = []
        block = self.document().firstBlock()
        for line in self.lines:
            color = backgrounds.get(line.kind)
            if color is not None:
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(color)
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                selection.cursor = QTextCursor(block)
                selections.append(selection)
            block = block.next()
        self.setExtraSelections(selections)

    # --- the gutter -------------------------------------------------------------------------------

    def digits(self) -> int:
        last = max((max(line.old_line or 0, line.new_line or 0) for line in self.lines), default=0)
        return max(2, len(str(last)))

    def gutter_width(self) -> int:
        if not self.lines:
            return 0
        metrics = self.fontMetrics()
        return 2 * metrics.horizontalAdvance("9") * self.digits() + 6 * metrics.horizontalAdvance(" ")

    def visible_blocks(self):
        """(block, top, bottom) in viewport pixels for each block in view, top to bottom."""
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.viewport().height()
        while block.isValid() and top <= height:
            bottom = top + round(self.blockBoundingRect(block).height())
            yield block, top, bottom
            block = block.next()
            top = bottom

    def _update_margin(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        self._place_gutter()
        self.gutter.update()

    def _place_gutter(self) -> None:
        rect = self.contentsRect()
        self.gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(), rect.height()))

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place_gutter()
