"""The customer messages the explorer tries: made from the project's own words.

A conversation can only reach a rule with messages that its conditions
recognise, so the candidates come from the rules and the knowledge:

- a message that says nothing the project knows (for rules that need no intent);
- each intent's examples and keywords;
- each `USER_MENTION_ANY` alternative, each `USER_MENTION_ALL` as a whole;
- the knowledge's categories, subtypes, brands and their aliases, series and their aliases,
  scenarios (a brand's and a series' own);
- budget phrases made from the brands' price ranges;
- per rule, the combinations it needs in one message: a keyword of its
  `INTENT_IS` intent (one with which that intent is still the one detected)
  with one alternative of its `USER_MENTION_ANY`, every
  alternative of a `USER_MENTION_ALL`, an entity for each `USER_MENTIONS`
  slot (taken together from one category, so a brand belongs to it; a series
  also by its alias), and a budget or a scenario when the rule tests that one
  is set.

Messages are single lines, kept in that order without repeats: the search
tries them in that order, so a conversation uses the plainest words that work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice, product
from typing import Iterable, Iterator

from studio.dsl import ast
from studio.engine.extract import extract_budget
from studio.engine.intents import KeywordIntentDetector
from studio.engine.rulebase import RuleBase
from studio.knowledge.model import Knowledge

# Tried in turn: the first that no keyword, mention or entity recognises is "the message that says nothing".
NEUTRAL_CANDIDATES = ("嗯", "嗯嗯", "hmm", "…", "?", "0")
MAX_COMBINATIONS_PER_RULE = 24
MAX_BUDGET_PHRASES = 8
MAX_KEYWORD_TRIES = 20
_UNSENDABLE = re.compile(r"[\r\n\x00\ud800-\udfff]")


@dataclass(frozen=True)
class _Needs:
    """What one way of satisfying a rule's condition asks of a single message."""
    intents: tuple[str, ...] = ()
    any_of: tuple[tuple[str, ...], ...] = ()    # one alternative of each
    all_of: tuple[str, ...] = ()               # every one of these
    slots: tuple[str, ...] = ()
    budget: bool = False
    scenario: bool = False

    def __add__(self, other: "_Needs") -> "_Needs":
        return _Needs(self.intents + other.intents, self.any_of + other.any_of, self.all_of + other.all_of,
                      self.slots + other.slots, self.budget or other.budget, self.scenario or other.scenario)


def candidate_messages(rulebase: RuleBase, knowledge: Knowledge) -> list[str]:
    """Every candidate message, plainest first, each once."""
    keywords = {decl.name.text: decl.all_keywords() for decl in rulebase.intents}   # in-stage ones too
    budgets = budget_phrases(knowledge)
    detector = KeywordIntentDetector(rulebase.intents)
    groups: list[Iterable[str]] = [
        neutral_messages(rulebase, knowledge),
        (example.value for decl in rulebase.intents for example in decl.examples),
        (word for words in keywords.values() for word in words),
        mention_alternatives(rulebase),
        knowledge_names(knowledge),
        budgets,
    ]
    for entry in rulebase.rules:
        groups.append(rule_combinations(entry.rule.condition, keywords, knowledge, budgets, detector))
    return _sendable_once(text for group in groups for text in group)


def neutral_messages(rulebase: RuleBase, knowledge: Knowledge) -> list[str]:
    """One message that no keyword, mention alternative or knowledge entity recognises (if any is found)."""
    detector = KeywordIntentDetector(rulebase.intents)
    alternatives = [alt.casefold() for alt in mention_alternatives(rulebase)]
    for text in NEUTRAL_CANDIDATES:
        folded = text.casefold()
        if detector.any_hit(text) or any(alt in folded for alt in alternatives):
            continue
        if extract_budget(text) is None and not any(knowledge.find_mention(text, slot)
                                                    for slot in ast.MENTION_SLOTS):
            return [text]
    return []


def mention_alternatives(rulebase: RuleBase) -> Iterator[str]:
    for entry in rulebase.rules:
        for leaf in ast.leaves(entry.rule.condition):
            if isinstance(leaf, ast.UserMentionAny):
                yield from (alt for alt, _, _ in leaf.text.alternatives())
            elif isinstance(leaf, ast.UserMentionAll):
                yield "".join(alt for alt, _, _ in leaf.text.alternatives())


def knowledge_names(knowledge: Knowledge) -> Iterator[str]:
    for category in knowledge.categories.values():
        yield category.name
        yield from category.subtypes
    for _, brand in knowledge.brands():
        yield brand.name
        yield from brand.aliases
    yield from knowledge.series_names()
    yield from _series_aliases(knowledge)
    yield from knowledge.scenario_words()   # a brand's and a series' own


def _series_aliases(knowledge: Knowledge) -> Iterator[str]:
    """The aliases of every series written as an object: the engine reads each as its series."""
    for _, brand in knowledge.brands():
        for name in brand.series:
            if detail := brand.series_details.get(name):
                yield from detail.aliases


def budget_phrases(knowledge: Knowledge) -> list[str]:
    """"预算N左右" for the middle of each distinct price range, and "N以内" for the top of the widest."""
    ranges = sorted({brand.price_range for _, brand in knowledge.brands() if brand.price_range})
    phrases = []
    for low, high in ranges:
        middle = round((low + high) / 2, -2) if high > low else low
        phrases.append(f"预算{int(middle)}左右")
    if ranges:
        phrases.append(f"{max(high for _, high in ranges)}以内")
    return [p for p in dict.fromkeys(phrases) if extract_budget(p)][:MAX_BUDGET_PHRASES]


