"""`rule-studio check`: text or JSON diagnostics, `--fix` applies suggestions, exit 0/1/2."""
from __future__ import annotations

import json
import sys
from collections import Counter

from studio.atomic import Replacement, ReplaceError, replace_files
from studio.diagnostics import Severity, apply_fixes
from studio.files import TextFile
from studio.i18n import _, ngettext
from studio.project import Project, ProjectError


def run(project_path: str, fmt: str, fix: bool, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        project = Project.open(project_path)
        if fix:
            sources = project.read_rule_files()
            analysis = project.analyze(rule_texts={rel: source.text for rel, source in sources.items()})
            if apply_all_fixes(project, analysis, sources, err):
                analysis = project.analyze()
        else:
            analysis = project.analyze()
    except ProjectError as exc:
        print(_("rule-studio check: {error}").format(error=exc), file=err)
        return 2
    if fmt == "json":
        json.dump([d.to_json() for d in analysis.diagnostics], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for d in analysis.diagnostics:
            line = d.format_text()
            if d.suggestion and d.suggestion not in d.message:
                line = _("{message} (did you mean {hint}?)").format(message=line, hint=d.suggestion)
            print(line, file=out)
        print(summary(analysis.diagnostics), file=out)
    return 1 if analysis.errors else 0


def summary(diagnostics) -> str:
    counts = Counter(d.severity for d in diagnostics)
    errors, warnings, infos = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    # TRANSLATORS: the last line of `check`, e.g. "1 error, 2 warnings, 0 info".
    return _("{errors}, {warnings}, {infos}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
        # TRANSLATORS: "info" has no plural in English.
        infos=ngettext("{count} info", "{count} info", infos).format(count=infos))


def apply_all_fixes(project: Project, analysis, sources: dict[str, TextFile], err) -> int:
    """Apply the first fix of every diagnostic to the rule files, all or none; report each change.

    Every file keeps its line endings and byte order mark, a link is written
    through to its target, which must lie inside the project, and a file
    saved by someone else since it was read is not overwritten: then, or
    when any file cannot be written, no file changes and ProjectError says why.
    """
    by_file: dict[str, list] = {}
    for d in analysis.diagnostics:
        if d.fixes and d.fixes[0].file in sources:
            by_file.setdefault(d.fixes[0].file, []).append(d.fixes[0])
    replacements, report, names = [], [], {}
    for rel, fixes in sorted(by_file.items()):
        source = sources[rel]
        _text, applied = apply_fixes(source.text, fixes)
        if not applied:
            continue
        try:
            project.write_target(source.path)
        except ProjectError as error:
            raise ProjectError(_("no fix applied, no file changed: {reason}").format(reason=error)) from error
        new_text = source.edited([(f.span.start, f.span.end, f.replacement) for f in applied])
        replacements.append(Replacement(source.path, new_text.encode("utf-8"), source.stamp))
        names[source.path] = rel
        report += [_("fixed {file}:{line}:{column}: {old} -> {new}").format(
            file=rel, line=f.span.line, column=f.span.column, old=repr(source.text[f.span.start:f.span.end]),
            new=repr(f.replacement)) for f in applied]
    try:
        replace_files(replacements)
    except ReplaceError as error:
        where = _("{file}: {reason}").format(file=names.get(error.path, error.path), reason=error.reason)
        if error.not_restored:
            raise ProjectError(_("fixes not applied ({where}), and some files keep their fixes: could not put back "
                                 "{files}").format(where=where, files="; ".join(error.not_restored))) from error
        raise ProjectError(_("no fix applied, no file changed: {reason}").format(reason=where)) from error
    for line in report:
        print(line, file=err)
    print(ngettext("applied {count} fix", "applied {count} fixes", len(report)).format(count=len(report)), file=err)
    return len(report)
