"""Engine benchmark: parse time of a 5,000-rule project, offline turn latency at 5,000 and 50,000 rules.

    python bench/bench_engine.py [--runs 5] [--turns 1000]

Turns are realistic: each starts at a stage some rule tests and says an
intent keyword plus a word a rule looks for, so rules fire at all depths;
one in five says nothing any rule wants and falls through to the fallback.
Every figure is the median of `--runs` runs (each run: median over its turns).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_project import generate  # noqa: E402

from studio.dsl import ast  # noqa: E402
from studio.dsl.parser import parse  # noqa: E402
from studio.engine.assistant import Assistant  # noqa: E402
from studio.engine.rulebase import RuleBase  # noqa: E402
from studio.knowledge import load_knowledge  # noqa: E402

BRANDS = 200


def parse_project(root: Path) -> list[ast.Program]:
    return [parse(path.read_text(encoding="utf-8"), path.name).program
            for path in sorted((root / "rules").glob("*.dsl"))]


def make_turns(rulebase: RuleBase, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(stage, message) pairs aimed at random rules."""
    keywords = {d.name.text: [a for a, _, _ in d.keywords.alternatives()] for d in rulebase.intents}
    stages = sorted({s for e in rulebase.rules if e.stage_pin for s in e.stage_pin.values})
    turns = []
    for _ in range(count):
        entry = rng.choice(rulebase.rules)
        intent = rng.choice(sorted(entry.intent_pin.values)) if entry.intent_pin else rng.choice(list(keywords))
        stage = rng.choice(sorted(entry.stage_pin.values)) if entry.stage_pin else rng.choice(stages)
        words = [leaf.text.value.split("|")[-1] for leaf in ast.leaves(entry.rule.condition)
                 if isinstance(leaf, (ast.UserMentionAny, ast.UserMentionAll))]
        if rng.random() < 0.2:
            words = ["随便聊聊"]
        turns.append((stage, f"{rng.choice(keywords[intent])}，{'、'.join(words)}"))
    return turns


def turn_median_ms(assistant: Assistant, turns: list[tuple[str, str]]) -> float:
    times = []
    for stage, message in turns:
        context = assistant.new_context(stage)
        start = time.perf_counter()
        assistant.turn(context, message)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_rules(rules: int, runs: int, turns: int, report_parse: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, rules, BRANDS)
        parse_times = []
        for _ in range(runs if report_parse else 1):
            start = time.perf_counter()
            programs = parse_project(root)
            parse_times.append(time.perf_counter() - start)
        knowledge, _, _ = load_knowledge([root / "knowledge" / "products.json"])
    start = time.perf_counter()
    rulebase = RuleBase.build(programs)
    build_s = time.perf_counter() - start
    assistant = Assistant(rulebase, knowledge)
    medians = [turn_median_ms(assistant, make_turns(rulebase, turns, random.Random(run))) for run in range(runs)]
    median = statistics.median(medians)
    if report_parse:
        print(f"parse {rules} rules: {statistics.median(parse_times) * 1000:.0f} ms (median of {runs})")
    print(f"build rule base ({rules} rules): {build_s * 1000:.0f} ms")
    print(f"turn, offline, {rules} rules: {median:.3f} ms median (runs: {', '.join(f'{m:.3f}' for m in medians)})")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--turns", type=int, default=1000)
    args = parser.parse_args()
    small = bench_rules(5_000, args.runs, args.turns, report_parse=True)
    large = bench_rules(50_000, args.runs, args.turns, report_parse=False)
    print(f"ratio 50,000 / 5,000 rules: {large / small:.2f}x per turn (goal < 3x; goal at 5,000: <= 2 ms)")


if __name__ == "__main__":
    main()
