"""Find in Files: Ctrl+Shift+F, results grouped by file, a click opens the file at the match."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from tests.ui.studio_fixtures import make_window, project_dir, prompts, settings, studio_env  # noqa: F401

CONVERSATION = "name: 买手机\nturns:\n  - user: 我想买手机\n    expect: {rule: choose_phone}\n"


@pytest.fixture
def window(make_window, project_dir):
    (project_dir / "conversations" / "phone.yaml").write_text(CONVERSATION, encoding="utf-8")
    return make_window(project_dir)


def find(qtbot, window, query: str):
    """Ctrl+Shift+F in the editor, type `query`, Enter."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.tabs.current_editor().setFocus()
    qtbot.keyClick(window.tabs.current_editor(), Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.find_in_files.panel
    assert window.find_in_files.dock.isVisible() and panel.query.hasFocus()
    panel.query.clear()
    if query.isascii():
        qtbot.keyClicks(panel.query, query)
    else:   # Chinese comes from an input method, not from key presses
        event = QInputMethodEvent()
        event.setCommitString(query)
        QApplication.sendEvent(panel.query, event)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    return panel


def click_result(qtbot, panel, file: str, line: int) -> None:
    for i in range(panel.results.topLevelItemCount()):
        group = panel.results.topLevelItem(i)
        for j in range(group.childCount()):
            item = group.child(j)
            if item.data(0, Qt.ItemDataRole.UserRole)[:2] == (file, line):
                panel.results.scrollToItem(item)
                rect = panel.results.visualItemRect(item)
                qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                return
    raise AssertionError(f"no result at {file}:{line}")


def cursor_at(editor) -> tuple[int, int]:
    cursor = editor.textCursor()
    return cursor.blockNumber() + 1, cursor.positionInBlock() + 1


def test_results_come_grouped_by_file_from_rules_knowledge_and_tests(qtbot, window):
    panel = find(qtbot, window, "手机")
    groups = [panel.results.topLevelItem(i).text(0) for i in range(panel.results.topLevelItemCount())]
    assert [g.split(" (")[0] for g in groups] == ["rules/extra.dsl", "rules/shop.dsl", "knowledge/products.json",
                                                "conversations/phone.yaml"]
    assert ("conversations/phone.yaml", 3, 14) in panel.locations()
    assert panel.status.text().startswith(f"{len(panel.locations())} results in 4 of 4 files")


def test_clicking_a_rule_result_opens_the_rule_file_at_the_match(qtbot, window):
    panel = find(qtbot, window, "SUGGEST_SERIES")
    assert [(f, line) for f, line, _column in panel.locations()] == [("rules/extra.dsl", 6), ("rules/shop.dsl", 24)]
    click_result(qtbot, panel, "rules/shop.dsl", 24)
    assert window.tabs.current_rel() == "rules/shop.dsl"
    assert cursor_at(window.tabs.current_editor()) == (24, 5)


def test_a_conversation_result_opens_the_test_at_the_match_and_the_results_stay_in_view(qtbot, window):
    panel = find(qtbot, window, "choose_phone")
    click_result(qtbot, panel, "conversations/phone.yaml", 4)
    assert window.tabs.current_rel() == "conversations/phone.yaml"
    assert cursor_at(window.tabs.current_editor()) == (4, 20)
    assert not window.find_in_files.dock.visibleRegion().isEmpty()


def test_a_knowledge_result_opens_the_file_as_text_at_the_match(qtbot, window):
    panel = find(qtbot, window, "Pura 70")
    [(file, line, column)] = panel.locations()
    click_result(qtbot, panel, file, line)
    assert window.tabs.current_rel() == "knowledge/products.json"
    assert cursor_at(window.tabs.current_editor()) == (line, column)


def test_unsaved_editor_text_is_searched_instead_of_the_file(qtbot, window):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText('    RESPOND "刚加的一行"\n')
    panel = find(qtbot, window, "刚加的")
    assert panel.locations() == [("rules/extra.dsl", 7, 14)]


def test_the_selection_fills_the_query(qtbot, window):
    editor = window.tabs.open_file("rules/shop.dsl").editor
    cursor = editor.document().find("choose_phone")
    editor.setTextCursor(cursor)
    window.find_in_files.action.trigger()
    assert window.find_in_files.panel.query.text() == "choose_phone"


def test_case_and_regex_options_and_a_bad_pattern(qtbot, window):
    panel = find(qtbot, window, "rule choose")
    assert len(panel.locations()) == 1   # `RULE choose_phone`, case-insensitive
    panel.case_box.setChecked(True)      # an option re-runs the search
    assert panel.locations() == []
    panel.regex_box.setChecked(True)
    panel.query.setText("(RULE")
    panel.search()
    assert panel.locations() == [] and "(RULE" not in panel.status.text()
    assert panel.status.text().startswith("Not a valid regular expression")


def test_a_search_with_too_many_results_stops_and_says_so(qtbot, window):
    window.find_in_files.panel.limit = 5
    panel = find(qtbot, window, "e")
    assert len(panel.locations()) == 5
    assert panel.status.text().startswith("Stopped at 5 results")


def test_each_result_marks_its_match_in_the_line(qtbot, window):
    from studio.ui.find_in_files import MATCH_ROLE
    panel = find(qtbot, window, "suggest_")
    rows = [panel.results.topLevelItem(0).child(j) for j in range(panel.results.topLevelItem(0).childCount())]
    for row in rows:
        start, length = row.data(0, MATCH_ROLE)
        assert row.text(0)[start:start + length] == "SUGGEST_"
    assert not panel.results.grab().isNull()   # painted through the match delegate


def test_enter_on_a_result_opens_it_too(qtbot, window):
    panel = find(qtbot, window, "SUGGEST_SERIES")
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)   # from the query to the first result
    assert panel.results.hasFocus() and panel.results.currentItem() is panel.results.topLevelItem(0).child(0)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.tabs.current_rel() == "rules/extra.dsl"
    assert cursor_at(window.tabs.current_editor()) == (6, 5)


def test_the_panel_speaks_chinese_under_chinese(qapp, qtbot, make_window, project_dir):
    from studio.ui.app import use_ui_language
    use_ui_language(qapp, "zh")
    try:
        window = make_window(project_dir)
        panel = window.find_in_files.panel
        assert window.find_in_files.dock.windowTitle() == "在文件中查找"
        assert window.find_in_files.action.text() == "在文件中查找(&I)…"
        assert (panel.find_button.text(), panel.case_box.text()) == ("查找", "区分大小写(&C)")
        panel.query.setText("SUGGEST_SERIES")
        panel.search()
        assert panel.results.topLevelItem(0).text(0) == "rules/extra.dsl（1）"
        assert panel.status.text() == "2 条结果，位于 3 个文件中的 2 个"
    finally:
        use_ui_language(qapp, "en")
