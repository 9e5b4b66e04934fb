"""Reading the free text of rule strings: `{var}` placeholders and inline lists.

Positions are indices into the decoded `StringLit.value`;
`StringLit.span_of` turns them into source spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# `{{` and `}}` are consumed first, so `{{x}}` holds no placeholder.
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^\W\d]\w*)\}")
# A list never runs across a sentence, a clause introduced by a colon, or brackets/quotes.
_SENTENCE_BREAK = re.compile(r"[。！？!?；;：:\n（）()\[\]【】“”\"「」《》…]")
# What separates the items of an inline list: 苹果、华为，小米, OPPO/vivo 和 三星.
_ITEM_SEPARATOR = re.compile(r"[、，,/]|和")


@dataclass(frozen=True)
class Piece:
    """A piece of a string's value: its text (stripped) and its [start, end) in the value."""
    text: str
    start: int
    end: int


def placeholders(template: str) -> list[Piece]:
    """The `{name}` placeholders of a template; `{{` and `}}` are literal braces.

    `Piece.text` is the name, `start`/`end` cover the braces too. Braces
    around something that is not an identifier are literal text.
    """
    return [Piece(m.group(1), m.start(), m.end())
            for m in _PLACEHOLDER.finditer(template) if m.group(1) is not None]


def inline_lists(text: str) -> list[list[Piece]]:
    """Runs of two or more separated items inside one clause of `text`.

    "目前有：苹果、华为、小米等。" gives [["苹果", "华为", "小米等"]]; the
    caller decides which items are names (the first and last items may carry
    surrounding words such as 有 or 等).
    """
    runs: list[list[Piece]] = []
    clause_start = 0
    for brk in [*_SENTENCE_BREAK.finditer(text), None]:
        clause_end = brk.start() if brk else len(text)
        items = _split_items(text, clause_start, clause_end)
        if len(items) >= 2:
            runs.append(items)
        clause_start = brk.end() if brk else len(text)
    return runs


def _split_items(text: str, start: int, end: int) -> list[Piece]:
    items: list[Piece] = []
    if not _ITEM_SEPARATOR.search(text, start, end):
        return items
    bounds = [start]
    for sep in _ITEM_SEPARATOR.finditer(text, start, end):
        bounds += [sep.start(), sep.end()]
    bounds.append(end)
    for s, e in zip(bounds[::2], bounds[1::2]):
        raw = text[s:e]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            items.append(Piece(stripped, s + lead, s + lead + len(stripped)))
    return items
