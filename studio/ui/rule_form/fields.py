"""One field per argument of a condition or action, of its type, offering the vocabulary's choices.

Every field has `value()` and a `changed` signal that fires once per finished
change (a choice picked, Enter or leaving a typed text), never per keystroke:
each change becomes one edit of the rule's text. `offer()` gives a field the
choices of a newer vocabulary in place, keeping what is being typed in it.
"""
from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QSize, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator, QValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy, QSpinBox, QWidget

from studio.authoring import Arg, Vocabulary
from studio.authoring.kinds import ALTERNATIVES, IDENT, NUMBER, SLOTS
from studio.ui.rule_form.chips import ChipsEdit, replace_items
from studio.ui.rule_form.labels import KindLabels


MAX_HINT_WIDTH = 260   # a long template does not push the row's other fields out
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
        self.setMinimumContentsLength(6)   # two fields and the row's buttons fit a narrow dock; wider, they grow
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._last = str(value)
        self._choices: list[str] = []
        self._pending: list[str] | None = None   # choices that came while the popup was open
        self.set_choices(choices)
        self.setCurrentText(str(value))
        if editable:
            self.lineEdit().setPlaceholderText(placeholder)
            self.lineEdit().editingFinished.connect(self._maybe_changed)
        self.activated.connect(self._maybe_changed)
        self.currentTextChanged.connect(self.updateGeometry)

    def value(self):
        return self.currentText()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Room for the value it holds (up to a limit): a long name gets it before a short one in a narrow row."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        padding = hint.width() - metrics.horizontalAdvance("x") * self.minimumContentsLength()
        wanted = padding + metrics.horizontalAdvance(self.currentText())
        return QSize(max(hint.width(), min(wanted, MAX_HINT_WIDTH)), hint.height())

    def set_choices(self, choices: list) -> None:
        """Offer `choices` (and the value the text holds, chosen or not) without changing what the field shows."""
        texts = [str(c) for c in choices]
        if self.view().isVisible():
            self._pending = texts
            return
        if texts == self._choices:
            return
        self._choices = texts
        replace_items(self, texts + ([self._last] if self._last not in texts else []))

    def hidePopup(self) -> None:  # noqa: N802 (Qt override)
        super().hidePopup()
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.set_choices(pending)

    @Slot()
    def _maybe_changed(self) -> None:
        if self.currentText() != self._last:
            self._last = self.currentText()
            self.changed.emit()


class SlotField(QComboBox):
    """A slot of the product chain or a kind of mention (category, brand, ...), named in the reader's language;
    the DSL's word is its value and its tooltip."""
    changed = Signal()

    def __init__(self, value: str, slots: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        names = KindLabels(self).slots()
        for slot in slots:
            self.addItem(names.get(slot, slot), slot)
            self.setItemData(self.count() - 1, slot, Qt.ItemDataRole.ToolTipRole)
        if self.findData(value) < 0:   # a slot the language does not have (the checker reports it)
            self.addItem(str(value), str(value))
        self.setCurrentIndex(self.findData(value))
        self._last = self.value()
        self.activated.connect(self._maybe_changed)

    def value(self) -> str:
        return str(self.currentData())

    @Slot()
    def _maybe_changed(self) -> None:
        if self.value() != self._last:
            self._last = self.value()
            self.changed.emit()


class SalesStageField(QComboBox):
    """A sales stage number, shown with its title (`6 · 异议处理`)."""
    changed = Signal()

    def __init__(self, value: int, stages: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stages: list[tuple[int, str]] | None = None
        self.set_stages(stages, value)
        self.activated.connect(lambda _index: self.changed.emit())

    def value(self) -> int:
        return int(self.currentData())

    def set_stages(self, stages: list[tuple[int, str]], value: int | None = None) -> None:
        if value is None and (self.view().isVisible() or stages == self._stages):
            return   # nothing new, or the list is open under the analyst's mouse
        self._stages = list(stages)
        value = self.value() if value is None else value
        self.blockSignals(True)
        self.clear()
        for number, title in stages:
            self.addItem(f"{number} · {title}", number)
        if value not in [n for n, _ in stages]:
            self.addItem(str(value), value)
        self.setCurrentIndex(self.findData(value))
        self.blockSignals(False)


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


class PriorityField(QSpinBox):
    """A rule's priority, or `none_text` for a rule without a `PRIORITY` line (which counts as 0).

    "None" is the value just below the range. A step from it starts at 0 (one up
    is 1), a step never lands back on it, and an emptied text means it again."""

    def __init__(self, limit: int, none_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-limit - 1, limit)
        self.setSpecialValueText(none_text)
        self.setKeyboardTracking(False)   # one change when the typing is done, not per digit

    def priority(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_priority(self, priority: int | None) -> None:
        """Show `priority` without a change signal (it is what the text says already)."""
        self.blockSignals(True)
        self.setValue(self.minimum() if priority is None else priority)
        self.blockSignals(False)

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt override)
        if self.value() == self.minimum():
            self.setValue(steps)
        else:
            self.setValue(max(self.value() + steps, self.minimum() + 1))
        self.selectAll()

    def validate(self, text: str, pos: int):
        none = self.specialValueText()
        if none and text != none and none in text:   # typed beside "(none)": the typing replaces it
            text = text.replace(none, "", 1)
            pos = len(text)
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:  # noqa: N802 (Qt override)
        if not text.strip():
            return self.minimum()
        return super().valueFromText(text)


def offer(field: QWidget, vocabulary: Vocabulary, kind: str, index: int, args: list) -> None:
    """Give the field of argument `index` of `kind` the choices of `vocabulary` (a newer analysis)."""
    if isinstance(field, SalesStageField):
        field.set_stages(vocabulary.sales_stages)
    elif isinstance(field, (ChoiceField, ChipsEdit)):
        field.set_choices(vocabulary.choices(kind, index, args))


def make_field(arg: Arg, value, vocabulary: Vocabulary, kind: str, index: int, args: list,
               parent: QWidget) -> QWidget:
    """The field for argument `index` of `kind` holding `value`."""
    choices = vocabulary.choices(kind, index, args)
    labels = KindLabels(parent)
    placeholder = labels.none() if arg.optional else labels.template_hint() if arg.choices == "templates" else ""
    if arg.type == NUMBER:
        return SalesStageField(int(value), vocabulary.sales_stages, parent)
    if arg.type == ALTERNATIVES:
        return ChipsEdit(str(value), choices, parent)
    if arg.choices in SLOTS:
        return SlotField(str(value), [str(c) for c in choices], parent)
    if not choices and arg.choices == "templates":
        return TextField(str(value), placeholder, parent)
    field = ChoiceField(value, choices, editable=True, placeholder=placeholder, parent=parent)
    if arg.type == IDENT:   # a typed intent or variable name stays a name: the text never breaks
        field.setValidator(identifier_validator(field))
    return field
