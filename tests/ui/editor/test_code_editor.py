"""CodeEditor: squiggles at the right characters, tooltips, fixes, comments, debounced changes."""
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QToolTip

from studio.diagnostics import Diagnostic, Fix, Severity, Span
from studio.ui import theme
from studio.ui.editor import CodeEditor

TEXT = 'RULE 选品牌\nTHEN\n    ADD_TO_CHAIN brand "📱华维"\n    RESPOND "好"\n'
LINE = 3
COLUMN = TEXT.splitlines()[2].index("华维") + 1   # code points, 1-based


def brand_diagnostic(**changes) -> Diagnostic:
    span = Span(0, 0, LINE, COLUMN, LINE, COLUMN + 2)
    fields = dict(severity=Severity.ERROR, code="E200", message="unknown brand '华维'", span=span,
                  suggestion="did you mean '华为'?", fixes=(Fix("", span, "华为", "华为"),))
    fields.update(changes)
    return Diagnostic(**fields)


@pytest.fixture
def editor(qtbot):
    widget = CodeEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setPlainText(TEXT)
    return widget


def squiggles(editor: CodeEditor) -> list[tuple[str, object]]:
    return [(s.cursor.selectedText(), s.format.underlineColor()) for s in editor.extraSelections()
            if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline]


def test_squiggle_covers_the_characters_of_the_span_on_a_line_with_emoji(editor):
    editor.set_diagnostics([brand_diagnostic()])
    assert squiggles(editor) == [("华维", theme.SEVERITY_COLORS[Severity.ERROR])]
    [selection] = [s for s in editor.extraSelections()
                   if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline]
    block = editor.document().findBlockByNumber(LINE - 1)
    # '    ADD_TO_CHAIN brand "' is 24 units, '📱' two more.
    assert selection.cursor.selectionStart() - block.position() == 26


def test_squiggle_colour_follows_severity_and_gutter_gets_a_mark(editor):
    editor.set_diagnostics([brand_diagnostic(severity=Severity.WARNING, fixes=())])
    assert squiggles(editor) == [("华维", theme.SEVERITY_COLORS[Severity.WARNING])]
    assert editor.line_numbers.line_marks() == {LINE: "warning"}
    editor.set_diagnostics([])
    assert squiggles(editor) == [] and editor.line_numbers.line_marks() == {}


def test_empty_span_underlines_one_character(editor):
    editor.set_diagnostics([brand_diagnostic(span=Span(0, 0, 4, 13, 4, 13))])   # at the closing quote
    assert squiggles(editor)[0][0] == '"'


def test_hovering_a_squiggle_shows_its_message(editor, qtbot):
    editor.set_diagnostics([brand_diagnostic()])
    position = editor.position_of(LINE, COLUMN + 1)
    cursor = editor.textCursor()
    cursor.setPosition(position)
    point = editor.cursorRect(cursor).center()
    # What Qt sends when the mouse rests there (QTest cannot hover for a tooltip).
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), help_event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "error E200: unknown brand '华维' (did you mean '华为'?)"


def test_diagnostic_at_a_position(editor):
    editor.set_diagnostics([brand_diagnostic()])
    start = editor.position_of(LINE, COLUMN)
    assert editor.diagnostic_at(start).code == "E200"
    assert editor.diagnostic_at(start + 2).code == "E200"   # just after: the caret's usual place
    assert editor.diagnostic_at(start - 2) is None


def test_ctrl_dot_requests_the_fix_and_apply_fix_is_one_undo_step(editor, qtbot):
    diagnostic = brand_diagnostic()
    editor.set_diagnostics([diagnostic])
    editor.go_to(LINE, COLUMN + 1)
    with qtbot.waitSignal(editor.fix_requested) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [diagnostic]
    editor.apply_fix(diagnostic.fixes[0])
    assert editor.toPlainText() == TEXT.replace("华维", "华为")
    editor.undo()
    assert editor.toPlainText() == TEXT


