"""The chat tester (docs/studio.md): talk to the assistant built from the editors' current text.

Its widgets and their layout are made by `panel_layout.py` (toolbar, status
line, error banner, then the conversation, the live context and the trace of
the selected turn).

Every turn runs in the `ChatWorker` thread (`worker.py`); this panel only sends
messages and shows what comes back. Several messages may be in flight: each
gets a *pending* bot bubble, filled in order by the `TurnFeed` (`turn_feed.py`).

A fresh conversation (Reset, not started mid-flow) opens with the assistant's
opening turn when a rule tests CONVERSATION_START: its bubble is the first
row, and `opening` holds its payload (it is not one of `turns`).

Signals: ``turn_completed(TurnPayload)`` once a turn is shown, ``opening_shown(TurnPayload)``,
``replay_finished(int)`` (the selected turn) after `replay`,
``dialog_opened(QDialog)`` for each dialog it opens (they are non-blocking),
``test_saved(rel)``, ``open_location(file, line, column)`` (a rule in the trace).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from studio.dsl import ast
from studio.engine.context import ConversationContext
from studio.engine.start import StartError, checked_values, shown_value
from studio.llm.config import LLMConfigError
from studio.ui import theme
from studio.ui.chat import panel_layout
from studio.ui.chat.llm_settings import LLMConfig, LLMSettingsDialog
from studio.ui.chat.messages import BOT, NOTICE, USER, ChatMessage, TURN_ROLE
from studio.ui.chat.save_test import SaveTestDialog, conversation_yaml, free_name
from studio.ui.chat.start_from import StartFromDialog
from studio.ui.chat.turn_feed import TurnFeed
from studio.ui.chat.worker import ChatSession, RebuildInfo, TurnPayload
from studio.vocabulary import vocabulary


class ChatPanel(QWidget):
    turn_completed = Signal(object)
    opening_shown = Signal(object)
    replay_finished = Signal(int)
    dialog_opened = Signal(object)
    test_saved = Signal(str)
    open_location = Signal(str, int, int)

    def __init__(self, workspace, settings: QSettings | None = None, prompts=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chat-panel")
        self.workspace = workspace
        self.settings = settings
        self.prompts = prompts
        self.llm_config = LLMConfig.load(settings)   # the key, if any, is typed in later: memory only
        self.llm_settings = None                     # LLMSettings while the LLM is on
        self._llm_refusal = ""                       # why the LLM could not be turned on, until it is
        self.start_stage: str | None = None
        self.start_variables: dict[str, Any] = {}
        self.turns: list[TurnPayload] = []
        self.opening: TurnPayload | None = None
        self._ready = False
        self._rebuild_info: RebuildInfo | None = None

        self.session = ChatSession(self)
        self.feed = TurnFeed(self)   # fills the bubbles from the worker's answers
        self.session.worker.rebuilt.connect(self._on_rebuilt)

        panel_layout.build(self)
        self._connect()
        self._set_ready(False)
        self.follow_theme()
        workspace.analysis_finished.connect(self._on_analysis)
        self.reset()
        if workspace.analysis is not None:
            self._on_analysis(workspace.analysis)

    # --- wiring, theme -------------------------------------------------------------------------

    def _connect(self) -> None:
        self.reset_action.triggered.connect(self.reset)
        self.start_action.triggered.connect(self.choose_start)
        self.llm_action.toggled.connect(self._llm_toggled)
        self.llm_settings_action.triggered.connect(self.edit_llm_settings)
        self.save_test_action.triggered.connect(self.save_as_test)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.input.returnPressed.connect(self.send)
        self.send_button.clicked.connect(self.send)
        self.trace_view.open_location.connect(self.open_location)

    def follow_theme(self) -> None:
        """The status line and the error banner in the current theme's colours (the bubbles read
        theirs when they paint)."""
        self.status_label.setStyleSheet(f"color: {theme.CHAT_CAPTION_TEXT.name()};")
        self.banner.setStyleSheet(
            f"QLabel#chat-error-banner {{ background: {theme.BANNER_BACKGROUND.name()}; "
            f"color: {theme.BANNER_TEXT.name()}; border: 1px solid {theme.BANNER_BORDER.name()}; "
            "border-radius: 4px; padding: 4px 6px; }")
        self.view.viewport().update()

    # --- conversation --------------------------------------------------------------------------

    @Slot()
    def send(self, text: str | None = None) -> None:
        """Send the input line's text (or `text`) as the customer's next message."""
        message = (self.input.text() if text is None else text).strip()
        if not message or not self._ready:
            return
        if text is None:
            self.input.clear()
        user_row = self.model.append(ChatMessage(USER, message))
        bot_row = self.model.append(ChatMessage(BOT, "", pending=True))
        self.feed.expect(user_row, bot_row)
        self.view.scrollToBottom()
        self.session.run_turn(message)

    @Slot()
    def reset(self) -> None:
        """A new conversation from the chosen start (stage + variables)."""
        self.session.reset(self.start_stage, self.start_variables)
        self.turns.clear()
        self.opening = None
        self.feed.clear()
        self.model.clear()
        analysis = self.workspace.analysis
        if not (self.start_stage or self.start_variables) and analysis is not None and _uses_opening(analysis):
            # The worker takes the opening turn first: keep its place above anything typed meanwhile.
            self.feed.opening_row = self.model.append(ChatMessage(BOT, "", pending=True))
        self.trace_view.clear()
        self.trace_title.setText(self.tr("Trace"))
        values = dict(self.start_variables)
        if self.start_stage:
            values["current_stage"] = self.start_stage
        self.context_view.set_context(ConversationContext.from_dict(values).as_dict(), {})
        if self.start_stage or self.start_variables:
            shown = ", ".join(f"{k} = {shown_value(v)}" for k, v in self.start_variables.items())
            self.model.append(ChatMessage(NOTICE, self.tr("Starts mid-flow at stage “{stage}”{vars}").format(
                stage=self.start_stage or "welcome", vars=f" ({shown})" if shown else "")))

    def start_from(self, stage: str | None, variables: dict[str, Any] | None = None) -> None:
        """Set the start (None, {}: from the beginning) and reset."""
        self.start_stage = stage or None
        try:
            self.start_variables = checked_values(variables or {})
        except StartError as exc:   # the dialog checks its own; a caller's bad start is told, not raised
            self.start_variables = {}
            self.reset()
            self.model.append(ChatMessage(NOTICE, self.tr("Cannot start from these values: {reason}").format(
                reason=str(exc))))
            return
        self.reset()

    def replay(self, messages: list[str], stage: str | None = None, variables: dict | None = None,
               select: int | None = None) -> None:
        """Start over (from `stage`/`variables`), send `messages`, then select turn `select` (default: the last)."""
        self.start_from(stage, variables)
        if not messages:
            return
        self.feed.expect_replay(len(messages), len(messages) - 1 if select is None else select)
        for message in messages:
            self.send(message)

    def replay_test(self, test, turn: int) -> None:
        """Replay a conversation test (`ConversationTest`) up to `turn` (0-based) and select that turn.

        An offline test (`llm: off`, the default) is replayed with the LLM off, as
        `rule-studio test` runs it.
        """
        if test.llm != "auto" and self.llm_action.isChecked():
            self.set_llm_enabled(False)
        start = test.start or {}
        messages = [spec.user for spec in test.turns[: turn + 1]]
        self.replay(messages, start.get("stage"), start.get("context") or {}, select=turn)
        self.status_label.setText(self.tr("Replaying {file} up to turn {n}").format(file=test.file, n=turn + 1))

    def select_turn(self, index: int) -> None:
        row = self.model.row_of_turn(index)
        if row < 0:
            return
        model_index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(model_index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(model_index)
        self.show_trace(index)

    def selected_turn(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(TURN_ROLE) if index.isValid() else None

    def show_trace(self, index: int) -> None:
        """The trace of turn `index`, and the context as that turn left it (what it changed highlighted)."""
        payload = self.turns[index]
        self.trace_title.setText(self.tr("Trace of turn {n}: “{message}”").format(
            n=index + 1, message=payload.result.input))
        self.trace_view.show_trace(payload.trace)
        self.context_view.set_context(payload.result.context, payload.diff)

    # --- worker results ------------------------------------------------------------------------

    @Slot(object)
    def _on_rebuilt(self, info: RebuildInfo) -> None:
        self._rebuild_info = info
        self._set_ready(True)
        self._show_status()

    @Slot(object)
    def _on_analysis(self, analysis) -> None:
        self.session.rebuild(analysis, self.llm_settings)
        errors = analysis.errors
        if errors:
            first = errors[0]
            self.banner.setText(self.tr("⚠ The rules have {n} error(s): the chat runs only what could be read. "
                                        "First: {file}:{line}: {message}").format(
                n=len(errors), file=first.file, line=first.span.line, message=first.message))
            self.banner.show()
        else:
            self.banner.hide()

    def _set_ready(self, ready: bool) -> None:
        self._ready = ready
        self.send_button.setEnabled(ready)
        if not ready:
            self.input.setPlaceholderText(self.tr("Reading the rules…"))
        else:
            self.input.setPlaceholderText(self.tr("Type a customer message and press Enter"))

    def _show_status(self) -> None:
        info = self._rebuild_info
        if info is None:
            return
        if info.error:
            text = self.tr("The assistant could not be built: {error}").format(error=info.error)
        elif self.llm_settings is not None:
            text = self.tr("LLM on ({model}) · {n} rules").format(model=self.llm_config.describe(), n=info.rules)
        elif self.llm_config.source or self.llm_config.url or self.llm_config.model:
            # Say which model the LLM button would use: the settings just chosen show at once.
            text = self.tr("Offline (keywords, fallback templates) · {n} rules · with LLM on: {model}").format(
                n=info.rules, model=self.llm_config.describe())
        else:
            text = self.tr("Offline (keywords, fallback templates) · {n} rules").format(n=info.rules)
        if self._llm_refusal and self.llm_settings is None:
            text = f"{self._llm_refusal}\n{text}"
        self.status_label.setText(text)

    @Slot()
    def _current_changed(self, current, _previous=None) -> None:
        turn = current.data(TURN_ROLE) if current.isValid() else None
        if turn is not None and 0 <= turn < len(self.turns):
            self.show_trace(turn)

    # --- LLM ----------------------------------------------------------------------------------

    @Slot(bool)
    def _llm_toggled(self, on: bool) -> None:
        self._llm_refusal = ""
        if not on:
            self.llm_settings = None
        else:
            try:
                settings = self.llm_config.to_settings()
                reason = self.tr("No LLM is configured: choose one in LLM Settings…")
            except LLMConfigError as exc:
                settings, reason = None, self.tr("LLM not started: {reason}").format(reason=exc)
            if settings is None:
                self.llm_action.blockSignals(True)
                self.llm_action.setChecked(False)
                self.llm_action.blockSignals(False)
                self._llm_refusal = reason
                self.status_label.setText(reason)
                if self.llm_settings is None:
                    return
                settings = None   # it was on with other settings: it is off now, not left on the old model
            self.llm_settings = settings
        if self.workspace.analysis is not None:
            self.session.rebuild(self.workspace.analysis, self.llm_settings)

    def set_llm_enabled(self, on: bool) -> bool:
        """Turn the LLM on or off (as the toolbar button); True when it is now as asked."""
        self.llm_action.setChecked(on)
        return self.llm_action.isChecked() == on

    def set_llm_config(self, config: LLMConfig) -> None:
        """Use `config` from now on: remembered without its key; the key stays in memory."""
        self.llm_config = config
        config.save(self.settings)
        if self.llm_action.isChecked():
            self._llm_toggled(True)
        else:
            self._show_status()

    @Slot()
    def edit_llm_settings(self) -> LLMSettingsDialog:
        dialog = LLMSettingsDialog(self.llm_config, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_llm_config(dialog.config()))
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    # --- start from, save as test ---------------------------------------------------------------

    def _stages(self) -> list[str]:
        analysis = self.workspace.analysis
        return vocabulary(analysis.programs, None)["stages"] if analysis is not None else []

    @Slot()
    def choose_start(self) -> StartFromDialog:
        dialog = StartFromDialog(self._stages(), self.start_stage, self.start_variables, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_from(*dialog.choice()))
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def test_yaml(self, name: str) -> str:
        knowledge = self.workspace.knowledge
        names = list(knowledge.categories) + knowledge.brand_names() + knowledge.series_names()
        return conversation_yaml(name, self.turns, self.start_stage, self.start_variables, names, self.opening)

    @Slot()
    def save_as_test(self) -> SaveTestDialog | None:
        if not self.turns:
            self.status_label.setText(self.tr("Nothing to save yet: have a conversation first."))
            return None
        root = self.workspace.project.root
        name = free_name(root / "conversations")
        dialog = SaveTestDialog(root, name, self.test_yaml(name), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.prompts is not None:
            dialog.confirm_overwrite = lambda rel: bool(self.prompts.confirm(
                dialog, self.tr("Replace Test?"), self.tr("{file} exists. Replace it?").format(file=rel)))
        dialog.saved.connect(self.test_saved)
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    # --- lifetime ------------------------------------------------------------------------------

    def shutdown(self) -> bool:
        """Stop the worker thread (quit + wait, bounded by the LLM timeout; see worker.py)."""
        return self.session.shutdown()


def _uses_opening(analysis) -> bool:
    """Some rule tests CONVERSATION_START (as `RuleBase.uses_opening`, without building one)."""
    return any(isinstance(leaf, ast.ConversationStart) for program in analysis.programs
               for rule in program.rules if rule.complete and rule.condition is not None
               for leaf in ast.leaves(rule.condition))


__all__ = ["ChatPanel"]
