"""Import… and Export… of the knowledge editor panel, apart from the tree it edits.

Export… writes the knowledge as it is in the editor (saved or not) to a CSV, Excel, JSON or YAML
file; Import… reads one in the background (import_reader.py), previews the changes
(import_dialog.py) and applies them as one undo step, saved with Save.
"""
from __future__ import annotations

from pathlib import Path
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot

from studio.knowledge import Knowledge
from studio.knowledge.spreadsheet import ExportError, export_knowledge
from studio.ui.knowledge.import_dialog import ImportPreviewDialog
from studio.ui.knowledge.import_reader import ImportReader

if TYPE_CHECKING:
    from studio.ui.knowledge.panel import KnowledgePanel


def file_filter() -> str:
    """The import and export dialogs' file filter: every format the knowledge can be read from or written to."""
    return QCoreApplication.translate("KnowledgeEditor", "Knowledge (*.csv *.xlsx *.json *.yaml *.yml)")


class KnowledgeImportExport(QObject):
    """The Import…/Export… flow of `panel`: asks through its prompts, reports in its status line and
    form, and shows the import preview (`panel.import_preview_opened`)."""

    def __init__(self, panel: KnowledgePanel) -> None:
        super().__init__(panel)
        self._panel = weakref.ref(panel)   # the panel holds this object: no cycle for the (disabled) collector
        self.preview: ImportPreviewDialog | None = None
        self.reader = ImportReader(panel)
        self.reader.read.connect(self._show_import)
        self.reader.failed.connect(self._import_failed)

    @property
    def panel(self) -> KnowledgePanel:
        return self._panel()

    def _knowledge_folder(self) -> str:
        """Where Import…/Export… open: the project's knowledge folder (else the project), not the working folder."""
        root = self.panel.workspace.project.root
        folder = root / "knowledge"
        return str(folder if folder.is_dir() else root)

    @Slot()
    def choose_export(self) -> None:
        path = self.panel.prompts.save_file_name(
            self.panel, QCoreApplication.translate("KnowledgeEditor", "Export knowledge"),
            str(Path(self._knowledge_folder()) / "knowledge.xlsx"), file_filter())
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> str | None:
        """Write the knowledge to `path`; None when done, else the reason (also shown)."""
        try:
            export_knowledge(self.panel.model.knowledge, Path(path))
        except ExportError as error:
            self.panel.form.show_error(str(error))
            return str(error)
        self.panel.status_label.setText(QCoreApplication.translate("KnowledgeEditor", "Exported to {path}.").format(
            path=path))
        return None

    @Slot()
    def choose_import(self) -> None:
        path = self.panel.prompts.open_file_name(
            self.panel, QCoreApplication.translate("KnowledgeEditor", "Import knowledge"), self._knowledge_folder(),
            file_filter())
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        """Read `path` in the background, then open the preview (`import_preview_opened`); accepting it
        applies the import as one undo step."""
        if self.reader.start(path, self.panel.model.knowledge):
            self.panel.import_action.setEnabled(False)
            self.panel.status_label.setText(QCoreApplication.translate("KnowledgeEditor", "Reading {file}…").format(
                file=Path(path).name))

    def _show_import(self, path: str, result, changes: list) -> None:
        self.panel.import_action.setEnabled(True)
        self.panel.status_label.clear()
        dialog = ImportPreviewDialog(Path(path).name, changes, result.problems, result.more_problems, self.panel)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda code, d=dialog, r=result: self._import_chosen(d, code, r.knowledge))
        self.preview = dialog
        dialog.open()
        self.panel.import_preview_opened.emit(dialog)

    def _import_failed(self, path: str, reason: str) -> None:
        self.panel.import_action.setEnabled(True)
        self.panel.status_label.clear()
        self.panel.form.show_error(QCoreApplication.translate(
            "KnowledgeEditor", "Could not import {file}: {reason}").format(file=Path(path).name, reason=reason))

    def shutdown(self) -> None:
        """Stop the import reader's thread (a read in progress ends first)."""
        self.reader.shutdown()

    def _import_chosen(self, dialog: ImportPreviewDialog, code: int, imported: Knowledge | None) -> None:
        self.preview = None
        dialog.deleteLater()
        if code != ImportPreviewDialog.DialogCode.Accepted or imported is None or not dialog.changes:
            return
        panel = self.panel
        panel.editor.replace_knowledge(imported)
        panel.view.expandToDepth(0)
        panel.select_path(None)
        panel.status_label.setText(QCoreApplication.translate(
            "KnowledgeEditor", "Imported {count} change(s); Undo takes them back.").format(count=len(dialog.changes)))
