"""Benchmark of the consistency checker: a 5,000-rule / 1,000-brand project.

    python bench/bench_check.py [--rules 5000] [--brands 1000] [--runs 7]

The project is written by `bench/generate_project.py` into a temporary
folder, parsed once (timed and reported separately), then checked `--runs`
times in-process; the figure is the median check time. The first run is
reported on its own: it builds the knowledge indexes that later runs reuse
while the knowledge is unchanged (the studio's save-and-check loop). CPU
time is printed beside wall time because a busy machine inflates the latter.
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

from generate_project import generate  # noqa: E402

from studio.checks import check  # noqa: E402
from studio.dsl.parser import parse  # noqa: E402
from studio.knowledge import load_knowledge  # noqa: E402

GOAL_MS = 300


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=5000)
    parser.add_argument("--brands", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        root = Path(tmp)
        generate(root, args.rules, args.brands)
        texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((root / "rules").glob("*.dsl"))}
        knowledge, problems, _ = load_knowledge(sorted((root / "knowledge").glob("*.json")), root=root)

    started = time.perf_counter()
    programs = [parse(text, name).program for name, text in texts.items()]
    parse_time = time.perf_counter() - started
    rule_count = sum(len(p.rules) for p in programs)
    brand_count = sum(len(c.brands) for c in knowledge.categories.values())

    timings, cpu_timings, diagnostics = [], [], []
    for _ in range(args.runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        diagnostics = check(programs, knowledge)
        timings.append(time.perf_counter() - started)
        cpu_timings.append(time.process_time() - cpu_started)

    median = statistics.median(timings[1:] or timings)
    cpu_median = statistics.median(cpu_timings[1:] or cpu_timings)
    by_code: dict[str, int] = {}
    for d in diagnostics:
        by_code[d.code] = by_code.get(d.code, 0) + 1
    print(f"project: {rule_count} rules in {len(programs)} files, {brand_count} brands "
          f"({len(problems)} knowledge problems)")
    print(f"parse (once, not in the figure): {_ms(parse_time)}")
    print(f"check, first run (builds the knowledge indexes): {_ms(timings[0])}")
    print(f"check, median of {len(timings) - 1 or 1} warm runs: {_ms(median)} wall, {_ms(cpu_median)} CPU "
          f"(goal <= {GOAL_MS} ms)")
    print(f"diagnostics: {len(diagnostics)} {dict(sorted(by_code.items()))}")
    return 0 if median * 1000 <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
