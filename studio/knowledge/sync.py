"""Writing a `Knowledge` back into the data tree a file was read from, touching only what changed.

Each category, brand and field is compared with `before` (the knowledge as
last read or saved): an unchanged one keeps its node untouched, so YAML
comments, quoting and flow style, unknown keys and even values the reader
had to reject survive a save. Changed fields are replaced, new entries
appended, removed ones deleted, and the entries are put in the model's order.
"""
from __future__ import annotations

import difflib
from collections.abc import MutableMapping

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from studio.knowledge.model import Brand, Category, Knowledge

# Fields an entry gets on creation even when empty; the others only when they have a value.
_CATEGORY_FIELDS = ("description", "icon", "subtypes")
_BRAND_FIELDS = ("aliases", "series", "scenarios", "price_range")
_ALWAYS_WRITTEN = {"series"}


class TreeBuilder:
    """Creates the containers of one format: plain dict/list for JSON, ruamel's for YAML."""

    def __init__(self, yaml: bool) -> None:
        self.yaml = yaml

    def mapping(self) -> MutableMapping:
        return CommentedMap() if self.yaml else {}

    def value(self, value: object, like: object = None) -> object:
        if not isinstance(value, (list, tuple)):
            return value
        if not self.yaml:
            return list(value)  # a copy: the tree must not change when the model is edited
        seq = CommentedSeq(value)
        flow = like.fa.flow_style() if isinstance(like, CommentedSeq) else isinstance(value, tuple)
        if flow:  # keep `[a, b]` lists as they were; a new price range reads best that way too
            seq.fa.set_flow_style()
        return seq


def sync_root(root: MutableMapping, categories: list[Category], extra: dict, before: Knowledge,
              builder: TreeBuilder) -> None:
    """Make `root` hold `categories`, in that order, and the top-level keys `extra`."""
    _sync_extra(root, extra, before.extra)
    if not isinstance(root.get("categories"), MutableMapping):
        root["categories"] = builder.mapping()
    _sync_entries(root["categories"], categories, before.categories, builder, _sync_category)


def _sync_category(node: MutableMapping, category: Category, before: Category | None,
                   builder: TreeBuilder, sibling: MutableMapping | None) -> None:
    _sync_fields(node, category, before, _CATEGORY_FIELDS, builder, sibling)
    if before is None or category.brands != before.brands:
        if not isinstance(node.get("brands"), MutableMapping):
            node["brands"] = builder.mapping()
        _sync_entries(node["brands"], list(category.brands.values()), before.brands if before else {},
                      builder, _sync_brand)
    _sync_extra(node, category.extra, before.extra if before else {})


def _sync_brand(node: MutableMapping, brand: Brand, before: Brand | None, builder: TreeBuilder,
                sibling: MutableMapping | None) -> None:
    _sync_fields(node, brand, before, _BRAND_FIELDS, builder, sibling)
    _sync_extra(node, brand.extra, before.extra if before else {})


def _sync_entries(node: MutableMapping, entries: list, before: dict, builder: TreeBuilder, sync_one) -> None:
    wanted = [entry.name for entry in entries]
    kept = set(wanted)
    for name in before:
        if name not in kept:
            node.pop(name, None)
    for entry in entries:
        old = before.get(entry.name)
        if old == entry and entry.name in node:
            continue
        sibling = None
        if old is None or not isinstance(node.get(entry.name), MutableMapping):
            # A new entry copies the list style of an existing one.
            sibling = next((v for v in node.values() if isinstance(v, MutableMapping)), None)
            node[entry.name], old = builder.mapping(), None
        sync_one(node[entry.name], entry, old, builder, sibling)
    if [key for key in node if key in kept] != wanted:
        for name in wanted:
            _move_to_end(node, name)


def _sync_fields(node: MutableMapping, entry: object, before: object, fields: tuple[str, ...],
                 builder: TreeBuilder, sibling: MutableMapping | None) -> None:
    for key in fields:
        value = getattr(entry, key)
        if before is not None and getattr(before, key) == value:
            continue
        if value is None:
            node.pop(key, None)
        elif isinstance(value, (list, tuple)) and _is_scalar_list(node.get(key)):
            _sync_list(node[key], list(value))
        elif value or key in node or (before is None and key in _ALWAYS_WRITTEN):
            node[key] = builder.value(value, like=node[key] if key in node else (sibling or {}).get(key))


def _is_scalar_list(items: object) -> bool:
    return isinstance(items, list) and all(isinstance(i, (str, int, float)) or i is None for i in items)


def _sync_list(items: list, values: list) -> None:
    """Edit `items` into `values` in place, so the comments of the items that stay stay with them."""
    opcodes = difflib.SequenceMatcher(a=list(items), b=values, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag != "equal":
            del items[i1:i2]
            for offset, value in enumerate(values[j1:j2]):
                items.insert(i1 + offset, value)


def _sync_extra(node: MutableMapping, extra: dict, before: dict) -> None:
    for key in before:
        if key not in extra:
            node.pop(key, None)
    for key, value in extra.items():
        if key not in before or before[key] != value:
            node[key] = value


def _move_to_end(node: MutableMapping, key: str) -> None:
    if hasattr(node, "move_to_end"):  # ruamel's CommentedMap: keeps the comments of the key
        node.move_to_end(key)
    else:
        node[key] = node.pop(key)
