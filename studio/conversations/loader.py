"""Reads conversation test files; a malformed one is a LoadError naming file and line, never a traceback.

The text is composed into YAML nodes within limits (`yaml_nodes`), read with
the one declared format (`schema.TEST`), and the lines of turns and
expectations are taken from the same nodes.
"""
from __future__ import annotations

from pathlib import Path

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from studio import files
from studio.conversations.model import ConversationTest, LoadError, TurnSpec
from studio.conversations.schema import TEST, Where
from studio.conversations.yaml_nodes import Invalid, compose, mapping_pairs
from studio.files import reason_of
from studio.i18n import _


def load_test(path: Path, rel: str) -> ConversationTest | LoadError:
    try:
        text = files.read_text(path, files.CONVERSATION_SIZE_LIMIT)  # regular files only, size-limited
    except (OSError, UnicodeDecodeError) as exc:
        return LoadError(rel, 1, 1, _("cannot read the file: {reason}").format(reason=reason_of(exc)))
    return parse_test(text, rel, default_name=path.stem)


def parse_test(text: str, rel: str, default_name: str = "") -> ConversationTest | LoadError:
    try:
        root = compose(text)
        data = TEST.read(root, Where())
    except Invalid as exc:
        return LoadError(rel, exc.line, exc.column, exc.message)
    turn_nodes = _value(root, "turns").value
    opening = None
    for number, (spec, node) in enumerate(zip(data["turns"], turn_nodes), 1):
        if "opening" in spec and number > 1:
            return LoadError(rel, _line(node), node.start_mark.column + 1,
                             _("turn {n}: `opening:` can only be the first item of `turns:`").format(n=number))
    if "opening" in data["turns"][0]:
        opening = _turn(data["turns"][0]["opening"] or {}, _value(turn_nodes[0], "opening"), None, turn_nodes[0])
    turns = tuple(_turn(spec, node, spec["user"], node) for spec, node in zip(data["turns"], turn_nodes)
                  if "opening" not in spec)
    return ConversationTest(data.get("name") or default_name, rel, turns, data.get("llm", "off"),
                            data.get("start") or {}, _line(root), opening)


def _turn(spec: dict, node: Node | None, user: str | None, item: MappingNode) -> TurnSpec:
    expect_node = _value(node, "expect") if isinstance(node, MappingNode) else None
    lines = {}
    if isinstance(expect_node, MappingNode):
        lines = {key.value: _line(key) for key, _ in mapping_pairs(expect_node)}
    return TurnSpec(user, spec.get("expect") or {}, _line(item), lines)


def _value(node: MappingNode, name: str) -> Node | None:
    """The value node of a key the schema has already read."""
    return next((value for key, value in mapping_pairs(node)
                 if isinstance(key, ScalarNode) and key.value == name), None)


def _line(node: Node) -> int:
    return node.start_mark.line + 1
