"""DslHighlighter on a bare QTextDocument: format ranges in UTF-16 units, stable block states."""
from pathlib import Path

import pytest
from pygments.token import Token
from PySide6.QtGui import QColor, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from studio.dsl.pygments_lexer import RuleDslLexer
from studio.ui import theme
from studio.ui.highlighter import SLICE_MIN_BLOCKS, DslHighlighter, utf16_length

KEYWORD = QColor(theme.TOKEN_STYLES[theme.Keyword].color)
DECLARATION = QColor(theme.TOKEN_STYLES[theme.Keyword.Declaration].color)
ACTION = QColor(theme.TOKEN_STYLES[theme.Name.Function].color)
STRING = QColor(theme.TOKEN_STYLES[theme.String].color)
INTERPOL = QColor(theme.TOKEN_STYLES[theme.String.Interpol].color)
DELIMITER = QColor(theme.TOKEN_STYLES[theme.String.Delimiter].color)
COMMENT = QColor(theme.TOKEN_STYLES[theme.Comment].color)


class CountingHighlighter(DslHighlighter):
    """Records which blocks Qt asks to highlight."""

    def __init__(self, document):
        self.highlighted: list[int] = []
        super().__init__(document)

    def highlightBlock(self, text):  # noqa: N802
        self.highlighted.append(self.currentBlock().blockNumber())
        super().highlightBlock(text)


@pytest.fixture
def document(qapp):
    doc = QTextDocument()
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))   # Qt signals edits only to a laid-out document
    return doc


def ranges(document: QTextDocument, line: int) -> list[tuple[int, int, QColor]]:
    block = document.findBlockByNumber(line)
    return [(r.start, r.length, r.format.foreground().color()) for r in block.layout().formats()]


def test_ascii_line_ranges(document):
    DslHighlighter(document)
    document.setPlainText('THEN RESPOND "a|{x}" # note')
    assert ranges(document, 0) == [(0, 4, KEYWORD), (5, 7, ACTION), (13, 2, STRING), (15, 1, DELIMITER),
                                   (16, 3, INTERPOL), (19, 1, STRING), (21, 6, COMMENT)]


def test_chinese_line_ranges_count_one_unit_per_character(document):
    DslHighlighter(document)
    document.setPlainText('RESPOND "好的，{brand}" # 中文')
    assert ranges(document, 0) == [(0, 7, ACTION), (8, 4, STRING), (12, 7, INTERPOL), (19, 1, STRING),
                                   (21, 4, COMMENT)]


def test_emoji_count_two_utf16_units(document):
    DslHighlighter(document)
    document.setPlainText('RESPOND "📱手机|💻{x}" # 🎧')
    # '"📱手机' is 1+2+2 units, '|', '💻' 2 units, then {x} at 14.
    assert ranges(document, 0) == [(0, 7, ACTION), (8, 5, STRING), (13, 1, DELIMITER), (14, 2, STRING),
                                   (16, 3, INTERPOL), (19, 1, STRING), (21, 4, COMMENT)]


def test_a_keyword_after_emoji_starts_at_its_utf16_column(document):
    DslHighlighter(document)
    document.setPlainText('RESPOND "😀" SET_STAGE "x"')
    assert (13, 9, ACTION) in ranges(document, 0)   # "😀" is 4 units


def test_every_block_ends_in_the_same_interned_state(document):
    DslHighlighter(document)
    document.setPlainText('RULE a\nWHEN ALWAYS\nTHEN RESPOND "没有结束\n    SET_STAGE "x"')
    states = {document.findBlockByNumber(i).userState() for i in range(document.blockCount())}
    assert states == {0}
    assert ranges(document, 3)[0][2] == ACTION   # the broken string does not spill over


def test_editing_a_line_rehighlights_only_that_line(document, qtbot):
    highlighter = CountingHighlighter(document)
    document.setPlainText("\n".join(f'RULE r{i}\nWHEN ALWAYS\nTHEN RESPOND "第{i}条"' for i in range(50)))
    highlighter.highlighted.clear()
    cursor = QTextCursor(document.findBlockByNumber(40))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertText(" # 改")
    assert highlighter.highlighted == [40]
    assert ranges(document, 40)[-1] == (len(document.findBlockByNumber(40).text()) - 3, 3, COMMENT)


def test_typing_a_quote_changes_only_its_own_line(document):
    highlighter = CountingHighlighter(document)
    document.setPlainText('RESPOND x\nTHEN\nEND')
    highlighter.highlighted.clear()
    cursor = QTextCursor(document.findBlockByNumber(0))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertText(' "')
    assert highlighter.highlighted == [0]
    assert ranges(document, 1) == [(0, 4, KEYWORD)]


