"""Fixtures of the chat tester tests: a copy of the sample project, its workspace, the panel.

The loopback OpenAI-compatible server comes from tests/llm (one import line, as
tests/llm/conftest.py does); every thread is quit + waited in teardown.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from llm.fake_openai_server import fake_openai_server, lazyllm_sandbox  # noqa: F401 (fixtures)
from studio_fixtures import copy_sample, studio_env  # noqa: F401 (fixture)

from studio.project import Project
from studio.ui.chat.panel import ChatPanel
from studio.ui.workspace import Workspace

TURN_TIMEOUT_MS = 10000


@pytest.fixture
def sample_project(tmp_path) -> Path:
    root = copy_sample(tmp_path / "shop")
    assert root is not None, "the sample project has no rule file"
    return root


@pytest.fixture
def chat_settings(studio_env) -> QSettings:
    return QSettings(str(studio_env / "chat.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def workspace(qtbot, sample_project):
    ws = Workspace(Project.open(sample_project))
    ws.analyze_now()
    qtbot.waitUntil(lambda: ws.analysis is not None and not ws.is_analyzing(), timeout=10000)
    yield ws
    ws.close()
    assert not ws._thread.isRunning()


@pytest.fixture
def chat(qtbot, workspace, chat_settings):
    panel = ChatPanel(workspace, chat_settings)
    qtbot.addWidget(panel)
    panel.resize(520, 900)
    panel.show()
    qtbot.waitUntil(lambda: panel._ready, timeout=10000)
    yield panel
    assert panel.shutdown()
    assert not panel.session.thread.isRunning()


def type_text(qtbot, widget, text: str) -> None:
    """Type `text` as a user would: ASCII as key presses, Chinese as an input method commits it
    (QTest can only type ASCII)."""
    for is_ascii, run in _runs(text):
        if is_ascii:
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def _runs(text: str):
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or text[i].isascii() != text[start].isascii():
            yield text[start].isascii(), text[start:i]
            start = i


def say(qtbot, panel: ChatPanel, text: str, timeout: int = TURN_TIMEOUT_MS):
    """Type `text` into the input line, press Enter, and return the turn's payload once it is shown."""
    with qtbot.waitSignal(panel.turn_completed, timeout=timeout) as blocker:
        panel.input.setFocus()
        type_text(qtbot, panel.input, text)
        assert panel.input.text() == text
        qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    return blocker.args[0]


def wait_analysis(qtbot, workspace, timeout: int = 10000) -> None:
    qtbot.waitUntil(lambda: workspace.analysis is not None and not workspace.is_analyzing(), timeout=timeout)
