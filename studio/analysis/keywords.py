"""Offline intent detection, read as facts: which keywords and intents can never decide it.

Without a language model the engine detects intents by keywords (see
studio/engine/intents.py): each declared intent scores the number of its
keywords found in the message (case-insensitive), the highest score wins,
ties go to the intent declared first, no hit means no intent. Two facts
follow:

- a keyword that an earlier intent also declares never helps the later one:
  every message containing it gives both the same hit;
- an intent can be impossible to detect offline: no keywords at all, or
  every message with its keywords gives an earlier intent at least as many
  hits (its keywords contain theirs: `买单` holds `买`) or a later one more.

Keywords of a `KEYWORDS … IN_STAGE` line count only in their stages and
rank above plain ones there. So a keyword is shared only with an earlier
line of the same rank whose stages overlap (both plain, or both in-stage
with a stage in common): a plain keyword still helps outside an earlier
line's stages, an in-stage one outranks an earlier plain one. An intent with
in-stage keywords is never reported as undetectable (it may win in its
stages); for the others, only plain keywords count in a stage that no
`IN_STAGE` names, and in-stage hits of rivals only take wins away elsewhere,
so deciding it over plain keywords stays exact.

The second is decided exactly. A message that makes intent X win can be cut
down to X's keywords it contains, joined by a separator no keyword holds:
X keeps its score and the others lose hits or keep them. So the question is
which set S of X's keywords to put in the message, where each other intent
scores its keywords found inside the members of S — a SAT problem with one
cardinality constraint per rival, which the solver answers (and whose
unsatisfiable core names the rivals that cannot all be beaten).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studio.analysis.atoms import contains, facts
from studio.analysis.solver import Solver
from studio.dsl import ast
from studio.engine.intents import KeywordIntentDetector

_SEPARATORS = ("，", "。", "；", "|")


@dataclass(frozen=True)
class Detected:
    """A message and the intent that offline detection gives it (the W350 witness)."""
    message: str
    intent: str | None
    stage: str | None = None   # the stage it is sent in, for in-stage keywords

    def to_json(self) -> dict:
        found = {"message": self.message, "intent": self.intent}
        return found if self.stage is None else {**found, "stage": self.stage}


@dataclass(frozen=True)
class SharedKeyword:
    intent: ast.IntentDecl      # the later declaration
    keyword: str                # as the later one writes it
    start: int                  # where in its KEYWORDS string
    end: int
    first: ast.IntentDecl       # the earlier intent declaring the same keyword
    witness: Detected
    text: ast.StringLit         # the KEYWORDS string of the later one that holds it


@dataclass(frozen=True)
class NeverDetected:
    intent: ast.IntentDecl
    rivals: tuple[ast.IntentDecl, ...]   # empty: it has no keywords
    witness: Detected | None


@dataclass(frozen=True)
class OfflineFindings:
    shared: tuple[SharedKeyword, ...]
    never: tuple[NeverDetected, ...]


def _keywords(decl: ast.IntentDecl) -> list[tuple[str, int, int]]:
    """The plain keywords (lines without IN_STAGE)."""
    return [alt for line in decl.plain_lines() for alt in line.text.alternatives()]


def offline_findings(intents: Sequence[ast.IntentDecl]) -> OfflineFindings:
    """`intents`: the first declaration of each name, in declaration order."""
    detector = KeywordIntentDetector(intents)
    # folded keyword -> the earlier lines holding it: (intent, stages or None for plain)
    seen: dict[str, list[tuple[ast.IntentDecl, frozenset[str] | None]]] = {}
    shared: list[SharedKeyword] = []
    for decl in intents:
        reported: set[str] = set()
        for line in decl.keyword_lines:
            stages = line.stage_names()
            for alt, start, end in line.text.alternatives():
                key = alt.casefold()
                holders = seen.setdefault(key, [])
                clash = next(((other, _common(stages, theirs)) for other, theirs in holders
                              if other is not decl and _same_rank(stages, theirs)), None)
                holders.append((decl, stages))
                if clash is not None and (key, stages) not in reported:
                    reported.add((key, stages))
                    earlier, stage = clash
                    shared.append(SharedKeyword(decl, alt, start, end, earlier,
                                                Detected(alt, detector.detect(alt, stage).intent, stage),
                                                line.text))
    never = [found for index in range(len(intents)) if (found := _never_detected(intents, index, detector))]
    return OfflineFindings(tuple(shared), tuple(never))


def _same_rank(ours: frozenset[str] | None, theirs: frozenset[str] | None) -> bool:
    """Both plain, or both in-stage with a stage in common."""
    return ours is None and theirs is None or ours is not None and theirs is not None and bool(ours & theirs)


def _common(ours: frozenset[str] | None, theirs: frozenset[str] | None) -> str | None:
    return None if ours is None or theirs is None else min(ours & theirs)


def _never_detected(intents: Sequence[ast.IntentDecl], index: int,
                    detector: KeywordIntentDetector) -> NeverDetected | None:
    decl = intents[index]
    name = decl.name.text
    if decl.staged_lines():
        return None   # it may win in its stages
    own = list(dict.fromkeys(alt for alt, _, _ in _keywords(decl)))   # the detector counts each once
    if not own:
        return NeverDetected(decl, (), None)
    separator = next((s for s in _SEPARATORS
                      if not any(s in alt for d in intents for alt, _, _ in _keywords(d))), None)
    everything = (separator or "，").join(own)
    if detector.detect(everything).intent == name or any(detector.detect(k).intent == name for k in own):
        return None
    if separator is None:
        return None   # every separator occurs in some keyword: the reasoning above does not apply
    rivals = _rivals_that_always_win(intents, index)
    if not rivals:
        return None
    return NeverDetected(decl, rivals, Detected(everything, detector.detect(everything).intent))


def _rivals_that_always_win(intents: Sequence[ast.IntentDecl], index: int) -> tuple[ast.IntentDecl, ...]:
    """The rivals that no choice of the intent's keywords beats together, or () when one does."""
    own = list(dict.fromkeys(alt for alt, _, _ in _keywords(intents[index])))
    own_keys = [alt.casefold() for alt in own]
    with Solver() as solver:
        texts = set(own_keys)
        rival_hits: list[tuple[int, list[str]]] = []
        for r, rival in enumerate(intents):
            if r == index:
                continue
            inside = [alt.casefold() for alt in dict.fromkeys(a for a, _, _ in _keywords(rival))
                      if any(alt.casefold() in key for key in own_keys)]
            texts.update(inside)
            rival_hits.append((r, inside))
        solver.add_facts(facts({contains(t) for t in texts}))
        mine = [solver.atom(contains(key)) for key in own_keys]
        selectors, rivals = [], []
        for r, inside in rival_hits:
            # mine - theirs > 0 against an earlier intent (ties go to it), >= 0 against a later one
            theirs = [-solver.atom(contains(key)) for key in inside]
            bound = len(theirs) + (1 if r < index else 0)
            selectors.append(solver.at_least(mine + theirs, bound))
            rivals.append(intents[r])
        some_hit = solver.at_least(mine, 1)
        if solver.solve([some_hit, *selectors]):
            return ()
        core = set(solver.minimal_core(selectors, fixed=[some_hit]))
        return tuple(rival for rival, s in zip(rivals, selectors) if s in core)
