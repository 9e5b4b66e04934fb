"""The main window's actions and menus: File, Edit, Go, Project, Run, Chat, View, Help, and File ▸ Open Recent.

A mixin of `MainWindow` (studio/ui/main_window.py): the actions call the window's commands and the
panels' own actions. Its texts are translated in the `WindowMenus` context.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


class WindowMenus:
    def _action(self, text: str, slot, shortcut=None, *more_shortcuts) -> QAction:
        action = QAction(text, self)
        keys = []
        for key in (shortcut, *more_shortcuts):
            if isinstance(key, QKeySequence.StandardKey):
                keys += QKeySequence.keyBindings(key)
            elif key:
                keys.append(QKeySequence(key))
        if keys:
            action.setShortcuts(keys)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        SK = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New Rule File…"), self.project_panel.new_rule_file, SK.New)
        self.open_action = self._action(self.tr("&Open Project…"), self.choose_project, SK.Open)
        self.save_action = self._action(self.tr("&Save"), self.save_current, SK.Save)
        self.save_all_action = self._action(self.tr("Save A&ll"), self.save_all, "Ctrl+Shift+S")
        self.close_tab_action = self._action(self.tr("&Close Tab"), self.tabs.close_current, SK.Close)
        self.quit_action = self._action(self.tr("&Quit"), self.close, SK.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self._action(self.tr("&Undo"), lambda: self._editor_call("undo"), SK.Undo)
        self.redo_action = self._action(self.tr("&Redo"), lambda: self._editor_call("redo"), SK.Redo)
        self.cut_action = self._action(self.tr("Cu&t"), lambda: self._editor_call("cut"), SK.Cut)
        self.copy_action = self._action(self.tr("&Copy"), lambda: self._editor_call("copy"), SK.Copy)
        self.paste_action = self._action(self.tr("&Paste"), lambda: self._editor_call("paste"), SK.Paste)
        self.select_all_action = self._action(self.tr("Select &All"), lambda: self._editor_call("selectAll"),
                                              SK.SelectAll)
        for action in (self.undo_action, self.redo_action, self.cut_action, self.copy_action,
                       self.paste_action, self.select_all_action):
            # Inside the editor the editor's own keys apply; the menu entries serve the mouse.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.find_action = self._action(self.tr("&Find…"), self.find, SK.Find)
        self.replace_action = self._action(self.tr("R&eplace…"), self.replace, SK.Replace, "Ctrl+H")
        self.comment_action = self._action(self.tr("Toggle &Comment"), self.toggle_comment, "Ctrl+/")

        self.go_to_rule_action = self._action(self.tr("Go to &Rule…"), self.show_quick_open,
                                              "Ctrl+Shift+O", "Ctrl+P")
        self.next_problem_action = self._action(self.tr("&Next Problem"), lambda: self.step_problem(1), "F8")
        self.previous_problem_action = self._action(self.tr("&Previous Problem"), lambda: self.step_problem(-1),
                                                    "Shift+F8")
        self.check_action = self._action(self.tr("&Check Project"), self.workspace.analyze_now, "F5")
        self.reset_layout_action = self._action(self.tr("&Reset Layout"), self.reset_layout)
        self.about_action = self._action(self.tr("&About Rule Studio"), self.about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.open_action)
        self.recent_menu = self.file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_action)
        self.file_menu.addAction(self.save_all_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_tab_action)
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        for action in (self.undo_action, self.redo_action, None, self.cut_action, self.copy_action,
                       self.paste_action, self.select_all_action, None, self.find_action, self.replace_action,
                       None, self.comment_action):
            self.edit_menu.addSeparator() if action is None else self.edit_menu.addAction(action)
        self.edit_menu.aboutToShow.connect(self._update_edit_actions)

        self.go_menu = bar.addMenu(self.tr("&Go"))
        for action in (self.go_to_rule_action, None, self.next_problem_action, self.previous_problem_action):
            self.go_menu.addSeparator() if action is None else self.go_menu.addAction(action)

        self.project_menu = bar.addMenu(self.tr("&Project"))
        self.project_menu.addAction(self.check_action)
        self._create_chat_and_test_menus(bar)   # chat tester / tests panel

        self.view_menu = bar.addMenu(self.tr("&View"))
        for action in self._view_actions:
            self.view_menu.addAction(action)
        self._view_separator = self.view_menu.addSeparator()
        self.view_menu.addAction(self.reset_layout_action)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)
        from studio.ui.help import install as install_help   # Reference (F1), Shortcuts, Getting Started, About
        self.help_features = install_help(self)

    def _create_chat_and_test_menus(self, bar) -> None:
        """Run ▸ tests, Chat ▸ the chat tester's actions (chat tester / tests panel)."""
        self.run_tests_action = self._action(self.tr("Run All &Tests"), self.tests_panel.run_all, "Ctrl+F5")
        self.run_selected_tests_action = self._action(self.tr("Run &Selected Tests"), self.tests_panel.run_selected)
        self.run_menu = bar.addMenu(self.tr("&Run"))
        self.run_menu.addAction(self.run_tests_action)
        self.run_menu.addAction(self.run_selected_tests_action)
        chat = self.chat_panel
        chat.reset_action.setShortcut("Ctrl+Shift+R")
        self.addAction(chat.reset_action)
        self.chat_menu = bar.addMenu(self.tr("C&hat"))
        for action in (chat.reset_action, chat.start_action, None, chat.llm_action, chat.llm_settings_action, None,
                       chat.save_test_action):
            self.chat_menu.addSeparator() if action is None else self.chat_menu.addAction(action)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_projects():
            action = self.recent_menu.addAction(path)
            action.setEnabled(Path(path).is_dir())
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

