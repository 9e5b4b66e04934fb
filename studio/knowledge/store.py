"""Loading knowledge files (JSON / YAML), merging them, and saving them back safely.

Diagnostic codes (docs/knowledge.md): K100 the file cannot be read or parsed
(or nests too deeply: see nesting.py), K110 its structure is invalid, K120 a category repeats one of an earlier
file (ignored), K130 an ambiguous alias, K140 a probably misspelt key.

Saving goes through the `KnowledgeDocument` a file was loaded as: it writes
the same format and layout, changes only the entries that changed, writes a
temporary file beside the target and renames it over, and refuses while the
file on disk (or as it was loaded) cannot be parsed, so a file the user is
fixing by hand is never overwritten.
"""
from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from studio import atomic, files
from studio.diagnostics import Diagnostic, Severity, Span
from studio.files import reason_of
from studio.i18n import N_, _
from studio.json_words import json_problem
from studio.yaml_words import yaml_problem
from studio.knowledge.formats import (Layout, detect_json_layout, detect_yaml_layout, dump_json, dump_yaml,
                                      yaml_round_trip)
from studio.knowledge.model import Knowledge
from studio.knowledge.nesting import (YamlTooDeep, json_too_deep_offset, limit_nesting, too_deep, too_deep_nodes,
                                      yaml_first_mark)
from studio.knowledge.positions import JsonLocator, LineIndex, YamlLocator
from studio.knowledge.reader import TreeReader
from studio.knowledge.sync import TreeBuilder, sync_root

FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_BOM = "\ufeff"


class KnowledgeSaveError(Exception):
    """A knowledge file was not written; the message says why."""


@dataclass
class _Parsed:
    tree: object | None  # None: the text is not valid JSON / YAML
    layout: Layout
    knowledge: Knowledge = field(default_factory=Knowledge)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problem: str | None = None  # why saving over this file would lose something (English, marked with N_)
    locate: Callable[[tuple, bool], Span] = lambda path, key=False: Span.point()


def _k100(message: str, span: Span) -> Diagnostic:
    return Diagnostic(Severity.ERROR, "K100", message, span)


def _load_json(text: str) -> tuple[object, Diagnostic | None, bool]:
    """The data of a JSON text (the first of repeated keys wins), or the K100 diagnostic
    of why it is not JSON; and whether a key was repeated."""
    repeated: list[str] = []

    def first_wins(pairs: list[tuple[str, object]]) -> dict:
        result: dict = {}
        for key, value in pairs:
            if key in result:
                repeated.append(key)
            else:
                result[key] = value
        return result

    try:
        tree = json.loads(text, object_pairs_hook=first_wins)
    except json.JSONDecodeError as error:
        # TRANSLATORS: {problem} is the JSON parser's words, translated
        return None, _k100(_("invalid JSON: {problem}").format(problem=json_problem(error)),
                           LineIndex(text).span(error.pos, error.pos + 1)), False
    except RecursionError:  # deeper than the decoder's own stack: too deep by far
        return None, _json_too_deep(text), False
    except ValueError as error:
        return None, _k100(_("invalid JSON: {problem}").format(problem=error), Span.point()), False
    if too_deep_nodes(tree):
        return None, _json_too_deep(text), False
    return tree, None, bool(repeated)


def _json_too_deep(text: str) -> Diagnostic:
    offset = json_too_deep_offset(text)
    return _k100(too_deep(), Span.point() if offset is None else LineIndex(text).span(offset, offset + 1))


def _yaml_too_deep(text: str, mark: tuple[int, int] | None) -> Diagnostic:
    lines = LineIndex(text)
    start = lines.offset(*mark) if mark else 0
    return _k100(too_deep(), lines.span(start, start + 1))


