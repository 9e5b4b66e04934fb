"""How deeply a knowledge file nests its objects and lists: loading refuses more than `MAX_NESTING` levels.

The format itself is seven levels deep, and anything may sit under an
unknown key; but copying, saving and showing the data walk it recursively,
so a file nested deeper than `MAX_NESTING` is refused as unreadable (K100)
at the opener of its first level too many, before any of that runs. The
functions here walk iteratively and are safe at any depth.
"""
from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

try:   # ruamel 0.19 stops building a tree at `YAML.max_depth` nodes deep
    from ruamel.yaml.composer import MaxDepthExceededError as YamlTooDeep
except ImportError:   # before: it recurses once per level until Python's stack runs out
    YamlTooDeep = RecursionError

MAX_NESTING = 100
TOO_DEEP = f"nested too deeply: more than {MAX_NESTING} levels of objects and lists"
# ruamel counts every node: a scalar inside the deepest allowed list is one level below it.
YAML_MAX_DEPTH = MAX_NESTING + 1

_JSON_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def too_deep_nodes(root: object) -> list:
    """The objects and lists at level `MAX_NESTING + 1` (the root is level 1); empty when there are none.

    Level by level, each node once per level: YAML aliases may share one
    list many times over, which must not multiply the work.
    """
    level = [root] if isinstance(root, (dict, list)) else []
    for _ in range(MAX_NESTING):
        below: dict[int, object] = {}
        for node in level:
            for value in (node.values() if isinstance(node, dict) else node):
                if isinstance(value, (dict, list)):
                    below[id(value)] = value
        level = list(below.values())
        if not level:
            return []
    return level


def json_too_deep_offset(text: str) -> int | None:
    """Offset of the first `[` or `{` at level `MAX_NESTING + 1` of a JSON text (strings skipped), or None."""
    depth = 0
    for match in _JSON_STRING_OR_BRACKET.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return match.start()
        elif char in "]}":
            depth -= 1
    return None


def yaml_too_deep_mark(text: str) -> tuple[int, int] | None:
    """0-based line and column of the first collection at level `MAX_NESTING + 1` of a YAML text, or None.

    Read from the parser's events, which ruamel produces without recursion
    (building the tree is what recurses).
    """
    depth = 0
    try:
        for event in YAML().parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    return event.start_mark.line, event.start_mark.column
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except Exception:   # malformed further on: the collections before the error are what counts
        pass
    return None


def yaml_first_mark(nodes: list) -> tuple[int, int] | None:
    """The earliest position ruamel recorded for any of `nodes` (0-based line and column)."""
    marks = [(node.lc.line, node.lc.col) for node in nodes
             if getattr(getattr(node, "lc", None), "line", None) is not None]
    return min(marks, default=None)
