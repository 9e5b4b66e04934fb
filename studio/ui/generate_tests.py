"""Generate tests for rules never fired: explored conversations become conversation tests.

The explorer (through the shared `ExploreRunner`) finds a shortest
conversation for each rule it reaches; `tests_writer.planned_tests` leaves out
the rules that the project's tests already fire and keeps the tests that pass.
The user sees that list first (`Prompts.confirm_generated_tests`), then the
chosen tests are written into `conversations/` as planned (a file never
replaces another). Running the tests and writing the files happen in a
worker thread.

Signals: ``tests_written(list)`` (the new files, relative to the project)
and ``message(str)`` (what happened, for a status line).
"""
from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from studio.explore.tests_writer import planned_tests, write_new
from studio.ui.worker_thread import Worker, WorkerThread

CONVERSATIONS = "conversations"


class _GenerateWorker(Worker):
    """Runs the tests and writes the files in the worker thread; talks only through signals."""

    previewed = Signal(int, object)   # job, [PlannedTest]: a passing test per rule no test fires yet
    written = Signal(int, object)     # job, [rel path]
    failed = Signal(int, str)

    @Slot(int, object, object)
    def preview(self, job: int, analysis, found) -> None:
        try:
            planned = planned_tests(analysis, found)
        except Exception:   # a bug: report it, keep the window alive
            self.failed.emit(job, traceback.format_exc().strip().splitlines()[-1])
            return
        self.previewed.emit(job, planned)

    @Slot(int, object, object)
    def write(self, job: int, project, planned) -> None:
        folder = project.root / CONVERSATIONS
        try:
            folder.mkdir(parents=True, exist_ok=True)
            written = [project.relative(write_new(folder, test.rule, test.text)) for test in planned]
        except OSError as exc:
            self.failed.emit(job, str(exc))
            return
        self.written.emit(job, written)


class TestGenerator(QObject):
    __test__ = False   # not a pytest test class
    tests_written = Signal(list)
    message = Signal(str)

    _preview = Signal(int, object, object)
    _write = Signal(int, object, object)

    def __init__(self, workspace, runner, prompts, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.workspace = workspace
        self.runner = runner
        self.prompts = prompts
        self.parent_widget = parent_widget
        self._job = 0
        self._waiting = False          # for the runner's exploration
        self._found = None
        self.worker = _GenerateWorker()
        self._preview.connect(self.worker.preview)
        self._write.connect(self.worker.write)
        self.worker.previewed.connect(self._on_previewed)
        self.worker.written.connect(self._on_written)
        self.worker.failed.connect(self._on_failed)
        self.jobs = WorkerThread(self, self.worker, "rule-studio-generate-tests")
        self.thread = self.jobs.thread
        runner.exploration_finished.connect(self._on_explored)
        runner.exploration_failed.connect(self._on_explore_failed)

    @Slot()
    def generate(self) -> bool:
        """Explore (or take the fresh exploration), then preview and write; False when nothing to explore."""
        if self.jobs.closed:
            return False
        self._job += 1
        self._waiting = True
        self.message.emit(self.tr("Exploring conversations…"))
        if not self.runner.request():
            self._waiting = False
            self.message.emit(self.tr("The rules are still being read…"))
            return False
        return True

    @Slot(object)
    def _on_explored(self, found) -> None:
        if not self._waiting:
            return
        self._waiting = False
        self._found = (self.runner.analysis, found)
        self.message.emit(self.tr("Running the tests to see which rules they fire…"))
        self._preview.emit(self._job, self.runner.analysis, found)

    @Slot(str)
    def _on_explore_failed(self, text: str) -> None:
        if self._waiting:
            self._waiting = False
            last = text.strip().splitlines()[-1] if text.strip() else ""
            self.message.emit(self.tr("The explorer failed: {error}").format(error=last))

    @Slot(int, object)
    def _on_previewed(self, job: int, planned: list) -> None:
        if job != self._job or self._found is None:
            return
        analysis, found = self._found
        if not planned:
            self.message.emit(self.tr("No test to write: the tests already fire every rule reached in {d} turns")
                              .format(d=found.depth))
            return
        chosen = self.prompts.confirm_generated_tests(self.parent_widget,
                                                      [(test.rule, found.rules[test.rule]) for test in planned])
        if not chosen:
            self.message.emit(self.tr("No tests written"))
            return
        wanted = [test for test in planned if test.rule in set(chosen)]
        self.message.emit(self.tr("Writing {n} test(s)…").format(n=len(wanted)))
        self._write.emit(job, analysis.project, wanted)

    @Slot(int, object)
    def _on_written(self, job: int, files: list) -> None:
        if job != self._job:
            return
        self.message.emit(self.tr("Wrote {n} test(s) into {folder}/").format(n=len(files), folder=CONVERSATIONS))
        self.tests_written.emit(files)

    @Slot(int, str)
    def _on_failed(self, job: int, reason: str) -> None:
        if job != self._job:
            return
        self.message.emit(self.tr("Could not write the tests: {reason}").format(reason=reason))
        self.prompts.error(self.parent_widget, self.tr("Generate Tests"),
                           self.tr("Could not write the tests: {reason}").format(reason=reason))

    def shutdown(self) -> None:
        """Quit and wait for the worker thread (a write in progress ends first)."""
        self.jobs.shutdown()


class GeneratedTestsDialog(QDialog):
    """The preview: one checkable row per rule with the conversation its test will replay."""

    def __init__(self, items: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generated-tests")
        self.setWindowTitle(self.tr("Generate Tests for Rules Never Fired"))
        label = QLabel(self.tr("No test fires these rules yet. A test is written for each one checked, "
                               "replaying a shortest conversation that fires it:"), self)
        label.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Rule"), self.tr("Conversation")])
        self.tree.setRootIsDecorated(False)
        for rule, conversation in items:
            item = QTreeWidgetItem(self.tree, [rule, " → ".join(conversation)])
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setData(0, Qt.ItemDataRole.UserRole, rule)
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Write Tests"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def chosen_rules(self) -> list[str]:
        return [self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                for i in range(self.tree.topLevelItemCount())
                if self.tree.topLevelItem(i).checkState(0) == Qt.CheckState.Checked]