# ---------------------------------------------------------------- per rule

def rule_combinations(condition: ast.Expr, keywords: dict[str, list[str]], knowledge: Knowledge,
                      budgets: list[str], detector: KeywordIntentDetector) -> list[str]:
    """Messages that meet every message-side part of one way the condition can hold."""
    messages: list[str] = []
    for needs in islice(_ways(condition), MAX_COMBINATIONS_PER_RULE):
        if _single_part(needs):
            continue   # a lone keyword or alternative is already a candidate
        messages.extend(islice(_messages_for(needs, keywords, knowledge, budgets, detector), 4))
        if len(messages) >= MAX_COMBINATIONS_PER_RULE:
            break
    return messages[:MAX_COMBINATIONS_PER_RULE]


def _single_part(needs: _Needs) -> bool:
    parts = len(needs.intents) + len(needs.any_of) + len(needs.slots) + needs.budget + needs.scenario
    return parts <= 1 and not needs.all_of


def _ways(expr: ast.Expr) -> Iterator[_Needs]:
    """Each way (an OR branch chosen in every OR) the positive message-side parts can all hold."""
    if isinstance(expr, ast.And):
        for combo in product(*(list(islice(_ways(op), 6)) for op in expr.operands)):
            total = _Needs()
            for needs in combo:
                total = total + needs
            yield total
    elif isinstance(expr, ast.Or):
        for op in expr.operands:
            yield from _ways(op)
    else:
        yield _leaf_needs(expr)


def _leaf_needs(leaf: ast.Expr) -> _Needs:
    match leaf:
        case ast.IntentIs(intent=name):
            return _Needs(intents=(name.text,))
        case ast.UserMentionAny(text=text):
            return _Needs(any_of=(tuple(alt for alt, _, _ in text.alternatives()),))
        case ast.UserMentionAll(text=text):
            return _Needs(all_of=tuple(alt for alt, _, _ in text.alternatives()))
        case ast.UserMentions(slot=slot):
            return _Needs(slots=(slot.text,))
        case ast.ContextHas(var=var) if var.text == "budget_range":
            return _Needs(budget=True)
        case ast.ContextHas(var=var) if var.text == "usage_scenario":
            return _Needs(scenario=True)
    return _Needs()   # context parts and NOT ...: the conversation, not this message, has to meet them


def _messages_for(needs: _Needs, keywords: dict[str, list[str]], knowledge: Knowledge, budgets: list[str],
                  detector: KeywordIntentDetector) -> Iterator[str]:
    intents = tuple(dict.fromkeys(needs.intents))
    if len(intents) > 1 or any(not keywords.get(name) for name in intents):
        return   # two intents at once, or one that no keyword detects: no single message does it
    fixed = list(needs.all_of) + ([budgets[0]] if needs.budget and budgets else [])
    entity_sets = list(_entity_sets(knowledge, tuple(dict.fromkeys(needs.slots)), needs.scenario)) or [()]
    for alternatives in product(*(alts[:3] for alts in needs.any_of)):
        for entities in entity_sets:
            rest = [*fixed, *alternatives, *entities]
            yield _with_intent(intents[0], rest, keywords, detector) if intents else "".join(dict.fromkeys(rest))


def _with_intent(intent: str, rest: list[str], keywords: dict[str, list[str]],
                 detector: KeywordIntentDetector) -> str:
    """A keyword of `intent` before `rest`: the first keyword with which that intent is still the one detected
    (the other words may hold keywords of other intents that would win)."""
    tries = ["".join(dict.fromkeys([word, *rest])) for word in keywords[intent][:MAX_KEYWORD_TRIES]]
    return next((text for text in tries if detector.detect(text).intent == intent), tries[0])


def _entity_sets(knowledge: Knowledge, slots: tuple[str, ...], scenario: bool) -> Iterator[tuple[str, ...]]:
    """For each category, one name per slot asked for, all from that category (its first brand, that brand's
    first series and scenario); then the same with the series named by its first alias, when it has one."""
    wanted = tuple(slots) + (("scenario",) if scenario and "scenario" not in slots else ())
    if not wanted:
        return
    for category in knowledge.categories.values():
        brand = next(iter(category.brands.values()), None)
        series = brand.series[0] if brand and brand.series else None
        detail = brand.series_details.get(series) if brand and series else None
        names = {
            "category": category.name,
            "subtype": category.subtypes[0] if category.subtypes else None,
            "brand": brand.name if brand else None,
            "series": series,
            "scenario": next(iter(brand.all_scenarios()), None) if brand else None,
        }
        if all(names.get(slot) for slot in wanted):
            yield tuple(names[slot] for slot in wanted)
            # A rule may keep the series' name out (NOT USER_MENTION_ANY "Mate"): its alias still mentions it.
            if "series" in wanted and detail and detail.aliases:
                yield tuple(detail.aliases[0] if slot == "series" else names[slot] for slot in wanted)


def _sendable_once(texts: Iterable[str]) -> list[str]:
    """Trimmed, non-empty single-line texts that `chat` would send as they are, each once."""
    out: dict[str, None] = {}
    for text in texts:
        text = text.strip()
        if text and not _UNSENDABLE.search(text):
            out.setdefault(text, None)
    return list(out)
