"""The live context of the chat tester: every variable, what changed this turn highlighted.

`ContextModel` is a two-column table (variable, value) over a context dict as
`ConversationContext.as_dict()` gives it; the variables that matter most come
first (stage, product chain, budget, scenario, sales stage), then the other
built-ins, then the rule base's own (`SET_VAR`) variables. `ContextView` adds a
one-line summary above the table.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from studio.engine.extract import Budget
from studio.ui import theme

PINNED = ("current_stage", "product_chain", "budget_range", "usage_scenario", "sales_stage",
          "current_category", "current_subtype", "current_brand", "current_series",
          "user_preferences", "query_count", "last_intent", "user_input")
CHANGED_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_COLUMN, VALUE_COLUMN = range(2)


def format_value(var: str, value: Any) -> str:
    """A variable's value as the analyst reads it ("" when unset)."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if var == "product_chain":
        return " → ".join(str(v) for _slot, v in value)
    if var == "budget_range":
        budget = Budget.from_json(value)
        return str(budget) if budget else str(value)
    if isinstance(value, dict):
        return "，".join(f"{k}={v}" for k, v in value.items())
    return str(value)


def ordered_names(values: dict[str, Any]) -> list[str]:
    return [n for n in PINNED if n in values] + [n for n in values if n not in PINNED]


class ContextModel(QAbstractTableModel):
    """Variables of the conversation; `set_context(values, diff)` after every turn."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._values: dict[str, Any] = {}
        self._diff: dict[str, tuple[Any, Any]] = {}

    # --- our API ---------------------------------------------------------------------------

    def set_context(self, values: dict[str, Any], diff: dict[str, tuple[Any, Any]] | None = None) -> None:
        names = ordered_names(values)
        # Keep rows that stay, remove the gone ones and append the new ones: views keep their place.
        for row in reversed(range(len(self._names))):
            if self._names[row] not in values:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._names[row]
                self.endRemoveRows()
        new = [n for n in names if n not in self._names]
        if new:
            self.beginInsertRows(QModelIndex(), len(self._names), len(self._names) + len(new) - 1)
            self._names.extend(new)
            self.endInsertRows()
        self._values = dict(values)
        self._diff = dict(diff or {})
        if self._names:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._names) - 1, VALUE_COLUMN))

    def value(self, var: str) -> Any:
        return self._values.get(var)

    def text(self, var: str) -> str:
        return format_value(var, self._values.get(var))

    def changed(self) -> list[str]:
        """The variables that changed in the last turn (highlighted)."""
        return [n for n in self._names if n in self._diff]

    def names(self) -> list[str]:
        return list(self._names)

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._names)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt override)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return (self.tr("Variable"), self.tr("Value"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._names):
            return None
        name = self._names[index.row()]
        changed = name in self._diff
        if role == Qt.ItemDataRole.DisplayRole:
            return name if index.column() == NAME_COLUMN else format_value(name, self._values.get(name))
        if role == Qt.ItemDataRole.ToolTipRole and changed:
            old, new = self._diff[name]
            return self.tr("Changed this turn: {old} → {new}").format(
                old=format_value(name, old) or self.tr("(unset)"), new=format_value(name, new) or self.tr("(unset)"))
        if role == Qt.ItemDataRole.BackgroundRole and changed:
            return theme.CONTEXT_CHANGED_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and changed:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == NAME_COLUMN and \
                not format_value(name, self._values.get(name)):
            return theme.CONTEXT_UNSET_TEXT
        if role == CHANGED_ROLE:
            return changed
        return None


class ContextView(QWidget):
    """The summary line (stage · product chain · sales stage) over the variables table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ContextModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def set_context(self, values: dict[str, Any], diff: dict[str, tuple[Any, Any]] | None = None) -> None:
        self.model.set_context(values, diff)
        chain = format_value("product_chain", values.get("product_chain")) or self.tr("(nothing chosen)")
        self.summary.setText(self.tr("Stage: {stage}   Chain: {chain}   Sales stage: {sales}").format(
            stage=values.get("current_stage") or "", chain=chain, sales=values.get("sales_stage", "")))
