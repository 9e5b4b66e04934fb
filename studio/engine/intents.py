"""The offline intent detector of SPEC §3.3 step 2.

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
    hits: tuple[str, ...]   # the winner's keywords found in the message

    def reason(self) -> str:
        if self.intent is None:
            return "no keyword of any intent in the message"
        return f"{self.intent}: {len(self.hits)} keyword hit(s) ({', '.join(self.hits)})"


class KeywordIntentDetector:
    def __init__(self, intents: Sequence[IntentDecl]):
        self._keywords: list[tuple[str, tuple[tuple[str, str], ...]]] = [
            (decl.name.text,
             tuple((alt, alt.casefold()) for alt, _, _ in decl.keywords.alternatives()) if decl.keywords else ())
            for decl in intents
        ]

    def detect(self, message: str) -> KeywordMatch:
        folded = message.casefold()
        best = KeywordMatch(None, ())
        for name, keywords in self._keywords:
            hits = tuple(alt for alt, key in keywords if key in folded)
            if len(hits) > len(best.hits):   # strictly more: ties keep the earlier intent
                best = KeywordMatch(name, hits)
        return best
