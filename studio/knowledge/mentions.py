"""Finding the knowledge entities that a free-text message mentions.

Matching is case-insensitive, width-insensitive (NFKC: "ｉＰｈｏｎｅ" is
"iphone") and ignores white space ("iphone16pro" mentions "iPhone 16 Pro").
A Latin name does not match inside a longer Latin word or number ("Mi" is
not found in "mini", "iPhone 1" not in "iPhone 16"); Chinese needs no such
boundary. Overlapping matches are resolved longest first, so "iPhone 16 Pro"
wins over "iPhone 16".

`MentionIndex` is built once per knowledge version: for every slot a dict
from the compact folded key to the entities it names, and per first
character the key lengths to try, longest first. A lookup then costs a few
dict probes per character of the message, however large the knowledge is,
and choosing the non-overlapping matches marks the characters taken, so a
message made of thousands of names still costs time linear in its length.
"""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.knowledge.model import Knowledge

SLOTS = ("category", "subtype", "brand", "series", "scenario")


@dataclass(frozen=True)
class Mention:
    """`name` is canonical (an alias resolves to its brand); `category` / `brand`
    locate the entity, or are None when it exists in several places in scope.
    `start` / `end` are character offsets of `matched_text` in the message."""
    slot: str
    name: str
    category: str | None
    brand: str | None
    start: int
    end: int
    matched_text: str


@dataclass(frozen=True)
class Target:
    """One place a key points at: the entity's canonical name and where it lives."""
    slot: str
    name: str
    category: str
    brand: str | None


@lru_cache(maxsize=65536)   # a message has few distinct characters; NFKC per character is slow
def fold_char(char: str) -> str:
    """One character, width- and case-folded, still exactly one character."""
    for folded in (unicodedata.normalize("NFKC", char).lower(), char.lower()):
        if len(folded) == 1:
            return folded
    return char


def fold(text: str) -> str:
    """Case- and width-folded text of the same length (offsets stay valid)."""
    return "".join(fold_char(c) for c in text) if not text.isascii() else text.lower()


def compact_key(name: str) -> str:
    return "".join(fold(name).split())


_ASCII_ALNUM = frozenset(string.ascii_letters + string.digits)


def _kind(char: str) -> str:
    """Latin letters and digits need a boundary against their own kind."""
    if char.isascii() and char.isalpha():
        return "letter"
    if char.isascii() and char.isdigit():
        return "digit"
    return ""


def _touches(outside: str, edge: str) -> bool:
    kind = _kind(edge)
    return bool(kind) and _kind(fold_char(outside)) == kind


def _targets(knowledge: "Knowledge") -> list[tuple[str, Target]]:
    """(spelling, target) for every name and alias in the knowledge, in file order."""
    found: list[tuple[str, Target]] = []
    for c in knowledge.categories.values():
        found.append((c.name, Target("category", c.name, c.name, None)))
        found.extend((s, Target("subtype", s, c.name, None)) for s in c.subtypes)
        for b in c.brands.values():
            found.extend((spelling, Target("brand", b.name, c.name, b.name))
                         for spelling in [b.name, *b.aliases])
            for series in b.series:
                # An alias of a series resolves to the series' own name, as a brand's alias does.
                found.extend((spelling, Target("series", series, c.name, b.name))
                             for spelling in b.series_spellings(series))
            # A scenario belongs to the category; the brand or series would only split it.
            found.extend((s, Target("scenario", s, c.name, None)) for s in b.all_scenarios())
    return found


