"""The chat tester's LLM path against the loopback OpenAI-compatible server (tests/llm).

The event loop must stay responsive while the model is slow. The tests check
that it runs at all while a request is in flight (timer ticks, typing); how
long its longest stall is gets measured by bench/bench_chat_stall.py, not
asserted here: a timed bound flakes on a busy machine.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Slot

from tests.llm.fake_openai_server import held, http_error, reply, slow
from studio.ui.chat.llm_settings import LLMConfig
from tests.ui.chat.chat_helpers import dispose, say, type_text

API_KEY = "sk-chat-panel-0123456789-SECRET"


def use_server(chat, server, timeout_s: float = 5.0) -> None:
    chat.set_llm_config(LLMConfig(model="fake-model", url=server.url, timeout_s=timeout_s, api_key=API_KEY))
    assert chat.set_llm_enabled(True)


class InFlightTicks:
    """Counts the ticks of a 10 ms UI-thread timer that fire while the server holds a request unanswered."""

    def __init__(self, server, chat) -> None:
        self.server = server
        self.answered = False
        self.ticks = 0
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        chat.turn_completed.connect(self._answered)

    def _tick(self) -> None:
        if self.server.requests and not self.answered:
            self.ticks += 1

    def _answered(self, _payload) -> None:
        self.answered = True

    def __enter__(self):
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.stop()


def test_slow_llm_never_freezes_the_window(qtbot, chat, fake_openai_server):
    use_server(chat, fake_openai_server)
    release = threading.Event()
    fake_openai_server.script(held("greeting", release), reply("1"))   # intent held, then the sales stage
    try:
        with InFlightTicks(fake_openai_server, chat) as meter, \
                qtbot.waitSignal(chat.turn_completed, timeout=10000) as done:
            chat.send("你好")
            qtbot.waitUntil(lambda: meter.ticks >= 5, timeout=5000)   # the event loop runs while the model thinks
            release.set()
    finally:
        release.set()
    payload = done.args[0]
    assert payload.result.intent_source == "llm" and payload.result.rule == "greet_new_customer"
    llm_lines = chat.trace_view.section_lines("llm")
    assert llm_lines[0] == "LLM calls: 2" and llm_lines[1].startswith("intent — ")
    assert "answer: greeting" in llm_lines[1]


def test_the_input_line_takes_typing_while_the_model_answers(qtbot, chat, fake_openai_server):
    use_server(chat, fake_openai_server)
    release = threading.Event()
    fake_openai_server.script(held("greeting", release), reply("1"))
    answered = []
    chat.turn_completed.connect(answered.append)
    try:
        chat.send("你好")
        qtbot.waitUntil(lambda: bool(fake_openai_server.requests), timeout=5000)
        chat.input.setFocus()
        type_text(qtbot, chat.input, "下一句")
        assert chat.input.text() == "下一句" and answered == []   # typed while the request is held
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(answered), timeout=10000)
    assert answered[0].result.rule == "greet_new_customer"


def test_streamed_reply_appears_in_the_bubble_before_the_turn_ends(qtbot, chat, fake_openai_server):
    use_server(chat, fake_openai_server)
    text = "理解您的顾虑，我们有以旧换新和分期免息，可以帮您算一算。"
    fake_openai_server.script(reply("objection"), reply("6"), reply(text, pieces=6))
    seen = []

    class Watcher(QObject):   # lives in the UI thread: queued after the panel's own slot
        @Slot(str)
        def chunk(self, _text):
            message = chat.model.message(chat.feed.pending[0][1])
            seen.append((message.text, message.pending))

    watcher = Watcher()
    chat.session.worker.chunk_received.connect(watcher.chunk)
    payload = say(qtbot, chat, "太贵了")
    assert payload.result.rule == "objection_general" and payload.streamed
    assert len(seen) >= 2
    assert all(pending for _, pending in seen)
    assert seen[0][0] and text.startswith(seen[0][0]) and len(seen[0][0]) < len(text)
    assert seen[-1][0] == text
    bubble = chat.model.message(chat.model.row_of_turn(0))
    assert bubble.text == payload.result.reply == text and not bubble.pending
    assert bubble.caption == "objection (llm) → objection_general" and bubble.warning == ""


def test_http_500_falls_back_and_says_so(qtbot, chat, fake_openai_server):
    use_server(chat, fake_openai_server)
    fake_openai_server.script(http_error(500), http_error(500), http_error(500))
    payload = say(qtbot, chat, "太贵了")
    assert payload.result.intent == "objection" and payload.result.intent_source == "fallback"
    assert payload.result.reply == "理解您的顾虑，我们一定帮您找到性价比更高的选择。"   # the GENERATE fallback
    bubble = chat.model.message(chat.model.row_of_turn(0))
    assert bubble.warning.startswith("LLM failed: intent: ")
    assert "answered offline" in bubble.warning and "generate: " in bubble.warning
    assert "500" in bubble.warning
    assert API_KEY not in bubble.warning


def test_api_key_typed_in_settings_is_used_but_never_stored(qtbot, chat, chat_settings, fake_openai_server,
                                                          studio_env):
    with qtbot.waitSignal(chat.dialog_opened) as opened:
        chat.llm_settings_action.trigger()
    dialog = opened.args[0]
    dialog.url.setText(fake_openai_server.url)
    dialog.model.setText("fake-model")
    dialog.api_key.setText(API_KEY)
    dialog.buttons.accepted.emit()
    assert chat.set_llm_enabled(True)
    fake_openai_server.script(reply("greeting"), reply("1"))
    say(qtbot, chat, "你好")
    assert fake_openai_server.requests[0].headers.get("Authorization") == f"Bearer {API_KEY}"

    chat_settings.sync()
    assert chat_settings.value("chat/llm/url") == fake_openai_server.url
    assert chat_settings.value("chat/llm/api_key") is None
    for path in studio_env.rglob("*"):
        if path.is_file():
            assert API_KEY.encode() not in path.read_bytes(), path
    assert API_KEY not in repr(chat.llm_config) and API_KEY not in repr(chat.llm_settings)
    assert API_KEY not in chat.status_label.text()


def test_llm_on_without_configuration_stays_off_and_says_why(qtbot, chat, monkeypatch):
    for name in ("RULE_STUDIO_LLM_URL", "RULE_STUDIO_LLM_SOURCE", "LAZYLLM_DEFAULT_SOURCE"):
        monkeypatch.delenv(name, raising=False)
    from studio.llm.config import KNOWN_SOURCES
    for source in KNOWN_SOURCES:
        monkeypatch.delenv(f"LAZYLLM_{source.upper()}_API_KEY", raising=False)
    assert not chat.set_llm_enabled(True)
    assert not chat.llm_action.isChecked()
    assert "No LLM is configured" in chat.status_label.text()
    chat.set_llm_config(LLMConfig(source="qwen"))
    assert not chat.set_llm_enabled(True)
    assert "needs an API key" in chat.status_label.text()


def test_closing_during_a_hanging_llm_call_is_bounded_by_the_timeout(qtbot, workspace, chat_settings,
                                                                    fake_openai_server):
    from studio.ui.chat.panel import ChatPanel
    panel = ChatPanel(workspace, chat_settings)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel._ready)
    use_server(panel, fake_openai_server, timeout_s=1.0)
    fake_openai_server.script(slow("greeting", 8), slow("1", 8))
    with qtbot.waitSignal(fake_openai_server_request(fake_openai_server), timeout=5000):
        panel.send("你好")
    assert panel.shutdown()   # True: the thread ended within the panel's own bound, the timeout + 1 s
    assert not panel.session.thread.isRunning()
    assert len(fake_openai_server.requests) == 1     # the sales-stage call never started
    panel.close()
    dispose(panel)


def fake_openai_server_request(server):
    """A signal-like object for qtbot.waitSignal: fires once the server has received a request."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        arrived = Signal()

    probe = _Probe()
    timer = QTimer(probe, interval=5)
    timer.timeout.connect(lambda: (timer.stop(), probe.arrived.emit()) if server.requests else None)
    timer.start()
    return probe.arrived


