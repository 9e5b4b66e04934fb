"""The offline intent detector: step 2 of a turn without an LLM (docs/engine.md).

Each declared intent scores the number of its `KEYWORDS` alternatives that
occur in the message (case-insensitive substrings, each alternative counted
once); the highest score wins, ties go to the intent declared first, and no
hit at all means no intent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from studio.dsl.ast import IntentDecl


@dataclass(frozen=True)
class KeywordMatch:
    intent: str | None
    hits: tuple[str, ...]   # the winner's keywords found, in message order

    def reason(self) -> str:
        if self.intent is None:
            return "no keyword of any intent in the message"
        return f"{self.intent}: {len(self.hits)} keyword hit(s) ({', '.join(self.hits)})"


class KeywordIntentDetector:
    """Keywords are indexed by their first character, so a message is scanned once
    whatever the number of intents."""

    def __init__(self, intents: Sequence[IntentDecl]):
        self._names = [decl.name.text for decl in intents]
        self._by_first: dict[str, list[tuple[str, int, str]]] = {}
        for index, decl in enumerate(intents):
            for alt, _, _ in decl.keywords.alternatives() if decl.keywords else ():
                key = alt.casefold()
                self._by_first.setdefault(key[0], []).append((key, index, alt))

    def detect(self, message: str) -> KeywordMatch:
        folded = message.casefold()
        hits: dict[int, dict[str, None]] = {}   # intent index → its keywords found, in order, once each
        for position, char in enumerate(folded):
            for key, index, alt in self._by_first.get(char, ()):
                if folded.startswith(key, position):
                    hits.setdefault(index, {})[alt] = None
        if not hits:
            return KeywordMatch(None, ())
        best = min(hits, key=lambda index: (-len(hits[index]), index))   # ties: declared first
        return KeywordMatch(self._names[best], tuple(hits[best]))
