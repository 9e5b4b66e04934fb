"""The project as the checks see it: every rule with its file, its conditions
and actions indexed by kind.

Built once per `check` call in one pass over the rules and shared by every
check, so a check reads just the nodes it is about (5,000 rules make some
50,000 nodes: walking them once per check would cost more than the checks).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from studio.checks.catalog import Catalog, catalog_of
from studio.checks.scope import Chosen, actions_with_choice, chosen_by_condition
from studio.diagnostics import Span
from studio.dsl import ast

if TYPE_CHECKING:
    from studio.analysis.coverage import Analyzer
    from studio.knowledge import Knowledge

KnowledgeLocator = Callable[[str, str], tuple[str, Span]]
"""(category, brand) -> (file, span) of that brand in the knowledge files."""

N = TypeVar("N")


class LocatedRule:
    """A rule with its file, its place, and what several checks ask of its condition."""
    __slots__ = ("file", "file_rank", "rank", "rule", "leaves", "may_be_constant", "chosen")

    def __init__(self, file: str, file_rank: int, rank: int, rule: ast.Rule):
        self.file = file
        self.file_rank = file_rank
        self.rank = rank            # position in its file
        self.rule = rule
        self.leaves: list[ast.Condition] = _leaves(rule.condition, []) if rule.condition is not None else []
        kinds = {type(leaf) for leaf in self.leaves}
        # Only a condition with ALWAYS in it can be always (or never) true.
        self.may_be_constant = ast.Always in kinds
        # Only a CONTEXT_EQ can make it choose a category or brand (see scope.py).
        self.chosen = chosen_by_condition(rule) if ast.ContextEq in kinds else Chosen()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.rule.name.span.line}"


# Plain slotted classes: tens of thousands are made per check run.
@dataclass(slots=True, eq=False)
class Located:
    """A condition or action with its rule."""
    rule: LocatedRule
    node: ast.Condition | ast.Action

    @property
    def file(self) -> str:
        return self.rule.file


@dataclass(slots=True, eq=False)
class LocatedAction(Located):
    """An action with the category and brand chosen when it runs."""
    chosen: Chosen = Chosen()


class ProjectView:
    """What one `check` call looks at; facts are computed on first use and shared."""

    def __init__(self, programs: list[ast.Program], knowledge: Knowledge, extra_mentions: Iterable[str] = (),
                 knowledge_locator: KnowledgeLocator | None = None, analyzer: Analyzer | None = None):
        self.programs = programs
        self.knowledge = knowledge
        self.extra_mentions = tuple(extra_mentions)
        self.knowledge_locator = knowledge_locator
        self.analyzer = analyzer   # keeps behaviour-analysis results between checks (None: the shared one)
        self._memo: dict[object, object] = {}

    @cached_property
    def catalog(self) -> Catalog:
        return catalog_of(self.knowledge)

    @cached_property
    def rules(self) -> list[LocatedRule]:
        """Every rule in file order, then source order."""
        return [LocatedRule(p.file, f, r, rule)
                for f, p in enumerate(self.programs) for r, rule in enumerate(p.rules)]

    @cached_property
    def runnable_rules(self) -> list[LocatedRule]:
        """Rules the engine runs (a rule cut short by a syntax error never runs), in firing
        order: descending priority, then file order, then source order."""
        complete = [r for r in self.rules if r.rule.complete and r.rule.condition is not None]
        return sorted(complete, key=lambda r: (-r.rule.priority, r.file_rank, r.rank))

    @cached_property
    def intents(self) -> dict[str, ast.IntentDecl]:
        """Declared intents by name (the first declaration wins)."""
        found: dict[str, ast.IntentDecl] = {}
        for program in self.programs:
            for intent in program.intents:
                found.setdefault(intent.name.text, intent)
        return found

    def of(self, *kinds: type) -> list[Located]:
        """The conditions and actions of those kinds; each kind in file then source order."""
        if len(kinds) == 1:
            return self.by_kind.get(kinds[0], [])
        return [x for kind in kinds for x in self.by_kind.get(kind, ())]

    @cached_property
    def by_kind(self) -> dict[type, list[Located]]:
        """Every condition and action by its node class, each in file then source order."""
        index: dict[type, list[Located]] = {}
        for located in self.rules:
            for leaf in located.leaves:
                index.setdefault(type(leaf), []).append(Located(located, leaf))
            for action, chosen_here in actions_with_choice(located.rule, located.chosen):
                index.setdefault(type(action), []).append(LocatedAction(located, action, chosen_here))
        return index

    def memo(self, key: object, compute: Callable[[], N]) -> N:
        """`compute()`, run once per key and view: for facts several checks need."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


def _leaves(expr: ast.Expr, out: list) -> list:
    """`ast.leaves` as a list (a recursive generator costs more at this scale)."""
    if isinstance(expr, (ast.And, ast.Or)):
        for op in expr.operands:
            _leaves(op, out)
    elif isinstance(expr, ast.Not):
        _leaves(expr.operand, out)
    else:
        out.append(expr)
    return out

