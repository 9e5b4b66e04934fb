"""Benchmark of `rule-studio check` on pathological projects: long names, deep nesting, floods of errors.

    python bench/bench_hardening_checks.py [--runs 5] [--only NAME]

Each case is a small project (the sample knowledge, one rule file) with one
pathological ingredient, written to a temporary folder and checked `--runs`
times in process through `check_cmd.run`, as the command line does (output
to a buffer). The first run is reported apart: it builds the knowledge
indexes (did-you-mean over the knowledge names), which later runs reuse
while the knowledge is unchanged. The figure is the median of the later
runs, wall and CPU (on a busy machine only CPU means much). Before the limits of
docs/diagnostics.md ("Limits"), a 1,500-character intent name took 7 s and
1.8 GB, 330 parentheses or 1,000 NOTs raised RecursionError, and a 1 MB line
of bad characters made a million diagnostics. Exit status 1 when a CPU
median is over the goal.
"""
from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from studio.cli import check_cmd  # noqa: E402

GOAL_MS = 1000   # per check of one small project, however bad its input
FALLBACK = 'RULE fallback PRIORITY -100 WHEN ALWAYS THEN RESPOND "抱歉"\n'
SAMPLE_KNOWLEDGE = (REPO / "knowledge" / "products.json").read_text(encoding="utf-8")


def distinct_word(length: int, seed: int = 0) -> str:
    """Letters in an order that does not repeat soon (deletion variants do not collapse)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(letters[(i * 7 + seed + i // 26) % 26] for i in range(length))


def long_intent(length: int) -> tuple[str, str, str]:
    rules = f'INTENT ask KEYWORDS "买"\nRULE r WHEN INTENT_IS {distinct_word(length)} THEN RESPOND "hi"\n' + FALLBACK
    return rules, SAMPLE_KNOWLEDGE, "products.json"


def long_series(length: int) -> tuple[str, str, str]:
    data = json.loads(SAMPLE_KNOWLEDGE)
    data["categories"]["手机"]["brands"]["苹果"]["series"].append(distinct_word(length))
    rules = ('RULE r WHEN CONTEXT_EQ current_brand "苹果" THEN ADD_TO_CHAIN series "iPhone 61"\n'
             f'RULE s WHEN ALWAYS THEN ADD_TO_CHAIN series "{distinct_word(length)[1:]}"\n' + FALLBACK)
    return rules, json.dumps(data, ensure_ascii=False, indent=2), "products.json"


def nested(opener: str, count: int) -> tuple[str, str, str]:
    closer = ")" if opener == "(" else ""
    return ("RULE deep WHEN " + opener * count + "ALWAYS" + closer * count + ' THEN RESPOND "x"\n' + FALLBACK,
            SAMPLE_KNOWLEDGE, "products.json")


def deepest_accepted() -> tuple[str, str, str]:
    condition = "(INTENT_IS a OR ALWAYS AND " * 100 + "ALWAYS" + ")" * 100
    return (f'INTENT a KEYWORDS "甲"\nRULE deepest WHEN {condition} THEN RESPOND "x"\n' + FALLBACK,
            SAMPLE_KNOWLEDGE, "products.json")


def garbage_line(size: int) -> tuple[str, str, str]:
    return "@" * size + "\n" + FALLBACK, SAMPLE_KNOWLEDGE, "products.json"


def huge_number(digits: int) -> tuple[str, str, str]:
    return f'RULE r PRIORITY {"1" * digits} WHEN ALWAYS THEN RESPOND "x"\n' + FALLBACK, SAMPLE_KNOWLEDGE, "products.json"


def deep_json(levels: int) -> tuple[str, str, str]:
    return FALLBACK, '{"categories": {}, "deep": ' + "[" * levels + "]" * levels + "}\n", "products.json"


def deep_yaml(levels: int) -> tuple[str, str, str]:
    return FALLBACK, "categories: {}\ndeep: " + "[" * levels + "]" * levels + "\n", "products.yaml"


CASES: dict[str, Callable[[], tuple[str, str, str]]] = {
    "intent name, 1,500 characters": lambda: long_intent(1_500),
    "intent name, 5,000 characters": lambda: long_intent(5_000),
    "series name in the knowledge, 1,500 characters": lambda: long_series(1_500),
    "series name in the knowledge, 5,000 characters": lambda: long_series(5_000),
    "330 parentheses": lambda: nested("(", 330),
    "1,000 NOTs": lambda: nested("NOT ", 1_000),
    "20,000 parentheses": lambda: nested("(", 20_000),
    "the deepest condition accepted (100 levels)": deepest_accepted,
    "1 MB line of bad characters": lambda: garbage_line(1_000_000),
    "a 5,000-digit priority": lambda: huge_number(5_000),
    "JSON knowledge 990 levels deep": lambda: deep_json(990),
    "YAML knowledge 3,000 flow levels deep": lambda: deep_yaml(3_000),
}


def time_case(rules: str, knowledge: str, knowledge_name: str, runs: int) -> tuple[list[float], list[float], str]:
    with tempfile.TemporaryDirectory(prefix="bench-hardening-") as tmp:
        root = Path(tmp)
        (root / "rules").mkdir()
        (root / "knowledge").mkdir()
        (root / "rules" / "x.dsl").write_text(rules, encoding="utf-8")
        (root / "knowledge" / knowledge_name).write_text(knowledge, encoding="utf-8")
        walls, cpus, last = [], [], ""
        for _ in range(runs):
            out = io.StringIO()
            started, cpu_started = time.perf_counter(), time.process_time()
            check_cmd.run(str(root), "text", False, out, io.StringIO())
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu_started)
            last = out.getvalue().strip().splitlines()[-1]
    return walls, cpus, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--only", help="run the cases whose name contains this text")
    args = parser.parse_args()
    time_case(*long_intent(10), runs=1)   # imports and first-use tables, outside the figures
    over = []
    for name, build in CASES.items():
        if args.only and args.only not in name:
            continue
        walls, cpus, summary = time_case(*build(), runs=args.runs)
        wall, cpu = statistics.median(walls[1:] or walls), statistics.median(cpus[1:] or cpus)
        print(f"{name:46} first {cpus[0] * 1000:5.0f} ms CPU; median {wall * 1000:5.0f} ms wall, "
              f"{cpu * 1000:5.0f} ms CPU  ({summary})", flush=True)
        if max(cpu, cpus[0]) * 1000 > GOAL_MS:
            over.append(name)
    if over:
        print(f"over the goal of {GOAL_MS} ms: " + "; ".join(over))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
