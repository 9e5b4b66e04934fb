"""The main window's layout: its first size and its docks' sizes, the layout remembered across sessions.

A mixin of `MainWindow` (studio/ui/main_window.py), which composes the docks these methods size.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Slot
from PySide6.QtWidgets import QDockWidget

from studio.ui.recent_projects import open_files_key

LAYOUT_VERSION = 1


class WindowLayout:
    def _initial_size(self) -> None:
        """1440×900, or less on a small screen; docks at sizes that leave the editor the most room."""
        width, height = 1440, 900
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width, height = min(width, int(available.width() * 0.92)), min(height, int(available.height() * 0.9))
        self.resize(width, height)
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        left = [d for d in self._docks_in(Qt.DockWidgetArea.LeftDockWidgetArea)]
        right = [d for d in self._docks_in(Qt.DockWidgetArea.RightDockWidgetArea)]
        if left:
            self.resizeDocks(left[:1], [max(220, width // 6)], horizontal)
        if right:
            self.resizeDocks(right[:1], [max(420, width // 3)], horizontal)
        self.resizeDocks([self.problems_dock], [max(160, height // 4)], vertical)
        if len(left) > 1:
            self.resizeDocks(left[:2], [height // 3, height // 3], vertical)

    def _docks_in(self, area: Qt.DockWidgetArea) -> list[QDockWidget]:
        return [d for d in self.findChildren(QDockWidget) if self.dockWidgetArea(d) == area and not d.isFloating()]

    def _restore_layout(self) -> None:
        self._default_state = self.saveState(LAYOUT_VERSION)
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, LAYOUT_VERSION)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.setValue(open_files_key(self.workspace.project.root), self.tabs.rels())
        self.settings.sync()

    @Slot()
    def reset_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.findChildren(QDockWidget):
            dock.show()
