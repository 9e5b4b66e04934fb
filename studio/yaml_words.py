"""The YAML parser's own words about a broken text, in the reader's language.

ruamel.yaml says what is wrong in English ("mapping values are not allowed here", "expected ',' or
'}', but got ':'"). The problems an analyst meets in a conversation test or a knowledge file are
listed here, each as a pattern of ruamel's sentence and the same sentence as a message of ours, so
that the catalogs carry it; the quoted token or character it names is kept as ruamel gives it.
A problem not listed is shown in ruamel's words.
"""
from __future__ import annotations

import re

from studio.i18n import N_, _

PROBLEMS = tuple((re.compile(pattern), message) for pattern, message in (
    (r"mapping values are not allowed here", N_("mapping values are not allowed here")),
    (r"sequence entries are not allowed here", N_("sequence entries are not allowed here")),
    (r"could not find expected ':'", N_("could not find expected ':'")),
    # TRANSLATORS: {character} is the character as YAML quotes it, e.g. '\t' (a tab).
    (r"found character (?P<character>.+) that cannot start any token",
     N_("found character {character} that cannot start any token")),
    # TRANSLATORS: {token} is what the parser found, as it names it: '<scalar>', '<stream end>', ':'.
    (r"expected the node content, but found (?P<token>.+)", N_("expected the node content, but found {token}")),
    (r"expected <block end>, but found (?P<token>.+)", N_("expected <block end>, but found {token}")),
    (r"expected ',' or '\]', but got (?P<token>.+)", N_("expected ',' or ']', but got {token}")),
    (r"expected ',' or '\}', but got (?P<token>.+)", N_("expected ',' or '}}', but got {token}")),
    (r"found unexpected end of stream", N_("found unexpected end of stream")),
    (r"found unexpected document separator", N_("found unexpected document separator")),
    (r"found unknown escape character (?P<character>.+)", N_("found unknown escape character {character}")),
    (r"found undefined alias (?P<alias>.+)", N_("found undefined alias {alias}")),
    (r"but found another document", N_("but found another document")),
))


def yaml_problem(problem: str) -> str:
    """ruamel's `problem` text in the reader's language, when it is one we know."""
    for pattern, message in PROBLEMS:
        match = pattern.fullmatch(problem.strip())
        if match:
            return _(message).format(**match.groupdict())
    return problem
