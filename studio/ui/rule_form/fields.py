"""One field per argument of a condition or action, of its type, offering the vocabulary's choices.

Every field has `value()` and a `changed` signal that fires once per finished
change (a choice picked, Enter or leaving a typed text), never per keystroke:
each change becomes one edit of the rule's text.
"""
from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy, QWidget

from studio.authoring import Arg, Vocabulary
from studio.authoring.kinds import ALTERNATIVES, IDENT, NUMBER, SLOTS
from studio.ui.rule_form.chips import ChipsEdit
from studio.ui.rule_form.labels import KindLabels


IDENTIFIER = QRegularExpression(r"[^\W\d]\w*")   # what the language takes as a name (docs/language.md)


def identifier_validator(parent: QWidget) -> QRegularExpressionValidator:
    return QRegularExpressionValidator(IDENTIFIER, parent)


class ChoiceField(QComboBox):
    """A value picked from a list; `editable` also takes a typed one (a new stage, a template)."""
    changed = Signal()

    def __init__(self, value, choices: list, editable: bool, placeholder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(editable)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.addItems([str(c) for c in choices])
        if str(value) not in [str(c) for c in choices]:
            self.addItem(str(value))
        self.setCurrentText(str(value))
        self._last = str(value)
        if editable:
            self.lineEdit().setPlaceholderText(placeholder)
            self.lineEdit().editingFinished.connect(self._maybe_changed)
        self.activated.connect(self._maybe_changed)

    def value(self):
        return self.currentText()

    @Slot()
    def _maybe_changed(self) -> None:
        if self.currentText() != self._last:
            self._last = self.currentText()
            self.changed.emit()


class SalesStageField(QComboBox):
    """A sales stage number, shown with its title (`6 · 异议处理`)."""
    changed = Signal()

    def __init__(self, value: int, stages: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        numbers = [n for n, _ in stages]
        for number, title in stages:
            self.addItem(f"{number} · {title}", number)
        if value not in numbers:
            self.addItem(str(value), value)
        self.setCurrentIndex(self.findData(value))
        self.activated.connect(lambda _index: self.changed.emit())

    def value(self) -> int:
        return int(self.currentData())


class TextField(QLineEdit):
    """A template or any free text."""
    changed = Signal()

    def __init__(self, value: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(str(value), parent)
        self.setPlaceholderText(placeholder)
        self._last = str(value)
        self.editingFinished.connect(self._maybe_changed)

    def value(self) -> str:
        return self.text()

    @Slot()
    def _maybe_changed(self) -> None:
        if self.text() != self._last:
            self._last = self.text()
            self.changed.emit()


def make_field(arg: Arg, value, vocabulary: Vocabulary, kind: str, index: int, args: list,
               parent: QWidget) -> QWidget:
    """The field for argument `index` of `kind` holding `value`."""
    choices = vocabulary.choices(kind, index, args)
    placeholder = KindLabels(parent).none() if arg.optional else ""
    if arg.type == NUMBER:
        return SalesStageField(int(value), vocabulary.sales_stages, parent)
    if arg.type == ALTERNATIVES:
        return ChipsEdit(str(value), choices, parent)
    if arg.choices in SLOTS:
        return ChoiceField(value, choices, editable=False, parent=parent)
    if not choices and arg.choices == "templates":
        return TextField(str(value), placeholder, parent)
    field = ChoiceField(value, choices, editable=True, placeholder=placeholder, parent=parent)
    if arg.type == IDENT:   # a typed intent or variable name stays a name: the text never breaks
        field.setValidator(identifier_validator(field))
    return field
