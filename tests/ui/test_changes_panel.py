"""The Changes panel: files and conversations changed since a git revision, on real widgets."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from studio.ui.diff_view import ADDED, GAP, REMOVED, SAME, diff_lines
from tests.ui.studio_fixtures import make_window, prompts, settings, studio_env  # noqa: F401
from tests.versions.projects import commit_all, init_repo, replace_in, write_project

TIMEOUT_MS = 60000   # a comparison explores both versions: seconds on a busy 2-core machine
RULES = "rules/shop.dsl"


@pytest.fixture
def repo_project(tmp_path) -> Path:
    """A small shop project committed at the root of a new git repository."""
    repo = init_repo(tmp_path / "repo")
    write_project(repo)
    commit_all(repo, "first")
    return repo


def show_changes(qtbot, window):
    """Bring the Changes dock to the front and wait for its first comparison."""
    panel = window.changes_panel
    with qtbot.waitSignal(panel.comparison_finished, timeout=TIMEOUT_MS):
        panel.dock.show()
        panel.dock.raise_()
    return panel


def edit_and_save(qtbot, window, old: str, new: str) -> None:
    window.tabs.open_file(RULES)
    editor = window.tabs.current_editor()
    text = editor.toPlainText()
    assert old in text
    editor.setPlainText(text.replace(old, new))
    with qtbot.waitSignal(window.changes_panel.comparison_finished, timeout=TIMEOUT_MS):
        assert window.tabs.save_current()


def test_an_unchanged_project_lists_nothing(qtbot, make_window, repo_project):
    panel = show_changes(qtbot, make_window(repo_project))
    assert panel.file_rels() == []
    assert panel.change_items() == []
    assert "HEAD" in panel.status.text()
    assert panel.runner.runs == 1


def test_saving_a_keyword_edit_lists_the_file_and_the_changed_conversation(qtbot, make_window, repo_project):
    window = make_window(repo_project)
    panel = show_changes(qtbot, window)
    edit_and_save(qtbot, window, 'KEYWORDS "你好"', 'KEYWORDS "您好"')
    assert panel.file_rels() == [RULES]
    assert [line.text for line in panel.diff_view.lines if line.kind == REMOVED] == ['    KEYWORDS "你好"']
    assert [line.text for line in panel.diff_view.lines if line.kind == ADDED] == ['    KEYWORDS "您好"']
    items = panel.change_items()
    sources = [item.text(0) for item in items]
    assert "test:buy_phone.yaml" in sources
    item = items[sources.index("test:buy_phone.yaml")]
    assert (item.text(1), item.text(2)) == ("1", "你好")
    assert "rule greet → fallback" in item.text(3)


def test_double_clicking_a_change_replays_it_in_the_chat_and_compares_the_turn(qtbot, make_window, repo_project):
    window = make_window(repo_project)
    panel = show_changes(qtbot, window)
    edit_and_save(qtbot, window, "的手机很受欢迎。", "的手机卖得很好。")
    item = next(item for item in panel.change_items() if item.text(0) == "test:buy_phone.yaml")
    assert item.text(1) == "3"
    tree = panel.conversations
    tree.scrollToItem(item)
    at = tree.visualItemRect(item).center()
    with qtbot.waitSignal(window.chat_panel.replay_finished, timeout=TIMEOUT_MS):
        # a double-click is a press and release, then a second press that Qt reports as the double-click
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
    comparison = panel.comparison
    assert panel.details.currentWidget() is comparison
    assert comparison.cell_text("reply", "old") == "华为的手机很受欢迎。"
    assert comparison.cell_text("reply", "new") == "华为的手机卖得很好。"
    assert comparison.cell_text("rule", "old") == comparison.cell_text("rule", "new") == "pick_brand"
    chat = window.chat_panel
    assert [turn.result.input for turn in chat.turns] == ["你好", "我想买手机", "华为的"]
    assert chat.turns[-1].result.reply == "华为的手机卖得很好。"   # the current version
    assert chat.selected_turn() == 2
    assert window.chat_dock.isVisible()


def test_the_conversation_looked_at_stays_selected_after_the_next_save(qtbot, make_window, repo_project):
    window = make_window(repo_project)
    panel = show_changes(qtbot, window)
    edit_and_save(qtbot, window, 'KEYWORDS "你好"', 'KEYWORDS "您好"')
    item = next(item for item in panel.change_items() if item.text(0) == "test:buy_phone.yaml")
    panel.conversations.setCurrentItem(item)
    edit_and_save(qtbot, window, "抱歉，我没听懂。", "抱歉，没听明白。")
    assert panel.conversations.currentItem().text(0) == "test:buy_phone.yaml"
    assert panel.comparison.cell_text("reply", "new") == "抱歉，没听明白。"
    assert panel.details.currentWidget() is panel.comparison


def test_a_version_that_does_not_parse_is_said_in_the_panel(qtbot, make_window, repo_project):
    window = make_window(repo_project)
    panel = show_changes(qtbot, window)
    edit_and_save(qtbot, window, "RULE greet\n", "RULE greet oops (\n")
    assert "does not parse" in panel.status.text()
    assert "rules/shop.dsl" in panel.diff_view.toPlainText()
    assert panel.change_items() == []


def test_a_project_outside_git_gets_a_message_not_a_run(qtbot, make_window, tmp_path):
    window = make_window(write_project(tmp_path / "plain"))
    panel = show_changes(qtbot, window)
    assert "not in a git repository" in panel.status.text()
    assert panel.runner.runs == 0
    assert panel.file_rels() == [] and panel.change_items() == []


def test_a_revision_that_does_not_exist_is_said_in_the_panel(qtbot, make_window, repo_project):
    window = make_window(repo_project)
    panel = show_changes(qtbot, window)
    with qtbot.waitSignal(panel.comparison_finished, timeout=TIMEOUT_MS):
        panel.set_against("no-such-branch")
    assert "Cannot compare with no-such-branch" in panel.status.text()
    assert "no revision 'no-such-branch'" in panel.diff_view.toPlainText()


def test_a_folder_that_does_not_exist_is_said_to_be_missing(qtbot, make_window, repo_project):
    panel = show_changes(qtbot, make_window(repo_project))
    with qtbot.waitSignal(panel.comparison_finished, timeout=TIMEOUT_MS):
        panel.set_against("../before")
    assert "there is no folder ../before" in panel.diff_view.toPlainText()


def test_another_folder_can_be_compared_with(qtbot, make_window, repo_project, tmp_path):
    before = write_project(tmp_path / "before")
    replace_in(before / RULES, 'KEYWORDS "你好"', 'KEYWORDS "您好"')
    window = make_window(repo_project)
    panel = show_changes(qtbot, window)
    with qtbot.waitSignal(panel.comparison_finished, timeout=TIMEOUT_MS):
        panel.set_against(str(before))
    assert panel.file_rels() == [RULES]
    assert "test:buy_phone.yaml" in [item.text(0) for item in panel.change_items()]


def test_a_panel_behind_another_tab_compares_only_once_it_is_shown(qtbot, make_window, repo_project):
    window = make_window(repo_project)
    panel = window.changes_panel
    assert not panel._in_view   # tabbed behind the Problems
    window.tabs.open_file(RULES)
    editor = window.tabs.current_editor()
    editor.setPlainText(editor.toPlainText().replace('KEYWORDS "你好"', 'KEYWORDS "您好"'))
    assert window.tabs.save_current()
    assert not panel._save_timer.isActive()   # nothing scheduled: it waits to be shown
    assert panel.runner.runs == 0
    show_changes(qtbot, window)
    assert panel.runner.runs == 1
    assert panel.file_rels() == [RULES]


def test_closing_during_a_comparison_stops_its_thread(qtbot, make_window, repo_project):
    window = make_window(repo_project)
    panel = window.changes_panel
    panel.dock.show()
    panel.dock.raise_()
    qtbot.waitUntil(lambda: panel.runner.is_running(), timeout=TIMEOUT_MS)
    thread = panel.runner.thread
    window.shutdown()
    assert not thread.isRunning()


def test_the_diff_keeps_three_lines_of_context_and_marks_the_gap():
    old = [f"line {n}" for n in range(1, 21)]
    new = list(old)
    new[1] = "changed 2"
    new[17] = "changed 18"
    lines = diff_lines(old, new)
    kinds = [line.kind for line in lines]
    assert kinds.count(GAP) == 1
    assert kinds[:6] == [SAME, REMOVED, ADDED, SAME, SAME, SAME]
    removed = next(line for line in lines if line.kind == REMOVED)
    assert (removed.text, removed.old_line, removed.new_line) == ("line 2", 2, None)


def test_the_panel_speaks_chinese_under_zh_cn(qapp, make_window, tmp_path):
    from PySide6.QtCore import QLocale

    from studio.ui.app import install_translations, remove_translations
    translators = install_translations(qapp, QLocale("zh_CN"))
    try:
        window = make_window(write_project(tmp_path / "plain"))
        panel = window.changes_panel
        assert panel.dock.windowTitle() == "改动"
        assert panel.refresh_button.text() == "刷新"
        assert not panel.refresh()
        assert "不在 git 仓库中" in panel.status.text()
    finally:
        remove_translations(qapp, translators)


def test_the_diff_view_highlights_rules_and_colours_added_and_removed_lines(qtbot):
    from studio.ui import theme
    from studio.ui.diff_view import DiffView
    view = DiffView()
    qtbot.addWidget(view)
    view.show_diff(RULES, 'INTENT greeting "打招呼"\n    KEYWORDS "你好"\n'.encode(),
                   'INTENT greeting "打招呼"\n    KEYWORDS "您好"\n'.encode())
    assert [line.kind for line in view.lines] == [SAME, REMOVED, ADDED]
    keyword = view.document().findBlockByNumber(0).layout().formats()
    assert keyword and keyword[0].start == 0 and keyword[0].length == len("INTENT")
    backgrounds = {selection.cursor.blockNumber(): selection.format.background().color()
                   for selection in view.extraSelections()}
    assert backgrounds == {1: theme.DIFF_REMOVED_BACKGROUND, 2: theme.DIFF_ADDED_BACKGROUND}
    assert view.gutter.width() > 0
