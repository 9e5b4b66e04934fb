"""Syntax highlighting of rule files, one block at a time (after qtconsole's highlighter).

Each block is lexed from the Pygments state stack its previous block ended
in; stacks are interned as small ints in the block state, so Qt re-highlights
the following block only when that end state really changes.

Qt highlights every block of a new document synchronously. To keep opening a
large file snappy, a highlighting pass stops lexing once it has run for
`SLICE_SECONDS` in one turn of the event loop: the remaining blocks are left
*pending* (plain text, block state -1 if never highlighted, else PENDING) and a
zero-timer highlights them in further slices of `CATCH_UP_SLICE_SECONDS`, top
to bottom, yielding to the event loop in between.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import ClassVar

from pygments.token import Error, Token, Whitespace, _TokenType
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from studio.dsl.pygments_lexer import RuleDslLexer, _transition
from studio.ui import theme

# A block that had a state and waits for a catch-up slice. A block never
# highlighted (Qt's -1) waits too; the first block always has a start state.
PENDING = -2
SLICE_SECONDS = 0.03
CATCH_UP_SLICE_SECONDS = 0.03
SLICE_MIN_BLOCKS = 300
_CLOCK_EVERY = 16

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units (what Qt counts)."""
    return len(text) + len(_ASTRAL.findall(text))


