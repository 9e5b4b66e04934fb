"""The project panel: the rule files, the knowledge file(s) and the conversation tests.

Double-click (or Enter) emits ``rule_file_activated(rel)``,
``knowledge_file_activated(rel)`` or ``conversation_activated(rel)``. Rule files
can be created, renamed and deleted (context menu, toolbar, F2 / Delete); the
disk work goes through the `Workspace`, which tells everyone (an open tab
follows a rename, a deleted file's tab closes).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QMenu, QStyle, QToolBar, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from studio.ui.prompts import Prompts
from studio.ui.workspace import Workspace, WorkspaceError

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
REL_ROLE = Qt.ItemDataRole.UserRole + 2
RULES, KNOWLEDGE, CONVERSATIONS = "rules", "knowledge", "conversations"


class ProjectPanel(QWidget):
    rule_file_activated = Signal(str)
    knowledge_file_activated = Signal(str)
    conversation_activated = Signal(str)

    def __init__(self, workspace: Workspace, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.prompts = prompts
        self._modified: set[str] = set()

        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activate)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.currentItemChanged.connect(self._update_actions)

        style = self.style()
        self.new_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon),
                                  self.tr("New Rule File…"), self)
        self.new_action.triggered.connect(self.new_rule_file)
        self.rename_action = QAction(self.tr("Rename…"), self)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.rename_action.triggered.connect(self.rename_selected)
        self.delete_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon),
                                     self.tr("Delete"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        for action in (self.rename_action, self.delete_action):
            self.tree.addAction(action)

        toolbar = QToolBar(self)
        toolbar.setIconSize(toolbar.iconSize() * 0.75)
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.rename_action)
        toolbar.addAction(self.delete_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(toolbar)
        layout.addWidget(self.tree)

        workspace.files_changed.connect(self.refresh)
        self.refresh()

    # --- contents ---------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Rebuild the tree from the project folder, keeping the selection."""
        current = self.selected_rel()
        project = self.workspace.project
        self.tree.clear()
        style = self.style()
        groups = (
            (RULES, self.tr("Rules"), project.rule_files),
            (KNOWLEDGE, self.tr("Knowledge"), project.knowledge_files),
            (CONVERSATIONS, self.tr("Conversation Tests"), project.conversation_files),
        )
        for kind, title, paths in groups:
            group = QTreeWidgetItem([title])
            group.setData(0, KIND_ROLE, "group:" + kind)
            group.setIcon(0, style.standardIcon(QStyle.StandardPixmap.SP_DirIcon))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for path in paths:
                rel = project.relative(path)
                item = QTreeWidgetItem([self._label(rel, path.name)])
                item.setData(0, KIND_ROLE, kind)
                item.setData(0, REL_ROLE, rel)
                item.setToolTip(0, rel)
                item.setIcon(0, style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
                group.addChild(item)
                if rel == current:
                    self.tree.setCurrentItem(item)
            group.setExpanded(True)
        self._update_actions()

    def _label(self, rel: str, name: str) -> str:
        return name + (" •" if rel in self._modified else "")

    def set_modified(self, rels: set[str]) -> None:
        """Mark the files with unsaved edits."""
        if rels == self._modified:
            return
        self._modified = set(rels)
        for item in self._file_items():
            rel = item.data(0, REL_ROLE)
            item.setText(0, self._label(rel, rel.rsplit("/", 1)[-1]))

    def file_labels(self, kind: str = RULES) -> list[str]:
        return [i.text(0) for i in self._file_items() if i.data(0, KIND_ROLE) == kind]

    def _file_items(self):
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount()):
                yield group.child(c)

    def select(self, rel: str) -> None:
        for item in self._file_items():
            if item.data(0, REL_ROLE) == rel:
                self.tree.setCurrentItem(item)

    def selected_rel(self, kind: str | None = None) -> str | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, REL_ROLE) is None:
            return None
        if kind is not None and item.data(0, KIND_ROLE) != kind:
            return None
        return item.data(0, REL_ROLE)

    # --- actions ----------------------------------------------------------------------

    @Slot()
    def new_rule_file(self) -> str | None:
        name = self.prompts.ask_text(self, self.tr("New Rule File"),
                                     self.tr("File name (in rules/, “.dsl” is added):"), "")
        if not name:
            return None
        try:
            rel = self.workspace.create_rule_file(name)
        except WorkspaceError as exc:
            self.prompts.error(self, self.tr("Cannot Create File"), str(exc))
            return None
        self.select(rel)
        self.rule_file_activated.emit(rel)
        return rel

    @Slot()
    def rename_selected(self) -> str | None:
        rel = self.selected_rel(RULES)
        if rel is None:
            return None
        old_name = rel.rsplit("/", 1)[-1]
        name = self.prompts.ask_text(self, self.tr("Rename Rule File"), self.tr("New name:"), old_name)
        if not name or name == old_name:
            return None
        try:
            new_rel = self.workspace.rename_rule_file(rel, name)
        except WorkspaceError as exc:
            self.prompts.error(self, self.tr("Cannot Rename File"), str(exc))
            return None
        self.select(new_rel)
        return new_rel

    @Slot()
    def delete_selected(self) -> bool:
        rel = self.selected_rel(RULES)
        if rel is None:
            return False
        if not self.prompts.confirm(self, self.tr("Delete Rule File"),
                                    self.tr("Delete {file}? This cannot be undone.").format(file=rel)):
            return False
        try:
            self.workspace.delete_rule_file(rel)
        except WorkspaceError as exc:
            self.prompts.error(self, self.tr("Cannot Delete File"), str(exc))
            return False
        return True

    @Slot(QTreeWidgetItem)
    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, rel = item.data(0, KIND_ROLE), item.data(0, REL_ROLE)
        if rel is None:
            return
        {RULES: self.rule_file_activated, KNOWLEDGE: self.knowledge_file_activated,
         CONVERSATIONS: self.conversation_activated}[kind].emit(rel)

    def _update_actions(self, *_args) -> None:
        is_rule = self.selected_rel(RULES) is not None
        self.rename_action.setEnabled(is_rule)
        self.delete_action.setEnabled(is_rule)

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is not None:
            self.tree.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.new_action)
        if self.selected_rel(RULES):
            menu.addAction(self.rename_action)
            menu.addAction(self.delete_action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
