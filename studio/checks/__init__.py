"""The consistency checker: every semantic diagnostic of docs/diagnostics.md (E100 is the parser's).

`check(programs, knowledge)` runs each check of `CHECKS` over the parsed
rule files of a project and its knowledge, and returns their diagnostics
sorted by file and position. Plain Python: no Qt, no printing, no I/O.
Each check is a small function documented in its family's module:

| module | codes |
|---|---|
| `intents.py` | E110 |
| `rules.py` | E120, W300, W340, W330 |
| `keywords.py` | W350 |
| `names.py` | E200, E201, E202, W220, W230 |
| `mentions.py` | W210, I400 |
| `flow.py` | W310, W320 |
| `coverage.py` | I410 |
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import TYPE_CHECKING

from studio.checks import coverage, flow, intents, keywords, mentions, names, rules
from studio.checks.view import KnowledgeLocator, ProjectView
from studio.diagnostics import Diagnostic, sort_key
from studio.dsl.ast import Program

if TYPE_CHECKING:
    from studio.analysis.coverage import Analyzer
    from studio.knowledge import Knowledge

Check = Callable[[ProjectView], Iterable[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    intents.undeclared_intents,
    rules.duplicate_rule_names,
    rules.unreachable_rules,
    rules.contradictory_rules,
    rules.missing_fallback,
    keywords.offline_intent_facts,
    names.typed_names,
    names.unknown_scenarios,
    mentions.mentioned_brands,
    mentions.hard_coded_brand_lists,
    flow.unset_stages,
    flow.unset_variables,
    coverage.unmentioned_brands,
)


def check(programs: list[Program], knowledge: Knowledge, extra_mentions: Iterable[str] = (),
          knowledge_locator: KnowledgeLocator | None = None, analyzer: Analyzer | None = None) -> list[Diagnostic]:
    """Every diagnostic of every check, sorted by file and position.

    `programs` are a project's parsed rule files in file-name order (each
    diagnostic carries its program's `file`); `extra_mentions` are the texts of
    the conversation tests (read by I410); `knowledge_locator(category, brand)`
    gives the file and span of a brand in the knowledge files (where I410
    points; without it: file "knowledge", line 1, column 1). `analyzer` keeps the
    behaviour analysis's results (W300, W340) between calls, so that a re-check
    after an edit only analyses the groups of rules that changed; without one,
    a process-wide analyzer does.
    """
    view = ProjectView(list(programs), knowledge, tuple(extra_mentions), knowledge_locator, analyzer)
    with _cyclic_gc_paused():
        return sorted((d for run in CHECKS for d in run(view)), key=sort_key)


@contextmanager
def _cyclic_gc_paused():
    """The checks make some 100,000 short-lived, acyclic objects; with a large AST alive,
    the collections they would trigger rescan it every time (about a third of a 5,000-rule check)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


__all__ = ["CHECKS", "Check", "KnowledgeLocator", "check"]
