"""Fixtures of the chat tester tests: a copy of the sample project, its workspace, the panel.

The loopback OpenAI-compatible server (`fake_openai_server`) comes from tests/conftest.py;
every thread is quit + waited in teardown, every Qt object deleted on the UI thread.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.ui.chat.chat_helpers import dispose
from tests.ui.studio_fixtures import copy_sample, studio_env  # noqa: F401 (fixture)

from studio.project import Project
from studio.ui.chat.panel import ChatPanel
from studio.ui.workspace import Workspace


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
    dispose(ws)


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
    panel.close()
    dispose(panel)
