"""`rule-studio knowledge export|import`: the project's knowledge to and from CSV, Excel, JSON, YAML.

Export writes one file (atomically). Import reads the whole file first and
changes nothing when any row is bad, printing each bad row with its number;
otherwise it prints what changes and saves the project's knowledge files in
their own format and layout (`--dry-run` stops before saving).
Exit codes: 0 done, 1 bad rows or a knowledge with errors, 2 cannot run.
"""
from __future__ import annotations

import sys
from pathlib import Path

from studio.diagnostics import Severity
from studio.knowledge import KnowledgeSaveError, load_knowledge, new_document, save_knowledge
from studio.knowledge.changes import knowledge_changes
from studio.knowledge.model import Knowledge
from studio.knowledge.spreadsheet import ExportError, export_knowledge, import_knowledge
from studio.project import Project, ProjectError

DEFAULT_FILE = "knowledge/products.json"   # where an import goes in a project without knowledge files


def _counts(knowledge: Knowledge) -> str:
    brands = sum(len(c.brands) for c in knowledge.categories.values())
    series = sum(len(b.series) for _, b in knowledge.brands())
    return f"{len(knowledge.categories)} categories, {brands} brands, {series} series"


def _load(project_path: str):
    project = Project.open(project_path)
    knowledge, diagnostics, documents = load_knowledge(project.knowledge_files, root=project.root)
    return project, knowledge, diagnostics, documents


def export(project_path: str, out_path: str, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        _, knowledge, diagnostics, _ = _load(project_path)
    except ProjectError as exc:
        print(f"rule-studio knowledge export: {exc}", file=err)
        return 2
    errors = [d for d in diagnostics if d.severity == Severity.ERROR]
    if errors:
        for d in errors:
            print(d.format_text(), file=err)
        print("rule-studio knowledge export: the knowledge has errors (the entries with them could not be read); "
              "fix them first, nothing was exported", file=err)
        return 1
    try:
        export_knowledge(knowledge, Path(out_path))
    except ExportError as exc:
        print(f"rule-studio knowledge export: {exc}", file=err)
        return 2
    print(f"exported {_counts(knowledge)} to {out_path}", file=out)
    return 0


def import_(project_path: str, in_path: str, dry_run: bool, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        project, current, _, documents = _load(project_path)
    except ProjectError as exc:
        print(f"rule-studio knowledge import: {exc}", file=err)
        return 2
    result = import_knowledge(Path(in_path))
    if result.knowledge is None:
        for problem in result.problems:
            print(f"{in_path}: {problem}", file=err)
        if result.more_problems:
            print(f"{in_path}: ... and {result.more_problems} more problems", file=err)
        print(f"rule-studio knowledge import: {len(result.problems) + result.more_problems} problem(s) in "
              f"{in_path}; nothing was changed", file=err)
        return 1
    imported = result.knowledge
    if result.table:
        imported.extra = current.extra   # a table has no top-level keys: the project's stay
    changes = knowledge_changes(current, imported)
    for line in changes:
        print(line, file=out)
    if not changes:
        print("the knowledge is already the same: nothing to change", file=out)
        return 0
    if dry_run:
        print(f"dry run: {len(changes)} change(s) not written", file=out)
        return 0
    if not documents:
        documents = [new_document(project.root / DEFAULT_FILE, project.root)]
        documents[0].path.parent.mkdir(parents=True, exist_ok=True)
    try:
        written = save_knowledge(imported, documents)
    except (KnowledgeSaveError, OSError) as exc:
        print(f"rule-studio knowledge import: {exc}; nothing was changed", file=err)
        return 2
    names = ", ".join(Path(p).relative_to(project.root).as_posix() if Path(p).is_relative_to(project.root)
                      else str(p) for p in written)
    print(f"imported {_counts(imported)} into {names or 'the knowledge files'}", file=out)
    return 0
