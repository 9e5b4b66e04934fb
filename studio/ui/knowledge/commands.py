"""Every knowledge edit as a `QUndoCommand`, and `KnowledgeEditor`, which validates before pushing.

The commands change the knowledge only through the model's mutation methods
and remember exactly what they need to undo (the removed subtree, the old
name, the old value). They store paths of rows (see model.py): the undo
stack replays them in the state they were made in.

`KnowledgeEditor` is what the panel, the property form and the model's own
`setData` / drop call. Each method checks the new value with the knowledge
package's validation first; when it is refused, nothing is pushed, the
reason is returned and `edit_refused(reason)` is emitted.
"""
from __future__ import annotations

import copy
import inspect
import weakref
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from studio.knowledge import Brand, Category, Knowledge, Series, name_problem, price_range_problem
from studio.knowledge.validation import names_problems, series_problems
from studio.ui.knowledge.model import (BRAND, CATEGORY, SERIES, KnowledgeTreeModel, Path, format_price,
                                       join_names, kind_of_path)

# property -> (kinds that have it, the word used in reasons for its list items)
PROPERTIES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "description": ((CATEGORY,), None),
    "icon": ((CATEGORY,), None),
    "subtypes": ((CATEGORY,), "subtype"),
    "aliases": ((BRAND,), "alias"),
    "scenarios": ((BRAND,), "scenario"),
    "price_range": ((BRAND,), None),
}


class RuleBuffers(Protocol):
    """What a buffer command needs of the Workspace."""

    def rule_texts(self) -> dict[str, str]: ...
    def set_buffer(self, rel: str, text: str) -> None: ...


def kind_label(kind: str) -> str:
    return {CATEGORY: QCoreApplication.translate("KnowledgeEditor", "category"),
            BRAND: QCoreApplication.translate("KnowledgeEditor", "brand"),
            SERIES: QCoreApplication.translate("KnowledgeEditor", "series")}[kind]


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return join_names(value) or "∅"
    if isinstance(value, tuple):
        return format_price(value)
    return str(value) if value not in (None, "") else "∅"


class AddCommand(QUndoCommand):
    """Add a node (a new category, brand or series, or one brought back)."""

    def __init__(self, model: KnowledgeTreeModel, path: Path, item: Category | Brand | str,
                 parent: QUndoCommand | None = None) -> None:
        name = item if isinstance(item, str) else item.name
        super().__init__(QCoreApplication.translate("KnowledgeEditor", "Add {kind} {name}").format(
            kind=kind_label(kind_of_path(path)), name=name), parent)
        self._model, self._path, self._item = model, path, item

    def redo(self) -> None:
        self._model.insert_item(self._path, self._item)

    def undo(self) -> None:
        self._model.remove_item(self._path)


class DeleteCommand(QUndoCommand):
    """Delete a node and its subtree; undo puts the very same objects back (a series with its details)."""

    def __init__(self, model: KnowledgeTreeModel, path: Path, parent: QUndoCommand | None = None) -> None:
        item = model.item(path)
        name = item if isinstance(item, str) else item.name
        super().__init__(QCoreApplication.translate("KnowledgeEditor", "Delete {kind} {name}").format(
            kind=kind_label(kind_of_path(path)), name=name), parent)
        self._model, self._path = model, path
        self._item: Category | Brand | str | None = None
        self._detail: Series | None = None

    def redo(self) -> None:
        if len(self._path) == 3:
            self._detail = self._model.series_detail(self._path)
        self._item = self._model.remove_item(self._path)

    def undo(self) -> None:
        self._model.insert_item(self._path, self._item)
        if self._detail is not None:
            self._model.set_series_detail(self._path, self._detail)


class RenameCommand(QUndoCommand):
    def __init__(self, model: KnowledgeTreeModel, path: Path, new: str,
                 parent: QUndoCommand | None = None) -> None:
        item = model.item(path)
        self._old = item if isinstance(item, str) else item.name
        super().__init__(QCoreApplication.translate("KnowledgeEditor", "Rename {kind} {old} → {new}").format(
            kind=kind_label(kind_of_path(path)), old=self._old, new=new), parent)
        self._model, self._path, self._new = model, path, new

    def redo(self) -> None:
        self._model.rename_item(self._path, self._new)

    def undo(self) -> None:
        self._model.rename_item(self._path, self._old)


