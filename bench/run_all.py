"""Run every benchmark in turn: `python bench/run_all.py` (each prints its medians; exit 1 if any misses its goal)."""
import subprocess
import sys
from pathlib import Path

BENCHES = ("bench_engine.py", "bench_check.py", "bench_analysis.py", "bench_highlight.py", "bench_window.py",
           "bench_explore.py", "bench_chat_stall.py", "bench_llm_deadline.py", "bench_diff.py",
           "bench_replay.py", "bench_hardening_checks.py", "bench_conversation_loader.py",
           "bench_long_messages.py", "bench_search.py", "bench_authoring.py", "bench_knowledge_size.py")   # the last takes minutes: files up to 16 MB


def main() -> int:
    here = Path(__file__).resolve().parent
    failed = []
    for name in BENCHES:
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, str(here / name)]).returncode != 0:
            failed.append(name)
    if failed:
        print("over goal: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