def _load_yaml(text: str, layout: Layout) -> tuple[object, Diagnostic | None]:
    """The round-trip data of a YAML text, or the K100 diagnostic of why it is not YAML."""
    try:
        tree = limit_nesting(yaml_round_trip(layout)).load(text)
    except YamlTooDeep as error:
        return None, _yaml_too_deep(text, (error.line, error.column))
    except Exception as error:  # ruamel raises many types on malformed input; none may escape
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        lines = LineIndex(text)
        start = lines.offset(mark.line, mark.column) if mark else getattr(error, "position", 0) or 0
        problem = getattr(error, "problem", None) or (str(error).strip().splitlines() or [type(error).__name__])[0]
        # TRANSLATORS: {problem} is what the YAML parser found wrong, translated when it is a common problem
        return None, _k100(_("invalid YAML: {problem}").format(problem=yaml_problem(problem)),
                           lines.span(start, start + 1))
    too_deep = too_deep_nodes(tree)   # levels reached through aliases: the aliased collections are the place
    if too_deep:
        return None, _yaml_too_deep(text, yaml_first_mark(too_deep))
    return tree, None


def _parse(text: str, fmt: str) -> _Parsed:
    """Parse and read one file's text: its data, knowledge, diagnostics and whether it may be saved over."""
    layout = detect_json_layout(text) if fmt == "json" else detect_yaml_layout(text)
    if fmt == "json":
        tree, failure, repeated_keys = _load_json(text)
    else:
        (tree, failure), repeated_keys = _load_yaml(text, layout), False  # ruamel refuses them itself
    if failure:
        return _Parsed(None, layout, diagnostics=[failure],
                       problem=N_("it is not valid JSON") if fmt == "json" else N_("it is not valid YAML"))
    locator = JsonLocator(text) if fmt == "json" else YamlLocator(text, tree)
    reader = TreeReader(locator.locate)
    knowledge = reader.read(tree)
    duplicates = locator.duplicates if repeated_keys else []
    diagnostics = reader.diagnostics + [
        Diagnostic(Severity.ERROR, "K110", _("duplicate key {key!r}: only the first one is read").format(key=path[-1]),
                   span)
        for path, span in duplicates]
    problem = (N_("it has duplicate keys, whose later values would be lost") if duplicates
               else None if reader.writable else N_("its top level is not a knowledge object"))
    return _Parsed(tree, layout, knowledge, diagnostics, problem, locator.locate)


def _read_text(path: Path) -> tuple[str | None, bool, Diagnostic | None]:
    """(text, had a BOM, K100 diagnostic) of a UTF-8 file."""
    try:
        data = files.read_bytes(path, files.knowledge_size_limit(path))  # regular files only, size-limited
    except OSError as error:
        # TRANSLATORS: {reason} is why, e.g. "No such file or directory" (translated)
        return None, False, _k100(_("cannot read the file: {reason}").format(reason=reason_of(error)),
                                  Span.point())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[:error.start].decode("utf-8", errors="replace")
        return None, False, _k100(_("the file is not UTF-8 text"), LineIndex(prefix).span(len(prefix), len(prefix)))
    return text.removeprefix(_BOM), text.startswith(_BOM), None


def display_name(path: Path, root: Path | None) -> str:
    """`path` relative to `root` when it lies inside, with forward slashes."""
    if root is not None:
        with contextlib.suppress(ValueError, OSError):
            return path.resolve().relative_to(root.resolve()).as_posix()
    return path.as_posix()


