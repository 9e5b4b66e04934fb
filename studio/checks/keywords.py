"""W350: offline intent detection facts — keywords and intents that can never decide it.

Without a language model, intents are detected by keyword hits, ties going
to the intent declared first (studio/engine/intents.py). A keyword that an
earlier intent also declares never makes the later one win; an intent whose
keywords always give some other intent as many hits or more is never
detected offline. studio/analysis/keywords.py decides both; each diagnostic
carries a witness: a message and the intent offline detection gives it.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from studio.analysis.coverage import declared_intents
from studio.analysis.keywords import offline_findings
from studio.checks.report import report
from studio.checks.view import ProjectView
from studio.diagnostics import Diagnostic
from studio.dsl import ast
from studio.i18n import _


def offline_intent_facts(view: ProjectView) -> Iterator[Diagnostic]:
    """Shared keywords and intents never detected offline (W350)."""
    intents = declared_intents(view.programs)
    file_of = {id(decl): program.file for program in view.programs for decl in program.intents}
    findings = offline_findings(intents)

    def where(decl: ast.IntentDecl) -> str:
        return f"{file_of[id(decl)]}:{decl.name.span.line}"

    for shared in findings.shared:
        later, first = shared.intent.name.text, shared.first.name.text
        stage = shared.witness.stage
        if stage is None:
            message = _("keyword '{keyword}' of intent '{intent}' is also a keyword of '{first}' ({where}), "
                        "declared earlier: a message with it gives both a hit and ties go to '{first}', "
                        "so it never makes '{intent}' win")
        else:
            message = _("keyword '{keyword}' of intent '{intent}' is also a keyword of '{first}' ({where}) in stage "
                        "'{stage}', declared earlier: a message with it gives both a hit and ties go to '{first}', "
                        "so it never makes '{intent}' win in stage '{stage}'")
        message = message.format(keyword=shared.keyword, intent=later, first=first, where=where(shared.first),
                                 stage=stage)
        diagnostic = report("W350", message, shared.text.span_of(shared.start, shared.end),
                            file_of[id(shared.intent)])
        yield replace(diagnostic, witness=shared.witness.to_json())
    for never in findings.never:
        name = never.intent.name.text
        if not never.rivals:
            message = _("intent '{intent}' has no KEYWORDS: offline detection (no LLM) never gives it").format(
                intent=name)
        else:
            # TRANSLATORS: an intent's name, quoted, in a list of names.
            rivals = ", ".join(_("'{intent}'").format(intent=r.name.text) for r in never.rivals)
            message = _("intent '{intent}' is never detected offline: every message with its keywords gives "
                        "{rivals} as many hits or more (ties go to the intent declared first)").format(
                intent=name, rivals=rivals)
        diagnostic = report("W350", message, never.intent.name.span, file_of[id(never.intent)])
        yield replace(diagnostic, witness=never.witness.to_json()) if never.witness else diagnostic
