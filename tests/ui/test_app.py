"""`rule-studio PROJECT` starts, shows the window and exits cleanly (a real process, offscreen)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from tests.ui.studio_fixtures import prompts, write_project  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_rule_studio_opens_the_window_and_exits_0(tmp_path):
    project = write_project(tmp_path / "shop")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RULE_STUDIO_REPORT_LAUNCH="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "studio.cli.main", str(project)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("shown ")
    float(done.stdout.split()[1])   # the launch time, which bench/bench_window.py measures
    settings = list((tmp_path / "config").rglob("*.conf"))
    assert settings and "recent_projects" in settings[0].read_text(encoding="utf-8")


def studio_env(tmp_path) -> dict:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", RULE_STUDIO_REPORT_LAUNCH="1",
                XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
                PYTHONPATH=str(ROOT))


def test_qt_options_pass_through_before_or_after_the_project(tmp_path):
    project = write_project(tmp_path / "shop")
    for args in ([str(project), "-platform", "offscreen"], ["-platform", "offscreen", str(project)],
                 ["-style=fusion", str(project)], ["--platform", "offscreen", "-reverse", str(project)]):
        done = subprocess.run([sys.executable, "-m", "studio.cli.main", *args], env=studio_env(tmp_path),
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stdout.startswith("shown "), args


def test_without_a_display_a_project_that_cannot_be_opened_exits_2_with_the_reason(tmp_path):
    # The message box that tells a user at a screen would wait forever where nobody can click it.
    for platform in ("offscreen", "minimal"):
        script = ("import sys; from studio.ui.app import run_studio; "
                  f"sys.exit(run_studio({str(tmp_path / 'gone')!r}, []))")
        done = subprocess.run([sys.executable, "-c", script], env=dict(studio_env(tmp_path), QT_QPA_PLATFORM=platform),
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, (platform, done.stderr)
        assert f"no such project folder: {tmp_path / 'gone'}" in done.stderr, platform


def test_without_a_display_a_crashed_sessions_edits_are_kept_and_the_window_never_waits(tmp_path):
    from studio.ui.app import APP_NAME, ORG_NAME
    from studio.ui.recovery import RecoveryStore
    project = write_project(tmp_path / "shop")
    store = RecoveryStore(project, base=tmp_path / "data" / ORG_NAME / APP_NAME / "recovery")
    store.save("rules/shop.dsl", "# 崩溃前没保存的改动\n", disk_text="")
    done = subprocess.run([sys.executable, "-m", "studio.cli.main", str(project)], env=studio_env(tmp_path),
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "recovery: left for a session with a display" in done.stderr
    assert [entry.text for entry in store.entries()] == ["# 崩溃前没保存的改动\n"]


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "studio.ini"), QSettings.Format.IniFormat)


def test_a_missing_project_offers_another_folder_and_the_recent_projects(tmp_path, qapp, settings, prompts):
    from studio.ui.app import open_project_or_ask
    shop = write_project(tmp_path / "shop")
    settings.setValue("recent_projects", [str(shop), str(tmp_path / "moved")])
    prompts.script("choose_project", lambda reason, recent: str(shop))
    project = open_project_or_ask(tmp_path / "gone", prompts, settings)
    assert project is not None and project.root == shop
    [(reason, recent)] = prompts.questions("choose_project")
    assert f"no such project folder: {tmp_path / 'gone'}" in reason
    assert recent == [str(shop)]   # a recent folder that is gone is not offered


def test_giving_up_on_a_missing_project_opens_nothing(tmp_path, qapp, settings, prompts):
    from studio.ui.app import open_project_or_ask
    assert open_project_or_ask(tmp_path / "gone", prompts, settings) is None
    assert len(prompts.questions("choose_project")) == 1


def test_the_project_chooser_opens_a_recent_project_on_double_click(qtbot, tmp_path):
    from studio.ui.project_chooser import ProjectChooser
    shop = write_project(tmp_path / "shop")
    chooser = ProjectChooser("no such project folder: /gone", [str(shop)])
    qtbot.addWidget(chooser)
    chooser.show()
    qtbot.waitExposed(chooser)
    item = chooser.recent_list.item(0)
    assert item.text() == str(shop)
    rect = chooser.recent_list.visualItemRect(item)
    qtbot.mouseClick(chooser.recent_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(chooser.accepted):   # a double click is a press, release, then the double press
        qtbot.mouseDClick(chooser.recent_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chooser.chosen() == str(shop)
    assert "no such project folder: /gone" in chooser.reason_label.text()
