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

from studio.knowledge.model import Brand, Category, Knowledge, Series

# Fields an entry gets on creation even when empty; the others only when they have a value.
_CATEGORY_FIELDS = ("description", "icon", "subtypes")
_BRAND_FIELDS = ("aliases", "scenarios", "price_range")
_SERIES_FIELDS = ("aliases", "price_range", "scenarios", "attributes")
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
    _sync_fields(node, brand, before, _BRAND_FIELDS[:1], builder, sibling)
    _sync_series(node, brand, before, builder, sibling)
    _sync_fields(node, brand, before, _BRAND_FIELDS[1:], builder, sibling)
    _sync_extra(node, brand.extra, before.extra if before else {})


def _sync_series(node: MutableMapping, brand: Brand, before: Brand | None, builder: TreeBuilder,
                 sibling: MutableMapping | None) -> None:
    """The `series` list, each entry a bare name or an object as the model says.

    An entry whose name and form stay keeps its node (so its comments and key
    order stay); an object whose details changed is edited in place.
    """
    old_details = before.series_details if before else {}
    if before is not None and before.series == brand.series and old_details == brand.series_details:
        return
    items = node.get("series")
    if not isinstance(items, list):
        if brand.series or "series" in node or before is None:
            like = (sibling or {}).get("series")
            node["series"] = builder.value([], like=like)
            items = node["series"]
        else:
            return
    wanted = [("object" if name in brand.series_details else "name", name) for name in brand.series]
    opcodes = difflib.SequenceMatcher(a=[_series_key(item) for item in items], b=wanted,
                                      autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag != "equal":
            del items[i1:i2]
            for offset, (_, name) in enumerate(wanted[j1:j2]):
                detail = brand.series_details.get(name)
                items.insert(i1 + offset, name if detail is None else _series_node(detail, None, builder))
    for item in items:
        if isinstance(item, MutableMapping) and item.get("name") in brand.series_details:
            name = item["name"]
            if old_details.get(name) != brand.series_details[name]:
                _sync_series_object(item, brand.series_details[name], old_details.get(name), builder)


def _series_key(item: object) -> tuple:
    if isinstance(item, str):
        return ("name", item)
    if isinstance(item, MutableMapping) and isinstance(item.get("name"), str):
        return ("object", item["name"])
    return ("unreadable", id(item))   # the reader left it out: the model never asks for it back


def _series_node(series: Series, before: Series | None, builder: TreeBuilder) -> MutableMapping:
    node = builder.mapping()
    node["name"] = series.name
    _sync_series_object(node, series, before, builder)
    return node


def _sync_series_object(node: MutableMapping, series: Series, before: Series | None,
                        builder: TreeBuilder) -> None:
    for key in _SERIES_FIELDS:
        value = getattr(series, key)
        if before is not None and getattr(before, key) == value:
            continue
        if key == "attributes":
            if value or key in node:
                _sync_attributes(node, value, builder)
        elif value is None:
            node.pop(key, None)
        elif isinstance(value, (list, tuple)) and _is_scalar_list(node.get(key)):
            _sync_list(node[key], list(value))
        elif value or key in node:
            node[key] = builder.value(value, like=node.get(key))
    _sync_extra(node, series.extra, before.extra if before else {})


def _sync_attributes(node: MutableMapping, attributes: dict, builder: TreeBuilder) -> None:
    """Edit the `attributes` object in place: kept keys keep their place, new ones go last."""
    if not isinstance(node.get("attributes"), MutableMapping):
        node["attributes"] = builder.mapping()
    target = node["attributes"]
    for key in [k for k in target if k not in attributes]:
        del target[key]
    for key, value in attributes.items():
        if target.get(key) != value or type(target.get(key)) is not type(value):
            target[key] = value
    if [k for k in target] != list(attributes):
        for key in attributes:
            _move_to_end(target, key)


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
