"""`rule-studio diff`: which conversations behave differently since another version of the project.

The project as it is on disk is compared with a git revision of the repository
that holds it (default HEAD) or with another project folder: the files that
differ, then every replayed conversation whose turns differ, at its first
differing turn. Exit 0 when no conversation changed, 1 when one did, 2 when it
cannot run (no such revision or folder, a version that does not parse, an
unreadable log). Nothing is written anywhere.
"""
from __future__ import annotations

import json
from pathlib import Path

from studio.cli.test_cmd import escape_surrogates
from studio.versions.behaviour import BehaviourDiff, Change, diff_versions, load_snapshot
from studio.versions.logs import LogConversation, LogFileError, read_conversations
from studio.versions.sources import VersionError, folder_snapshot, git_snapshot, require_project_folder

SHOWN_REPLY = 60   # characters of a reply shown in the text output


def run(project_path: str, against: str | None, logs: list[str], as_json: bool, out, err) -> int:
    try:
        result, notes = compare(project_path, against or "HEAD", logs)
    except (VersionError, LogFileError) as exc:
        print(escape_surrogates(f"rule-studio diff: {exc}"), file=err)
        return 2
    for note in notes:
        print(escape_surrogates(f"note: {note}"), file=err)
    if as_json:
        data = to_json(result, against or "HEAD")
        out.write(escape_surrogates(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
    else:
        out.write(escape_surrogates(review(result)))
    return 1 if result.changed else 0


def compare(project_path: str, against: str, log_paths: list[str]) -> tuple[BehaviourDiff, list[str]]:
    """The behaviour diff and notes for stderr; VersionError / LogFileError when it cannot run."""
    root = Path(project_path).expanduser()
    require_project_folder(root, project_path)
    root = root.resolve()
    logs, notes = read_logs(log_paths)
    other_folder = Path(against).expanduser()
    if other_folder.is_dir():   # a folder of that name wins over a revision of that name
        old_snapshot = folder_snapshot(other_folder.resolve(), against)
        old = load_snapshot(old_snapshot, other_folder.resolve())
    else:
        old_snapshot = git_snapshot(root, against)
        old = load_snapshot(old_snapshot)
    new = load_snapshot(folder_snapshot(root, project_path), root)
    return diff_versions(old, new, logs), notes


def read_logs(paths: list[str]) -> tuple[list[LogConversation], list[str]]:
    conversations, notes = [], []
    for shown in paths:
        reading = read_conversations(Path(shown).expanduser(), shown)
        conversations += reading.conversations
        notes += [f"{error.file}:{error.line}: {error.message} (skipped)" for error in reading.skipped]
    return conversations, notes


def to_json(result: BehaviourDiff, against: str) -> dict:
    return {"against": against, "commit": result.commit,
            "files": [change.to_json() for change in result.files],
            "changed": [change.to_json() for change in result.changed],
            "unchanged": result.unchanged}


def review(result: BehaviourDiff) -> str:
    lines = [f"against {result.against}"]
    lines += [f"  {change.status:<8} {change.file}" for change in result.files] or ["  no project file differs"]
    lines += [describe(change) for change in result.changed]
    lines.append(f"{len(result.changed)} conversation(s) changed, {result.unchanged} unchanged")
    return "\n".join(lines) + "\n"


def describe(change: Change) -> str:
    """`test:x.yaml turn 3 "华为的": rule choose_brand → fallback; reply "…" → "…"` (turns counted from 1)."""
    old, new = change.old.to_json(), change.new.to_json()
    parts = [f"{key.replace('_', ' ')} {shown(key, old[key])} → {shown(key, new[key])}" for key in change.differences]
    return f"{change.source} turn {change.turn + 1} {quoted(change.new.input)}: " + "; ".join(parts)


def shown(key: str, value) -> str:
    if value is None:
        return "(none)"
    if key == "product_chain":
        return "[" + ", ".join(f"{slot} {name}" for slot, name in value) + "]"
    if key == "reply":
        return quoted(value, SHOWN_REPLY)
    return str(value)


def quoted(text: str, limit: int | None = None) -> str:
    if limit is not None and len(text) > limit:
        text = text[:limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)
