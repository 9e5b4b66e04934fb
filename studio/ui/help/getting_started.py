"""Getting Started: five first steps, each with a button that does or shows it, ticked when done.

The ticks come from what the window really reports (a check with more problems
than before, then back; a chat turn; a test saved) and are remembered in the
settings, so they survive opening the sample project in a new window. The page
shows by itself until the user closes it (Help ▸ Getting Started opens it again).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QTextCursor
from PySide6.QtWidgets import QDockWidget, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studio.dsl.lexer import tokenize
from studio.dsl.tokens import Kind
from studio.project import SAMPLE_PROJECT

OPEN_SAMPLE, MAKE_TYPO, FIX_TYPO, TALK, SAVE_TEST = "open_sample", "make_typo", "fix_typo", "talk", "save_test"
STEPS = (OPEN_SAMPLE, MAKE_TYPO, FIX_TYPO, TALK, SAVE_TEST)
DONE_KEY = "help/getting_started_done"
CLOSED_KEY = "help/getting_started_closed"
DONE_MARK, PENDING_MARK = "✔", "○"


def is_sample(root: Path) -> bool:
    return Path(root).resolve() == SAMPLE_PROJECT.resolve()


def typo_target(rule_texts: dict[str, str], brand_names: list[str]) -> tuple[str, int, int, int] | None:
    """Where to make a typo: (file, line, column, length) of a brand name in a rule's string, else of
    the first SUGGEST_BRANDS or RESPOND (a misspelt keyword is explained, with its fix); None without
    rule files. Comments are skipped: only the lexer's strings and keywords count."""
    for rel in sorted(rule_texts):
        tokens, _errors = tokenize(rule_texts[rel])
        for token in tokens:
            if token.kind is Kind.STRING and token.offsets:
                for brand in brand_names:
                    at = token.value.find(brand) if brand else -1
                    if at >= 0:
                        return _place(rule_texts[rel], rel, token.offsets[at], len(brand))
    for rel in sorted(rule_texts):
        tokens, _errors = tokenize(rule_texts[rel])
        for token in tokens:
            if token.kind is Kind.KEYWORD and token.text in ("SUGGEST_BRANDS", "RESPOND"):
                return _place(rule_texts[rel], rel, token.span.start, len(token.text))
    return (sorted(rule_texts)[0], 1, 1, 0) if rule_texts else None


