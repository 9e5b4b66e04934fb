"""Benchmark of `rule-studio replay` on the sample project: throughput and peak memory.

    python bench/bench_replay.py [--turns 100000] [--small 20000] [--runs 3] [--workers 1 2]

Writes a JSON Lines log of `--turns` customer turns (conversations of 3-8
turns drawn from the sample project's vocabulary, a fifth of the messages
questions the rules do not handle, 30 conversations interleaved at a time).
Each measurement is one real `rule-studio replay --json` process; the figures
are medians of `--runs`:

- turns per second at each `--workers`, and the same messages through one
  `rule-studio chat --json` process (a single conversation read from stdin),
  the baseline a script over the chat command would get;
- peak resident memory of the largest process (the replay, or one of its
  workers) on a `--small` and on a `--turns` log: flat when the log streams.

Exit status 1 when a peak is over the goal of 300 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_GOAL_MB = 300

OPENERS = ["你好", "在吗", "您好", "hello", "嗨"]
CATEGORIES = ["我想买个手机", "想买笔记本电脑", "我想看看电视", "推荐个耳机", "我想买个平板", "游戏机有哪些",
              "我想要个智能手表", "我想买台式机"]
BRANDS = ["苹果的", "华为的", "小米的", "联想的", "戴尔的", "索尼的", "OPPO的", "vivo的", "华硕的", "三星的"]
MIDDLE = ["有哪些品牌", "有哪些系列", "主要用来办公", "预算5000左右", "打游戏用", "拍照好吗", "太贵了", "便宜点",
          "性价比高的", "学生用", "好的", "继续", "就这个"]
ENDINGS = ["谢谢", "去结算", "就这些", "再考虑一下", "拜拜", "不用了"]
UNHANDLED = ["快递几天能到", "能开发票吗", "退货怎么退", "保修多久", "有实体店吗", "客服电话多少", "以旧换新怎么弄",
             "发什么快递", "可以送货上门吗", "退款多久到账"]


def conversation(rng: random.Random) -> list[str]:
    turns = [rng.choice(OPENERS)] if rng.random() < 0.6 else []
    turns += [rng.choice(CATEGORIES), rng.choice(BRANDS)]
    turns += rng.sample(MIDDLE, rng.randint(0, 3))
    turns += [rng.choice(UNHANDLED) for _ in range(rng.randint(0, 2))]
    turns.append(rng.choice(ENDINGS))
    return turns


def write_log(path: Path, turns: int, seed: int = 14) -> list[str]:
    """A log of about `turns` turns; the messages in file order (for the chat baseline)."""
    rng = random.Random(seed)
    written, number, messages = 0, 0, []
    open_conversations: list[tuple[str, list[str]]] = []
    with path.open("w", encoding="utf-8") as f:
        while written < turns or open_conversations:
            while written < turns and len(open_conversations) < 30:
                number += 1
                open_conversations.append((f"c{number}", conversation(rng)))
            position = rng.randrange(len(open_conversations))
            name, left = open_conversations[position]
            text = left.pop(0)
            f.write(json.dumps({"conversation": name, "role": "user", "text": text}, ensure_ascii=False) + "\n")
            messages.append(text)
            written += 1
            if not left:
                open_conversations.pop(position)
    return messages


def timed(command: list[str], stdin: Path | None = None) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds of all its processes, peak RSS in MB of the largest, stdout) of one run
    in a fresh child."""
    wrapper = ("import resource, subprocess, sys, time\n"
               "stdin = open(sys.argv[1], 'rb') if sys.argv[1] else None\n"
               "start = time.perf_counter()\n"
               "done = subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.PIPE)\n"
               "wall = time.perf_counter() - start\n"
               "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
               "sys.stderr.write(f'{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}\\n')\n"
               "sys.stdout.buffer.write(done.stdout)\n")
    done = subprocess.run([sys.executable, "-c", wrapper, str(stdin or ""), *command], capture_output=True,
                          cwd=ROOT, check=True)
    wall, cpu, peak_kb = done.stderr.decode().strip().splitlines()[-1].split()
    return float(wall), float(cpu), int(peak_kb) // 1024, done.stdout.decode("utf-8")


def customer_turns(chat_output: str) -> int:
    """The turns `chat --json` printed for customer messages (not its opening turn, whose input is null)."""
    return sum(json.loads(line)["input"] is not None for line in chat_output.splitlines())


def replay_command(log: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "studio.cli.main", "replay", str(log), "--json", "--workers", str(workers)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU(s), load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-replay-") as tmp:
        big, small, stdin = Path(tmp, "big.jsonl"), Path(tmp, "small.jsonl"), Path(tmp, "messages.txt")
        messages = write_log(big, args.turns)
        write_log(small, args.small)
        stdin.write_text("".join(m + "\n" for m in messages), encoding="utf-8")
        print(f"log: {len(messages):,} turns, {big.stat().st_size / 1e6:.1f} MB")

        rates = {}
        for label, command, stdin_file in [
                *((f"replay --workers {w}", replay_command(big, w), None) for w in args.workers),
                ("chat --json, one process", [sys.executable, "-m", "studio.cli.main", "chat", "--json"], stdin)]:
            runs = [timed(command, stdin_file) for _ in range(args.runs)]
            replayed = json.loads(runs[-1][3])["turns"] if stdin_file is None else customer_turns(runs[-1][3])
            assert replayed == len(messages), (label, replayed)
            wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
            rates[label] = len(messages) / wall
            print(f"{label}: median {wall:.1f} s wall ({rates[label]:,.0f} turns/s), {cpu:.1f} s CPU in all "
                  f"processes, peak {max(r[2] for r in runs)} MB in the largest")
        chat = rates.pop("chat --json, one process")
        for label, rate in rates.items():
            print(f"  {label} / chat, wall: {rate / chat:.2f}x")

        worst = 0
        for label, log in ((f"{args.small:,} turns", small), (f"{args.turns:,} turns", big)):
            for workers in args.workers:
                peaks = [timed(replay_command(log, workers))[2] for _ in range(args.runs)]
                worst = max(worst, *peaks)
                print(f"peak memory, {label}, --workers {workers}: median {statistics.median(peaks)} MB "
                      "in the largest process")
    print(f"largest peak {worst} MB (goal <= {MEMORY_GOAL_MB} MB)")
    return 0 if worst <= MEMORY_GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
