"""The guided form and the decision table on big rule files: `python bench/bench_authoring.py [--runs 5]`.

Times, on generated projects of 1,250, 2,500 and 5,000 rules (bench/generate_project.py):
- the decision table's rows of the whole project (`table_rows`), built after every check;
- the form model of every rule and its text (`from_rule` + `render`), as the form does for one rule;
- one priority edit near the end of the largest rule file (`priority_edit`), what a table cell does.
Each figure is the median of several runs; doubling the rules should double the first two (linear)
and leave the edit about flat (it touches one rule's text). The goals: the table's rows for 5,000
rules within 100 ms, so that they can follow every check; an edit within 10 ms.
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

from studio.authoring import from_rule, render  # noqa: E402
from studio.decision_table import priority_edit, table_rows  # noqa: E402
from studio.dsl.parser import parse  # noqa: E402

SIZES = (1250, 2500, 5000)


def median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(rules: int, runs: int) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, rules, 200)
        path = max((root / "rules").glob("*.dsl"), key=lambda p: p.stat().st_size)   # the edit's file
        rel = f"rules/{path.name}"
        text = path.read_text(encoding="utf-8")
        programs = [parse(p.read_text(encoding="utf-8"), f"rules/{p.name}").program
                    for p in sorted((root / "rules").glob("*.dsl"))]
        program = next(p for p in programs if p.file == rel)
        last = [r for r in program.rules if r.complete][-1]
        table = median_ms(lambda: table_rows(programs), runs)
        forms = median_ms(lambda: [render(from_rule(r)) for p in programs for r in p.rules if r.complete], runs)
        edit = median_ms(lambda: priority_edit(text, last, 7).apply(text), runs)
    return table, forms, edit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'rules':>6}  {'table rows':>11}  {'form+render all':>15}  {'one cell edit':>13}   (median ms of {args.runs})")
    for rules in SIZES:
        table, forms, edit = measure(rules, args.runs)
        print(f"{rules:>6}  {table:>11.1f}  {forms:>15.1f}  {edit:>13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
