"""Benchmark of the conversation-test loader: nested aliases are refused at once, big valid files load.

    python bench/bench_conversation_loader.py [--turns 1000] [--runs 7]

- bomb: the 9-level "billion laughs" file of tests/conversations/test_loader.py
  (~600 bytes; 9**9 items if expanded) — refused after one pass over the parser's events;
- valid: a test of `--turns` turns, each with a few expectations (start, context, chain),
  loaded in full (composed, checked against the format, turned into plain values).

Figures are medians over the runs, wall and CPU time.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studio.conversations.loader import parse_test  # noqa: E402
from studio.conversations.model import ConversationTest, LoadError  # noqa: E402


def bomb(levels: int = 9, fan_out: int = 9) -> str:
    names = "abcdefghijklmnop"[:levels]
    lines = ["turns:", "  - user: hi", "    expect:", "      context:",
             f"        a: &a [{', '.join(['x'] * fan_out)}]"]
    for previous, name in zip(names, names[1:]):
        lines.append(f"        {name}: &{name} [{', '.join([f'*{previous}'] * fan_out)}]")
    return "\n".join(lines) + "\n"


def valid(turns: int) -> str:
    lines = ["name: big", "start: {stage: brand_select, context: {current_category: 手机, budget_range: [0, 5000]}}",
             "turns:"]
    for n in range(turns):
        lines += [f"  - user: 我想买个手机 {n}",
                  "    expect:",
                  "      rule: choose_category",
                  "      reply_contains: [苹果, 华为]",
                  "      product_chain: [[category, 手机], [brand, 苹果]]",
                  f"      context: {{query_count: {n}, budget_range: [0, 5000]}}"]
    return "\n".join(lines) + "\n"


def measure(text: str, runs: int, expected: type) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = parse_test(text, "conversations/bench.yaml")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        assert isinstance(result, expected), result
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bomb_text, valid_text = bomb(), valid(args.turns)
    wall, cpu = measure(bomb_text, args.runs, LoadError)
    print(f"bomb ({len(bomb_text.encode())} bytes): refused in {wall:.1f} ms wall / {cpu:.1f} ms CPU (median)")
    wall, cpu = measure(valid_text, args.runs, ConversationTest)
    print(f"valid ({args.turns} turns, {len(valid_text.encode()) // 1024} KB): "
          f"loaded in {wall:.0f} ms wall / {cpu:.0f} ms CPU (median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
