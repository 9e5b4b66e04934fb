"""E110: `INTENT_IS x` where no file declares `INTENT x`.

The intent detector only ever yields declared intents (docs/language.md), so such a
condition is never true and its rule never fires.
"""
from __future__ import annotations

from collections.abc import Iterator

from studio.checks.report import did_you_mean, report
from studio.checks.similarity import NameIndex
from studio.checks.view import ProjectView
from studio.diagnostics import Diagnostic
from studio.dsl import ast
from studio.i18n import _


def undeclared_intents(view: ProjectView) -> Iterator[Diagnostic]:
    """Intents tested by a rule but declared nowhere in the project (E110)."""
    declared = NameIndex(view.intents)
    for found in view.of(ast.IntentIs):
        name = found.node.intent
        if name.text in view.intents:
            continue
        message = _("intent '{intent}' is not declared").format(intent=name.text)
        suggestion = declared.closest(name.text)
        if suggestion is None:
            yield report("E110", message, name.span, found.file)
        else:
            yield did_you_mean("E110", message, found.file, name.span, suggestion, in_string=False)
