"""From a solver's model to a situation a person can replay, checked by the engine itself.

A model gives each atom of the covered rule a value. The situation is made
from those values alone:

- the intent: the group's, or the one the model makes true, or none;
- the context: a variable with a true `eq` takes that value; one that must
  be set but equals none of the values the rules test gets a plain value of
  its kind (a knowledge name for a chain slot, a budget for `budget_range`);
  `current_stage` is always given;
- the message: the texts that must be contained (each only once: a text
  inside a longer one comes with it), a knowledge name where an entity must
  be mentioned, and — when those do not already select the intent offline —
  a keyword or an example of the intent, so that the turn replays without a
  language model.

Then the real engine runs that turn (offline keyword detection, a context
built the way `chat --start/--set` builds it). The witness is kept only when
the engine detects the intent, the covered rule's condition holds, and an
earlier rule fires; `fires` is the rule the engine fired. Otherwise there is
no witness (the warning stays: the proof does not depend on it).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from studio.analysis.atoms import NUMBER_VARS, STAGE_VAR, Atom, atoms_of
from studio.dsl import ast
from studio.engine.assistant import Assistant
from studio.engine.conditions import TurnFacts, compile_condition
from studio.engine.context import ConversationContext
from studio.engine.extract import Budget
from studio.engine.intents import KeywordIntentDetector
from studio.engine.rulebase import RuleBase

if TYPE_CHECKING:
    from studio.analysis.coverage import Group, OrderedRule, Project
    from studio.analysis.solver import Solver

SEPARATOR = "，"
"""Between the parts of a message: not white space, which entity look-up ignores ("华 为" is 华为)."""
_SLOT_VARS = {"current_category": "category", "current_subtype": "subtype",
              "current_brand": "brand", "current_series": "series"}
_MAX_TRIES = 12   # messages replayed per witness at most


@dataclass(frozen=True, eq=False)
class Situation:
    intent: str | None
    context: dict[str, Any]   # as `chat --set` takes it; current_stage always there
    message: str


@dataclass(frozen=True, eq=False)
class GroupWitness:
    """A replayed situation; `fires` is a position among its group's rules."""
    situation: Situation
    fires: int

    def bind(self, members: Sequence["OrderedRule"]) -> "Witness":
        return Witness(self.situation, members[self.fires])


@dataclass(frozen=True, eq=False)
class Witness:
    situation: Situation
    fires: "OrderedRule"

    def to_json(self) -> dict[str, Any]:
        """The `witness` object of `check --format json` for W300."""
        s = self.situation
        return {"intent": s.intent, "context": dict(s.context), "message": s.message, "fires": self.fires.name}


# ---------------------------------------------------------------- the engine

@dataclass
class Replayer:
    """The engine over one group's rules: a turn there fires what it fires in the whole
    rule base, because every rule that holds where a group rule holds is in the group."""
    group: "Group"
    project: "Project"
    _assistant: Assistant | None = field(default=None, init=False)
    _index: dict[int, int] = field(default_factory=dict, init=False)

    @property
    def assistant(self) -> Assistant:
        if self._assistant is None:
            rules = tuple(r.rule for r in self.group.members)
            program = ast.Program("", intents=self.project.intents, rules=rules)
            self._assistant = Assistant(RuleBase.build([program]), self.project.knowledge)
            self._index = {id(rule): k for k, rule in enumerate(rules)}
        return self._assistant

    def fires(self, situation: Situation, k: int) -> int | None:
        """The position of the rule that fires in `situation`, when it is one before `k`,
        the intent is detected offline as `situation.intent`, and rule `k` holds too."""
        assistant = self.assistant
        try:
            context = assistant.new_context(**situation.context)
            result = assistant.turn(context, situation.message)
        except Exception:   # noqa: BLE001 - a value the context cannot take: no witness, and the check goes on
            return None
        matching = result.trace.matching
        if result.intent != situation.intent or matching.fired is None:
            return None
        fired = self._index[id(matching.fired.rule)]
        facts = TurnFacts(situation.message, matching.intent, ConversationContext.from_dict(matching.context),
                          self.project.knowledge)
        covered = self.group.members[k].rule
        return fired if fired < k and compile_condition(covered.condition)(facts) else None


