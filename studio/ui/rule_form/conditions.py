"""The condition as rows and groups: a row is NOT + kind + its arguments, a group joins rows and groups
with AND or OR (a nested group is a parenthesised part of the text).

The widgets edit the `Row`/`Group` objects of the form model in place and emit
`changed` after each finished change; the panel then writes the rule's text.
Each row and nested group has a menu (its ⋮ button, or a right click) of moves:
up, down, into the group above or below it, out of its group, and can be
dragged by that button (condition_handle.py). The outermost group applies the
moves and the drops to the model (studio/authoring/moves.py) and lays the
condition out again. The pieces the rows share with the actions are in
row_parts.py.
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal, Slot
from PySide6.QtGui import QAction, QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from studio.authoring import CONDITION_ARGS, Group, Row, Vocabulary
from studio.authoring.moves import contains, item_at, move_item, move_to
from studio.diagnostics import Diagnostic
from studio.ui import theme
from studio.ui.rule_form.chips import ChipsEdit
from studio.ui.rule_form.condition_handle import DRAG_FORMAT, Handle, MoveMenu
from studio.ui.rule_form.fields import make_field, offer
from studio.ui.rule_form.labels import KindLabels
from studio.ui.rule_form.lifetime import discard
from studio.ui.rule_form.row_parts import diagnostics_label, fresh_args, not_toggle, show_diagnostics

DROP_ZONE = 10   # pixels below the condition's last row


def root_group_widget(widget: QWidget):
    """The outermost `GroupWidget` holding `widget` (it applies the moves)."""
    found = None
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, GroupWidget):
            found = parent
            if not parent.nested:
                break
        parent = parent.parentWidget()
    return found


class RowWidget(QWidget):
    changed = Signal()
    remove_requested = Signal()
    move_requested = Signal(object, str)   # the row or group, the move

    def __init__(self, row: Row, vocabulary: Vocabulary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.vocabulary = vocabulary
        self.diagnostics: list[Diagnostic] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(1)
        line = QHBoxLayout()
        line.setSpacing(4)
        outer.addLayout(line)
        self.not_button = not_toggle(row.negated, self)
        self.not_button.toggled.connect(self._negate)
        self.kind = QComboBox(self)
        for kind, label in KindLabels(self).conditions().items():
            self.kind.addItem(label, kind)
            self.kind.setItemData(self.kind.count() - 1, kind, Qt.ItemDataRole.ToolTipRole)   # the keyword
        self.kind.setCurrentIndex(self.kind.findData(row.kind))
        self.kind.activated.connect(self._kind_chosen)
        self.fields_box = QHBoxLayout()
        self.fields_box.setSpacing(4)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove this condition"))
        self.remove_button.clicked.connect(self.remove_requested)
        self.menu = MoveMenu(self)
        self.menu_button = Handle(self, self.menu)
        line.addWidget(self.not_button)
        line.addWidget(self.kind)
        line.addLayout(self.fields_box, 1)
        line.addWidget(self.menu_button)
        line.addWidget(self.remove_button)
        self.words_box = QVBoxLayout()
        self.words_box.setContentsMargins(self.not_button.sizeHint().width() + 4, 0, 0, 0)
        outer.addLayout(self.words_box)
        self.diagnostics_label = diagnostics_label(self)
        outer.addWidget(self.diagnostics_label)
        self.fields: list[QWidget] = []
        self._build_fields()

    def _build_fields(self) -> None:
        for field in self.fields:
            discard(field, self.words_box if isinstance(field, ChipsEdit) else self.fields_box)
        while self.fields_box.count():   # the stretch
            self.fields_box.takeAt(0)
        self.fields = []
        for index, arg in enumerate(CONDITION_ARGS[self.row.kind]):
            if index >= len(self.row.args):
                break
            field = make_field(arg, self.row.args[index], self.vocabulary, self.row.kind, index, self.row.args, self)
            field.changed.connect(lambda i=index, f=field: self._arg_changed(i, f))
            if isinstance(field, ChipsEdit):   # the words take a line of their own, the row's full width
                self.words_box.addWidget(field)
            else:
                self.fields_box.addWidget(field)   # no stretch: a longer value gets more room
            self.fields.append(field)
        if not self.fields_box.count():   # no field on the line: the buttons stay at its end
            self.fields_box.addStretch(1)

    @property
    def item(self) -> Row:
        return self.row

    def root_group_widget(self):
        """The outermost group of this condition (the handle and the menu of moves ask it)."""
        return root_group_widget(self)

    def move_action(self, move: str) -> QAction:
        return self.menu.move_actions[move]

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        self.menu.exec(event.globalPos())

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        """Offer a newer analysis' choices in the fields, in place (what is being typed stays)."""
        self.vocabulary = vocabulary
        for index, field in enumerate(self.fields):
            offer(field, vocabulary, self.row.kind, index, self.row.args)

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        show_diagnostics(self.diagnostics_label, self.diagnostics)

    @Slot(bool)
    def _negate(self, checked: bool) -> None:
        self.row.negated = checked
        self.changed.emit()

    @Slot(int)
    def _kind_chosen(self, _index: int) -> None:
        kind = self.kind.currentData()
        if kind == self.row.kind:
            return
        self.row.kind = kind
        self.row.args = fresh_args(kind, self.vocabulary)
        self._build_fields()
        self.changed.emit()

    def _arg_changed(self, index: int, field: QWidget) -> None:
        self.row.args[index] = field.value()
        self.changed.emit()


