"""Mention words as chips: each alternative of a `USER_MENTION_ANY`/`ALL` string is a small editable field
with a remove button, and a combo box adds one from the vocabulary (or typed)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QFrame, QHBoxLayout, QLayout, QLineEdit, QSizePolicy, QToolButton,
                               QWidget, QWidgetItem)

from studio.authoring import alternatives, joined
from studio.ui import theme
from studio.ui.rule_form.lifetime import discard


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to a new line when the width runs out (Qt's Flow Layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QWidgetItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Everything on one line."""
        hints = [item.sizeHint() for item in self._items]
        width = sum(h.width() for h in hints) + self.spacing() * max(len(hints) - 1, 0)
        return QSize(width, max((h.height() for h in hints), default=0))

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() and line_height > 0:
                x, y, line_height = rect.x(), y + line_height + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class Chip(QFrame):
    """One word: edit it in place, or remove it."""
    edited = Signal()
    removed = Signal()

    def __init__(self, word: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.follow_theme()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(0)
        self.edit = QLineEdit(word, self)
        self.edit.setFrame(False)
        self.edit.setStyleSheet("background: transparent;")
        self.edit.textChanged.connect(self._fit)
        self.edit.editingFinished.connect(self.edited)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove this word"))
        self.remove_button.clicked.connect(self.removed)
        layout.addWidget(self.edit)
        layout.addWidget(self.remove_button)
        self._fit()

    def follow_theme(self) -> None:
        self.setStyleSheet(f"#chip {{ border: 1px solid {theme.RULE_FORM_CHIP_BORDER.name()}; border-radius: 9px; "
                           f"background: {theme.RULE_FORM_CHIP_BACKGROUND.name()}; }}")

    def word(self) -> str:
        return self.edit.text().strip()

    @Slot()
    def _fit(self) -> None:
        width = self.edit.fontMetrics().horizontalAdvance(self.edit.text() or "  ") + 12
        self.edit.setFixedWidth(max(24, width))


class ChipsEdit(QWidget):
    """The `|`-separated alternatives of a string as chips; `value()` joins them back with `|`."""
    changed = Signal()

    def __init__(self, value: str, choices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = value
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._layout = FlowLayout(self)
        self.chips: list[Chip] = []
        self.adder = QComboBox(self)
        self.adder.setEditable(True)
        self.adder.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.adder.addItems(choices)
        self.adder.setCurrentIndex(-1)
        self.adder.lineEdit().setPlaceholderText(self.tr("add a word…"))
        self.adder.setMinimumContentsLength(8)
        self.adder.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.adder.activated.connect(self._add_current)
        self.adder.lineEdit().returnPressed.connect(self._add_current)
        for word in alternatives(value):
            self._add_chip(word)
        self._relayout()

    def value(self) -> str:
        return self._value

    def set_choices(self, choices: list[str]) -> None:
        """Offer `choices` in the adder (a newer vocabulary), keeping a word being typed there."""
        if self.adder.view().isVisible():
            return   # not under the analyst's mouse: the next rebuild brings them
        replace_items(self.adder, [str(c) for c in choices])

    def words(self) -> list[str]:
        return [chip.word() for chip in self.chips if chip.word()]

    def add_word(self, word: str) -> None:
        word = word.strip()
        if word and word not in self.words():
            self._add_chip(word)
            self._relayout()
            self._changed()

    def _add_chip(self, word: str) -> Chip:
        chip = Chip(word, self)
        chip.edited.connect(self._changed)
        chip.removed.connect(lambda c=chip: self._remove(c))
        self.chips.append(chip)
        return chip

    def _remove(self, chip: Chip) -> None:
        self.chips.remove(chip)
        discard(chip)
        self._relayout()
        self._changed()

    def _relayout(self) -> None:
        """The chips in order, the adder last."""
        while self._layout.count():
            self._layout.takeAt(0)
        for widget in (*self.chips, self.adder):
            self._layout.addWidget(widget)
        self.updateGeometry()

    @Slot()
    def _add_current(self) -> None:
        text = self.adder.currentText()
        self.adder.setCurrentIndex(-1)
        self.adder.clearEditText()
        self.add_word(text)

    @Slot()
    def _changed(self) -> None:
        value = joined(self.words())
        if alternatives(value) != alternatives(self._value):   # the spacing as written stays until a word changes
            self._value = value
            self.changed.emit()


def replace_items(combo: QComboBox, texts: list[str]) -> None:
    """Replace a combo box's items, keeping what it shows: the chosen item, or the text being typed with its
    cursor and selection. No signal fires (nothing was chosen)."""
    shown = combo.currentText()
    edit = combo.lineEdit()
    cursor = edit.cursorPosition() if edit is not None else 0
    start, length = (edit.selectionStart(), len(edit.selectedText())) if edit is not None else (-1, 0)
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(texts)
    combo.setCurrentIndex(combo.findText(shown))
    if edit is not None:
        combo.setEditText(shown)
        if start < 0:
            edit.setCursorPosition(cursor)
        elif cursor == start:   # selected leftwards: the cursor stays at the selection's start
            edit.setSelection(start + length, -length)
        else:
            edit.setSelection(start, length)
    combo.blockSignals(False)
