"""Export and import of a 100,000-series knowledge through CSV and Excel (rule-studio knowledge).

    python bench/bench_knowledge_table.py [--series 100000] [--runs 3]

Builds a knowledge of 1,000 brands of 100 series each (every series an object
with a price and a scenario), then times `export_knowledge` and
`import_knowledge` for `.csv` and `.xlsx` and prints the medians (wall and
CPU seconds). Import reads the rows as a stream; the check is that it gives
back the same knowledge.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studio.knowledge import Brand, Category, Knowledge, Series  # noqa: E402
from studio.knowledge.spreadsheet import export_knowledge, import_knowledge  # noqa: E402


def big_knowledge(series: int) -> Knowledge:
    per_brand = 100
    brands = {}
    for b in range(max(1, series // per_brand)):
        names = [f"系列 {b}-{s}" for s in range(per_brand)]
        details = {n: Series(n, price_range=(1000 + s * 10, 2000 + s * 10), scenarios=["办公"]) for s, n in
                   enumerate(names)}
        brands[f"品牌{b}"] = Brand(f"品牌{b}", [f"Brand{b}"], names, ["办公"], (1000, 3000), series_details=details)
    return Knowledge({"手机": Category("手机", "智能手机", "📱", [], brands)})


def timed(action) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    knowledge = big_knowledge(args.series)
    with tempfile.TemporaryDirectory() as folder:
        for suffix in ("csv", "xlsx"):
            path = Path(folder) / f"k.{suffix}"
            exports = [timed(lambda: export_knowledge(knowledge, path)) for _ in range(args.runs)]
            results = []
            imports = [timed(lambda: results.append(import_knowledge(path))) for _ in range(args.runs)]
            same = all(r.knowledge is not None and r.knowledge.categories == knowledge.categories for r in results)
            size = path.stat().st_size / 1e6
            print(f"{suffix}: {args.series} series, {size:.1f} MB; "
                  f"export median {statistics.median(w for w, _ in exports):.2f} s wall "
                  f"({statistics.median(c for _, c in exports):.2f} s CPU); "
                  f"import median {statistics.median(w for w, _ in imports):.2f} s wall "
                  f"({statistics.median(c for _, c in imports):.2f} s CPU); round trip equal: {same}")
            if not same:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
