"""The Help menu: DSL Reference (F1, at the keyword under the editor's cursor), Keyboard Shortcuts,
Getting Started (shown by itself on a first run) and About.

`install(window)` adds it all to a `MainWindow`; the window keeps the returned `HelpFeatures`.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea

from studio.dsl import reference
from studio.ui.help.about import AboutDialog
from studio.ui.help.getting_started import CLOSED_KEY, GettingStarted, GettingStartedDock
from studio.ui.help.help_dialog import REFERENCE_TAB, SHORTCUTS_TAB, HelpDialog


def install(window) -> "HelpFeatures":
    return HelpFeatures(window)


def word_at(text: str, utf16_column: int) -> str:
    """The word (letters, digits, _) around a cursor at `utf16_column` of the line `text`."""
    index = len(text.encode("utf-16-le")[: 2 * utf16_column].decode("utf-16-le", errors="ignore"))
    start, end = index, index
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return text[start:end]


def keyword_under_cursor(editor) -> str:
    """The language keyword under the editor's cursor, or "" when the word there is none."""
    cursor = editor.textCursor()
    word = word_at(cursor.block().text(), cursor.positionInBlock())
    return word if reference.entry(word) is not None else ""


class HelpFeatures(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.settings: QSettings = window.settings
        self.dialog: HelpDialog | None = None
        self.about_dialog: AboutDialog | None = None
        self.guide: GettingStarted | None = None
        self.guide_dock: GettingStartedDock | None = None

        self.reference_action = self._action(self.show_reference_at_cursor, "F1")
        self.shortcuts_action = self._action(self.show_shortcuts)
        self.getting_started_action = self._action(self.show_getting_started)
        menu, about = window.help_menu, window.about_action
        for action in (self.reference_action, self.shortcuts_action, self.getting_started_action):
            menu.insertAction(about, action)
        menu.insertSeparator(about)   # About (the window's action) calls show_about
        self.retranslate()
        window.installEventFilter(self)
        QTimer.singleShot(0, self, self.show_getting_started_on_first_run)

    def _action(self, slot, shortcut: str | None = None) -> QAction:
        action = QAction(self.window_)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.window_.addAction(action)
        return action

    def retranslate(self) -> None:
        self.reference_action.setText(self.tr("DSL &Reference"))
        self.shortcuts_action.setText(self.tr("&Keyboard Shortcuts"))
        self.getting_started_action.setText(self.tr("&Getting Started"))
        if self.guide_dock is not None:
            self.guide_dock.setWindowTitle(self.tr("Getting Started"))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window_ and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # --- reference and shortcuts -----------------------------------------------------------------

    def help_dialog(self) -> HelpDialog:
        if self.dialog is None:
            self.dialog = HelpDialog(self.window_, self.window_)
        return self.dialog

    @Slot()
    def show_reference_at_cursor(self) -> HelpDialog:
        """F1: the reference, at the entry of the keyword under the rule editor's cursor if any."""
        editor = self.window_.tabs.current_editor()
        return self.show_reference(keyword_under_cursor(editor) if editor is not None else "")

    def show_reference(self, keyword: str = "") -> HelpDialog:
        dialog = self.help_dialog()
        dialog.show_tab(REFERENCE_TAB)
        if keyword:
            dialog.reference.show_keyword(keyword)
        return dialog

    @Slot()
    def show_shortcuts(self) -> HelpDialog:
        dialog = self.help_dialog()
        dialog.show_tab(SHORTCUTS_TAB)
        return dialog

    @Slot()
    def show_about(self) -> AboutDialog:
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self.window_)
        self.about_dialog.show()
        self.about_dialog.raise_()
        return self.about_dialog

    # --- getting started ---------------------------------------------------------------------------

    @Slot()
    def show_getting_started_on_first_run(self, headless_too: bool = False) -> bool:
        """Show the page unless the user closed it once; never by itself without a screen (tests, CI)
        unless `headless_too`. True when shown."""
        from studio.ui.app import is_headless
        if self.settings.value(CLOSED_KEY, False, type=bool):
            return False
        if not headless_too and is_headless(QApplication.instance()):
            return False
        if getattr(self.window_, "_closed", False):
            return False
        self.show_getting_started()
        return True

    @Slot()
    def show_getting_started(self) -> GettingStarted:
        window = self.window_
        if self.guide_dock is None:
            self.guide = GettingStarted(window, self.settings)
            self.guide_dock = GettingStartedDock(window)
            self.guide_dock.setObjectName("getting-started-dock")
            scroller = QScrollArea(self.guide_dock)   # wrapped step texts keep their height in a short dock
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setWidget(self.guide)
            self.guide_dock.setWidget(scroller)
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.guide_dock)
            window.tabifyDockWidget(window.outline_dock, self.guide_dock)
            window.resizeDocks([self.guide_dock], [max(300, self.guide_dock.width())], Qt.Orientation.Horizontal)
            window.resizeDocks([window.project_dock, self.guide_dock], [1, 2], Qt.Orientation.Vertical)
            self.guide_dock.closed.connect(self._guide_closed)
            self.guide.close_requested.connect(self.guide_dock.close)
            self.retranslate()
        self.guide_dock.show()
        self.guide_dock.raise_()
        return self.guide

    @Slot()
    def _guide_closed(self) -> None:
        self.settings.setValue(CLOSED_KEY, True)
