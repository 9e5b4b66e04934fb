"""The knowledge editor panel: toolbars, filter box, tree and property form (docs/studio.md).

`KnowledgePanel(workspace)` edits `workspace.knowledge` in place. After every
edit, undo and redo it calls `workspace.knowledge_edited(unsaved)` (so the checker
and the chat tester see unsaved edits) and emits `knowledge_edited`. Saving
goes through `workspace.save_knowledge()` (atomic, keeps each file's format
and key order, then the checker runs). When the workspace reloads the
knowledge (a new object), the panel shows the new one and forgets its undo
history.

The panel composes: its actions and toolbars are built in toolbars.py, renaming a
brand offers to rename it in the rule buffers too (brand_rename_flow.py), and
Import…/Export… live in import_export.py.
"""
from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTreeView, QVBoxLayout, QWidget)

from studio.knowledge import Knowledge
from studio.project import Project
from studio.ui.knowledge.brand_rename_flow import BrandRenameInRules
from studio.ui.knowledge.commands import KnowledgeEditor
from studio.ui.knowledge.import_export import KnowledgeImportExport, file_filter
from studio.ui.knowledge.model import NAME_COLUMN, KnowledgeFilterModel, KnowledgeTreeModel, Path
from studio.ui.knowledge.properties import PropertyForm
from studio.ui.knowledge.toolbars import KnowledgeToolbars
from studio.ui.prompts import Prompts

SIDE_BY_SIDE_WIDTH = 720   # narrower, the property form goes under the tree
NAME_COLUMN_WIDTH = 150


class KnowledgeWorkspace(Protocol):
    """The part of `studio.ui.workspace.Workspace` the panel uses."""

    knowledge: Knowledge
    knowledge_dirty: bool
    knowledge_changed: Signal
    knowledge_saved: Signal
    knowledge_diagnostics: list
    knowledge_documents: list
    file_saved: Signal
    save_failed: Signal

    project: Project

    def knowledge_edited(self, unsaved: bool = True) -> None: ...
    def buffer(self, rel: str) -> str | None: ...
    def save_knowledge(self) -> bool: ...
    def rule_texts(self) -> dict[str, str]: ...
    def set_buffer(self, rel: str, text: str) -> None: ...


