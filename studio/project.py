"""A project folder (SPEC §1): rule files, knowledge files, conversation tests.

`Project` only knows where things are; `analyze()` parses and checks them in
one call, which is what the CLI, the studio and the test runner share. The
texts can be overridden (the studio passes its unsaved editor buffers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studio.checks import check
from studio.diagnostics import Diagnostic, Severity, sort_key
from studio.dsl.ast import Program
from studio.dsl.parser import parse
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
            raise ProjectError(f"no such project folder: {root}")
        return Project(path.resolve())

    @property
    def rule_files(self) -> list[Path]:
        return sorted((self.root / "rules").glob("*.dsl"))

    @property
    def knowledge_files(self) -> list[Path]:
        folder = self.root / "knowledge"
        return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".json", ".yaml", ".yml"))

    @property
    def conversation_files(self) -> list[Path]:
        folder = self.root / "conversations"
        return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".yaml", ".yml"))

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def read_rule_texts(self) -> dict[str, str]:
        """Relative path -> text of every rule file, in file-name order."""
        texts = {}
        for path in self.rule_files:
            try:
                texts[self.relative(path)] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ProjectError(f"cannot read {self.relative(path)}: {exc}") from exc
        return texts

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
            test_texts = [p.read_text(encoding="utf-8", errors="replace") for p in self.conversation_files]
        diagnostics.extend(check(programs, knowledge, extra_mentions=test_texts,
                                 knowledge_locator=locator(documents) if documents else None))
        return Analysis(self, programs, knowledge, sorted(diagnostics, key=sort_key), documents, texts)


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

