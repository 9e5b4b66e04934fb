"""The find / replace bar: next/previous with wrap-around, match case, replace, replace all as one undo step."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from studio.ui import theme
from studio.ui.editor import CodeEditor

TEXT = 'RESPOND "苹果"\nrespond "苹果手机"\nRESPOND "华为"\n'


@pytest.fixture
def editor(qtbot):
    page = QWidget()   # laid out as the editor tabs do: the bar below the editor
    layout = QVBoxLayout(page)
    widget = CodeEditor()
    layout.addWidget(widget)
    layout.addWidget(widget.find_bar)
    qtbot.addWidget(page)
    page.resize(700, 300)
    page.show()
    qtbot.waitExposed(page)
    widget.setPlainText(TEXT)
    widget.moveCursor(QTextCursor.MoveOperation.Start)
    yield widget   # (the page stays referenced, so alive, until the test ends)


def selection(editor: CodeEditor) -> tuple[int, str]:
    cursor = editor.textCursor()
    return cursor.blockNumber(), cursor.selectedText()


def highlighted(editor: CodeEditor) -> list[str]:
    return [s.cursor.selectedText() for s in editor.extraSelections() if s.format.background().color() == theme.FIND_MATCH]


def test_ctrl_f_opens_the_bar_without_the_replace_row(editor, qtbot):
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = editor.find_bar
    assert bar.isVisible() and bar.find_edit.hasFocus()
    assert not bar.replace_edit.isVisible()


def test_typing_finds_and_highlights_all_matches(editor, qtbot):
    editor.show_find()
    qtbot.keyClicks(editor.find_bar.find_edit, "respond")
    assert selection(editor) == (0, "RESPOND")
    assert highlighted(editor) == ["RESPOND", "respond", "RESPOND"]
    assert editor.find_bar.status.text() == "3 matches"


def test_next_and_previous_wrap_around(editor, qtbot):
    editor.show_find()
    bar = editor.find_bar
    bar.find_edit.setText("苹果")   # QTest types ASCII only
    assert selection(editor) == (0, "苹果")
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert selection(editor) == (1, "苹果")
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert selection(editor) == (0, "苹果")
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert selection(editor) == (1, "苹果")


def test_match_case(editor, qtbot):
    editor.show_find()
    bar = editor.find_bar
    bar.match_case.setChecked(True)
    qtbot.keyClicks(bar.find_edit, "respond")
    assert selection(editor) == (1, "respond")
    assert highlighted(editor) == ["respond"]


def test_replace_one_then_the_next(editor, qtbot):
    qtbot.keyClick(editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = editor.find_bar
    assert bar.replace_edit.isVisible()
    bar.find_edit.setText("苹果")
    bar.replace_edit.setText("Apple")
    assert bar.replace()
    assert editor.toPlainText() == TEXT.replace("苹果", "Apple", 1)
    assert selection(editor) == (1, "苹果")


def test_replace_all_is_one_undo_step(editor, qtbot):
    editor.show_replace()
    bar = editor.find_bar
    bar.find_edit.setText("RESPOND")
    bar.replace_edit.setText("GENERATE")
    assert bar.replace_all() == 3
    assert editor.toPlainText() == TEXT.replace("RESPOND", "GENERATE").replace("respond", "GENERATE")
    assert highlighted(editor) == []
    editor.undo()
    assert editor.toPlainText() == TEXT


def test_no_match(editor, qtbot):
    editor.show_find()
    qtbot.keyClicks(editor.find_bar.find_edit, "nothing")
    assert not editor.find_bar.find_next()
    assert editor.find_bar.status.text() == "No results"


def test_escape_closes_the_bar_and_clears_highlights(editor, qtbot):
    editor.show_find()
    qtbot.keyClicks(editor.find_bar.find_edit, "RESPOND")
    qtbot.keyClick(editor.find_bar.find_edit, Qt.Key.Key_Escape)
    assert not editor.find_bar.isVisible()
    assert highlighted(editor) == []


def test_opening_seeds_the_search_with_the_selection(editor):
    cursor = editor.textCursor()
    cursor.setPosition(9)
    cursor.setPosition(11, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.show_find()
    assert editor.find_bar.find_edit.text() == "苹果"
    assert highlighted(editor) == ["苹果", "苹果"]
