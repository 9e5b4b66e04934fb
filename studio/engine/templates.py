"""`{var}` templates of RESPOND, SET_VAR, GENERATE and friends.

`{name}` is replaced by the context variable's text (see `ConversationContext.text`);
`{{` and `}}` are literal braces; a brace that starts no placeholder is kept
as written. A variable that is unknown or unset renders as "" and is
reported, so the trace can say why a reply has a gap.
"""
from __future__ import annotations

import re

from studio.engine.context import ConversationContext
from studio.i18n import _

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^\W\d]\w*)\}")


def render(template: str, context: ConversationContext) -> tuple[str, tuple[str, ...]]:
    """The rendered text and the names of the variables that rendered empty because unset."""
    unset: list[str] = []

    def replace(match: re.Match) -> str:
        token, var = match.group(0), match.group(1)
        if var is None:
            return token[0]
        if not context.is_set(var):
            unset.append(var)
            return ""
        return context.text(var)

    return _PLACEHOLDER.sub(replace, template), tuple(dict.fromkeys(unset))


def unset_note(unset: tuple[str, ...]) -> list[str]:
    # TRANSLATORS: {placeholder} is a template placeholder as written, such as {current_brand}.
    return [_("{placeholder} is not set: rendered empty").format(placeholder="{" + var + "}") for var in unset]
