"""argparse's own words ("usage:", "options", "-h", its error messages) in the language of our messages.

argparse makes each of its texts with `_("usage: ")`, `_("invalid choice: ...")`, ..., where `_` is
gettext's default-domain lookup, bound by name in the argparse module. Those texts are gettext
messages meant to be translated, so we translate them the same way as ours: `argparse._` becomes a
lookup in our catalog (argparse's msgids are listed below so that the catalogs carry them),
falling back to gettext's default domain for any text we do not carry. Subclassing the parser
instead would not reach the error messages, which argparse formats deep inside parsing before
`error()` sees them; parsing them back out of the English sentence would be brittle.

English is unchanged byte for byte: the English catalog translates every message to itself, and a
text our catalog does not know (a future Python's new wording) is argparse's own. argparse's
placeholders are %-style (`%(value)r`, `%s`), which the translations keep.
"""
from __future__ import annotations

import argparse
import gettext

from studio.i18n import N_, _

# The argparse texts a user of `rule-studio` can meet, worded as argparse words them (a wording a
# later Python changes is shown in English); its messages about mistakes in a program's own parser
# definitions are for developers and stay English.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    # TRANSLATORS: argparse's error line: %(prog)s is the command (rule-studio check), %(message)s the reason.
    N_("%(prog)s: error: %(message)s\n"),
    # TRANSLATORS: %(argument_name)s is an option or argument as typed (--format), %(message)s what is wrong.
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    # TRANSLATORS: %(type)s is a Python type name (int, float), kept as it is.
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("unrecognized arguments: %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
    N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
)


def argparse_text(message: str) -> str:
    """`message`, one of argparse's texts, in our language; else what gettext's default domain gives."""
    translated = _(message)
    return translated if translated != message else gettext.gettext(message)


def speak_our_language() -> None:
    """From now on argparse's texts follow `studio.i18n.language()` (each is looked up when it is made)."""
    argparse._ = argparse_text
