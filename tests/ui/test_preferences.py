"""Preferences: the language (window and core messages), the editors' font size, the theme; remembered."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from studio import i18n
from studio.ui import theme
from studio.ui.app import use_ui_language
from studio.ui.preferences import (AUTOMATIC, DEFAULT_FONT_SIZE, Preferences, language_for, start_language,
                                   use_window_theme)
from tests.ui.studio_fixtures import (make_window, problems_of, project_dir, prompts, settings,  # noqa: F401
                                      studio_env, wait_analysis)

CJK = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def english_light_default_size(qapp):
    """Each test leaves the process as the suite expects it: English, light, the default font size."""
    yield
    use_ui_language(qapp, "en")
    i18n.set_language("en")
    use_window_theme(theme.LIGHT)
    theme.EDITOR_POINT_SIZE = DEFAULT_FONT_SIZE


@pytest.fixture
def chinese(qapp):
    use_ui_language(qapp, "zh")
    i18n.set_language("zh")


def project_bytes(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def choose_in_dialog(qtbot, window, **chosen):
    """Open Edit ▸ Preferences…, pick `chosen` (language=, font_size=, theme=) and press OK."""
    window.preferences.preferences_action.trigger()
    dialog = window.preferences.dialog
    assert dialog.isVisible()
    if "language" in chosen:
        dialog.language_box.setCurrentIndex(dialog.language_box.findData(chosen["language"]))
    if "font_size" in chosen:
        dialog.font_size_box.setValue(chosen["font_size"])
    if "theme" in chosen:
        dialog.theme_box.setCurrentIndex(dialog.theme_box.findData(chosen["theme"]))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def newest_window():
    from studio.ui.main_window import MainWindow
    return MainWindow.windows[-1]


def test_english_turns_menus_and_problems_from_chinese_to_english_keeping_unsaved_edits(
        chinese, qtbot, make_window, project_dir):
    window = make_window(project_dir)
    assert window.menu_titles()[:2] == ["文件(&F)", "编辑(&E)"]
    assert window.preferences.preferences_action.text() == "首选项(&N)…"
    assert CJK.search(problems_of(window, "I410")[0].message)
    editor = window.tabs.open_file("rules/shop.dsl").editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("\n# 还没保存\n")
    on_disk = project_bytes(project_dir)

    choose_in_dialog(qtbot, window, language="en")
    english = newest_window()
    try:
        assert english is not window and not window.isVisible()
        wait_analysis(qtbot, english)
        assert english.menu_titles()[:2] == ["&File", "&Edit"]
        assert english.preferences.preferences_action.text() == "Prefere&nces…"
        assert problems_of(english, "I410")[0].message == "brand '苹果' (手机) is not mentioned by any rule or test"
        page = english.tabs.page("rules/shop.dsl")
        assert page.modified and page.text().endswith("# 还没保存\n")
        assert english.isWindowModified()
        assert project_bytes(project_dir) == on_disk
        assert QSettings.value(english.settings, "preferences/language") == "en"
    finally:
        english.shutdown()


def test_unsaved_knowledge_comes_along_to_the_new_language(qtbot, make_window, project_dir):
    window = make_window(project_dir)
    window.knowledge_panel.add_category_action.trigger()
    assert window.workspace.knowledge_dirty
    on_disk = project_bytes(project_dir)
    choose_in_dialog(qtbot, window, language="zh")
    chinese = newest_window()
    try:
        assert chinese is not window and chinese.menu_titles()[0] == "文件(&F)"
        assert chinese.workspace.knowledge_dirty
        assert "New category" in chinese.workspace.knowledge.categories
        assert project_bytes(project_dir) == on_disk
    finally:
        chinese.shutdown()


def test_the_same_language_keeps_the_window(chinese, qtbot, make_window, project_dir):
    window = make_window(project_dir)
    choose_in_dialog(qtbot, window, language="zh", font_size=14)
    assert newest_window() is window and window.isVisible()
    assert window.tabs.current_editor().font().pointSize() == 14


def test_the_language_at_launch_is_lang_then_the_saved_choice_then_the_environment(settings, monkeypatch):
    monkeypatch.setenv("RULE_STUDIO_LANG", "zh")
    assert start_language(settings, None) == "zh" and i18n.language() == "zh"   # nothing saved: Automatic
    Preferences(language="en").save(settings)
    assert start_language(settings, None) == "en" and i18n.language() == "en"
    assert start_language(settings, "zh") == "zh"                               # --lang beats the saved choice
    assert language_for(AUTOMATIC) == "zh"                                      # Automatic follows --lang
    start_language(settings, None)
    monkeypatch.setenv("RULE_STUDIO_LANG", "en")
    assert language_for(AUTOMATIC) == "en" and language_for("zh") == "zh"


def test_the_command_line_hands_lang_to_the_studio():
    from studio.cli.main import LANGUAGE_OPTION, choose_language
    assert choose_language(["--lang", "zh", "shop"]) == ["shop"]
    assert LANGUAGE_OPTION["value"] == "zh"
    choose_language(["shop"])
    assert LANGUAGE_OPTION["value"] is None


def test_preferences_are_remembered_and_bad_values_read_as_defaults(qtbot, make_window, project_dir, settings):
    window = make_window(project_dir)
    choose_in_dialog(qtbot, window, font_size=15, theme=theme.DARK)
    assert Preferences.load(settings) == Preferences(AUTOMATIC, 15, theme.DARK)
    settings.setValue("preferences/editor_font_size", "huge")
    settings.setValue("preferences/theme", "purple")
    settings.setValue("preferences/language", "fr")
    assert Preferences.load(settings) == Preferences()


def test_a_saved_size_and_theme_apply_to_a_new_window(qtbot, make_window, project_dir, settings):
    Preferences(AUTOMATIC, 16, theme.DARK).save(settings)
    window = make_window(project_dir)
    editor = window.tabs.current_editor()
    assert editor.font().pointSize() == 16
    assert editor.palette().color(QPalette.ColorRole.Base) == QColor("#1e1e1e")


def test_font_size_keys_and_ctrl_wheel_change_every_open_editor_and_new_ones(qtbot, make_window, project_dir,
                                                                             settings, monkeypatch):
    window = make_window(project_dir)
    shop = window.tabs.open_file("rules/shop.dsl").editor
    extra = window.tabs.open_file("rules/extra.dsl").editor
    rehighlighted = []   # a size alone keeps the highlighting (a large file would be lexed again at each step)
    for editor in (shop, extra):
        monkeypatch.setattr(editor.highlighter, "restyle", lambda e=editor: rehighlighted.append(e))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    extra.setFocus()
    qtbot.keyClick(extra, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert [shop.font().pointSize(), extra.font().pointSize()] == [DEFAULT_FONT_SIZE + 1] * 2
    qtbot.keyClick(extra, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(extra, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert extra.font().pointSize() == DEFAULT_FONT_SIZE - 1

    scroll = extra.verticalScrollBar().value()
    for _ in range(3):
        ctrl_wheel(extra, 120)   # one notch each
    assert shop.font().pointSize() == DEFAULT_FONT_SIZE + 2
    for _ in range(3):
        ctrl_wheel(extra, 30)    # a touchpad: parts of a notch, no step yet
    assert shop.font().pointSize() == DEFAULT_FONT_SIZE + 2
    ctrl_wheel(extra, 30)
    assert shop.font().pointSize() == DEFAULT_FONT_SIZE + 3
    ctrl_wheel(extra, -120)
    assert shop.font().pointSize() == DEFAULT_FONT_SIZE + 2
    assert extra.verticalScrollBar().value() == scroll
    assert Preferences.load(settings).font_size == DEFAULT_FONT_SIZE + 2

    (project_dir / "conversations" / "hi.yaml").write_text("name: hi\nturns: []\n", encoding="utf-8")
    test_tab = window.tabs.open_file("conversations/hi.yaml").editor
    assert test_tab.font().pointSize() == DEFAULT_FONT_SIZE + 2
    qtbot.keyClick(test_tab, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert {e.font().pointSize() for e in (shop, extra, test_tab)} == {DEFAULT_FONT_SIZE}
    assert QKeySequence("Ctrl+=") in window.preferences.zoom_in_action.shortcuts()
    assert rehighlighted == []


def ctrl_wheel(editor, delta: int) -> None:
    wheel = QWheelEvent(QPointF(20, 20), QPointF(editor.mapToGlobal(QPoint(20, 20))), QPoint(0, 0), QPoint(0, delta),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(editor.viewport(), wheel)


def keyword_colour(editor) -> QColor:
    """The foreground of the first format of the editor's first line (`RULE`, `# comment`...)."""
    ranges = editor.document().firstBlock().layout().formats()
    return QColor(ranges[0].format.foreground().color())


