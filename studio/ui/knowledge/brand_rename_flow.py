"""Renaming a brand in the knowledge editor offers to rename it in the rules too.

`BrandRenameInRules.offer` is the editor's `brand_rename_hook`: when the rule buffers use the old
name (or conversation tests mention it), it opens the preview (rename_refs.py,
`panel.rename_preview_opened`); the rename and the chosen buffer changes are then one undo step.
"""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt

from studio.files import read_project_text
from studio.refactor import find_brand_occurrences, find_test_mentions, rename_in_texts
from studio.ui.knowledge.model import Path
from studio.ui.knowledge.rename_refs import Choice, RenamePreviewDialog, texts_unchanged

if TYPE_CHECKING:
    from studio.ui.knowledge.panel import KnowledgePanel


class BrandRenameInRules(QObject):
    """The brand-rename flow of `panel`: the preview, then the rename the user chose."""

    def __init__(self, panel: KnowledgePanel) -> None:
        super().__init__(panel)
        self._panel = weakref.ref(panel)   # the panel holds this object: no cycle for the (disabled) collector
        self.preview: RenamePreviewDialog | None = None

    @property
    def panel(self) -> KnowledgePanel:
        return self._panel()

    def _conversation_texts(self) -> dict[str, str]:
        """Every conversation test, its open buffer over the disk text."""
        workspace = self.panel.workspace
        project = workspace.project
        texts = {}
        for file in project.conversation_files:
            rel = project.relative(file)
            text = workspace.buffer(rel)
            if text is None:
                try:
                    text = read_project_text(file, errors="replace")
                except OSError:   # unreadable: the test runner says why
                    continue
            texts[rel] = text
        return texts

    def offer(self, path: Path, old: str, new: str) -> bool:
        """Open the preview when the rules or the tests use `old`; False (rename the knowledge alone) otherwise."""
        panel = self.panel
        texts = panel.workspace.rule_texts()
        occurrences = find_brand_occurrences(texts, old, new)
        mentions = find_test_mentions(self._conversation_texts(), old)
        if not occurrences and not mentions:
            return False
        others = [name for name, category in panel.model.knowledge.categories.items()
                  if old in category.brands and name != panel.model.item(path[:1]).name]
        self.preview = RenamePreviewDialog(old, new, occurrences, others, panel, mentions)
        self.preview.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview.finished.connect(lambda _result, d=self.preview: self._rename_chosen(d, path, old, new, texts))
        self.preview.open()
        panel.rename_preview_opened.emit(self.preview)
        return True

    def _rename_chosen(self, dialog: RenamePreviewDialog, path: Path, old: str, new: str,
                       texts: dict[str, str]) -> None:
        panel = self.panel
        self.preview = None
        dialog.deleteLater()
        try:
            still_there = panel.model.item(path).name == old
        except IndexError:
            still_there = False
        if dialog.choice is Choice.CANCEL or not still_there:
            panel.form.set_index(panel.proxy.mapToSource(panel.view.currentIndex()))
            return
        if dialog.choice is Choice.KNOWLEDGE_ONLY:
            if dialog.keep_alias():
                panel.editor.rename_brand_in_rules(path, new, panel.workspace, texts, {}, keep_alias=True)
            else:
                panel.editor.rename(path, new, ask_about_rules=False)
            return
        chosen = dialog.chosen()
        now = panel.workspace.rule_texts()
        if not texts_unchanged(texts, now, {o.file for o in chosen}):
            panel.form.show_error(QCoreApplication.translate(
                "KnowledgeEditor", "The rules changed while the preview was open; rename again."))
            return
        panel.editor.rename_brand_in_rules(path, new, panel.workspace, texts, rename_in_texts(texts, chosen),
                                          keep_alias=dialog.keep_alias())
