"""The knowledge as a Qt item model: category → brand → series, two columns (name, details).

`KnowledgeTreeModel` wraps the live `Knowledge` and changes it only through
its mutation methods (`insert_item`, `remove_item`, `rename_item`,
`move_item`, `set_field`), each bracketed by the matching begin/end calls so
that every view and proxy stays consistent. Those methods are for the undo
commands (commands.py); the user's own edits in a view (a name typed in
place, a row dragged) are handed to `model.editor`, which validates them and
pushes a command.

A place in the tree is a *path* of rows: `(c,)` a category, `(c, b)` a
brand, `(c, b, s)` a series. Commands store paths: the undo stack replays
them in the state they were made in, so a path always finds its node again.

Index layout: category and brand nodes are small `_Node` objects kept alive
by the model; an index's internal pointer is the node of its *parent*
(the root node for categories), so series (plain strings) need no node.
"""
from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (QAbstractItemModel, QByteArray, QCoreApplication, QMimeData, QModelIndex,
                            QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QBrush

from studio.knowledge import Brand, Category, Knowledge, Series
from studio.ui import theme

if TYPE_CHECKING:
    from studio.ui.knowledge.commands import KnowledgeEditor

CATEGORY, BRAND, SERIES = "category", "brand", "series"
KINDS = (CATEGORY, BRAND, SERIES)
KindRole = Qt.ItemDataRole.UserRole + 1
PathRole = Qt.ItemDataRole.UserRole + 2
SearchRole = Qt.ItemDataRole.UserRole + 3
MIME_TYPE = "application/x-rule-studio-knowledge-path"

NAME_COLUMN, DETAILS_COLUMN = 0, 1

Path = tuple[int, ...]
AnyIndex = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    """Translate a text that is not a literal (marked with QT_TRANSLATE_NOOP("KnowledgeEditor", ...)).

    lupdate extracts only literal `QCoreApplication.translate("KnowledgeEditor", "...")` calls with
    their context; a literal passed to this helper would land in no context and never be translated.
    """
    return QCoreApplication.translate("KnowledgeEditor", text)


def kind_of_path(path: Path) -> str:
    return KINDS[len(path) - 1]


def format_price(price_range: tuple[int, int] | None) -> str:
    if price_range is None:
        return ""
    low, high = price_range
    return f"¥{low:,}–{high:,}"


def join_names(names: list[str]) -> str:
    return "、".join(names)


class _Node:
    """A category or brand (or the root), with its parent node."""
    __slots__ = ("obj", "parent")

    def __init__(self, obj: Knowledge | Category | Brand, parent: "_Node | None") -> None:
        self.obj = obj
        self.parent = parent


def _reorder(mapping: dict, items: list[tuple]) -> None:
    """Replace the content of `mapping` in place (others may hold the same dict)."""
    mapping.clear()
    mapping.update(items)


class KnowledgeTreeModel(QAbstractItemModel):
    """Category → brand → series over a live `Knowledge`."""

    knowledge_replaced = Signal()

    def __init__(self, knowledge: Knowledge, parent=None) -> None:
        super().__init__(parent)
        self._knowledge = knowledge
        self._nodes: dict[int, _Node] = {}
        self._root = _Node(knowledge, None)
        self._editor: Callable[[], KnowledgeEditor | None] = lambda: None

    @property
    def editor(self) -> KnowledgeEditor | None:
        """Who validates and pushes the edits made in a view. Held weakly: a Python reference
        cycle holding Qt objects could be collected by a worker thread's garbage collection."""
        return self._editor()

    @editor.setter
    def editor(self, editor: KnowledgeEditor | None) -> None:
        self._editor = weakref.ref(editor) if editor is not None else (lambda: None)

    # --- the domain --------------------------------------------------------------------

    @property
    def knowledge(self) -> Knowledge:
        return self._knowledge

    def set_knowledge(self, knowledge: Knowledge) -> None:
        """Show another `Knowledge` (the project was reloaded)."""
        self.beginResetModel()
        self._knowledge = knowledge
        self._nodes.clear()
        self._root = _Node(knowledge, None)
        self.endResetModel()
        self.knowledge_replaced.emit()

    def _node(self, obj: Category | Brand, parent: _Node) -> _Node:
        node = self._nodes.get(id(obj))
        if node is None or node.obj is not obj:
            node = self._nodes[id(obj)] = _Node(obj, parent)
        return node

    def _children(self, node: _Node) -> list:
        obj = node.obj
        if isinstance(obj, Knowledge):
            return list(obj.categories.values())
        if isinstance(obj, Category):
            return list(obj.brands.values())
        return obj.series

    def _child_node(self, node: _Node, row: int) -> _Node | None:
        if isinstance(node.obj, Brand):
            return None
        children = self._children(node)
        return self._node(children[row], node) if 0 <= row < len(children) else None

    def _row_of(self, node: _Node) -> int:
        obj, parent = node.obj, node.parent.obj
        names = list(parent.categories) if isinstance(parent, Knowledge) else list(parent.brands)
        return names.index(obj.name)

    def _item_node(self, index: AnyIndex) -> _Node | None:
        """The node of the category or brand at `index` (None for the root and series)."""
        if not index.isValid():
            return self._root
        return self._child_node(index.internalPointer(), index.row())

    def item(self, path: Path) -> Category | Brand | str:
        """The domain object at `path` (a series is its name)."""
        category = list(self._knowledge.categories.values())[path[0]]
        if len(path) == 1:
            return category
        brand = list(category.brands.values())[path[1]]
        return brand if len(path) == 2 else brand.series[path[2]]

    def path_of(self, index: AnyIndex) -> Path:
        path: list[int] = []
        while index.isValid():
            path.insert(0, index.row())
            index = index.parent()
        return tuple(path)

    def index_at(self, path: Path, column: int = 0) -> QModelIndex:
        index = QModelIndex()
        for depth, row in enumerate(path):
            index = self.index(row, column if depth == len(path) - 1 else 0, index)
        return index

    def kind(self, index: AnyIndex) -> str | None:
        return kind_of_path(self.path_of(index)) if index.isValid() else None

    # --- read-only model interface -----------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = self._item_node(parent)
        if node is None:
            return QModelIndex()
        return self.createIndex(row, column, node)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(self._row_of(node), 0, node.parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        node = self._item_node(parent)
        return len(self._children(node)) if node is not None else 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 2

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = (QCoreApplication.translate("KnowledgeEditor", "Name"),
                      QCoreApplication.translate("KnowledgeEditor", "Details"))
            return titles[section] if 0 <= section < 2 else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        path = self.path_of(index)
        item = self.item(path)
        kind = kind_of_path(path)
        column = index.column()
        if role == KindRole:
            return kind
        if role == PathRole:
            return list(path)
        if kind == SERIES:   # a series object shows its details like a brand
            item = self.series_detail(path) or item
        if role == SearchRole:
            return self._search_text(item)
        if role == Qt.ItemDataRole.EditRole:
            return self._name(item) if column == NAME_COLUMN else self._details(item)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME_COLUMN:
                if isinstance(item, Category) and item.icon:
                    return f"{item.icon}  {item.name}"
                return self._name(item)
            return self._details(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.ForegroundRole and kind == SERIES:
            return QBrush(theme.KNOWLEDGE_SERIES_TEXT)
        return None

    @staticmethod
    def _name(item: Category | Brand | str) -> str:
        return item if isinstance(item, str) else item.name

    @staticmethod
    def _details(item: Category | Brand | str) -> str:
        if isinstance(item, Category):
            parts = [item.description] if item.description else []
            if item.subtypes:
                parts.append(join_names(item.subtypes))
            return " · ".join(parts)
        if isinstance(item, (Brand, Series)):
            parts = [format_price(item.price_range)] if item.price_range else []
            if item.scenarios:
                parts.append(join_names(item.scenarios))
            return " · ".join(parts)
        return ""

    @staticmethod
    def _search_text(item: Category | Brand | str) -> str:
        if isinstance(item, Category):
            return " ".join([item.name, item.description, *item.subtypes])
        if isinstance(item, (Brand, Series)):
            return " ".join([item.name, *item.aliases, *item.scenarios])
        return item

    @staticmethod
    def _tooltip(item: Category | Brand | str) -> str | None:
        if isinstance(item, (Brand, Series)) and item.aliases:
            return QCoreApplication.translate("KnowledgeEditor", "Aliases: {aliases}").format(
                aliases=join_names(item.aliases))
        if isinstance(item, Category) and item.description:
            return item.description
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
                 | Qt.ItemFlag.ItemIsDropEnabled)
        if index.column() == NAME_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- edits from a view: handed to the editor (validation + undo stack) -------------------

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != NAME_COLUMN
                or self.editor is None or not isinstance(value, str)):
            return False
        return self.editor.rename(self.path_of(index), value) is None

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData | None:
        paths = list(dict.fromkeys(self.path_of(i) for i in indexes if i.isValid()))
        if len(paths) != 1:  # one node at a time: a drag reorders within its level
            return None
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(json.dumps(list(paths[0])).encode()))
        return data

    def drop_target(self, data: QMimeData, row: int, parent: AnyIndex) -> tuple[Path, int] | None:
        """(dragged path, its row after the move) for a drop, or None when it cannot go there."""
        if data is None or not data.hasFormat(MIME_TYPE):
            return None
        try:
            source = tuple(int(r) for r in json.loads(bytes(data.data(MIME_TYPE).data()).decode()))
        except (ValueError, TypeError):
            return None
        if not source or len(source) > 3:
            return None
        level = source[:-1]
        target = self.path_of(parent)
        if row < 0:
            if target[:-1] == level and len(target) == len(source):  # dropped onto a sibling
                row = target[-1]
                if row > source[-1]:
                    row += 1  # onto a later sibling: end up in its place
            elif target == level:  # dropped onto its own parent: to the end
                row = self.rowCount(self.index_at(level))
            else:
                return None
        elif target != level:
            return None
        count = self.rowCount(self.index_at(level)) if level else self.rowCount()
        if source[-1] >= count:
            return None
        final = min(row, count)
        final = final - 1 if final > source[-1] else final
        if final == source[-1]:
            return None
        return source, final

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: AnyIndex) -> bool:
        return action == Qt.DropAction.MoveAction and self.drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        """A drop becomes a move command. Returns False even when it moved, so that the view
        does not also remove the dragged row (the move already happened, undoably)."""
        if action != Qt.DropAction.MoveAction or self.editor is None:
            return False
        target = self.drop_target(data, row, parent)
        if target is not None:
            self.editor.move(*target)
        return False

    # --- mutations (for the undo commands only) ------------------------------------------------

    def insert_item(self, path: Path, item: Category | Brand | str) -> None:
        """Insert `item` so that it ends up at `path`."""
        parent_path, row = path[:-1], path[-1]
        parent = self.index_at(parent_path)
        self.beginInsertRows(parent, row, row)
        if len(path) == 1:
            items = list(self._knowledge.categories.items())
            items.insert(row, (item.name, item))
            _reorder(self._knowledge.categories, items)
        elif len(path) == 2:
            category = self.item(parent_path)
            items = list(category.brands.items())
            items.insert(row, (item.name, item))
            _reorder(category.brands, items)
        else:
            self.item(parent_path).series.insert(row, item)
        self._knowledge.changed()
        self.endInsertRows()

    def remove_item(self, path: Path) -> Category | Brand | str:
        """Remove the node at `path`; returns it (with its children) for a later `insert_item`."""
        parent_path, row = path[:-1], path[-1]
        item = self.item(path)
        self.beginRemoveRows(self.index_at(parent_path), row, row)
        if len(path) == 1:
            del self._knowledge.categories[item.name]
        elif len(path) == 2:
            del self.item(parent_path).brands[item.name]
        else:
            brand = self.item(parent_path)
            del brand.series[row]
            brand.series_details.pop(item, None)   # the delete command keeps it for undo
        self._knowledge.changed()
        self.endRemoveRows()
        return item

    def rename_item(self, path: Path, name: str) -> None:
        item = self.item(path)
        if len(path) == 3:
            brand = self.item(path[:-1])
            brand.series[path[-1]] = name
            detail = brand.series_details.pop(item, None)
            if detail is not None:  # the series' details follow its new name
                detail.name = name
                brand.series_details[name] = detail
        else:
            mapping = self._knowledge.categories if len(path) == 1 else self.item(path[:-1]).brands
            _reorder(mapping, [(name if key == item.name else key, value) for key, value in mapping.items()])
            item.name = name
        self._knowledge.changed()
        self._row_changed(path)

    def move_item(self, path: Path, row: int) -> None:
        """Move the node at `path` to `row` among its siblings (its row after the move)."""
        parent_path, source = path[:-1], path[-1]
        if row == source:
            return
        parent = self.index_at(parent_path)
        destination = row + 1 if row > source else row  # Qt counts the destination before the move
        if not self.beginMoveRows(parent, source, source, parent, destination):
            return
        if len(path) == 3:
            series = self.item(parent_path).series
            series.insert(row, series.pop(source))
        else:
            mapping = self._knowledge.categories if len(path) == 1 else self.item(parent_path).brands
            items = list(mapping.items())
            items.insert(row, items.pop(source))
            _reorder(mapping, items)
        self._knowledge.changed()
        self.endMoveRows()

    def series_detail(self, path: Path) -> Series | None:
        """The details of the series at `path`, None for a bare name."""
        return self.item(path[:2]).series_details.get(self.item(path))

    def set_series_detail(self, path: Path, detail: Series | None) -> None:
        """Make the series at `path` an object with `detail`, or a bare name (None)."""
        brand, name = self.item(path[:2]), self.item(path)
        if detail is None:
            brand.series_details.pop(name, None)
        else:
            brand.series_details[name] = detail
        self._knowledge.changed()
        self._row_changed(path)

    def replace_categories(self, categories: dict[str, Category]) -> None:
        """Show other categories in the same knowledge (an import, or its undo)."""
        self.beginResetModel()
        self._knowledge.categories = categories
        self._nodes.clear()
        self._root = _Node(self._knowledge, None)
        self._knowledge.changed()
        self.endResetModel()

    def set_field(self, path: Path, field: str, value: Any) -> None:
        """Set a property (description, icon, subtypes, aliases, scenarios, price_range)."""
        setattr(self.item(path), field, value)
        self._knowledge.changed()
        self._row_changed(path)

    def _row_changed(self, path: Path) -> None:
        self.dataChanged.emit(self.index_at(path, NAME_COLUMN), self.index_at(path, DETAILS_COLUMN))


class KnowledgeFilterModel(QSortFilterProxyModel):
    """The filter box: a node shows when its name, aliases, scenarios or description contain the
    text (case-insensitive), together with its ancestors (recursive filtering) and its subtree."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(SearchRole)
        self.setFilterKeyColumn(NAME_COLUMN)