def find(solver: "Solver", assumptions: Sequence[int], group: "Group", k: int, project: "Project",
         replayer: Replayer) -> GroupWitness | None:
    """A replayed situation where rule `k` of `group` holds and an earlier rule fires, or None."""
    solver.prefer_false()
    if not solver.solve(assumptions):
        return None
    model = solver.model()
    own = atoms_of(group.members[k].prop)
    for prop in group.restriction:
        atoms_of(prop, own)
    values = {atom: model.get(atom, False) for atom in own}
    try:
        for situation in _situations(values, group, project):
            fired = replayer.fires(situation, k)
            if fired is not None:
                return GroupWitness(situation, fired)
    except Exception:   # noqa: BLE001 - a witness is a bonus: never let making one fail the check
        return None
    return None


# ---------------------------------------------------------------- making a situation

def _situations(values: dict[Atom, bool], group: "Group", project: "Project") -> Iterator[Situation]:
    context = _context(values, project)
    if context is None:
        return
    base = _message_parts(values, context, project)
    if base is None:
        return
    tries = 0
    for wanted in _intents(values, group, project):
        for message in _messages(base, wanted, values, project, context.get("current_stage")):
            tries += 1
            if tries > _MAX_TRIES:
                return
            yield Situation(wanted, context, message)


def _intents(values: dict[Atom, bool], group: "Group", project: "Project") -> list[str | None]:
    if group.intent is not None:
        return [group.intent]
    chosen = [a.name for a, v in values.items() if a.kind == "intent" and v]
    if chosen:
        return chosen[:1]
    excluded = {a.name for a in values if a.kind == "intent"}
    excluded.update(p.operand.name for p in group.restriction if hasattr(p, "operand"))
    return [None, *(d.name.text for d in project.intents if d.name.text not in excluded)][:3]


def _context(values: dict[Atom, bool], project: "Project") -> dict[str, Any] | None:
    equal: dict[str, str] = {}
    excluded: dict[str, set[str]] = {}
    must_set: dict[str, bool] = {}
    variables: set[str] = {STAGE_VAR}
    for atom, value in values.items():
        if atom.kind == "eq":
            variables.add(atom.name)
            if value:
                equal[atom.name] = atom.value
            else:
                excluded.setdefault(atom.name, set()).add(atom.value)
        elif atom.kind == "has":
            variables.add(atom.name)
            must_set[atom.name] = value
        elif atom.kind == "sales":
            variables.add("sales_stage")
            if value:
                equal["sales_stage"] = str(atom.name)
            else:
                excluded.setdefault("sales_stage", set()).add(str(atom.name))
    context: dict[str, Any] = {}
    for var in sorted(variables, key=lambda v: (v != STAGE_VAR, v)):
        if var in equal:
            context[var] = _value_of(var, equal[var])
        elif var != "product_chain" and (must_set.get(var) or var in (STAGE_VAR, *NUMBER_VARS)):
            value = _fresh(var, excluded.get(var, set()), project)
            if value is None:
                return None
            context[var] = value
    # A chain comes with the slots chosen in it: choose one, unless the context already does.
    if must_set.get("product_chain") and not any(v in context for v in (*_SLOT_VARS, "product_chain")):
        context["current_series"] = _fresh("current_series", excluded.get("current_series", set()), project)
    return context


def _value_of(var: str, text: str) -> Any:
    """The `chat --set` value whose text, as conditions read it, is `text`."""
    if var in NUMBER_VARS:
        return int(text)
    if var == "budget_range":
        budget = Budget.from_json(text)
        return budget.to_json() if budget is not None and str(budget) == text else text
    if var == "user_preferences":
        pairs = [item.partition("=") for item in text.split("，")]
        return {key: value for key, _, value in pairs}
    if var == "product_chain":
        return [[slot, value] for slot, value in zip(_SLOT_VARS.values(), text.split(" -> "))]
    return text


def _fresh(var: str, excluded: set[str], project: "Project") -> Any:
    """A value of the kind `var` holds whose text is none of `excluded`."""
    knowledge = project.knowledge
    if var in NUMBER_VARS:
        return next(n for n in range(1 if var == "sales_stage" else 0, len(excluded) + 2) if str(n) not in excluded)
    if var == "budget_range":
        candidates: list[Any] = [[3000, 5000], [1000, 2000], [8000, 12000]]
        return next((c for c in candidates if str(Budget.from_json(c)) not in excluded), None)
    if var == "user_preferences":
        return next(({"颜色": c} for c in ("黑色", "白色", "银色") if f"颜色={c}" not in excluded), None)
    names: list[str] = {
        STAGE_VAR: ["welcome"],
        "current_category": list(knowledge.categories),
        "current_subtype": knowledge.subtype_names(),
        "current_brand": knowledge.brand_names(),
        "current_series": knowledge.series_names(),
        "usage_scenario": knowledge.scenario_words(),
    }.get(var, [])
    plain = "other_stage" if var == STAGE_VAR else "其他"
    candidates = [*names[:20], plain, *(f"{plain}{n}" for n in range(2, len(excluded) + 3))]
    return next(c for c in candidates if c not in excluded)


