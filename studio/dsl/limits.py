"""How much of a pathological rule file the parser takes on, so that no later phase has to.

- `MAX_NESTING`: parentheses and `NOT`s open at once in a condition. The
  parser, the checks and the engine all walk conditions recursively; with
  this bound no tree is deeper than 2 × 100 + 1 levels (a parenthesis adds
  at most an OR and an AND), far below Python's recursion limit.
- `MAX_DIGITS`: digits of a number (a sign aside). Every number of the
  language (a priority, a sales stage) is small; a longer one is a typo, and
  one over 4,300 digits cannot even be converted by Python.
- `MAX_SYNTAX_ERRORS`: syntax errors listed per file; the rest are counted
  in one summary error, so a megabyte of garbage is not a million diagnostics.
"""
from __future__ import annotations

from studio.diagnostics import Diagnostic, Severity, Span
from studio.i18n import ngettext

MAX_NESTING = 100
MAX_DIGITS = 18
MAX_SYNTAX_ERRORS = 200


class SyntaxErrors(list):
    """The syntax errors one phase found, in source order: the first `MAX_SYNTAX_ERRORS` kept,
    the others only counted (where the first of them is, and how many)."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped = 0
        self.first_dropped: Span | None = None

    @property
    def full(self) -> bool:
        return len(self) >= MAX_SYNTAX_ERRORS

    def add(self, diagnostic: Diagnostic) -> None:
        if self.full:
            self.count(diagnostic.span)
        else:
            self.append(diagnostic)

    def count(self, span: Span, errors: int = 1) -> None:
        """`errors` more errors, the first at `span`, that are not listed."""
        if self.first_dropped is None:
            self.first_dropped = span
        self.dropped += errors


def first_errors(*phases: SyntaxErrors) -> list[Diagnostic]:
    """The first `MAX_SYNTAX_ERRORS` errors of all phases by position, and a summary of the rest."""
    found = sorted((d for phase in phases for d in phase), key=lambda d: (d.span.start, d.span.end))
    cuts = [phase.first_dropped for phase in phases if phase.first_dropped is not None]
    cut = min(cuts, key=lambda span: (span.start, span.end), default=None)
    # An error a phase only counted may come before errors another phase kept: nothing after it is listed.
    listed = [d for d in found if cut is None or (d.span.start, d.span.end) < (cut.start, cut.end)]
    listed = listed[:MAX_SYNTAX_ERRORS]
    total = sum(len(phase) + phase.dropped for phase in phases)
    if total == len(listed):
        return listed
    first_unlisted = found[len(listed)].span if len(found) > len(listed) else cut
    if cut is not None and (cut.start, cut.end) < (first_unlisted.start, first_unlisted.end):
        first_unlisted = cut
    more = total - len(listed)
    message = ngettext("{count} more syntax error in this file is not listed (only the first {limit} are): "
                       "fix these and check again",
                       "{count} more syntax errors in this file are not listed (only the first {limit} are): "
                       "fix these and check again", more)
    summary = Diagnostic(Severity.ERROR, "E100", message.format(count=f"{more:,}", limit=MAX_SYNTAX_ERRORS),
                         first_unlisted)
    return listed + [summary]
