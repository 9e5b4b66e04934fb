"""Completion on a CodeEditor: a QCompleter fed by a provider that reads the context.

A provider is any `(text_before_cursor: str) -> list[str]`: the text up to the
cursor, from the line that opened the rule's current part (`RULE`, `WHEN`,
`THEN`, a declaration) so that keywords fit the part the cursor is in;
`DslCompletions` is the default one. The
completer filters the candidates by the prefix being typed: the word before
the cursor, or inside a string, the text since the opening quote or last `|`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStringListModel, Qt, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QCompleter

from studio.dsl.ast import CHAIN_SLOTS, MENTION_SLOTS
from studio.dsl.tokens import ACTIONS, BUILTIN_VARIABLES, CONDITIONS, KEYWORDS, OPERATORS, TOP_LEVEL
from studio.ui.highlighter import utf16_length

if TYPE_CHECKING:
    from studio.ui.editor.code_editor import CodeEditor

Provider = Callable[[str], list[str]]

AUTO_OPEN_CHARS = 2
SECTION_LOOKBACK = 200   # lines searched upwards for the line that opened the current part
# The keywords that may follow inside a rule's WHEN and THEN parts (elsewhere: any keyword).
_SECTION_KEYWORDS = {"WHEN": sorted(CONDITIONS + OPERATORS + ("THEN",)),
                     "THEN": sorted(ACTIONS + TOP_LEVEL)}
_SECTION_WORD = re.compile(r"\b(?:RULE|INTENT|PERSONA|SALES_STAGE|PRIORITY|WHEN|THEN)\b")
_OPENS_SECTION = re.compile(r"^\s*(?:RULE|INTENT|PERSONA|SALES_STAGE|WHEN|THEN)\b")
VOCABULARY = ("intents", "variables", "stages", "categories", "subtypes", "brands", "series", "scenarios")
_PLURAL = {"category": "categories", "subtype": "subtypes", "brand": "brands", "series": "series"}
_SLOT = "|".join(_PLURAL)

# (what the text before the prefix ends with, what to offer): the first match wins.
_CONTEXTS: list[tuple[re.Pattern[str], Callable[[DslCompletions, re.Match[str]], list[str]]]] = [
    (re.compile(r"\bINTENT_IS\s+$"), lambda c, m: c.words("intents")),
    (re.compile(r"\b(?:CONTEXT_EQ|CONTEXT_HAS|CONTEXT_NOT_SET|SET_VAR)\s+$"), lambda c, m: c.variables()),
    (re.compile(r'\b(?:CONTEXT_STAGE_IS|SET_STAGE)\s+"$'), lambda c, m: c.words("stages")),
    (re.compile(r'\bIN_STAGE\s+"(?:[^"\\|]*\|)*$'), lambda c, m: c.words("stages")),
    (re.compile(rf'\b(?:ADD_TO_CHAIN\s+|CONTEXT_EQ\s+current_)({_SLOT})\s+"$'),
     lambda c, m: c.words(_PLURAL[m.group(1)])),
    (re.compile(r'\bSUGGEST_BY_SCENARIO\s+"$'), lambda c, m: c.words("scenarios")),
    (re.compile(r"\b(?:ADD_TO_CHAIN|CAPTURE)\s+$"), lambda c, m: list(CHAIN_SLOTS)),
    (re.compile(r"\bUSER_MENTIONS\s+$"), lambda c, m: list(MENTION_SLOTS)),
    (re.compile(r"\b(?:RULE|INTENT)\s+$"), lambda c, m: []),   # a new name: nothing to offer
]


def completion_prefix(text_before_cursor: str) -> str | None:
    """The part of the line that a completion replaces; None inside a comment."""
    in_string, start, i = False, 0, 0
    while i < len(text_before_cursor):
        char = text_before_cursor[i]
        if in_string and char == "\\":
            i += 1
        elif char == '"':
            in_string, start = not in_string, i + 1
        elif in_string and char == "|":
            start = i + 1
        elif char == "#" and not in_string:
            return None
        i += 1
    if in_string:
        return text_before_cursor[start:]
    return re.search(r"\w*$", text_before_cursor).group()


def _code(line: str) -> str:
    """`line` without its strings and comment (a `"WHEN"` in a reply opens no part)."""
    kept, in_string, i = [], False, 0
    while i < len(line):
        char = line[i]
        if in_string and char == "\\":
            i += 1
        elif char == '"':
            in_string = not in_string
            kept.append(" ")
        elif char == "#" and not in_string:
            break
        elif not in_string:
            kept.append(char)
        i += 1
    return "".join(kept)


def section_of(lines: list[str]) -> str | None:
    """The part the end of `lines` is in: the last RULE/declaration/PRIORITY/WHEN/THEN word."""
    for line in reversed(lines):
        words = _SECTION_WORD.findall(_code(line))
        if words:
            return words[-1]
    return None


class DslCompletions:
    """The default provider: keywords, or the project's names where the DSL expects one."""

    def __init__(self) -> None:
        self._words: dict[str, list[str]] = {kind: [] for kind in VOCABULARY}

    def set_vocabulary(self, **words: list[str]) -> None:
        """Replace the given kinds of `VOCABULARY`; other kinds (e.g. rule names) are not offered."""
        for kind, names in words.items():
            if kind in self._words:
                self._words[kind] = list(names)

    def words(self, kind: str) -> list[str]:
        return list(self._words[kind])

    def variables(self) -> list[str]:
        return list(dict.fromkeys(BUILTIN_VARIABLES + tuple(self._words["variables"])))

    def __call__(self, text_before_cursor: str) -> list[str]:
        *earlier, line = text_before_cursor.split("\n")
        prefix = completion_prefix(line)
        if prefix is None:
            return []
        head = line[:len(line) - len(prefix)]
        for pattern, offer in _CONTEXTS:
            match = pattern.search(head)
            if match:
                return offer(self, match)
        if head.endswith(('"', "|")):
            return []
        return list(_SECTION_KEYWORDS.get(section_of([*earlier, head]), sorted(KEYWORDS)))


