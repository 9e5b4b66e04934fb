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
from studio.i18n import _
from studio.project import Project, ProjectError

DEFAULT_FILE = "knowledge/products.json"   # where an import goes in a project without knowledge files


def _counts(knowledge: Knowledge) -> str:
    brands = sum(len(c.brands) for c in knowledge.categories.values())
    series = sum(len(b.series) for _category, b in knowledge.brands())
    return _("{categories} categories, {brands} brands, {series} series").format(
        categories=len(knowledge.categories), brands=brands, series=series)


def _load(project_path: str):
    project = Project.open(project_path)
    knowledge, diagnostics, documents = load_knowledge(project.knowledge_files, root=project.root)
    return project, knowledge, diagnostics, documents


def export(project_path: str, out_path: str, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        _project, knowledge, diagnostics, _documents = _load(project_path)
    except ProjectError as exc:
        print(_("rule-studio knowledge export: {error}").format(error=exc), file=err)
        return 2
    errors = [d for d in diagnostics if d.severity == Severity.ERROR]
    if errors:
        for d in errors:
            print(d.format_text(), file=err)
        print(_("rule-studio knowledge export: the knowledge has errors (the entries with them could not be read); "
                "fix them first, nothing was exported"), file=err)
        return 1
    try:
        export_knowledge(knowledge, Path(out_path))
    except ExportError as exc:
        print(_("rule-studio knowledge export: {error}").format(error=exc), file=err)
        return 2
    print(_("exported {counts} to {file}").format(counts=_counts(knowledge), file=out_path), file=out)
    return 0


def import_(project_path: str, in_path: str, dry_run: bool, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        project, current, _diagnostics, documents = _load(project_path)
    except ProjectError as exc:
        print(_("rule-studio knowledge import: {error}").format(error=exc), file=err)
        return 2
    result = import_knowledge(Path(in_path))
    if result.knowledge is None:
        for problem in result.problems:
            print(f"{in_path}: {problem}", file=err)
        if result.more_problems:
            print(_("{file}: ... and {count} more problems").format(file=in_path, count=result.more_problems),
                  file=err)
        print(_("rule-studio knowledge import: {count} problem(s) in {file}; nothing was changed").format(
            count=len(result.problems) + result.more_problems, file=in_path), file=err)
        return 1
    imported = result.knowledge
    if result.table:
        imported.extra = current.extra   # a table has no top-level keys: the project's stay
    changes = knowledge_changes(current, imported)
    for line in changes:
        print(line, file=out)
    if not changes:
        print(_("the knowledge is already the same: nothing to change"), file=out)
        return 0
    if dry_run:
        print(_("dry run: {count} change(s) not written").format(count=len(changes)), file=out)
        return 0
    if not documents:
        documents = [new_document(project.root / DEFAULT_FILE, project.root)]
        documents[0].path.parent.mkdir(parents=True, exist_ok=True)
    try:
        written = save_knowledge(imported, documents)
    except (KnowledgeSaveError, OSError) as exc:
        print(_("rule-studio knowledge import: {error}; nothing was changed").format(error=exc), file=err)
        return 2
    names = ", ".join(Path(p).relative_to(project.root).as_posix() if Path(p).is_relative_to(project.root)
                      else str(p) for p in written)
    print(_("imported {counts} into {files}").format(counts=_counts(imported), files=names or _("the knowledge files")),
          file=out)
    return 0