class GroupWidget(QFrame):
    """A group: its operator, NOT, its rows and nested groups, and buttons to add either."""
    changed = Signal()
    remove_requested = Signal()
    move_requested = Signal(object, str)   # a row or group in it, the move (a nested group passes them on)

    def __init__(self, group: Group, vocabulary: Vocabulary, nested: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.vocabulary = vocabulary
        self.nested = nested
        if nested:
            self.setFrameShape(QFrame.Shape.StyledPanel)
            self.setObjectName("condition-group")
            self.follow_theme()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        # below the condition's last row, room to drop a row after everything (a nested group takes the drops
        # over it, into itself)
        layout.setContentsMargins(6 if nested else 0, 4 if nested else 0, 4 if nested else 0,
                                  4 if nested else DROP_ZONE)
        layout.setSpacing(3)
        header = QHBoxLayout()
        self.not_button = not_toggle(group.negated, self)
        self.not_button.toggled.connect(self._negate)
        self.op = QComboBox(self)
        for op, label in KindLabels(self).operators().items():
            self.op.addItem(label, op)
        self.op.setCurrentIndex(self.op.findData(group.op))
        self.op.activated.connect(self._op_chosen)
        self.add_row_button = QToolButton(self)
        self.add_row_button.setText(self.tr("+ Condition"))
        self.add_row_button.clicked.connect(self.add_row)
        self.add_group_button = QToolButton(self)
        self.add_group_button.setText(self.tr("+ Group"))
        self.add_group_button.setToolTip(self.tr("Add a nested group (conditions in parentheses)"))
        self.add_group_button.clicked.connect(self.add_group)
        header.addWidget(self.not_button)
        header.addWidget(self.op)
        header.addStretch(1)
        header.addWidget(self.add_row_button)
        header.addWidget(self.add_group_button)
        if nested:
            self.menu = MoveMenu(self)
            self.menu_button = Handle(self, self.menu)
            header.addWidget(self.menu_button)
            remove = QToolButton(self)
            remove.setText("✕")
            remove.setAutoRaise(True)
            remove.setToolTip(self.tr("Remove this group"))
            remove.clicked.connect(self.remove_requested)
            header.addWidget(remove)
        layout.addLayout(header)
        self.setAcceptDrops(True)
        self.dragging = False   # a row or group of this condition is being dragged (outermost group only)
        self.pending_drop: tuple | None = None   # (item, group, index) dropped during that drag
        self.drop_line = QFrame(self)   # where a dragged row would go
        self.drop_line.setStyleSheet("background: palette(highlight);")
        self.drop_line.hide()
        self.body = QVBoxLayout()
        self.body.setSpacing(3)
        layout.addLayout(self.body)
        self.children_widgets: list[QWidget] = []
        self._build()

    def _build(self) -> None:
        for widget in self.children_widgets:
            discard(widget, self.body)
        self.children_widgets = []
        for item in self.group.items:
            if isinstance(item, Row):
                widget = RowWidget(item, self.vocabulary, self)
            else:
                widget = GroupWidget(item, self.vocabulary, nested=True, parent=self)
            widget.changed.connect(self.changed)
            widget.remove_requested.connect(lambda i=item: self._remove(i))
            widget.move_requested.connect(self._child_move)
            self.body.addWidget(widget)
            self.children_widgets.append(widget)

    def follow_theme(self) -> None:
        if self.nested:   # the frame of a nested group
            self.setStyleSheet(f"#condition-group {{ border: 1px solid {theme.RULE_FORM_GROUP_BORDER.name()}; "
                               "border-radius: 4px; }")

    @property
    def item(self) -> Group:
        return self.group

    def root_group_widget(self):
        """The outermost group of this condition (the handle and the menu of moves ask it)."""
        return root_group_widget(self)

    def move_action(self, move: str) -> QAction:
        return self.menu.move_actions[move]

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        if self.nested:
            self.menu.exec(event.globalPos())
        else:
            event.ignore()

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        for widget in self.children_widgets:
            widget.set_vocabulary(vocabulary)

    def _child_move(self, item, move: str) -> None:
        if self.nested:
            self.move_requested.emit(item, move)
        else:
            self.apply_move(item, move)

    def apply_move(self, item, move: str) -> None:
        """Move a row or group of the condition (the outermost group does), lay it out again, keep the keyboard
        on the moved item."""
        if move_item(self.group, item, move):
            self._moved(item)

    def apply_pending_drop(self) -> None:
        """Put the dropped row or group where it was dropped (the outermost group does)."""
        if self.pending_drop is None:
            return
        (item, group, index), self.pending_drop = self.pending_drop, None
        if move_to(self.group, item, group, index):
            self._moved(item)

    def _moved(self, item) -> None:
        self._build()
        moved = next((w for w in (*self.row_widgets(), *self.group_widgets()) if w.item is item), None)
        if moved is not None:
            moved.menu_button.setFocus()
        self.changed.emit()

    # --- drops: a row or group dragged by its handle -------------------------------------------------

    def _dragged(self, mime: QMimeData):
        """The row or group a drag carries, when it comes from this condition and may go into this group."""
        root = root_group_widget(self) if self.nested else self
        if root is None or not mime.hasFormat(DRAG_FORMAT):
            return None
        token, _, path = bytes(mime.data(DRAG_FORMAT).data()).decode().partition(":")
        if token != str(id(root.group)):
            return None   # from another rule's form
        item = item_at(root.group, [int(at) for at in path.split("/") if at])
        if item is None or item is self.group or contains(item, self.group):
            return None   # a group never goes into itself: the group around takes the drop
        return item

    def _drop_index(self, y: int) -> int:
        """The gap nearest to `y` between this group's rows and groups."""
        return next((at for at, widget in enumerate(self.children_widgets) if y < widget.geometry().center().y()),
                    len(self.children_widgets))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        self.dragMoveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt override)
        if self._dragged(event.mimeData()) is None:
            self.drop_line.hide()
            event.ignore()
            return
        event.acceptProposedAction()
        self._show_drop_line(self._drop_index(event.position().toPoint().y()))

    def dragLeaveEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        self.drop_line.hide()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        self.drop_line.hide()
        item = self._dragged(event.mimeData())
        if item is None:
            event.ignore()
            return
        event.acceptProposedAction()
        root = root_group_widget(self) if self.nested else self
        root.pending_drop = (item, self.group, self._drop_index(event.position().toPoint().y()))
        if not root.dragging:   # not a drag of ours in progress (see Handle.mouseMoveEvent): made now
            root.apply_pending_drop()

    def _show_drop_line(self, index: int) -> None:
        area = self.body.geometry()
        widgets = self.children_widgets
        if index < len(widgets):
            y = widgets[index].geometry().top() - 2
        else:
            y = widgets[-1].geometry().bottom() + 1 if widgets else area.top()
        self.drop_line.setGeometry(area.left(), max(y, 0), area.width(), 2)
        self.drop_line.show()
        self.drop_line.raise_()

    def row_widgets(self):
        """Every row widget, left to right (the order of `RuleForm.rows()`)."""
        for widget in self.children_widgets:
            if isinstance(widget, RowWidget):
                yield widget
            else:
                yield from widget.row_widgets()

    def group_widgets(self):
        for widget in self.children_widgets:
            if isinstance(widget, GroupWidget):
                yield widget
                yield from widget.group_widgets()

    @Slot()
    def add_row(self, kind: str = "INTENT_IS") -> Row:
        row = Row(kind, fresh_args(kind, self.vocabulary))
        self.group.items.append(row)
        self._build()
        self.changed.emit()
        return row

    @Slot()
    def add_group(self) -> Group:
        op = "OR" if self.group.op == "AND" else "AND"
        group = Group(op, [Row("INTENT_IS", fresh_args("INTENT_IS", self.vocabulary))])
        self.group.items.append(group)
        self._build()
        self.changed.emit()
        return group

    def _remove(self, item) -> None:
        self.group.items = [i for i in self.group.items if i is not item]
        self._build()
        self.changed.emit()

    @Slot(bool)
    def _negate(self, checked: bool) -> None:
        self.group.negated = checked
        self.changed.emit()

    @Slot(int)
    def _op_chosen(self, _index: int) -> None:
        if self.op.currentData() != self.group.op:
            self.group.op = self.op.currentData()
            self.changed.emit()
