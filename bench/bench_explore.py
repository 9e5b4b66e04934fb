"""Benchmark of `rule-studio explore`: the sample project at depth 8, a generated 500-rule project at depth 6.

    python bench/bench_explore.py [--runs 5] [--rules 500] [--brands 50] [--depth 6] [--series-objects]

Each project is loaded once (not timed), then explored `--runs` times
in-process, each time from scratch (a new rule base, a new vocabulary); the
figures are medians, wall and CPU (a busy machine inflates the former). Goals:
the sample within 5 s, the generated project within 60 s. With `--series-objects`
every series of the generated knowledge is an object with a Chinese alias and
a scenario of its own (`generate_project.with_series_objects`).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_project import generate, with_series_objects  # noqa: E402

from studio.cli.explore_cmd import load  # noqa: E402
from studio.explore.search import explore_programs  # noqa: E402
from studio.project import SAMPLE_PROJECT  # noqa: E402

SAMPLE_GOAL_S = 5.0
GENERATED_GOAL_S = 60.0


def measure(label: str, project: Path, depth: int, runs: int, goal: float, series_objects: bool = False) -> bool:
    analysis = load(str(project))
    if series_objects:
        with_series_objects(analysis.knowledge)
    walls, cpus, found = [], [], None
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        found = explore_programs(analysis.programs, analysis.knowledge, depth)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    reached = sum(c is not None for c in found.rules.values())
    print(f"{label}: depth {depth}, {reached}/{len(found.rules)} rules reached, {found.states} states, "
          f"{found.turns} turns, {found.messages} candidate messages, complete={found.complete}")
    print(f"  median of {runs}: {wall:.2f} s wall, {cpu:.2f} s CPU (goal <= {goal:.0f} s); "
          f"{cpu / max(found.turns, 1) * 1e6:.0f} µs CPU per turn")
    return wall <= goal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rules", type=int, default=500)
    parser.add_argument("--brands", type=int, default=50)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--series-objects", action="store_true")
    args = parser.parse_args()
    ok = measure("sample project", SAMPLE_PROJECT, 8, args.runs, SAMPLE_GOAL_S)
    with tempfile.TemporaryDirectory(prefix="bench-explore-") as tmp:
        generate(Path(tmp), args.rules, args.brands)
        objects = ", series objects" if args.series_objects else ""
        ok &= measure(f"generated {args.rules} rules / {args.brands} brands{objects}", Path(tmp), args.depth,
                      args.runs, GENERATED_GOAL_S, args.series_objects)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