class DslHighlighter(QSyntaxHighlighter):
    """Highlights a QTextDocument with the `ruledsl` Pygments lexer."""

    highlighting_finished = Signal()   # no block is pending any more

    # Lexer stacks interned process-wide: stack -> state and state -> stack.
    _state_of: ClassVar[dict[tuple[str, ...], int]] = {("root",): 0}
    _stack_of: ClassVar[list[tuple[str, ...]]] = [("root",)]

    def __init__(self, parent: QTextDocument | QObject | None = None) -> None:
        super().__init__(parent)
        self._lexer = RuleDslLexer()
        self._formats = TokenFormats()
        self._states = {state: _CombinedState(rules, self._formats)
                        for state, rules in self._lexer._tokens.items()}
        self._slice_blocks = 0   # blocks highlighted in this turn of the event loop
        self._slice_deadline = 0.0
        self._slice_seconds = SLICE_SECONDS
        self._spent = False   # this turn's slice is used up: blocks Qt visits stay pending
        self._spent_at = 0   # the number of the block where it was
        self._first_pending_hint = 0   # no pending block before this block number
        self._catch_up = QTimer(self, singleShot=True, interval=0)
        self._catch_up.timeout.connect(self._highlight_pending)
        self._slice_end = QTimer(self, singleShot=True, interval=0)
        self._slice_end.timeout.connect(self._end_slice)
        self._watched: QTextDocument | None = None
        # Set by the one view of the document: whether it shows any of the blocks
        # numbered first..last. Unset, each catch-up slice repaints the views.
        self.in_view: Callable[[int, int], bool] | None = None
        self._watch(self.document())

    def setDocument(self, doc: QTextDocument | None) -> None:  # noqa: N802 (Qt override)
        super().setDocument(doc)
        self._watch(doc)

    def is_pending(self) -> bool:
        """Whether some blocks still wait to be highlighted."""
        return self._first_pending() is not None

    def restyle(self) -> None:
        """Take the current theme's token colours (`theme.use_theme`) and highlight the document again."""
        self._formats = TokenFormats()
        self._states = {state: _CombinedState(rules, self._formats)
                        for state, rules in self._lexer._tokens.items()}
        self.rehighlight()

    # --- Qt override -------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        if self._spent:   # Qt goes on through the whole edited range (all of it on open): keep it cheap
            if self.currentBlockState() >= 0:   # a never-highlighted block (-1) simply stays so
                self._stay_pending()
            return
        previous = self.previousBlockState()
        if previous < 0:
            if previous == PENDING or self.currentBlock().blockNumber():
                self._stay_pending()   # its start state is not known yet
                return
            previous = 0   # the first block starts in `root`
        if self._slice_used_up():
            self._spent = True
            self._stay_pending(first=True)
            return
        if not text:
            self.setCurrentBlockState(previous)   # an empty line ends where it starts
            return
        set_format = self.setFormat
        if not text.isascii() and _ASTRAL.search(text):
            set_format = Utf16Formats(text, set_format)
        stack = self._highlight_line(text, self._stack_of[previous], set_format)
        state = self._state_of.get(stack)
        self.setCurrentBlockState(self._new_state(stack) if state is None else state)

    # --- internals ---------------------------------------------------------------

    def _new_state(self, stack: tuple[str, ...]) -> int:
        """Intern a stack not seen before as the next block state."""
        state = self._state_of[stack] = len(self._stack_of)
        self._stack_of.append(stack)
        return state

    def _highlight_line(self, text: str, stack: tuple[str, ...], set_format) -> tuple[str, ...]:
        """Lex `text` from `stack`, set one format per run of same-format tokens; return the end stack.

        RegexLexer's loop over the lexer's own rules, with a state's rules
        tried in one regex match (`_CombinedState`) instead of one Python call
        per rule: this is the hot path of opening a file.
        """
        states = self._states
        statestack = list(stack)
        state = states[statestack[-1]]
        pos, end = 0, len(text)
        run_start, run_format = 0, None
        while pos < end:
            m = state.match(text, pos)
            if m:
                fmt, rexmatch, callback, new_state = state.rules[m.lastindex]
                if callback is None:
                    if fmt is not run_format:
                        if run_format is not None:
                            set_format(run_start, pos - run_start, run_format)
                        run_start, run_format = pos, fmt
                else:   # bygroups(...): a token per group of the rule's own match
                    formats = self._formats
                    for start, ttype, _ in callback(self._lexer, rexmatch(text, pos)):
                        fmt = formats[ttype]
                        if fmt is not run_format:
                            if run_format is not None:
                                set_format(run_start, start - run_start, run_format)
                            run_start, run_format = start, fmt
                pos = m.end()
                if new_state is not None:
                    _transition(statestack, new_state)
                    state = states[statestack[-1]]
            else:   # no rule matches: one character of Error, as RegexLexer does
                if text[pos] == "\n":
                    statestack = ["root"]
                    state = states["root"]
                    fmt = self._formats[Whitespace]
                else:
                    fmt = self._formats[Error]
                if fmt is not run_format:
                    if run_format is not None:
                        set_format(run_start, pos - run_start, run_format)
                    run_start, run_format = pos, fmt
                pos += 1
        if run_format is not None:
            set_format(run_start, end - run_start, run_format)
        return tuple(statestack)

    def _slice_used_up(self) -> bool:
        """Start a slice at the first block of an event-loop turn; True once it is spent.

        A slice always covers `SLICE_MIN_BLOCKS` (more than a screen), so a
        small document, or the first screen of a large one, is never left pending.
        The clock is read every `_CLOCK_EVERY` blocks.
        """
        self._slice_blocks = blocks = self._slice_blocks + 1
        if blocks <= SLICE_MIN_BLOCKS:
            if blocks == 1:
                self._slice_deadline = time.perf_counter() + self._slice_seconds
                self._slice_end.start()
            return False
        return not blocks % _CLOCK_EVERY and time.perf_counter() > self._slice_deadline

    def _stay_pending(self, first: bool = False) -> None:
        """Leave the current block for a catch-up slice.

        A block with a state becomes PENDING, so Qt goes on to the next one,
        whose start state is now unknown too. A block still pending (-1: never
        highlighted, or PENDING) stays as it is, and Qt stops there unless the
        block is in the edited range. The `first` block left in a turn starts
        the catch-up.
        """
        if self.currentBlockState() >= 0:
            self.setCurrentBlockState(PENDING)
        elif not first:
            return
        number = self.currentBlock().blockNumber()
        if first:
            self._spent_at = number
        self._first_pending_hint = min(self._first_pending_hint, number)
        self._catch_up.start()

    @Slot()
    def _end_slice(self) -> None:
        self._slice_blocks = 0
        self._slice_seconds = SLICE_SECONDS
        self._spent = False

    def _first_pending(self) -> QTextBlock | None:
        doc = self.document()
        if doc is None:
            return None
        block = doc.findBlockByNumber(self._first_pending_hint)
        while block.isValid() and block.userState() >= 0:   # -1: never highlighted
            block = block.next()
        if not block.isValid():
            self._first_pending_hint = doc.blockCount()
            return None
        self._first_pending_hint = block.blockNumber()
        return block

    @Slot()
    def _highlight_pending(self) -> None:
        self._end_slice()   # a new turn of the event loop: a fresh slice
        self._slice_seconds = CATCH_UP_SLICE_SECONDS
        block = self._first_pending()
        if block is None:
            self.highlighting_finished.emit()
            return
        # Qt goes on to the next blocks while their end state changes, i.e.
        # through the pending ones until this slice is spent. A plain-text
        # layout would ask its views for a full repaint after every block it
        # has not laid out (all but the ones in view): it is kept quiet, and
        # the views repaint once, if the slice touched what they show.
        layout = self.document().documentLayout()
        quiet = isinstance(layout, QPlainTextDocumentLayout)
        if quiet:
            first, size = block.blockNumber(), layout.documentSize()
            layout.blockSignals(True)
        try:
            self.rehighlightBlock(block)
        finally:
            if quiet:
                layout.blockSignals(False)
        if self._spent:   # Qt highlighted every block from `block` to where the slice ran out
            self._first_pending_hint = max(self._first_pending_hint, self._spent_at)
        if quiet:
            if layout.documentSize() != size:
                layout.documentSizeChanged.emit(layout.documentSize())
            last = self._spent_at if self._spent else self.document().blockCount()
            if self.in_view is None or self.in_view(first, last):
                layout.requestUpdate()
        self._catch_up.start()   # the next tick looks for another pending run

    def _watch(self, doc: QTextDocument | None) -> None:
        if self._watched is not None:
            self._watched.contentsChange.disconnect(self._on_contents_change)
        self._watched = doc
        self._first_pending_hint = 0
        if doc is not None:
            doc.contentsChange.connect(self._on_contents_change)

    @Slot(int, int, int)
    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        # Removing lines above a pending block moves it up: search from the edit.
        number = self.document().findBlock(position).blockNumber()
        self._first_pending_hint = min(self._first_pending_hint, max(number, 0))


