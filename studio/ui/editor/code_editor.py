"""The code editor: a QPlainTextEdit with small add-ons installed on it.

It edits rule files (`DSL`: highlighting, completion) and conversation tests
(`YAML`: highlighting only); everything else is the same for both.

The add-ons (gutter, diagnostics, completion, find/replace) live in their own
modules; the editor gives them three seams: `set_extra_selections` (one list
per owner, merged and kept to the part in view), `add_key_hook` (see a key
before and after the editor) and `add_shortcut` (keys the editor keeps even
when the window has an action on the same key).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QKeyCombination, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (QKeyEvent, QKeySequence, QPalette, QResizeEvent, QTextBlock, QTextCharFormat,
                           QTextCursor, QTextFormat)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from studio.diagnostics import Diagnostic, Fix
from studio.ui import theme
from studio.ui.editor.completion import CompletionAddon
from studio.ui.editor.find_replace import FindReplaceBar
from studio.ui.editor.line_numbers import LineNumberArea
from studio.ui.editor.squiggles import DiagnosticsAddon, document_position
from studio.ui.highlighter import DslHighlighter
from studio.ui.yaml_highlighter import YamlHighlighter

DEBOUNCE_MS = 300
COMMENT = "# "
DSL, YAML = "ruledsl", "yaml"   # the languages the editor knows
# Extra selections are drawn in this order, so a squiggle stays visible over a find match.
_SELECTION_ORDER = ("current_line", "find", "diagnostics")


class KeyHook(Protocol):
    def before_key_press(self, event: QKeyEvent) -> bool:
        """True when the hook has handled the key and the editor must not."""

    def after_key_press(self, event: QKeyEvent) -> None:
        """Called after the editor has handled the key."""


class CodeEditor(QPlainTextEdit):
    """The editor of one rule file (or, with `language=YAML`, of one conversation test)."""

    text_changed_debounced = Signal(str)   # the text, DEBOUNCE_MS after the last change
    fix_requested = Signal(object)         # Diagnostic with fixes under the cursor (Ctrl+.)

    def __init__(self, parent: QWidget | None = None, language: str = DSL) -> None:
        super().__init__(parent)
        self.language = language
        self._extras: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._key_hooks: list[KeyHook] = []
        self._shortcuts: dict[str, Callable[[], None]] = {}
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit_debounced)
        self._apply_theme()

        if language == YAML:
            self.highlighter = YamlHighlighter(self.document())
        else:
            self.highlighter = DslHighlighter(self.document())
            self.highlighter.in_view = self._shows_blocks
        self.line_numbers = LineNumberArea(self)
        self.diagnostics = DiagnosticsAddon(self)
        self.completion = CompletionAddon(self) if language == DSL else None
        self.find_bar = FindReplaceBar(self)   # parentless: whoever lays out the editor places it

        self.add_shortcut(QKeySequence("Ctrl+."), self.request_fix)
        self.add_shortcut(QKeySequence("Ctrl+/"), self.toggle_comment)
        self.add_shortcut(QKeySequence("Ctrl+F"), self.show_find)
        self.add_shortcut(QKeySequence("Ctrl+H"), self.show_replace)

        # The gutter repaints when what it shows changes. Not on every updateRequest: Qt
        # sends one per re-highlighted block, ~50,000 when a large file is opened.
        self.blockCountChanged.connect(self._update_gutter_width)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.cursorPositionChanged.connect(self.line_numbers.update)
        self.cursorPositionChanged.connect(self._highlight_current_line)
        self.textChanged.connect(self._debounce.start)
        self._update_gutter_width()
        self._highlight_current_line()

    # --- seams for the add-ons -----------------------------------------------------------

    def set_extra_selections(self, owner: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Replace `owner`'s extra selections (current line, find matches, squiggles, ...)."""
        self._extras[owner] = selections
        self._apply_extra_selections()

    def add_key_hook(self, hook: KeyHook) -> None:
        self._key_hooks.append(hook)

    def add_shortcut(self, keys: QKeySequence, slot: Callable[[], None]) -> None:
        """Handle `keys` in the editor, ahead of a window action with the same shortcut."""
        self._shortcuts[keys.toString(QKeySequence.SequenceFormat.PortableText)] = slot

    def visible_blocks(self) -> Iterator[tuple[QTextBlock, int, int]]:
        """(block, top, bottom) in viewport pixels for each block in view, top to bottom."""
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.viewport().height()
        while block.isValid() and top <= height:
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible():
                yield block, top, bottom
            block = block.next()
            top = bottom

    # --- public API ----------------------------------------------------------------------

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        """Show this file's diagnostics as squiggles and gutter marks (replacing the previous ones)."""
        self.diagnostics.set_diagnostics(diagnostics)

    def diagnostic_at(self, position: int) -> Diagnostic | None:
        """The most severe diagnostic at document position `position`, or None."""
        found = self.diagnostics.diagnostics_at(position)
        return found[0] if found else None

    def restyle(self, colours: bool = True) -> None:
        """Take the current font size and, with `colours`, theme (`studio.ui.theme`): the highlighting
        is redone only for new colours (a font size alone keeps it)."""
        self._apply_theme()
        if colours:
            self.highlighter.restyle()
            self.diagnostics.restyle()
        self._highlight_current_line()
        self._update_gutter_width()
        self.line_numbers.update()

    def follow_theme(self) -> None:
        """A new theme (Preferences, in this window or another): its colours and highlighting."""
        self.restyle(colours=True)

    def set_vocabulary(self, **words: list[str]) -> None:
        """What completion offers: intents=, variables=, stages=, brands=, categories=, ..."""
        if self.completion is not None:
            self.completion.set_vocabulary(**words)

    @Slot()
    def request_fix(self) -> None:
        """Emit `fix_requested` for the diagnostic with fixes under the cursor, if any."""
        for diagnostic in self.diagnostics.diagnostics_at(self.textCursor().position()):
            if diagnostic.fixes:
                self.fix_requested.emit(diagnostic)
                return

    def apply_fix(self, fix: Fix) -> None:
        """Replace the text of `fix`'s span (where that text is now) as one undoable edit; the
        cursor goes to the end of the new text, so the fix is in view (a file opened for it too)."""
        cursor = self.diagnostics.fix_cursor(fix)
        cursor.beginEditBlock()
        cursor.insertText(fix.replacement)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def position_of(self, line: int, column: int) -> int:
        """Document position of 1-based `line` and code-point `column` (Span convention)."""
        return document_position(self.document(), line, column)

    @Slot(int, int)
    def go_to(self, line: int, column: int = 1) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.position_of(line, column))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    @Slot()
    def toggle_comment(self) -> None:
        """Comment the selected lines with `# `, or uncomment them when all are comments."""
        cursor = self.textCursor()
        document = self.document()
        block = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        if cursor.hasSelection() and last.position() == cursor.selectionEnd() and last != block:
            last = last.previous()   # a selection ending at a line start leaves that line alone
        blocks = [block]
        while blocks[-1] != last:
            blocks.append(blocks[-1].next())
        code = [(b, b.text()) for b in blocks if b.text().strip()]
        if not code:
            return
        # Leading whitespace is BMP, so its code points are also UTF-16 units.
        indents = [len(text) - len(text.lstrip()) for _, text in code]
        uncomment = all(text[i] == "#" for (_, text), i in zip(code, indents))
        edit = QTextCursor(document)
        edit.beginEditBlock()
        for (b, text), indent in zip(code, indents):
            if uncomment:
                width = len(COMMENT) if text.startswith(COMMENT, indent) else 1
                edit.setPosition(b.position() + indent)
                edit.setPosition(b.position() + indent + width, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            else:
                edit.setPosition(b.position() + min(indents))
                edit.insertText(COMMENT)
        edit.endEditBlock()

    @Slot()
    def show_find(self) -> None:
        self.find_bar.open(replace=False)

    @Slot()
    def show_replace(self) -> None:
        self.find_bar.open(replace=True)

    # --- Qt overrides --------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._shortcut_for(event):
            event.accept()   # our key: the window's action with the same shortcut must not take it
            return True
        if event.type() == QEvent.Type.ToolTip:
            self._show_tooltip(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        for hook in self._key_hooks:
            if hook.before_key_press(event):
                return
        slot = self._shortcut_for(event)
        if slot is not None:
            slot()
            return
        if event.key() == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            column = self.textCursor().positionInBlock()
            self.textCursor().insertText(" " * (theme.TAB_WIDTH - column % theme.TAB_WIDTH))
        else:
            super().keyPressEvent(event)
        for hook in self._key_hooks:
            hook.after_key_press(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.line_numbers.setGeometry(QRect(rect.left(), rect.top(), self.line_numbers.width_hint(), rect.height()))
        self._apply_extra_selections()

    # --- internals -----------------------------------------------------------------------

    def _apply_theme(self) -> None:
        self.setFont(theme.editor_font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(theme.TAB_WIDTH * self.fontMetrics().horizontalAdvance(" "))
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, theme.BACKGROUND)
        palette.setColor(QPalette.ColorRole.Text, theme.TEXT)
        palette.setColor(QPalette.ColorRole.Highlight, theme.SELECTION)
        palette.setColor(QPalette.ColorRole.HighlightedText, theme.TEXT)
        self.setPalette(palette)

    def _shortcut_for(self, event: QKeyEvent) -> Callable[[], None] | None:
        combination = QKeyCombination(event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier,
                                      Qt.Key(event.key()))
        keys = QKeySequence(combination).toString(QKeySequence.SequenceFormat.PortableText)
        return self._shortcuts.get(keys)

    def _show_tooltip(self, event) -> None:
        point = self.viewport().mapFrom(self, event.pos())
        cursor = self.cursorForPosition(point)
        near_text = abs(self.cursorRect(cursor).center().x() - point.x()) <= self.fontMetrics().averageCharWidth()
        found = self.diagnostics.diagnostics_at(cursor.position()) if near_text else []
        if found:
            QToolTip.showText(event.globalPos(), "\n".join(_describe(d) for d in found), self)
        else:
            QToolTip.hideText()
            event.ignore()

    @Slot()
    def _emit_debounced(self) -> None:
        self.text_changed_debounced.emit(self.toPlainText())

    @Slot()
    def _highlight_current_line(self) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(theme.CURRENT_LINE)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        cursor = self.textCursor()
        cursor.clearSelection()
        selection = QTextEdit.ExtraSelection()
        selection.format = fmt
        selection.cursor = cursor
        self.set_extra_selections("current_line", [selection])

    @Slot()
    def _apply_extra_selections(self) -> None:
        """Hand Qt the extra selections near the view only: Qt walks them all on every paint."""
        first = self.firstVisibleBlock()
        lines = self.viewport().height() // max(1, self.fontMetrics().height()) + 1
        start_block = self.document().findBlockByNumber(max(0, first.blockNumber() - lines))
        end_block = self.document().findBlockByNumber(first.blockNumber() + 2 * lines)
        start = start_block.position()
        end = end_block.position() if end_block.isValid() else self.document().characterCount()
        owners = sorted(self._extras, key=lambda o: _SELECTION_ORDER.index(o) if o in _SELECTION_ORDER else 1)
        self.setExtraSelections([s for owner in owners for s in self._extras[owner]
                                 if s.cursor.selectionEnd() >= start and s.cursor.selectionStart() <= end])

    def _shows_blocks(self, first: int, last: int) -> bool:
        """Whether the blocks numbered first..last (inclusive) reach into the view."""
        top = self.firstVisibleBlock().blockNumber()
        lines = self.viewport().height() // max(1, self.fontMetrics().height()) + 1
        return first <= top + lines and last >= top

    @Slot()
    def _update_gutter_width(self) -> None:
        width = self.line_numbers.width_hint()
        if width != self.viewportMargins().left():
            self.setViewportMargins(width, 0, 0, 0)
            self.line_numbers.resize(width, self.line_numbers.height())
        self.line_numbers.update()

    @Slot()
    def _scrolled(self) -> None:
        self.line_numbers.update()
        self._apply_extra_selections()


def _describe(diagnostic: Diagnostic) -> str:
    text = QCoreApplication.translate("CodeEditor", "{severity} {code}: {message}").format(
        severity=diagnostic.severity.label, code=diagnostic.code, message=diagnostic.message)
    if diagnostic.suggestion:
        text = QCoreApplication.translate("CodeEditor", "{text} ({suggestion})").format(
            text=text, suggestion=diagnostic.suggestion)
    return text
