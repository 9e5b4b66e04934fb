"""What a turn suggests for a new rule: "the customer said X, nothing handled it, I want a rule for it".

Plain Python (no Qt); the chat tester's "Create a rule for this message"
(studio/ui/chat/create_rule.py) turns these hints into the rule form's prefill.

A turn *wants a rule* when no rule fired, or when the rule that fired is a
fallback: its condition always holds (`WHEN ALWAYS`, as the checker's W330
understands it), or it is the last rule tried (the lowest priority).
"""
from __future__ import annotations

from dataclasses import dataclass

from studio.checks.rules import always_true
from studio.knowledge.mentions import SLOTS



@dataclass(frozen=True)
class NewRuleHints:
    message: str
    intent: str | None        # the intent detected in the turn
    stage: str | None         # the dialogue stage the conversation was in before the turn
    mentions: tuple[str, ...]   # words of the message that name knowledge or are intent keywords, in message order
    fallback_rule: str | None   # the fallback that answered (None: no rule matched)
    file: str | None = None     # where the fallback is written: the new rule goes above it
    line: int | None = None


def is_fallback(rulebase, rule_name: str | None) -> bool:
    """No rule fired, or the one that fired always holds or is tried last."""
    if rule_name is None:
        return True
    entry = _entry(rulebase, rule_name)
    if entry is None:
        return False
    return always_true(entry.rule.condition) or entry is rulebase.rules[-1]


def hints_for_turn(result, rulebase, knowledge) -> NewRuleHints:
    """The hints of a `TurnResult` (its trace holds the context rules were matched in)."""
    matching = result.trace.matching
    stage = matching.context.get("current_stage") or None
    entry = _entry(rulebase, result.rule)
    return NewRuleHints(
        message=result.input or "",
        intent=result.intent,
        stage=stage,
        mentions=message_words(result.input or "", rulebase.intents, knowledge),
        fallback_rule=result.rule,
        file=entry.file if entry else None,
        line=entry.line if entry else None,
    )


def _entry(rulebase, rule_name: str | None):
    """The rule base's entry of the rule called `rule_name` (None: no such rule, or no name)."""
    return next((e for e in rulebase.rules if e.name == rule_name), None) if rule_name else None


def message_words(message: str, intents, knowledge) -> tuple[str, ...]:
    """The parts of `message` that name a knowledge entity (category, brand, series, scenario, subtype)
    or are a declared intent's keyword, as they are written in the message, in message order, once each."""
    found: list[tuple[int, int, str]] = []
    if knowledge is not None:
        for slot in SLOTS:
            found += [(m.start, -(m.end - m.start), m.matched_text) for m in knowledge.find_mentions(message, slot)]
    folded = message.casefold()
    for decl in intents:
        for keyword in decl.all_keywords():
            at = folded.find(keyword.casefold())
            if at >= 0:
                found.append((at, -len(keyword), message[at:at + len(keyword)]))
    words: list[str] = []
    covered: list[tuple[int, int]] = []
    for start, negative_length, text in sorted(found):
        end = start - negative_length
        if any(s <= start and end <= e for s, e in covered):
            continue   # inside a longer word already taken ("iPhone 16" inside "iPhone 16 Pro")
        covered.append((start, end))
        if text.strip() and text not in words:
            words.append(text)
    return tuple(words)


__all__ = ["NewRuleHints", "hints_for_turn", "is_fallback", "message_words"]
