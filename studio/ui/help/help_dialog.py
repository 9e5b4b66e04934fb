"""The Help window: the DSL reference and the keyboard shortcuts, side by side in tabs; not modal,
so it can stay open beside the editor."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from studio.ui.help.reference_view import ReferenceView
from studio.ui.help.shortcuts import ShortcutsView

REFERENCE_TAB, SHORTCUTS_TAB = 0, 1


class HelpDialog(QDialog):
    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help-dialog")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.reference = ReferenceView(self)
        self.shortcuts = ShortcutsView(window, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.reference, "")
        self.tabs.addTab(self.shortcuts, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.resize(920, 620)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Rule Studio Help"))
        self.tabs.setTabText(REFERENCE_TAB, self.tr("DSL Reference"))
        self.tabs.setTabText(SHORTCUTS_TAB, self.tr("Keyboard Shortcuts"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_tab(self, tab: int) -> None:
        if tab == SHORTCUTS_TAB:
            self.shortcuts.refresh()
        self.tabs.setCurrentIndex(tab)
        self.show()
        self.raise_()
        self.activateWindow()
        (self.reference.search_edit if tab == REFERENCE_TAB else self.shortcuts.search_edit).setFocus()