class CompletionAddon(QObject):
    """Installed by CodeEditor: Ctrl+Space opens it, a typed prefix of two word characters too;
    Enter or Tab inserts the chosen candidate."""

    def __init__(self, editor: CodeEditor, provider: Provider | None = None) -> None:
        super().__init__(editor)
        self._editor = editor
        self._default = DslCompletions()
        self._provider: Provider = provider or self._default
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(editor)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.activated[str].connect(self._insert)
        editor.add_key_hook(self)
        editor.add_shortcut(QKeySequence("Ctrl+Space"), self.open)

    def set_provider(self, provider: Provider) -> None:
        self._provider = provider

    def set_vocabulary(self, **words: list[str]) -> None:
        """Names for the default provider: intents=, variables=, stages=, brands=, categories=,
        series=, subtypes=, scenarios=."""
        self._default.set_vocabulary(**words)

    def completer(self) -> QCompleter:
        return self._completer

    def is_open(self) -> bool:
        return self._completer.popup().isVisible()

    @Slot()
    def open(self) -> None:
        """Offer the candidates for the cursor's context (Ctrl+Space)."""
        self._refresh()

    # --- key hook ------------------------------------------------------------------------

    def before_key_press(self, event: QKeyEvent) -> bool:
        # With the popup open, these keys belong to the completer (see QCompleter::eventFilter).
        if self.is_open() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab,
                                              Qt.Key.Key_Backtab, Qt.Key.Key_Escape):
            event.ignore()
            return True
        return False

    def after_key_press(self, event: QKeyEvent) -> None:
        if self.is_open():
            self._refresh()
            return
        typed = event.text()
        if typed and (typed[-1].isalnum() or typed[-1] == "_"):
            word = re.search(r"\w*$", self._split_line()[0]).group()
            if len(word) >= AUTO_OPEN_CHARS:
                self._refresh()

    # --- internals -----------------------------------------------------------------------

    def _text_before_cursor(self) -> str:
        """The cursor's line up to the cursor, after the lines from the one that opened its part."""
        lines = [self._split_line()[0]]
        block = self._editor.textCursor().block().previous()
        while block.isValid() and len(lines) < SECTION_LOOKBACK and not _OPENS_SECTION.match(lines[-1]):
            lines.append(block.text())
            block = block.previous()
        return "\n".join(reversed(lines))

    def _split_line(self) -> tuple[str, str]:
        """The current line's text before and after the cursor."""
        cursor = self._editor.textCursor()
        # positionInBlock counts UTF-16 units: split the UTF-16 bytes, not the str.
        units = cursor.block().text().encode("utf-16-le")
        cut = 2 * cursor.positionInBlock()
        return units[:cut].decode("utf-16-le"), units[cut:].decode("utf-16-le")

    def _refresh(self) -> None:
        popup = self._completer.popup()
        before = self._text_before_cursor()
        prefix = completion_prefix(before.rsplit("\n", 1)[-1])
        candidates = self._provider(before) if prefix is not None else []
        self._model.setStringList(candidates)
        self._completer.setCompletionPrefix(prefix or "")
        count = self._completer.completionCount()
        if count == 0 or (count == 1 and self._completer.currentCompletion() == prefix):
            popup.hide()
            return
        rect = self._editor.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width())
        self._completer.complete(rect)
        popup.setCurrentIndex(self._completer.completionModel().index(0, 0))

    @Slot(str)
    def _insert(self, completion: str) -> None:
        cursor = self._editor.textCursor()
        before, after = self._split_line()
        prefix = completion_prefix(before) or ""
        cursor.setPosition(cursor.position() - utf16_length(prefix), QTextCursor.MoveMode.KeepAnchor)
        text = completion
        if before.endswith('"' + prefix) and not after.startswith('"'):
            text += '"'   # a name inside a string: close the string
        cursor.insertText(text)
        self._editor.setTextCursor(cursor)
