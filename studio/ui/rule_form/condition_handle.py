"""The ⋮ of a condition row or nested group: a click opens its menu of moves, a drag moves it.

The owner (a `RowWidget` or a nested `GroupWidget`, studio/ui/rule_form/conditions.py)
gives its `item` (the `Row` or `Group`), its `move_requested` signal and
`root_group_widget()`: the outermost group widget of its condition, which
applies the moves and takes the drops (its drop side is in conditions.py).
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolButton, QWidget

from studio.authoring.moves import can_move, path_of
from studio.ui.rule_form.labels import KindLabels

DRAG_FORMAT = "application/x-rule-studio-condition"


class MoveMenu(QMenu):
    """The moves of one row or group, each enabled when the menu opens as the condition around it allows."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self.move_actions: dict[str, QAction] = {}
        for move, label in KindLabels(self).moves().items():
            action = self.addAction(label)
            action.triggered.connect(lambda _checked=False, m=move: owner.move_requested.emit(owner.item, m))
            self.move_actions[move] = action
        self.aboutToShow.connect(self._enable)

    @Slot()
    def _enable(self) -> None:
        root = self.owner.root_group_widget()
        for move, action in self.move_actions.items():
            action.setEnabled(root is not None and can_move(root.group, self.owner.item, move))


class Handle(QToolButton):
    """The ⋮ of a row or group: a click (or Space) opens its moves menu, a drag moves it to where it is dropped
    (between the rows of any group of the same condition)."""

    def __init__(self, owner: QWidget, menu: QMenu) -> None:
        super().__init__(owner)
        self.owner = owner
        self.moves_menu = menu
        self.setText("⋮")
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(KindLabels(self).move_tip())
        self.clicked.connect(self._open_menu)
        self._pressed_at: QPoint | None = None

    @Slot()
    def _open_menu(self) -> None:
        self.moves_menu.exec(self.mapToGlobal(QPoint(0, self.height())))

    def drag_data(self) -> QMimeData:
        """What a drag of this row or group carries: which condition (its root group) and where in it."""
        root = self.owner.root_group_widget()
        mime = QMimeData()
        path = path_of(root.group, self.owner.item) if root is not None else None
        if path is not None:
            mime.setData(DRAG_FORMAT, f"{id(root.group)}:{'/'.join(map(str, path))}".encode())
        return mime

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._pressed_at is None or (event.position().toPoint() - self._pressed_at).manhattanLength() \
                < QApplication.startDragDistance():
            super().mouseMoveEvent(event)
            return
        self._pressed_at = None
        self.setDown(False)   # a drag, not a click: no menu
        root = self.owner.root_group_widget()
        if root is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.drag_data())
        drag.setPixmap(self.owner.grab())
        drag.setHotSpot(self.mapTo(self.owner, event.position().toPoint()))
        # The drop arrives inside exec()'s own event loop. Remaking the rows there could delete this handle
        # before exec() returns to it, so the drop is only noted, and made here, back in the window's loop.
        root.dragging = True
        drag.exec(Qt.DropAction.MoveAction)
        root.dragging = False
        root.apply_pending_drop()   # the rows are remade later (deleteLater): this handle outlives the call

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._pressed_at = None
        super().mouseReleaseEvent(event)
