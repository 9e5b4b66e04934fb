"""Rule conditions as propositions over atoms, and the facts that hold between atoms.

A *situation* is what one turn matches rules against: the detected intent
(a declared one or none), the context variables and the customer's message.
Every condition of the language is a yes/no question about a situation; an
*atom* is one such question that the analysis does not break down further:

| atom | true when |
|---|---|
| `intent(x)` | the detected intent is `x` |
| `eq(v, x)` | context variable `v` reads `x` (`CONTEXT_EQ`; `CONTEXT_STAGE_IS` is `eq(current_stage, x)`) |
| `has(v)` | `v` is set and not empty (`CONTEXT_NOT_SET v` is its negation) |
| `sales(n)` | the sales stage is `n` |
| `contains(t)` | the case-folded message contains the case-folded text `t` |
| `mentions(slot)` | the engine finds a knowledge entity of `slot` in the message, in scope |
| `start` | the opening turn, before any customer message (`CONVERSATION_START`) |

Atoms are otherwise free: the analysis considers *every* combination of
values that the facts below allow. That set includes every situation a turn
can really meet (and some it cannot, such as a message that states a budget
while `budget_range` is unset), so a proof that something holds in all of
them — a rule never fires, a condition never holds — holds for real turns.
A fact is added only when it is true of every real turn; where the engine's
reading is subtler than an atom (entity look-up ignores spaces and width,
looks inside the current category), the atom gets only the facts that are
certainly true, and the analysis errs towards saying nothing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Union

from studio.dsl import ast
from studio.engine.conditions import folded_alternatives

if TYPE_CHECKING:
    from studio.knowledge.model import Knowledge

STAGE_VAR = "current_stage"
NUMBER_VARS = ("query_count", "sales_stage")
"""Numbers are always set and read as their decimal text."""


class Atom(NamedTuple):
    """One yes/no question about a situation; `kind` tells which (see the module's table)."""
    kind: str
    name: str | int = ""
    value: str = ""

    def __str__(self) -> str:
        if self.kind == "eq":
            return f"{self.name} = {self.value!r}"
        return f"{self.kind}({self.name!r})" if self.kind != "sales" else f"sales({self.name})"


def intent(name: str) -> Atom:
    return Atom("intent", name)


OPENING = Atom("start")
"""The opening turn: no message yet, so no intent and no text in it."""


def eq(var: str, value: str) -> Atom:
    return Atom("eq", var, value)


def has(var: str) -> Atom:
    return Atom("has", var)


def sales(number: int) -> Atom:
    return Atom("sales", number)


def contains(folded_text: str) -> Atom:
    return Atom("contains", folded_text)


def mentions(slot: str) -> Atom:
    return Atom("mentions", slot)


# ---------------------------------------------------------------- propositions

# Plain tuples: hashable and compared by value (in C), so equal conditions are one key. Tuples
# compare without their class, hence the tag: All(()) must not equal Any_(()).
class Not(NamedTuple):
    operand: "Prop"
    tag: str = "not"


class All(NamedTuple):
    operands: tuple["Prop", ...]
    tag: str = "all"


class Any_(NamedTuple):
    operands: tuple["Prop", ...]
    tag: str = "any"


TRUE = All(())
FALSE = Any_(())
Prop = Union[Atom, Not, All, Any_]


def negate(p: Prop) -> Prop:
    if p == TRUE:
        return FALSE
    if p == FALSE:
        return TRUE
    return p.operand if p.__class__ is Not else Not(p)


def all_of(parts: Iterable[Prop]) -> Prop:
    return _joined(parts, All, FALSE)


def any_of(parts: Iterable[Prop]) -> Prop:
    return _joined(parts, Any_, TRUE)


def _joined(parts: Iterable[Prop], kind: type, absorbing: Prop) -> Prop:
    """`kind` (All or Any_) of `parts`, flattened and without repeats; `absorbing` decides it alone."""
    flat: list[Prop] = []
    for part in parts:
        if part.__class__ is kind:
            flat.extend(part.operands)
        elif part == absorbing:
            return absorbing
        else:
            flat.append(part)
    unique = tuple(dict.fromkeys(flat)) if len(flat) > 1 else tuple(flat)
    return unique[0] if len(unique) == 1 else kind(unique)


def canonical(p: Prop) -> object:
    """A value equal for propositions that differ only in the order of AND / OR operands."""
    if p.__class__ is All or p.__class__ is Any_:
        return p.tag, frozenset(map(canonical, p.operands))
    if p.__class__ is Not:
        return p.tag, canonical(p.operand)
    return p


def proposition(expr: ast.Expr) -> Prop:
    """What a condition says, over atoms (exactly the engine's reading, see conditions.py)."""
    return _READ[expr.__class__](expr)


def _mention_all(expr: ast.UserMentionAll) -> Prop:
    alternatives = folded_alternatives(expr.text.value)
    # The engine holds ALL of no alternatives false.
    return all_of([Atom("contains", a) for a in alternatives]) if alternatives else FALSE


_READ = {
    ast.And: lambda e: all_of([proposition(op) for op in e.operands]),
    ast.Or: lambda e: any_of([proposition(op) for op in e.operands]),
    ast.Not: lambda e: negate(proposition(e.operand)),
    ast.IntentIs: lambda e: Atom("intent", e.intent.text),
    ast.UserMentionAny: lambda e: any_of([Atom("contains", a) for a in folded_alternatives(e.text.value)]),
    ast.UserMentionAll: _mention_all,
    ast.UserMentions: lambda e: Atom("mentions", e.slot.text),
    ast.ContextEq: lambda e: Atom("eq", e.var.text, e.value.value),
    ast.ContextHas: lambda e: Atom("has", e.var.text),
    ast.ContextNotSet: lambda e: Not(Atom("has", e.var.text)),
    ast.ContextStageIs: lambda e: Atom("eq", STAGE_VAR, e.stage.value),
    ast.SalesStageIs: lambda e: Atom("sales", e.number.value),
    ast.Always: lambda e: TRUE,
    ast.ConversationStart: lambda e: OPENING,
}


def atoms_of(p: Prop, out: set[Atom] | None = None) -> set[Atom]:
    out = set() if out is None else out
    if isinstance(p, Atom):
        out.add(p)
    elif isinstance(p, Not):
        atoms_of(p.operand, out)
    else:
        for operand in p.operands:
            atoms_of(operand, out)
    return out


def pins(p: Prop) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The only intents, and the only values of current_stage, for which `p` can hold
    (None: any), read from its top-level conjuncts."""
    intents = stages = None
    for part in p.operands if p.__class__ is All else (p,):
        if part.__class__ is Atom:
            if part.kind == "intent":
                found_intents, found_stages = frozenset((part.name,)), None
            elif part.kind == "eq" and part.name == STAGE_VAR:
                found_intents, found_stages = None, frozenset((part.value,))
            else:
                continue
        elif part.__class__ is Any_ and part.operands:
            found_intents, found_stages = _any_pins(part)
        else:
            continue
        if found_intents is not None:
            intents = found_intents if intents is None else intents & found_intents
        if found_stages is not None:
            stages = found_stages if stages is None else stages & found_stages
    return intents, stages


def _any_pins(p: Any_) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    parts = [pins(op) for op in p.operands]
    intents = None if any(i is None for i, _ in parts) else frozenset().union(*(i for i, _ in parts))
    stages = None if any(s is None for _, s in parts) else frozenset().union(*(s for _, s in parts))
    return intents, stages


# ---------------------------------------------------------------- facts

class AtMostOne(NamedTuple):
    atoms: tuple[Atom, ...]


class Implies(NamedTuple):
    """All of `premises` true → `conclusion` has the value `holds`."""
    premises: tuple[Atom, ...]
    conclusion: Atom
    holds: bool = True


Fact = Union[AtMostOne, Implies]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


@dataclass(frozen=True)
class EntityName:
    """A knowledge name or alias that the engine's look-up certainly finds when a message contains it."""
    text: str
    slot: str
    category: str
    brand: str | None


def literal_names(knowledge: "Knowledge") -> tuple[EntityName, ...]:
    """Names and aliases (of brands and of series) made only of Chinese characters.

    For these — and only these — containing the text is enough for the
    engine's look-up: it matches names ignoring spaces, width and case, and
    asks Latin names not to touch a neighbouring letter or digit, none of
    which changes anything for a run of Chinese characters. (The converse
    never holds: "华 为" is a mention of 华为 that does not contain it.)
    """
    found: list[EntityName] = []
    for c in knowledge.categories.values():
        found.append(EntityName(c.name, "category", c.name, None))
        found.extend(EntityName(s, "subtype", c.name, None) for s in c.subtypes)
        for b in c.brands.values():
            found.extend(EntityName(n, "brand", c.name, b.name) for n in (b.name, *b.aliases))
            # The engine reads a series' alias as the series, and a scenario a series lists as a
            # scenario of the category (studio/knowledge/mentions.py).
            found.extend(EntityName(n, "series", c.name, b.name) for s in b.series for n in b.series_spellings(s))
            found.extend(EntityName(s, "scenario", c.name, None) for s in b.all_scenarios())
    return tuple(n for n in dict.fromkeys(found) if _HAN.fullmatch(n.text))


def facts(atoms: Iterable[Atom], names: Iterable[EntityName] = ()) -> list[Fact]:
    """The facts among `atoms` that every real turn obeys.

    - one intent at most (none is possible: no keyword hit);
    - a variable reads one value, so two `eq` of one variable exclude each
      other; `eq(v, x)` with `x` not empty implies `has(v)`; likewise one
      sales stage;
    - numbers (`sales_stage`, `query_count`) are always set and read as
      decimal text: `eq(sales_stage, "3")` is `sales(3)`, `eq(sales_stage, "x")`
      never holds;
    - the opening turn has no message: no intent, and it contains no text
      (entity look-ups are left free: nothing is claimed about them);
    - containing a text implies containing each text inside it;
    - containing a Chinese knowledge name (see `literal_names`) implies that
      the engine finds an entity of its slot: always for a category, and when
      `current_category` (and `current_brand`, for a series) is the one the
      name belongs to, for the other slots.
    """
    present = set(atoms)
    by_kind: dict[str, list[Atom]] = {}
    for atom in sorted(present, key=_atom_order):
        by_kind.setdefault(atom.kind, []).append(atom)
    out: list[Fact] = []
    if len(by_kind.get("intent", ())) > 1:
        out.append(AtMostOne(tuple(by_kind["intent"])))
    if len(by_kind.get("sales", ())) > 1:
        out.append(AtMostOne(tuple(by_kind["sales"])))
    values: dict[str, list[Atom]] = {}
    for atom in by_kind.get("eq", ()):
        values.setdefault(atom.name, []).append(atom)
    for var, eqs in values.items():
        if len(eqs) > 1:
            out.append(AtMostOne(tuple(eqs)))
        for atom in eqs:
            if atom.value and has(var) in present:
                out.append(Implies((atom,), has(var)))
    for var in NUMBER_VARS:
        if has(var) in present:
            out.append(Implies((), has(var)))
        for atom in values.get(var, ()):
            number = _decimal(atom.value)
            if number is None:
                out.append(Implies((), atom, False))
            elif var == "sales_stage":
                out.extend(_same(atom, sales(number), present))
    if OPENING in present:
        out.extend(Implies((OPENING,), atom, False) for atom in (*by_kind.get("intent", ()),
                                                                  *by_kind.get("contains", ())))
    texts = [a.name for a in by_kind.get("contains", ())]
    out.extend(Implies((contains(longer),), contains(shorter)) for longer, shorter in _inside(texts))
    out.extend(_mention_facts(texts, names, present))
    return out


def _atom_order(atom: Atom) -> tuple:
    return atom.kind, str(atom.name), atom.value


def _decimal(text: str) -> int | None:
    try:
        number = int(text)
    except ValueError:
        return None
    return number if str(number) == text else None


def _same(a: Atom, b: Atom, present: set[Atom]) -> Iterator[Fact]:
    if b in present:
        yield Implies((a,), b)
        yield Implies((b,), a)


def _inside(texts: list[str]) -> Iterator[tuple[str, str]]:
    """(longer, shorter) for every pair of texts where shorter occurs inside longer."""
    known = set(texts)
    longest = max(map(len, texts), default=0)
    for text in texts:
        if len(text) * min(len(text), longest) <= 4 * len(known) + 64:
            found = {text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + longest) + 1)}
            found &= known
        else:
            found = {other for other in known if other in text}
        found.discard(text)
        for shorter in sorted(found):
            yield text, shorter


def _mention_facts(texts: list[str], names: Iterable[EntityName], present: set[Atom]) -> Iterator[Fact]:
    by_text: dict[str, list[EntityName]] = {}
    for name in names:
        if mentions(name.slot) in present:
            by_text.setdefault(name.text, []).append(name)
    if not by_text:
        return
    longest = max(map(len, by_text))
    for text in texts:
        inside = {text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + longest) + 1)}
        found: dict[Fact, None] = {}
        for piece in inside & by_text.keys():
            for name in by_text[piece]:
                scope: tuple[Atom, ...] = ()
                if name.slot != "category":
                    scope = (eq("current_category", name.category),)
                    if name.slot == "series":
                        scope += (eq("current_brand", name.brand),)
                if all(atom in present for atom in scope):
                    found[Implies((contains(text), *scope), mentions(name.slot))] = None
        yield from found
