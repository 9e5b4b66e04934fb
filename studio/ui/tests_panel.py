"""The Tests panel: the project's conversation tests (docs/language.md), run in a worker thread, with coverage.

- The list shows every `conversations/*.yaml` with its result (not run, passed,
  failed, cannot be read). *Run All* / *Run Selected* replay them off the UI
  thread against the workspace's current analysis (the editors' text, unsaved
  edits included, and the live knowledge), one test after another, so the
  icons fill in as the run goes. Tests that say `llm: auto` use the LLM that
  the environment configures, as `rule-studio test` does.
- Selecting a failed test shows each failing turn with expected vs actual and
  the trace of that turn. Double-clicking a test (or a failing turn) emits
  ``open_in_chat(test, turn_index)``: the main window replays the conversation
  in the chat tester up to that turn and selects it.
- Coverage: after a full run, ``coverage_changed(fired)`` carries {rule: times
  fired}; `CoverageMarks` puts a gutter mark on every rule that never fired and
  the outline marks them too. The Coverage tab lists every rule with its count.
- *Re-run on save* (remembered in QSettings) runs all tests after each save of
  a rule file or of the knowledge, once the analysis of the saved text is in.

The rows live in `tests_panel_model.py`, the runs in `tests_runner.py`, the gutter
marks in `coverage_marks.py`; this module composes them into the dock.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHeaderView, QLabel, QSplitter, QTableView, QTabWidget,
                               QToolBar, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from studio.conversations.coverage import Coverage
from studio.ui import theme
from studio.ui.chat.trace_view import TraceView
from studio.ui.coverage_marks import UNTESTED, CoverageMarks   # CoverageMarks: the main window takes it from here
from studio.ui.tests_panel_model import (FILE_COLUMN, NAME_COLUMN, RESULT_COLUMN, TURNS_COLUMN, Status, TestEntry,
                                         TestsModel, read_entries)
from studio.ui.tests_runner import RunSummary, TestResult, TestRunner

RUN_ON_SAVE_KEY = "tests/run_on_save"


class TestsPanel(QWidget):
    __test__ = False   # not a pytest test class
    open_in_chat = Signal(object, int)        # ConversationTest, turn index (0-based)
    open_location = Signal(str, int, int)
    coverage_changed = Signal(object)         # {rule: times fired}, or None
    run_finished = Signal(object)             # RunSummary

    def __init__(self, workspace, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tests-panel")
        self.workspace = workspace
        self.settings = settings
        self.coverage: Coverage | None = None
        self._rerun_pending = False
        self._running: set[str] = set()
        self._listing: tuple = ()
        self.runner = TestRunner(self)
        self.runner.worker.test_started.connect(self._on_test_started)
        self.runner.worker.test_done.connect(self._on_test_done)
        self.runner.worker.run_done.connect(self._on_run_done)
        self._build_ui()
        workspace.analysis_finished.connect(self._on_analysis)
        workspace.files_changed.connect(self.refresh)
        workspace.file_saved.connect(self._on_saved)
        workspace.knowledge_saved.connect(self._on_saved)
        self.refresh()

    def _build_ui(self) -> None:
        self.run_all_action = QAction(self.tr("Run All"), self)
        self.run_all_action.setToolTip(self.tr("Replay every conversation test against the current rules"))
        self.run_all_action.triggered.connect(self.run_all)
        self.run_selected_action = QAction(self.tr("Run Selected"), self)
        self.run_selected_action.triggered.connect(self.run_selected)
        self.run_on_save = QCheckBox(self.tr("Re-run on save"), self)
        self.run_on_save.setToolTip(self.tr("Run all tests after every save of a rule file or the knowledge"))
        self.run_on_save.setChecked(self._setting_bool(RUN_ON_SAVE_KEY))
        self.run_on_save.toggled.connect(self._remember_run_on_save)
        self.summary = QLabel(self.tr("Not run yet"), self)
        toolbar = QToolBar(self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.run_all_action)
        toolbar.addAction(self.run_selected_action)
        self._after_run_actions = toolbar.addSeparator()
        self.toolbar = toolbar
        toolbar.addWidget(self.run_on_save)
        toolbar.addSeparator()
        toolbar.addWidget(self.summary)

        self.model = TestsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("tests-view")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FILE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FILE_COLUMN, 150)
        for column in (TURNS_COLUMN, RESULT_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setWordWrap(False)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._show_details)

        self.failures = QTreeWidget(self)
        self.failures.setHeaderHidden(True)
        self.failures.setWordWrap(True)
        self.failures.currentItemChanged.connect(self._failure_selected)
        self.failures.itemActivated.connect(self._failure_activated)
        self.trace_view = TraceView(self)
        self.trace_view.open_location.connect(self.open_location)
        details = QSplitter(Qt.Orientation.Vertical, self)
        details.addWidget(self.failures)
        details.addWidget(self.trace_view)

        self.coverage_tree = QTreeWidget(self)
        self.coverage_tree.setHeaderLabels([self.tr("Rule"), self.tr("Fired"), self.tr("Where")])
        self.coverage_tree.setRootIsDecorated(False)
        self.coverage_tree.itemActivated.connect(self._coverage_activated)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(details, self.tr("Details"))
        self.tabs.addTab(self.coverage_tree, self.tr("Coverage"))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(toolbar)
        layout.addWidget(splitter, 1)

    def add_tool_action(self, action: QAction) -> None:
        """Another feature's action beside Run All / Run Selected (generating tests from explored conversations)."""
        self.toolbar.insertAction(self._after_run_actions, action)

    # --- the list --------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Re-read the test files when they changed (names, turns, load errors)."""
        files = self.workspace.project.conversation_files
        listing = tuple((str(p), _mtime(p)) for p in files)
        if listing == self._listing:
            return
        self._listing = listing
        self.model.set_entries(read_entries(self.workspace.project.root, files))
        self._show_details(self.view.currentIndex())

    def select_file(self, rel: str) -> None:
        self.refresh()
        row = self.model.row_of(rel)
        if row >= 0:
            self.view.selectRow(row)

    # --- running -----------------------------------------------------------------------------------

    @Slot()
    def run_all(self) -> int:
        return self._run(None)

    @Slot()
    def run_selected(self) -> int:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        files = [self.model.entry(r).file for r in rows]
        return self._run(files) if files else self.runner.run_id

    def run_file(self, rel: str) -> int:
        return self._run([rel])

    def _run(self, files: list[str] | None) -> int:
        analysis = self.workspace.analysis
        if analysis is None:
            self.summary.setText(self.tr("The rules are still being read…"))
            return self.runner.run_id
        self.refresh()
        chosen = [e.file for e in self.model.entries()] if files is None else files
        for file in chosen:
            entry = self.model.entries()[self.model.row_of(file)] if self.model.row_of(file) >= 0 else None
            if entry is not None and entry.load_error is None:
                self.model.update_entry(file, status=Status.NOT_RUN)
        self._running = set(chosen)
        self.summary.setText(self.tr("Running {n} test(s)…").format(n=len(chosen)))
        return self.runner.run(analysis, files)

    def is_running(self) -> bool:
        return bool(self._running)

    @Slot(int, str)
    def _on_test_started(self, run_id: int, file: str) -> None:
        if run_id == self.runner.run_id:
            self.model.update_entry(file, status=Status.RUNNING)

    @Slot(object)
    def _on_test_done(self, result: TestResult) -> None:
        if result.run_id != self.runner.run_id:
            return
        if result.outcome is None:
            self.model.update_entry(result.file, status=Status.ERROR, outcome=None, traces={},
                                    message=result.error)
        else:
            self.model.update_entry(result.file, status=Status.PASSED if result.outcome.passed else Status.FAILED,
                                    outcome=result.outcome, traces=dict(result.traces),
                                    message="; ".join(result.outcome.notes))
        if self.view.currentIndex().isValid() and self.model.row_of(result.file) == self.view.currentIndex().row():
            self._show_details(self.view.currentIndex())

    @Slot(object)
    def _on_run_done(self, summary: RunSummary) -> None:
        if summary.run_id != self.runner.run_id:
            return
        self._running.clear()
        entries = self.model.entries()
        passed = sum(e.status is Status.PASSED for e in entries)
        failed = sum(e.status in (Status.FAILED, Status.ERROR) for e in entries)
        text = self.tr("{p} passed, {f} failed").format(p=passed, f=failed)
        if summary.coverage is not None:
            self.coverage = summary.coverage
            cov = summary.coverage
            text += self.tr(" · coverage {fired}/{total} rules").format(
                fired=len(cov.rules) - len(cov.never_fired), total=len(cov.rules))
            self._show_coverage(cov)
            self.coverage_changed.emit({r.name: cov.fired[r.name] for r in cov.rules})
        self.summary.setText(text + self.tr(" · {s:.1f} s").format(s=summary.seconds))
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            failing = [i for i, e in enumerate(entries) if e.status in (Status.FAILED, Status.ERROR)]
            self.view.selectRow(failing[0] if failing else 0)
        self.run_finished.emit(summary)

    # --- re-run on save ----------------------------------------------------------------------------

    @Slot()
    def _on_saved(self, *_args) -> None:
        if self.run_on_save.isChecked():
            self._rerun_pending = True   # run once the analysis of the saved text is in

    @Slot(object)
    def _on_analysis(self, _analysis) -> None:
        self.refresh()
        if self._rerun_pending:
            self._rerun_pending = False
            self.run_all()

    @Slot(bool)
    def _remember_run_on_save(self, on: bool) -> None:
        if self.settings is not None:
            self.settings.setValue(RUN_ON_SAVE_KEY, on)
            self.settings.sync()

    def _setting_bool(self, key: str) -> bool:
        if self.settings is None:
            return False
        value = self.settings.value(key, False)
        return value in (True, "true", "1", 1)

    # --- details -----------------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _show_details(self, index, _previous=None) -> None:
        self.failures.clear()
        self.trace_view.clear()
        self.trace_view.hide()   # shown with a failing turn's trace
        if not index.isValid() or index.row() >= self.model.rowCount():
            return
        entry = self.model.entry(index.row())
        if entry.load_error is not None or (entry.status is Status.ERROR and entry.message):
            QTreeWidgetItem(self.failures, [entry.message or str(entry.load_error)])
            return
        if entry.outcome is None:
            QTreeWidgetItem(self.failures, [self.tr("Not run yet: {file}").format(file=entry.file)])
            return
        for note in entry.outcome.notes:
            QTreeWidgetItem(self.failures, [self.tr("note: {note}").format(note=note)])
        if entry.outcome.passed:
            QTreeWidgetItem(self.failures, [self.tr("Passed: {n} turns").format(n=len(entry.outcome.turns))])
            return
        first = None
        opening = [entry.outcome.opening] if entry.outcome.opening else []
        for turn in opening + entry.outcome.turns:
            if not turn.mismatches:
                continue
            if turn.spec.user is None:
                label = self.tr("Opening ({file}:{line})").format(file=entry.file, line=turn.spec.line)
            else:
                label = self.tr("Turn {n} ({file}:{line}) user: {user}").format(
                    n=turn.index + 1, file=entry.file, line=turn.spec.line, user=turn.spec.user)
            item = QTreeWidgetItem(self.failures, [label])
            item.setData(0, Qt.ItemDataRole.UserRole, turn.index)
            item.setForeground(0, theme.TEST_FAILED)
            for mismatch in turn.mismatches:
                child = QTreeWidgetItem(item, [f"{entry.file}:{mismatch.line}: {mismatch.describe()}"])
                child.setData(0, Qt.ItemDataRole.UserRole, turn.index)
                child.setToolTip(0, child.text(0))
            first = first or item
        self.failures.expandAll()
        if first is not None:
            self.failures.setCurrentItem(first)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _failure_selected(self, current, _previous=None) -> None:
        entry = self._current_entry()
        if current is None or entry is None:
            return
        turn = current.data(0, Qt.ItemDataRole.UserRole)
        if turn is not None and turn in entry.traces:
            self.trace_view.show()
            title = self.tr("Trace of the opening") if turn < 0 else self.tr("Trace of turn {n}").format(n=turn + 1)
            self.trace_view.show_trace(entry.traces[turn], title)

    @Slot(QTreeWidgetItem, int)
    def _failure_activated(self, item, _column=0) -> None:
        entry = self._current_entry()
        turn = item.data(0, Qt.ItemDataRole.UserRole)
        if entry is not None and entry.test is not None and turn is not None:
            self.open_in_chat.emit(entry.test, int(turn))

    def _current_entry(self) -> TestEntry | None:
        index = self.view.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    @Slot(QModelIndex)
    def _double_clicked(self, index) -> None:
        if not index.isValid():
            return
        entry = self.model.entry(index.row())
        if entry.test is None:
            return
        failure = entry.outcome.first_failure if entry.outcome is not None else None
        turn = failure.index if failure is not None else len(entry.test.turns) - 1
        self.open_in_chat.emit(entry.test, turn)

    def follow_theme(self) -> None:
        """The failures and the coverage shown again, in the current theme's colours (the list's dots
        and results are read when painted)."""
        self._show_details(self.view.currentIndex())
        if self.coverage is not None:
            self._show_coverage(self.coverage)

    def _show_coverage(self, coverage: Coverage) -> None:
        self.coverage_tree.clear()
        for site in coverage.rules:
            count = coverage.fired[site.name]
            item = QTreeWidgetItem(self.coverage_tree, [site.name, str(count) if count else self.tr("never"),
                                                        f"{site.file}:{site.line}"])
            item.setData(0, Qt.ItemDataRole.UserRole, (site.file, site.line))
            if not count:
                item.setForeground(0, theme.MARK_COLORS[UNTESTED])
                item.setForeground(1, theme.MARK_COLORS[UNTESTED])
        for column in range(3):
            self.coverage_tree.resizeColumnToContents(column)

    @Slot(QTreeWidgetItem, int)
    def _coverage_activated(self, item, _column=0) -> None:
        file, line = item.data(0, Qt.ItemDataRole.UserRole)
        self.open_location.emit(file, int(line), 1)

    # --- lifetime ----------------------------------------------------------------------------------

    def shutdown(self) -> bool:
        """Stop the runner thread (quit + wait; a run stops before its next test)."""
        return self.runner.shutdown()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


__all__ = ["CoverageMarks", "TestsPanel"]
