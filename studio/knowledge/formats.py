"""The layout of a knowledge file, detected on load so that saving writes it the same way.

JSON: the indent unit (or compact separators), whether non-ASCII text is
`\\uXXXX`-escaped, and whether short lists of scalars sit on one line
(`"aliases": ["Apple", "iPhone"]`, the sample's style). YAML: the mapping
indent, the offset of a block sequence's dash and the spaces after it, which
ruamel needs to be told to reproduce `key:\\n  - item`. Both: line endings
and the final newline.
"""
from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass

from ruamel.yaml import YAML

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_SURROGATE = re.compile("[\ud800-\udfff]")
_YAML_BLOCK_KEY = re.compile(r"^ *(?!- )[^#\s][^#]*:[ \t]*(#.*)?$")


@dataclass(frozen=True)
class Layout:
    newline: str = "\n"
    final_newline: bool = True
    json_indent: str | None = "  "
    json_item_separator: str = ", "
    json_key_separator: str = ": "
    ensure_ascii: bool = False
    inline_scalar_lists: bool = True
    yaml_mapping_indent: int = 2
    yaml_dash_offset: int = 0
    yaml_dash_width: int = 2  # "- " or "-   ": the dash and the spaces before the item
    yaml_explicit_start: bool = False


def _line_layout(text: str) -> dict:
    return {"newline": "\r\n" if "\r\n" in text else "\n",
            "final_newline": text.endswith("\n") or not text}


def detect_json_layout(text: str) -> Layout:
    skeleton = _STRING.sub('""', text)  # string contents never decide the layout
    indent = re.search(r"\n([ \t]+)\S", skeleton.rstrip())
    separators = {}
    if not indent:
        colon = re.search(r":( ?)", skeleton)
        key_space = colon.group(1) if colon else " "
        item = re.search(r",( ?)", skeleton)  # without a comma, spacing follows the colon's
        separators = {"json_item_separator": "," + (item.group(1) if item else key_space),
                      "json_key_separator": ":" + key_space}
    non_empty_list = re.search(r"\[\s*[^\s\]]", skeleton)
    return Layout(**_line_layout(text), **separators,
                  json_indent=indent.group(1) if indent else None,
                  ensure_ascii=text.isascii() and bool(re.search(r"\\u[0-9a-fA-F]{4}", text)),
                  inline_scalar_lists=not non_empty_list or bool(re.search(r"\[[ \t]*[^\s\[\]{]", skeleton)))


def dump_json(value: object, layout: Layout) -> str:
    if layout.json_indent is None:
        text = json.dumps(value, ensure_ascii=layout.ensure_ascii,
                          separators=(layout.json_item_separator, layout.json_key_separator))
    else:
        text = _indented(value, layout, 0)
    # A lone surrogate (read from a `\\udfff` escape, kept in a value the model left out) cannot be
    # encoded as UTF-8; written back as the escape it came from, it reads back the same.
    return _finish(_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text), layout)


def _indented(value: object, layout: Layout, level: int) -> str:
    if not isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=layout.ensure_ascii)
    if not value:
        return "{}" if isinstance(value, dict) else "[]"
    if isinstance(value, list) and layout.inline_scalar_lists \
            and not any(isinstance(v, (dict, list)) for v in value):
        return "[" + ", ".join(_indented(v, layout, level) for v in value) + "]"
    inner = layout.json_indent * (level + 1)
    if isinstance(value, dict):
        items = [f"{inner}{_indented(str(k), layout, level)}: {_indented(v, layout, level + 1)}"
                 for k, v in value.items()]
        opener, closer = "{", "}"
    else:
        items = [inner + _indented(v, layout, level + 1) for v in value]
        opener, closer = "[", "]"
    return opener + "\n" + ",\n".join(items) + "\n" + layout.json_indent * level + closer


def detect_yaml_layout(text: str) -> Layout:
    mapping, offset, dash_width, parent = None, None, 2, None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if parent is not None:
            if stripped.startswith("- ") and offset is None:
                offset = indent - parent
                dash_width = len(re.match(r"-\s+", stripped).group())
            elif mapping is None and indent > parent:
                mapping = indent - parent
        parent = indent if _YAML_BLOCK_KEY.match(line) else None
        if mapping is not None and offset is not None:
            break
    return Layout(**_line_layout(text), yaml_mapping_indent=mapping or 2,
                  yaml_dash_offset=max(offset or 0, 0), yaml_dash_width=dash_width,
                  yaml_explicit_start=text.lstrip().startswith("---"))


def yaml_round_trip(layout: Layout) -> YAML:
    yaml = YAML()  # round-trip mode: comments, key order and quoting survive
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long descriptions
    yaml.indent(mapping=layout.yaml_mapping_indent, sequence=layout.yaml_dash_offset + layout.yaml_dash_width,
                offset=layout.yaml_dash_offset)
    yaml.explicit_start = layout.yaml_explicit_start
    return yaml


def dump_yaml(value: object, layout: Layout) -> str:
    stream = io.StringIO()
    yaml_round_trip(layout).dump(value, stream)
    return _finish(stream.getvalue(), layout)


def _finish(text: str, layout: Layout) -> str:
    text = text.rstrip("\n")
    if layout.final_newline:
        text += "\n"
    return text.replace("\n", layout.newline)
