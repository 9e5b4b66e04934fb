"""The offline intent detector: step 2 of a turn without an LLM (docs/engine.md).

Each declared intent scores the number of its `KEYWORDS` alternatives that
occur in the message (case-insensitive substrings, each alternative counted
once); the highest score wins, ties go to the intent declared first, and no
hit at all means no intent.

Keywords of a `KEYWORDS … IN_STAGE "a|b"` line count only while the stage is
one of those, and they rank first: when some intent has such an in-stage
hit, the intent with the most in-stage hits wins (ties to the one declared
first) and plain hits decide nothing; otherwise plain hits decide as above.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from studio.dsl.ast import IntentDecl
from studio.i18n import _


@dataclass(frozen=True)
class KeywordMatch:
    intent: str | None
    hits: tuple[str, ...]   # the winner's keywords found, in message order
    stage: str | None = None   # set when in-stage keywords decided

    def reason(self) -> str:
        if self.intent is None:
            return _("no keyword of any intent in the message")
        hits = ", ".join(self.hits)
        # TRANSLATORS: {intent} is an intent name, {n} a count, {hits} the keywords found, {stage} a stage name.
        if self.stage is not None:
            return _("{intent}: {n} keyword hit(s) in stage {stage} ({hits})").format(
                intent=self.intent, n=len(self.hits), stage=self.stage, hits=hits)
        return _("{intent}: {n} keyword hit(s) ({hits})").format(intent=self.intent, n=len(self.hits), hits=hits)


# (folded keyword, intent index, keyword as written, the stages it counts in or None for every stage)
_Entry = tuple[str, int, str, "frozenset[str] | None"]


class KeywordIntentDetector:
    """Keywords are indexed by their first character, so a message is scanned once
    whatever the number of intents."""

    def __init__(self, intents: Sequence[IntentDecl]):
        self._names = [decl.name.text for decl in intents]
        self._by_first: dict[str, list[_Entry]] = {}
        self.staged = False   # some keyword counts only in some stages
        for index, decl in enumerate(intents):
            for line in decl.keyword_lines:
                stages = line.stage_names()
                self.staged |= stages is not None
                for alternative in line.text.alternatives():
                    alt = alternative[0]
                    key = alt.casefold()
                    self._by_first.setdefault(key[0], []).append((key, index, alt, stages))

    def any_hit(self, message: str) -> bool:
        """Whether some keyword, in any stage, occurs in `message`."""
        folded = message.casefold()
        return any(folded.startswith(entry[0], position)
                   for position, char in enumerate(folded) for entry in self._by_first.get(char, ()))

    def detect(self, message: str, stage: str | None = None) -> KeywordMatch:
        """The intent of `message` while `current_stage` is `stage` (None: no stage set)."""
        folded = message.casefold()
        plain: dict[int, dict[str, None]] = {}    # intent index → its keywords found, in order, once each
        staged: dict[int, dict[str, None]] = {}
        for position, char in enumerate(folded):
            for key, index, alt, stages in self._by_first.get(char, ()):
                if folded.startswith(key, position):
                    if stages is None:
                        plain.setdefault(index, {})[alt] = None
                    elif stage in stages:
                        staged.setdefault(index, {})[alt] = None
        hits = staged or plain
        if not hits:
            return KeywordMatch(None, ())
        best = min(hits, key=lambda index: (-len(hits[index]), index))   # ties: declared first
        return KeywordMatch(self._names[best], tuple(hits[best]), stage if staged else None)
