"""Renaming a brand in the rules too: the preview dialog and the offer the panel makes.

The occurrence finder is plain Python (`studio.refactor`); this module only
shows what it found, one checkable row per place (file:line:column, what kind
of place, the line before and after), the conversation tests that say the old
name, and "keep the old name as an alias" (checked: a customer or a test that
still says the old name is understood). The panel turns the choice into one
undo step: the rename of the brand, the alias and the new rule buffer texts.
"""
from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from studio.refactor import ALTERNATIVE, KEYWORD, LIST_ITEM, TYPED, Occurrence, TestMention
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
                 other_categories: list[str] | None = None, parent: QWidget | None = None,
                 test_mentions: list[TestMention] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rename-brand-preview")
        self.setWindowTitle(
            QCoreApplication.translate("KnowledgeEditor", "Rename brand {old} → {new}").format(old=old, new=new))
        self.occurrences = list(occurrences)
        self.choice = Choice.CANCEL

        self.test_mentions = list(test_mentions or [])
        files = len({o.file for o in occurrences})
        layout = QVBoxLayout(self)
        if occurrences:
            intro = QLabel(QCoreApplication.translate(
                "KnowledgeEditor", "The rules name “{old}” in {count} place(s) in {files} file(s). "
                                   "Rename the checked places to “{new}” too?").format(
                old=old, new=new, count=len(occurrences), files=files))
            intro.setWordWrap(True)
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
        self.list.setVisible(bool(occurrences))

        self.keep_alias_check = QCheckBox(self.tr("Keep “{old}” as an alias of “{new}”").format(old=old, new=new))
        self.keep_alias_check.setToolTip(self.tr(
            "Customers and tests that still say the old name are understood as this brand."))
        self.keep_alias_check.setChecked(True)
        layout.addWidget(self.keep_alias_check)
        self.tests_label = QLabel(self.tr("{count} line(s) of the tests say “{old}”; they may behave "
                                          "otherwise after the rename:").format(count=len(self.test_mentions), old=old))
        self.tests_label.setWordWrap(True)
        self.tests_list = QTreeWidget()
        self.tests_list.setObjectName("rename-brand-tests")
        self.tests_list.setRootIsDecorated(False)
        self.tests_list.setUniformRowHeights(True)
        self.tests_list.setHeaderLabels([self.tr("Test"), self.tr("Line")])
        for mention in self.test_mentions:
            row = QTreeWidgetItem([f"{mention.file}:{mention.line}", mention.line_text.strip()])
            row.setToolTip(1, mention.line_text)
            self.tests_list.addTopLevelItem(row)
        self.tests_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tests_list.header().setStretchLastSection(True)
        layout.addWidget(self.tests_label)
        layout.addWidget(self.tests_list, 1)
        self.tests_label.setVisible(bool(self.test_mentions))
        self.tests_list.setVisible(bool(self.test_mentions))

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
        if not occurrences:   # only the tests say the name: nothing to rename in the rules
            self.rules_too_button.hide()
            self.knowledge_only_button.setText(self.tr("Rename"))
            self.knowledge_only_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        open_wide_enough(self, max(view_content_width(self.list), view_content_width(self.tests_list)),
                         minimum_width=760, minimum_height=360)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    @Slot()
    def reject(self) -> None:
        self.choice = Choice.CANCEL
        super().reject()

    def keep_alias(self) -> bool:
        return self.keep_alias_check.isChecked()

    def set_checked(self, row: int, checked: bool) -> None:
        self.list.topLevelItem(row).setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[Occurrence]:
        """The occurrences whose row is checked."""
        return [o for row, o in enumerate(self.occurrences)
                if self.list.topLevelItem(row).checkState(0) == Qt.CheckState.Checked]


def texts_unchanged(before: Mapping[str, str], now: Mapping[str, str], files: set[str]) -> bool:
    return all(before.get(f) == now.get(f) for f in files)
