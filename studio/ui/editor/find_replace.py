"""The find / replace bar of a CodeEditor (Ctrl+F / Ctrl+H).

Created by the editor without a parent (`CodeEditor.find_bar`): whoever lays
out the editor puts the bar below it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QPushButton, QTextEdit, QWidget

from studio.ui import theme

if TYPE_CHECKING:
    from studio.ui.editor.code_editor import CodeEditor

MAX_HIGHLIGHTS = 10_000   # beyond this many matches, counting stops ("10000+")


class FindReplaceBar(QWidget):
    """Find next/previous, match case, replace, replace all (one undo step), matches highlighted."""

    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(None)
        self._editor = editor
        self.find_edit = QLineEdit(placeholderText=self.tr("Find"), clearButtonEnabled=True)
        self.replace_edit = QLineEdit(placeholderText=self.tr("Replace"), clearButtonEnabled=True)
        self.match_case = QCheckBox(self.tr("Match case"))
        self.status = QLabel()
        previous_button = QPushButton(self.tr("Previous"), autoDefault=False)
        next_button = QPushButton(self.tr("Next"), autoDefault=False)
        self._replace_button = QPushButton(self.tr("Replace"), autoDefault=False)
        self._replace_all_button = QPushButton(self.tr("Replace All"), autoDefault=False)
        close_button = QPushButton("✕", flat=True, autoDefault=False, toolTip=self.tr("Close (Esc)"))

        layout = QGridLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.find_edit, 0, 0)
        layout.addWidget(previous_button, 0, 1)
        layout.addWidget(next_button, 0, 2)
        layout.addWidget(self.match_case, 0, 3)
        layout.addWidget(self.status, 0, 4)
        layout.addWidget(close_button, 0, 5)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addWidget(self._replace_button, 1, 1)
        layout.addWidget(self._replace_all_button, 1, 2)
        layout.setColumnStretch(0, 1)

        self.find_edit.textChanged.connect(self._search_changed)
        self.find_edit.installEventFilter(self)
        self.match_case.toggled.connect(self._search_changed)
        previous_button.clicked.connect(self.find_previous)
        next_button.clicked.connect(self.find_next)
        self._replace_button.clicked.connect(self.replace)
        self._replace_all_button.clicked.connect(self.replace_all)
        close_button.clicked.connect(self.close_bar)
        editor.text_changed_debounced.connect(self._refresh_highlights)
        self.hide()

    # --- API -----------------------------------------------------------------------------

    @Slot()
    def open(self, replace: bool = False) -> None:
        """Show the bar (with the replace row for Ctrl+H), seeded with the editor's selection."""
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:   # a one-line selection (Qt's paragraph separator)
            self.find_edit.setText(selected)
        for widget in (self.replace_edit, self._replace_button, self._replace_all_button):
            widget.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self._refresh_highlights()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self._editor.set_extra_selections("find", [])
        self._editor.setFocus()

    @Slot()
    def find_next(self) -> bool:
        return self._find(backward=False)

    @Slot()
    def find_previous(self) -> bool:
        return self._find(backward=True)

    @Slot()
    def replace(self) -> bool:
        """Replace the selected match, then select the next one; False when there is no match."""
        cursor = self._editor.textCursor()
        if self._is_match(cursor.selectedText()):
            cursor.insertText(self.replace_edit.text())
            self._editor.setTextCursor(cursor)
        return self.find_next()

    @Slot()
    def replace_all(self) -> int:
        """Replace every match as one undoable edit; returns how many."""
        cursors = self._matches()
        if not cursors:
            return 0
        edit = QTextCursor(self._editor.document())
        edit.beginEditBlock()
        for cursor in cursors:   # earlier replacements move the later cursors along
            cursor.insertText(self.replace_edit.text())
        edit.endEditBlock()
        self._refresh_highlights()
        self.status.setText(self.tr("Replaced {}").format(len(cursors)))
        return len(cursors)

    # --- Qt overrides --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.find_edit and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._find(backward=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    # --- internals -----------------------------------------------------------------------

    def _flags(self) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.match_case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        return flags

    def _is_match(self, text: str) -> bool:
        needle = self.find_edit.text()
        if not needle or not text:
            return False
        return text == needle if self.match_case.isChecked() else text.casefold() == needle.casefold()

    def _find(self, backward: bool) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        document = self._editor.document()
        flags = self._flags()
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        found = document.find(needle, self._editor.textCursor(), flags)
        if found.isNull():   # wrap around
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, start, flags)
        if found.isNull():
            self.status.setText(self.tr("No results"))
            return False
        self._editor.setTextCursor(found)
        return True

    def _matches(self, limit: int | None = None) -> list[QTextCursor]:
        needle = self.find_edit.text()
        document = self._editor.document()
        found, cursors = QTextCursor(document), []
        while needle and (limit is None or len(cursors) < limit):
            found = document.find(needle, found, self._flags())
            if found.isNull():
                break
            cursors.append(found)
        return cursors

    @Slot()
    def _search_changed(self) -> None:
        """Select the first match from where the selection starts (find as you type)."""
        cursor = self._editor.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self._editor.setTextCursor(cursor)
        if self.find_edit.text():
            self.find_next()
        self._refresh_highlights()

    def follow_theme(self) -> None:
        self._refresh_highlights()   # the matches in the current theme's find colour

    @Slot()
    def _refresh_highlights(self) -> None:
        if self.isHidden():
            return
        cursors = self._matches(limit=MAX_HIGHLIGHTS + 1)
        fmt = QTextCharFormat()
        fmt.setBackground(theme.FIND_MATCH)
        selections = []
        for cursor in cursors[:MAX_HIGHLIGHTS]:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self._editor.set_extra_selections("find", selections)
        if self.find_edit.text():
            count = f"{MAX_HIGHLIGHTS}+" if len(cursors) > MAX_HIGHLIGHTS else str(len(cursors))
            self.status.setText(self.tr("{} matches").format(count) if cursors else self.tr("No results"))
        else:
            self.status.clear()
