"""The preview of a knowledge import: what would change, or why the file cannot be imported.

The dialog only shows; the panel applies the import (one undo step) when the
dialog is accepted. With problems, Apply is disabled: a file with one bad row
changes nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

MAX_SHOWN = 2000   # lines of a preview: a huge import is summarised, not drawn line by line


class ImportPreviewDialog(QDialog):
    def __init__(self, source: str, changes: list[str], problems: list[str], more_problems: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knowledge-import-preview")
        self.setWindowTitle(QCoreApplication.translate("KnowledgeEditor", "Import knowledge"))
        self.changes, self.problems = changes, problems
        if problems:
            count = len(problems) + more_problems
            summary = QCoreApplication.translate(
                "KnowledgeEditor", "{source} cannot be imported: {count} problem(s). Nothing was changed.").format(
                source=source, count=count)
            lines = problems + ([f"… {more_problems} more"] if more_problems else [])
        elif changes:
            summary = QCoreApplication.translate(
                "KnowledgeEditor", "Importing {source} makes these {count} change(s) (one undo step):").format(
                source=source, count=len(changes))
            lines = changes
        else:
            summary = QCoreApplication.translate(
                "KnowledgeEditor", "{source} holds the same knowledge: nothing to change.").format(source=source)
            lines = []
        self.summary_label = QLabel(summary)
        self.summary_label.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(QFont("monospace"))
        shown = lines[:MAX_SHOWN] + ([f"… {len(lines) - MAX_SHOWN} more"] if len(lines) > MAX_SHOWN else [])
        self.details.setPlainText("\n".join(shown))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button: QPushButton = self.buttons.addButton(
            QCoreApplication.translate("KnowledgeEditor", "Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(bool(changes) and not problems)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
