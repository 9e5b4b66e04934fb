"""Applying a core `TextEdit` (code-point offsets) to an editor's QTextDocument (UTF-16 positions) as one
undoable edit, and reading the editor's cursor as a code-point offset."""
from __future__ import annotations

from PySide6.QtGui import QTextCursor

from studio.authoring import TextEdit
from studio.ui.editor_tabs import utf16_offset


def apply_edit(editor, text: str, edit: TextEdit) -> None:
    """`edit` (made against `text`, the editor's text) as one step of the editor's undo history."""
    if edit.is_noop:
        return
    cursor = QTextCursor(editor.document())
    cursor.setPosition(utf16_offset(text, edit.start))
    cursor.setPosition(utf16_offset(text, edit.end), QTextCursor.MoveMode.KeepAnchor)
    cursor.beginEditBlock()
    cursor.insertText(edit.new_text)
    cursor.endEditBlock()


def cursor_offset(editor, text: str) -> int:
    """The editor's cursor as an index into `text` (its plain text): UTF-16 units back to code points."""
    units = editor.textCursor().position()
    return len(text.encode("utf-16-le")[:units * 2].decode("utf-16-le", errors="ignore"))