class MoveCommand(QUndoCommand):
    def __init__(self, model: KnowledgeTreeModel, path: Path, row: int,
                 parent: QUndoCommand | None = None) -> None:
        item = model.item(path)
        name = item if isinstance(item, str) else item.name
        super().__init__(QCoreApplication.translate("KnowledgeEditor", "Move {kind} {name}").format(
            kind=kind_label(kind_of_path(path)), name=name), parent)
        self._model, self._path, self._row = model, path, row

    def redo(self) -> None:
        self._model.move_item(self._path, self._row)

    def undo(self) -> None:
        self._model.move_item(self._path[:-1] + (self._row,), self._path[-1])


class SetPropertyCommand(QUndoCommand):
    def __init__(self, model: KnowledgeTreeModel, path: Path, field: str, value: Any,
                 parent: QUndoCommand | None = None) -> None:
        item = model.item(path)
        self._old = copy.copy(getattr(item, field))
        super().__init__(QCoreApplication.translate("KnowledgeEditor", "Set {field} of {name}: {value}").format(
            field=field, name=item.name, value=_describe(value)), parent)
        self._model, self._path, self._field, self._new = model, path, field, copy.copy(value)

    def redo(self) -> None:
        self._model.set_field(self._path, self._field, copy.copy(self._new))

    def undo(self) -> None:
        self._model.set_field(self._path, self._field, copy.copy(self._old))


class SetSeriesDetailCommand(QUndoCommand):
    """Change a series' details (a bare name given details becomes a series object)."""

    def __init__(self, model: KnowledgeTreeModel, path: Path, field: str, new: Series,
                 parent: QUndoCommand | None = None) -> None:
        old = model.series_detail(path)
        super().__init__(QCoreApplication.translate("KnowledgeEditor", "Set {field} of {name}: {value}").format(
            field=field, name=new.name, value=_describe(getattr(new, field))), parent)
        self._model, self._path = model, path
        self._old, self._new = (old.copy() if old else None), new.copy()

    def redo(self) -> None:
        self._model.set_series_detail(self._path, self._new.copy())

    def undo(self) -> None:
        self._model.set_series_detail(self._path, self._old.copy() if self._old else None)


