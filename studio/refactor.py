"""Renaming a knowledge brand in the rule files: where the rules name it, as exact spans.

The knowledge editor offers this when a brand is renamed (docs/studio.md), and lists
the conversation tests that say the old name (`find_test_mentions`). Only the
places where a brand name stands as a whole item are found, never a piece of
a longer word:

- typed places: `ADD_TO_CHAIN brand "x"`, `CONTEXT_EQ current_brand "x"`,
  `SET_VAR current_brand "x"` (the whole string);
- one alternative of `USER_MENTION_ANY` / `USER_MENTION_ALL` (and of an
  intent's `KEYWORDS`, which are alternatives as well);
- one item of a list inside a reply text (`RESPOND`, `GENERATE`'s fallback):
  items are separated by 、 ， , / 和; an item may follow a lead-in such as
  "有" or "包括" ("我们有苹果、华为") and be followed by 等 ("小米等品牌").

Names are compared case-insensitively, as mentions are. Spans come from the
AST (`StringLit.span_of`), so escapes inside a string are handled and the
replacement is a `Fix`. Plain Python: no Qt, so it is tested on its own.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from studio.diagnostics import Fix, Span, apply_fixes
from studio.dsl import ast
from studio.dsl.parser import parse
from studio.i18n import _

TYPED = "typed"
ALTERNATIVE = "alternative"
KEYWORD = "keyword"
LIST_ITEM = "list item"

LIST_SEPARATORS = "、，,/和"
# Characters that end a list: sentence punctuation, brackets, quotes, line breaks.
_STOPS = "。.！!？?；;：:（）()[]【】「」『』“”\"'‘’《》<>\n\t…~～—"
_CHUNK = re.compile(r"\{\{|\}\}|\{[^{}]*\}|[" + re.escape(_STOPS) + "]")
_SEPARATOR = re.compile("[" + re.escape(LIST_SEPARATORS) + "]")
# Words that may introduce the first item of a list, longest first.
LEAD_INS = ("包括", "比如", "例如", "像是", "推荐", "品牌", "有", "如", "是")
TAIL = "等"


@dataclass(frozen=True)
class Occurrence:
    """One place of `file` where the rules name the brand: `span` holds `old` as written."""
    file: str
    span: Span
    old: str
    new: str
    kind: str
    line_text: str
    rule: str | None = None
    replacement: str = ""
    """`new` as it must be written at `span` (escaped for a string literal / template)."""

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def fix(self) -> Fix:
        return Fix(self.file, self.span, self.replacement or self.new,
                   _("rename {old} → {new}").format(old=self.old, new=self.new))


def escape(name: str, template: bool) -> str:
    """`name` written inside a DSL string (and inside a `{var}` template when `template`)."""
    text = name.replace("\\", "\\\\").replace('"', '\\"')
    return text.replace("{", "{{").replace("}", "}}") if template else text


def same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def list_items(text: str) -> list[tuple[str, int, int]]:
    """The items of the lists inside a reply text: (item, start, end) in `text`, stripped.

    A list is a stretch between stops (sentence punctuation, brackets,
    quotes, `{var}` placeholders) that holds at least one separator; its
    items are what the separators cut it into.
    """
    items: list[tuple[str, int, int]] = []
    pos = 0
    for stop in [*_CHUNK.finditer(text), None]:
        end = stop.start() if stop else len(text)
        cuts = [m.start() for m in _SEPARATOR.finditer(text, pos, end)]
        if cuts:
            for s, e in zip([pos, *[c + 1 for c in cuts]], [*cuts, end]):
                s, e = _strip(text, s, e)
                if s < e:
                    items.append((text[s:e], s, e))
        if stop:
            pos = stop.end()
    return items


def item_readings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ways the item `text[start:end]` may name something: the whole item, the part
    after a lead-in ("我们有苹果" → "苹果"), the part before 等 ("小米等品牌" → "小米"), both."""
    starts = {start} | {found + len(word) for word in LEAD_INS
                        for found in _find_all(text, word, start, end) if found + len(word) < end}
    ends = {end} | {found for found in _find_all(text, TAIL, start, end) if found > start}
    readings = []
    for s in sorted(starts):
        for e in sorted(ends, reverse=True):
            s2, e2 = _strip(text, s, e)
            if s2 < e2:
                readings.append((s2, e2))
    return list(dict.fromkeys(readings))