class MentionIndex:
    def __init__(self, knowledge: "Knowledge", version: int) -> None:
        self.version = version
        self._keys: dict[str, dict[str, list[Target]]] = {slot: {} for slot in SLOTS}
        for spelling, target in _targets(knowledge):
            key = compact_key(spelling)
            if key:
                targets = self._keys[target.slot].setdefault(key, [])
                if target not in targets:
                    targets.append(target)
        self._lengths: dict[str, dict[str, list[int]]] = {}
        for slot, keys in self._keys.items():
            by_first: dict[str, set[int]] = {}
            for key in keys:
                by_first.setdefault(key[0], set()).add(len(key))
            self._lengths[slot] = {c: sorted(ls, reverse=True) for c, ls in by_first.items()}
        # Per slot, a character class of the characters some key starts with: the scan skips the rest.
        self._first_chars = {slot: re.compile("[" + "".join(map(re.escape, firsts)) + "]") if firsts else None
                             for slot, firsts in self._lengths.items()}
        self._last_compacted: tuple[str, list[int], str] | None = None

    def exact(self, slot: str, name: str) -> list[Target]:
        """The targets that `name` spells exactly (case- and space-insensitive)."""
        return list(self._keys[slot].get(compact_key(name), ()))

    def find_all(self, text: str, slot: str, category: str | None = None,
                 brand: str | None = None) -> list[Mention]:
        """Non-overlapping mentions of `slot` in `text`, chosen longest first, in text order.

        Scope: subtypes, brands and scenarios inside `category`; series inside
        `category` and `brand` (each only when given); categories everywhere.
        """
        if slot not in SLOTS:
            raise ValueError(f"unknown slot {slot!r}; expected one of {', '.join(SLOTS)}")
        keys, lengths, first_chars = self._keys[slot], self._lengths[slot], self._first_chars[slot]
        if first_chars is None:
            return []
        positions, compact = self._compacted(text)

        def in_scope(t: Target) -> bool:
            return ((slot == "category" or category is None or t.category == category)
                    and (slot != "series" or brand is None or t.brand == brand))

        # A long message repeats the same few names: each key is scoped and described once.
        scoped_of: dict[str, tuple[str, str | None, str | None] | None] = {}
        # (start - end, start, end, compact index, compact length, key): sorts longest first, then leftmost.
        candidates: list[tuple[int, int, int, int, int, str]] = []
        for found in first_chars.finditer(compact):
            i = found.start()
            for length in lengths[compact[i]]:
                key = compact[i:i + length]
                if len(key) < length or key not in keys:
                    continue
                start, end = positions[i], positions[i + length - 1] + 1
                if start > 0 and key[0] in _ASCII_ALNUM and _touches(text[start - 1], key[0]):
                    continue
                if end < len(text) and key[-1] in _ASCII_ALNUM and _touches(text[end], key[-1]):
                    continue
                if key not in scoped_of:
                    scoped = [t for t in keys[key] if in_scope(t)]
                    scoped_of[key] = _identity(scoped) if scoped else None
                if scoped_of[key] is not None:
                    candidates.append((start - end, start, end, i, length, key))
        candidates.sort()   # (start - end, start) is unique: the keys are never compared

        # Two matches overlap in the text exactly when they share a compact character;
        # marking those keeps each choice as cheap as the key is long, however many are taken.
        used = bytearray(len(compact))
        taken: list[tuple[int, int, str]] = []
        for _, start, end, i, length, key in candidates:
            if used.find(1, i, i + length) < 0:
                used[i:i + length] = b"\x01" * length
                taken.append((start, end, key))
        taken.sort()   # starts are unique among non-overlapping matches
        return [Mention(slot, *scoped_of[key], start, end, text[start:end]) for start, end, key in taken]

    def _compacted(self, text: str) -> tuple[list[int], str]:
        """The offsets of the non-space characters of `text` and those characters folded.

        Kept for the last text: one turn looks its message up for several slots.
        """
        last = self._last_compacted
        if last is not None and last[0] == text:
            return last[1], last[2]
        positions = [i for i, c in enumerate(text) if not c.isspace()]
        compact = "".join(map(fold_char, [text[i] for i in positions]))
        self._last_compacted = (text, positions, compact)
        return positions, compact


def _identity(targets: list[Target]) -> tuple[str, str | None, str | None]:
    """(name, category, brand) of a mention of `targets`: the first one's name, placed when only one place has it."""
    name = targets[0].name
    places = [t for t in targets if t.name == name]
    categories = {t.category for t in places}
    brands = {t.brand for t in places}
    return (name, categories.pop() if len(categories) == 1 else None,
            brands.pop() if len(brands) == 1 else None)