class ReplaceKnowledgeCommand(QUndoCommand):
    """Replace every category (an import); undo brings the very same objects back."""

    def __init__(self, model: KnowledgeTreeModel, categories: dict[str, Category], text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self._model, self._old, self._new = model, model.knowledge.categories, categories

    def redo(self) -> None:
        self._model.replace_categories(self._new)

    def undo(self) -> None:
        self._model.replace_categories(self._old)


class RuleBuffersCommand(QUndoCommand):
    """Replace rule buffer texts (the rename of a brand in the rules); undo restores the old texts.

    A file whose text was changed by someone else since (typing in its editor) is left as it
    is rather than overwritten: its later edits matter more than this step.
    """

    def __init__(self, buffers: RuleBuffers, old: Mapping[str, str], new: Mapping[str, str],
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(QCoreApplication.translate("KnowledgeEditor", "Rename in the rules"), parent)
        self._buffers, self._old, self._new = buffers, dict(old), dict(new)
        self.skipped: list[str] = []
        """The files the last redo/undo left alone because they had changed meanwhile."""

    def _replace(self, expected: Mapping[str, str], wanted: Mapping[str, str]) -> None:
        current = self._buffers.rule_texts()
        self.skipped = []
        for rel, text in wanted.items():
            if current.get(rel) == expected[rel]:
                self._buffers.set_buffer(rel, text)
            elif current.get(rel) != text:
                self.skipped.append(rel)

    def redo(self) -> None:
        self._replace(self._old, self._new)

    def undo(self) -> None:
        self._replace(self._new, self._old)


class MacroCommand(QUndoCommand):
    """Several commands as one undo step. It holds its parts itself (rather than as Qt child
    commands) so that their Python objects, and their redo/undo overrides, stay alive."""

    def __init__(self, text: str, parts: list[QUndoCommand]) -> None:
        super().__init__(text)
        self._parts = parts

    def redo(self) -> None:
        for part in self._parts:
            part.redo()

    def undo(self) -> None:
        for part in reversed(self._parts):
            part.undo()


class KnowledgeEditor(QObject):
    """Validates an edit, then pushes its command; the one way the knowledge gets edited."""

    edit_refused = Signal(str)      # the reason an edit was not made
    """Emitted with a reason a person can read; nothing was changed."""

    def __init__(self, model: KnowledgeTreeModel, undo_stack: QUndoStack | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        model.editor = self
        self._hook: Callable[[], Callable[[Path, str, str], bool] | None] = lambda: None

    @property
    def brand_rename_hook(self) -> Callable[[Path, str, str], bool] | None:
        """Called as hook(path, old, new) before a brand is renamed; returns True when it takes
        the rename over (the panel's "rename in the rules too?" preview). A bound method is
        held weakly, so that the panel and its editor form no reference cycle."""
        return self._hook()

    @brand_rename_hook.setter
    def brand_rename_hook(self, hook: Callable[[Path, str, str], bool] | None) -> None:
        if hook is None:
            self._hook = lambda: None
        elif inspect.ismethod(hook):
            self._hook = weakref.WeakMethod(hook)
        else:
            self._hook = lambda: hook

    # --- validation ---------------------------------------------------------------------

    def sibling_names(self, path: Path, exclude_self: bool = True) -> list[str]:
        """The names beside the node at `path` (its level), without itself."""
        knowledge = self.model.knowledge
        if len(path) == 1:
            names = list(knowledge.categories)
        elif len(path) == 2:
            names = list(self.model.item(path[:1]).brands)
        else:
            names = list(self.model.item(path[:2]).series)
        if exclude_self and path[-1] < len(names):
            del names[path[-1]]
        return names

    def name_problem(self, path: Path, name: object, new: bool = False) -> str | None:
        """Why `name` cannot be the name of the node at `path` (or of a new node beside it)."""
        siblings = self.sibling_names(path, exclude_self=not new)
        return name_problem(name, siblings, kind_of_path(path))

    def property_problem(self, path: Path, field: str, value: Any) -> str | None:
        kind = kind_of_path(path)
        kinds, word = PROPERTIES.get(field, ((), None))
        if kind not in kinds:
            return QCoreApplication.translate("KnowledgeEditor", "a {kind} has no {field}").format(
                kind=kind_label(kind), field=field)
        if field == "price_range":
            return None if value is None else price_range_problem(value)
        if word is not None:
            if not isinstance(value, list):
                return QCoreApplication.translate("KnowledgeEditor", "{field} must be a list").format(field=field)
            problems = names_problems(value, word)
            return problems[0] if problems else None
        if isinstance(value, str):
            return None
        return QCoreApplication.translate("KnowledgeEditor", "{field} must be text").format(field=field)

    def _refuse(self, reason: str) -> str:
        self.edit_refused.emit(reason)
        return reason

    # --- edits ---------------------------------------------------------------------------

    def default_name(self, parent_path: Path) -> str:
        """A free name for a new child of `parent_path` ("New brand", "New brand 2", ...)."""
        kind = KINDS_BY_DEPTH[len(parent_path)]
        base = {CATEGORY: QCoreApplication.translate("KnowledgeEditor", "New category"),
                BRAND: QCoreApplication.translate("KnowledgeEditor", "New brand"),
                SERIES: QCoreApplication.translate("KnowledgeEditor", "New series")}[kind]
        probe = parent_path + (10 ** 9,)
        name, number = base, 1
        while self.name_problem(probe, name, new=True):
            number += 1
            name = f"{base} {number}"
        return name

    def add(self, parent_path: Path, name: str | None = None, row: int | None = None) -> Path | str:
        """Add a category (`parent_path == ()`), brand or series; its path, or the refusal reason."""
        if len(parent_path) > 2:
            return self._refuse(QCoreApplication.translate("KnowledgeEditor", "a series has no children"))
        count = len(self.sibling_names(parent_path + (10 ** 9,), exclude_self=False))
        row = count if row is None else max(0, min(row, count))
        path = parent_path + (row,)
        name = self.default_name(parent_path) if name is None else name
        problem = self.name_problem(path, name, new=True)
        if problem:
            return self._refuse(problem)
        item: Category | Brand | str = (Category(name) if len(path) == 1 else Brand(name) if len(path) == 2
                                        else name)
        self.undo_stack.push(AddCommand(self.model, path, item))
        return path

    def delete(self, path: Path) -> None:
        self.undo_stack.push(DeleteCommand(self.model, path))

    def rename(self, path: Path, name: str, ask_about_rules: bool = True) -> str | None:
        """Rename the node at `path`; None when done (or handed to the brand hook), else the reason."""
        item = self.model.item(path)
        old = item if isinstance(item, str) else item.name
        if name == old:
            return None
        problem = self.name_problem(path, name)
        if problem:
            return self._refuse(problem)
        hook = self.brand_rename_hook
        if ask_about_rules and len(path) == 2 and hook is not None and hook(path, old, name):
            return None
        self.undo_stack.push(RenameCommand(self.model, path, name))
        return None

    def rename_brand_in_rules(self, path: Path, name: str, buffers: RuleBuffers,
                              old_texts: Mapping[str, str], new_texts: Mapping[str, str],
                              keep_alias: bool = False) -> str | None:
        """Rename the brand at `path`, replace the rule buffers and (`keep_alias`) add the old name
        to the brand's aliases, as one undo step."""
        problem = self.name_problem(path, name)
        if problem:
            return self._refuse(problem)
        brand = self.model.item(path)
        old = brand.name
        parts: list[QUndoCommand] = [RenameCommand(self.model, path, name)]
        if keep_alias and not any(alias.casefold() == old.casefold() for alias in brand.aliases):
            parts.append(SetPropertyCommand(self.model, path, "aliases", [*brand.aliases, old]))
        if new_texts:
            parts.append(RuleBuffersCommand(buffers, {rel: old_texts[rel] for rel in new_texts}, new_texts))
        self.undo_stack.push(MacroCommand(
            QCoreApplication.translate("KnowledgeEditor", "Rename brand {old} → {new} (and in the rules)").format(
                old=old, new=name), parts))
        return None

    def move(self, path: Path, row: int) -> str | None:
        count = len(self.sibling_names(path, exclude_self=False))
        if not 0 <= row < count:
            return self._refuse(QCoreApplication.translate("KnowledgeEditor", "cannot move there"))
        if row != path[-1]:
            self.undo_stack.push(MoveCommand(self.model, path, row))
        return None

    def set_property(self, path: Path, field: str, value: Any) -> str | None:
        """Set a property of the node at `path`; None when done (or unchanged), else the reason."""
        if field == "price_range" and isinstance(value, list):
            value = tuple(value)
        problem = self.property_problem(path, field, value)
        if problem:
            return self._refuse(problem)
        if getattr(self.model.item(path), field) == value:
            return None
        self.undo_stack.push(SetPropertyCommand(self.model, path, field, value))
        return None

    def set_series_field(self, path: Path, field: str, value: Any) -> str | None:
        """Set `aliases`, `scenarios`, `price_range` or `attributes` of the series at `path`;
        None when done (or unchanged), else the reason."""
        if kind_of_path(path) != SERIES or field not in SERIES_FIELDS:
            return self._refuse(QCoreApplication.translate("KnowledgeEditor", "a {kind} has no {field}").format(
                kind=kind_label(kind_of_path(path)), field=field))
        if field == "price_range" and isinstance(value, list):
            value = tuple(value)
        old = self.model.series_detail(path)
        new = old.copy() if old else Series(self.model.item(path))
        setattr(new, field, copy.copy(value))
        problems = series_problems(new)
        if problems:
            return self._refuse(problems[0])
        if old is not None and old == new:
            return None
        if old is None and getattr(new, field) in (None, [], {}):
            return None   # nothing to say about a bare name: it stays one
        self.undo_stack.push(SetSeriesDetailCommand(self.model, path, field, new))
        return None

    def replace_knowledge(self, imported: Knowledge) -> None:
        """Take every category of `imported` (a copy) as one undo step."""
        self.undo_stack.push(ReplaceKnowledgeCommand(
            self.model, imported.copy().categories, QCoreApplication.translate("KnowledgeEditor", "Import knowledge")))


KINDS_BY_DEPTH = {0: CATEGORY, 1: BRAND, 2: SERIES}
SERIES_FIELDS = ("aliases", "scenarios", "price_range", "attributes")