class _CombinedState:
    """A lexer state's rules as one regex: `(rule0)|(rule1)|...`, tried in order like RegexLexer.

    Python's alternation takes the first branch that matches at the position,
    which is the rule RegexLexer's loop would take; `lastindex` is the wrapping
    group of that branch (it closes after the rule's own groups). `rules` maps
    it to (format, the rule's own match, callback, new state); a callback
    (`bygroups`) gets the rule's own match, so its group numbers stay right.
    """

    __slots__ = ("match", "rules")

    def __init__(self, rules, formats: TokenFormats) -> None:
        branches, self.rules = [], {}
        group, flags = 1, 0
        for rexmatch, action, new_state in rules:
            pattern = rexmatch.__self__
            flags = pattern.flags   # RegexLexer compiles every rule with the lexer's flags
            branches.append(f"({pattern.pattern})")
            if isinstance(action, _TokenType):
                self.rules[group] = (formats[action], rexmatch, None, new_state)
            else:
                self.rules[group] = (None, rexmatch, action, new_state)
            group += 1 + pattern.groups
        self.match = re.compile("|".join(branches), flags).match


class TokenFormats(dict):
    """Token type -> its QTextCharFormat, built on first use; None for plain text.

    Token types with the same style share one format object, so runs of them
    are recognised with `is`.
    """

    def __missing__(self, ttype: _TokenType) -> QTextCharFormat | None:
        style_type = ttype
        while style_type not in theme.TOKEN_STYLES and style_type is not Token:
            style_type = style_type.parent
        if style_type is Token:
            fmt = None
        elif style_type in self:
            fmt = self[style_type]
        else:
            fmt = self[style_type] = _char_format(theme.TOKEN_STYLES[style_type])
        self[ttype] = fmt
        return fmt


class Utf16Formats:
    """`setFormat` taking code-point offsets, for a line with characters outside the BMP."""

    __slots__ = ("_units", "_set_format")

    def __init__(self, text: str, set_format) -> None:
        self._set_format = set_format
        self._units = units = [0]   # UTF-16 offset of each code-point offset
        for char in text:
            units.append(units[-1] + (2 if char > "\uffff" else 1))

    def __call__(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        units = self._units
        self._set_format(units[start], units[start + length] - units[start], fmt)


def _char_format(style: theme.TextStyle) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if style.color:
        fmt.setForeground(QColor(style.color))
    if style.background:
        fmt.setBackground(QColor(style.background))
    if style.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if style.italic:
        fmt.setFontItalic(True)
    return fmt
