"""The Decision Table's cells: its columns, what each cell shows and sorts by, and how a cell is edited.

The panel (studio/ui/decision_table.py) fills a `QStandardItemModel` with
these cells, one row per rule (under a group row when grouped), and shows it
through `GroupedSortProxy`; `CellDelegate` offers the editors of the priority,
intent and stage cells and hands the chosen value back to the panel.
"""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QSpinBox, QStyledItemDelegate

from studio.decision_table import TableRow

if TYPE_CHECKING:
    from studio.ui.decision_table import DecisionTablePanel

RULE, PRIORITY, INTENT, STAGE, MENTIONS, OTHER, ACTIONS, FIRED, FILE, LINE = range(10)
COLUMNS = 10
ROW_ROLE = Qt.ItemDataRole.UserRole + 1     # the `TableRow` (on every cell of a rule's row)
SORT_ROLE = Qt.ItemDataRole.UserRole + 2    # what sorting compares (numbers as numbers)
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3   # a group row's key
UNKNOWN = "…"
PRIORITY_LIMIT = 1_000_000_000


def cell_values(row: TableRow, fired: dict[str, int] | None) -> dict[int, tuple[str, object]]:
    """Each column's (text shown, what sorting compares); `fired` None: the tests have not told yet."""
    count = None if fired is None else fired.get(row.name, 0)
    return {
        RULE: (row.name, row.name), PRIORITY: (str(row.priority), row.priority),
        INTENT: (row.intent or "", row.intent or ""), STAGE: (row.stage or "", row.stage or ""),
        MENTIONS: (row.mentions, row.mentions), OTHER: (row.other, row.other), ACTIONS: (row.actions, row.actions),
        FIRED: (UNKNOWN if count is None else str(count), -1 if count is None else count),
        FILE: (row.file, row.file), LINE: (str(row.line), row.line),
    }


def group_items(key: str, size: int) -> list[QStandardItem]:
    """A group row: its name and size in bold, then empty cells that sort with it (the rules go under it)."""
    header = QStandardItem(f"{key}  ({size})")
    header.setData(key, GROUP_ROLE)
    header.setEditable(False)
    font = header.font()
    font.setBold(True)
    header.setFont(font)
    rest = []
    for _column in range(1, COLUMNS):
        filler = QStandardItem("")
        filler.setData(key, GROUP_ROLE)
        filler.setEditable(False)
        rest.append(filler)
    return [header] + rest


def fired_items(model: QStandardItemModel):
    """The "fired" cell of every rule row, groups or not."""
    root = model.invisibleRootItem()
    for r in range(root.rowCount()):
        top = root.child(r, 0)
        if top.data(GROUP_ROLE) is None:
            yield root.child(r, FIRED)
        else:
            for c in range(top.rowCount()):
                yield top.child(c, FIRED)


def rows_in_view(proxy: QSortFilterProxyModel, rows: list[TableRow],
                 fired: dict[str, int] | None) -> list[TableRow]:
    """The `rows` the proxy shows (its filter applied), as one flat list in its sort order:
    grouped, the rules are ordered as they would be without the groups."""
    shown: set[tuple[str, int, int]] = set()

    def walk(parent: QModelIndex) -> None:
        for r in range(proxy.rowCount(parent)):
            index = proxy.index(r, 0, parent)
            if index.data(GROUP_ROLE) is not None:
                walk(index)
            else:
                row: TableRow = index.data(ROW_ROLE)
                shown.add((row.file, row.line, row.column))
    walk(QModelIndex())
    in_view = [row for row in rows if (row.file, row.line, row.column) in shown]
    column = proxy.sortColumn()
    if 0 <= column < COLUMNS:   # a stable sort, as the proxy's: equal keys keep the files' order
        in_view.sort(key=lambda row: cell_values(row, fired)[column][1],
                     reverse=proxy.sortOrder() == Qt.SortOrder.DescendingOrder)
    return in_view


class GroupedSortProxy(QSortFilterProxyModel):
    """Sorts the rules by the chosen column; group rows stay in the order of their names."""

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802 (Qt override)
        left_group, right_group = left.data(GROUP_ROLE), right.data(GROUP_ROLE)
        if left_group is not None and right_group is not None:
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return (left_group < right_group) if ascending else (left_group > right_group)
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if type(a) is not type(b):
            return str(a) < str(b)
        return a < b


class CellDelegate(QStyledItemDelegate):
    """A spin box for the priority, a list of the declared intents / known stages for intent and stage.

    The chosen value is not stored in the model: it goes to the panel, which
    rewrites the rule file; the table shows it after the re-check."""

    def __init__(self, panel: DecisionTablePanel) -> None:
        super().__init__(panel.view)
        self._panel = weakref.ref(panel)   # the view holds this delegate: no reference cycle back to the panel

    @property
    def panel(self) -> DecisionTablePanel:
        return self._panel()

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt override)
        column = index.column()
        if column == PRIORITY:
            editor = QSpinBox(parent)
            editor.setRange(-PRIORITY_LIMIT, PRIORITY_LIMIT)
            return editor
        if column in (INTENT, STAGE):
            editor = QComboBox(parent)
            editor.addItem(self.tr("(none)"), None)
            names = self.panel.intents if column == INTENT else self.panel.stages
            for name in names:
                editor.addItem(name, name)
            return editor
        return None

    def setEditorData(self, editor, index) -> None:  # noqa: N802 (Qt override)
        row: TableRow = index.data(ROW_ROLE)
        if isinstance(editor, QSpinBox):
            editor.setValue(row.priority)
        elif isinstance(editor, QComboBox):
            current = row.intent if index.column() == INTENT else row.stage
            found = editor.findData(current)
            if found < 0 and current is not None:   # an undeclared name stays choosable as it is
                editor.addItem(current, current)
                found = editor.count() - 1
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 (Qt override)
        value = editor.value() if isinstance(editor, QSpinBox) else editor.currentData()
        self.panel.edit_cell(index.data(ROW_ROLE), index.column(), value)


__all__ = ["CellDelegate", "GroupedSortProxy", "cell_values", "fired_items", "group_items", "rows_in_view",
           "ACTIONS", "COLUMNS", "FIRED", "FILE", "INTENT", "LINE", "MENTIONS", "OTHER", "PRIORITY", "RULE", "STAGE",
           "ROW_ROLE", "SORT_ROLE", "GROUP_ROLE"]
