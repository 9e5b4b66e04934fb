"""Spans, diagnostics and machine-applicable fixes, shared by every phase.

Positions follow Lark's `Token`: `line` and `column` are 1-based and point at
the first character; `end_line` / `end_column` point just past the last one.
Columns count Python characters (code points); the editor converts to UTF-16
where Qt needs it. `start` / `end` are character offsets into the file text,
which is what fixes are applied with.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import NamedTuple

from studio.i18n import N_, _


class Span(NamedTuple):
    """A NamedTuple rather than a frozen dataclass: the lexer makes one per token and
    creating a tuple is about three times cheaper."""
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    @staticmethod
    def point(offset: int = 0, line: int = 1, column: int = 1) -> "Span":
        return Span(offset, offset, line, column, line, column)

    def cover(self, other: "Span") -> "Span":
        """The smallest span holding both (other assumed to end later)."""
        return Span(self.start, other.end, self.line, self.column, other.end_line, other.end_column)

    def sub(self, start_delta: int, end_delta: int) -> "Span":
        """A single-line sub-span, `start_delta`/`end_delta` characters from this start."""
        return Span(self.start + start_delta, self.start + end_delta, self.line,
                    self.column + start_delta, self.line, self.column + end_delta)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def label(self) -> str:
        """The severity as a reader's word in the current language (the JSON keeps `value`)."""
        return _(_LABELS[self.value])


_LABELS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


@dataclass(frozen=True)
class Fix:
    """Replace the text at `span` of `file` with `replacement`."""
    file: str
    span: Span
    replacement: str
    title: str = ""


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str
    message: str
    span: Span
    file: str = ""
    suggestion: str | None = None
    fixes: tuple[Fix, ...] = field(default=())
    witness: dict | None = field(default=None, compare=False)
    """A situation that shows the problem happen (W300, W350), as `check --format json` prints it."""

    def in_file(self, file: str) -> "Diagnostic":
        return replace(self, file=file, fixes=tuple(replace(f, file=file) for f in self.fixes))

    def to_json(self) -> dict:
        """The object of `check --format json` (docs/cli.md)."""
        return {
            "file": self.file,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "suggestion": self.suggestion,
            "witness": self.witness,
        }

    def format_text(self) -> str:
        """`file:line:col: severity code message` (the text output of `check`; the severity in the
        current language, the code never translated)."""
        return (f"{self.file}:{self.span.line}:{self.span.column}: "
                f"{self.severity.label} {self.code} {self.message}")


def sort_key(d: Diagnostic) -> tuple:
    return (d.file, d.span.line, d.span.column, d.severity.rank, d.code)


def apply_fixes(text: str, fixes: list[Fix]) -> tuple[str, list[Fix]]:
    """Apply non-overlapping fixes to `text`; returns the new text and the fixes applied.

    Overlapping fixes are skipped (the first by position wins), so a second
    `check --fix` run can pick them up.
    """
    applied: list[Fix] = []
    last_end = -1
    for fix in sorted(fixes, key=lambda f: (f.span.start, f.span.end)):
        if fix.span.start < last_end or fix.span.end > len(text):
            continue
        applied.append(fix)
        last_end = fix.span.end
    for fix in reversed(applied):
        text = text[:fix.span.start] + fix.replacement + text[fix.span.end:]
    return text, applied
