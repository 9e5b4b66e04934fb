"""Which rules can never fire, and which earlier rules cover them.

A rule R can never fire when in every situation where its condition holds, a
rule tried before it holds too: `facts ∧ C(R) ∧ ¬C(E1) ∧ … ∧ ¬C(En)` has no
solution, E1…En being the rules tried before R (engine order: descending
priority, then file-name order, then source order). A rule whose condition
has no solution at all is *dead* (W340) rather than covered.

Groups. A rule whose condition pins the intent (`INTENT_IS x AND …`, or an OR
of intents) can only share a situation with rules that allow that intent, so
situations are split by intent: one group per pinned intent (the rules that
pin it, plus the rules that pin none) and one for every other intent and for
no intent (the rules that pin none). A rule is covered when it is covered, or
cannot hold, in each of its groups. Inside a group, rules that pin disjoint
stages are left out of each other's queries for the same reason. One
incremental solver serves a whole group: each rule is encoded once, and each
query switches on the rules it needs through assumptions.

Incremental. A group's result depends only on its content — its restriction
and the conditions of its rules in order — plus the knowledge and the
intent declarations (witnesses replay through keyword detection). `Analyzer`
keeps results keyed by exactly that, so after an edit only the groups whose
content changed are analysed again; the others are reused as they are.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studio.analysis import witness as witnesses
from studio.analysis.atoms import (Atom, EntityName, Prop, atoms_of, facts, intent, literal_names,
                                   negate, pins, proposition)
from studio.analysis.solver import Solver
from studio.dsl import ast

if TYPE_CHECKING:
    from studio.knowledge.model import Knowledge


@dataclass(frozen=True, eq=False)
class OrderedRule:
    """A rule the engine runs, at its place in the order rules are tried."""
    position: int
    rule: ast.Rule
    file: str
    prop: Prop
    intents: frozenset[str] | None   # the only intents it can hold for; None: any
    stages: frozenset[str] | None    # likewise for current_stage

    @property
    def name(self) -> str:
        return self.rule.name.text

    def may_meet(self, other: "OrderedRule") -> bool:
        """Whether the two can hold in one situation, judging by their pins alone."""
        return (_overlap(self.intents, other.intents) and _overlap(self.stages, other.stages))


def _overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return a is None or b is None or not a.isdisjoint(b)


Reading = tuple[Prop, frozenset[str] | None, frozenset[str] | None]


def read_condition(rule: ast.Rule) -> Reading:
    prop = proposition(rule.condition)
    return (prop, *pins(prop))


def ordered_rules(programs: Sequence[ast.Program], read=read_condition) -> list[OrderedRule]:
    """The rules as the engine tries them (rules cut short by a syntax error never run)."""
    found = [(rule, program.file) for program in programs for rule in program.rules
             if rule.complete and rule.condition is not None]
    order = sorted(range(len(found)), key=lambda i: (-found[i][0].priority, i))
    out = []
    for position, i in enumerate(order):
        rule, file = found[i]
        out.append(OrderedRule(position, rule, file, *read(rule)))
    return out


# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class Covered:
    rule: OrderedRule
    by: tuple[OrderedRule, ...]   # a minimal set of earlier rules that together cover it, in order
    witness: witnesses.Witness | None


@dataclass(frozen=True)
class Dead:
    rule: OrderedRule
    clashing: tuple[ast.Expr, ...]   # the parts of its condition that cannot hold together


@dataclass
class Findings:
    covered: list[Covered] = field(default_factory=list)
    dead: list[Dead] = field(default_factory=list)


# ---------------------------------------------------------------- groups

@dataclass(frozen=True)
class Group:
    intent: str | None          # None: every intent that no rule pins, and no intent
    restriction: tuple[Prop, ...]
    members: tuple[OrderedRule, ...]

    @property
    def key(self) -> tuple:
        return self.intent, self.restriction, tuple(r.prop for r in self.members)


def groups_of(rules: Sequence[OrderedRule]) -> list[Group]:
    pinned_intents = sorted({i for r in rules if r.intents for i in r.intents})
    by_intent: dict[str | None, list[OrderedRule]] = {i: [] for i in [*pinned_intents, None]}
    for rule in rules:
        # No intent at all: its condition asks for two at once; the group of no intent shows it dead.
        for name in by_intent if rule.intents is None else rule.intents or (None,):
            by_intent[name].append(rule)
    out = []
    for name, members in by_intent.items():
        if not members:
            continue
        if name is not None:
            restriction: tuple[Prop, ...] = (intent(name),)
        else:
            mentioned = set().union(*(atoms_of(r.prop) for r in members))
            restriction = tuple(negate(intent(i)) for i in pinned_intents if intent(i) in mentioned)
        out.append(Group(name, restriction, tuple(members)))
    return out


OPEN, VACUOUS, DEAD = "open", "vacuous", "dead"


@dataclass(frozen=True)
class Outcome:
    """One rule in one group: OPEN (it fires in some situation of the group), VACUOUS (its
    condition never holds in the group), DEAD (never holds at all), or covered: `by` holds
    the positions in the group of a minimal set of covering rules."""
    state: str = ""
    by: tuple[int, ...] = ()
    witness: witnesses.GroupWitness | None = None


@dataclass(frozen=True)
class Project:
    """What the queries read besides the rules."""
    knowledge: "Knowledge"
    intents: tuple[ast.IntentDecl, ...]
    names: tuple[EntityName, ...]


def analyse_group(group: Group, project: Project) -> tuple[Outcome, ...]:
    members = group.members
    atoms: set[Atom] = set()
    for prop in (*group.restriction, *(r.prop for r in members)):
        atoms_of(prop, atoms)
    with Solver() as solver:
        solver.add_facts(facts(atoms, project.names))
        restriction = [solver.literal(p) for p in group.restriction]
        holds = [solver.guarded(r.prop) for r in members]
        fails = [solver.guarded(negate(r.prop)) for r in members]
        replayer = witnesses.Replayer(group, project)
        outcomes = []
        met = _Earlier()
        first_of: dict = {}   # proposition -> the first member with it
        for k, rule in enumerate(members):
            same = first_of.setdefault(rule.prop, k)
            if same != k:
                # An identical condition tried earlier holds whenever this one does: no search over
                # every earlier rule (10,000 copies of one condition would cost a quadratic one).
                met.add(k, rule)
                prior = outcomes[same]
                if prior.state in (DEAD, VACUOUS):
                    outcomes.append(prior)
                else:
                    found = witnesses.find(solver, [*restriction, holds[k]], group, k, project, replayer)
                    outcomes.append(Outcome("covered", (same,), found))
                continue
            earlier = [fails[j] for j in met.meeting(rule)]
            met.add(k, rule)
            if solver.solve([*restriction, holds[k], *earlier]):
                outcomes.append(Outcome(OPEN))
            elif not solver.solve([holds[k]]):
                outcomes.append(Outcome(DEAD))
            elif not solver.solve([*restriction, holds[k]]):
                outcomes.append(Outcome(VACUOUS))
            else:
                # Rules that pin no intent are in every group: covered by those alone here, the rule is
                # likely covered by the same ones in its other groups (an ALWAYS rule rather than one
                # rule per intent), so the covering set named stays small.
                shared = [fails[j] for j in range(k) if members[j].intents is None and members[j].may_meet(rule)]
                if len(shared) < len(earlier) and not solver.solve([*restriction, holds[k], *shared]):
                    earlier = shared
                core = solver.minimal_core(earlier, fixed=[*restriction, holds[k]])
                by = tuple(j for j in range(k) if fails[j] in set(core))
                found = witnesses.find(solver, [*restriction, holds[k]], group, k, project, replayer)
                outcomes.append(Outcome("covered", by, found))
        return tuple(outcomes)


class _Earlier:
    """The rules of a group seen so far, indexed by the stages they pin: which of them can
    hold together with a rule is a few look-ups, not a pass over the whole group. (All the
    rules of a group allow its intent, so only stages can keep two apart.)"""

    def __init__(self) -> None:
        self.unpinned: list[int] = []
        self.by_stage: dict[str, list[int]] = {}
        self.count = 0

    def add(self, k: int, rule: OrderedRule) -> None:
        self.count = k + 1
        if rule.stages is None:
            self.unpinned.append(k)
        else:
            for stage in rule.stages:
                self.by_stage.setdefault(stage, []).append(k)

    def meeting(self, rule: OrderedRule) -> list[int]:
        if rule.stages is None:
            return list(range(self.count))
        found = set(self.unpinned)
        for stage in rule.stages:
            found.update(self.by_stage.get(stage, ()))
        return sorted(found)


def clashing_parts(condition: ast.Expr, names: tuple[EntityName, ...]) -> tuple[ast.Expr, ...]:
    """A minimal set of the top-level conjuncts of a never-true condition that cannot hold together."""
    parts = _conjuncts(condition)
    props = [proposition(p) for p in parts]
    atoms: set[Atom] = set()
    for prop in props:
        atoms_of(prop, atoms)
    with Solver() as solver:
        solver.add_facts(facts(atoms, names))
        selectors = [solver.guarded(p) for p in props]
        if solver.solve(selectors):
            return tuple(parts)
        core = set(solver.minimal_core(selectors))
        return tuple(part for part, s in zip(parts, selectors) if s in core)


def _conjuncts(expr: ast.Expr) -> list[ast.Expr]:
    if isinstance(expr, ast.And):
        return [part for op in expr.operands for part in _conjuncts(op)]
    return [expr]


# ---------------------------------------------------------------- the analyzer

def _knowledge_key(knowledge: "Knowledge") -> tuple:
    """What the facts and the witnesses read of the knowledge: its names, aliases and scenarios."""
    return tuple((c.name, tuple(c.subtypes),
                  tuple((b.name, tuple(b.aliases), tuple(b.series), tuple(b.scenarios),
                         tuple((d.name, tuple(d.aliases), tuple(d.scenarios)) for d in b.series_details.values()))
                        for b in c.brands.values()))
                 for c in knowledge.categories.values())


def _intents_key(intents: Sequence[ast.IntentDecl]) -> tuple:
    return tuple((d.name.text, tuple((k.text.value, k.stages and k.stages.value) for k in d.keyword_lines),
                  tuple(e.value for e in d.examples))
                 for d in intents)


def declared_intents(programs: Sequence[ast.Program]) -> tuple[ast.IntentDecl, ...]:
    """The first declaration of each intent name, in declaration order (as the engine keeps them)."""
    found: dict[str, ast.IntentDecl] = {}
    for program in programs:
        for decl in program.intents:
            found.setdefault(decl.name.text, decl)
    return tuple(found.values())


class _Key(tuple):
    """A group's key, hashed once (it holds every condition of the group)."""

    def __new__(cls, items):
        key = super().__new__(cls, items)
        key._hash = tuple.__hash__(key)
        return key

    def __hash__(self) -> int:
        return self._hash


