"""Launch → window shown: how long `rule-studio PROJECT` takes to put its window up.

Each run starts a fresh Python process (nothing cached in memory), runs
`studio.ui.app.run_studio` on the project and waits for the line the app prints
once the window is shown and its first event-loop turn (the first paint) is
through; then the window closes itself. Reported: the median and the spread of
the wall time from process start to that line, and of the part spent inside
`run_studio` (the rest is the interpreter starting and importing the CLI).
Settings and the recovery area go to a temporary folder, never the user's.

    python bench/bench_window.py [PROJECT] [--runs 7] [--platform offscreen]

Goal (issue #5): ≤ 1.5 s from launch to shown.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 1.5

CHILD = """
import sys
from studio.cli.main import main
sys.exit(main([sys.argv[1]]))
"""


def launch_once(project: Path, platform: str, home: Path) -> tuple[float, float]:
    """(wall seconds from spawn to shown, seconds inside run_studio)."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform, RULE_STUDIO_REPORT_LAUNCH="1",
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(project)], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    inside = None
    wall = None
    for line in child.stdout:
        if line.startswith("shown "):
            wall = time.perf_counter() - start
            inside = float(line.split()[1])
            break
    child.wait(timeout=60)
    if wall is None:
        raise RuntimeError(f"the studio did not report being shown:\n{child.stderr.read()}")
    return wall, inside


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", nargs="?", default=str(ROOT))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM of the child (offscreen, xcb)")
    args = parser.parse_args(argv)
    walls, insides = [], []
    with tempfile.TemporaryDirectory(prefix="rule-studio-bench-") as home:
        launch_once(Path(args.project), args.platform, Path(home))   # warm the OS file cache
        for _ in range(args.runs):
            wall, inside = launch_once(Path(args.project), args.platform, Path(home))
            walls.append(wall)
            insides.append(inside)
    median = statistics.median(walls)
    print(f"project: {args.project}  platform: {args.platform}  runs: {args.runs}")
    print(f"launch → shown (wall, process start to first paint): median {median * 1000:.0f} ms "
          f"(min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f})")
    print(f"  of which inside run_studio: median {statistics.median(insides) * 1000:.0f} ms")
    print(f"goal ≤ {GOAL_SECONDS * 1000:.0f} ms: {'met' if median <= GOAL_SECONDS else 'NOT met'}")
    return 0 if median <= GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
