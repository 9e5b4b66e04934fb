"""How the worker's answers reach the chat tester's bubbles: in order, streamed text first.

Several messages may be in flight: each gets a *pending* bot bubble
(`expect`), filled in order — streamed GENERATE text first, then the final
reply (which replaces whatever was streamed). A fresh conversation's opening
turn fills the bubble kept for it on top (`opening_row`). A replay counts its
answers down and selects its turn once the last one is shown.

The panel keeps the conversation (`chat.turns`, `chat.opening`) and emits its
signals; this object only follows the worker. Its texts are the panel's
(translation context "ChatPanel", as the panel's own `tr`).
"""
from __future__ import annotations

import weakref
from collections import deque

from PySide6.QtCore import QCoreApplication, QObject, Slot

from studio.engine.trace import intent_source_label
from studio.ui.chat.messages import BOT, ChatMessage
from studio.ui.chat.worker import TurnPayload


def caption_of(payload: TurnPayload) -> str:
    """The line under a bot bubble: intent (its source) → the rule that fired."""
    result = payload.result
    intent = result.intent or QCoreApplication.translate("ChatPanel", "no intent")
    rule = result.rule or QCoreApplication.translate("ChatPanel", "no rule")
    return QCoreApplication.translate("ChatPanel", "{intent} ({source}) → {rule}").format(
        intent=intent, source=intent_source_label(result.intent_source), rule=rule)


def llm_warning(payload: TurnPayload) -> str:
    """The warning line under a reply answered offline because the LLM failed ("" when it did not)."""
    if not payload.llm_problems:
        return ""
    return QCoreApplication.translate("ChatPanel", "LLM failed: {problems} — answered offline").format(
        problems="; ".join(payload.llm_problems))


class TurnFeed(QObject):
    def __init__(self, chat) -> None:
        super().__init__(chat)
        self._chat = weakref.ref(chat)   # the panel holds this object: no cycle for the (disabled) collector
        self.pending: deque[tuple[int, int]] = deque()   # (user row, bot row) waiting for their turn
        self.streamed: dict[int, str] = {}
        self.opening_row: int | None = None   # the bubble kept for the opening turn, first in the list
        self.replay_left = 0
        self.replay_select: int | None = None
        worker = chat.session.worker
        worker.chunk_received.connect(self._on_chunk)
        worker.turn_finished.connect(self._on_turn_finished)
        worker.opening_finished.connect(self._on_opening)
        worker.turn_failed.connect(self._on_turn_failed)

    @property
    def chat(self):
        return self._chat()

    def clear(self) -> None:
        """A new conversation: nothing is waiting (a replay under way still counts its answers)."""
        self.pending.clear()
        self.streamed.clear()
        self.opening_row = None

    def expect(self, user_row: int, bot_row: int) -> None:
        """The bubbles of a message just sent: the bot's is filled when its turn comes back."""
        self.pending.append((user_row, bot_row))

    def expect_replay(self, count: int, select: int) -> None:
        """The next `count` answers are a replay's: once they are in, select turn `select`."""
        self.replay_left = count
        self.replay_select = select

    @Slot(str)
    def _on_chunk(self, text: str) -> None:
        if not self.pending:
            return
        chat = self.chat
        _, row = self.pending[0]
        self.streamed[row] = self.streamed.get(row, "") + text
        chat.model.update(row, text=self.streamed[row])
        chat.view.scrollToBottom()

    @Slot(object)
    def _on_turn_finished(self, payload: TurnPayload) -> None:
        chat = self.chat
        if payload.session != chat.session.session or not self.pending:
            return   # from a conversation that was reset meanwhile
        user_row, bot_row = self.pending.popleft()
        self.streamed.pop(bot_row, None)
        index = len(chat.turns)
        chat.turns.append(payload)
        result = payload.result
        chat.model.update(user_row, turn=index)
        empty = QCoreApplication.translate("ChatPanel", "(empty reply: no rule matched)")
        chat.model.update(bot_row, text=result.reply or empty, turn=index, caption=caption_of(payload),
                          warning=llm_warning(payload), pending=False)
        chat.context_view.set_context(result.context, payload.diff)
        if self.replay_left:
            self.replay_left -= 1
            if self.replay_left == 0:
                target = min(self.replay_select or 0, index)
                chat.select_turn(target)
                chat.replay_finished.emit(target)
        else:
            chat.select_turn(index)
            chat.view.scrollToBottom()
        chat.turn_completed.emit(payload)

    @Slot(object)
    def _on_opening(self, payload: TurnPayload) -> None:
        chat = self.chat
        if payload.session != chat.session.session:
            return   # from a conversation that was reset meanwhile
        chat.opening = payload
        result = payload.result
        row = self.opening_row if self.opening_row is not None else chat.model.append(ChatMessage(BOT, ""))
        self.opening_row = row
        empty = QCoreApplication.translate("ChatPanel", "(empty opening: no rule matched)")
        rule = result.rule or QCoreApplication.translate("ChatPanel", "no rule")
        chat.model.update(row, text=result.reply or empty,
                          caption=QCoreApplication.translate("ChatPanel", "opening → {rule}").format(rule=rule),
                          warning=llm_warning(payload), pending=False)
        if not chat.turns:
            chat.context_view.set_context(result.context, payload.diff)
        chat.opening_shown.emit(payload)

    @Slot(str)
    def _on_turn_failed(self, reason: str) -> None:
        if not self.pending:
            return
        chat = self.chat
        _, bot_row = self.pending.popleft()
        self.streamed.pop(bot_row, None)
        chat.model.update(bot_row, text=reason, pending=False,
                          warning=QCoreApplication.translate("ChatPanel", "The turn did not run."))
        if self.replay_left:
            self.replay_left -= 1
            if self.replay_left == 0 and chat.turns:   # the replay ends here: show what did run
                target = min(self.replay_select or 0, len(chat.turns) - 1)
                chat.select_turn(target)
                chat.replay_finished.emit(target)
