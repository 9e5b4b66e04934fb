"""Highlighting of conversation tests (YAML, docs/language.md), one line at a time.

A conversation test is small, flat YAML: keys, list dashes, flow mappings
and lists, quoted or plain scalars, comments. Each line is highlighted on its
own (a block never hands a state to the next), so a keystroke re-highlights
only its line; the multi-line forms tests rarely use (block scalars, a flow
list spread over lines) show their continuation lines as plain text.
"""
from __future__ import annotations

import re

from pygments.token import Comment, Name, Number, Punctuation, String
from PySide6.QtGui import QSyntaxHighlighter

from studio.ui.highlighter import TokenFormats, Utf16Formats

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_TOKENS = re.compile(r"""
    (?P<string> "(?:[^"\\]|\\.)*"? | '(?:[^']|'')*'? )
  | (?P<comment> (?<!\S)\#.* )
  | (?P<key> [^\s{}\[\],:#"'-][^{}\[\],:#]*? (?=\s*:(?:\s|$)) )
  | (?P<number> (?<![^\s\[{,:])-?\d+(?:\.\d+)? (?=\s*(?:[,\]}]|$)) )
  | (?P<dash> (?<![^\s])-(?=\s|$) )
  | (?P<punctuation> [{}\[\],:] )
""", re.VERBOSE)
_TYPES = {"string": String, "comment": Comment, "key": Name.Tag, "number": Number,
          "dash": Punctuation, "punctuation": Punctuation}


class YamlHighlighter(QSyntaxHighlighter):
    """Highlights a conversation test line by line."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._formats = _formats()

    def restyle(self) -> None:
        """Take the current theme's token colours (`theme.use_theme`) and highlight the document again."""
        self._formats = _formats()
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        set_format = self.setFormat
        if not text.isascii() and _ASTRAL.search(text):
            set_format = Utf16Formats(text, set_format)
        for match in _TOKENS.finditer(text):
            if match.lastgroup == "dash" and text[:match.start()].strip(" -"):
                continue   # a dash in a value, not a list item's
            set_format(match.start(), match.end() - match.start(), self._formats[match.lastgroup])


def _formats() -> dict:
    formats = TokenFormats()   # the current theme's
    return {group: formats[ttype] for group, ttype in _TYPES.items()}
