"""The JSON parser's own words about a broken text, in the reader's language.

`json.JSONDecodeError.msg` is one of a few fixed English phrases, some followed by ": detail"
(`Invalid \\escape: 'q'`). They are listed here so that the catalogs carry them; a phrase a newer
Python adds is shown as Python words it.
"""
from __future__ import annotations

import json

from studio.i18n import N_, _

PHRASES = frozenset((
    N_("Expecting value"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Expecting ':' delimiter"),
    N_("Expecting ',' delimiter"),
    N_("Unterminated string starting at"),
    N_("Invalid control character at"),
    N_("Invalid \\escape"),
    N_("Invalid \\uXXXX escape"),
    N_("Extra data"),
    N_("Illegal trailing comma before end of object"),
    N_("Illegal trailing comma before end of array"),
))


def json_problem(error: json.JSONDecodeError) -> str:
    """What is wrong at `error`'s position, without the position (the caller shows it its own way)."""
    phrase, colon, detail = error.msg.partition(": ")
    if phrase not in PHRASES:
        return error.msg
    # TRANSLATORS: {problem} is a JSON parser phrase (already translated), {detail} the character it is about.
    return _("{problem}: {detail}").format(problem=_(phrase), detail=detail) if colon else _(phrase)


def json_error_text(error: json.JSONDecodeError) -> str:
    """What is wrong and where, as `str(error)` says it: "Expecting value: line 1 column 1 (char 0)"."""
    # TRANSLATORS: {problem} is a JSON parser phrase (already translated); {char} counts characters from 0.
    return _("{problem}: line {line} column {column} (char {char})").format(
        problem=json_problem(error), line=error.lineno, column=error.colno, char=error.pos)
