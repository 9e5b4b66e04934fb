"""The chat tester's "Create a rule for this message": from a turn nothing handled to a rule that does.

On the selected turn, when no rule matched or a fallback answered it (see
studio/new_rule_hints.py), the button under the conversation offers to
create a rule. It opens the guided rule form (`window.rule_form`, the
`RuleFormPanel`) on a new rule prefilled with the turn's intent, the
dialogue stage the conversation was in before the turn and the words of the
message that name knowledge or are intent keywords. Once the analyst has
chosen the actions and inserted the rule (the form puts it above the
fallback), the conversation is replayed up to that turn on the new rules,
and a note under it says whether the new rule fired.

Signals: ``new_rule_requested(NewRuleHints)`` when the form is asked for a
new rule, ``replayed(turn, rule, fired)`` after the replay of an inserted rule.
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QPushButton, QWidget

from studio.engine.rulebase import RuleBase
from studio.new_rule_hints import NewRuleHints, hints_for_turn, is_fallback
from studio.ui.chat.messages import NOTICE, ChatMessage


class CreateRuleFromTurn(QObject):
    new_rule_requested = Signal(object)   # NewRuleHints
    replayed = Signal(int, str, bool)     # turn, the new rule, whether it fired on the replay

    def __init__(self, chat) -> None:
        super().__init__(chat)
        self._chat = weakref.ref(chat)   # the panel holds this object: no cycle for the (disabled) collector
        self.button = QPushButton(self.tr("Create a rule for this message"), chat)
        self.button.setObjectName("create-rule-button")
        self.button.setToolTip(self.tr("No rule or only the fallback answered this message: open a new rule "
                                       "for it in the rule form, prefilled from the turn"))
        self.button.clicked.connect(self.create_rule)
        self.button.hide()
        self._rulebase: tuple[object, RuleBase] | None = None   # (analysis, its rule base), built when needed
        self._waiting: dict | None = None   # the conversation to replay once an inserted rule is checked
        self._form = None
        chat.view.selectionModel().currentChanged.connect(self._current_changed)
        chat.turn_completed.connect(self._turn_completed)
        chat.replay_finished.connect(self._on_replay_finished)
        chat.workspace.analysis_finished.connect(self._on_analysis)

    @property
    def chat(self):
        return self._chat()

    # --- which turn -------------------------------------------------------------------------------

    def turn(self) -> int | None:
        """The selected turn when it wants a rule (no rule, or a fallback, answered it)."""
        index = self.chat.selected_turn()
        if index is None or not 0 <= index < len(self.chat.turns):
            return None
        rulebase = self.rulebase()
        if rulebase is None or not is_fallback(rulebase, self.chat.turns[index].result.rule):
            return None
        return index

    def rulebase(self) -> RuleBase | None:
        analysis = self.chat.workspace.analysis
        if analysis is None:
            return None
        if self._rulebase is None or self._rulebase[0] is not analysis:
            self._rulebase = (analysis, RuleBase.build(analysis.programs))
        return self._rulebase[1]

    @Slot(object, object)
    def _current_changed(self, _current, _previous) -> None:
        self.update_button()

    @Slot(object)
    def _turn_completed(self, _payload) -> None:
        self.update_button()

    @Slot()
    def update_button(self) -> None:
        index = self.turn()
        self.button.setVisible(index is not None)
        if index is not None:
            rule = self.chat.turns[index].result.rule
            self.button.setToolTip(
                self.tr("Turn {n} was answered by the fallback rule {rule}: open a new rule for “{message}” in "
                        "the rule form").format(n=index + 1, rule=rule, message=self.chat.turns[index].result.input)
                if rule else
                self.tr("No rule answered turn {n}: open a new rule for “{message}” in the rule form").format(
                    n=index + 1, message=self.chat.turns[index].result.input))

    # --- the form ---------------------------------------------------------------------------------

    def hints(self, index: int) -> NewRuleHints:
        analysis = self.chat.workspace.analysis
        return hints_for_turn(self.chat.turns[index].result, self.rulebase(), analysis.knowledge)

    @Slot()
    def create_rule(self) -> NewRuleHints | None:
        """Open the rule form on a new rule for the selected turn; replay once it is inserted."""
        index = self.turn()
        if index is None:
            return None
        hints = self.hints(index)
        self._waiting = {
            "turn": index,
            "messages": [payload.result.input for payload in self.chat.turns[: index + 1]],
            "stage": self.chat.start_stage,
            "variables": dict(self.chat.start_variables),
            "rule": None,
        }
        form = self.form()
        if form is None:
            self.chat.status_label.setText(self.tr("The rule form is not available in this window."))
            return None
        self.new_rule_requested.emit(hints)
        form.open_new_rule(hints)
        self._waiting["form"] = form.form   # a rule the analyst makes afresh (Cancel, New Rule) is not replayed
        return hints

    def form(self):
        """The window's rule form (`RuleFormPanel`), found up the parents (a floating dock's too)."""
        if self._form is None:
            widget: QWidget | None = self.chat
            while widget is not None and getattr(widget, "rule_form", None) is None:
                widget = widget.parentWidget()
            if widget is None:
                return None
            self._form = widget.rule_form
            self._form.rule_inserted.connect(self._on_rule_inserted)
        return self._form

    @Slot(str, int, str)
    def _on_rule_inserted(self, _file: str, _line: int, name: str) -> None:
        waiting = self._waiting
        if waiting is None:
            return
        if waiting.get("form") is not self._form.form:
            self._waiting = None   # another new rule than the one opened for the turn
            return
        waiting["rule"] = name   # replayed once an analysis has the rule

    @Slot(object)
    def _on_analysis(self, analysis) -> None:
        waiting = self._waiting
        if waiting is None or waiting["rule"] is None:
            return
        if not any(rule.name.text == waiting["rule"] and rule.complete
                   for program in analysis.programs for rule in program.rules):
            return
        # After the chat panel's own rebuild on this analysis (queued to its worker first): the new rules answer.
        QTimer.singleShot(0, self._replay)

    @Slot()
    def _replay(self) -> None:
        waiting = self._waiting
        if waiting is None or waiting["rule"] is None or waiting.get("replaying"):
            return
        waiting["replaying"] = True
        self.chat.replay(waiting["messages"], waiting["stage"], waiting["variables"], select=waiting["turn"])

    @Slot(int)
    def _on_replay_finished(self, turn: int) -> None:
        waiting = self._waiting
        if waiting is None or not waiting.get("replaying"):
            return
        self._waiting = None
        rule = waiting["rule"]
        answered = self.chat.turns[turn].result.rule if turn < len(self.chat.turns) else None
        fired = answered == rule
        note = (self.tr("Replayed with the new rule: {rule} now answers “{message}”.") if fired else
                self.tr("Replayed with the new rule: {rule} did not fire on “{message}” ({other} answered).")).format(
            rule=rule, message=waiting["messages"][turn], other=answered or self.tr("no rule"))
        self.chat.model.append(ChatMessage(NOTICE, note))
        self.chat.view.scrollToBottom()
        self.update_button()
        self.replayed.emit(turn, rule, fired)


__all__ = ["CreateRuleFromTurn"]