def _place(text: str, rel: str, offset: int, length: int) -> tuple[str, int, int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return rel, line, column, length


class Progress:
    """Which steps are done, kept in the settings; decides the typo steps from the problem counts."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        value = settings.value(DONE_KEY)
        self.done: set[str] = {value} if isinstance(value, str) and value else set(value or [])
        self.baseline: int | None = None   # the problems of the first check seen
        self.peak = 0

    def mark(self, step: str) -> bool:
        """Record `step` as done; True when it was not done before."""
        if step in self.done:
            return False
        self.done.add(step)
        self.settings.setValue(DONE_KEY, sorted(self.done))
        return True

    def problems_counted(self, count: int) -> list[str]:
        """A check found `count` problems: the steps this completes (more than at first: a typo;
        back to the first number after that: fixed)."""
        if self.baseline is None:
            self.baseline = self.peak = count
            return []
        self.peak = max(self.peak, count)
        steps = []
        if count > self.baseline and self.mark(MAKE_TYPO):
            steps.append(MAKE_TYPO)
        if MAKE_TYPO in self.done and self.peak > self.baseline and count <= self.baseline and self.mark(FIX_TYPO):
            steps.append(FIX_TYPO)
        return steps


class GettingStarted(QWidget):
    step_done = Signal(str)
    close_requested = Signal()

    def __init__(self, window, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("getting-started")
        self.window_ = window
        self.progress = Progress(settings)
        self.marks: dict[str, QLabel] = {}
        self.texts: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        actions = {OPEN_SAMPLE: self.open_sample, MAKE_TYPO: self.show_typo_place, FIX_TYPO: self.show_quick_fix,
                   TALK: self.focus_chat, SAVE_TEST: self.save_test}
        for row, step in enumerate(STEPS):
            mark, text, button = QLabel(self), QLabel(self), QPushButton(self)
            text.setWordWrap(True)
            button.setObjectName(f"getting-started-{step}")
            button.clicked.connect(actions[step])
            grid.addWidget(mark, 2 * row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, 2 * row, 1)
            grid.addWidget(button, 2 * row + 1, 1, Qt.AlignmentFlag.AlignLeft)
            self.marks[step], self.texts[step], self.buttons[step] = mark, text, button
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)

        if is_sample(window.workspace.project.root):
            self.progress.mark(OPEN_SAMPLE)
        self.buttons[OPEN_SAMPLE].setEnabled(not is_sample(window.workspace.project.root))
        window.workspace.analysis_finished.connect(self._checked)
        if window.workspace.analysis is not None:
            self._checked(window.workspace.analysis)
        window.chat_panel.turn_completed.connect(lambda _payload: self._done(TALK))
        window.chat_panel.test_saved.connect(lambda _rel: self._done(SAVE_TEST))
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr("Five steps to find your way around. Each button does or shows the step; "
                                   "the circle turns into a tick when you have done it."))
        texts = {
            OPEN_SAMPLE: (self.tr("1. Open the sample project: a small shop's rules, knowledge and tests."),
                          self.tr("Open the Sample")),
            MAKE_TYPO: (self.tr("2. Make a typo: change a letter of the selected word in the rule file. "
                                "A problem appears, underlined in the editor."),
                        self.tr("Show Me Where")),
            FIX_TYPO: (self.tr("3. Fix it: type the word back, or choose the problem in the Problems panel "
                               "and apply its fix."),
                       self.tr("Show the Problems")),
            TALK: (self.tr("4. Talk to the assistant: type a customer message in the chat tester, "
                           "for example 我想买个手机."),
                   self.tr("Go to the Chat")),
            SAVE_TEST: (self.tr("5. Save the conversation as a test, so it is checked from now on."),
                        self.tr("Save as Test…")),
        }
        for step, (text, button) in texts.items():
            self.texts[step].setText(text)
            self.buttons[step].setText(button)
        self.close_button.setText(self.tr("Close"))
        self._show_marks()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def done_steps(self) -> set[str]:
        return set(self.progress.done)

    def _show_marks(self) -> None:
        for step in STEPS:
            done = step in self.progress.done
            self.marks[step].setText(DONE_MARK if done else PENDING_MARK)
            self.marks[step].setToolTip(self.tr("Done") if done else self.tr("Not done yet"))

    def _done(self, step: str) -> None:
        if self.progress.mark(step):
            self._show_marks()
            self.step_done.emit(step)

    @Slot(object)
    def _checked(self, analysis) -> None:
        for step in self.progress.problems_counted(len(analysis.diagnostics)):
            self._show_marks()
            self.step_done.emit(step)

    # --- what the buttons do ---------------------------------------------------------------------

    @Slot()
    def open_sample(self) -> None:
        self.window_.open_project(SAMPLE_PROJECT)

    @Slot()
    def show_typo_place(self) -> None:
        """Open a rule file at a word worth misspelling, selected."""
        workspace = self.window_.workspace
        analysis = workspace.analysis
        texts = analysis.rule_texts if analysis is not None else workspace.project.read_rule_texts()
        target = typo_target(texts, workspace.knowledge.brand_names())
        if target is None:
            return
        rel, line, column, length = target
        if self.window_.tabs.go_to(rel, line, column):
            editor = self.window_.tabs.editor(rel)
            cursor = editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, length)
            editor.setTextCursor(cursor)

    @Slot()
    def show_quick_fix(self) -> None:
        """The Problems panel, with the first problem that has a fix chosen (its Apply Fix button on)."""
        window = self.window_
        window.problems_dock.show()
        window.problems_dock.raise_()
        panel = window.problems_panel
        for row in range(panel.row_count()):
            index = panel.proxy.index(row, 0)
            if panel.model.diagnostic(panel.proxy.mapToSource(index).row()).fixes:
                panel.view.setCurrentIndex(index)
                break
        panel.view.setFocus()

    @Slot()
    def focus_chat(self) -> None:
        window = self.window_
        window.chat_dock.show()
        window.chat_dock.raise_()
        window.chat_panel.input.setFocus()

    @Slot()
    def save_test(self) -> None:
        self.focus_chat()
        self.window_.chat_panel.save_as_test()


class GettingStartedDock(QDockWidget):
    """Closing it (its X or the page's Close) means: do not show it again by itself."""
    closed = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