def test_dark_theme_recolours_open_editors_their_highlighting_and_the_window(qtbot, make_window, project_dir):
    window = make_window(project_dir)
    rules = window.tabs.open_file("rules/extra.dsl").editor   # starts with RULE
    assert keyword_colour(rules) == QColor(theme.TOKEN_STYLES[theme.Keyword.Declaration].color)
    light_keyword = keyword_colour(rules)

    choose_in_dialog(qtbot, window, theme=theme.DARK)
    assert rules.palette().color(QPalette.ColorRole.Base) == QColor("#1e1e1e")
    assert keyword_colour(rules) == QColor(theme.DARK_TOKEN_STYLES[theme.Keyword.Declaration].color) != light_keyword
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor("#252526")

    choose_in_dialog(qtbot, window, theme=theme.LIGHT)
    assert keyword_colour(rules) == light_keyword
    assert rules.palette().color(QPalette.ColorRole.Base) == QColor("#ffffff")
    assert QApplication.palette().color(QPalette.ColorRole.Window) != QColor("#252526")


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_every_dark_token_colour_reads_well_on_the_dark_background():
    for ttype, style in theme.DARK_TOKEN_STYLES.items():
        background = style.background or "#1e1e1e"
        assert _contrast(style.color, background) >= 4.5, ttype


