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

from studio.cli.test_cmd import escape_surrogates
from studio.versions.behaviour import OPENING_TURN, BehaviourDiff, Change, source_label
from studio.versions.compare import DEFAULT_AGAINST, ProjectDiff, diff_project
from studio.versions.logs import LogFileError
from studio.versions.sources import VersionError
from studio.i18n import N_, _

SHOWN_REPLY = 60   # characters of a reply shown in the text output
# The compared fields (`studio.versions.behaviour.COMPARED`) as the review names them.
DIFFERENCES = {"intent": N_("intent"), "rule": N_("rule"), "stage": N_("stage"),
               "product_chain": N_("product chain"), "reply": N_("reply")}
STATUSES = {"modified": N_("modified"), "added": N_("added"), "deleted": N_("deleted")}   # of a changed file


def run(project_path: str, against: str | None, logs: list[str], as_json: bool, out, err) -> int:
    try:
        diff = diff_project(project_path, against or DEFAULT_AGAINST, logs)
    except (VersionError, LogFileError) as exc:
        print(escape_surrogates(_("rule-studio diff: {error}").format(error=exc)), file=err)
        return 2
    for note in diff.notes:
        print(escape_surrogates(_("note: {note}").format(note=note)), file=err)
    if as_json:
        out.write(escape_surrogates(json.dumps(to_json(diff), ensure_ascii=False, indent=2)) + "\n")
    else:
        out.write(escape_surrogates(review(diff.result)))
    return 1 if diff.result.changed else 0


def to_json(diff: ProjectDiff) -> dict:
    result = diff.result
    return {"against": diff.against, "commit": result.commit,
            "files": [change.to_json() for change in result.files],
            "changed": [change.to_json() for change in result.changed],
            "unchanged": result.unchanged}


def review(result: BehaviourDiff) -> str:
    lines = [_("against {version}").format(version=result.against)]
    lines += ([f"  {_(STATUSES.get(change.status, change.status)):<8} {change.file}" for change in result.files]
              or ["  " + _("no project file differs")])
    lines += [describe(change) for change in result.changed]
    lines.append(_("{changed} conversation(s) changed, {unchanged} unchanged").format(
        changed=len(result.changed), unchanged=result.unchanged))
    return "\n".join(lines) + "\n"


def describe(change: Change) -> str:
    """`test:x.yaml turn 3 "华为的": rule choose_brand → fallback; reply "…" → "…"` (turns counted from 1)."""
    old, new = change.old.to_json(), change.new.to_json()
    parts = [_("{what} {old} → {new}").format(what=_(DIFFERENCES.get(key, key)), old=shown(key, old[key]),
                                               new=shown(key, new[key])) for key in change.differences]
    if change.turn == OPENING_TURN:
        where = _("{source} opening turn").format(source=source_label(change.source))
    else:
        where = _("{source} turn {number} {message}").format(source=source_label(change.source), number=change.turn + 1,
                                                             message=quoted(change.new.input))
    # TRANSLATORS: {where} says which turn of which conversation, {differences} what changed there.
    return _("{where}: {differences}").format(where=where, differences="; ".join(parts))


def shown(key: str, value) -> str:
    if value is None:
        return _("(none)")
    if key == "product_chain":
        return "[" + ", ".join(f"{slot} {name}" for slot, name in value) + "]"
    if key == "reply":
        return quoted(value, SHOWN_REPLY)
    return str(value)


def quoted(text: str, limit: int | None = None) -> str:
    if limit is not None and len(text) > limit:
        text = text[:limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)
