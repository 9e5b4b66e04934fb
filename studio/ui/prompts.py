"""Every question the studio asks the user, in one replaceable object.

Panels never open a modal dialog themselves: they call the `Prompts` they were
given. The default implementation uses the standard Qt dialogs; a test hands
the window a `Prompts` subclass with scripted answers (no Qt method is mocked).
"""
from __future__ import annotations

import sys
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


class UnsavedChoice(str, Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Prompts:
    """Standard-dialog implementation; override any method to script the answers."""

    interactive = True   # someone can answer; False: questions that can wait are left for a later session

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        """A line of text, or None when cancelled."""
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def unsaved_changes(self, parent: QWidget | None, files: list[str]) -> UnsavedChoice:
        """Save / Discard / Cancel for the unsaved `files`."""
        box = unsaved_changes_box(parent, files)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return UnsavedChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return UnsavedChoice.DISCARD
        return UnsavedChoice.CANCEL

    def reload_changed_file(self, parent: QWidget | None, file: str) -> bool:
        """The file changed on disk while it has unsaved edits: True = reload, False = keep mine."""
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Prompts", "File Changed on Disk"),
                          QCoreApplication.translate("Prompts", "{file} was changed by another program, and you have unsaved changes in it.")
                          .format(file=file), QMessageBox.StandardButton.NoButton, parent)
        box.setInformativeText(QCoreApplication.translate("Prompts", "Reload it from disk and lose your changes, or keep your version?"))
        reload = box.addButton(QCoreApplication.translate("Prompts", "Reload"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(QCoreApplication.translate("Prompts", "Keep Mine"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is reload

    def recover(self, parent: QWidget | None, entries: list) -> list | None:
        """Which recovered buffers to restore (None: discard them all)."""
        from studio.ui.recovery import RecoveryDialog
        dialog = RecoveryDialog(entries, parent)
        return dialog.selected_entries() if dialog.exec() else None

    def confirm_generated_tests(self, parent: QWidget | None, items: list) -> list[str] | None:
        """Which of the (rule, conversation) tests to write (None or []: none)."""
        from studio.ui.generate_tests import GeneratedTestsDialog
        dialog = GeneratedTestsDialog(items, parent)
        return dialog.chosen_rules() if dialog.exec() else None

    def open_log_files(self, parent: QWidget | None, folder: str = "") -> list[str]:
        """Customer logs to replay (JSON Lines, CSV, Excel); [] when cancelled."""
        files, _filter = QFileDialog.getOpenFileNames(
            parent, QCoreApplication.translate("Prompts", "Open Customer Logs"), folder,
            QCoreApplication.translate("Prompts", "Chat logs (*.jsonl *.ndjson *.json *.csv *.xlsx);;All files (*)"))
        return list(files)

    def save_file_name(self, parent: QWidget | None, title: str, suggested: str, filter: str) -> str | None:
        """Where to write a file (the standard Save dialog asks before replacing one), or None."""
        name, _filter = QFileDialog.getSaveFileName(parent, title, suggested, filter)
        return name or None

    def open_file_name(self, parent: QWidget | None, title: str, folder: str, filter: str) -> str | None:
        """A file to read, the dialog opening in `folder`; None when cancelled."""
        name, _filter = QFileDialog.getOpenFileName(parent, title, folder, filter)
        return name or None

    def choose_project(self, parent: QWidget | None, reason: str, recent: list[str]) -> str | None:
        """The project given cannot be opened (`reason`): another folder or one of the `recent`
        projects to open instead, or None to quit."""
        from studio.ui.project_chooser import ProjectChooser
        dialog = ProjectChooser(reason, recent, parent)
        return dialog.chosen() if dialog.exec() else None

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)


def unsaved_changes_box(parent: QWidget | None, files: list[str]) -> QMessageBox:
    """The standard Save / Discard / Cancel box (object name `unsaved-changes`)."""
    if len(files) == 1:
        text = QCoreApplication.translate("Prompts", "Do you want to save the changes to {file}?").format(file=files[0])
    else:
        text = QCoreApplication.translate("Prompts", "Do you want to save the changes to {n} files?").format(n=len(files))
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Prompts", "Unsaved Changes"), text,
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("unsaved-changes")
    box.setInformativeText(QCoreApplication.translate("Prompts", "Your changes will be lost if you don’t save them.")
                           + ("\n\n" + "\n".join(files) if len(files) > 1 else ""))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return box


class HeadlessPrompts(Prompts):
    """No screen (the offscreen or minimal platform): nobody could ever close a dialog.

    Every question gets the answer that loses nothing, and what was asked goes
    to stderr: text and confirmations are cancelled, unsaved changes are kept
    (the window stays open; the recovery area still holds them), a file changed
    on disk keeps the editor's version, a project that cannot be opened is not
    replaced by another (the studio exits 2), errors are printed.
    """

    interactive = False

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        self._told(title, "cancelled: no display to ask on")
        return None

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self._told(title, "answered No: no display to ask on")
        return False

    def unsaved_changes(self, parent: QWidget | None, files: list[str]) -> UnsavedChoice:
        self._told("unsaved changes", f"kept ({', '.join(files)}): no display to ask on")
        return UnsavedChoice.CANCEL

    def reload_changed_file(self, parent: QWidget | None, file: str) -> bool:
        self._told("file changed on disk", f"{file}: the editor's version is kept")
        return False

    def recover(self, parent: QWidget | None, entries: list) -> list | None:
        self._told("recovery", "left for a session with a display")
        return None

    def confirm_generated_tests(self, parent: QWidget | None, items: list) -> list[str] | None:
        self._told("generate tests", f"none of {len(items)} written: no display to ask on")
        return None

    def open_log_files(self, parent: QWidget | None, folder: str = "") -> list[str]:
        self._told("open customer logs", "none opened: no display to ask on")
        return []

    def save_file_name(self, parent: QWidget | None, title: str, suggested: str, filter: str) -> str | None:
        self._told(title, "nothing written: no display to ask on")
        return None

    def open_file_name(self, parent: QWidget | None, title: str, folder: str, filter: str) -> str | None:
        self._told(title, "nothing read: no display to ask on")
        return None

    def choose_project(self, parent: QWidget | None, reason: str, recent: list[str]) -> str | None:
        self._told("open project", "quitting: no display to choose another one on")
        return None

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self._told(title, text)

    @staticmethod
    def _told(what: str, outcome: str) -> None:
        print(f"rule-studio: {what}: {outcome}", file=sys.stderr, flush=True)
