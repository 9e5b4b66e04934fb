"""Another version of a project, read without changing anything: a git revision or another folder.

A version is a `Snapshot`: the bytes of the project's files (rules/*.dsl,
knowledge/*.json|yaml|yml, conversations/*.yaml|yml) by their path relative to
the project folder, and apart from them the tests' recorded LLM answers
(conversations/*.cassette.json), which replay a test with `llm: auto`. A git
revision is read from the object database with dulwich (no `git` program, no
checkout, no index or work tree touched); the project folder may be any
sub-folder of the repository.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from studio import files
from studio.files import reason_of
from studio.i18n import _
from studio.llm.cassette import CASSETTE_SIZE_LIMIT, CASSETTE_SUFFIX

# The folders of a project and the file names each holds; rule files are matched case-sensitively,
# the others by their lower-cased suffix, as the project itself lists them.
RULE_SUFFIX = ".dsl"
FOLDER_SUFFIXES = {
    "rules": (RULE_SUFFIX,),
    "knowledge": (".json", ".yaml", ".yml"),
    "conversations": (".yaml", ".yml"),
}


class VersionError(Exception):
    """A version cannot be read (no such revision, not a project, ...): the command cannot run."""


@dataclass(frozen=True)
class Snapshot:
    label: str                 # for people: "HEAD (becfd28)", or the folder
    files: dict[str, bytes]    # "rules/ecommerce.dsl" -> content
    commit: str | None = None  # the full commit id, for a git revision
    cassettes: dict[str, bytes] = field(default_factory=dict)   # "conversations/x.cassette.json" -> content


@dataclass(frozen=True)
class FileChange:
    file: str
    status: str   # "modified" | "added" | "deleted"

    def to_json(self) -> dict:
        return {"file": self.file, "status": self.status}


def is_project_file(folder: str, name: str) -> bool:
    suffixes = FOLDER_SUFFIXES.get(folder)
    if suffixes is None:
        return False
    suffix = os.path.splitext(name)[1]
    return suffix == RULE_SUFFIX if folder == "rules" else suffix.lower() in suffixes


def is_cassette(folder: str, name: str) -> bool:
    return folder == "conversations" and name.endswith(CASSETTE_SUFFIX)


def require_project_folder(root: Path, label: str) -> None:
    if not root.is_dir():
        raise VersionError(_("no such project folder: {folder}").format(folder=label))
    if not (root / "rules").is_dir():
        raise VersionError(_("{folder} is not a project folder: it has no rules/ folder").format(folder=label))


def folder_snapshot(root: Path, label: str | None = None) -> Snapshot:
    """The project files of a folder on disk, each read within the size limit of its kind."""
    label = label or str(root)
    require_project_folder(root, label)
    found: dict[str, bytes] = {}
    cassettes: dict[str, bytes] = {}
    for folder in FOLDER_SUFFIXES:
        directory = root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            kept = cassettes if is_cassette(folder, path.name) else found
            if path.is_dir() or not (kept is cassettes or is_project_file(folder, path.name)):
                continue
            rel = f"{folder}/{path.name}"
            try:
                kept[rel] = files.read_bytes(path, CASSETTE_SIZE_LIMIT if kept is cassettes else files.limit_of(path))
            except OSError as exc:
                raise VersionError(_("cannot read {file} in {folder}: {reason}").format(
                    file=rel, folder=label, reason=reason_of(exc))) from exc
    return Snapshot(label, found, cassettes=cassettes)


def git_snapshot(project_root: Path, revision: str = "HEAD") -> Snapshot:
    """The project files as they are in `revision` of the git repository that holds `project_root`."""
    from dulwich.errors import NotGitRepository
    from dulwich.repo import Repo

    root = project_root.resolve()
    try:
        repo = Repo.discover(str(root))
    except NotGitRepository:
        raise VersionError(_("{folder} is not inside a git repository: "
                             "give --against DIR to compare with another project folder").format(folder=root)) from None
    with repo:
        repo_root = Path(repo.path).resolve()
        commit = _resolve(repo, revision, repo_root)
        prefix = root.relative_to(repo_root).parts
        tree = _subtree(repo, repo[commit.tree], prefix)
        where = "/".join(prefix) or _("the repository root")
        if tree is None:
            raise VersionError(_("revision {revision} has no project folder at {folder}").format(
                revision=revision, folder=where))
        sha = commit.id.decode("ascii")
        label = f"{revision} ({sha[:7]})"
        if _subtree(repo, tree, ("rules",)) is None:
            raise VersionError(_("{folder} is not a project folder in revision {revision}: it has no rules/ folder")
                               .format(folder=where, revision=revision))
        found: dict[str, bytes] = {}
        cassettes: dict[str, bytes] = {}
        for folder in FOLDER_SUFFIXES:
            subtree = _subtree(repo, tree, (folder,))
            if subtree is None:
                continue
            for entry in sorted(subtree.items(), key=lambda e: e.path):
                name = os.fsdecode(entry.path)
                # Regular files only: a link or a submodule is not a file of this version.
                if not stat.S_ISREG(entry.mode):
                    continue
                if is_cassette(folder, name):
                    cassettes[f"{folder}/{name}"] = repo[entry.sha].data
                elif is_project_file(folder, name):
                    found[f"{folder}/{name}"] = repo[entry.sha].data
        return Snapshot(label, found, sha, cassettes)


def _resolve(repo, revision: str, repo_root: Path):
    """The commit `revision` names (a branch, a tag, a full or short id, `HEAD~2`, `main^`)."""
    from dulwich.objects import Commit, Tag
    from dulwich.objectspec import parse_commit, parse_object

    obj = None
    # git refuses such names as refs (`git check-ref-format`); do not hand them to dulwich
    well_formed = revision and not revision.startswith(("/", "-")) and "//" not in revision and ".." not in revision
    for parse in (parse_commit, parse_object) if well_formed else ():
        try:
            obj = parse(repo, revision.encode("utf-8", "surrogateescape"))
            break
        except (KeyError, ValueError, IndexError, NotImplementedError):   # dulwich's ways of saying
            continue                                                        # "not a revision I can read"
    while isinstance(obj, Tag):
        obj = repo[obj.object[1]]
    if isinstance(obj, Commit):
        return obj
    if not any(ref.startswith(b"refs/heads/") for ref in repo.refs.allkeys()):
        raise VersionError(_("the repository {repository} has no commits yet: nothing to compare with").format(
            repository=repo_root))
    if obj is not None:
        raise VersionError(_("revision {revision} is not a commit in the repository {repository}").format(
            revision=repr(revision), repository=repo_root))
    raise VersionError(_("no revision {revision} in the repository {repository}").format(
        revision=repr(revision), repository=repo_root))


def _subtree(repo, tree, parts: tuple[str, ...]):
    """The tree at `parts` below `tree`; None when there is no folder there."""
    from dulwich.objects import Tree

    for part in parts:
        try:
            mode, sha = tree[os.fsencode(part)]
        except KeyError:
            return None
        if not stat.S_ISDIR(mode):
            return None
        tree = repo[sha]
        if not isinstance(tree, Tree):
            return None
    return tree


def changed_files(old: Snapshot, new: Snapshot) -> list[FileChange]:
    """The project files that differ between two versions, by path."""
    changes = []
    for rel in sorted(set(old.files) | set(new.files)):
        if rel not in old.files:
            changes.append(FileChange(rel, "added"))
        elif rel not in new.files:
            changes.append(FileChange(rel, "deleted"))
        elif old.files[rel] != new.files[rel]:
            changes.append(FileChange(rel, "modified"))
    return changes


def write_snapshot(snapshot: Snapshot, into: Path) -> None:
    """Lay the files out as a project folder in `into` (a private temporary folder)."""
    for folder in FOLDER_SUFFIXES:
        (into / folder).mkdir(parents=True, exist_ok=True)
    for rel, data in snapshot.files.items():
        (into / rel).write_bytes(data)
