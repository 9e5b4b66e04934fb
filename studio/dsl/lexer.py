"""Turns rule-file text into tokens; bad characters and strings become E100 diagnostics.

Newlines carry no meaning for the grammar (a condition may continue on the
next line), so they are skipped like other whitespace; strings never cross a
line, which keeps an unterminated string from swallowing the rest of a file.

A number longer than `MAX_DIGITS` is still a NUMBER token, with no value: the
parser reports it where a number is expected. Past `MAX_SYNTAX_ERRORS`
errors the lexer only counts them (see `studio/dsl/limits.py`).
"""
from __future__ import annotations

import re

from studio.diagnostics import Diagnostic, Severity, Span
from studio.dsl.limits import MAX_DIGITS, SyntaxErrors
from studio.dsl.tokens import KEYWORDS, Kind, Token
from studio.i18n import _

# One alternation scanned with `match` at each position: far fewer Python-level
# steps per token than trying the patterns one by one (a 50,000-line file is
# lexed on every typing pause in the studio).
_TOKEN = re.compile(r"""
    (?P<newline>\n)
  | (?P<space>[ \t\r\f\v\ufeff]+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>"[^"\\\n]*")
  | (?P<paren>[()])
  | (?P<number>-?\d+)
  | (?P<ident>[^\W\d]\w*)
""", re.VERBOSE)
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n"}
# A run of characters that no token starts with (each one is an error of its own).
_BAD_RUN = re.compile(r'(?:[^\w\n \t\r\f\v\ufeff#"()\-]|-(?!\d))+')


class _Cursor:
    """Tracks offset, line and column while scanning."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0

    @property
    def column(self) -> int:
        return self.pos - self.line_start + 1

    def span_from(self, start: int, line: int, column: int) -> Span:
        return Span(start, self.pos, line, column, self.line, self.column)


def tokenize(text: str) -> tuple[list[Token], SyntaxErrors]:
    """All tokens of `text` (ending with EOF) and the lexical errors found."""
    tokens: list[Token] = []
    errors = SyntaxErrors()
    cur = _Cursor(text)
    n = len(text)
    match = _TOKEN.match
    append = tokens.append
    while cur.pos < n:
        start = cur.pos
        line, column = cur.line, start - cur.line_start + 1
        m = match(text, start)
        kind = m.lastgroup if m else None
        if kind == "newline":
            cur.pos = cur.line_start = start + 1
            cur.line += 1
            continue
        if kind in ("space", "comment"):
            cur.pos = m.end()
            continue
        if kind is None:
            if text[start] == '"':   # an escape or no closing quote on this line: the careful path
                append(_string(cur, errors))
                continue
            if errors.full:   # counted, a whole run at once: a megabyte of garbage stays cheap
                cur.pos = _BAD_RUN.match(text, start).end()
                errors.count(Span(start, start + 1, line, column, line, column + 1), cur.pos - start)
                continue
            cur.pos += 1
            errors.add(Diagnostic(Severity.ERROR, "E100", _("unexpected character {character}").format(
                                      character=repr(text[start])),
                                  cur.span_from(start, line, column)))
            continue
        end = cur.pos = m.end()
        word = m.group()
        span = Span(start, end, line, column, line, column + end - start)
        if kind == "ident":
            append(Token(Kind.KEYWORD if word in KEYWORDS else Kind.IDENT, word, span))
        elif kind == "string":
            # No escapes: decoded character i sits at start + 1 + i (a range, not a tuple, for speed).
            append(Token(Kind.STRING, word, span, value=word[1:-1], offsets=range(start + 1, end)))
        elif kind == "number":
            too_long = len(word) - word.startswith("-") > MAX_DIGITS
            append(Token(Kind.NUMBER, word, span, value=None if too_long else int(word)))
        else:
            append(Token(Kind.LPAREN if word == "(" else Kind.RPAREN, word, span))
    tokens.append(Token(Kind.EOF, "", Span.point(cur.pos, cur.line, cur.column)))
    return tokens, errors


def _string(cur: _Cursor, errors: SyntaxErrors) -> Token:
    """Scan a double-quoted string starting at the cursor (on the opening quote)."""
    text = cur.text
    start, line, column = cur.pos, cur.line, cur.column
    cur.pos += 1
    chars: list[str] = []
    offsets: list[int] = []
    while True:
        if cur.pos >= len(text) or text[cur.pos] == "\n":
            span = cur.span_from(start, line, column)
            errors.add(Diagnostic(Severity.ERROR, "E100", _("unterminated string: missing closing \""), span))
            offsets.append(cur.pos)
            break
        ch = text[cur.pos]
        if ch == '"':
            offsets.append(cur.pos)
            cur.pos += 1
            break
        if ch == "\\":
            nxt = text[cur.pos + 1] if cur.pos + 1 < len(text) else ""
            if nxt in _ESCAPES and nxt:
                offsets.append(cur.pos)
                chars.append(_ESCAPES[nxt])
                cur.pos += 2
                continue
            esc_span = Span(cur.pos, cur.pos + 1 + (nxt not in ("", "\n")), cur.line, cur.column,
                            cur.line, cur.column + 1 + (nxt not in ("", "\n")))
            errors.add(Diagnostic(Severity.ERROR, "E100",
                                  _("unknown escape \\{escape}: use \\\" \\\\ or \\n").format(escape=nxt),
                                  esc_span))
        offsets.append(cur.pos)
        chars.append(ch)
        cur.pos += 1
    return Token(Kind.STRING, text[start:cur.pos], cur.span_from(start, line, column),
                 value="".join(chars), offsets=tuple(offsets))