class KnowledgeDocument:
    """One knowledge file as loaded: where, in which format and layout, and its round-trip data."""

    def __init__(self, path: Path, file: str, parsed: _Parsed, text: str, bom: bool) -> None:
        self.path = path
        self.file = file
        self.format = FORMATS.get(path.suffix.lower(), "json")
        self.layout = parsed.layout
        self.categories: list[str] = []  # the categories this file contributes to the merged knowledge
        self.primary = False  # receives new categories and owns the top-level extra keys
        self._problem = parsed.problem
        self._tree = parsed.tree
        self._text = text
        self._bom = bom
        self._locate = parsed.locate
        self._saved = parsed.knowledge.copy()  # the knowledge of the file as last read or saved
        self._synced = self._saved  # the knowledge `_tree` holds: what the next render diffs against

    def _own(self, names: list[str]) -> None:
        """Keep only the categories `names` of this file (the others belong to an earlier file)."""
        self.categories = list(names)
        self._saved.categories = {n: self._saved.categories[n] for n in names}

    @property
    def problem(self) -> str | None:
        """Why the file cannot be saved, in the current language; None when it can."""
        return None if self._problem is None else _(self._problem)

    @property
    def can_save(self) -> bool:
        return self._tree is not None and self._problem is None

    def span_of(self, path: tuple, key: bool = False) -> Span:
        """Where a node, e.g. `("categories", "手机", "brands", "苹果")`, is in the file as loaded."""
        return self._locate(path, key)

    def dump_text(self, knowledge: Knowledge, names: list[str] | None = None) -> str:
        """The text `save` would write: `names` (default: all) categories of `knowledge`."""
        return self._render(knowledge, names)[0]

    def save(self, knowledge: Knowledge, names: list[str] | None = None) -> bool:
        """Write the categories `names` (default: all) of `knowledge` to the file, atomically.

        Returns False when the file already held exactly that text. Raises
        `KnowledgeSaveError` when the file cannot be parsed (as loaded or as
        it is on disk now) or cannot be written; the file is left as it was.
        """
        return self._commit(self._prepare(knowledge, names))

    def _prepare(self, knowledge: Knowledge, names: list[str] | None) -> tuple[str, Knowledge]:
        """What to write, after checking that the file may be written over."""
        rendered = self._render(knowledge, names)
        on_disk = self._unparsable_on_disk()
        if on_disk:
            raise KnowledgeSaveError(_("not saving {file}: it cannot be parsed now ({problem}); "
                                       "fix or reload it first").format(file=self.file, problem=on_disk))
        return rendered

    def _commit(self, rendered: tuple[str, Knowledge]) -> bool:
        text, saved = rendered
        written = not (self.path.exists() and self.path.read_bytes() == self._encode(text))
        if written:
            try:
                _write_atomically(self.path, self._encode(text))
            except OSError as error:
                raise KnowledgeSaveError(_("cannot write {file}: {reason}").format(
                    file=self.file, reason=reason_of(error))) from error
        self._text, self._saved = text, saved
        self.categories = list(saved.categories)
        return written

    def _render(self, knowledge: Knowledge, names: list[str] | None) -> tuple[str, Knowledge]:
        """The text for the categories `names` of `knowledge`, and that knowledge as saved.

        The round-trip data is edited in place (a deep copy of a 1,000-brand
        YAML tree costs seconds) and stays in step with `_synced`, so a later
        render, even one that undoes this edit, diffs against what it holds.
        """
        if not self.can_save:
            # TRANSLATORS: {problem} is e.g. "it is not valid JSON"
            raise KnowledgeSaveError(_("not saving {file}: {problem}").format(file=self.file, problem=self.problem))
        names = list(knowledge.categories) if names is None else names
        extra = knowledge.extra if self.primary else self._saved.extra
        after = Knowledge({n: knowledge.categories[n] for n in names}, extra).copy()
        if after == self._saved:  # byte-identical, whatever the original layout was
            return self._text, self._saved
        if after != self._synced:
            builder = TreeBuilder(yaml=self.format == "yaml")
            sync_root(self._tree, list(after.categories.values()), after.extra, self._synced, builder)
            self._synced = after
        text = dump_json(self._tree, self.layout) if self.format == "json" else dump_yaml(self._tree, self.layout)
        return text, after

    def _unparsable_on_disk(self) -> str | None:
        if not self.path.exists():
            return None
        text, _, failure = _read_text(self.path)
        if failure is None and text != self._text:  # changed since we read it: parse it again
            failure = (_load_json(text) if self.format == "json" else _load_yaml(text, self.layout))[1]
        return f"{failure.span.line}:{failure.span.column}: {failure.message}" if failure else None

    def _encode(self, text: str) -> bytes:
        return ((_BOM if self._bom else "") + text).encode("utf-8")


