"""The main window's editing commands: forwarded to the current editor (Edit menu) or to the
Problems list (Go ▸ Next/Previous Problem).

A mixin of `MainWindow` (studio/ui/main_window.py); its actions are made in studio/ui/window_menus.py.
"""
from __future__ import annotations

from PySide6.QtCore import Slot


class WindowEditing:
    def _editor_call(self, method: str) -> None:
        editor = self.tabs.current_editor()
        if editor is not None:
            getattr(editor, method)()

    def _update_edit_actions(self) -> None:
        editor = self.tabs.current_editor()
        document = editor.document() if editor else None
        self.undo_action.setEnabled(bool(document and document.isUndoAvailable()))
        self.redo_action.setEnabled(bool(document and document.isRedoAvailable()))
        for action in (self.cut_action, self.copy_action, self.paste_action, self.select_all_action,
                       self.find_action, self.replace_action, self.comment_action):
            action.setEnabled(editor is not None)

    @Slot()
    def find(self) -> None:
        self._editor_call("show_find")

    @Slot()
    def replace(self) -> None:
        self._editor_call("show_replace")

    @Slot()
    def toggle_comment(self) -> None:
        self._editor_call("toggle_comment")

    def step_problem(self, delta: int) -> None:
        """Go to the next (delta=1) or previous problem of the Problems list, wrapping around."""
        panel = self.problems_panel
        rows = panel.row_count()
        if not rows:
            return
        current = panel.view.currentIndex().row()
        row = (current + delta) % rows if current >= 0 else (0 if delta > 0 else rows - 1)
        panel.view.setCurrentIndex(panel.proxy.index(row, 0))
        panel.open_current()
