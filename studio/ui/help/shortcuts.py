"""The keyboard shortcuts, read from the window's own actions whenever they are shown, so the list
follows every action added, renamed or re-bound (and the language of its menus)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)


@dataclass(frozen=True)
class Shortcut:
    group: str   # the menu it is in, or "" for an action outside the menus (a panel's)
    text: str
    keys: str    # as the platform writes them: "Ctrl+S", several separated by ", "


def plain_text(text: str) -> str:
    """A menu text without its mnemonic: "&Save" → "Save", "保存(&S)" → "保存"."""
    text = re.sub(r"\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def keys_of(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if _typed(k))


def _typed(sequence: QKeySequence) -> bool:
    """Keys a user types: not the dedicated keys that the standard bindings add for other keyboards
    (the "Save", "Open", "Undo" keys of multimedia keyboards, Qt::Key_Back onwards; Sun's F13–F35)."""
    if sequence.isEmpty():
        return False
    key = sequence[0].key().value
    return key < Qt.Key.Key_Back.value and not Qt.Key.Key_F13.value <= key <= Qt.Key.Key_F35.value


def shortcuts_of(window) -> list[Shortcut]:
    """Every action of `window` with a shortcut: those of the menus in menu order, then the others."""
    found: list[Shortcut] = []
    seen: set[int] = set()

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), group)
            elif id(action) not in seen and keys_of(action):
                seen.add(id(action))
                found.append(Shortcut(group, plain_text(action.text()), keys_of(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), plain_text(top.text()))
    for action in window.actions() + window.findChildren(QAction):
        if id(action) not in seen and keys_of(action) and action.text():
            seen.add(id(action))
            found.append(Shortcut("", plain_text(action.text()), keys_of(action)))
    return found


class ShortcutsView(QWidget):
    """A searchable table of the window's shortcuts: menu, command, keys."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard-shortcuts")
        self.window_ = window
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("shortcuts-search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.filter)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("shortcuts-table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search commands and keys"))
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Shortcut")])
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Read the actions again (call when shown)."""
        rows = shortcuts_of(self.window_)
        self.table.setRowCount(len(rows))
        for row, shortcut in enumerate(rows):
            group = shortcut.group or self.tr("Panels")
            for column, text in enumerate((group, shortcut.text, shortcut.keys)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.filter(self.search_edit.text())

    @Slot(str)
    def filter(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.table.rowCount()):
            line = " ".join(self.table.item(row, c).text() for c in range(3)).lower()
            self.table.setRowHidden(row, not all(w in line for w in words))

    def shown_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(row, c).text() for c in range(3))
                for row in range(self.table.rowCount()) if not self.table.isRowHidden(row)]
