"""Find in Files on a large project: `python bench/bench_search.py [--rules 5000] [--brands 1000] [--runs 7]`.

Writes a project with `generate_project.generate`, then times `studio.search.search_project`
for a rare word (every file read and scanned, few hits), a common one (stops at the
2,000-hit limit) and a regular expression. The search runs on the UI thread when the
user presses Enter, so the goal is that of a click: ≤ 200 ms median for the rare word.
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

from studio.project import Project  # noqa: E402
from studio.search import search_project  # noqa: E402

GOAL_SECONDS = 0.2
QUERIES = (("rare word", "fallback", False), ("common word (stops at the limit)", "RULE", False),
           ("regular expression", r"SUGGEST_\w+ES\b", True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=5000)
    parser.add_argument("--brands", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, args.rules, args.brands)
        project = Project.open(root)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        print(f"project: {args.rules} rules, {args.brands} brands, {size / 1e6:.1f} MB")
        medians = {}
        for label, query, regex in QUERIES:
            times, result = [], None
            for _ in range(args.runs):
                started = time.perf_counter()
                result = search_project(project, query, regex=regex)
                times.append(time.perf_counter() - started)
            medians[label] = statistics.median(times)
            print(f"{label:34} {medians[label] * 1000:7.1f} ms median  ({len(result.hits)} hits"
                  f"{', stopped at the limit' if result.truncated else ''})")
    return 0 if medians["rare word"] <= GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
