"""W310 / W320: stages and variables that are read but never written.

W310: a stage tested with `CONTEXT_STAGE_IS "s"` (or `CONTEXT_EQ
current_stage "s"`) that no rule sets with `SET_STAGE "s"` or `SET_VAR
current_stage "s"`: the test is never true (a typo, or a stage renamed on one
side only). A stage named in a `KEYWORDS … IN_STAGE "s|t"` line is tested
the same way: its keywords never count when no rule sets it. A conversation starts in stage `welcome`, which therefore counts
as set. A `SET_VAR current_stage` whose template has a `{var}` can set any
stage, so then no stage is reported.

W320: a `{var}` in a template (`RESPOND`, `SET_VAR`, `GENERATE`, and the
values of `ADD_TO_CHAIN` and `SUGGEST_BY_SCENARIO`, which the engine renders too) that is
neither a built-in context variable nor set by any `SET_VAR`: it is always
empty in the reply. `{{` and `}}` are literal braces, not placeholders.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

from studio.checks.report import content_span, did_you_mean, report, suggest
from studio.checks.similarity import NameIndex
from studio.checks.text import placeholders
from studio.checks.view import ProjectView
from studio.diagnostics import Diagnostic, Span
from studio.dsl import ast
from studio.dsl.tokens import BUILTIN_VARIABLES
from studio.engine.context import INITIAL_STAGE
from studio.i18n import _


def unset_stages(view: ProjectView) -> Iterator[Diagnostic]:
    """Stages that rules test but no rule ever sets (W310)."""
    stages = _set_stages(view)
    if stages is None:
        return
    index = cache(lambda: NameIndex(stages))   # built only when a stage is not set
    for found in view.of(ast.ContextStageIs, ast.ContextEq):
        tested = _tested_stage(found.node)
        if tested is None or tested.value in stages:
            continue
        yield _unset(_("stage '{stage}' is tested but no rule sets it"), tested.value, content_span(tested),
                     found.file, index)
    for program in view.programs:
        for decl in program.intents:
            for line in decl.staged_lines():
                for stage, start, end in line.stages.alternatives():
                    if stage not in stages:
                        yield _unset(_("stage '{stage}' of IN_STAGE is never set by a rule, so these keywords "
                                       "never count"), stage, line.stages.span_of(start, end), program.file, index)


def _unset(template: str, stage: str, span: Span, file: str, index: Callable[[], NameIndex]) -> Diagnostic:
    message = template.format(stage=stage)
    suggestion = index().closest(stage)
    if suggestion is None:
        return report("W310", message, span, file)
    return did_you_mean("W310", message, file, span, suggestion)


def _set_stages(view: ProjectView) -> set[str] | None:
    """Every stage some rule sets, or None when one sets a stage computed from a template."""
    stages = {INITIAL_STAGE} | {found.node.stage.value for found in view.of(ast.SetStage)}
    for found in view.of(ast.SetVar):
        if found.node.var.text == "current_stage":
            if placeholders(found.node.template.value):
                return None
            stages.add(found.node.template.value)
    return stages


def _tested_stage(leaf: ast.Condition) -> ast.StringLit | None:
    if isinstance(leaf, ast.ContextStageIs):
        return leaf.stage
    if isinstance(leaf, ast.ContextEq) and leaf.var.text == "current_stage":
        return leaf.value
    return None


def unset_variables(view: ProjectView) -> Iterator[Diagnostic]:
    """`{var}` placeholders that nothing ever sets (W320)."""
    known = set(BUILTIN_VARIABLES) | {found.node.var.text for found in view.of(ast.SetVar)}
    index = cache(lambda: NameIndex(sorted(known)))   # built only when a variable is not set
    for found in view.of(*_TEMPLATE_OF):
        file, template = found.file, _TEMPLATE_OF[type(found.node)](found.node)
        if template is None or "{" not in template.value:
            continue
        for placeholder in placeholders(template.value):
            if placeholder.text in known:
                continue
            span = template.span_of(placeholder.start, placeholder.end)
            message = _("variable '{variable}' is never set").format(variable=placeholder.text)
            suggestion = index().closest(placeholder.text)
            if suggestion is None:
                yield report("W320", message, span, file)
            else:
                name_span = template.span_of(placeholder.start + 1, placeholder.end - 1)
                message = _("{message} (did you mean '{suggestion}'?)").format(message=message, suggestion=suggestion)
                yield suggest("W320", message, span, file, suggestion, name_span, suggestion)


_TEMPLATE_OF = {
    ast.Respond: lambda a: a.template,
    ast.SetVar: lambda a: a.template,
    ast.Generate: lambda a: a.fallback,
    ast.AddToChain: lambda a: a.value,
    ast.SuggestByScenario: lambda a: a.scenario,
}