class Analyzer:
    """W300/W340 findings of a project, remembering group results between runs.

    The studio keeps one for the life of a project window; `analyze()` below
    shares one per process (the CLI checks once; a test suite runs many small
    projects). Results for a group are reused while its content and the
    knowledge and intents are unchanged; entries not used by the last two runs
    are dropped, so memory stays proportional to the project. It holds no
    text: the checks word the findings each time, in the language of the
    moment, so a switch of language never needs the results made again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._results: dict[tuple, tuple[Outcome, ...]] = {}
        self._clashes: dict[tuple, tuple[int, ...]] = {}
        self._used_before: set[tuple] = set()
        self._shared: tuple[tuple, int] = ((), 0)
        self._readings: dict[int, tuple[ast.Rule, Reading]] = {}   # by id(rule); the rule kept so the id stays its own
        self.groups_analysed = 0   # groups solved rather than reused, since creation

    def run(self, programs: Sequence[ast.Program], knowledge: "Knowledge") -> Findings:
        with self._lock:
            return self._run(programs, knowledge)

    def _read(self, rule: ast.Rule) -> Reading:
        """A rule's condition read once for as long as the same syntax tree is checked
        (an editor re-parses only the file that changed)."""
        known = self._readings.get(id(rule))
        if known is not None and known[0] is rule:
            return known[1]
        reading = read_condition(rule)
        self._readings[id(rule)] = (rule, reading)
        return reading

    def _run(self, programs: Sequence[ast.Program], knowledge: "Knowledge") -> Findings:
        rules = ordered_rules(programs, self._read)
        if len(self._readings) > 2 * len(rules) + 1000:
            current = {id(r.rule) for r in rules}
            self._readings = {k: v for k, v in self._readings.items() if k in current}
        intents = declared_intents(programs)
        project = Project(knowledge, intents, literal_names(knowledge))
        shared = self._shared_token(knowledge, intents)
        per_rule: dict[int, list[tuple[Group, Outcome]]] = {}
        used: set[tuple] = set()
        for group in groups_of(rules):
            key = _Key((shared, group.key))
            used.add(key)
            outcomes = self._results.get(key)
            if outcomes is None:
                outcomes = self._results[key] = analyse_group(group, project)
                self.groups_analysed += 1
            for rule, outcome in zip(group.members, outcomes):
                per_rule.setdefault(rule.position, []).append((group, outcome))
        for stale in set(self._results) - used - self._used_before:
            del self._results[stale]
        self._used_before = used
        return self._findings(rules, per_rule, project)

    def _shared_token(self, knowledge: "Knowledge", intents: Sequence[ast.IntentDecl]) -> int:
        """A small number standing for what every group's result also depends on."""
        content = (_knowledge_key(knowledge), _intents_key(intents))
        if content != self._shared[0]:
            self._shared = (content, self._shared[1] + 1)
        return self._shared[1]

    def _findings(self, rules: list[OrderedRule], per_rule: dict[int, list[tuple[Group, Outcome]]],
                  project: Project) -> Findings:
        findings = Findings()
        for rule in rules:
            results = per_rule.get(rule.position, [])
            states = {outcome.state for _, outcome in results}
            if DEAD in states:
                findings.dead.append(Dead(rule, self._clashing(rule, project.names)))
            elif results and OPEN not in states and states != {VACUOUS}:
                by = {group.members[j].position: group.members[j]
                      for group, outcome in results for j in outcome.by}
                witness = next((w.bind(group.members) for group, outcome in results
                                if (w := outcome.witness) is not None), None)
                findings.covered.append(Covered(rule, tuple(by[p] for p in sorted(by)), witness))
        return findings

    def _clashing(self, rule: OrderedRule, names: tuple[EntityName, ...]) -> tuple[ast.Expr, ...]:
        parts = _conjuncts(rule.rule.condition)
        key = (self._shared[1], *map(proposition, parts))   # the knowledge's names are facts too
        indexes = self._clashes.get(key)
        if indexes is None:
            clash = clashing_parts(rule.rule.condition, names)
            indexes = self._clashes[key] = tuple(i for i, p in enumerate(parts) if any(p is c for c in clash))
            if len(self._clashes) > 10_000:
                self._clashes.clear()
        return tuple(parts[i] for i in indexes)


_SHARED = Analyzer()


def analyze(programs: Sequence[ast.Program], knowledge: "Knowledge", analyzer: Analyzer | None = None) -> Findings:
    """W300/W340 findings; with no `analyzer`, the process-wide one (results reused across calls)."""
    return (analyzer or _SHARED).run(programs, knowledge)


__all__ = ["Analyzer", "Covered", "Dead", "Findings", "OrderedRule", "analyze", "ordered_rules"]
