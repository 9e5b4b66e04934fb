"""Diagnostics on a CodeEditor: wavy underlines, gutter marks, lookup by position.

Each diagnostic (and each of its fixes) gets a QTextCursor over its span when
it is set, so squiggles and fixes follow the text while the user types on
until the next check replaces them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from studio.diagnostics import Diagnostic, Fix, Span
from studio.ui import theme
from studio.ui.highlighter import utf16_length

if TYPE_CHECKING:
    from studio.ui.editor.code_editor import CodeEditor


def document_position(document: QTextDocument, line: int, column: int) -> int:
    """Qt position (UTF-16) of 1-based `line` / code-point `column`, clamped to the text."""
    block = document.findBlockByNumber(max(line, 1) - 1)
    if not block.isValid():
        block = document.lastBlock()
        return block.position() + block.length() - 1
    text = block.text()
    return block.position() + utf16_length(text[:max(column, 1) - 1])


def span_cursor(document: QTextDocument, span: Span) -> QTextCursor:
    """A cursor selecting `span`; an empty span selects the character at (or before) it."""
    start = document_position(document, span.line, span.column)
    end = document_position(document, span.end_line, span.end_column)
    if end <= start:
        block = document.findBlock(start)
        line_end = block.position() + block.length() - 1
        start, end = (start, start + 1) if start < line_end else (max(block.position(), start - 1), start)
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


class DiagnosticsAddon:
    """Installed by CodeEditor; `CodeEditor.set_diagnostics` is its entry point."""

    def __init__(self, editor: CodeEditor) -> None:
        self._editor = editor
        self._entries: list[tuple[Diagnostic, QTextCursor]] = []   # most severe first
        self._fix_cursors: dict[Fix, QTextCursor] = {}

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        document = self._editor.document()
        ordered = sorted(diagnostics, key=lambda d: (d.severity.rank, d.span.start))
        self._entries = [(d, span_cursor(document, d.span)) for d in ordered]
        self._fix_cursors = {fix: span_cursor(document, fix.span) for d in ordered for fix in d.fixes}
        self.restyle()
        marks: dict[int, str] = {}
        for diagnostic, _ in reversed(self._entries):
            marks[diagnostic.span.line] = diagnostic.severity.value
        self._editor.line_numbers.set_line_marks(marks)

    def restyle(self) -> None:
        """Underline the diagnostics' characters, where their text is now, in the current theme's colours."""
        selections = []
        for diagnostic, cursor in reversed(self._entries):   # the most severe is drawn last, on top
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = _squiggle_format(diagnostic)
            selections.append(selection)
        self._editor.set_extra_selections("diagnostics", selections)

    def diagnostics(self) -> list[Diagnostic]:
        return [d for d, _ in self._entries]

    def diagnostics_at(self, position: int) -> list[Diagnostic]:
        """The diagnostics whose (tracked) range holds `position`, ends included, most severe first."""
        return [d for d, c in self._entries if c.selectionStart() <= position <= c.selectionEnd()]

    def fix_cursor(self, fix: Fix) -> QTextCursor:
        """A cursor over the text `fix` replaces, where that text is now."""
        tracked = self._fix_cursors.get(fix)
        return QTextCursor(tracked) if tracked is not None else span_cursor(self._editor.document(), fix.span)


def _squiggle_format(diagnostic: Diagnostic) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(theme.SEVERITY_COLORS[diagnostic.severity])
    return fmt
