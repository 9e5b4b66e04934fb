"""Where a key or value of a knowledge file sits in its text, as a `Span`.

A *path* names a node the way the data is navigated: `("categories", "手机",
"brands", "苹果", "series", 2)`. The JSON module gives no positions, so
`JsonLocator` walks the (already valid) text once and records the span of
every key and value down to the depth the knowledge format uses. ruamel
keeps line/column on its nodes, which `YamlLocator` reads. Both fall back to
the nearest enclosing node they know.
"""
from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from studio.diagnostics import Span

Path = tuple

# categories > category > brands > brand > field > item, then a series object's field > item:
# deeper values are skipped whole.
_DEPTH = 9
_WHITESPACE = re.compile(r"[ \t\n\r]*")


class LineIndex:
    """Converts between character offsets and 1-based line/column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def span(self, start: int, end: int) -> Span:
        start, end = max(0, min(start, len(self.text))), max(0, min(end, len(self.text)))
        line, column = self._line_column(start)
        end_line, end_column = self._line_column(end)
        return Span(start, end, line, column, end_line, end_column)

    def offset(self, line0: int, column0: int) -> int:
        """Offset of a 0-based line/column (ruamel's and most parsers' marks)."""
        if line0 >= len(self._starts):
            return len(self.text)
        return min(self._starts[line0] + column0, len(self.text))

    def _line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


class JsonLocator:
    """Walks the text on the first question only: a clean file never needs a position."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._decoder = json.JSONDecoder()
        self._keys: dict[Path, Span] = {}
        self._values: dict[Path, Span] = {}
        self._duplicates: list[tuple[Path, Span]] = []
        self._walked = False

    @property
    def duplicates(self) -> list[tuple[Path, Span]]:
        """(path, span of the repeated key) of every key repeated in its object."""
        self._walk_once()
        return self._duplicates

    def locate(self, path: Path, key: bool = False) -> Span:
        self._walk_once()
        for depth in range(len(path), -1, -1):
            at = path[:depth]
            if key and depth == len(path) and at in self._keys:
                return self._keys[at]
            if at in self._values:
                return self._values[at]
        return Span.point()

    def _walk_once(self) -> None:
        if not self._walked:
            self._walked = True
            self.lines = LineIndex(self._text)
            start = self._skip(0)
            if start < len(self._text):
                self._walk(start, ())

    def _skip(self, i: int) -> int:
        return _WHITESPACE.match(self._text, i).end()

    def _walk(self, start: int, path: Path) -> int:
        """Record the value starting at `start`; returns the offset just past it."""
        opener = self._text[start]
        if opener == "{" and len(path) < _DEPTH:
            end = self._walk_object(start, path)
        elif opener == "[" and len(path) < _DEPTH:
            end = self._walk_array(start, path)
        else:
            end = self._decoder.raw_decode(self._text, start)[1]
        self._values.setdefault(path, self.lines.span(start, end))
        return end

    def _walk_object(self, start: int, path: Path) -> int:
        i, seen = self._skip(start + 1), set()
        while self._text[i] != "}":
            key, key_end = scanstring(self._text, i + 1)
            key_span = self.lines.span(i, key_end)
            duplicate = key in seen
            if duplicate:
                self._duplicates.append((path + (key,), key_span))
            else:
                seen.add(key)
                self._keys[path + (key,)] = key_span
            value_start = self._skip(self._skip(key_end) + 1)  # past the colon
            if duplicate:  # the first value is the one the data keeps
                value_end = self._decoder.raw_decode(self._text, value_start)[1]
            else:
                value_end = self._walk(value_start, path + (key,))
            i = self._skip(value_end)
            if self._text[i] == ",":
                i = self._skip(i + 1)
        return i + 1

    def _walk_array(self, start: int, path: Path) -> int:
        i, index = self._skip(start + 1), 0
        while self._text[i] != "]":
            i = self._skip(self._walk(i, path + (index,)))
            index += 1
            if self._text[i] == ",":
                i = self._skip(i + 1)
        return i + 1


class YamlLocator:
    def __init__(self, text: str, root: object) -> None:
        self.lines = LineIndex(text)
        self._text = text
        self._root = root

    def locate(self, path: Path, key: bool = False) -> Span:
        best, node = Span.point(), self._root
        for depth, part in enumerate(path):
            mark = self._mark(node, part, key and depth == len(path) - 1)
            if mark is None:
                break
            start = self.lines.offset(*mark)
            value = node[part]
            best = self.lines.span(start, start + self._width(start, part if key else value))
            node = value
        return best

    @staticmethod
    def _mark(node: object, part: object, key: bool) -> tuple[int, int] | None:
        try:
            if isinstance(node, CommentedMap) and part in node:
                return node.lc.key(part) if key else node.lc.value(part)
            if isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                return node.lc.item(part)
        except (KeyError, TypeError, AttributeError):
            pass  # nodes built by ruamel's tag constructors carry no marks
        return None

    def _width(self, start: int, value: object) -> int:
        """Characters of a scalar as written (quotes included); 1 for a collection."""
        if isinstance(value, (dict, list)) or value is None:
            return 1
        quoted = start < len(self._text) and self._text[start] in "\"'"
        return len(str(value)) + (2 if quoted else 0)
