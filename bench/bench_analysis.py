"""Benchmark of the behaviour analysis (W300 / W340 / W350) on a 5,000-rule project.

    python bench/bench_analysis.py [--rules 5000] [--brands 200] [--runs 5] [--series-objects] [--compare-solvers]

The project is written by `bench/generate_project.py` into a temporary
folder and parsed once (reported, not counted). Then, each run:

- cold: a fresh `Analyzer` analyses every group of rules;
- unchanged: the same analyzer again, nothing edited (the work a re-check
  pays whatever happens: reading conditions, grouping, cache look-ups);
- warm: one rule's condition is edited (its USER_MENTION_ANY gets another
  word; the file is parsed again, not counted) and the analyzer re-checks:
  only that rule's groups are analysed again.

With `--series-objects` every series of the knowledge is an object with a
Chinese alias and a scenario of its own (`generate_project.with_series_objects`).

Figures are medians over the runs, wall and CPU time (on a busy machine only
the CPU figure means much). Goals: cold ≤ 2 s, warm ≤ 150 ms.

`--compare-solvers` records the clauses and queries the analysis sends to its
solver on this project and on the sample project, then replays exactly that
workload into python-sat (Minisat 2.2, Glucose 4, CaDiCaL 1.5.3), pycosat
and z3 (whichever are installed), which is how the library was chosen
(docs/analysis.md, "The solver").
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_project import generate, with_series_objects  # noqa: E402

from studio.analysis import coverage, solver as solver_module  # noqa: E402
from studio.analysis.coverage import Analyzer  # noqa: E402
from studio.analysis.keywords import offline_findings  # noqa: E402
from studio.dsl.parser import parse  # noqa: E402
from studio.knowledge import load_knowledge  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
COLD_GOAL_MS, WARM_GOAL_MS = 2000, 150


def _timed(work):
    gc.disable()   # as `check` does: collections would rescan the whole syntax tree
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        return result, time.perf_counter() - wall, time.process_time() - cpu
    finally:
        gc.enable()


def _load(root: Path):
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((root / "rules").glob("*.dsl"))}
    knowledge, _, _ = load_knowledge(sorted((root / "knowledge").glob("*.json")), root=root)
    return texts, knowledge


def _edited(texts: dict[str, str], run: int) -> tuple[dict[str, str], str]:
    """The texts with one USER_MENTION_ANY of a middle rule file given another word."""
    name = sorted(texts)[len(texts) // 2]
    marker = 'USER_MENTION_ANY "'
    text = texts[name]
    at = text.index(marker, len(text) // 2) + len(marker)
    return {**texts, name: text[:at] + f"新词{run}|" + text[at:]}, name


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def bench(rules: int, brands: int, runs: int, series_objects: bool = False) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-analysis-") as tmp:
        root = Path(tmp)
        generate(root, rules, brands)
        texts, knowledge = _load(root)
    if series_objects:
        with_series_objects(knowledge)
    (programs, parse_wall, _) = _timed(lambda: [parse(t, n).program for n, t in texts.items()])
    print(f"project: {sum(len(p.rules) for p in programs)} rules, parsed in {_ms(parse_wall)} (not counted)")

    cold, unchanged, warm, offline = [], [], [], []
    for run in range(runs):
        analyzer = Analyzer()
        findings, wall, cpu = _timed(lambda: analyzer.run(programs, knowledge))
        cold.append((wall, cpu))
        _, wall, cpu = _timed(lambda: analyzer.run(programs, knowledge))
        unchanged.append((wall, cpu))
        edited_texts, name = _edited(texts, run)
        edited = [parse(edited_texts[n], n).program if n == name else p for n, p in zip(texts, programs)]
        before = analyzer.groups_analysed
        _, wall, cpu = _timed(lambda: analyzer.run(edited, knowledge))
        warm.append((wall, cpu))
        again = analyzer.groups_analysed - before
        intents = coverage.declared_intents(programs)
        _, wall, cpu = _timed(lambda: offline_findings(intents))
        offline.append((wall, cpu))
    print(f"findings: {len(findings.covered)} W300 ({sum(1 for c in findings.covered if c.witness)} with a "
          f"witness), {len(findings.dead)} W340; groups: {len(coverage.groups_of(coverage.ordered_rules(programs)))}, "
          f"{again} analysed again after the edit")

    def line(label: str, pairs, goal: float | None = None) -> bool:
        wall = statistics.median(w for w, _ in pairs)
        cpu = statistics.median(c for _, c in pairs)
        verdict = "" if goal is None else ("  (goal ≤ %d ms: %s)" % (goal, "met" if cpu * 1000 <= goal else "MISSED"))
        print(f"{label:<28} {_ms(wall):>8} wall  {_ms(cpu):>8} CPU{verdict}")
        return goal is None or cpu * 1000 <= goal

    ok = line("cold (W300/W340)", cold, COLD_GOAL_MS)
    line("re-check, nothing edited", unchanged)
    ok = line("warm, one rule edited", warm, WARM_GOAL_MS) and ok
    line("W350 (offline keywords)", offline)
    return 0 if ok else 1


# ---------------------------------------------------------------- solver comparison

class _Recorder:
    """Stands in for Minisat22 inside studio.analysis.solver, forwarding and logging every call."""
    log: list[list] = []

    def __init__(self):
        from pysat.solvers import Minisat22
        self._real = Minisat22()
        self._steps: list = []
        _Recorder.log.append(self._steps)

    def add_clause(self, clause):
        self._steps.append(("clause", list(clause)))
        self._real.add_clause(clause)

    def solve(self, assumptions=()):
        self._steps.append(("solve", list(assumptions)))
        return self._real.solve(assumptions=assumptions)

    def get_core(self):
        return self._real.get_core()

    def get_model(self):
        return self._real.get_model()

    def set_phases(self, literals):
        self._real.set_phases(literals)

    def delete(self):
        self._real.delete()


def _record(programs, knowledge) -> list[list]:
    _Recorder.log = []
    original = solver_module.Minisat22
    solver_module.Minisat22 = _Recorder
    try:
        Analyzer().run(programs, knowledge)
    finally:
        solver_module.Minisat22 = original
    return _Recorder.log


def _replay_pysat(name: str):
    from pysat.solvers import Solver

    def replay(log):
        for steps in log:
            with Solver(name=name) as s:
                for kind, data in steps:
                    if kind == "clause":
                        s.add_clause(data)
                    else:
                        s.solve(assumptions=data)
                        if s.get_status() is False:
                            s.get_core()
    return replay


def _replay_pycosat(log):
    import pycosat   # no incremental interface and no assumptions: the whole formula per query
    for steps in log:
        clauses = []
        for kind, data in steps:
            if kind == "clause":
                clauses.append(data)
            else:
                pycosat.solve(clauses + [[lit] for lit in data])


def _replay_z3(log):
    import z3
    for steps in log:
        s = z3.Solver()
        variables: dict[int, object] = {}

        def lit(n):
            v = variables.get(abs(n))
            if v is None:
                v = variables[abs(n)] = z3.Bool(f"v{abs(n)}")
            return v if n > 0 else z3.Not(v)

        for kind, data in steps:
            if kind == "clause":
                s.add(z3.Or([lit(n) for n in data]))
            elif s.check([lit(n) for n in data]) == z3.unsat:
                s.unsat_core()


def compare_solvers(rules: int, brands: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-analysis-") as tmp:
        root = Path(tmp)
        generate(root, rules, brands)
        projects = {"sample": _load(REPO), f"{rules} rules": _load(root)}
    for label, (texts, knowledge) in projects.items():
        programs = [parse(t, n).program for n, t in texts.items()]
        log = _record(programs, knowledge)
        queries = sum(1 for steps in log for kind, _ in steps if kind == "solve")
        clauses = sum(1 for steps in log for kind, _ in steps if kind == "clause")
        print(f"{label}: {len(log)} solver instances, {clauses} clauses, {queries} queries")
        candidates = [("python-sat Minisat 2.2", _replay_pysat("m22")), ("python-sat Glucose 4", _replay_pysat("g4")),
                      ("python-sat CaDiCaL 1.5.3", _replay_pysat("cd15")), ("pycosat (no assumptions)", _replay_pycosat),
                      ("z3", _replay_z3)]
        for name, replay in candidates:
            try:
                times = [_timed(lambda: replay(log))[2] for _ in range(3)]
            except ImportError:
                print(f"  {name:<28} not installed")
                continue
            print(f"  {name:<28} {_ms(statistics.median(times)):>8} CPU")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=5000)
    parser.add_argument("--brands", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--series-objects", action="store_true")
    parser.add_argument("--compare-solvers", action="store_true")
    args = parser.parse_args()
    if args.compare_solvers:
        compare_solvers(args.rules, args.brands)
        return 0
    return bench(args.rules, args.brands, args.runs, args.series_objects)


if __name__ == "__main__":
    sys.exit(main())
