"""Old and new side by side for the first turn of a conversation that behaves differently.

A title (source, turn, the customer's message), then one row per compared
field — intent, rule, stage, product chain, reply — with the old version on
the left and the new one on the right; the rows that differ are coloured.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from studio.ui import theme
from studio.versions.behaviour import source_label

FIELDS = ("intent", "rule", "stage", "product_chain", "reply")   # short ones first: the reply may be long


def shown_value(key: str, value) -> str:
    if value is None or value == []:
        return "—"
    if key == "product_chain":
        return " → ".join(name for _slot, name in value)   # as the chat tester shows the chain
    return str(value)


class TurnComparison(QWidget):
    """Shows `show_change(change)` (a `studio.versions.behaviour.Change`); its button asks for the replay."""

    replay_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("turn-comparison")
        self.change = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.replay_button = QPushButton(self.tr("Replay in Chat"), self)
        self.replay_button.setToolTip(self.tr("Replay this conversation (current rules) in the chat tester, "
                                              "up to the turn that differs"))
        self.replay_button.clicked.connect(self.replay_requested)
        self.replay_button.setEnabled(False)
        self.table = QTableWidget(len(FIELDS), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Before"), self.tr("Now")])
        self.table.setVerticalHeaderLabels(self.field_names())
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Rows are fitted to the wrapped text by hand once the columns have their width: the header's
        # ResizeToContents measures before the stretch and leaves rows far too tall.
        self.table.horizontalHeader().sectionResized.connect(self._fit_rows)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.replay_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.clear()

    def field_names(self) -> list[str]:
        return [self.tr("Intent"), self.tr("Rule"), self.tr("Stage"), self.tr("Chain"), self.tr("Reply")]

    def clear(self) -> None:
        self.change = None
        self.title.setText(self.tr("Choose a changed conversation to see its turn before and now."))
        self.replay_button.setEnabled(False)
        for row in range(len(FIELDS)):
            for column in range(2):
                self.table.setItem(row, column, QTableWidgetItem(""))

    def show_change(self, change) -> None:
        self.change = change
        self.title.setText(self.tr("{source}, turn {n}: “{message}”").format(
            source=source_label(change.source), n=change.turn + 1, message=change.new.input or self.tr("(the opening turn)")))
        self.replay_button.setEnabled(True)
        old, new = change.old.to_json(), change.new.to_json()
        for row, key in enumerate(FIELDS):
            differs = old[key] != new[key]
            for column, (value, color) in enumerate(((old[key], theme.CHANGE_OLD_BACKGROUND),
                                                     (new[key], theme.CHANGE_NEW_BACKGROUND))):
                item = QTableWidgetItem(shown_value(key, value))
                if differs:
                    item.setBackground(QBrush(color))
                self.table.setItem(row, column, item)
        self._fit_rows()

    def follow_theme(self) -> None:
        """Colour the rows that differ in the current theme's old and new backgrounds."""
        if self.change is not None:
            self.show_change(self.change)

    def _fit_rows(self, *_args) -> None:
        QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)   # not once the table is gone

    def cell_text(self, key: str, side: str) -> str:
        """The text shown for field `key` on side "old" or "new" (what the user reads)."""
        return self.table.item(FIELDS.index(key), 0 if side == "old" else 1).text()
