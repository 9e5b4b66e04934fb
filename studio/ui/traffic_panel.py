"""The Traffic panel: customer logs replayed on the current rules; what they miss, and where.

Open Logs… (JSON Lines, CSV, Excel) replays them in `TrafficRunner`'s worker
thread on the analysis the editors show, unsaved edits included, with a
progress bar and Cancel. The result shows the figures of `rule-studio replay`,
bar charts of the turns per intent and per rule, the unhandled messages in
groups (largest first), the rules never fired and the errors in the logs.

Select an example of a group: its conversation, read from the log (in the
worker thread: a big log takes a while), shows on the right. Double-click an example or a message: the chat tester replays the
conversation up to it. Save as Test replays the shown conversation and opens
the chat tester's Save as Test. Export HTML… writes the report `replay --html`
writes. `install_traffic_panel(window)` docks it and wires it to the window.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QProgressBar, QPushButton,
                               QScrollArea, QSplitter, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from studio.files import reason_of
from studio.ui import theme
from studio.ui.bar_chart import BarChart
from studio.ui.traffic_worker import TrafficResult, TrafficRunner

MAX_BARS = 30
PLACE_ROLE = Qt.ItemDataRole.UserRole   # (conversation, file, line) of an example or a message


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


class TrafficPanel(QWidget):
    replay_requested = Signal(list, int)      # the conversation's messages, the turn to select
    save_test_requested = Signal(list)        # the messages of a logged conversation

    def __init__(self, workspace, prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("traffic-panel")
        self.workspace = workspace
        self.prompts = prompts
        self.logs: list[str] = []
        self.result: TrafficResult | None = None
        self.conversation: list = []   # the LogMessages shown on the right
        self.runner = TrafficRunner(workspace, self)
        self.runner.run_started.connect(self._on_started)
        self.runner.run_progressed.connect(self._on_progressed)
        self.runner.run_finished.connect(self._on_finished)
        self.runner.run_cancelled.connect(self._on_cancelled)
        self.runner.run_failed.connect(self._on_failed)
        self.runner.conversation_read.connect(self._on_conversation_read)
        workspace.analysis_finished.connect(self._on_analysis)
        self._replayed_analysis = None
        self._replay_when_read = False
        self._build_ui()
        self._set_running(False)

    def title(self) -> str:
        return self.tr("Traffic")

    # --- layout --------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.open_button = QPushButton(self.tr("Open Logs…"), self)
        self.open_button.clicked.connect(self.choose_logs)
        self.again_button = QPushButton(self.tr("Replay Again"), self)
        self.again_button.setToolTip(self.tr("Replay the same logs on the rules as they are now"))
        self.again_button.clicked.connect(self.replay_again)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.export_button = QPushButton(self.tr("Export HTML…"), self)
        self.export_button.clicked.connect(self.export_html)
        self.save_test_button = QPushButton(self.tr("Save as Test"), self)
        self.save_test_button.setToolTip(self.tr("Replay the conversation shown on the right in the chat "
                                                 "tester and save it as a conversation test"))
        self.save_test_button.clicked.connect(self.save_as_test)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.status_label = QLabel(self.tr("Open customer logs (JSON Lines, CSV, Excel) to replay them "
                                           "on the current rules."), self)
        self.status_label.setWordWrap(True)
        bar = QHBoxLayout()
        for button in (self.open_button, self.again_button, self.cancel_button):
            bar.addWidget(button)
        bar.addWidget(self.progress, 2)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.save_test_button)

        self.figures = QLabel(self)
        self.figures.setObjectName("traffic-figures")
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._unhandled_tab(), self.tr("Unhandled"))
        self.tabs.addTab(self._charts_tab(), self.tr("Charts"))
        self.never_list = QListWidget(self)
        self.tabs.addTab(self.never_list, self.tr("Never Fired"))
        self.errors_list = QListWidget(self)
        self.tabs.addTab(self.errors_list, self.tr("Errors"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.figures)
        layout.addWidget(self.tabs, 1)

    def _unhandled_tab(self) -> QWidget:
        self.groups_tree = QTreeWidget(self)
        self.groups_tree.setObjectName("traffic-groups")
        self.groups_tree.setHeaderLabels([self.tr("Message"), self.tr("Turns"), self.tr("Share")])
        self.groups_tree.setUniformRowHeights(True)
        header = self.groups_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.groups_tree.currentItemChanged.connect(self._example_selected)
        self.groups_tree.itemDoubleClicked.connect(self._example_activated)
        self.conversation_title = QLabel(self.tr("Conversation"), self)
        self.conversation_list = QListWidget(self)
        self.conversation_list.setObjectName("traffic-conversation")
        self.conversation_list.setWordWrap(True)
        self.conversation_list.itemDoubleClicked.connect(self._message_activated)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.conversation_title)
        column.addWidget(self.conversation_list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.groups_tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return splitter

    def _charts_tab(self) -> QWidget:
        self.intent_chart = BarChart("TRAFFIC_INTENT_BAR", self)
        self.rule_chart = BarChart("TRAFFIC_RULE_BAR", self)
        self.intent_title = QLabel(self.tr("Turns per intent"), self)
        self.rule_title = QLabel(self.tr("Turns per rule"), self)
        inner = QWidget(self)
        layout = QHBoxLayout(inner)   # side by side: the panel is wide and low
        for title, chart in ((self.intent_title, self.intent_chart), (self.rule_title, self.rule_chart)):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(chart)
            column.addStretch(1)
            layout.addLayout(column, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    # --- running -------------------------------------------------------------------------------

    @Slot()
    def choose_logs(self) -> None:
        folder = str(Path(self.logs[0]).parent) if self.logs else str(self.workspace.project.root)
        logs = self.prompts.open_log_files(self, folder)
        if logs:
            self.open_logs(logs)

    def open_logs(self, logs: list[str]) -> bool:
        """Replay `logs` on the current rules (what Open Logs… does once the files are chosen)."""
        self.logs = [str(log) for log in logs]
        return self.replay_again()

    @Slot()
    def replay_again(self) -> bool:
        started = self.runner.start(self.logs)
        if not started and self.logs:
            self.status_label.setText(self.tr("The rules are still being checked: try again in a moment."))
        return started

    def _set_running(self, running: bool) -> None:
        self.cancel_button.setEnabled(running)
        self.open_button.setEnabled(not running)
        self.again_button.setEnabled(not running and bool(self.logs))
        self.export_button.setEnabled(not running and self.result is not None)
        self.save_test_button.setEnabled(not running and bool(self.conversation))
        self.progress.setVisible(running)

    @Slot(object)
    def _on_analysis(self, analysis) -> None:
        if self.result is not None and not self.runner.is_running() and analysis is not self._replayed_analysis:
            self.status_label.setText(self.tr("The rules or the knowledge changed since this replay: "
                                              "Replay Again to see what that does to the logs."))

    @Slot()
    def _on_started(self) -> None:
        self._replayed_analysis = self.workspace.analysis
        self._set_running(True)
        self.progress.setRange(0, 0)
        names = ", ".join(Path(log).name for log in self.logs)
        self.status_label.setText(self.tr("Replaying {files}…").format(files=names))

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(self.tr("{done} of {total} turns").format(done=f"{done:,}", total=f"{total:,}"))
        else:
            self.progress.setRange(0, 0)

    @Slot()
    def _on_cancelled(self) -> None:
        self._set_running(False)
        if self.result is not None:
            self.status_label.setText(self.tr("Replay cancelled: the figures below are from the last full replay."))
        else:
            self.status_label.setText(self.tr("Replay cancelled."))

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        self._set_running(False)
        last = text.strip().splitlines()[-1] if text.strip() else ""
        self.status_label.setText(self.tr("The replay failed: {error}").format(error=last))

    @Slot(object)
    def _on_finished(self, result: TrafficResult) -> None:
        self.result = result
        report = result.report
        self.status_label.setText(self.tr("{turns} turns in {conversations} conversations from {n} log file(s)")
                                  .format(turns=f"{report['turns']:,}", conversations=f"{report['conversations']:,}",
                                          n=len(result.logs)))
        self._show_figures(report)
        no_intent = self.tr("(no intent)")
        intents = [(name or no_intent, count) for name, count in report["by_intent"].items()]
        self.intent_chart.set_items(intents[:MAX_BARS], frozenset({no_intent}))
        self.rule_chart.set_items(list(report["by_rule"].items())[:MAX_BARS], frozenset(result.fallback_rules))
        self.never_list.clear()
        self.never_list.addItems(report["never_fired"])
        self.errors_list.clear()
        self.errors_list.addItems([f"{Path(e['file']).name}:{e['line']}: {e['message']}" for e in report["errors"]])
        self.tabs.setTabText(2, self.tr("Never Fired ({n})").format(n=len(report["never_fired"])))
        self.tabs.setTabText(3, self.tr("Errors ({n})").format(n=len(report["errors"])))
        self._show_groups(report, result.where)
        self._show_conversation([])
        self._set_running(False)

    def follow_theme(self) -> None:
        """The figures' warning colour is the theme's (the charts read theirs when they paint)."""
        if self.result is not None:
            self._show_figures(self.result.report)

    def _show_figures(self, report: dict) -> None:
        turns = report["turns"]
        warn = theme.TRAFFIC_WARN_TEXT.name()

        def cell(label: str, value: int, of: int | None = None) -> str:
            colour = f' style="color:{warn}"' if of is not None and value else ""
            extra = f" <small>{share(value, of)}</small>" if of is not None else ""
            return (f'<td style="padding-right:18px"><span style="font-size:15pt; font-weight:bold"{colour}>'
                    f'{value:,}</span>{extra}<br><small>{label}</small></td>')

        self.figures.setText("<table><tr>" + "".join([
            cell(self.tr("turns"), turns), cell(self.tr("conversations"), report["conversations"]),
            cell(self.tr("no intent"), report["no_intent"], turns), cell(self.tr("fallback"), report["fallback"], turns),
            cell(self.tr("empty replies"), report["empty_reply"], turns)]) + "</tr></table>")

    def _show_groups(self, report: dict, where: dict) -> None:
        self.groups_tree.clear()
        turns = report["turns"]
        for group in report["unhandled"]:
            item = QTreeWidgetItem([group["text"], f"{group['count']:,}", share(group["count"], turns)])
            item.setToolTip(0, group["text"])
            for example in group["examples"]:
                child = QTreeWidgetItem(item, [example])
                child.setData(0, PLACE_ROLE, where.get(example))
                child.setToolTip(0, self.tr("Double-click: replay its conversation up to here in the chat tester"))
            self.groups_tree.addTopLevelItem(item)

    # --- conversations ---------------------------------------------------------------------------

    def _show_conversation(self, messages: list) -> None:
        self.conversation = messages
        self.conversation_list.clear()
        for message in messages:
            item = QListWidgetItem(message.text, self.conversation_list)
            item.setData(PLACE_ROLE, (message.conversation, message.file, message.line))
        if messages:
            first = messages[0]
            self.conversation_title.setText(self.tr("Conversation {id} ({file}), up to the example:").format(
                id=first.conversation, file=Path(first.file).name))
            self.conversation_list.setCurrentRow(len(messages) - 1)
        else:
            self.conversation_title.setText(self.tr("Conversation"))
        self._set_running(self.runner.is_running())

    def _example_selected(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        place = current.data(0, PLACE_ROLE) if current is not None else None
        if place and self.result is not None:
            self._replay_when_read = False
            self.runner.read_conversation(self.result.logs, place)

    def _example_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if item.parent() is None:   # a group: its first example is what it stands for
            item = item.child(0) if item.childCount() else None
        place = item.data(0, PLACE_ROLE) if item is not None else None
        if place and self.result is not None:
            self._replay_when_read = True
            self.runner.read_conversation(self.result.logs, place)

    @Slot(object, list)
    def _on_conversation_read(self, _place, messages: list) -> None:
        self._show_conversation(messages)
        if self._replay_when_read and messages:
            self.replay_requested.emit([m.text for m in messages], len(messages) - 1)

    def _message_activated(self, item: QListWidgetItem) -> None:
        row = self.conversation_list.row(item)
        self.replay_requested.emit([m.text for m in self.conversation[: row + 1]], row)

    @Slot()
    def save_as_test(self) -> None:
        if self.conversation:
            self.save_test_requested.emit([m.text for m in self.conversation])

    @Slot()
    def export_html(self) -> str | None:
        """Write the report of the last replay as one HTML file; the path, or None."""
        if self.result is None:
            return None
        path = self.prompts.save_file_name(self, self.tr("Export Traffic Report"),
                                           str(Path(self.result.logs[0]).with_suffix(".html")),
                                           self.tr("HTML report (*.html)"))
        if not path:
            return None
        from studio.traffic.report_html import render
        page = render(self.result.report, self.result.project, self.result.logs, self.result.fallback_rules)
        try:
            Path(path).write_text(page, encoding="utf-8")
        except OSError as exc:
            self.prompts.error(self, self.tr("Cannot Export"), self.tr("Cannot write {file}: {reason}").format(
                file=path, reason=reason_of(exc)))
            return None
        self.status_label.setText(self.tr("Report written to {file}").format(file=path))
        return path

    def shutdown(self) -> bool:
        return self.runner.shutdown()


def install_traffic_panel(window) -> TrafficPanel:
    """Dock the Traffic panel at the bottom (tabbed with the Tests) and wire it to the chat tester."""
    panel = TrafficPanel(window.workspace, window.prompts, window)
    panel.dock = window.add_panel("traffic-dock", panel.title(), panel, Qt.DockWidgetArea.BottomDockWidgetArea,
                                  tabify_with=window.tests_dock)
    window.problems_dock.raise_()
    chat = window.chat_panel
    saving = {"pending": False}

    def replay_in_chat(messages: list, turn: int) -> None:
        if chat.llm_action.isChecked():   # the logs were replayed offline: so is the conversation
            chat.set_llm_enabled(False)
        window.chat_dock.show()
        window.chat_dock.raise_()
        chat.replay(messages, select=turn)

    def save_conversation(messages: list) -> None:
        saving["pending"] = True
        replay_in_chat(messages, len(messages) - 1)

    def replayed(_turn: int) -> None:
        if saving["pending"]:
            saving["pending"] = False
            chat.save_as_test()

    panel.replay_requested.connect(replay_in_chat)
    panel.save_test_requested.connect(save_conversation)
    chat.replay_finished.connect(replayed)
    return panel


__all__ = ["TrafficPanel", "install_traffic_panel", "share"]
