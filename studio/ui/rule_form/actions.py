"""The actions as an ordered list (drag to reorder, add, remove) and an editor of the selected one.

The list shows each action as its label and its arguments; the editor below
it has the kind and a field per argument, chosen the same way as in the
condition rows. Edits change the `ActionItem`s of the form model in place and
emit `changed`.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QListWidget, QListWidgetItem,
                               QToolButton, QVBoxLayout, QWidget)

from studio.authoring import ACTION_ARGS, ActionItem, Vocabulary
from studio.diagnostics import Diagnostic
from studio.ui.problems_panel import severity_icon
from studio.ui.rule_form.conditions import diagnostics_label, fresh_args, show_diagnostics
from studio.ui.rule_form.fields import make_field, offer
from studio.ui.rule_form.labels import KindLabels
from studio.ui.rule_form.lifetime import discard

ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_VISIBLE_ACTIONS = 10


def summary(action: ActionItem, labels: dict[str, str], form: str) -> str:
    """`form` joins the label and the arguments (`{action}: {arguments}`, translated)."""
    if not action.args:
        return labels[action.kind]
    return form.format(action=labels[action.kind], arguments=" · ".join(str(a) for a in action.args))


class ActionList(QWidget):
    changed = Signal()

    def __init__(self, vocabulary: Vocabulary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vocabulary = vocabulary
        self.actions: list[ActionItem] = []
        self.diagnostics: list[list[Diagnostic]] = []
        self.labels = KindLabels(self).actions()
        self.summary_form = self.tr("{action}: {arguments}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setObjectName("action-list")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self._reordered)
        # a drop may also arrive as a removal and an insertion: look at the order once it is over
        self.list.model().rowsInserted.connect(lambda *_: QTimer.singleShot(0, self._reordered))
        self.list.currentRowChanged.connect(self._show_editor)
        layout.addWidget(self.list)

        buttons = QHBoxLayout()
        self.add_kind = QComboBox(self)
        self.add_kind.addItem(self.tr("Add action…"), None)
        for kind, label in self.labels.items():
            self.add_kind.addItem(label, kind)
        self.add_kind.activated.connect(self._add_chosen)
        self.up_button = self._tool("↑", self.tr("Move up"), lambda: self.move_current(-1))
        self.down_button = self._tool("↓", self.tr("Move down"), lambda: self.move_current(1))
        self.remove_button = self._tool("✕", self.tr("Remove the action"), self.remove_current)
        buttons.addWidget(self.add_kind, 1)
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

        self.editor = QWidget(self)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        self.kind = QComboBox(self.editor)
        for kind, label in self.labels.items():
            self.kind.addItem(label, kind)
            self.kind.setItemData(self.kind.count() - 1, kind, Qt.ItemDataRole.ToolTipRole)
        self.kind.activated.connect(self._kind_chosen)
        self.fields_box = QHBoxLayout()
        line.addWidget(self.kind)
        line.addLayout(self.fields_box, 1)
        editor_layout.addLayout(line)
        self.diagnostics_label = diagnostics_label(self.editor)
        editor_layout.addWidget(self.diagnostics_label)
        layout.addWidget(self.editor)
        self.fields: list[QWidget] = []

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # --- the list ----------------------------------------------------------------------------

    def set_actions(self, actions: list[ActionItem], diagnostics: list[list[Diagnostic]] | None = None) -> None:
        """Show `actions` (the form model's list, edited in place)."""
        current = max(self.list.currentRow(), 0)
        self.actions = actions
        self.diagnostics = diagnostics or [[] for _ in actions]
        self.list.blockSignals(True)
        self.list.clear()
        for action in actions:
            item = QListWidgetItem(summary(action, self.labels, self.summary_form))
            item.setData(ACTION_ROLE, action)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._mark_diagnostics()
        self._fit_height()
        self.list.setCurrentRow(min(current, len(actions) - 1))
        self._show_editor(self.list.currentRow())

    def _fit_height(self) -> None:
        """As tall as its rows (at least three, at most ten): the form scrolls, not the list."""
        row = self.list.sizeHintForRow(0) if self.list.count() else self.list.fontMetrics().height() + 4
        rows = min(max(self.list.count(), 3), MAX_VISIBLE_ACTIONS)
        self.list.setFixedHeight(row * rows + 2 * self.list.frameWidth() + 4)

    def set_diagnostics(self, diagnostics: list[list[Diagnostic]]) -> None:
        """Show them on the items and under the editor, leaving the editor's fields (and what is typed) alone."""
        self.diagnostics = diagnostics
        self._mark_diagnostics()
        row = self.list.currentRow()
        show_diagnostics(self.diagnostics_label, self.diagnostics[row] if 0 <= row < len(self.diagnostics) else [])

    def _mark_diagnostics(self) -> None:
        for row, found in enumerate(self.diagnostics[:self.list.count()]):
            item = self.list.item(row)
            if found:
                worst = min(found, key=lambda d: d.severity.rank)
                item.setIcon(severity_icon(worst.severity))
                item.setToolTip("\n".join(f"{d.code}: {d.message}" for d in found))
            else:
                item.setIcon(QIcon())
                item.setToolTip("")

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        """Offer a newer analysis' choices in the editor's fields, in place."""
        self.vocabulary = vocabulary
        row = self.list.currentRow()
        if 0 <= row < len(self.actions):
            action = self.actions[row]
            for index, field in enumerate(self.fields):
                offer(field, vocabulary, action.kind, index, action.args)

    def _refresh_item(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None:
            item.setText(summary(self.actions[row], self.labels, self.summary_form))

    @Slot(QModelIndex, int, int, QModelIndex, int)
    def _reordered(self, *_args) -> None:
        """A drag (or a move) changed the list's order: the model follows it."""
        order = [self.list.item(i).data(ACTION_ROLE) for i in range(self.list.count())]
        if len(order) == len(self.actions) and order != self.actions:
            self.actions[:] = order
            self._show_editor(self.list.currentRow())
            self.changed.emit()

    def move(self, source: int, target: int) -> None:
        """Move action `source` to position `target` (what a drag does)."""
        if source == target or not (0 <= source < len(self.actions)) or not (0 <= target < len(self.actions)):
            return
        item = self.list.takeItem(source)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._reordered()

    def move_current(self, delta: int) -> None:
        row = self.list.currentRow()
        self.move(row, row + delta)

    @Slot()
    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.actions) and len(self.actions) > 1:   # a rule has at least one action
            del self.actions[row]
            self.set_actions(self.actions)
            self.changed.emit()

    def add(self, kind: str) -> ActionItem:
        action = ActionItem(kind, fresh_args(kind, self.vocabulary))
        self.actions.append(action)
        self.set_actions(self.actions)
        self.list.setCurrentRow(len(self.actions) - 1)
        self.changed.emit()
        return action

    @Slot(int)
    def _add_chosen(self, _index: int) -> None:
        kind = self.add_kind.currentData()
        self.add_kind.setCurrentIndex(0)
        if kind:
            self.add(kind)

    # --- the editor of the selected action -------------------------------------------------------

    @Slot(int)
    def _show_editor(self, row: int) -> None:
        for field in self.fields:
            discard(field, self.fields_box)
        self.fields = []
        if not (0 <= row < len(self.actions)):
            self.editor.hide()
            return
        self.editor.show()
        action = self.actions[row]
        self.kind.setCurrentIndex(self.kind.findData(action.kind))
        specs = ACTION_ARGS[action.kind]
        for index, arg in enumerate(specs):
            value = action.args[index] if index < len(action.args) else ""
            if index >= len(action.args) and not arg.optional:
                break
            field = make_field(arg, value, self.vocabulary, action.kind, index, action.args, self.editor)
            field.changed.connect(lambda i=index, f=field: self._arg_changed(i, f))
            self.fields_box.addWidget(field)   # no stretch: a longer value gets more room
            self.fields.append(field)
        show_diagnostics(self.diagnostics_label, self.diagnostics[row] if row < len(self.diagnostics) else [])

    def current_fields(self) -> list[QWidget]:
        return list(self.fields)

    @Slot(int)
    def _kind_chosen(self, _index: int) -> None:
        row = self.list.currentRow()
        kind = self.kind.currentData()
        if not (0 <= row < len(self.actions)) or kind == self.actions[row].kind:
            return
        self.actions[row].kind = kind
        self.actions[row].args = fresh_args(kind, self.vocabulary)
        self._refresh_item(row)
        self._show_editor(row)
        self.changed.emit()

    def _arg_changed(self, index: int, field: QWidget) -> None:
        row = self.list.currentRow()
        action = self.actions[row]
        value = field.value()
        spec = ACTION_ARGS[action.kind][index]
        if spec.optional and value == "":
            del action.args[index:]
        elif index < len(action.args):
            action.args[index] = value
        else:
            action.args.append(value)
        self._refresh_item(row)
        if spec.choices == "chain_slots":
            self._show_editor(row)   # the value's choices follow the slot
        self.changed.emit()
