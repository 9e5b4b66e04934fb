"""The property form of the selected knowledge node.

A category has a name, icon, description and subtypes; a brand a name,
aliases, scenarios and a price range; a series the same as a brand plus its
attributes, a key/value table (giving a bare series name any of them makes
it a series object in the file). A field is
committed when its editing finishes (Return or leaving it), through the
`KnowledgeEditor`, so every change is one undo step. A refused value stays in
its field, with the reason in red under the form, and the knowledge is not
touched.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from studio.knowledge import Brand, Category, Series
from studio.ui.knowledge.commands import KnowledgeEditor, kind_label
from studio.ui.knowledge.model import BRAND, CATEGORY, SERIES, join_names
from studio.ui import theme
from studio.diagnostics import Severity

LIST_SEPARATORS = re.compile(r"[,，、;；\n]")
PRICE_LIMIT = 1_000_000_000
LIST_FIELDS = ("subtypes", "aliases", "scenarios")
TEXT_FIELDS = ("icon", "description")


def split_names(text: str) -> list[str]:
    """'Apple, iPhone、苹果' → ['Apple', 'iPhone', '苹果'] (blank pieces dropped)."""
    return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]


_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+")


def attribute_value(text: str) -> str | int | float | bool:
    """What a typed attribute value means: 205 a number, true/false a yes/no, anything else
    (007 too: a leading zero says it is a code, not a number) text."""
    stripped = text.strip()
    if stripped in ("true", "false"):
        return stripped == "true"
    if _INTEGER.fullmatch(stripped):
        return int(stripped)
    if _DECIMAL.fullmatch(stripped):
        return float(stripped)
    return text


def attribute_text(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


class PropertyForm(QWidget):
    """Edits the node at one index of the editor's model."""

    shown_node_changed = Signal()

    def __init__(self, editor: KnowledgeEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._model = editor.model
        self._index = QPersistentModelIndex()

        self.title = QLabel()
        self.title.setObjectName("knowledge-form-title")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)

        self.name_edit = QLineEdit()
        self.icon_edit = QLineEdit()
        self.icon_edit.setMaxLength(8)
        self.icon_edit.setPlaceholderText(QCoreApplication.translate("KnowledgeEditor", "an emoji, e.g. 📱"))
        self.description_edit = QLineEdit()
        self.subtypes_edit = QLineEdit()
        self.aliases_edit = QLineEdit()
        self.scenarios_edit = QLineEdit()
        for edit in (self.subtypes_edit, self.aliases_edit, self.scenarios_edit):
            edit.setPlaceholderText(QCoreApplication.translate("KnowledgeEditor", "separated by 、 or commas"))

        self.price_check = QCheckBox()
        self.price_check.setToolTip(
            QCoreApplication.translate("KnowledgeEditor", "The brand has a price range (yuan)"))
        self.price_check.setAccessibleName(QCoreApplication.translate("KnowledgeEditor", "has a price range"))
        self.price_min = QSpinBox()
        self.price_max = QSpinBox()
        for spin, label in ((self.price_min, QCoreApplication.translate("KnowledgeEditor", "min")),
                            (self.price_max, QCoreApplication.translate("KnowledgeEditor", "max"))):
            spin.setRange(0, PRICE_LIMIT)
            spin.setPrefix("¥")
            spin.setGroupSeparatorShown(True)
            spin.setKeyboardTracking(False)
            spin.setAccessibleName(label)
            spin.setMinimumWidth(110)
        price_row = QHBoxLayout()
        price_row.setContentsMargins(0, 0, 0, 0)
        price_row.addWidget(self.price_check)
        price_row.addWidget(self.price_min, 1)
        price_row.addWidget(QLabel("–"))
        price_row.addWidget(self.price_max, 1)
        self._price_box = QWidget()
        self._price_box.setLayout(price_row)

        self.attributes_table = QTableWidget(0, 2)
        self.attributes_table.setObjectName("knowledge-series-attributes")
        self.attributes_table.setHorizontalHeaderLabels([
            QCoreApplication.translate("KnowledgeEditor", "Attribute"),
            QCoreApplication.translate("KnowledgeEditor", "Value")])
        self.attributes_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.attributes_table.verticalHeader().hide()
        self.attributes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attributes_table.setToolTip(QCoreApplication.translate(
            "KnowledgeEditor", "A value such as 205 or 6.5 is a number, true/false a yes/no, anything else text"))
        self.add_attribute_button = QPushButton(QCoreApplication.translate("KnowledgeEditor", "+ Attribute"))
        self.remove_attribute_button = QPushButton(QCoreApplication.translate("KnowledgeEditor", "− Attribute"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_attribute_button)
        buttons.addWidget(self.remove_attribute_button)
        buttons.addStretch(1)
        attributes_layout = QVBoxLayout()
        attributes_layout.setContentsMargins(0, 0, 0, 0)
        attributes_layout.addWidget(self.attributes_table)
        attributes_layout.addLayout(buttons)
        self._attributes_box = QWidget()
        self._attributes_box.setLayout(attributes_layout)
        self._loading_attributes = False

        self.error_label = QLabel()
        self.error_label.setObjectName("knowledge-form-error")
        self.error_label.setWordWrap(True)
        self.follow_theme()
        self.error_label.hide()

        self.hint_label = QLabel(QCoreApplication.translate(
            "KnowledgeEditor", "Double-click or F2 renames in the tree; drag a row to reorder it "
                               "among its siblings. Every change can be undone."))
        self.hint_label.setWordWrap(True)
        self.hint_label.setEnabled(False)

        self.empty_label = QLabel(
            QCoreApplication.translate("KnowledgeEditor", "Select a category, brand or series to edit it."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.addRow(QCoreApplication.translate("KnowledgeEditor", "Name"), self.name_edit)
        self._form.addRow(QCoreApplication.translate("KnowledgeEditor", "Icon"), self.icon_edit)
        self._form.addRow(QCoreApplication.translate("KnowledgeEditor", "Description"), self.description_edit)
        self._form.addRow(QCoreApplication.translate("KnowledgeEditor", "Subtypes"), self.subtypes_edit)
        self._form.addRow(QCoreApplication.translate("KnowledgeEditor", "Aliases"), self.aliases_edit)
        self._form.addRow(QCoreApplication.translate("KnowledgeEditor", "Scenarios"), self.scenarios_edit)
        self._form.addRow(QCoreApplication.translate("KnowledgeEditor", "Price range"), self._price_box)
        self._form.addRow(QCoreApplication.translate("KnowledgeEditor", "Attributes"), self._attributes_box)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty_label)
        layout.addLayout(self._form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.hint_label)

        self.name_edit.editingFinished.connect(self._commit_name)
        self.icon_edit.editingFinished.connect(lambda: self._commit_text("icon", self.icon_edit))
        self.description_edit.editingFinished.connect(
            lambda: self._commit_text("description", self.description_edit))
        for field in LIST_FIELDS:
            edit: QLineEdit = getattr(self, f"{field}_edit")
            edit.editingFinished.connect(lambda f=field, e=edit: self._commit_list(f, e))
        self.price_check.toggled.connect(self._price_toggled)
        self.price_min.editingFinished.connect(self._commit_price)
        self.price_max.editingFinished.connect(self._commit_price)
        self.attributes_table.itemChanged.connect(self._commit_attributes)
        self.add_attribute_button.clicked.connect(self.add_attribute_row)
        self.remove_attribute_button.clicked.connect(self.remove_attribute_row)

        editor.edit_refused.connect(self.show_error)
        for signal in (self._model.dataChanged, self._model.rowsMoved, self._model.rowsInserted):
            signal.connect(self._refresh)
        self._model.rowsRemoved.connect(self._refresh)
        self._model.modelReset.connect(self._refresh)
        self._model.layoutChanged.connect(self._refresh)
        self.set_index(QModelIndex())

    # --- which node -------------------------------------------------------------------------

    def follow_theme(self) -> None:
        self.error_label.setStyleSheet(f"color: {theme.SEVERITY_COLORS[Severity.ERROR].name()};")

    def current_path(self) -> tuple[int, ...] | None:
        return self._model.path_of(self._index) if self._index.isValid() else None

    @Slot(QModelIndex)
    def set_index(self, index: QModelIndex) -> None:
        """Show the node at `index` of the source model (an invalid index: nothing)."""
        if index.isValid() and index.column() != 0:
            index = index.siblingAtColumn(0)
        self._index = QPersistentModelIndex(index)
        self.clear_error()
        self._load()
        self.shown_node_changed.emit()

    @Slot()
    def _refresh(self) -> None:
        """The knowledge changed (an edit, undo, redo): the fields show it, a stale reason goes."""
        self.clear_error()
        self._load()

    def _load(self) -> None:
        path = self.current_path()
        item = self._model.item(path) if path is not None else None
        kind = self._model.kind(self._index) if path is not None else None
        self.empty_label.setVisible(kind is None)
        visible = {
            self.name_edit: kind is not None,
            self.icon_edit: kind == CATEGORY,
            self.description_edit: kind == CATEGORY,
            self.subtypes_edit: kind == CATEGORY,
            self.aliases_edit: kind in (BRAND, SERIES),
            self.scenarios_edit: kind in (BRAND, SERIES),
            self._price_box: kind in (BRAND, SERIES),
            self._attributes_box: kind == SERIES,
        }
        for widget, shown in visible.items():
            self._form.setRowVisible(widget, shown)
        if kind is None:
            self.title.setText(QCoreApplication.translate("KnowledgeEditor", "Knowledge"))
            return
        name = item if isinstance(item, str) else item.name
        parents = [self._model.item(path[:i]).name for i in range(1, len(path))]
        where = f"  ({' › '.join(parents)})" if parents else ""
        self.title.setText(f"{kind_label(kind).capitalize()} · {name}{where}")
        self.name_edit.setText(name)
        if isinstance(item, Category):
            self.icon_edit.setText(item.icon)
            self.description_edit.setText(item.description)
            self.subtypes_edit.setText(join_names(item.subtypes))
        elif isinstance(item, Brand):
            self.aliases_edit.setText(join_names(item.aliases))
            self.scenarios_edit.setText(join_names(item.scenarios))
            self._load_price(item.price_range)
        else:
            detail = self._model.series_detail(path) or Series(item)
            self.aliases_edit.setText(join_names(detail.aliases))
            self.scenarios_edit.setText(join_names(detail.scenarios))
            self._load_price(detail.price_range)
            self._load_attributes(detail.attributes)

    def _load_attributes(self, attributes: dict) -> None:
        self._loading_attributes = True
        try:
            self.attributes_table.setRowCount(0)
            for key, value in attributes.items():
                row = self.attributes_table.rowCount()
                self.attributes_table.insertRow(row)
                self.attributes_table.setItem(row, 0, QTableWidgetItem(key))
                self.attributes_table.setItem(row, 1, QTableWidgetItem(attribute_text(value)))
        finally:
            self._loading_attributes = False

    def _load_price(self, price_range: tuple[int, int] | None) -> None:
        for widget in (self.price_check, self.price_min, self.price_max):
            widget.blockSignals(True)
        self.price_check.setChecked(price_range is not None)
        low, high = price_range if price_range is not None else (0, 0)
        self.price_min.setValue(low)
        self.price_max.setValue(high)
        self.price_min.setEnabled(price_range is not None)
        self.price_max.setEnabled(price_range is not None)
        for widget in (self.price_check, self.price_min, self.price_max):
            widget.blockSignals(False)

    # --- committing -------------------------------------------------------------------------

    @Slot(str)
    def show_error(self, reason: str) -> None:
        self.error_label.setText(reason)
        self.error_label.show()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def error(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _done(self, reason: str | None) -> None:
        if reason is None:
            self.clear_error()
        # a refusal was shown through edit_refused

    @Slot()
    def _commit_name(self) -> None:
        path = self.current_path()
        if path is not None:
            self._done(self._editor.rename(path, self.name_edit.text()))

    def _commit_text(self, field: str, edit: QLineEdit) -> None:
        path = self.current_path()
        if path is not None and self._model.kind(self._index) == CATEGORY:
            self._done(self._editor.set_property(path, field, edit.text().strip()))

    def _commit_list(self, field: str, edit: QLineEdit) -> None:
        path = self.current_path()
        if path is None:
            return
        if self._model.kind(self._index) == SERIES:
            if field in ("aliases", "scenarios"):
                self._done(self._editor.set_series_field(path, field, split_names(edit.text())))
            return
        if field not in {CATEGORY: ("subtypes",), BRAND: ("aliases", "scenarios")}[self._model.kind(self._index)]:
            return
        self._done(self._editor.set_property(path, field, split_names(edit.text())))

    @Slot(bool)
    def _price_toggled(self, checked: bool) -> None:
        self.price_min.setEnabled(checked)
        self.price_max.setEnabled(checked)
        self._commit_price()

    @Slot()
    def _commit_price(self) -> None:
        path = self.current_path()
        kind = self._model.kind(self._index) if path is not None else None
        if kind not in (BRAND, SERIES):
            return
        value = (self.price_min.value(), self.price_max.value()) if self.price_check.isChecked() else None
        if kind == SERIES:
            self._done(self._editor.set_series_field(path, "price_range", value))
        else:
            self._done(self._editor.set_property(path, "price_range", value))

    # --- series attributes ------------------------------------------------------------------

    def attribute_rows(self) -> list[tuple[str, str]]:
        """(key, value) of each row of the table as typed."""
        table = self.attributes_table
        return [tuple(table.item(row, column).text() if table.item(row, column) else "" for column in (0, 1))
                for row in range(table.rowCount())]

    @Slot()
    def add_attribute_row(self) -> None:
        """An empty row to type a new attribute into; it is committed once it has a name."""
        table = self.attributes_table
        row = table.rowCount()
        self._loading_attributes = True
        try:
            table.insertRow(row)
            table.setItem(row, 0, QTableWidgetItem(""))
            table.setItem(row, 1, QTableWidgetItem(""))
        finally:
            self._loading_attributes = False
        table.setCurrentCell(row, 0)
        if self.isVisible():
            table.editItem(table.item(row, 0))

    @Slot()
    def remove_attribute_row(self) -> None:
        row = self.attributes_table.currentRow()
        if row < 0:
            return
        self._loading_attributes = True
        try:
            self.attributes_table.removeRow(row)
        finally:
            self._loading_attributes = False
        self._commit_attributes()

    @Slot()
    def _commit_attributes(self, _item: QTableWidgetItem | None = None) -> None:
        path = self.current_path()
        if self._loading_attributes or path is None or self._model.kind(self._index) != SERIES:
            return
        attributes: dict = {}
        for key, text in self.attribute_rows():
            if not key.strip():
                continue   # a row still being typed
            if key.strip() in attributes:
                self.show_error(QCoreApplication.translate("KnowledgeEditor", "duplicate attribute name {key!r}")
                                .replace("{key!r}", repr(key.strip())))
                return
            attributes[key.strip()] = attribute_value(text)
        self._done(self._editor.set_series_field(path, "attributes", attributes))
