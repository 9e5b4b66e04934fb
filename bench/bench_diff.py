"""Benchmark of `rule-studio diff`: the sample project in a git repository, against HEAD.

    python bench/bench_diff.py [--runs 5]

The sample project is copied into a new git repository and committed. Then,
each `--runs` times, the whole command is run in-process (read HEAD with
dulwich, parse both versions, explore both, replay the tests and the explored
conversations on both): first with the project unchanged, then with one
keyword removed from an intent (so both versions are explored, side by side).
The figures are medians: wall time, and CPU time of this process and of the
process that explores the old version (a busy machine inflates the wall time).
Goal: each within 5 s.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dulwich import porcelain  # noqa: E402

from studio.project import SAMPLE_PROJECT  # noqa: E402
from studio.versions.compare import diff_project  # noqa: E402

GOAL_S = 5.0
KEYWORDS_BEFORE = 'KEYWORDS "好的|是的|可以'
KEYWORDS_AFTER = 'KEYWORDS "是的|可以'


def repository_with_sample(root: Path) -> Path:
    porcelain.init(str(root)).close()
    for folder in ("rules", "knowledge", "conversations"):
        shutil.copytree(SAMPLE_PROJECT / folder, root / folder)
    porcelain.add(str(root), paths=[str(p) for p in root.rglob("*") if p.is_file() and ".git" not in p.parts])
    author = b"Bench <bench@example.com>"
    porcelain.commit(str(root), message=b"sample", author=author, committer=author)
    return root


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(label: str, project: Path, runs: int) -> bool:
    walls, cpus, child_cpus, result = [], [], [], None
    for _ in range(runs):
        started, cpu_started, child_started = time.perf_counter(), time.process_time(), children_cpu()
        result = diff_project(str(project), "HEAD").result
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
        child_cpus.append(children_cpu() - child_started)
    wall = statistics.median(walls)
    print(f"{label}: {len(result.files)} file(s) differ, {len(result.changed)} conversation(s) changed, "
          f"{result.unchanged} unchanged")
    print(f"  median of {runs}: {wall:.2f} s wall, {statistics.median(cpus):.2f} s CPU here + "
          f"{statistics.median(child_cpus):.2f} s CPU in the second process (goal <= {GOAL_S:.0f} s wall)")
    return wall <= GOAL_S


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as tmp:
        project = repository_with_sample(Path(tmp))
        ok = measure("sample against HEAD, unchanged", project, args.runs)
        dsl = project / "rules" / "ecommerce.dsl"
        dsl.write_text(dsl.read_text(encoding="utf-8").replace(KEYWORDS_BEFORE, KEYWORDS_AFTER, 1), encoding="utf-8")
        ok &= measure("sample against HEAD, one keyword removed", project, args.runs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