def test_a_large_document_is_highlighted_in_slices_and_finishes(document, qtbot):
    highlighter = DslHighlighter(document)
    lines = 20 * SLICE_MIN_BLOCKS
    with qtbot.waitSignal(highlighter.highlighting_finished, timeout=30_000):
        document.setPlainText("\n".join(f'RULE r{i} WHEN ALWAYS THEN RESPOND "第{i}条"' for i in range(lines)))
        assert ranges(document, 0)[0] == (0, 4, DECLARATION)   # the first screen at once
        assert highlighter.is_pending()
    assert not highlighter.is_pending()
    assert all(document.findBlockByNumber(i).userState() >= 0 for i in range(lines))   # none pending
    assert ranges(document, lines - 1)[0] == (0, 4, DECLARATION)


def all_ranges(document: QTextDocument) -> list[list[tuple[int, int, QColor]]]:
    return [ranges(document, i) for i in range(document.blockCount())]


def highlighted_afresh(text: str) -> list[list[tuple[int, int, QColor]]]:
    doc = QTextDocument()
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    highlighter = DslHighlighter(doc)
    doc.setPlainText(text)
    while highlighter.is_pending():
        highlighter._highlight_pending()
    return all_ranges(doc)


def test_edits_and_pastes_while_blocks_are_pending_end_highlighted_as_afresh(document, qtbot):
    highlighter = DslHighlighter(document)
    lines = [f'RULE r{i} WHEN ALWAYS THEN RESPOND "第{i}条"' for i in range(20 * SLICE_MIN_BLOCKS)]
    with qtbot.waitSignal(highlighter.highlighting_finished, timeout=30_000):
        document.setPlainText("\n".join(lines))
        assert highlighter.is_pending()
        cursor = QTextCursor(document.findBlockByNumber(15 * SLICE_MIN_BLOCKS))   # in the pending part
        cursor.insertText('SET_STAGE "x"\n# 新\n')
        cursor = QTextCursor(document.findBlockByNumber(2))                        # in the highlighted part
        cursor.insertText("\n".join(lines[:3 * SLICE_MIN_BLOCKS]) + "\n")
    assert all(document.findBlockByNumber(i).userState() >= 0 for i in range(document.blockCount()))
    assert all_ranges(document) == highlighted_afresh(document.toPlainText())


def test_a_large_paste_into_a_highlighted_document_is_caught_up(document, qtbot):
    highlighter = DslHighlighter(document)
    text = "\n".join(f'INTENT i{i}\nRULE r{i} WHEN INTENT_IS i{i} THEN RESPOND "{{x}}|好"' for i in range(1000))
    # A fast machine may highlight all of it in the first slice (no catch-up, no signal): wait for the state.
    document.setPlainText(text)
    qtbot.waitUntil(lambda: not highlighter.is_pending(), timeout=30_000)
    cursor = QTextCursor(document.findBlockByNumber(1000))
    cursor.insertText(text * 4 + "\n")
    highlighter.rehighlightBlock(document.findBlockByNumber(3))
    qtbot.waitUntil(lambda: not highlighter.is_pending(), timeout=30_000)
    assert all_ranges(document) == highlighted_afresh(document.toPlainText())


def pygments_ranges(line: str) -> list[tuple[int, int, QColor]]:
    """What Pygments' own token stream gives a line: runs of one colour in UTF-16 units (plain text has none)."""
    runs: list[list] = []
    for start, ttype, value in RuleDslLexer().get_tokens_unprocessed(line):
        style = ttype
        while style not in theme.TOKEN_STYLES and style is not Token:
            style = style.parent
        colour = QColor(theme.TOKEN_STYLES[style].color) if style is not Token else None
        if runs and runs[-1][2] == colour and runs[-1][0] + runs[-1][1] == start:
            runs[-1][1] += len(value)
        else:
            runs.append([start, len(value), colour])
    return [(utf16_length(line[:start]), utf16_length(line[start:start + length]), colour)
            for start, length, colour in runs if colour is not None]


TRICKY = '''INTENT 问价 KEYWORDS "多少钱|价格" EXAMPLES "这个{{多少}}钱"
PERSONA name "小\\\\助手" style "热情\\"的"
RULE r WHEN INTENT_IS 问价 AND NOT CONTEXT_HAS brand OR USER_MENTION "a\\q" (x) -12
THEN RESPOND "未结束 @ $ {brand 
  SET_STAGE "x" # 注释 "不是字符串"
%^&* 中文标识 a1 1a END'''


@pytest.mark.parametrize("text", [TRICKY, (Path(__file__).parents[2] / "rules" / "ecommerce.dsl").read_text("utf-8")],
                         ids=["tricky", "sample"])
def test_highlighted_lines_match_pygments_own_tokens(document, text):
    DslHighlighter(document)
    document.setPlainText(text)
    for number, line in enumerate(text.split("\n")):
        assert ranges(document, number) == pygments_ranges(line), line
