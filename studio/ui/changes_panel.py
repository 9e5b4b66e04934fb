"""The Changes panel: what the edits since another version changed, in the files and in the behaviour.

Against a git revision (default HEAD) or another project folder, chosen in the
toolbar, it lists the project files that differ (select one: its inline diff,
highlighted as in the editor) and every conversation that now behaves
differently at its first differing turn (select one: the turn before and now,
side by side; double-click: the chat tester replays it up to that turn).

The comparison runs in `ChangesRunner`'s worker thread: after each save while
the panel is in view (else as soon as its tab comes to the front), on Refresh, and
when another revision or folder is chosen. `install_changes_panel(window)`
docks it and wires it to the window.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSplitter, QTabWidget, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from studio.ui import theme
from studio.ui.changes_worker import ChangesRunner, ProjectChanges
from studio.ui.diff_view import DiffView
from studio.ui.turn_compare import TurnComparison, shown_value
from studio.versions.behaviour import OPENING_TURN, Change, source_label

SAVE_DELAY_MS = 400        # saves in a burst (Save All) make one comparison
SHOWN_REPLY = 40           # characters of a reply in the list (the comparison has it whole)
CHANGE_ROLE = Qt.ItemDataRole.UserRole
REVISIONS = ("HEAD", "HEAD~1", "HEAD~2")


def in_git_repository(folder: Path) -> bool:
    """Whether `folder` or one of its parents holds a `.git` (a folder, or a file for a worktree)."""
    folder = folder.resolve()
    return any((place / ".git").exists() for place in (folder, *folder.parents))


def shortened(text: str, limit: int = SHOWN_REPLY) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"



def status_colour(status: str):
    """The dot of a changed file: modified, added or deleted (the current theme's)."""
    return {"added": theme.DIFF_ADDED_MARK, "deleted": theme.DIFF_REMOVED_MARK}.get(status, theme.DIFF_MODIFIED_MARK)

class ChangesPanel(QWidget):
    replay_requested = Signal(list, object, dict, int)   # messages, start stage, start variables, turn to select
    comparison_finished = Signal()                       # the lists show a new result (or a message)

    def __init__(self, workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changes-panel")
        self.workspace = workspace
        self.root = Path(workspace.project.root)
        self.result: ProjectChanges | None = None
        self._stale = True   # a save (or the start) happened since the last comparison
        self._in_view = False
        self.runner = ChangesRunner(self.root, self)
        self.runner.changes_started.connect(self._on_started)
        self.runner.changes_finished.connect(self._on_finished)
        self.runner.changes_failed.connect(self._on_failed)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.refresh)
        self._build()
        workspace.file_saved.connect(self._saved)
        workspace.knowledge_saved.connect(self._saved)
        workspace.files_changed.connect(self._saved)

    def _build(self) -> None:
        self.against_box = QComboBox(self)
        self.against_box.setEditable(True)
        self.against_box.addItems(REVISIONS)
        self.against_box.setMinimumContentsLength(14)
        self.against_box.setToolTip(self.tr("A git revision (branch, tag, commit, HEAD~2) or another project "
                                            "folder to compare the project on disk with"))
        self.against_box.activated.connect(lambda _index: self.refresh())
        self.against_box.lineEdit().returnPressed.connect(self.refresh)
        self.folder_button = QPushButton(self.tr("Folder…"), self)
        self.folder_button.setToolTip(self.tr("Compare with another project folder"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel(self)
        self.status.setObjectName("changes-status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Compare with:"), self))
        bar.addWidget(self.against_box)
        bar.addWidget(self.folder_button)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.status, 1)

        self.files = QListWidget(self)
        self.files.setObjectName("changes-files")
        self.files.currentItemChanged.connect(self._file_chosen)
        self.conversations = QTreeWidget(self)
        self.conversations.setObjectName("changes-conversations")
        self.conversations.setHeaderLabels([self.tr("Source"), self.tr("Turn"), self.tr("Input"),
                                            self.tr("What changed")])
        self.conversations.setRootIsDecorated(False)
        self.conversations.setUniformRowHeights(True)
        self.conversations.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conversations.currentItemChanged.connect(self._change_chosen)
        self.conversations.itemActivated.connect(self._change_activated)   # double-click, Enter
        self.diff_view = DiffView(self)
        self.comparison = TurnComparison(self)
        self.comparison.replay_requested.connect(self.replay_current)
        self.details = QTabWidget(self)
        self.details.addTab(self.diff_view, self.tr("File Diff"))
        self.details.addTab(self.comparison, self.tr("Turn Before / Now"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (self.files, self.conversations, self.details):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([190, 450, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.diff_view.show_message(self.tr("Choose a changed file to see its diff."))

    def title(self) -> str:
        return self.tr("Changes")

    # --- running --------------------------------------------------------------------------------

    def against(self) -> str:
        return self.against_box.currentText().strip() or REVISIONS[0]

    @Slot()
    def refresh(self) -> bool:
        """Compare with the chosen revision or folder in the worker; False when it cannot even start."""
        self._save_timer.stop()
        self._stale = False
        against = self.against()
        if not self._is_folder(against) and not in_git_repository(self.root):
            self._show_problem(self.tr("This project is not in a git repository: there is no revision to "
                                       "compare with. Choose another project folder (Folder…) instead."))
            return False
        return self.runner.request(against)

    def _is_folder(self, against: str) -> bool:
        folder = Path(against).expanduser()
        return (folder if folder.is_absolute() else self.root / folder).is_dir()

    @Slot()
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Compare With Project Folder"), str(self.root.parent))
        if folder:
            self.set_against(folder)

    def set_against(self, against: str) -> None:
        """Compare with `against` (a revision or a folder) from now on, and at once."""
        self.against_box.setCurrentText(against)
        self.refresh()

    @Slot()
    def _saved(self, *_args) -> None:
        self._stale = True
        if self._in_view:
            self._save_timer.start()

    @Slot(bool)
    def set_in_view(self, in_view: bool) -> None:
        """The dock's tab came to the front (or went behind another, or closed): a tabbed dock is
        moved out of sight rather than hidden, so `isVisible()` cannot tell."""
        self._in_view = in_view
        if in_view and self._stale:
            self._save_timer.start(0)

    @Slot(str)
    def _on_started(self, against: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Comparing with {against}…").format(against=against))

    @Slot(object)
    def _on_finished(self, result: ProjectChanges) -> None:
        self.result = result
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Against {version}: {files} file(s) changed, {changed} conversation(s) behave "
                                    "differently, {unchanged} unchanged").format(
            version=result.label, files=len(result.files), changed=len(result.changes), unchanged=result.unchanged))
        self._fill(result)
        self.comparison_finished.emit()

    @Slot(str, str)
    def _on_failed(self, against: str, reason: str) -> None:
        self._show_problem(self.tr("Cannot compare with {against}: {reason}").format(against=against, reason=reason))

    def follow_theme(self) -> None:
        """The files' dots and a problem's text in the current theme's colours."""
        if self.result is not None:
            for row, change in enumerate(self.result.files):
                self.files.item(row).setIcon(theme.dot_icon(status_colour(change.status)))
        if self.status.styleSheet():
            self.status.setStyleSheet(f"color: {theme.BANNER_TEXT.name()}")

    def _show_problem(self, text: str) -> None:
        self.result = None
        self.status.setStyleSheet(f"color: {theme.BANNER_TEXT.name()}")
        self.status.setText(text.splitlines()[0] if text else "")
        self.status.setToolTip(text)
        self.files.clear()
        self.conversations.clear()
        self.comparison.clear()
        self.diff_view.show_message(text)
        self.details.setCurrentWidget(self.diff_view)
        self.comparison_finished.emit()

    # --- the lists --------------------------------------------------------------------------------

    def _fill(self, result: ProjectChanges) -> None:
        shown_file = self.diff_view.rel
        shown_change = self.comparison.change.source if self.comparison.change is not None else None
        self.files.clear()
        statuses = {"modified": self.tr("modified"), "added": self.tr("added"), "deleted": self.tr("deleted")}
        for change in result.files:
            status = statuses.get(change.status, change.status)
            item = QListWidgetItem(theme.dot_icon(status_colour(change.status)), change.file)
            item.setToolTip(f"{change.file} ({status})")
            item.setData(CHANGE_ROLE, change.file)
            self.files.addItem(item)
        self.conversations.clear()
        for change in result.changes:
            turn = self.tr("opening") if change.turn == OPENING_TURN else str(change.turn + 1)
            item = QTreeWidgetItem([source_label(change.source), turn, change.new.input or "", self.describe(change)])
            item.setData(0, CHANGE_ROLE, change)
            item.setToolTip(3, self.describe(change, limit=None))
            self.conversations.addTopLevelItem(item)
        for column in range(3):
            self.conversations.resizeColumnToContents(column)
        self.comparison.clear()
        rels = [change.file for change in result.files]
        if rels:
            self.files.setCurrentRow(rels.index(shown_file) if shown_file in rels else 0)
        else:
            self.diff_view.show_message(self.tr("No project file differs from {version}.").format(version=result.label))
        # The conversation looked at before stays in view when it still behaves differently.
        again = next((item for item in self.change_items() if item.text(0) == shown_change), None)
        if again is not None:
            self.conversations.setCurrentItem(again)

    def describe(self, change: Change, limit: int | None = SHOWN_REPLY) -> str:
        """`rule choose_brand → fallback; reply "…" → "…"`: only the fields that differ."""
        names = {"intent": self.tr("intent"), "rule": self.tr("rule"), "stage": self.tr("stage"),
                 "product_chain": self.tr("chain"), "reply": self.tr("reply")}
        old, new = change.old.to_json(), change.new.to_json()
        parts = []
        for key in change.differences:
            before, after = shown_value(key, old[key]), shown_value(key, new[key])
            if key == "reply":
                before, after = (f"“{shortened(text, limit) if limit else text}”" for text in (before, after))
            parts.append(f"{names[key]} {before} → {after}")
        text = "; ".join(parts)
        return text if limit is None else text.replace("\n", " ⏎ ")   # one line in the list

    def file_rels(self) -> list[str]:
        return [self.files.item(row).data(CHANGE_ROLE) for row in range(self.files.count())]

    def change_items(self) -> list[QTreeWidgetItem]:
        return [self.conversations.topLevelItem(row) for row in range(self.conversations.topLevelItemCount())]

    @Slot(QListWidgetItem, QListWidgetItem)
    def _file_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None or self.result is None:
            return
        rel = item.data(CHANGE_ROLE)
        old, new = self.result.texts.get(rel, (b"", b""))
        self.diff_view.show_diff(rel, old, new)
        self.details.setCurrentWidget(self.diff_view)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _change_chosen(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        self.comparison.show_change(item.data(0, CHANGE_ROLE))
        self.details.setCurrentWidget(self.comparison)

    @Slot(QTreeWidgetItem, int)
    def _change_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.conversations.setCurrentItem(item)
        self.replay_current()

    @Slot()
    def replay_current(self) -> None:
        """Ask for the shown change's conversation to be replayed (current rules) up to its differing turn."""
        change = self.comparison.change
        if change is None:
            return
        variables = dict(change.start)
        stage = variables.pop("current_stage", None)
        self.replay_requested.emit(list(change.messages[: change.turn + 1]), stage, variables, change.turn)

    def shutdown(self) -> bool:
        """Stop the comparison thread (quit + wait)."""
        self._save_timer.stop()
        return self.runner.shutdown()


def install_changes_panel(window) -> ChangesPanel:
    """Dock the Changes panel at the bottom (tabbed with the Tests) and wire its replays to the chat tester."""
    panel = ChangesPanel(window.workspace, window)
    panel.dock = window.add_panel("changes-dock", panel.title(), panel, Qt.DockWidgetArea.BottomDockWidgetArea,
                                  tabify_with=window.tests_dock)
    window.problems_dock.raise_()
    panel.dock.visibilityChanged.connect(panel.set_in_view)

    def replay_in_chat(messages: list, stage, variables: dict, turn: int) -> None:
        chat = window.chat_panel
        if chat.llm_action.isChecked():   # the comparison replays offline: so does the chat tester
            chat.set_llm_enabled(False)
        window.chat_dock.show()
        window.chat_dock.raise_()
        chat.replay(messages, stage, variables, select=turn)

    panel.replay_requested.connect(replay_in_chat)
    return panel
