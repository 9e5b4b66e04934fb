"""The knowledge panel's actions and the two toolbars that show them.

Save, Undo and Redo have a toolbar of their own that never shrinks: in a narrow dock the edit
toolbar's overflow menu would otherwise hide them. The actions are the panel's children, and
those with a shortcut are the panel's actions too, so the shortcut works wherever the focus is in
the panel (and only there).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolBar

from studio.ui.knowledge.model import Path

if TYPE_CHECKING:
    from studio.ui.knowledge.panel import KnowledgePanel


class KnowledgeToolbars:
    """Builds `panel`'s actions into `row`, a layout of the Save/Undo/Redo toolbar and the edit one."""

    def __init__(self, panel: KnowledgePanel) -> None:
        self.save_toolbar = QToolBar()
        self.save_toolbar.setObjectName("knowledge-save-toolbar")
        self.save_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.save_toolbar.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # No Ctrl+S here: the main window owns it (two active Ctrl+S would cancel each other out).
        self.save_action = self._action(
            panel, QCoreApplication.translate("KnowledgeEditor", "Save"),
            QCoreApplication.translate("KnowledgeEditor", "Save the knowledge files"), panel.save,
            toolbar=self.save_toolbar)
        self.save_action.setEnabled(False)
        self.undo_action = panel.undo_stack.createUndoAction(
            panel, QCoreApplication.translate("KnowledgeEditor", "Undo"))
        self.redo_action = panel.undo_stack.createRedoAction(
            panel, QCoreApplication.translate("KnowledgeEditor", "Redo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            panel.addAction(action)
            self.save_toolbar.addAction(action)
        self.add_category_action = self._action(
            panel, QCoreApplication.translate("KnowledgeEditor", "+ Category"),
            QCoreApplication.translate("KnowledgeEditor", "Add a category"), lambda: panel.add_category())
        self.add_brand_action = self._action(
            panel, QCoreApplication.translate("KnowledgeEditor", "+ Brand"),
            QCoreApplication.translate("KnowledgeEditor", "Add a brand to the selected category"),
            lambda: panel.add_brand())
        self.add_series_action = self._action(
            panel, QCoreApplication.translate("KnowledgeEditor", "+ Series"),
            QCoreApplication.translate("KnowledgeEditor", "Add a series to the selected brand"),
            lambda: panel.add_series())
        self.delete_action = self._action(
            panel, QCoreApplication.translate("KnowledgeEditor", "Delete"),
            QCoreApplication.translate("KnowledgeEditor", "Delete the selected node"), panel.delete_selected,
            QKeySequence.StandardKey.Delete)
        self.toolbar.addSeparator()
        self.import_action = self._action(
            panel, QCoreApplication.translate("KnowledgeEditor", "Import…"),
            QCoreApplication.translate("KnowledgeEditor", "Replace the knowledge by a CSV, Excel, JSON or YAML "
                                                          "file's, after a preview of the changes"),
            panel.import_export.choose_import)
        self.export_action = self._action(
            panel, QCoreApplication.translate("KnowledgeEditor", "Export…"),
            QCoreApplication.translate("KnowledgeEditor", "Write the knowledge to a CSV, Excel, JSON or YAML file"),
            panel.import_export.choose_export)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(0)
        self.row.addWidget(self.save_toolbar)
        self.row.addWidget(self.toolbar, 1)

    def _action(self, panel: KnowledgePanel, text: str, tip: str, slot, shortcut=None,
                toolbar: QToolBar | None = None) -> QAction:
        action = QAction(text, panel)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            panel.addAction(action)
        (toolbar or self.toolbar).addAction(action)
        return action

    def update_for(self, path: Path | None) -> None:
        """Enable the actions that need a selected node, for the node at `path` (None: nothing selected)."""
        self.add_brand_action.setEnabled(path is not None)
        self.add_series_action.setEnabled(path is not None and len(path) >= 2)
        self.delete_action.setEnabled(path is not None)
