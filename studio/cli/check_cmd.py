"""`rule-studio check`: text or JSON diagnostics, `--fix` applies suggestions, exit 0/1/2."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from studio.atomic import write_text_atomic
from studio.diagnostics import Severity, apply_fixes
from studio.project import Project, ProjectError


def run(project_path: str, fmt: str, fix: bool, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        project = Project.open(project_path)
        analysis = project.analyze()
        if fix:
            if apply_all_fixes(project, analysis, err):
                analysis = project.analyze()
    except ProjectError as exc:
        print(f"rule-studio check: {exc}", file=err)
        return 2
    if fmt == "json":
        json.dump([d.to_json() for d in analysis.diagnostics], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for d in analysis.diagnostics:
            line = d.format_text()
            if d.suggestion and d.suggestion not in d.message:
                line += f" (did you mean {d.suggestion}?)"
            print(line, file=out)
        print(summary(analysis.diagnostics), file=out)
    return 1 if analysis.errors else 0


def summary(diagnostics) -> str:
    counts = Counter(d.severity for d in diagnostics)
    parts = [plural(counts[Severity.ERROR], "error"), plural(counts[Severity.WARNING], "warning"),
             plural(counts[Severity.INFO], "info")]
    return ", ".join(parts)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def apply_all_fixes(project: Project, analysis, err) -> int:
    """Apply the first fix of every diagnostic to the rule files, atomically; report each change."""
    by_file: dict[str, list] = {}
    for d in analysis.diagnostics:
        if d.fixes and d.fixes[0].file in analysis.rule_texts:
            by_file.setdefault(d.fixes[0].file, []).append(d.fixes[0])
    changed = 0
    for rel, fixes in sorted(by_file.items()):
        text = analysis.rule_texts[rel]
        new_text, applied = apply_fixes(text, fixes)
        for f in applied:
            old = text[f.span.start:f.span.end]
            print(f"fixed {rel}:{f.span.line}:{f.span.column}: {old!r} -> {f.replacement!r}", file=err)
        if applied:
            write_text_atomic(Path(project.root, rel), new_text)
            changed += len(applied)
    print(f"applied {changed} fix{'es' if changed != 1 else ''}", file=err)
    return changed
