from studio.dsl.lexer import tokenize
from studio.dsl.tokens import Kind


def kinds(text):
    tokens, errors = tokenize(text)
    return [(t.kind, t.text) for t in tokens[:-1]], errors


def test_keywords_identifiers_numbers_and_parens():
    toks, errors = kinds('RULE 选品_1 PRIORITY -5 WHEN (ALWAYS)')
    assert errors == []
    assert toks == [(Kind.KEYWORD, "RULE"), (Kind.IDENT, "选品_1"), (Kind.KEYWORD, "PRIORITY"),
                    (Kind.NUMBER, "-5"), (Kind.KEYWORD, "WHEN"), (Kind.LPAREN, "("),
                    (Kind.KEYWORD, "ALWAYS"), (Kind.RPAREN, ")")]


def test_unknown_upper_case_word_is_an_identifier():
    toks, _ = kinds("RESPONDD")
    assert toks == [(Kind.IDENT, "RESPONDD")]


def test_string_escapes_are_decoded_and_offsets_map_back():
    tokens, errors = tokenize('RESPOND "a\\"b\\\\c\\n华"')
    assert errors == []
    s = tokens[1]
    assert s.value == 'a"b\\c\n华'
    text = 'RESPOND "a\\"b\\\\c\\n华"'
    assert text[s.offsets[1]:s.offsets[2]] == '\\"'   # the escaped quote
    assert text[s.offsets[6]] == "华"
    assert text[s.offsets[-1]] == '"'                 # closing quote


def test_comment_outside_string_only():
    toks, _ = kinds('RESPOND "# 不是注释" # 注释')
    assert toks == [(Kind.KEYWORD, "RESPOND"), (Kind.STRING, '"# 不是注释"')]


def test_unterminated_string_stops_at_end_of_line():
    tokens, errors = tokenize('RESPOND "abc\nRULE x')
    assert [e.code for e in errors] == ["E100"]
    assert errors[0].span.line == 1
    assert tokens[2].text == "RULE" and tokens[2].span.line == 2


def test_positions_are_one_based_with_exclusive_end():
    tokens, _ = tokenize('\n  WHEN  "手机"')
    when, string = tokens[0], tokens[1]
    assert (when.span.line, when.span.column, when.span.end_column) == (2, 3, 7)
    assert (string.span.column, string.span.end_column) == (9, 13)


def test_unexpected_character_is_reported_and_skipped():
    toks, errors = kinds("RULE @ x")
    assert [t for _, t in toks] == ["RULE", "x"]
    assert errors[0].message == "unexpected character '@'"
    assert (errors[0].span.column, errors[0].span.end_column) == (6, 7)
