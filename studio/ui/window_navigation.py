"""Opening files and places from the main window: a rule at a line, a knowledge entry, a conversation test,
a problem's witness replayed in the chat; the files a project had open.

A mixin of `MainWindow` (studio/ui/main_window.py): the panels' "open this" signals are wired to these slots.
"""
from __future__ import annotations

from PySide6.QtCore import Slot

from studio.ui.quick_open import outline_targets
from studio.ui.recent_projects import open_files_key, string_list


class WindowNavigation:
    @Slot(str, int, int)
    def open_knowledge_as_text(self, rel: str, line: int, column: int) -> None:
        """A knowledge file the panel cannot show as a tree: its text in a tab, squiggled where it breaks."""
        if not self.tabs.go_to(rel, line, column):
            return
        self.tabs.page(rel).editor.set_diagnostics(
            [d for d in self.workspace.knowledge_diagnostics if d.file == rel])

    @Slot(object, int)
    def open_test_in_chat(self, test, turn: int) -> None:
        """Replay a test in the chat tester up to `turn` and show that turn's trace (tests panel)."""
        self.chat_dock.show()
        self.chat_dock.raise_()
        self.chat_panel.replay_test(test, turn)

    @Slot(object)
    def try_witness(self, diagnostic) -> None:
        """Open the chat tester in the situation of a problem's witness and send its message."""
        witness = diagnostic.witness
        variables = dict(witness.get("context") or {})
        stage = variables.pop("current_stage", None)
        self.chat_dock.show()
        self.chat_dock.raise_()
        self.chat_panel.replay([witness["message"]], stage, variables)

    @Slot(str)
    def open_knowledge_file(self, rel: str) -> None:
        """The project panel / problems panel asked for a knowledge file (or a place in it)."""
        self.knowledge_dock.show()
        self.knowledge_dock.raise_()

    @Slot(str)
    def open_conversation(self, rel: str) -> None:
        """The project panel asked for a conversation test: its tab, and its row in the Tests panel."""
        self.tabs.open_file(rel)
        self.tests_panel.select_file(rel)
        self.tests_dock.show()
        self.tests_dock.raise_()

    def _open_initial_files(self) -> None:
        key = open_files_key(self.workspace.project.root)
        existing = set(self.workspace.rule_file_rels())
        wanted = [rel for rel in string_list(self.settings.value(key)) if rel in existing]
        if not wanted and existing:
            wanted = self.workspace.rule_file_rels()[:1]
        for rel in wanted:
            self.tabs.open_file(rel, focus=False)
        if self.tabs.count():
            self.tabs.setCurrentIndex(0)

    @Slot(str)
    def _open_rule_file(self, rel: str) -> None:
        self.tabs.open_file(rel)

    @Slot(str, int, int)
    def open_location(self, file: str, line: int, column: int) -> None:
        if file.startswith("rules/") or file.endswith(".dsl"):
            self.tabs.go_to(file, line, column)
        elif file == "knowledge" or file.startswith("knowledge/"):
            self.open_knowledge_file(file)
            if any(d.code == "K100" and d.file == file for d in self.workspace.knowledge_diagnostics):
                self.open_knowledge_as_text(file, line, column)   # not in the tree: fix it as text
            else:
                self.knowledge_panel.select_location(file, line, column)
        elif file.startswith("conversations/"):
            self.open_conversation(file)

    @Slot(int, int)
    def _outline_go_to(self, line: int, column: int) -> None:
        self.tabs.go_to(self.outline_panel.file, line, column)

    @Slot()
    def show_quick_open(self) -> None:
        analysis = self.workspace.analysis
        self.quick_open.set_targets(outline_targets(analysis.programs) if analysis else [])
        self.quick_open.popup(self.tabs)
