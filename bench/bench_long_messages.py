"""Long customer messages: budget extraction, mention search, keyword detection and a whole offline turn.

    python bench/bench_long_messages.py [--runs 5] [--kb 100] [--only NAME]

Messages of `--kb` thousand characters: "五千" repeated (every position
starts a Chinese number), "手机" repeated `--kb` thousand times (every other
position is a category mention), and a realistic sentence full of budgets, brands and scenarios,
repeated. Each figure is the median of `--runs` runs, in milliseconds, on the
sample project (rules/ and knowledge/ of this repository). Exit status 1 when
a whole turn takes a second of CPU or more.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studio.engine.assistant import Assistant  # noqa: E402
from studio.engine.extract import extract_budget  # noqa: E402
from studio.engine.intents import KeywordIntentDetector  # noqa: E402
from studio.engine.rulebase import RuleBase  # noqa: E402
from studio.knowledge.mentions import SLOTS  # noqa: E402
from studio.project import Project  # noqa: E402

GOAL_SECONDS = 1.0
SENTENCE = "我想买个手机，预算五千左右，华为或者苹果都行，4000以内也可以，主要拍照和打游戏，iPhone 16 Pro 怎么样？"


def messages(kb: int) -> dict[str, str]:
    size = kb * 1000
    return {
        "五千 x": "五千" * (size // 2),
        "手机 x": "手机" * size,   # '手机' * 100000 at the default size
        "mixed": (SENTENCE * (size // len(SENTENCE) + 1))[:size],
    }


def median_ms(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """(wall, CPU) medians in milliseconds; on a busy machine only CPU time is meaningful."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kb", type=int, default=100)
    parser.add_argument("--only", help="run only the message of this name")
    args = parser.parse_args(argv)

    analysis = Project.open(str(ROOT)).analyze()
    rulebase = RuleBase.build(analysis.programs)
    knowledge = analysis.knowledge
    assistant = Assistant(rulebase, knowledge)
    detector = KeywordIntentDetector(rulebase.intents)
    knowledge.mention_index()   # built once per knowledge version, not per message

    print(f"{'message':8} {'chars':>7} {'budget':>10} {'mentions':>10} {'keywords':>10} {'turn':>10} {'turn wall':>10}"
          f"   (ms of CPU but the last, median of {args.runs})")
    slowest = 0.0
    for name, message in messages(args.kb).items():
        if args.only and args.only != name:
            continue
        _, budget = median_ms(lambda: extract_budget(message), args.runs)
        _, mentions = median_ms(lambda: [knowledge.find_mention(message, slot) for slot in SLOTS], args.runs)
        _, keywords = median_ms(lambda: detector.detect(message), args.runs)
        turn_wall, turn = median_ms(lambda: assistant.turn(assistant.new_context(), message), args.runs)
        slowest = max(slowest, turn)
        print(f"{name:8} {len(message):7} {budget:10.1f} {mentions:10.1f} {keywords:10.1f} {turn:10.1f} {turn_wall:10.1f}",
              flush=True)
    return 1 if slowest >= GOAL_SECONDS * 1000 else 0


if __name__ == "__main__":
    sys.exit(main())
