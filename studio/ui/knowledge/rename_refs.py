"""Renaming a brand in the rules too: the preview dialog and the offer the panel makes.

The occurrence finder is plain Python (`studio.refactor`); this module only
shows what it found, one checkable row per place (file:line:column, what kind
of place, the line before and after), and turns the user's choice into one
undo step: the rename of the brand together with the new rule buffer texts.
"""
from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from studio.refactor import ALTERNATIVE, KEYWORD, LIST_ITEM, TYPED, Occurrence
from studio.ui.knowledge.model import tr
from studio.ui.sizing import open_wide_enough, view_content_width

KIND_LABELS = {
    TYPED: QT_TRANSLATE_NOOP("KnowledgeEditor", "typed place"),
    ALTERNATIVE: QT_TRANSLATE_NOOP("KnowledgeEditor", "USER_MENTION alternative"),
    KEYWORD: QT_TRANSLATE_NOOP("KnowledgeEditor", "intent keyword"),
    LIST_ITEM: QT_TRANSLATE_NOOP("KnowledgeEditor", "reply list item"),
}


class Choice(Enum):
    CANCEL = 0
    KNOWLEDGE_ONLY = 1
    RULES_TOO = 2


def preview_line(occurrence: Occurrence) -> str:
    """The occurrence's line with the new name in place (columns are 1-based code points)."""
    line = occurrence.line_text
    start = occurrence.span.column - 1
    end = occurrence.span.end_column - 1
    return line[:start] + (occurrence.replacement or occurrence.new) + line[end:]


class RenamePreviewDialog(QDialog):
    """Lists where the rules name the brand; the checked places are renamed with it."""

    def __init__(self, old: str, new: str, occurrences: list[Occurrence],
                 other_categories: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rename-brand-preview")
        self.setWindowTitle(
            QCoreApplication.translate("KnowledgeEditor", "Rename brand {old} → {new}").format(old=old, new=new))
        self.occurrences = list(occurrences)
        self.choice = Choice.CANCEL

        files = len({o.file for o in occurrences})
        intro = QLabel(QCoreApplication.translate(
            "KnowledgeEditor", "The rules name “{old}” in {count} place(s) in {files} file(s). "
                               "Rename the checked places to “{new}” too?").format(
            old=old, new=new, count=len(occurrences), files=files))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if other_categories:
            warning = QLabel(QCoreApplication.translate(
                "KnowledgeEditor", "“{old}” is also a brand of {categories}, which keeps its name: "
                                   "check that each place means this one.").format(
                old=old, categories="、".join(other_categories)))
            warning.setWordWrap(True)
            warning.setObjectName("rename-brand-warning")
            layout.addWidget(warning)

        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels([QCoreApplication.translate("KnowledgeEditor", "Place"),
                                   QCoreApplication.translate("KnowledgeEditor", "Kind"),
                                   QCoreApplication.translate("KnowledgeEditor", "Before"),
                                   QCoreApplication.translate("KnowledgeEditor", "After")])
        for occurrence in occurrences:
            kind = tr(KIND_LABELS.get(occurrence.kind, occurrence.kind))
            if occurrence.rule:
                kind += f" · {occurrence.rule}"
            row = QTreeWidgetItem([f"{occurrence.file}:{occurrence.line}:{occurrence.column}", kind,
                                   occurrence.line_text.strip(), preview_line(occurrence).strip()])
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(0, Qt.CheckState.Checked)
            row.setToolTip(2, occurrence.line_text)
            row.setToolTip(3, preview_line(occurrence))
            self.list.addTopLevelItem(row)
        header = self.list.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3):   # the lines before and after share the room left: After is never cut off
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.list, 1)

        buttons = QDialogButtonBox()
        self.rules_too_button = QPushButton(
            QCoreApplication.translate("KnowledgeEditor", "Rename in the rules too"))
        self.rules_too_button.setDefault(True)
        self.knowledge_only_button = QPushButton(
            QCoreApplication.translate("KnowledgeEditor", "Only in the knowledge"))
        buttons.addButton(self.rules_too_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.knowledge_only_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.rules_too_button.clicked.connect(lambda: self._choose(Choice.RULES_TOO))
        self.knowledge_only_button.clicked.connect(lambda: self._choose(Choice.KNOWLEDGE_ONLY))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        open_wide_enough(self, view_content_width(self.list), minimum_width=760, minimum_height=360)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    @Slot()
    def reject(self) -> None:
        self.choice = Choice.CANCEL
        super().reject()

    def set_checked(self, row: int, checked: bool) -> None:
        self.list.topLevelItem(row).setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[Occurrence]:
        """The occurrences whose row is checked."""
        return [o for row, o in enumerate(self.occurrences)
                if self.list.topLevelItem(row).checkState(0) == Qt.CheckState.Checked]


def texts_unchanged(before: Mapping[str, str], now: Mapping[str, str], files: set[str]) -> bool:
    return all(before.get(f) == now.get(f) for f in files)