def test_fix_follows_the_text_when_lines_are_added_above(editor):
    diagnostic = brand_diagnostic()
    editor.set_diagnostics([diagnostic])
    editor.go_to(1, 1)
    editor.textCursor().insertText("# 新的一行\n")
    editor.apply_fix(diagnostic.fixes[0])
    assert editor.toPlainText() == "# 新的一行\n" + TEXT.replace("华维", "华为")


def test_ctrl_dot_without_a_fix_emits_nothing(editor, qtbot):
    editor.set_diagnostics([brand_diagnostic(fixes=())])
    editor.go_to(LINE, COLUMN)
    with qtbot.assertNotEmitted(editor.fix_requested):
        qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)


def test_go_to_places_the_cursor_at_a_code_point_column(editor):
    editor.go_to(LINE, COLUMN)
    cursor = editor.textCursor()
    assert cursor.blockNumber() == LINE - 1
    cursor.movePosition(cursor.MoveOperation.Right, cursor.MoveMode.KeepAnchor, 2)
    assert cursor.selectedText() == "华维"


def test_ctrl_slash_comments_then_uncomments_the_selected_lines(editor, qtbot):
    editor.setPlainText("RULE a\n    WHEN ALWAYS\n\n    THEN SUGGEST_BRANDS\nEND")
    cursor = editor.textCursor()
    cursor.setPosition(editor.position_of(2, 3))
    cursor.setPosition(editor.position_of(4, 2), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "RULE a\n    # WHEN ALWAYS\n\n    # THEN SUGGEST_BRANDS\nEND"
    qtbot.keyClick(editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "RULE a\n    WHEN ALWAYS\n\n    THEN SUGGEST_BRANDS\nEND"
    editor.undo()
    assert "# WHEN" in editor.toPlainText()


def test_tab_inserts_spaces_to_the_next_stop(editor, qtbot):
    editor.setPlainText("ab")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "ab  "


def test_text_changed_debounced_fires_once_after_typing_stops(editor, qtbot):
    emitted = []
    editor.text_changed_debounced.connect(emitted.append)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    with qtbot.waitSignal(editor.text_changed_debounced, timeout=2000) as blocker:
        qtbot.keyClicks(editor, "# ok")   # QTest types ASCII only
    assert blocker.args == [TEXT + "# ok"]
    assert emitted == [TEXT + "# ok"]


def test_gutter_is_left_of_the_text(editor):
    assert editor.viewportMargins().left() == editor.line_numbers.width() > 0
    assert editor.line_numbers.geometry().right() < editor.viewport().geometry().left()


def test_catch_up_repaints_the_view_only_for_slices_it_shows(qtbot):
    from studio.ui.highlighter import SLICE_MIN_BLOCKS
    widget = CodeEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    qtbot.waitExposed(widget)
    highlighter = widget.highlighter
    layout = widget.document().documentLayout()
    repaints: list[int] = []
    layout.update.connect(lambda *_: repaints.append(widget.firstVisibleBlock().blockNumber()))
    lines = 60 * SLICE_MIN_BLOCKS
    with qtbot.waitSignal(highlighter.highlighting_finished, timeout=60_000):
        widget.setPlainText("\n".join(f'RULE r{i} WHEN ALWAYS THEN RESPOND "第{i}条"' for i in range(lines)))
        assert highlighter.is_pending()
        widget.verticalScrollBar().setValue(lines - 10)   # the end of the file: pending, shown plain
        repaints.clear()
    shown = [b for b, _, _ in widget.visible_blocks()]
    assert shown and all(b.userState() >= 0 for b in shown)
    assert shown[0].layout().formats()[0].format.foreground().color() == QColor(theme.TOKEN_STYLES[theme.Keyword.Declaration].color)
    assert 1 <= len(repaints) <= 2   # the slice(s) reaching the end, not every slice
    assert widget._shows_blocks(lines - 20, lines - 1) and not widget._shows_blocks(0, lines - 100)
