"""Turns rule-file text into tokens; bad characters and strings become E100 diagnostics.

Newlines carry no meaning for the grammar (a condition may continue on the
next line), so they are skipped like other whitespace; strings never cross a
line, which keeps an unterminated string from swallowing the rest of a file.
"""
from __future__ import annotations

import re

from studio.diagnostics import Diagnostic, Severity, Span
from studio.dsl.tokens import KEYWORDS, Kind, Token

_IDENT = re.compile(r"[^\W\d]\w*")
_NUMBER = re.compile(r"-?\d+")
_SPACE = re.compile(r"[ \t\r\f\v\ufeff]+")
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n"}


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


def tokenize(text: str) -> tuple[list[Token], list[Diagnostic]]:
    """All tokens of `text` (ending with EOF) and the lexical errors found."""
    tokens: list[Token] = []
    errors: list[Diagnostic] = []
    cur = _Cursor(text)
    n = len(text)
    while cur.pos < n:
        ch = text[cur.pos]
        if ch == "\n":
            cur.pos += 1
            cur.line += 1
            cur.line_start = cur.pos
            continue
        m = _SPACE.match(text, cur.pos)
        if m:
            cur.pos = m.end()
            continue
        if ch == "#":
            end = text.find("\n", cur.pos)
            cur.pos = n if end < 0 else end
            continue
        start, line, column = cur.pos, cur.line, cur.column
        if ch == '"':
            tokens.append(_string(cur, errors))
            continue
        if ch in "()":
            cur.pos += 1
            kind = Kind.LPAREN if ch == "(" else Kind.RPAREN
            tokens.append(Token(kind, ch, cur.span_from(start, line, column)))
            continue
        m = _NUMBER.match(text, cur.pos)
        if m:
            cur.pos = m.end()
            tokens.append(Token(Kind.NUMBER, m.group(), cur.span_from(start, line, column),
                                value=int(m.group())))
            continue
        m = _IDENT.match(text, cur.pos)
        if m:
            cur.pos = m.end()
            word = m.group()
            kind = Kind.KEYWORD if word in KEYWORDS else Kind.IDENT
            tokens.append(Token(kind, word, cur.span_from(start, line, column)))
            continue
        cur.pos += 1
        errors.append(Diagnostic(Severity.ERROR, "E100", f"unexpected character {ch!r}",
                                 cur.span_from(start, line, column)))
    tokens.append(Token(Kind.EOF, "", Span.point(cur.pos, cur.line, cur.column)))
    return tokens, errors


def _string(cur: _Cursor, errors: list[Diagnostic]) -> Token:
    """Scan a double-quoted string starting at the cursor (on the opening quote)."""
    text = cur.text
    start, line, column = cur.pos, cur.line, cur.column
    cur.pos += 1
    chars: list[str] = []
    offsets: list[int] = []
    while True:
        if cur.pos >= len(text) or text[cur.pos] == "\n":
            span = cur.span_from(start, line, column)
            errors.append(Diagnostic(Severity.ERROR, "E100", "unterminated string: missing closing \"", span))
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
            errors.append(Diagnostic(Severity.ERROR, "E100",
                                     f"unknown escape \\{nxt}: use \\\" \\\\ or \\n", esc_span))
        offsets.append(cur.pos)
        chars.append(ch)
        cur.pos += 1
    return Token(Kind.STRING, text[start:cur.pos], cur.span_from(start, line, column),
                 value="".join(chars), offsets=tuple(offsets))