def open_llm_settings(qtbot, chat):
    with qtbot.waitSignal(chat.dialog_opened) as opened:
        chat.llm_settings_action.trigger()
    return opened.args[0]


def test_the_status_line_follows_the_llm_settings_chosen(qtbot, chat, fake_openai_server):
    use_server(chat, fake_openai_server)
    qtbot.waitUntil(lambda: "fake-model" in chat.status_label.text(), timeout=5000)
    dialog = open_llm_settings(qtbot, chat)
    dialog.model.clear()
    type_text(qtbot, dialog.model, "other-model")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "other-model" in chat.status_label.text(), timeout=5000)
    assert chat.status_label.text().startswith("LLM on (")


def test_settings_that_cannot_work_turn_the_llm_off_for_good_and_say_why(qtbot, chat, fake_openai_server,
                                                                         monkeypatch):
    monkeypatch.delenv("LAZYLLM_QWEN_API_KEY", raising=False)
    monkeypatch.delenv("RULE_STUDIO_LLM_API_KEY", raising=False)
    use_server(chat, fake_openai_server)
    qtbot.waitUntil(lambda: "fake-model" in chat.status_label.text(), timeout=5000)
    dialog = open_llm_settings(qtbot, chat)
    dialog.url.clear()
    dialog.api_key.clear()
    dialog.source.setCurrentIndex(dialog.source.findData("qwen"))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not chat.llm_action.isChecked()
    assert "needs an API key" in chat.status_label.text()
    assert chat.llm_settings is None                   # the old model is not called behind the analyst's back
    fake_openai_server.script(reply("greeting"), reply("1"))
    say(qtbot, chat, "你好")
    assert not fake_openai_server.requests


def test_changing_settings_while_the_llm_is_off_says_they_apply_when_it_is_on(qtbot, chat, fake_openai_server):
    qtbot.waitUntil(lambda: chat.status_label.text().startswith("Offline"), timeout=5000)
    dialog = open_llm_settings(qtbot, chat)
    dialog.url.setText(fake_openai_server.url)
    dialog.model.setText("fake-model")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert chat.status_label.text().startswith("Offline")
    assert "fake-model" in chat.status_label.text()
