"""How `rule-studio check` scales with the size of a knowledge file (JSON and YAML).

    python bench/bench_knowledge_size.py [--sizes 0.5,1,2,4,8] [--formats json,yaml] [--runs 3] [--no-limit]

For each format and size (MB), writes a project with the sample rules and one
knowledge file of about that size (brands shaped as `generate_project`
writes them), then runs `check` in a fresh process `--runs` times and prints
the median wall and CPU time and the largest peak memory (the child's max
RSS); on a busy machine only the CPU figure is meaningful.
With `--no-limit` the per-file size limit on knowledge files is lifted in the
child, to measure what the limit protects from; without it, files over the
limit show what a refusal costs.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
REPO = Path(__file__).resolve().parent.parent

from generate_project import _brand_names, _knowledge  # noqa: E402

CHILD = """
import sys
sys.path.insert(0, {repo!r})
import studio.files
if {no_limit!r}:
    studio.files.KNOWLEDGE_JSON_SIZE_LIMIT = studio.files.KNOWLEDGE_YAML_SIZE_LIMIT = studio.files.SizeLimit(1 << 40, "")
from studio.cli import check_cmd
import io
sys.exit(check_cmd.run({project!r}, "text", False, out=io.StringIO(), err=io.StringIO()))
"""


def knowledge_text(megabytes: float, fmt: str) -> str:
    """A knowledge text of about `megabytes` MB: as many generated brands as it takes."""
    def render(brands: int) -> str:
        data = _knowledge(_brand_names(brands), random.Random(7))
        if fmt == "json":
            return json.dumps(data, ensure_ascii=False, indent=2)
        from ruamel.yaml import YAML
        stream = io.StringIO()
        YAML(typ="safe", pure=False).dump(data, stream)
        return stream.getvalue()
    per_brand = len(render(2000).encode("utf-8")) / 2000
    return render(max(1, int(megabytes * 1024 * 1024 / per_brand)))


def run_check(project: Path, no_limit: bool) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit status) of one `check` in a fresh process."""
    code = CHILD.format(repo=str(REPO), no_limit=no_limit, project=str(project))
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode


def main() -> int:
    if sys.argv[1:2] == ["--write"]:
        path, size, fmt = sys.argv[2:5]
        Path(path).write_text(knowledge_text(float(size), fmt), encoding="utf-8")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,4,8")
    parser.add_argument("--formats", default="json,yaml")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-limit", action="store_true")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'format':6} {'size':>9} {'median wall':>12} {'median CPU':>11} {'peak RSS':>9}  exit")
    for fmt in args.formats.split(","):
        for size in sizes:
            with tempfile.TemporaryDirectory(prefix="bench-knowledge-") as tmp:
                project = Path(tmp)
                shutil.copytree(REPO / "rules", project / "rules")
                (project / "knowledge").mkdir()
                path = project / "knowledge" / f"products.{fmt}"
                # Written by another process: a child's peak memory counts the parent's at the fork.
                subprocess.run([sys.executable, __file__, "--write", str(path), str(size), fmt], check=True)
                actual = path.stat().st_size / 1024 / 1024
                results = [run_check(project, args.no_limit) for _ in range(args.runs)]
            wall, cpu = statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)
            peak = max(r[2] for r in results)
            print(f"{fmt:6} {actual:7.1f}MB {wall:11.2f}s {cpu:10.2f}s {peak:7.0f}MB  {results[0][3]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
