"""A conversation test's YAML as a node graph, read within limits, and its scalars as plain values.

ruamel never constructs Python objects here: the loader composes nodes (an
alias is the same node object again, not a copy) and the schema turns nodes
into plain values. The parser checks the limits on each event as the composer
takes it, before the composer goes one level deeper, so a small file can
neither expand into a huge structure (nested aliases, "billion laughs"), nor
nest deeper than Python's recursion allows, nor hold a number Python refuses
to print.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent, DocumentStartEvent,
                                ScalarEvent)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.parser import Parser
from ruamel.yaml.reader import ReaderError

from studio.i18n import _
from studio.yaml_words import yaml_problem

MAX_DEPTH = 50             # nested lists and mappings, aliases counted as what they stand for
ALIAS_BUDGET = 10_000      # nodes reached through aliases, each alias counted with everything under it
MAX_NUMBER_CHARS = 100     # Python will not even print an int of more than 4,300 digits

_TAG = "tag:yaml.org,2002:"
NULL, BOOL, INT, FLOAT, STR = (_TAG + name for name in ("null", "bool", "int", "float", "str"))
TIMESTAMP, MERGE, SEQ, MAP = (_TAG + name for name in ("timestamp", "merge", "seq", "map"))
_TEXT_TAGS = {STR, INT, FLOAT, BOOL, TIMESTAMP, NULL}
_SURROGATE = re.compile("[\ud800-\udfff]")
_TRUE = {"true", "yes", "y", "on"}     # YAML 1.1 spellings too, for a `%YAML 1.1` file


class Invalid(Exception):
    """Bad input at a 1-based line and column."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    @classmethod
    def at(cls, where: Node | None, message: str) -> "Invalid":
        """At a node (or an event: both carry a start mark); at 1:1 for an empty document."""
        mark = getattr(where, "start_mark", None)
        return cls(message, mark.line + 1, mark.column + 1) if mark else cls(message)


def compose(text: str) -> Node | None:
    """The document's root node (None when empty); Invalid when it is not YAML or breaks a limit."""
    yaml = YAML(typ="safe", pure=True)   # the pure-Python parser, so that ours can stand in for it
    yaml.Parser = _LimitedParser
    try:
        return yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        # TRANSLATORS: {problem} is what the YAML parser found wrong, translated when it is a common problem
        raise Invalid(_("not valid YAML: {problem}").format(problem=yaml_problem(exc.problem) if exc.problem else exc),
                      line, column) from None
    except ReaderError as exc:   # a character YAML does not allow: it knows the offset only
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise Invalid(_("not valid YAML: {problem} (character {character!r})").format(
            problem=exc.reason, character=exc.character), line, column) from None
    except YAMLError as exc:
        raise Invalid(_("not valid YAML: {problem}").format(problem=exc)) from None


@dataclass
class _Open:
    """A list or mapping whose end has not come yet."""
    anchor: str | None
    nodes: int = 1
    height: int = 1


class _LimitedParser(Parser):
    """ruamel's parser, checking each event the composer takes against the limits."""

    def __init__(self, loader) -> None:
        super().__init__(loader)
        self._limits = _Limits()

    def get_event(self):
        event = super().get_event()
        self._limits.check(event)
        return event