def _write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over: readers see the old or the new file
    (a new file gets the permissions the umask allows, an existing one keeps its own)."""
    atomic.write_bytes_atomic(path, data)


def read_document(path: Path, root: Path | None = None) -> tuple[KnowledgeDocument, Knowledge, list[Diagnostic]]:
    """One file: its document, its knowledge and its diagnostics (with `file` set)."""
    file = display_name(path, root)
    fmt = FORMATS.get(path.suffix.lower())
    text, bom, failure = _read_text(path) if fmt else ("", False, _k100(
        _("unsupported knowledge file type {suffix!r} (use .json, .yaml or .yml)").format(suffix=path.suffix),
        Span.point()))
    if failure:
        parsed = _Parsed(None, Layout(), diagnostics=[failure], problem=N_("it cannot be read"))
    else:
        parsed = _parse(text, fmt)
    document = KnowledgeDocument(path, file, parsed, text or "", bom)
    return document, parsed.knowledge, [d.in_file(file) for d in parsed.diagnostics]


def new_document(path: Path, root: Path | None = None) -> KnowledgeDocument:
    """A document for a knowledge file that does not exist yet (format from its suffix)."""
    fmt = FORMATS.get(path.suffix.lower(), "json")
    tree = CommentedMap() if fmt == "yaml" else {}
    document = KnowledgeDocument(path, display_name(path, root), _Parsed(tree, Layout()), "", False)
    document.primary = True
    return document


def load_knowledge(paths: list[Path], root: Path | None = None
                   ) -> tuple[Knowledge, list[Diagnostic], list[KnowledgeDocument]]:
    """Read and merge knowledge files, in the given order; never raises for bad input.

    Categories are merged by name: the first file that defines a category
    owns it; a later definition is reported (K120) and ignored. The first
    readable file is the primary one: its top-level extra keys are the merged
    knowledge's, and categories added in the editor are saved into it.
    """
    merged = Knowledge()
    diagnostics: list[Diagnostic] = []
    documents: list[KnowledgeDocument] = []
    owners: dict[str, str] = {}
    for path in paths:
        document, knowledge, found = read_document(Path(path), root)
        documents.append(document)
        diagnostics += found
        own = []
        for name, category in knowledge.categories.items():
            if name in owners:
                diagnostics.append(Diagnostic(
                    Severity.WARNING, "K120", _("category {name!r} is already defined in {file}; "
                                                "this definition is ignored").format(name=name, file=owners[name]),
                    document.span_of(("categories", name), True), file=document.file))
                continue
            owners[name] = document.file
            merged.categories[name] = category
            own.append(name)
        document._own(own)
        if document.can_save and not any(d.primary for d in documents):
            document.primary = True
            merged.extra = knowledge.extra
    return merged, diagnostics, documents


def save_knowledge(knowledge: Knowledge, documents: list[KnowledgeDocument]) -> list[Path]:
    """Save every document: each keeps its own categories, new ones go to the primary document.

    Returns the paths actually written. All documents are checked before any
    is written, so a refused save changes no file.
    """
    primary = next((d for d in documents if d.primary), None)
    owned = {name: d for d in documents for name in d.categories}
    assigned: dict[int, list[str]] = {id(d): [] for d in documents}
    for name in knowledge.categories:
        owner = owned.get(name, primary)
        if owner is None:
            raise KnowledgeSaveError(_("no knowledge file can take the new category {name!r}").format(name=name))
        assigned[id(owner)].append(name)
    involved = [d for d in documents if assigned[id(d)] or d.categories or d.primary]
    prepared = [(d, d._prepare(knowledge, assigned[id(d)])) for d in involved]  # may raise: nothing written yet
    return [d.path for d, rendered in prepared if d._commit(rendered)]


def snapshot_text(knowledge: Knowledge) -> str:
    """The whole knowledge as one JSON text in the knowledge format (what the recovery area keeps)."""
    return new_document(Path("snapshot.json")).dump_text(knowledge)


def read_snapshot(text: str) -> Knowledge | None:
    """The knowledge of a `snapshot_text`; None when the text is not a readable knowledge file."""
    parsed = _parse(text, "json")
    if parsed.tree is None or parsed.problem is not None:
        return None
    return parsed.knowledge
