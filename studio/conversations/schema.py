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

MAX_WHOLE = 1_000_000_000


@dataclass(frozen=True)
class Where:
    """Where a value sits: the turn (if any) and the path of keys inside it."""
    turn: str = ""
    path: str = ""

    def key(self, name: str) -> "Where":
        return Where(self.turn, f"{self.path}.{name}" if self.path else name)

    def item(self, number: int, label: str | None = None) -> "Where":
        if label:
            return Where(label.format(n=number))
        return self.part(f"item {number}")

    def part(self, name: str) -> "Where":
        return Where(self.turn, f"{self.path} {name}")

    def __str__(self) -> str:
        return ": ".join(part for part in (self.turn, self.path) if part) or "the file"


class Schema(Protocol):
    description: str

    def accepts(self, node: Node | None) -> bool: ...

    def read(self, node: Node | None, where: Where): ...


def _mismatch(schema: Schema, node: Node | None, where: Where) -> Invalid:
    return Invalid.at(node, f"{where} must be {schema.description}, not {_shown(node)}")


def _shown(node: Node | None) -> str:
    if node is None:
        return "empty"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    text = written(node)
    if str(node.tag) == NULL:
        return "null"
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
            return " or ".join(self.choices) if len(self.choices) <= 2 else "one of " + ", ".join(self.choices)
        return "text or null" if self.nullable else "text"

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
        return f"a whole number from {self.minimum} to {MAX_WHOLE:,}" + (" or null" if self.nullable else "")

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
    label: str | None = None      # how an item is named in messages ("turn {n}"), else "<path> item n"

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
    """A two-item list such as `[brand, 苹果]`; `names` name the items in messages."""
    first: Schema
    second: Schema
    description: str
    names: tuple[str, str]

    def accepts(self, node):
        return isinstance(node, SequenceNode)

    def read(self, node, where):
        if not isinstance(node, SequenceNode) or str(node.tag) != SEQ or len(node.value) != 2:
            raise _mismatch(self, node, where)
        return [self.first.read(node.value[0], where.part(self.names[0])),
                self.second.read(node.value[1], where.part(self.names[1]))]


@dataclass(frozen=True)
class Either:
    """The first option that takes this kind of node (a scalar, a list, a mapping) reads it."""
    options: tuple[Schema, ...]

    @property
    def description(self) -> str:
        return " or ".join(option.description for option in self.options)

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
    unknown: str = "key"          # what an unknown key is called in the message

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
                raise Invalid.at(key_node, f"{where}: duplicate key {name!r}")
            schema = self.fields.get(name, self.others)
            if schema is None:
                prefix = "" if str(where) == "the file" else f"{where}: "
                raise Invalid.at(key_node, f"{prefix}unknown {self.unknown} {name!r}; known: " + ", ".join(self.fields))
            out[name] = schema.read(value_node, where.key(name))
        for name in self.required:
            if name not in out:
                raise Invalid.at(node, f"{where} needs `{name}:`")
        return out


def _key(node: Node, where: Where) -> str:
    if not isinstance(node, ScalarNode):
        raise Invalid.at(node, f"{where}: a key must be text, not {_shown(node)}")
    return written(node)


@dataclass(frozen=True)
class Anything:
    """Plain data of any shape (an expected context value is compared, never run)."""
    description: str = "a value"

    def accepts(self, node):
        return True

    def read(self, node, where):
        if isinstance(node, ScalarNode):
            try:
                return scalar_value(node)
            except Invalid as exc:
                raise Invalid(f"{where}: {exc.message}", exc.line, exc.column) from None
        if isinstance(node, SequenceNode) and str(node.tag) == SEQ:
            return [self.read(child, where.item(n)) for n, child in enumerate(node.value, 1)]
        if isinstance(node, MappingNode) and str(node.tag) == MAP:
            return Fields({}, "a mapping", others=self).read(node, where)
        raise Invalid.at(node, f"{where}: unsupported tag {node.tag} on a list or mapping")


# ------------------------------------------------------------------ the conversation-test format

SLOT = Text(choices=CHAIN_SLOTS)
CHAIN = ListOf(Pair(SLOT, Text(), "a [slot, value] pair", ("slot", "value")), "a list of [slot, value] pairs "
               f"(slot one of {', '.join(CHAIN_SLOTS)})", nullable=True)
TEXTS = Either((Text(), ListOf(Text(), "a list of text")))
BUDGET = Either((Pair(Whole(0), Whole(0, nullable=True), "[low, high]", ("low", "high")), Text(nullable=True)))

# `start.context`: what `ConversationContext.from_dict` takes; any other key is a SET_VAR variable (text).
START_CONTEXT = Fields({
    "current_stage": Text(nullable=True),
    **{f"current_{slot}": Text(nullable=True) for slot in CHAIN_SLOTS},
    "product_chain": CHAIN,
    "budget_range": BUDGET,
    "usage_scenario": Text(nullable=True),
    "user_preferences": Fields({}, "a mapping of slot: value", others=Text(), nullable=True),
    "query_count": Whole(0, nullable=True),
    "sales_stage": Whole(1, nullable=True),
    "last_intent": Text(nullable=True),
    "user_input": Text(nullable=True),
}, "a mapping of context variables", others=Text(), nullable=True)

START = Fields({"stage": Text(nullable=True), "context": START_CONTEXT}, "a mapping (stage, context)",
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
    "context": Fields({}, "a mapping of context variables", others=Anything()),
}, "a mapping of expectations", nullable=True, unknown="expectation")

OPENING = Fields({"expect": EXPECT}, "a mapping with `expect:`", nullable=True)


@dataclass(frozen=True)
class TurnItem:
    """A customer turn (`user:` and `expect:`), or the opening turn (`opening: {expect: …}`);
    the loader checks that an opening comes first."""
    fields: Fields
    description: str = "a mapping with `user:` (and `expect:`), or `opening:`"

    def accepts(self, node):
        return isinstance(node, MappingNode)

    def read(self, node, where):
        out = self.fields.read(node, where)
        if "opening" in out and ("user" in out or "expect" in out):
            raise Invalid.at(node, f"{where}: `opening:` stands alone; put its `expect:` inside it")
        if "opening" not in out and "user" not in out:
            raise Invalid.at(node, f"{where} needs `user:`")
        return out


TURN = TurnItem(Fields({"user": Text(), "expect": EXPECT, "opening": OPENING},
                       "a mapping with `user:` (and `expect:`), or `opening:`"))

TEST = Fields({
    "name": Text(nullable=True),
    "turns": ListOf(TURN, "a non-empty list of turns", min_items=1, label="turn {n}"),
    "llm": Text(choices=("off", "auto")),
    "start": START,
}, "a mapping with `name` and `turns`", required=("turns",))
