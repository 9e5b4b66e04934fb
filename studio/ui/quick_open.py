"""Go to rule: a quick-open popup over every rule and declaration of the project.

Type to filter (every word must appear, case-insensitive), Up/Down to move,
Enter to go. Emits ``chosen(file, line, column)``.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from studio.dsl.ast import Program

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1


def outline_targets(programs: list[Program]) -> list[tuple[str, str, int, int]]:
    """(label, file, line, column) of every rule, then every intent, of every file."""
    targets = []
    for program in programs:
        for rule in program.rules:
            targets.append((rule.name.text, program.file, rule.span.line, rule.span.column))
    for program in programs:
        for intent in program.intents:
            targets.append((f"INTENT {intent.name.text}", program.file, intent.span.line, intent.span.column))
    return targets


class QuickOpen(QDialog):
    chosen = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("quick-open")
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Go to rule…"))
        self.edit.textChanged.connect(self._filter)
        self.edit.installEventFilter(self)
        self.list = QListWidget(self)
        self.list.itemActivated.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.resize(480, 320)

    def set_targets(self, targets: list[tuple[str, str, int, int]]) -> None:
        self.list.clear()
        for label, file, line, column in targets:
            item = QListWidgetItem(f"{label}    {file}:{line}")
            item.setData(TARGET_ROLE, (file, line, column))
            self.list.addItem(item)
        self._filter(self.edit.text())

    def popup(self, anchor: QWidget) -> None:
        """Show centred at the top of `anchor`, with an empty filter."""
        self.edit.clear()
        top = anchor.mapToGlobal(anchor.rect().topLeft())
        self.move(top.x() + max(0, (anchor.width() - self.width()) // 2), top.y() + 40)
        self.show()
        self.edit.setFocus()

    def visible_labels(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    @Slot(str)
    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = not all(w in item.text().casefold() for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        self.list.setCurrentItem(first)

    @Slot()
    def choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        file, line, column = item.data(TARGET_ROLE)
        self.hide()
        self.chosen.emit(file, line, column)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _step(self, delta: int) -> None:
        rows = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, position + delta))])