class KnowledgePanel(QWidget):
    knowledge_edited = Signal()
    """The knowledge was edited (an edit, undo or redo); the workspace has been told."""
    modified_changed = Signal(bool)
    """Whether unsaved knowledge edits exist changed."""
    rename_preview_opened = Signal(object)
    """A brand rename is waiting for the user's choice in this `RenamePreviewDialog`."""
    import_preview_opened = Signal(object)
    """An import is waiting for the user's choice in this `ImportPreviewDialog`."""
    open_as_text_requested = Signal(str, int, int)
    """Open this knowledge file (relative path) as text at line, column: it cannot be parsed."""

    def __init__(self, workspace: KnowledgeWorkspace, parent: QWidget | None = None,
                 prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knowledge-panel")
        self.workspace = workspace
        self.prompts = prompts or Prompts()
        self.undo_stack = QUndoStack(self)
        self.model = KnowledgeTreeModel(workspace.knowledge, self)
        self.editor = KnowledgeEditor(self.model, self.undo_stack, self)
        self.brand_rename = BrandRenameInRules(self)
        self.editor.brand_rename_hook = self.brand_rename.offer
        self.proxy = KnowledgeFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._resetting = False
        self.import_export = KnowledgeImportExport(self)
        self.import_reader = self.import_export.reader

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            QCoreApplication.translate("KnowledgeEditor", "Filter: name, alias, scenario…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter_changed)

        self.view = QTreeView()
        self.view.setObjectName("knowledge-tree")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        header = self.view.header()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NAME_COLUMN, NAME_COLUMN_WIDTH)
        header.setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        self.form = PropertyForm(self.editor)

        # The actions stay attributes of the panel: the window, the preferences and the tests use them.
        self.toolbars = KnowledgeToolbars(self)
        self.save_toolbar, self.toolbar = self.toolbars.save_toolbar, self.toolbars.toolbar
        self.save_action = self.toolbars.save_action
        self.undo_action, self.redo_action = self.toolbars.undo_action, self.toolbars.redo_action
        self.add_category_action = self.toolbars.add_category_action
        self.add_brand_action = self.toolbars.add_brand_action
        self.add_series_action = self.toolbars.add_series_action
        self.delete_action = self.toolbars.delete_action
        self.import_action, self.export_action = self.toolbars.import_action, self.toolbars.export_action

        self.status_label = QLabel()
        self.status_label.setObjectName("knowledge-status")
        self.status_label.setWordWrap(True)

        # A file that cannot be parsed adds nothing to the tree: say why, and lead to the text.
        self.load_problems = QFrame()
        self.load_problems.setObjectName("knowledge-load-problems")
        self.load_problems.setFrameShape(QFrame.Shape.StyledPanel)
        self.load_problems_label = QLabel()
        self.load_problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.load_problems_label.setWordWrap(True)
        self.load_problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_as_text_button = QPushButton(self.tr("Open as text"))
        self.open_as_text_button.setToolTip(self.tr("Open the file in an editor tab at the error, to fix it"))
        self.open_as_text_button.clicked.connect(self._open_as_text)
        problems_layout = QHBoxLayout(self.load_problems)
        problems_layout.addWidget(self.load_problems_label, 1)
        problems_layout.addWidget(self.open_as_text_button, 0, Qt.AlignmentFlag.AlignTop)
        self._first_load_problem: tuple[str, int, int] | None = None

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_edit)
        left_layout.addWidget(self.view, 1)
        # Side by side when there is room; in a narrow dock the form goes under the tree.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.toolbars.row)
        layout.addWidget(self.load_problems)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)

        self.undo_stack.indexChanged.connect(self._stack_changed)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.model.rowsInserted.connect(self._update_actions)
        self.model.rowsRemoved.connect(self._update_actions)
        workspace.knowledge_changed.connect(self._workspace_knowledge_changed)
        workspace.knowledge_saved.connect(self._saved)
        workspace.save_failed.connect(self._save_failed)
        workspace.file_saved.connect(self._file_saved)
        self._show_load_problems()
        self.view.expandToDepth(0)
        self._update_actions()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            length = self.splitter.width() if wide else self.splitter.height()
            self.splitter.setSizes([length * 3 // 5, length - length * 3 // 5])

    # --- selection --------------------------------------------------------------------------

    def current_path(self) -> Path | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.path_of(self.proxy.mapToSource(index))

    def select_path(self, path: Path | None) -> None:
        if not path:
            self.view.setCurrentIndex(QModelIndex())
            return
        source = self.model.index_at(path)
        index = self.proxy.mapFromSource(source)
        if not index.isValid() and self.filter_edit.text():
            self.filter_edit.clear()  # the node is filtered out: show everything
            index = self.proxy.mapFromSource(source)
        self.view.scrollTo(index)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def select_location(self, file: str, line: int, column: int) -> Path | None:
        """Select the category or brand whose entry in `file` (as loaded) holds line:column, e.g. the
        place of a problem; the path selected, or None when no node of the tree is there."""
        document = next((d for d in self.workspace.knowledge_documents if d.file == file), None)
        if document is None:
            return None
        categories = list(self.model.knowledge.categories.values())
        best: tuple[tuple[int, int], Path] | None = None
        for row, category in enumerate(categories):
            if category.name not in document.categories:
                continue
            places = [(("categories", category.name), (row,))]
            places += [(("categories", category.name, "brands", brand), (row, brand_row))
                       for brand_row, brand in enumerate(category.brands)]
            for node, path in places:
                span = document.span_of(node, key=True)
                start = (span.line, span.column)
                # the entry that starts last before the place holds it (entries nest in file order)
                if span.line and start <= (line, column) and (best is None or start > best[0]):
                    best = (start, path)
        if best is None:
            return None
        self.select_path(best[1])
        return best[1]

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.form.set_index(self.proxy.mapToSource(current))
        self._update_actions()

    @Slot()
    def _update_actions(self) -> None:
        self.toolbars.update_for(self.current_path())

    @Slot(str)
    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.view.expandAll()

    # --- edits ------------------------------------------------------------------------------

    def _add(self, parent_path: Path, edit: bool) -> Path | None:
        result = self.editor.add(parent_path)
        if isinstance(result, str):
            return None
        self.select_path(result)
        if parent_path:
            self.view.expand(self.proxy.mapFromSource(self.model.index_at(parent_path)))
        if edit and self.isVisible():
            # Open the new name for typing: otherwise the next keys go to the tree's type-ahead
            # or to whatever had the focus (a rule file).
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.view.edit(self.view.currentIndex())
        return result

    @Slot()
    def add_category(self, edit: bool = True) -> Path | None:
        return self._add((), edit)

    @Slot()
    def add_brand(self, edit: bool = True) -> Path | None:
        path = self.current_path()
        return self._add(path[:1], edit) if path else None

    @Slot()
    def add_series(self, edit: bool = True) -> Path | None:
        path = self.current_path()
        return self._add(path[:2], edit) if path and len(path) >= 2 else None

    @Slot()
    def delete_selected(self) -> None:
        path = self.current_path()
        if path is None or not self._deletion_confirmed(path):
            return
        self.editor.delete(path)
        siblings = self.model.rowCount(self.model.index_at(path[:-1])) if len(path) > 1 else self.model.rowCount()
        if siblings:
            self.select_path(path[:-1] + (min(path[-1], siblings - 1),))
        else:
            self.select_path(path[:-1])

    def _deletion_confirmed(self, path: Path) -> bool:
        """A category with brands goes in one click otherwise: ask (Undo would bring it back, if noticed)."""
        if len(path) != 1:
            return True
        category = self.model.item(path)
        if not category.brands:
            return True
        return self.prompts.confirm(
            self, self.tr("Delete category"),
            self.tr("Delete the category “{name}” and its {count} brand(s)?").format(
                name=category.name, count=len(category.brands)))

    @Slot()
    def save(self) -> bool:
        """Save through the workspace; the checker runs after a successful save."""
        if self.workspace.save_knowledge():
            self.undo_stack.setClean()
            self.status_label.setText(QCoreApplication.translate("KnowledgeEditor", "Saved."))
            return True
        return False

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # --- import / export (import_export.py; these stay here for the window and the tests) ----

    @staticmethod
    def file_filter() -> str:
        return file_filter()

    def export_to(self, path: str) -> str | None:
        return self.import_export.export_to(path)

    def import_from(self, path: str) -> None:
        self.import_export.import_from(path)

    def shutdown(self) -> None:
        """Stop the import reader's thread (a read in progress ends first)."""
        self.import_export.shutdown()

    # --- the workspace ------------------------------------------------------------------------

    @Slot(int)
    def _stack_changed(self, _index: int) -> None:
        if self._resetting:
            return
        self.workspace.knowledge_edited(unsaved=not self.undo_stack.isClean())
        self.status_label.clear()
        self._update_actions()
        self.knowledge_edited.emit()

    @Slot(bool)
    def _clean_changed(self, clean: bool) -> None:
        self.save_action.setEnabled(not clean)
        self.modified_changed.emit(not clean)

    def _show_load_problems(self) -> None:
        """The K100 problems of the knowledge files that could not be read or parsed."""
        problems = [d for d in self.workspace.knowledge_diagnostics if d.code == "K100"]
        self.load_problems.setVisible(bool(problems))
        if not problems:
            self._first_load_problem = None
            return
        first = problems[0]
        self._first_load_problem = (first.file, first.span.line, first.span.column)
        self.load_problems_label.setText(self.tr("This knowledge cannot be read, so the tree leaves it out:") + "\n"
                                         + "\n".join(d.format_text() for d in problems))

    @Slot()
    def _open_as_text(self) -> None:
        if self._first_load_problem is not None:
            self.open_as_text_requested.emit(*self._first_load_problem)

    @Slot(str)
    def _file_saved(self, rel: str) -> None:
        """A knowledge file was saved as text (in an editor tab): read the knowledge again."""
        if not rel.startswith("knowledge/"):
            return
        if not self.workspace.knowledge_dirty or self.prompts.reload_changed_file(self, rel):
            self.workspace.reload_knowledge()

    @Slot()
    def _workspace_knowledge_changed(self) -> None:
        self._show_load_problems()
        if self.workspace.knowledge is self.model.knowledge:
            return  # our own edit, already shown
        self._resetting = True
        try:
            self.undo_stack.clear()
            self.model.set_knowledge(self.workspace.knowledge)
        finally:
            self._resetting = False
        if self.workspace.knowledge_dirty:   # e.g. edits recovered after a crash: they still need saving
            self.undo_stack.resetClean()
        self.view.expandToDepth(0)
        self.select_path(None)
        self.form.set_index(QModelIndex())
        self._update_actions()

    @Slot()
    def _saved(self) -> None:
        self.undo_stack.setClean()

    @Slot(str, str)
    def _save_failed(self, file: str, reason: str) -> None:
        if file.startswith("knowledge") or file.endswith((".json", ".yaml", ".yml")):
            self.form.show_error(
                QCoreApplication.translate("KnowledgeEditor", "Not saved: {reason}").format(reason=reason))
