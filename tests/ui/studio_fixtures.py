"""Fixtures for the studio window tests: a small project in tmp_path, scripted prompts, windows.

Imported by the `tests/ui/test_*` modules of the window (`from tests.ui.studio_fixtures import ...`);
kept out of conftest.py, which other panels' tests share.
"""
from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from studio.ui.prompts import Prompts, UnsavedChoice

SAMPLE_ROOT = Path(__file__).resolve().parents[2]

SHOP_DSL = '''# 小店的规则
INTENT product_query "用户询问、挑选商品"
    KEYWORDS "买|手机|推荐"
INTENT greeting "打招呼"
    KEYWORDS "你好|您好"

RULE greet
WHEN INTENT_IS greeting
THEN
    RESPOND "你好！想看看什么？"

RULE choose_phone
    PRIORITY 5
WHEN INTENT_IS product_query AND USER_MENTION_ANY "手机"
THEN
    ADD_TO_CHAIN category "手机"
    SUGGEST_BRANDS
    SET_STAGE "brand_select"

RULE pick_brand
WHEN CONTEXT_STAGE_IS "brand_select" AND USER_MENTIONS brand
THEN
    CAPTURE brand
    SUGGEST_SERIES
    SET_STAGE "series_select"

RULE fallback
WHEN ALWAYS
THEN
    RESPOND "请问有什么可以帮您？"
'''

EXTRA_DSL = '''RULE recommend_huawei
WHEN INTENT_IS product_query AND USER_MENTION_ANY "华为"
THEN
    ADD_TO_CHAIN category "手机"
    ADD_TO_CHAIN brand "华为"
    SUGGEST_SERIES
'''

KNOWLEDGE = {
    "categories": {
        "手机": {
            "description": "智能手机", "icon": "📱", "subtypes": [],
            "brands": {
                "苹果": {"aliases": ["Apple"], "series": ["iPhone 16", "iPhone 16 Pro"],
                         "scenarios": ["摄影", "办公"], "price_range": [5000, 12000]},
                "华为": {"aliases": ["HUAWEI"], "series": ["Mate 70", "Pura 70"],
                         "scenarios": ["商务", "摄影"], "price_range": [2500, 13000]},
            },
        },
    },
}


def write_project(root: Path) -> Path:
    (root / "rules").mkdir(parents=True)
    (root / "knowledge").mkdir()
    (root / "conversations").mkdir()
    (root / "rules" / "shop.dsl").write_text(SHOP_DSL, encoding="utf-8")
    (root / "rules" / "extra.dsl").write_text(EXTRA_DSL, encoding="utf-8")
    (root / "knowledge" / "products.json").write_text(json.dumps(KNOWLEDGE, ensure_ascii=False, indent=2),
                                                      encoding="utf-8")
    return root


def copy_sample(root: Path) -> Path | None:
    """A copy of the repository's sample project, or None while it has no rule file yet."""
    if not list((SAMPLE_ROOT / "rules").glob("*.dsl")):
        return None
    for folder in ("rules", "knowledge", "conversations"):
        if (SAMPLE_ROOT / folder).is_dir():
            shutil.copytree(SAMPLE_ROOT / folder, root / folder)
    return root


class ScriptedPrompts(Prompts):
    """Answers from queues (else a default), and a log of every question asked."""

    def __init__(self) -> None:
        self.answers: dict[str, list] = {}
        self.asked: list[tuple[str, tuple]] = []
        self.defaults = {"ask_text": None, "confirm": True, "unsaved_changes": UnsavedChoice.DISCARD,
                         "reload_changed_file": True, "recover": None, "error": None,
                         "confirm_generated_tests": lambda items: [rule for rule, _conversation in items],
                         "open_log_files": [], "save_file_name": None, "choose_project": None}

    def script(self, method: str, *answers) -> None:
        self.answers.setdefault(method, []).extend(answers)

    def _answer(self, method: str, *args):
        self.asked.append((method, args))
        queue = self.answers.get(method)
        answer = queue.pop(0) if queue else self.defaults[method]
        return answer(*args) if callable(answer) else answer

    def questions(self, method: str) -> list[tuple]:
        return [args for name, args in self.asked if name == method]

    def ask_text(self, parent, title, label, text=""):
        return self._answer("ask_text", title, label, text)

    def confirm(self, parent, title, text):
        return self._answer("confirm", title, text)

    def unsaved_changes(self, parent, files):
        return self._answer("unsaved_changes", list(files))

    def reload_changed_file(self, parent, file):
        return self._answer("reload_changed_file", file)

    def recover(self, parent, entries):
        return self._answer("recover", list(entries))

    def error(self, parent, title, text):
        return self._answer("error", title, text)

    def confirm_generated_tests(self, parent, items):
        return self._answer("confirm_generated_tests", list(items))

    def open_log_files(self, parent, folder=""):
        return self._answer("open_log_files", folder)

    def save_file_name(self, parent, title, suggested, filter):
        return self._answer("save_file_name", title, suggested, filter)

    def open_file_name(self, parent, title, folder, filter):
        return self._answer("open_file_name", title, folder, filter)

    def choose_project(self, parent, reason, recent):
        return self._answer("choose_project", reason, list(recent))


@pytest.fixture
def studio_env(tmp_path, monkeypatch):
    """Settings and the recovery area under tmp_path (never the user's)."""
    data_home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("RuleStudioTests")
    QCoreApplication.setApplicationName("Rule Studio")
    return tmp_path


@pytest.fixture
def project_dir(tmp_path) -> Path:
    return write_project(tmp_path / "shop")


@pytest.fixture
def settings(studio_env) -> QSettings:
    return QSettings(str(studio_env / "studio.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def make_window(qtbot, settings, prompts):
    """Opens MainWindows on a project; each is shut down (worker thread quit + waited) at teardown."""
    from studio.project import Project
    from studio.ui.main_window import MainWindow
    windows = []

    def make(root: Path, wait: bool = True) -> MainWindow:
        window = MainWindow(Project.open(root), settings, prompts)
        windows.append(window)   # not qtbot.addWidget: shutdown() deletes the window itself
        window.show()
        if wait:
            wait_analysis(qtbot, window)
        return window

    yield make
    for window in windows:
        if shiboken6.isValid(window):   # else it was shut down (thread waited) and deleted already
            window.shutdown()
            assert not window.workspace._thread.isRunning()
    dispose()


def dispose() -> None:
    """Run the pending deleteLater()s and collect garbage now, on the UI thread (never let a
    collection triggered in a worker thread destroy Qt objects there)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def window(make_window, project_dir):
    return make_window(project_dir)


def wait_analysis(qtbot, window, timeout: int = 5000) -> None:
    """Until the newest analysis of the window's workspace has arrived."""
    qtbot.waitUntil(lambda: window.workspace.analysis is not None and not window.workspace.is_analyzing(),
                    timeout=timeout)


def problems_of(window, code: str | None = None) -> list:
    diagnostics = window.problems_panel.model.diagnostics()
    return [d for d in diagnostics if code is None or d.code == code]
