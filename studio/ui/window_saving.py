"""Saving and recovery in the main window: Save / Save All, the unsaved-changes question, the status
of a save, and offering back what a crashed session left in the recovery area (studio/ui/recovery.py).

A mixin of `MainWindow` (studio/ui/main_window.py), which closes the session. Its texts are translated
in the `WindowSaving` context.
"""
from __future__ import annotations

from PySide6.QtCore import Slot

from studio.ui.prompts import UnsavedChoice
from studio.ui.recovery import KNOWLEDGE
from studio.ui.workspace import WorkspaceError


class WindowSaving:
    @Slot()
    def save_current(self) -> bool:
        return self.tabs.save_current()

    @Slot()
    def save_all(self) -> bool:
        ok = self.tabs.save_all()
        if self.workspace.knowledge_dirty:
            ok = self.workspace.save_knowledge() and ok
        return ok

    @Slot(str, str)
    def _save_failed(self, file: str, reason: str) -> None:
        message = self.tr("Could not save {file}: {reason}").format(file=file, reason=reason)
        self.statusBar().showMessage(message, 15000)
        self.prompts.error(self, self.tr("Save Failed"),
                           message + "\n\n" + self.tr("Your changes are kept in the editor and in the recovery area."))

    @Slot(str)
    def _file_saved(self, rel: str) -> None:
        self.autosaver.forget(rel)
        self.statusBar().showMessage(self.tr("Saved {file}").format(file=rel), 3000)

    @Slot(str)
    def autosaver_forget(self, rel: str) -> None:
        self.autosaver.forget(rel)

    def unsaved_files(self) -> list[str]:
        self.tabs.flush()
        files = self.tabs.modified_rels()
        if self.workspace.knowledge_dirty:
            files.append(self.tr("knowledge"))
        return files

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when something is unsaved; True when it is fine to go on."""
        files = self.unsaved_files()
        if not files:
            return True
        choice = self.prompts.unsaved_changes(self, files)
        if choice is UnsavedChoice.SAVE:
            return self.save_all()
        return choice is UnsavedChoice.DISCARD

    # --- recovery ----------------------------------------------------------------------------------

    @Slot()
    def offer_recovery(self) -> int:
        """Offer back what a crashed session left in the recovery area; returns how many were restored."""
        if self._recovery_offered or self._closed:
            return 0
        self._recovery_offered = True
        entries = self.recovery.entries()
        if not entries:
            return 0
        chosen = self.prompts.recover(self, entries)
        if not self.prompts.interactive:   # nobody was asked: keep them for a session someone can answer
            return 0
        self.recovery.clear()
        restored = 0
        for entry in chosen or []:
            if entry.kind == KNOWLEDGE:
                restored += self.workspace.restore_knowledge(entry.text)
                continue
            if not (self.workspace.project.root / entry.file).exists():
                try:   # the file went away since: bring it back (empty) to hold the recovered text
                    self.workspace.create_file(entry.file)
                except WorkspaceError as exc:
                    self.prompts.error(self, self.tr("Cannot Restore File"), str(exc))
                    continue
            if self.tabs.restore_text(entry.file, entry.text):
                restored += 1
        if restored:
            self.autosaver.autosave()
            self.statusBar().showMessage(self.tr("Restored {n} file(s) with unsaved changes").format(n=restored),
                                         5000)
        return restored

