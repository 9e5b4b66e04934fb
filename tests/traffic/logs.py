"""Small customer logs written in the three formats, and the counts the engine gives them turn by turn."""
from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from studio.dsl import ast
from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.project import SAMPLE_PROJECT, Project

# (conversation, message) in file order: conversations interleaved, as a chronological export has them
INTERLEAVED = [
    ("a", "你好"), ("b", "快递几天能到"), ("a", "我想买个手机"), ("c", "我想买笔记本电脑"),
    ("b", "我想买个手机"), ("a", "苹果的"), ("c", "联想的"), ("b", "华为的"), ("a", "有哪些系列"),
    ("b", "快递几天能到啊"), ("a", "iPhone 16 Pro"), ("c", "能开发票吗"), ("a", "好的"), ("a", "去结算"),
    ("b", "谢谢"), ("c", "退货怎么退"),
]


def write_jsonl(path: Path, pairs, keys=("conversation", "text"), extra=None) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for conversation, text in pairs:
            record = {keys[0]: conversation, keys[1]: text, **(extra or {})}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_csv(path: Path, pairs, header=("conversation", "text")) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(pairs)
    return path


def write_xlsx(path: Path, rows, header=("conversation", "text")) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def engine_counts(pairs, project=SAMPLE_PROJECT) -> dict:
    """The figures of the replay, computed the plain way: every conversation through its own context."""
    analysis = Project.open(project).analyze()
    rulebase = RuleBase.build(analysis.programs)
    assistant = Assistant(rulebase, analysis.knowledge)
    always = {e.name for e in rulebase.rules if isinstance(e.rule.condition, ast.Always)}
    contexts: dict[str, object] = {}
    counts = {"turns": 0, "conversations": 0, "no_intent": 0, "fallback": 0, "empty_reply": 0}
    by_intent, by_rule, unhandled = Counter(), Counter(), Counter()
    for conversation, text in pairs:
        if conversation not in contexts:
            contexts[conversation] = assistant.new_context()
            if rulebase.uses_opening:   # the assistant speaks first, as in `chat`
                opened = assistant.opening(contexts[conversation])
                if opened.rule:
                    by_rule[opened.rule] += 1
            counts["conversations"] += 1
        result = assistant.turn(contexts[conversation], text)
        counts["turns"] += 1
        by_intent[result.intent or ""] += 1
        if result.rule:
            by_rule[result.rule] += 1
        fallback = result.rule is None or result.rule in always
        counts["fallback"] += fallback
        counts["no_intent"] += result.intent is None
        counts["empty_reply"] += not result.reply
        if fallback or result.intent is None:
            unhandled[text] += 1
    rules = list(dict.fromkeys(e.name for e in sorted(rulebase.rules, key=lambda e: e.order)))
    return {**counts, "by_intent": dict(by_intent), "by_rule": dict(by_rule),
            "never_fired": [r for r in rules if r not in by_rule], "unhandled": dict(unhandled)}
