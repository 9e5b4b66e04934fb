"""UI text follows the locale: Chinese under zh_CN (ours and Qt's own dialogs), English otherwise."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox

from studio.ui.app import TRANSLATIONS, install_translations, remove_translations
from tests.ui.studio_fixtures import make_window, project_dir, prompts, settings, studio_env  # noqa: F401


@pytest.fixture
def chinese(qapp):
    translators = install_translations(qapp, QLocale("zh_CN"))
    yield translators
    remove_translations(qapp, translators)


def test_menus_are_chinese_under_zh_cn(chinese, make_window, project_dir):
    assert len(chinese) == 2   # Qt's own and ours
    window = make_window(project_dir)
    assert window.menu_titles()[:2] == ["文件(&F)", "编辑(&E)"]
    assert window.project_dock.windowTitle() == "项目"
    assert window.problems_panel.model.headerData(0, Qt.Orientation.Horizontal) == "级别"


def test_qt_dialog_buttons_are_chinese_too(chinese, qtbot):
    box = QMessageBox(QMessageBox.Icon.Warning, "t", "t",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard)
    qtbot.addWidget(box)
    assert "保存" in box.button(QMessageBox.StandardButton.Save).text()


def test_english_needs_no_translator(qapp, make_window, project_dir):
    assert install_translations(qapp, QLocale("en_US")) == []
    window = make_window(project_dir)
    assert window.menu_titles()[0] == "&File"


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="pyside6-lrelease not installed")
def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    out = tmp_path / "out.qm"
    subprocess.run(["pyside6-lrelease", str(TRANSLATIONS / "rule_studio_zh_CN.ts"), "-qm", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (TRANSLATIONS / "rule_studio_zh_CN.qm").read_bytes()


def test_the_project_chooser_is_chinese_under_zh_cn(chinese, qtbot):
    from studio.ui.project_chooser import ProjectChooser
    chooser = ProjectChooser("no such project folder: /gone", ["/tmp"])
    qtbot.addWidget(chooser)
    assert chooser.windowTitle() == "打开项目"
    assert chooser.folder_button.text() == "打开文件夹…"
    assert chooser.reason_label.text() == "无法打开该项目：no such project folder: /gone"
