"""Conversation tests open in editor tabs: YAML highlighting, loader errors as squiggles,
atomic saves the Tests panel picks up, unsaved text the checker reads, recovery, reloads."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor

from studio.ui import theme
from studio.ui.yaml_highlighter import YamlHighlighter
from tests.ui.studio_fixtures import (make_window, problems_of, project_dir, prompts, settings,  # noqa: F401
                                      studio_env, wait_analysis, window)

TEST_REL = "conversations/buy.yaml"
TEST_YAML = "name: 买手机\nturns:\n  - user: 我想买个手机\n    expect: {rule: choose_phone}\n"
KEY = QColor(theme.TOKEN_STYLES[theme.Name.Tag].color)


@pytest.fixture
def project(project_dir):
    (project_dir / TEST_REL).write_text(TEST_YAML, encoding="utf-8")
    return project_dir


@pytest.fixture
def studio(make_window, project):
    return make_window(project)


def line_colours(editor, line: int) -> list[tuple[int, int, QColor]]:
    block = editor.document().findBlockByNumber(line)
    return [(r.start, r.length, r.format.foreground().color()) for r in block.layout().formats()]


def type_at_end(editor, text: str) -> None:
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.textCursor().insertText(text)


def test_the_project_panel_opens_a_test_in_a_yaml_tab_and_selects_it_in_the_tests_panel(qtbot, studio):
    panel = studio.project_panel
    panel.select(TEST_REL)
    centre = panel.tree.visualItemRect(panel.tree.currentItem()).center()
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = studio.tabs.editor(TEST_REL)
    assert editor is not None and studio.tabs.current_rel() == TEST_REL
    assert isinstance(editor.highlighter, YamlHighlighter) and editor.completion is None
    assert editor.toPlainText() == TEST_YAML
    assert (0, 4, KEY) in line_colours(editor, 0)          # name:
    assert (4, 4, KEY) in line_colours(editor, 2)          # - user:
    row = studio.tests_panel.model.row_of(TEST_REL)
    assert studio.tests_panel.view.currentIndex().row() == row


def test_a_broken_test_gets_a_squiggle_where_the_loader_stops_and_loses_it_when_fixed(qtbot, studio):
    editor = studio.tabs.open_file(TEST_REL).editor
    type_at_end(editor, "  - user: [没有闭合\n")
    qtbot.waitUntil(lambda: bool(editor.diagnostics.diagnostics()), timeout=3000)
    [problem] = editor.diagnostics.diagnostics()
    assert problem.file == TEST_REL and problem.span.line >= 5
    assert problems_of(studio, "test") == []   # not a checker diagnostic: the Problems panel stays out of it
    editor.undo()
    qtbot.waitUntil(lambda: not editor.diagnostics.diagnostics(), timeout=3000)


def test_save_writes_the_test_and_the_tests_panel_shows_it(qtbot, studio, project):
    editor = studio.tabs.open_file(TEST_REL).editor
    editor.selectAll()
    editor.textCursor().insertText(TEST_YAML.replace("买手机", "买一部手机"))
    assert studio.tabs.page(TEST_REL).modified
    with qtbot.waitSignal(studio.workspace.file_saved):
        assert studio.tabs.save_current()
    assert (project / TEST_REL).read_text(encoding="utf-8") == TEST_YAML.replace("买手机", "买一部手机")
    assert not any(p.name.startswith(".") or p.suffix == ".tmp" for p in (project / "conversations").iterdir())
    qtbot.waitUntil(lambda: [e.name for e in studio.tests_panel.model.entries()] == ["买一部手机"], timeout=5000)


def test_the_checker_reads_the_unsaved_test_text(qtbot, studio):
    assert [d.message for d in problems_of(studio, "I410")] == [
        "brand '苹果' (手机) is not mentioned by any rule or test"]
    editor = studio.tabs.open_file(TEST_REL).editor
    type_at_end(editor, "  - user: 苹果的\n")
    qtbot.waitUntil(lambda: not problems_of(studio, "I410"), timeout=5000)
    assert studio.tabs.page(TEST_REL).modified   # nothing was saved for it


def test_unsaved_test_text_is_recovered_after_a_crash(qtbot, make_window, project, prompts):
    first = make_window(project)
    type_at_end(first.tabs.open_file(TEST_REL).editor, "  - user: 崩溃前\n")
    first.autosaver.autosave()
    prompts.script("recover", lambda entries: entries)
    second = make_window(project)
    qtbot.waitUntil(lambda: second.tabs.editor(TEST_REL) is not None, timeout=3000)
    assert second.tabs.editor(TEST_REL).toPlainText().endswith("  - user: 崩溃前\n")
    assert second.tabs.page(TEST_REL).modified


def test_a_test_changed_on_disk_reloads_its_clean_tab(qtbot, studio, project):
    editor = studio.tabs.open_file(TEST_REL).editor
    (project / TEST_REL).write_text(TEST_YAML + "  - user: 外部修改\n", encoding="utf-8")
    qtbot.waitUntil(lambda: editor.toPlainText().endswith("外部修改\n"), timeout=5000)
    assert not studio.tabs.page(TEST_REL).modified
