"""YamlHighlighter on a bare QTextDocument: keys, strings, numbers, comments, list dashes, in UTF-16 units."""
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from studio.ui import theme
from studio.ui.yaml_highlighter import YamlHighlighter

KEY = QColor(theme.TOKEN_STYLES[theme.Name.Tag].color)
STRING = QColor(theme.TOKEN_STYLES[theme.String].color)
NUMBER = QColor(theme.TOKEN_STYLES[theme.Number].color)
COMMENT = QColor(theme.TOKEN_STYLES[theme.Comment].color)
PUNCT = QColor(theme.TOKEN_STYLES[theme.Punctuation].color)


def ranges(text: str) -> list[list[tuple[int, int, QColor]]]:
    doc = QTextDocument()
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    YamlHighlighter(doc)
    doc.setPlainText(text)
    return [[(r.start, r.length, r.format.foreground().color()) for r in doc.findBlockByNumber(i).layout().formats()]
            for i in range(doc.blockCount())]


def test_a_turn_with_a_flow_mapping(qapp):
    [user, expect] = ranges('  - user: 📱我想买 # 注释\n    expect: {rule: a, sales_stage: 7, reply_contains: ["x#y"]}')
    assert user == [(2, 1, PUNCT), (4, 4, KEY), (8, 1, PUNCT), (16, 4, COMMENT)]   # 📱 is two units
    assert (4, 6, KEY) in expect and (13, 4, KEY) in expect and (22, 11, KEY) in expect
    assert (35, 1, NUMBER) in expect and (55, 5, STRING) in expect   # the # inside the string is no comment


def test_a_dash_inside_a_value_is_plain_text(qapp):
    [line] = ranges("    context: {cart: 手机 - 苹果 -> iPhone 16 Pro}")
    assert line == [(4, 7, KEY), (11, 1, PUNCT), (13, 1, PUNCT), (14, 4, KEY), (18, 1, PUNCT), (44, 1, PUNCT)]
