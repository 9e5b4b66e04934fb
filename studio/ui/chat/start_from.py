""""Start from…": begin a conversation mid-flow, at a chosen stage with some variables set.

The variables are typed one per line as ``name = value`` (``:`` and ``：`` work
too), e.g. ``current_category = 手机``; chain slots build the product chain,
``budget_range = 4000左右`` is read like a message, anything else is a
`SET_VAR` variable. A value is read as `chat --set` reads it (JSON when it
parses, else text) and checked the same way. `parse_variables` is plain Python.
"""
from __future__ import annotations

import re

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from typing import Any

from studio.engine.context import INITIAL_STAGE
from studio.engine.start import StartError, checked_value, read_value, shown_value
from studio.ui import theme

_SEPARATOR = re.compile(r"\s*[=:：]\s*")
_NAME = re.compile(r"^[^\W\d]\w*$")


def parse_variables(text: str) -> tuple[dict[str, Any], list[str]]:
    """(variables, problems): one ``name = value`` per line; blank lines and ``#`` comments skipped."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = _SEPARATOR.split(line, maxsplit=1)
        if len(parts) != 2 or not _NAME.match(parts[0]):
            problems.append(f"line {number}: expected “name = value”, got “{line}”")
            continue
        try:
            values[parts[0]] = checked_value(parts[0], read_value(parts[1]))
        except StartError as exc:
            problems.append(f"line {number}: {exc}")
    return values, problems


def format_variables(values: dict[str, Any]) -> str:
    return "".join(f"{k} = {shown_value(v)}\n" for k, v in values.items())


class StartFromDialog(QDialog):
    def __init__(self, stages: list[str], stage: str | None, variables: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start-from-dialog")
        self.setWindowTitle(self.tr("Start Conversation From…"))
        self.stage = QComboBox(self)
        self.stage.setEditable(True)
        for name in [INITIAL_STAGE] + [s for s in stages if s != INITIAL_STAGE]:
            self.stage.addItem(name)
        self.stage.setCurrentText(stage or INITIAL_STAGE)
        self.variables = QPlainTextEdit(format_variables(variables), self)
        self.variables.setFont(theme.editor_font(10))
        self.variables.setPlaceholderText("current_category = 手机\ncurrent_brand = 苹果\nbudget_range = 4000左右")
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {theme.TEST_FAILED.name()};")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("Stage:"), self.stage)
        form.addRow(self.tr("Variables:"), self.variables)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("One “name = value” per line; the conversation restarts from here."), self))
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def choice(self) -> tuple[str | None, dict[str, Any]]:
        stage = self.stage.currentText().strip()
        values, _ = parse_variables(self.variables.toPlainText())
        return (None if stage in ("", INITIAL_STAGE) else stage), values

    def _ok(self) -> None:
        _, problems = parse_variables(self.variables.toPlainText())
        if problems:
            self.error_label.setText("\n".join(problems))
            self.error_label.show()
            return
        self.accept()
