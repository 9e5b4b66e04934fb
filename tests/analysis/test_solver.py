"""The solver wrapper: encoding, assumptions, cores, cardinality."""
import itertools

from studio.analysis.atoms import FALSE, TRUE, AtMostOne, Implies, Not, all_of, any_of, contains, intent
from studio.analysis.solver import Solver

A, B, C = intent("a"), intent("b"), intent("c")


def truth_table(prop, atoms):
    """Every assignment of `atoms` the solver accepts with `prop` required."""
    accepted = set()
    for values in itertools.product((False, True), repeat=len(atoms)):
        with Solver() as solver:
            lit = solver.literal(prop)
            fixed = [solver.atom(a) if v else -solver.atom(a) for a, v in zip(atoms, values)]
            if solver.solve([lit, *fixed]):
                accepted.add(values)
    return accepted


def test_and_or_not_mean_what_they_say():
    x, y = contains("x"), contains("y")
    assert truth_table(all_of([x, Not(y)]), [x, y]) == {(True, False)}
    assert truth_table(any_of([x, Not(y)]), [x, y]) == {(False, False), (True, False), (True, True)}


def test_true_always_holds_and_false_never():
    with Solver() as solver:
        assert solver.solve([solver.literal(TRUE)])
        assert not solver.solve([solver.literal(FALSE)])


def test_a_sub_proposition_is_encoded_once():
    with Solver() as solver:
        first = solver.literal(all_of([A, Not(B)]))
        assert solver.literal(all_of([A, Not(B)])) == first


def test_at_most_one_allows_none_or_one_of_many():
    atoms = [intent(f"i{n}") for n in range(8)]   # past the pairwise limit: the ladder encoding
    with Solver() as solver:
        solver.add_fact(AtMostOne(tuple(atoms)))
        lits = [solver.atom(a) for a in atoms]
        assert solver.solve([-lit for lit in lits])
        assert solver.solve([lits[3], *(-lit for lit in lits if lit != lits[3])])
        for i, j in itertools.combinations(range(8), 2):
            assert not solver.solve([lits[i], lits[j]])


def test_implications_with_several_premises_and_negative_conclusions():
    with Solver() as solver:
        solver.add_fact(Implies((A, B), C))
        solver.add_fact(Implies((), contains("x"), False))
        assert not solver.solve([solver.atom(A), solver.atom(B), -solver.atom(C)])
        assert solver.solve([solver.atom(A), -solver.atom(B), -solver.atom(C)])
        assert not solver.solve([solver.atom(contains("x"))])


def test_a_guarded_proposition_holds_only_when_its_selector_is_assumed():
    with Solver() as solver:
        selector = solver.guarded(A)
        assert solver.solve([selector, solver.atom(A)])
        assert not solver.solve([selector, -solver.atom(A)])
        assert solver.solve([-solver.atom(A)])


def test_minimal_core_keeps_only_needed_assumptions_and_prefers_the_first():
    with Solver() as solver:
        solver.add_fact(AtMostOne((A, B, C)))
        needs_a, needs_b, needs_c, also_a = (solver.guarded(p) for p in (A, B, C, A))
        core = solver.minimal_core([needs_a, needs_b, needs_c, also_a])
        assert len(core) == 2 and needs_a in core and also_a not in core


def test_at_least_counts_true_literals():
    with Solver() as solver:
        lits = [solver.atom(intent(f"i{n}")) for n in range(4)]
        two = solver.at_least(lits, 2)
        assert not solver.solve([two, lits[0], -lits[1], -lits[2], -lits[3]])
        assert solver.solve([two, lits[0], lits[2], -lits[1], -lits[3]])
        assert not solver.solve([solver.at_least(lits, 5)])
        assert solver.solve([solver.at_least(lits, 0), *(-lit for lit in lits)])


def test_model_gives_every_atom_a_value_and_prefers_false():
    with Solver() as solver:
        solver.require(any_of([A, B]))
        solver.atom(contains("x"))
        solver.prefer_false()
        assert solver.solve()
        model = solver.model()
        assert model[contains("x")] is False and model[A] != model[B]
