"""`rule-studio replay`: customer logs replayed through the offline engine; what the rules missed.

Exit 0 when it ran, whatever the logs held (a malformed line is reported and
skipped); 2 when it cannot run: no such log or project, a log that cannot be
opened or whose name is not .jsonl/.csv/.xlsx, bad --workers, a report that
cannot be written, a Dask scheduler that cannot be reached.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from studio.files import reason_of
from studio.project import Project, ProjectError
from studio.i18n import N_, _
from studio.traffic.readers import log_format
from studio.traffic.replay import default_workers, replay
from studio.traffic.report import report_json

TOP = 10
# Below this much log, starting worker processes (each imports and analyses the project) costs more
# than it saves: without --workers such logs replay in this process.
SMALL_LOGS_BYTES = 2_000_000


def _check_logs(logs: list[str]) -> str | None:
    """Why the logs cannot be replayed, or None."""
    if not logs:
        return _("no log file given")
    for log in logs:
        path = Path(log)
        if log_format(path) is None:
            return _("{file}: not a log file we read (the name should end in .jsonl, .csv or .xlsx)").format(file=log)
        if not path.is_file():
            if not path.exists():
                return _("no such log file: {file}").format(file=log)
            return _("{file} is not a regular file").format(file=log)
        if not os.access(path, os.R_OK):
            return _("cannot read {file}: permission denied").format(file=log)
    return None


def _workers_for(logs: list[str]) -> int:
    small = sum(Path(log).stat().st_size for log in logs) < SMALL_LOGS_BYTES
    return 1 if small else default_workers()


def run(logs: list[str], project_path: str, workers: int | None, as_json: bool, html_path: str | None,
        scheduler: str | None, out, err, scheduler_timeout_s: float = 30) -> int:
    if workers is not None and workers < 1:
        print(_("rule-studio replay: --workers must be 1 or more (got {workers})").format(workers=workers), file=err)
        return 2
    if (problem := _check_logs(logs)) is not None:
        print(_("rule-studio replay: {error}").format(error=problem), file=err)
        return 2
    try:
        analysis = Project.open(project_path).analyze()
    except ProjectError as exc:
        print(_("rule-studio replay: {error}").format(error=exc), file=err)
        return 2
    if analysis.errors:
        print(_("warning: the project has {count} error(s) (see `rule-studio check`); rules with syntax errors "
                "are left out").format(count=len(analysis.errors)), file=err)
    root = str(analysis.project.root)
    if scheduler is not None:
        counts = _on_cluster(scheduler, root, logs, workers or 0, err, scheduler_timeout_s)
        if counts is None:
            return 2
    else:
        try:
            with _progress(err) as progress:
                counts = replay(root, logs, workers or _workers_for(logs), progress)
        except ProjectError as exc:   # the project changed under a worker process
            print(_("rule-studio replay: {error}").format(error=exc), file=err)
            return 2
    report = report_json(counts)
    if html_path is not None:
        from studio.traffic.report_html import render
        try:
            page = render(report, root, logs, counts.fallback_rules)
            Path(html_path).expanduser().write_text(page, encoding="utf-8")
        except OSError as exc:
            print(_("rule-studio replay: cannot write {file}: {reason}").format(file=html_path,
                                                                                reason=reason_of(exc)), file=err)
            return 2
    if as_json:
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(summary(report, logs))
    return 0


def _on_cluster(scheduler: str, root: str, logs: list[str], partitions: int, err, timeout_s: float):
    from studio.traffic.dask_run import DaskMissing
    try:
        return replay(root, [str(Path(log).resolve()) for log in logs], partitions, scheduler=scheduler,
                      scheduler_timeout_s=timeout_s)
    except DaskMissing as exc:
        print(_("rule-studio replay: {error}").format(error=exc), file=err)
    except (OSError, ValueError) as exc:   # unreachable, refused, a malformed address
        print(_("rule-studio replay: cannot use the Dask scheduler at {address}: {reason}").format(
            address=scheduler, reason=exc), file=err)
    return None


class _progress:
    """A tqdm bar of turns on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, err):
        self.err = err
        self.bar = None

    def __enter__(self):
        if not (hasattr(self.err, "isatty") and self.err.isatty()):
            return None
        from tqdm import tqdm
        self.bar = tqdm(file=self.err, unit=" " + _("turns"), desc=_("replaying"), leave=False)
        return self.bar.update

    def __exit__(self, *exc_info):
        if self.bar is not None:
            self.bar.close()
        return False


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    –"


def summary(report: dict, logs: list[str]) -> str:
    turns = report["turns"]
    lines = [_("{turns} turns in {conversations} conversations from {logs} log file(s)").format(
        turns=f"{turns:,}", conversations=f"{report['conversations']:,}", logs=len(logs))]
    for label, key in ((N_("no intent"), "no_intent"), (N_("fallback"), "fallback"),
                       (N_("empty reply"), "empty_reply")):
        lines.append(f"  {_(label):<12} {report[key]:>9,}  {_share(report[key], turns)}")
    for top, none, counts in ((N_("top intents:"), N_("intents: none"), report["by_intent"]),
                              (N_("top rules:"), N_("rules: none"), report["by_rule"])):
        lines.append("\n" + _(top if counts else none))
        for name, count in list(counts.items())[:TOP]:
            lines.append(f"  {count:>9,}  {_share(count, turns)}  {name or _('(no intent)')}")
        if len(counts) > TOP:
            lines.append("  " + _("… and {count} more").format(count=len(counts) - TOP))
    never = report["never_fired"]
    lines.append("\n" + (_("never fired ({count}): {rules}").format(count=len(never), rules=", ".join(never)) if never
                         else _("never fired (0): none")))
    groups = report["unhandled"]
    lines.append("\n" + (_("unhandled messages, largest groups first ({count} groups):").format(count=len(groups))
                         if groups else _("unhandled messages: none")))
    for group in groups[:TOP]:
        others = [example for example in group["examples"] if example != group["text"]]
        line = f"  {group['count']:>9,}  {group['text']}"
        if others:
            line += "   " + _("(also: {examples})").format(examples=" / ".join(others[:3]))
        lines.append(line)
    errors = report["errors"]
    if errors:
        lines.append("\n" + _("errors ({count}), skipped:").format(count=len(errors)))
        for error in errors[:TOP]:
            lines.append(f"  {error['file']}:{error['line']}: {error['message']}")
        if len(errors) > TOP:
            lines.append("  " + _("… and {count} more (--json lists them)").format(count=len(errors) - TOP))
    return "\n".join(lines) + "\n"
