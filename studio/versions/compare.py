"""The behaviour diff of a project folder against another version, as the command line and the studio ask for it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studio.i18n import _
from studio.versions.behaviour import BehaviourDiff, Version, diff_versions, load_snapshot
from studio.versions.logs import LogConversation, read_conversations
from studio.versions.sources import VersionError, folder_snapshot, git_snapshot, require_project_folder

DEFAULT_AGAINST = "HEAD"


@dataclass
class ProjectDiff:
    against: str                 # as asked for: a revision or a folder
    result: BehaviourDiff
    notes: list[str] = field(default_factory=list)   # log lines skipped, for people


def diff_project(project_path: str, against: str = DEFAULT_AGAINST, log_paths: list[str] = ()) -> ProjectDiff:
    """Compare the project folder on disk with `against`: an existing folder, else a git revision.

    Raises VersionError (or LogFileError for a log) when it cannot run; reads only, writes nothing
    but a private temporary folder for a git revision.
    """
    against = against or DEFAULT_AGAINST
    root = Path(project_path).expanduser()
    require_project_folder(root, project_path)
    root = root.resolve()
    logs, notes = read_logs(log_paths)
    old = other_version(root, against, Path(against).expanduser())
    new = load_snapshot(folder_snapshot(root, project_path), root)
    return ProjectDiff(against, diff_versions(old, new, logs), notes)


def other_version(root: Path, against: str, folder: Path) -> Version:
    """The version to compare with: `folder` when it exists (a folder wins over a revision of that
    name), else the git revision `against` of the repository that holds `root`."""
    if folder.is_dir():
        return load_snapshot(folder_snapshot(folder.resolve(), against), folder.resolve())
    try:
        return load_snapshot(git_snapshot(root, against))
    except VersionError as exc:
        if "/" in against or against.startswith("."):   # probably meant as a folder
            # TRANSLATORS: {reason} is why the revision cannot be read.
            raise VersionError(_("{reason} (and there is no folder {folder})").format(reason=exc, folder=against)) from exc
        raise


def read_logs(paths: list[str]) -> tuple[list[LogConversation], list[str]]:
    """The conversations of every log, and a note for each line that was skipped."""
    conversations, notes = [], []
    for shown in paths:
        reading = read_conversations(Path(shown).expanduser(), shown)
        conversations += reading.conversations
        notes += [_("{file}:{line}: {reason} (skipped)").format(file=error.file, line=error.line, reason=error.message)
                  for error in reading.skipped]
    return conversations, notes