def _find_all(text: str, word: str, start: int, end: int) -> Iterator[int]:
    found = text.find(word, start, end)
    while found >= 0:
        yield found
        found = text.find(word, found + 1, end)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _string_places(lit: ast.StringLit, kind: str) -> Iterator[tuple[Span, str, str]]:
    """(span, text as written, kind) of the whole-item pieces of one string."""
    if kind == TYPED:
        value = lit.value.strip()
        if value:
            lead = len(lit.value) - len(lit.value.lstrip())
            yield lit.span_of(lead, lead + len(value)), value, kind
    elif kind in (ALTERNATIVE, KEYWORD):
        for text, s, e in lit.alternatives():
            yield lit.span_of(s, e), text, kind
    else:
        value = lit.value
        for _item, start, end in list_items(value):
            for s, e in item_readings(value, start, end):
                yield lit.span_of(s, e), value[s:e], kind


def _places(program: ast.Program) -> Iterator[tuple[ast.StringLit, str, str | None, bool]]:
    """Every string of a program that may name a brand: (string, kind, rule name, is a `{var}` template)."""
    for intent in program.intents:
        for line in intent.keyword_lines:
            yield line.text, KEYWORD, None, False
    for rule in program.rules:
        name = rule.name.text
        if rule.condition is not None:
            for cond in ast.leaves(rule.condition):
                if isinstance(cond, (ast.UserMentionAny, ast.UserMentionAll)):
                    yield cond.text, ALTERNATIVE, name, False
                elif isinstance(cond, ast.ContextEq) and cond.var.text == "current_brand":
                    yield cond.value, TYPED, name, False
        for action in rule.actions:
            if isinstance(action, ast.AddToChain) and action.slot.text == "brand":
                yield action.value, TYPED, name, False
            elif isinstance(action, ast.SetVar) and action.var.text == "current_brand":
                yield action.template, TYPED, name, True
            elif isinstance(action, ast.Respond):
                yield action.template, LIST_ITEM, name, True
            elif isinstance(action, ast.Generate):
                yield action.fallback, LIST_ITEM, name, True


def find_occurrences(text: str, file: str, old: str, new: str) -> list[Occurrence]:
    """Where the rule file `text` names the brand `old`, in source order."""
    if not old.strip():
        return []
    program = parse(text, file).program
    lines = text.splitlines()
    found: dict[int, Occurrence] = {}
    for lit, kind, rule, template in _places(program):
        if not lit.offsets:  # a string the lexer could not finish: no exact spans
            continue
        for span, written, place_kind in _string_places(lit, kind):
            if same_name(written, old) and span.start not in found:
                line_text = lines[span.line - 1] if span.line - 1 < len(lines) else ""
                found[span.start] = Occurrence(file, span, text[span.start:span.end], new,
                                               place_kind, line_text, rule, escape(new, template))
    return sorted(found.values(), key=lambda o: o.span.start)


def find_brand_occurrences(texts: Mapping[str, str], old: str, new: str) -> list[Occurrence]:
    """Every place of the rule files (relative path → text) naming `old`, by file then position."""
    out: list[Occurrence] = []
    for file in sorted(texts):
        out += find_occurrences(texts[file], file, old, new)
    return out


def rename_in_texts(texts: Mapping[str, str], occurrences: list[Occurrence]) -> dict[str, str]:
    """The new text of each file that `occurrences` change (only those files)."""
    by_file: dict[str, list[Fix]] = {}
    for occurrence in occurrences:
        by_file.setdefault(occurrence.file, []).append(occurrence.fix())
    changed = {}
    for file, fixes in by_file.items():
        text, _applied = apply_fixes(texts[file], fixes)
        if text != texts[file]:
            changed[file] = text
    return changed


@dataclass(frozen=True)
class TestMention:
    """A line of a conversation test that says the brand's name (it may behave otherwise after a rename)."""
    __test__ = False   # not a pytest test class
    file: str
    line: int
    line_text: str


def find_test_mentions(texts: Mapping[str, str], name: str) -> list[TestMention]:
    """Every line of the conversation tests (relative path → text) containing `name`, in any case;
    a substring counts, since a user says "看看华为" rather than the bare name."""
    wanted = name.strip().casefold()
    if not wanted:
        return []
    return [TestMention(file, number, line)
            for file in sorted(texts)
            for number, line in enumerate(texts[file].splitlines(), 1)
            if wanted in line.casefold()]