# (text, background): the panels' text on the fills they paint under it, in both themes
TEXT_ON_FILLS = [("FLOW_TEXT", "FLOW_NODE_FILL"), ("FLOW_TEXT", "FLOW_START_FILL"),
                 ("FLOW_TEXT", "FLOW_LABEL_BACKGROUND"), ("FLOW_ENTRY_TEXT", "FLOW_NODE_FILL"),
                 ("FLOW_ENTRY_TEXT", "FLOW_START_FILL"), ("FLOW_UNREACHED_TEXT", "FLOW_UNREACHED_FILL"),
                 ("TEXT", "DIFF_ADDED_BACKGROUND"), ("TEXT", "DIFF_REMOVED_BACKGROUND"),
                 ("TEXT", "DIFF_GAP_BACKGROUND"),
                 ("DIFF_GAP_TEXT", "DIFF_GAP_BACKGROUND"), ("TEXT", "CHANGE_OLD_BACKGROUND"),
                 ("TEXT", "CHANGE_NEW_BACKGROUND"), ("TEXT", "RULE_FORM_CHIP_BACKGROUND"),
                 ("TEXT", "CHAT_USER_BUBBLE"), ("TEXT", "CHAT_BOT_BUBBLE"), ("TEXT", "CHAT_NOTICE_BUBBLE"),
                 ("BANNER_TEXT", "BANNER_BACKGROUND"), ("TEXT", "CONTEXT_CHANGED_BACKGROUND"),
                 ("KNOWLEDGE_SERIES_TEXT", "BACKGROUND"), ("REFERENCE_CAPTION_TEXT", "BACKGROUND"),
                 ("TEXT", "REFERENCE_CODE_BACKGROUND"), ("TRAFFIC_WARN_TEXT", "BACKGROUND"),
                 ("CHAT_CAPTION_TEXT", "BACKGROUND"), ("CHAT_WARNING_TEXT", "BACKGROUND")]
