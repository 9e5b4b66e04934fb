"""Deciding propositions: the one module that talks to the SAT library (python-sat).

A `Solver` numbers atoms and sub-propositions as SAT variables (Tseitin
encoding: each sub-proposition gets a variable equivalent to it, so a rule's
condition is encoded once and shared by every query), turns facts into
clauses, and answers queries under *assumptions*: literals that hold for one
call only. That is what makes the analysis incremental within a group: a rule
is added once as "selector → condition does not hold", and each later query
switches the rules it wants on by assuming their selectors. When a query has
no solution, `core()` names the assumptions that were needed — the covering
rules, or the clashing parts of a condition.

Why python-sat (Minisat 2.2 behind it) and not pycosat or z3: see
docs/analysis.md ("The solver").
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from pysat.card import CardEnc, EncType
from pysat.solvers import Minisat22

from studio.analysis.atoms import TRUE, All, AtMostOne, Atom, Fact, Implies, Not, Prop

_PAIRWISE_UP_TO = 5   # beyond that, at-most-one costs a ladder of helper variables instead of n² clauses


class Solver:
    """An incremental SAT solver over atoms; one per group of rules (see coverage.py)."""

    def __init__(self) -> None:
        self._sat = Minisat22()
        self._top = 0
        self._atoms: dict[Atom, int] = {}
        self._props: dict[Prop, int] = {}
        self._true = self._new_var()
        self._sat.add_clause([self._true])
        self.calls = 0   # solve() calls, for tests that bound the work done

    def close(self) -> None:
        self._sat.delete()

    def __enter__(self) -> "Solver":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ building

    def _new_var(self) -> int:
        self._top += 1
        return self._top

    def atom(self, atom: Atom) -> int:
        var = self._atoms.get(atom)
        if var is None:
            var = self._atoms[atom] = self._new_var()
        return var

    def literal(self, prop: Prop) -> int:
        """A literal equivalent to `prop` (encoded on first use)."""
        if isinstance(prop, Atom):
            return self.atom(prop)
        if isinstance(prop, Not):
            return -self.literal(prop.operand)
        found = self._props.get(prop)
        if found is not None:
            return found
        if not prop.operands:
            return self._true if prop == TRUE else -self._true
        parts = [self.literal(op) for op in prop.operands]
        var = self._props[prop] = self._new_var()
        add = self._sat.add_clause
        if isinstance(prop, All):
            for part in parts:
                add([-var, part])
            add([var, *(-part for part in parts)])
        else:
            for part in parts:
                add([var, -part])
            add([-var, *parts])
        return var

    def add_fact(self, fact: Fact) -> None:
        if isinstance(fact, Implies):
            conclusion = self.atom(fact.conclusion)
            self._sat.add_clause([*(-self.atom(a) for a in fact.premises), conclusion if fact.holds else -conclusion])
        elif isinstance(fact, AtMostOne):
            self._at_most_one([self.atom(a) for a in fact.atoms])

    def add_facts(self, facts: Iterable[Fact]) -> None:
        for fact in facts:
            self.add_fact(fact)

    def _at_most_one(self, lits: list[int]) -> None:
        add = self._sat.add_clause
        if len(lits) <= _PAIRWISE_UP_TO:
            for i, a in enumerate(lits):
                for b in lits[i + 1:]:
                    add([-a, -b])
            return
        # Sinz's sequential counter: ladder[i] is "one of lits[0..i] is true".
        ladder = [self._new_var() for _ in lits[:-1]]
        add([-lits[0], ladder[0]])
        for i in range(1, len(lits) - 1):
            add([-lits[i], ladder[i]])
            add([-ladder[i - 1], ladder[i]])
            add([-lits[i], -ladder[i - 1]])
        add([-lits[-1], -ladder[-1]])

    def require(self, prop: Prop) -> None:
        self._sat.add_clause([self.literal(prop)])

    def guarded(self, prop: Prop) -> int:
        """A fresh selector `s` with `s → prop`: assuming `s` asserts `prop` for one query."""
        selector = self._new_var()
        self._sat.add_clause([-selector, self.literal(prop)])
        return selector

    def at_least(self, lits: Sequence[int], bound: int) -> int:
        """A fresh selector `s` with `s → at least `bound` of lits are true`."""
        selector = self._new_var()
        if bound <= 0:
            return selector
        if bound > len(lits):
            self._sat.add_clause([-selector])
            return selector
        encoded = CardEnc.atleast(list(lits), bound=bound, top_id=self._top, encoding=EncType.seqcounter)
        self._top = max(self._top, encoded.nv)
        for clause in encoded.clauses:
            self._sat.add_clause([-selector, *clause])
        return selector

    # ------------------------------------------------------------ asking

    def solve(self, assumptions: Sequence[int] = ()) -> bool:
        self.calls += 1
        return bool(self._sat.solve(assumptions=list(assumptions)))

    def core(self) -> list[int]:
        """After an unsatisfiable `solve`: the assumptions it needed (a subset, not always minimal)."""
        return list(self._sat.get_core() or ())

    def model(self) -> dict[Atom, bool]:
        """After a satisfiable `solve`: every atom's value."""
        values = set(lit for lit in self._sat.get_model() or () if lit > 0)
        return {atom: var in values for atom, var in self._atoms.items()}

    def prefer_false(self) -> None:
        """Later models set atoms true only where needed (plainer witnesses)."""
        self._sat.set_phases([-var for var in self._atoms.values()])

    def minimal_core(self, assumptions: Sequence[int], fixed: Sequence[int] = (), keep_first: bool = True) -> list[int]:
        """A subset of `assumptions` that, with `fixed`, is still unsatisfiable and from
        which no element can be dropped (deletion-based; the later ones are dropped first
        when `keep_first`, so the subset favours the earliest).

        Call only when `fixed + assumptions` is unsatisfiable.
        """
        if self.solve([*fixed, *assumptions]):
            raise ValueError("the assumptions are satisfiable")
        wanted = set(assumptions)
        core = [a for a in assumptions if a in set(self.core())] or list(assumptions)
        order = list(reversed(core)) if keep_first else list(core)
        kept = list(core)
        for candidate in order:
            if candidate not in kept:
                continue
            trial = [a for a in kept if a != candidate]
            if not self.solve([*fixed, *trial]):
                found = set(self.core()) & wanted
                kept = [a for a in trial if a in found] if found else trial
        return kept
