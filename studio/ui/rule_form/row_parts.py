"""Small pieces shared by the form's rows: the condition rows and groups (conditions.py), the actions
(actions.py) and the rule as a whole (panel.py).

A newly chosen kind's first arguments, the NOT toggle, and the line under a
row that lists its diagnostics coloured by severity.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from studio.authoring import Vocabulary
from studio.authoring.kinds import IDENT, NUMBER, STRING, args_of
from studio.diagnostics import Diagnostic
from studio.ui import theme
from studio.ui.rule_form.labels import KindLabels


def fresh_args(kind: str, vocabulary: Vocabulary) -> list:
    """Arguments for a newly chosen kind: the first choice the vocabulary offers, else empty / 1."""
    args: list = []
    for index, arg in enumerate(args_of(kind)):
        if arg.optional:
            break
        choices = vocabulary.choices(kind, index, args)
        if arg.type == NUMBER:
            args.append(choices[0] if choices else 1)
        elif arg.type in (IDENT, STRING) and choices and arg.choices != "values":
            args.append(choices[0])
        else:
            args.append("")
    return args


def not_toggle(checked: bool, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    text, tip = KindLabels(button).negate()
    button.setText(text)
    button.setCheckable(True)
    button.setChecked(checked)
    button.setToolTip(tip)
    return button


def diagnostics_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setObjectName("row-diagnostics")
    label.hide()
    return label


def show_diagnostics(label: QLabel, diagnostics: list[Diagnostic]) -> None:
    """The diagnostics as lines coloured by severity (worst first), or nothing."""
    if not diagnostics:
        label.clear()
        label.hide()
        return
    worst = min(diagnostics, key=lambda d: d.severity.rank)
    label.setStyleSheet(f"color: {theme.SEVERITY_COLORS[worst.severity].name()};")
    label.setText("\n".join(f"● {d.code}: {d.message}" for d in sorted(diagnostics, key=lambda d: d.severity.rank)))
    label.show()