DARK_WINDOW = "#252526"   # `theme.window_palette`'s Window: the panels' labels sit on it


@pytest.mark.parametrize("name", theme.THEMES)
def test_the_panels_text_reads_well_on_what_they_paint_under_it(name):
    palette = theme._PALETTES[name]
    for text, fill in TEXT_ON_FILLS:
        assert _contrast(palette[text].name(), palette[fill].name()) >= 4.5, (name, text, fill)


def test_dark_severity_and_test_result_colours_read_well_as_text_on_the_dark_window_and_editor():
    dark = theme._PALETTES[theme.DARK]
    colours = [*dark["SEVERITY_COLORS"].values(), dark["TEST_PASSED"], dark["TEST_FAILED"], dark["TEST_ERROR"],
               dark["MARK_COLORS"]["untested"], dark["FLOW_NEVER_REACHED"], dark["DIFF_ADDED_MARK"],
               dark["DIFF_REMOVED_MARK"], dark["DIFF_MODIFIED_MARK"]]
    for colour in colours:
        for background in (DARK_WINDOW, dark["BACKGROUND"].name()):
            assert _contrast(colour.name(), background) >= 4.5, (colour.name(), background)


def test_light_severity_and_test_result_colours_read_well_as_text_on_white_and_the_window_grey():
    light = theme._PALETTES[theme.LIGHT]
    colours = [*light["SEVERITY_COLORS"].values(), light["TEST_PASSED"], light["TEST_FAILED"], light["TEST_ERROR"],
               light["MARK_COLORS"]["untested"]]
    for colour in colours:
        assert _contrast(colour.name(), "#ffffff") >= 4.5, colour.name()   # item views' base
    for colour in light["SEVERITY_COLORS"].values():
        assert _contrast(colour.name(), "#efefef") >= 4.5, colour.name()   # Fusion's window: the form's labels


LAUNCH = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["rule-studio"])
def report():
    from studio import i18n
    from studio.ui.main_window import MainWindow
    window = MainWindow.windows[0]
    print(window.menu_titles()[0], i18n.language(), flush=True)
    window.close()
QTimer.singleShot(0, report)
from studio.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def launch(tmp_path, project, *args, saved: str | None = None, **environ) -> str:
    """`rule-studio [args] PROJECT` in a real process: its first menu title and the core's language."""
    config = tmp_path / "config"
    if saved is not None:
        stored = QSettings(str(config / "RuleStudio" / "Rule Studio.conf"), QSettings.Format.IniFormat)
        stored.setValue("preferences/language", saved)
        stored.sync()
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "RULE_STUDIO_LANG")}
    root = Path(__file__).resolve().parents[2]
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONPATH=str(root), **environ)
    done = subprocess.run([sys.executable, "-c", LAUNCH, *args, str(project)], env=env, cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_at_launch_the_window_and_the_core_speak_lang_else_the_saved_choice_else_the_environment(
        tmp_path, project_dir):
    assert launch(tmp_path, project_dir, saved="en", LANG="zh_CN.UTF-8") == "&File en"
    assert launch(tmp_path, project_dir, "--lang", "zh", saved="en", LANG="zh_CN.UTF-8") == "文件(&F) zh"
    assert launch(tmp_path, project_dir, saved="auto", LANG="en_US.UTF-8", RULE_STUDIO_LANG="zh") == "文件(&F) zh"
    assert launch(tmp_path, project_dir, saved="auto", LANG="zh_CN.UTF-8", RULE_STUDIO_LANG="en") == "&File en"


def test_the_dialog_speaks_chinese_under_chinese(chinese, qtbot, make_window, project_dir):
    window = make_window(project_dir)
    dialog = window.preferences.show_dialog()
    assert dialog.windowTitle() == "首选项"
    assert [dialog.theme_box.itemText(i) for i in range(2)] == ["浅色", "深色"]
    assert dialog.language_box.itemText(0).startswith("自动")
    assert dialog.font_size_box.suffix() == " 磅"
    dialog.reject()
