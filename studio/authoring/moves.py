"""Moving the rows and groups of a condition: up and down among their neighbours, into the group next to
them, out of the group they are in (`move_item`), or anywhere in the condition (`move_to`, what a drop does).

Each move edits the `Group` tree of a `RuleForm` in place; the form then renders
the rule, so a move is one edit of its text. Items are found by identity, not
equality: two rows may say the same thing. A group that a move leaves empty is
dropped (it would say nothing in the text).
"""
from __future__ import annotations

from studio.authoring.model import Group, Item

UP, DOWN, INTO_ABOVE, INTO_BELOW, OUT = "up", "down", "into_above", "into_below", "out"
MOVES = (UP, DOWN, INTO_ABOVE, INTO_BELOW, OUT)


def parent_of(root: Group, item: Item) -> Group | None:
    """The group holding `item` (None for `root` itself or an item not in the tree)."""
    for child in root.items:
        if child is item:
            return root
        if isinstance(child, Group):
            found = parent_of(child, item)
            if found is not None:
                return found
    return None


def can_move(root: Group, item: Item, move: str) -> bool:
    parent = parent_of(root, item)
    if parent is None:
        return False
    at = _index(parent, item)
    if move == UP:
        return at > 0
    if move == DOWN:
        return at < len(parent.items) - 1
    if move == INTO_ABOVE:
        return at > 0 and isinstance(parent.items[at - 1], Group)
    if move == INTO_BELOW:
        return at < len(parent.items) - 1 and isinstance(parent.items[at + 1], Group)
    if move == OUT:
        return parent is not root
    raise ValueError(f"unknown move: {move}")


def move_item(root: Group, item: Item, move: str) -> bool:
    """Apply `move` to `item` (somewhere under `root`); False when it cannot move that way."""
    if not can_move(root, item, move):
        return False
    parent = parent_of(root, item)
    at = _index(parent, item)
    items = parent.items
    if move in (UP, DOWN):
        other = at - 1 if move == UP else at + 1
        items[at], items[other] = items[other], items[at]
    elif move == INTO_ABOVE:
        del items[at]
        items[at - 1].items.append(item)
    elif move == INTO_BELOW:
        del items[at]
        items[at].items.insert(0, item)
    else:
        # out of the group, on the side of it where it was: the first item goes above the group, any other below
        outer = parent_of(root, parent)
        first = at == 0 and len(items) > 1
        del items[at]
        place = _index(outer, parent) + (0 if first else 1)
        outer.items.insert(place, item)
        if not parent.items:
            del outer.items[_index(outer, parent)]
    return True


def move_to(root: Group, item: Item, group: Group, index: int) -> bool:
    """Move `item` to position `index` of `group` (counted before the move), both under `root`. False when that
    changes nothing or would put a group inside itself."""
    parent = parent_of(root, item)
    if parent is None or not (group is root or contains(root, group)) or contains(item, group) or group is item:
        return False
    at = _index(parent, item)
    if parent is group and index in (at, at + 1):
        return False
    del parent.items[at]
    group.items.insert(index - 1 if parent is group and index > at else index, item)
    if not parent.items and parent is not root:
        outer = parent_of(root, parent)
        del outer.items[_index(outer, parent)]
    return True


def contains(outer: Item, item: Item) -> bool:
    """True when `item` is somewhere inside the group `outer` (not `outer` itself)."""
    return isinstance(outer, Group) and parent_of(outer, item) is not None


def path_of(root: Group, item: Item) -> list[int] | None:
    """The indices that lead from `root` to `item` (None: not in it)."""
    for at, child in enumerate(root.items):
        if child is item:
            return [at]
        if isinstance(child, Group):
            inner = path_of(child, item)
            if inner is not None:
                return [at] + inner
    return None


def item_at(root: Group, path: list[int]) -> Item | None:
    item: Item = root
    for at in path:
        if not isinstance(item, Group) or not 0 <= at < len(item.items):
            return None
        item = item.items[at]
    return item


def _index(group: Group, item: Item) -> int:
    return next(i for i, child in enumerate(group.items) if child is item)
