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
from ruamel.yaml.composer import Composer

from studio.i18n import _

MAX_NESTING = 100


def too_deep() -> str:
    """Why a file nested deeper than `MAX_NESTING` is refused, in the current language."""
    return _("nested too deeply: more than {levels} levels of objects and lists").format(levels=MAX_NESTING)


_JSON_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def too_deep_nodes(root: object) -> list:
    """The objects and lists at level `MAX_NESTING + 1` (the root is level 1); empty when there are none.

    Level by level, each node once per level: YAML aliases may share one
    list many times over, which must not multiply the work.
    """
    level = [root] if isinstance(root, (dict, list)) else []
    for _level in range(MAX_NESTING):
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


class YamlTooDeep(Exception):
    """A YAML text nests collections deeper than `MAX_NESTING`; `line` and `column` (0-based) are
    where the first level too many starts."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(too_deep())
        self.line, self.column = line, column


class _LevelCountingComposer(Composer):
    """ruamel's composer, stopping at the first collection nested one level too deep.

    Composing recurses once per level, and ruamel scans deep flow lists
    slowly: stopping there keeps both bounded, whatever follows.
    """

    levels = 0

    def compose_sequence_node(self, anchor):
        return self._one_level_down(super().compose_sequence_node, anchor)

    def compose_mapping_node(self, anchor):
        return self._one_level_down(super().compose_mapping_node, anchor)

    def _one_level_down(self, compose, anchor):
        if self.levels == MAX_NESTING:
            mark = self.parser.peek_event().start_mark   # the collection's opening event
            raise YamlTooDeep(mark.line, mark.column)
        self.levels += 1
        try:
            return compose(anchor)
        finally:
            self.levels -= 1


def limit_nesting(yaml: YAML) -> YAML:
    """`yaml`, made to raise `YamlTooDeep` when it loads a text nested deeper than `MAX_NESTING`."""
    yaml.Composer = _LevelCountingComposer
    return yaml


def yaml_first_mark(nodes: list) -> tuple[int, int] | None:
    """The earliest position ruamel recorded for any of `nodes` (0-based line and column)."""
    marks = [(node.lc.line, node.lc.col) for node in nodes
             if getattr(getattr(node, "lc", None), "line", None) is not None]
    return min(marks, default=None)
