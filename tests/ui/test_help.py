"""Help: the DSL reference (search, F1 at a keyword), the shortcuts list, About, Getting Started."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor

from studio.dsl import reference
from studio.ui.help import word_at
from studio.ui.help.about import version
from studio.ui.help.getting_started import CLOSED_KEY, FIX_TYPO, MAKE_TYPO, OPEN_SAMPLE, SAVE_TEST, TALK
from tests.ui.chat.chat_helpers import say
from tests.ui.studio_fixtures import (ScriptedPrompts, make_window, problems_of, project_dir, prompts,  # noqa: F401
                                      settings, studio_env, wait_analysis, window)


def test_the_help_menu_has_reference_shortcuts_getting_started_and_about(window):
    texts = [a.text() for a in window.help_menu.actions() if not a.isSeparator()]
    assert texts == ["DSL &Reference", "&Keyboard Shortcuts", "&Getting Started", "&About Rule Studio"]
    assert window.help_features.reference_action.shortcut().toString() == "F1"


def test_searching_the_reference_filters_its_entries(window):
    view = window.help_features.show_reference().reference
    assert len(view.shown_keywords()) == len(reference.ENTRIES)
    view.search_edit.setText("capture")
    assert view.shown_keywords() == ["CAPTURE"]
    assert "CAPTURE slot" in view.browser.toPlainText()
    view.search_edit.setText("sales stage")
    assert {"SALES_STAGE", "SALES_STAGE_IS", "SET_SALES_STAGE"} <= set(view.shown_keywords())
    assert "RESPOND" not in view.shown_keywords()
    view.search_edit.setText("zzz nothing")
    assert view.shown_keywords() == []
    assert "No entry matches" in view.browser.toPlainText()


def test_f1_in_the_rule_editor_opens_the_reference_at_the_keyword_under_the_cursor(qtbot, window):
    editor = window.tabs.current_editor()
    text = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(text.index("USER_MENTION_ANY") + 5)
    editor.setTextCursor(cursor)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F1)
    dialog = window.help_features.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.reference.current_keyword() == "USER_MENTION_ANY"
    shown = dialog.reference.browser.toPlainText()
    assert 'USER_MENTION_ANY "a|b"' in shown and "at least one of the alternatives" in shown
    assert 'WHEN USER_MENTION_ANY "贵|便宜点"' in shown   # the example, as code


def test_f1_opens_the_entry_even_when_a_search_hides_it(window):
    dialog = window.help_features.show_reference()
    dialog.reference.search_edit.setText("capture")
    window.help_features.show_reference("RESPOND")
    assert dialog.reference.current_keyword() == "RESPOND"
    assert dialog.reference.search_edit.text() == ""


def test_the_word_under_the_cursor_counts_columns_in_utf16_units():
    line = '    RESPOND "😀好的" SET_STAGE'
    assert word_at(line, 6) == "RESPOND"
    emoji_after = len('    RESPOND "😀好的" '.encode("utf-16-le")) // 2
    assert word_at(line, emoji_after + 2) == "SET_STAGE"


def test_the_shortcuts_list_comes_from_the_windows_actions(window):
    view = window.help_features.show_shortcuts().shortcuts
    rows = view.shown_rows()
    assert ("File", "Save", "Ctrl+S") in rows
    assert ("Help", "DSL Reference", "F1") in rows
    view.search_edit.setText("ctrl+s")
    assert ("File", "Save", "Ctrl+S") in view.shown_rows()
    assert all("ctrl+s" in " ".join(row).lower() for row in view.shown_rows())
    window.save_action.setShortcut("Ctrl+Alt+S")   # re-bound: the list follows
    view.search_edit.clear()
    view.refresh()
    assert ("File", "Save", "Ctrl+Alt+S") in view.shown_rows()


def test_about_shows_the_installed_version_the_docs_and_the_runtime(window):
    dialog = window.help_features.show_about()
    text = dialog.label.text()
    assert version() != "unknown" and f"Rule Studio {version()}" in text
    assert "file://" in text and "/docs" in text
    assert "Qt " in text and "PySide6 " in text and "Python " in text
    window.about_action.trigger()   # the Help menu's About opens the same dialog
    assert dialog.isVisible()


def test_getting_started_is_never_shown_by_itself_without_a_screen(qtbot, window):
    qtbot.wait(50)
    assert window.help_features.guide_dock is None


def test_getting_started_shows_on_a_first_run_and_not_again_once_closed(qtbot, make_window, project_dir, settings):
    first = make_window(project_dir)
    assert first.help_features.show_getting_started_on_first_run(headless_too=True)
    dock = first.help_features.guide_dock
    assert dock.isVisible()
    first.help_features.guide.close_button.click()
    assert not dock.isVisible() and settings.value(CLOSED_KEY, type=bool)
    first.shutdown()
    second = make_window(project_dir)
    assert not second.help_features.show_getting_started_on_first_run(headless_too=True)
    assert second.help_features.guide_dock is None
    second.help_features.getting_started_action.trigger()   # Help ▸ Getting Started still opens it
    assert second.help_features.guide_dock.isVisible()


def test_talking_to_the_assistant_and_saving_a_test_tick_their_steps(qtbot, window):
    guide = window.help_features.show_getting_started()
    assert OPEN_SAMPLE not in guide.done_steps()   # this project is not the sample
    guide.buttons[TALK].click()
    assert window.chat_panel.input.hasFocus() or window.chat_dock.isVisible()
    with qtbot.waitSignal(guide.step_done, timeout=10000) as done:
        say(qtbot, window.chat_panel, "你好")
    assert done.args == [TALK] and TALK in guide.done_steps()
    assert guide.marks[TALK].text() == "✔" and guide.marks[SAVE_TEST].text() == "○"
    dialogs = []
    window.chat_panel.dialog_opened.connect(dialogs.append)
    guide.buttons[SAVE_TEST].click()
    with qtbot.waitSignal(guide.step_done, timeout=5000):
        assert dialogs[0].save()
    assert SAVE_TEST in guide.done_steps()


def test_a_typo_and_its_fix_tick_their_steps(qtbot, window):
    guide = window.help_features.show_getting_started()
    guide.buttons[MAKE_TYPO].click()   # opens a rule file with a word selected
    editor = window.tabs.current_editor()
    word = editor.textCursor().selectedText()
    assert word
    with qtbot.waitSignal(guide.step_done, timeout=10000) as typo:
        editor.textCursor().insertText(word[:-1] + "X")
    assert typo.args == [MAKE_TYPO] and problems_of(window)
    guide.buttons[FIX_TYPO].click()
    assert window.problems_dock.isVisible()
    with qtbot.waitSignal(guide.step_done, timeout=10000) as fixed:
        editor.undo()
    assert fixed.args == [FIX_TYPO]
    assert {MAKE_TYPO, FIX_TYPO} <= guide.done_steps()


def test_the_ticks_are_remembered_for_the_next_window(qtbot, make_window, project_dir, settings):
    first = make_window(project_dir)
    first.help_features.show_getting_started()._done(TALK)
    first.shutdown()
    second = make_window(project_dir)
    assert TALK in second.help_features.show_getting_started().done_steps()


def test_the_step_is_ticked_in_the_sample_project(qtbot, make_window, tmp_path):
    from studio.project import SAMPLE_PROJECT
    window = make_window(SAMPLE_PROJECT)
    assert OPEN_SAMPLE in window.help_features.show_getting_started().done_steps()
    assert not window.help_features.guide.buttons[OPEN_SAMPLE].isEnabled()


def test_the_typo_step_points_at_a_brand_in_a_rule_string_never_in_a_comment():
    from studio.ui.help.getting_started import typo_target
    text = '# 说了"苹果手机"\nRULE r\nWHEN ALWAYS\nTHEN\n    ADD_TO_CHAIN brand "小苹果"\n'
    assert typo_target({"rules/a.dsl": text}, ["苹果"]) == ("rules/a.dsl", 5, 26, 2)
    only_comment = '# "苹果"\nRULE r\nWHEN ALWAYS\nTHEN\n    SUGGEST_BRANDS\n'
    assert typo_target({"rules/a.dsl": only_comment}, ["苹果"]) == ("rules/a.dsl", 5, 5, len("SUGGEST_BRANDS"))


def test_the_reference_follows_the_core_language(window):
    from studio import i18n
    view = window.help_features.show_reference("USER_MENTION_ANY").reference
    i18n.set_language("zh")
    try:
        view.retranslate()
        assert "消息至少包含其中一个候选词" in view.browser.toPlainText()
        view.search_edit.setText("兜底")
        assert view.shown_keywords() == ["ALWAYS", "GENERATE"]
    finally:
        i18n.set_language("en")
