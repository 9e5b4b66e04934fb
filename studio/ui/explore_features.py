"""The studio's conversation-explorer features, wired into the main window in one place.

- The **Flow** dock (`flow_panel.FlowPanel`), tabbed with the Tests and Problems at the bottom.
- **Generate Tests for Rules Never Fired** in the Tests panel's toolbar (`generate_tests.TestGenerator`).
- **Find a Conversation That Fires This Rule** on a rule in the editor's gutter and in the
  Outline (right-click): the explored conversation replays in the chat tester; a rule no
  conversation reaches gets a status-bar message saying so, with the depth searched.

All three share one `ExploreRunner`, so the sample is explored once per analysis.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from studio.ui.explore_runner import ExploreRunner
from studio.ui.flow_panel import FlowPanel
from studio.ui.generate_tests import TestGenerator
from studio.ui.outline_panel import RULE_NAME_ROLE

STATUS_MS = 10000


def rule_place(analysis, name: str) -> tuple[str, int, int] | None:
    """(file, line, column) of the rule called `name` (its first place), or None."""
    for program in analysis.programs if analysis is not None else []:
        for rule in program.rules:
            if rule.name.text == name:
                return program.file, rule.span.line, rule.span.column
    return None


def rule_at_line(analysis, rel: str, line: int) -> str | None:
    """The name of the rule of `rel` whose text holds `line`, or None."""
    for program in analysis.programs if analysis is not None else []:
        if program.file != rel:
            continue
        for rule in program.rules:
            if rule.span.line <= line <= rule.span.end_line and rule.name.text:
                return rule.name.text
    return None


class ExploreFeatures(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.runner = ExploreRunner(window.workspace, parent=self)
        self.flow_panel = FlowPanel(window.workspace, self.runner, window)
        self.flow_dock = window.add_panel("flow-dock", self.tr("Flow"), self.flow_panel,
                                          Qt.DockWidgetArea.BottomDockWidgetArea, tabify_with=window.tests_dock)
        window.problems_dock.raise_()
        self.flow_panel.open_rule.connect(self.open_rule)

        self.generator = TestGenerator(window.workspace, self.runner, window.prompts, window)
        self.generate_action = QAction(self.tr("Generate Tests…"), window)
        self.generate_action.setToolTip(self.tr("Write a test for each rule that no test fires yet, "
                                                "from a shortest conversation that fires it"))
        self.generate_action.triggered.connect(self.generator.generate)
        window.tests_panel.add_tool_action(self.generate_action)
        self.generator.message.connect(self._generator_message)
        self.generator.tests_written.connect(self._tests_written)

        self._wanted_rule: str | None = None   # "find a conversation" waiting for the exploration
        self.runner.exploration_finished.connect(self._on_explored)
        self.runner.exploration_failed.connect(self._on_failed)
        self._hooked: set[int] = set()
        window.tabs.currentChanged.connect(self._hook_gutters)
        self._hook_gutters()
        outline = window.outline_panel.tree
        outline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        outline.customContextMenuRequested.connect(self._outline_menu_requested)

    # --- opening a rule -----------------------------------------------------------------------------

    @Slot(str)
    def open_rule(self, name: str) -> bool:
        place = rule_place(self.workspace.analysis, name)
        if place is None:
            return False
        self.window.open_location(*place)
        return True

    # --- find a conversation ------------------------------------------------------------------------

    def find_action(self, rule: str, parent) -> QAction:
        action = QAction(self.tr("Find a Conversation That Fires {rule}").format(rule=rule), parent)
        action.triggered.connect(lambda _=False, r=rule: self.find_conversation(r))
        return action

    @Slot(str)
    def find_conversation(self, rule: str) -> None:
        """Replay a shortest conversation that fires `rule` in the chat tester (explores if needed)."""
        self._wanted_rule = rule
        self._status(self.tr("Looking for a conversation that fires {rule}…").format(rule=rule))
        if not self.runner.request():
            self._wanted_rule = None
            self._status(self.tr("The rules are still being read…"))

    @Slot(object)
    def _on_explored(self, found) -> None:
        rule, self._wanted_rule = self._wanted_rule, None
        if rule is None:
            return
        conversation = found.rules.get(rule)
        if conversation is None:
            if rule not in found.rules:
                text = self.tr("{rule} cannot run: a syntax error cuts it short").format(rule=rule)
            else:
                text = self.tr("No conversation of up to {d} messages fires {rule}").format(d=found.depth, rule=rule)
            self._status(text)
            return
        chat = self.window.chat_panel
        if chat.llm_action.isChecked():   # the conversation was found offline: replay it so
            chat.set_llm_enabled(False)
        self.window.chat_dock.show()
        self.window.chat_dock.raise_()
        chat.replay(list(conversation))
        self._status(self.tr("{rule} fires on turn {n}: {turns}").format(rule=rule, n=len(conversation),
                                                                          turns=" → ".join(conversation)))

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        if self._wanted_rule is not None:
            self._wanted_rule = None
            last = text.strip().splitlines()[-1] if text.strip() else ""
            self._status(self.tr("The explorer failed: {error}").format(error=last))

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    # --- context menus ------------------------------------------------------------------------------

    @Slot()
    def _hook_gutters(self, *_args) -> None:
        for page in self.window.tabs.pages():
            gutter = page.editor.line_numbers
            if id(gutter) in self._hooked:
                continue
            self._hooked.add(id(gutter))
            gutter.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            gutter.customContextMenuRequested.connect(
                lambda at, p=page: self._show_menu(self.gutter_menu(p, at), p.editor.line_numbers, at))
            gutter.destroyed.connect(lambda _=None, key=id(gutter): self._hooked.discard(key))

    def gutter_menu(self, page, at: QPoint) -> QMenu | None:
        """The gutter's menu at `at` (gutter pixels): for the rule on that line, if any."""
        line = next((block.blockNumber() + 1 for block, top, bottom in page.editor.visible_blocks()
                     if top <= at.y() < bottom), None)
        rule = rule_at_line(self.workspace.analysis, page.rel, line) if line else None
        return self._rule_menu(rule, page.editor.line_numbers)

    @Slot(QPoint)
    def _outline_menu_requested(self, at: QPoint) -> None:
        tree = self.window.outline_panel.tree
        self._show_menu(self.outline_menu(at), tree.viewport(), at)

    def outline_menu(self, at: QPoint) -> QMenu | None:
        """The outline's menu at `at` (viewport pixels): for the rule of that entry, if any."""
        item = self.window.outline_panel.tree.itemAt(at)
        rule = item.data(0, RULE_NAME_ROLE) if item is not None else None
        return self._rule_menu(rule, self.window.outline_panel.tree)

    def _rule_menu(self, rule: str | None, parent) -> QMenu | None:
        if not rule:
            return None
        menu = QMenu(parent)
        menu.addAction(self.find_action(rule, menu))
        return menu

    @staticmethod
    def _show_menu(menu: QMenu | None, widget, at: QPoint) -> None:
        if menu is not None:
            menu.exec(widget.mapToGlobal(at))
            menu.deleteLater()

    # --- generating tests ---------------------------------------------------------------------------

    @Slot(str)
    def _generator_message(self, text: str) -> None:
        self.window.tests_panel.summary.setText(text)
        self._status(text)

    @Slot(list)
    def _tests_written(self, files: list) -> None:
        panel = self.window.tests_panel
        panel.refresh()
        if files:
            panel.select_file(files[0])
        self.window.tests_dock.show()
        self.window.tests_dock.raise_()
        panel.run_all()

    # --- lifetime -----------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Quit + wait the explorer's and the generator's threads."""
        self.runner.shutdown()
        self.generator.shutdown()
