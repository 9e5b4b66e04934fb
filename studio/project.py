"""A project folder (docs/language.md): rule files, knowledge files, conversation tests.

`Project` only knows where things are; `analyze()` parses and checks them in
one call, which is what the CLI, the studio and the test runner share. The
texts can be overridden (the studio passes its unsaved editor buffers).
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from studio import files
from studio.checks import check
from studio.diagnostics import Diagnostic, Severity, sort_key
from studio.dsl.ast import Program
from studio.dsl.parser import parse
from studio.files import TextFile, read_text_file, reason_of
from studio.i18n import _
from studio.knowledge import Knowledge, load_knowledge

SAMPLE_PROJECT = Path(__file__).resolve().parent.parent


class ProjectError(Exception):
    """The project cannot be read at all (no such folder, unreadable file): exit code 2."""


@dataclass(frozen=True)
class Project:
    root: Path

    @staticmethod
    def open(root: str | Path) -> "Project":
        path = Path(root).expanduser()
        if not path.is_dir():
            raise ProjectError(_("no such project folder: {folder}").format(folder=root))
        return Project(path.resolve())

    @property
    def rule_files(self) -> list[Path]:
        return sorted(p for p in (self.root / "rules").glob("*.dsl") if not p.is_dir())  # as _files_in

    @property
    def knowledge_files(self) -> list[Path]:
        return _files_in(self.root / "knowledge", (".json", ".yaml", ".yml"))

    @property
    def conversation_files(self) -> list[Path]:
        return _files_in(self.root / "conversations", (".yaml", ".yml"))

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def read_rule_files(self) -> dict[str, TextFile]:
        """Relative path -> every rule file as read, in file-name order (ProjectError if one cannot be)."""
        sources = {}
        for path in self.rule_files:
            try:
                sources[self.relative(path)] = read_text_file(path, files.RULE_SIZE_LIMIT)
            except (OSError, UnicodeDecodeError) as exc:
                raise ProjectError(_("cannot read {file}: {reason}").format(
                    file=self.relative(path), reason=reason_of(exc))) from exc
        return sources

    def read_rule_texts(self) -> dict[str, str]:
        """Relative path -> text of every rule file (line endings as "\\n"), in file-name order."""
        return {rel: source.text for rel, source in self.read_rule_files().items()}

    def read_test_texts(self) -> list[str]:
        """The text of every readable conversation test, for the names it mentions; the test
        runner reports the ones that cannot be read."""
        texts = []
        for path in self.conversation_files:
            with contextlib.suppress(OSError):
                data = files.read_bytes(path, files.CONVERSATION_SIZE_LIMIT)
                texts.append(files.normalise_newlines(data.decode("utf-8", errors="replace")))
        return texts

    def write_target(self, path: Path) -> Path:
        """The file a write to `path` lands in (a link's target), which must lie inside the project."""
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(self.root):
            raise ProjectError(_("not writing {file}: it leads to {target}, outside the project folder {folder}")
                               .format(file=self._lexical(path), target=target, folder=self.root))
        return target

    def _lexical(self, path: Path) -> str:
        """`path` relative to the root as written, links not followed."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def analyze(self, rule_texts: dict[str, str] | None = None, knowledge: Knowledge | None = None,
                test_texts: list[str] | None = None, documents: list | None = None) -> "Analysis":
        """Parse every rule file, load the knowledge, run every check.

        `rule_texts` / `knowledge` replace what is on disk (unsaved buffers in the studio);
        with `knowledge`, `documents` (the files it was read from) let I410 point into them.
        """
        texts = self.read_rule_texts() if rule_texts is None else rule_texts
        diagnostics: list[Diagnostic] = []
        programs: list[Program] = []
        for rel in sorted(texts):
            result = parse(texts[rel], rel)
            programs.append(result.program)
            diagnostics.extend(result.diagnostics)
        documents = list(documents or [])
        if knowledge is None:
            knowledge, knowledge_diags, documents = load_knowledge(self.knowledge_files, root=self.root)
            diagnostics.extend(knowledge_diags)
        if test_texts is None:
            test_texts = self.read_test_texts()
        diagnostics.extend(check(programs, knowledge, extra_mentions=test_texts,
                                 knowledge_locator=locator(documents) if documents else None))
        return Analysis(self, programs, knowledge, sorted(diagnostics, key=sort_key), documents, texts)


def _files_in(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The entries of `folder` with one of `suffixes`, sorted. A folder is never one of the
    project's files, whatever its name ends with; anything else (a FIFO, a device, a link that
    leads nowhere) is listed, and refused by the reader with the reason."""
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in suffixes and not p.is_dir())


def locator(documents):
    """(category, brand) -> (file, span) of that brand's key in the knowledge file that holds it."""
    def locate(category: str, brand: str):
        for doc in documents:
            if category in doc.categories:
                return doc.file, doc.span_of(("categories", category, "brands", brand), key=True)
        return documents[0].file, documents[0].span_of(("categories",), key=True)
    return locate


@dataclass
class Analysis:
    project: Project
    programs: list[Program]
    knowledge: Knowledge
    diagnostics: list[Diagnostic]
    documents: list = field(default_factory=list)
    rule_texts: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

