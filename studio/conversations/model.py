"""A conversation test as read from its file, with the line of every turn and expectation."""
from __future__ import annotations

from dataclasses import dataclass, field

# Every key a turn's `expect` may hold (docs/language.md, "Conversation tests"); `schema.EXPECT` types each.
EXPECT_KEYS = (
    "intent", "intent_source", "rule", "reply_contains", "reply_not_contains", "reply_equals",
    "stage", "sales_stage", "product_chain", "context",
)


@dataclass(frozen=True)
class TurnSpec:
    user: str | None   # None: the opening turn, before the first customer message
    expect: dict
    line: int
    expect_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ConversationTest:
    name: str
    file: str
    turns: tuple[TurnSpec, ...]
    llm: str = "off"
    start: dict = field(default_factory=dict)   # {"stage": ..., "context": {...}}: start mid-flow
    line: int = 1
    opening: TurnSpec | None = None   # `- opening: {expect: …}`, the first item of `turns:`


@dataclass(frozen=True)
class LoadError:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"
