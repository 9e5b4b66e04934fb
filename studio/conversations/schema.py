"""The conversation-test format, declared once, and the small validator that reads YAML nodes with it.

Each schema reads a node into a plain value (str, int, float, bool, None,
list, dict) or raises `Invalid` at the node, with a message that names where
in the test the value is (`turn 2: expect.sales_stage must be ...`). What a
test may hold is exactly what the runner and the engine can take, so a test
that loads never crashes a run. docs/language.md describes the format.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from studio.conversations.yaml_nodes import INT, MAP, NULL, SEQ, STR, Invalid, mapping_pairs, scalar_value, written
from studio.dsl.ast import CHAIN_SLOTS
from studio.i18n import N_, _

MAX_WHOLE = 1_000_000_000


@dataclass(frozen=True)
class Where:
    """Where a value sits: the turn (if any) and the path of keys inside it, in the current language."""
    turn: str = ""
    path: str = ""

    def key(self, name: str) -> "Where":
        return Where(self.turn, f"{self.path}.{name}" if self.path else name)

    def item(self, number: int, label: str | None = None) -> "Where":
        if label:
            return Where(_(label).format(n=number))
        return self.part(_("item {n}").format(n=number))

    def part(self, name: str) -> "Where":
        return Where(self.turn, f"{self.path} {name}")

    @property
    def is_top(self) -> bool:
        return not (self.turn or self.path)

    def __str__(self) -> str:
        if self.turn and self.path:
            # TRANSLATORS: e.g. "turn 2: expect.sales_stage"
            return _("{turn}: {path}").format(turn=self.turn, path=self.path)
        return self.turn or self.path or _("the file")


class Schema(Protocol):
    description: str   # English, marked with `N_`; `described` gives it in the current language

    def accepts(self, node: Node | None) -> bool: ...

    def read(self, node: Node | None, where: Where): ...


def described(schema: Schema) -> str:
    """What `schema` takes, in the current language (a computed description is translated already)."""
    return _(schema.description)


def _mismatch(schema: Schema, node: Node | None, where: Where) -> Invalid:
    # TRANSLATORS: e.g. "turn 2: expect.sales_stage must be a whole number from 1 to 1,000,000,000, not 'two'"
    return Invalid.at(node, _("{where} must be {description}, not {shown}").format(
        where=where, description=described(schema), shown=_shown(node)))


def _either(descriptions: list[str]) -> str:
    """'a or b or c', in the current language."""
    text = descriptions[0]
    for other in descriptions[1:]:
        text = _("{first} or {second}").format(first=text, second=other)
    return text


def _shown(node: Node | None) -> str:
    if node is None:
        return _("empty")
    if isinstance(node, SequenceNode):
        return _("a list")
    if isinstance(node, MappingNode):
        return _("a mapping")
    text = written(node)
    if str(node.tag) == NULL:
        return "null"   # the YAML word, as written
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _is_null(node: Node | None) -> bool:
    return isinstance(node, ScalarNode) and str(node.tag) == NULL


@dataclass(frozen=True)
class Text:
    """Any scalar, as written (`user: 0x1F` is the message "0x1F"); null only when `nullable`."""
    nullable: bool = False
    choices: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        if self.choices:
            if len(self.choices) <= 2:
                return _either(list(self.choices))
            return _("one of {choices}").format(choices=", ".join(self.choices))
        return _("text or null") if self.nullable else _("text")

    def accepts(self, node):
        return isinstance(node, ScalarNode)

    def read(self, node, where):
        if isinstance(node, ScalarNode):
            if _is_null(node):
                if self.nullable:
                    return None
            else:
                text = written(node)
                if not self.choices or text in self.choices:
                    return text
        raise _mismatch(self, node, where)


@dataclass(frozen=True)
class Whole:
    """A whole number in [minimum, MAX_WHOLE]; digits written as text count too (`'3'`)."""
    minimum: int
    nullable: bool = False

    @property
    def description(self) -> str:
        if self.nullable:
            return _("a whole number from {low} to {high} or null").format(low=self.minimum, high=f"{MAX_WHOLE:,}")
        return _("a whole number from {low} to {high}").format(low=self.minimum, high=f"{MAX_WHOLE:,}")

    def accepts(self, node):
        return isinstance(node, ScalarNode)

    def read(self, node, where):
        if isinstance(node, ScalarNode):
            value = _whole_or_none(node)
            if value is None and self.nullable and _is_null(node):
                return None
            if isinstance(value, int) and self.minimum <= value <= MAX_WHOLE:
                return value
        raise _mismatch(self, node, where)


def _whole_or_none(node: ScalarNode) -> int | None:
    tag = str(node.tag)
    if tag == INT:
        return scalar_value(node)
    if tag == STR:
        text = written(node).strip()
        if text.isascii() and text.isdigit() and len(text) <= len(str(MAX_WHOLE)):
            return int(text)
    return None


@dataclass(frozen=True)
class ListOf:
    item: Schema
    description: str
    min_items: int = 0
    nullable: bool = False
    label: str | None = None      # how an item is named in messages (N_("turn {n}")), else "<path> item n"

    def accepts(self, node):
        return isinstance(node, SequenceNode)

    def read(self, node, where):
        if self.nullable and _is_null(node):
            return None
        if not isinstance(node, SequenceNode) or str(node.tag) != SEQ or len(node.value) < self.min_items:
            raise _mismatch(self, node, where)
        return [self.item.read(child, where.item(n, self.label)) for n, child in enumerate(node.value, 1)]


@dataclass(frozen=True)
class Pair:
    """A two-item list such as `[brand, 苹果]`; `names` (marked with `N_`) name the items in messages."""
    first: Schema
    second: Schema
    description: str
    names: tuple[str, str]

    def accepts(self, node):
        return isinstance(node, SequenceNode)

    def read(self, node, where):
        if not isinstance(node, SequenceNode) or str(node.tag) != SEQ or len(node.value) != 2:
            raise _mismatch(self, node, where)
        return [self.first.read(node.value[0], where.part(_(self.names[0]))),
                self.second.read(node.value[1], where.part(_(self.names[1])))]


@dataclass(frozen=True)
class Either:
    """The first option that takes this kind of node (a scalar, a list, a mapping) reads it."""
    options: tuple[Schema, ...]

    @property
    def description(self) -> str:
        return _either([described(option) for option in self.options])

    def accepts(self, node):
        return any(option.accepts(node) for option in self.options)

    def read(self, node, where):
        for option in self.options:
            if option.accepts(node):
                return option.read(node, where)
        raise _mismatch(self, node, where)


@dataclass(frozen=True)
class Fields:
    """A mapping with known keys (and, with `others`, any other text key read by that schema)."""
    fields: Mapping[str, Schema]
    description: str
    required: tuple[str, ...] = ()
    others: Schema | None = None
    nullable: bool = False
    unknown: str = N_("key")      # what an unknown key is called in the message

    def accepts(self, node):
        return isinstance(node, MappingNode)

    def read(self, node, where):
        if self.nullable and _is_null(node):
            return None
        if not isinstance(node, MappingNode) or str(node.tag) != MAP:
            raise _mismatch(self, node, where)
        out = {}
        for key_node, value_node in mapping_pairs(node):
            name = _key(key_node, where)
            if name in out:
                raise Invalid.at(key_node, _("{where}: duplicate key {name!r}").format(where=where, name=name))
            schema = self.fields.get(name, self.others)
            if schema is None:
                raise Invalid.at(key_node, self._unknown(name, where))
            out[name] = schema.read(value_node, where.key(name))
        for name in self.required:
            if name not in out:
                raise Invalid.at(node, _("{where} needs `{name}:`").format(where=where, name=name))
        return out

    def _unknown(self, name: str, where: Where) -> str:
        known = ", ".join(self.fields)
        if where.is_top:
            # TRANSLATORS: {what} is "key" or "expectation"; {known} lists the keys as written in a test
            return _("unknown {what} {name!r}; known: {known}").format(what=_(self.unknown), name=name, known=known)
        return _("{where}: unknown {what} {name!r}; known: {known}").format(
            where=where, what=_(self.unknown), name=name, known=known)


def _key(node: Node, where: Where) -> str:
    if not isinstance(node, ScalarNode):
        raise Invalid.at(node, _("{where}: a key must be text, not {shown}").format(where=where, shown=_shown(node)))
    return written(node)


@dataclass(frozen=True)
class Anything:
    """Plain data of any shape (an expected context value is compared, never run)."""
    description: str = N_("a value")

    def accepts(self, node):
        return True

    def read(self, node, where):
        if isinstance(node, ScalarNode):
            try:
                return scalar_value(node)
            except Invalid as exc:
                raise Invalid(_("{where}: {problem}").format(where=where, problem=exc.message), exc.line,
                              exc.column) from None
        if isinstance(node, SequenceNode) and str(node.tag) == SEQ:
            return [self.read(child, where.item(n)) for n, child in enumerate(node.value, 1)]
        if isinstance(node, MappingNode) and str(node.tag) == MAP:
            return Fields({}, N_("a mapping"), others=self).read(node, where)
        raise Invalid.at(node, _("{where}: unsupported tag {tag} on a list or mapping").format(
            where=where, tag=node.tag))


# ------------------------------------------------------------------ the conversation-test format

SLOT = Text(choices=CHAIN_SLOTS)
CHAIN = ListOf(Pair(SLOT, Text(), N_("a [slot, value] pair"), (N_("slot"), N_("value"))),
               N_("a list of [slot, value] pairs (slot one of category, subtype, brand, series)"), nullable=True)
TEXTS = Either((Text(), ListOf(Text(), N_("a list of text"))))
BUDGET = Either((Pair(Whole(0), Whole(0, nullable=True), N_("[low, high]"), (N_("low"), N_("high"))),
                 Text(nullable=True)))

# `start.context`: what `ConversationContext.from_dict` takes; any other key is a SET_VAR variable (text).
START_CONTEXT = Fields({
    "current_stage": Text(nullable=True),
    **{f"current_{slot}": Text(nullable=True) for slot in CHAIN_SLOTS},
    "product_chain": CHAIN,
    "budget_range": BUDGET,
    "usage_scenario": Text(nullable=True),
    "user_preferences": Fields({}, N_("a mapping of slot: value"), others=Text(), nullable=True),
    "query_count": Whole(0, nullable=True),
    "sales_stage": Whole(1, nullable=True),
    "last_intent": Text(nullable=True),
    "user_input": Text(nullable=True),
}, N_("a mapping of context variables"), others=Text(), nullable=True)

START = Fields({"stage": Text(nullable=True), "context": START_CONTEXT}, N_("a mapping (stage, context)"),
               nullable=True)

EXPECT = Fields({
    "intent": Text(nullable=True),
    "intent_source": Text(),
    "rule": Text(nullable=True),
    "reply_contains": TEXTS,
    "reply_not_contains": TEXTS,
    "reply_equals": Text(),
    "stage": Text(),
    "sales_stage": Whole(1),
    "product_chain": CHAIN,
    "context": Fields({}, N_("a mapping of context variables"), others=Anything()),
}, N_("a mapping of expectations"), nullable=True, unknown=N_("expectation"))

OPENING = Fields({"expect": EXPECT}, N_("a mapping with `expect:`"), nullable=True)


@dataclass(frozen=True)
class TurnItem:
    """A customer turn (`user:` and `expect:`), or the opening turn (`opening: {expect: …}`);
    the loader checks that an opening comes first."""
    fields: Fields
    description: str = N_("a mapping with `user:` (and `expect:`), or `opening:`")

    def accepts(self, node):
        return isinstance(node, MappingNode)

    def read(self, node, where):
        out = self.fields.read(node, where)
        if "opening" in out and ("user" in out or "expect" in out):
            raise Invalid.at(node, _("{where}: `opening:` stands alone; put its `expect:` inside it").format(
                where=where))
        if "opening" not in out and "user" not in out:
            raise Invalid.at(node, _("{where} needs `{name}:`").format(where=where, name="user"))
        return out


TURN = TurnItem(Fields({"user": Text(), "expect": EXPECT, "opening": OPENING},
                       N_("a mapping with `user:` (and `expect:`), or `opening:`")))

TEST = Fields({
    "name": Text(nullable=True),
    "turns": ListOf(TURN, N_("a non-empty list of turns"), min_items=1, label=N_("turn {n}")),
    "llm": Text(choices=("off", "auto")),
    "start": START,
}, N_("a mapping with `name` and `turns`"), required=("turns",))