def _message_parts(values: dict[Atom, bool], context: dict[str, Any], project: "Project") -> list[str] | None:
    """The texts the message must contain (and any mention it needs), or None when none fits."""
    wanted = [a.name for a, v in values.items() if a.kind == "contains" and v]
    avoid = [a.name for a, v in values.items() if a.kind == "contains" and not v]
    parts = [t for t in sorted(wanted) if not any(t != other and t in other for other in wanted)]
    facts = _facts(parts, context, project)
    for atom, value in sorted((a, v) for a, v in values.items() if a.kind == "mentions"):
        found = facts.mention(atom.name) is not None
        if found != value and value:
            extra = _mention_for(atom.name, facts, avoid, project)
            if extra is None:
                return None
            parts.append(extra)
            facts = _facts(parts, context, project)
        elif found != value:
            return None
    return parts


def _facts(parts: list[str], context: dict[str, Any], project: "Project") -> TurnFacts:
    return TurnFacts(SEPARATOR.join(parts), None, ConversationContext.from_dict(context), project.knowledge)


def _mention_for(slot: str, facts: TurnFacts, avoid: list[str], project: "Project") -> str | None:
    category, brand = facts.scope(slot)
    for name in _names_of(slot, category, brand, project):
        folded = name.casefold()
        if any(text in folded for text in avoid):
            continue
        if project.knowledge.find_mention(name, slot, category, brand) is not None:
            return name
    return None


def _names_of(slot: str, category: str | None, brand: str | None, project: "Project") -> Iterator[str]:
    for c in project.knowledge.categories.values():
        if slot == "category":
            yield c.name
            continue
        if category is not None and c.name != category:
            continue
        if slot == "subtype":
            yield from c.subtypes
        for b in c.brands.values():
            if slot == "brand":
                yield b.name
            elif slot == "scenario":
                yield from b.all_scenarios()
            elif slot == "series" and (brand is None or b.name == brand):
                yield from b.series
                # An alias, when the rule keeps out every name (NOT USER_MENTION_ANY "Mate").
                yield from (a for name in b.series if (d := b.series_details.get(name)) for a in d.aliases)


def _messages(parts: list[str], wanted: str | None, values: dict[Atom, bool], project: "Project",
              stage: str | None) -> Iterator[str]:
    """Messages holding `parts` that offline detection gives `wanted` in `stage`, plainest first."""
    detector = _StagedDetector(KeywordIntentDetector(project.intents), stage)
    avoid = [a.name for a, v in values.items() if a.kind == "contains" and not v]

    def usable(text: str) -> bool:
        folded = text.casefold()
        return not any(t in folded for t in avoid)

    base = SEPARATOR.join(parts)
    if detector.detect(base).intent == wanted:
        yield base
    if wanted is None:
        return
    decl = next((d for d in project.intents if d.name.text == wanted), None)
    if decl is None:
        return
    keywords = decl.all_keywords()
    tried = set()
    for extra in ([k] for k in keywords):
        yield from _if_detected(base, extra, wanted, detector, usable, tried)
    yield from _if_detected(base, [k for k in keywords if usable(k)], wanted, detector, usable, tried)
    for example in decl.examples:
        yield from _if_detected(base, [example.value], wanted, detector, usable, tried)


class _StagedDetector:
    """A detector bound to the stage of the situation being made."""

    def __init__(self, detector: KeywordIntentDetector, stage: str | None):
        self._detector, self._stage = detector, stage

    def detect(self, message: str):
        return self._detector.detect(message, self._stage)


def _if_detected(base: str, extra: list[str], wanted: str, detector: _StagedDetector, usable, tried: set):
    if not extra or not all(usable(e) for e in extra):
        return
    message = SEPARATOR.join([*extra, base] if base else extra)
    if message not in tried and detector.detect(message).intent == wanted:
        tried.add(message)
        yield message
