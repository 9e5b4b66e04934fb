"""How long a turn waits on a model that does not answer, with the turn deadline and the pause.

`Assistant.turn` over a rule base whose objection rule uses GENERATE (so a
turn asks the model three times: intent, sales stage, reply), through lazyllm
against the loopback server of tests/llm/fake_openai_server.py, with
`--timeout` seconds configured (default 1). Scenarios, each the median of
`--runs` turns (a fresh assistant per turn, so no pause carries over):

- hung: the server never answers;
- dripping: intent and stage answer at once, the reply drips a byte every 30 ms;
- paused: the turn after a failed one (the server is not asked).

    python bench/bench_llm_deadline.py [--runs 5] [--timeout 1]

Goal: a hung or dripping model costs a turn ≤ 1.5 × the timeout; a paused turn ≤ 50 ms.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RULES = '''
INTENT objection KEYWORDS "太贵"
RULE objection WHEN INTENT_IS objection THEN GENERATE "理解您的顾虑（离线）"
'''


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=1.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rule-studio-bench-") as home:
        os.environ.update(LAZYLLM_HOME=home, LAZYLLM_TRACE_ENABLED="0")
        sys.path.insert(0, str(ROOT))
        figures = measure(args.runs, args.timeout)
    hung, dripping, paused = (statistics.median(figures[name]) for name in ("hung", "dripping", "paused"))
    print(f"turn of 3 LLM calls, timeout {args.timeout:g} s, runs: {args.runs}")
    for name, value in (("hung model", hung), ("dripping reply", dripping), ("paused (after a failure)", paused)):
        print(f"  {name}: median {value * 1000:.0f} ms (max {max(figures[name.split()[0]]) * 1000:.0f})")
    met = max(hung, dripping) <= 1.5 * args.timeout and paused <= 0.05
    print(f"goal hung/dripping ≤ {1.5 * args.timeout * 1000:.0f} ms, paused ≤ 50 ms: {'met' if met else 'NOT met'}")
    return 0 if met else 1


def measure(runs: int, timeout_s: float) -> dict[str, list[float]]:
    from studio.engine.assistant import Assistant
    from studio.llm import LazyLLMPort, LLMSettings
    from tests.engine.engine_helpers import rulebase_of, small_knowledge
    from tests.llm.fake_openai_server import FakeOpenAIServer, drip, hang, reply

    figures: dict[str, list[float]] = {"hung": [], "dripping": [], "paused": []}
    with FakeOpenAIServer() as server:
        settings = LLMSettings(source="openai", model="fake-model", url=server.url, timeout_s=timeout_s)
        port = LazyLLMPort(settings)
        port.classify_intent("warm-up", [], _context())   # imports lazyllm: not counted
        server.respond_with(lambda body: hang())             # every request not scripted hangs
        for _ in range(runs):
            assistant = Assistant(rulebase_of(RULES), small_knowledge(), port)
            context = assistant.new_context()
            figures["hung"].append(_timed(lambda: assistant.turn(context, "太贵了")))
            figures["paused"].append(_timed(lambda: assistant.turn(context, "太贵了")))
            assistant = Assistant(rulebase_of(RULES), small_knowledge(), port)
            server.script(reply("objection"), reply("6"), drip("慢" * 2000, every_s=0.03, pieces=2000))
            figures["dripping"].append(_timed(lambda: assistant.turn(assistant.new_context(), "太贵了",
                                                                     on_chunk=lambda _: None)))
    return figures


def _context():
    from studio.engine.llm_port import IntentContext
    return IntentContext(stage="", product_chain="", recent=())


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
