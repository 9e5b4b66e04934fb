"""The replay's counts as the object `rule-studio replay --json` prints (docs/traffic.md)."""
from __future__ import annotations

from typing import Any

from studio.traffic.groups import DEFAULT_EXAMPLES, DEFAULT_GROUPS, group_messages
from studio.traffic.replay import ReplayCounts


def report_json(counts: ReplayCounts, groups: int = DEFAULT_GROUPS, examples: int = DEFAULT_EXAMPLES) -> dict[str, Any]:
    return {
        "turns": counts.turns,
        "conversations": counts.conversations,
        "no_intent": counts.no_intent,
        "fallback": counts.fallback,
        "empty_reply": counts.empty_reply,
        "by_intent": dict(sorted(counts.by_intent.items(), key=lambda item: (-item[1], item[0]))),
        "by_rule": dict(sorted(counts.by_rule.items(), key=lambda item: (-item[1], item[0]))),
        "never_fired": counts.never_fired,
        "unhandled": [group.to_json() for group in group_messages(counts.unhandled, groups, examples)],
        "errors": [error.to_json() for error in counts.errors],
    }
