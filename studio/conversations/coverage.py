"""Rule coverage of a test run: which rules fired, how often, which never did."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuleSite:
    name: str
    file: str
    line: int


@dataclass
class Coverage:
    rules: list[RuleSite]
    fired: Counter = field(default_factory=Counter)

    @staticmethod
    def of(rulebase) -> "Coverage":
        return Coverage([RuleSite(e.name, e.file, e.line) for e in rulebase.rules])

    def record(self, rule_name: str | None) -> None:
        if rule_name:
            self.fired[rule_name] += 1

    @property
    def never_fired(self) -> list[RuleSite]:
        return [r for r in self.rules if not self.fired[r.name]]

    @property
    def percent(self) -> float:
        return 100.0 * (len(self.rules) - len(self.never_fired)) / len(self.rules) if self.rules else 100.0

    def to_json(self) -> dict:
        return {
            "rules": len(self.rules),
            "fired": {r.name: self.fired[r.name] for r in self.rules},
            "never_fired": [{"rule": r.name, "file": r.file, "line": r.line} for r in self.never_fired],
            "percent": round(self.percent, 1),
        }