class _Limits:
    """Depth and alias expansion, from sizes memoised per anchor: linear in the text, nothing expanded."""

    def __init__(self) -> None:
        self.open: list[_Open] = []
        self.anchored: dict[str, tuple[int, int]] = {}   # anchor -> (nodes, height) of the finished node
        self.through_aliases = 0

    def check(self, event) -> None:
        if isinstance(event, DocumentStartEvent):
            self.anchored.clear()
            return
        if isinstance(event, CollectionStartEvent):
            if len(self.open) >= MAX_DEPTH:
                raise Invalid.at(event, _("nested too deep: more than {levels} levels of lists and mappings").format(
                    levels=MAX_DEPTH))
            self.open.append(_Open(event.anchor))
            return
        if isinstance(event, CollectionEndEvent):
            closed = self.open.pop()
            anchor, nodes, height = closed.anchor, closed.nodes, closed.height
        elif isinstance(event, ScalarEvent):
            anchor, nodes, height = event.anchor, 1, 0
        elif isinstance(event, AliasEvent):
            anchor = None
            nodes, height = self._alias(event)
        else:
            return
        if anchor:
            self.anchored[anchor] = (nodes, height)
        if self.open:
            self.open[-1].nodes += nodes
            self.open[-1].height = max(self.open[-1].height, height + 1)

    def _alias(self, event: AliasEvent) -> tuple[int, int]:
        name = event.anchor
        if any(o.anchor == name for o in self.open):
            raise Invalid.at(event, _("alias *{name} is inside its own anchor &{name}: a value cannot contain itself")
                             .format(name=name))
        if name not in self.anchored:
            raise Invalid.at(event, _("alias *{name} names no anchor defined before it").format(name=name))
        nodes, height = self.anchored[name]
        self.through_aliases += nodes
        if self.through_aliases > ALIAS_BUDGET:
            raise Invalid.at(event, _("aliases expand to more than {limit} nodes "
                                      "(the limit for a conversation test); write the values out").format(
                limit=f"{ALIAS_BUDGET:,}"))
        if len(self.open) + height > MAX_DEPTH:
            raise Invalid.at(event, _("nested too deep through *{name}: more than {levels} levels of lists and "
                                      "mappings").format(name=name, levels=MAX_DEPTH))
        return nodes, height


# ------------------------------------------------------------------ reading nodes

def mapping_pairs(node: MappingNode) -> list[tuple[Node, Node]]:
    """(key node, value node) pairs with `<<` merges applied: own keys first, then merged ones not given."""
    own, merged = [], []
    for key, value in node.value:
        if isinstance(key, ScalarNode) and str(key.tag) == MERGE:
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for source in sources:
                if not isinstance(source, MappingNode):
                    raise Invalid.at(source, _("a merge (<<) takes a mapping or a list of mappings"))
                merged.extend(mapping_pairs(source))
        else:
            own.append((key, value))
    seen = {k.value for k, _ in own if isinstance(k, ScalarNode)}
    for key, value in merged:
        if not isinstance(key, ScalarNode):
            own.append((key, value))      # the schema refuses it where the merge put it
        elif key.value not in seen:
            seen.add(key.value)
            own.append((key, value))
    return own


def written(node: ScalarNode) -> str:
    """The scalar as written (`0x1F` stays "0x1F"), after the checks every scalar passes."""
    tag, text = str(node.tag), node.value
    if tag not in _TEXT_TAGS:
        raise Invalid.at(node, _("unsupported tag {tag}: a conversation test holds text, numbers, "
                                 "true/false, null, lists and mappings").format(tag=_short(tag)))
    surrogate = _SURROGATE.search(text)
    if surrogate:
        # TRANSLATORS: {escape} is e.g. \udfff
        raise Invalid.at(node, _("the text holds a lone surrogate {escape}, which UTF-8 cannot encode; "
                                 "write a character beyond U+FFFF as \\UXXXXXXXX").format(
            escape=f"\\u{ord(surrogate.group()):04x}"))
    if tag in (INT, FLOAT) and len(text) > MAX_NUMBER_CHARS:
        raise Invalid.at(node, _("a number of {length} characters is too long (at most {limit}); "
                                 "quote it if it is text").format(length=len(text), limit=MAX_NUMBER_CHARS))
    return text


def scalar_value(node: ScalarNode) -> None | bool | int | float | str:
    """The scalar as YAML types it: null, true/false, a number, or text (a date stays text)."""
    text, tag = written(node), str(node.tag)
    if tag == NULL:
        return None
    if tag == BOOL:
        return text.lower() in _TRUE
    if tag == INT:
        return _integer(node, text)
    if tag == FLOAT:
        try:
            value = float(text.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan"))
        except ValueError:
            raise Invalid.at(node, _("{text!r} is not a number").format(text=text)) from None
        if not math.isfinite(value):
            raise Invalid.at(node, _("{text} is not a finite number").format(text=text))
        return value
    return text


def _integer(node: ScalarNode, text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    if digits[:1] in ("+", "-"):
        digits = digits[1:]
    try:
        if ":" in digits:   # YAML 1.1 base 60: 1:30 is 90
            value = 0
            for part in digits.split(":"):
                value = value * 60 + int(part)
        elif digits[:2].lower() in ("0x", "0o", "0b"):
            value = int(digits, 0)
        else:
            value = int(digits)
    except ValueError:
        raise Invalid.at(node, _("{text!r} is not a whole number").format(text=text)) from None
    return sign * value


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag
