"""Reading another version of a project: a git revision (root or sub-folder) or another folder."""
from __future__ import annotations

import pytest

from studio.versions.sources import (FileChange, VersionError, changed_files, folder_snapshot, git_snapshot,
                                     write_snapshot)
from tests.versions.projects import commit_all, init_repo, project_in_repo, replace_in, write_project


@pytest.mark.parametrize("sub", ["", "teams/shop"])
def test_head_holds_the_committed_files_of_the_project_wherever_it_lies_in_the_repository(tmp_path, sub):
    project = project_in_repo(tmp_path, sub)
    replace_in(project / "rules" / "shop.dsl", "您好", "欢迎")

    snapshot = git_snapshot(project)

    assert sorted(snapshot.files) == ["conversations/buy_phone.yaml", "knowledge/products.json", "rules/shop.dsl"]
    assert "您好".encode() in snapshot.files["rules/shop.dsl"]
    assert "欢迎" in (project / "rules" / "shop.dsl").read_text(encoding="utf-8")   # the work tree is untouched
    assert snapshot.label == f"HEAD ({snapshot.commit[:7]})"


def test_a_revision_is_named_by_parent_syntax_branch_or_short_id(tmp_path):
    project = project_in_repo(tmp_path)
    first = git_snapshot(project).commit
    replace_in(project / "rules" / "shop.dsl", "您好", "欢迎")
    second = commit_all(project, "second")

    assert git_snapshot(project, "HEAD~1").commit == first
    assert git_snapshot(project, "HEAD^").commit == first
    assert git_snapshot(project, first[:8]).commit == first
    assert git_snapshot(project, "master").commit == second
    assert "欢迎".encode() in git_snapshot(project).files["rules/shop.dsl"]


def test_a_revision_that_does_not_exist_is_named_in_the_error(tmp_path):
    project = project_in_repo(tmp_path)
    with pytest.raises(VersionError, match="no revision 'no-such-branch'"):
        git_snapshot(project, "no-such-branch")
    with pytest.raises(VersionError, match="no revision 'HEAD~5'"):
        git_snapshot(project, "HEAD~5")


def test_a_repository_without_commits_says_there_is_nothing_to_compare_with(tmp_path):
    repo = init_repo(tmp_path / "repo")
    project = write_project(repo)
    with pytest.raises(VersionError, match="no commits yet"):
        git_snapshot(project)


def test_a_project_outside_any_repository_is_told_to_compare_with_a_folder(tmp_path):
    project = write_project(tmp_path / "loose")
    with pytest.raises(VersionError, match="not inside a git repository.*--against DIR"):
        git_snapshot(project)


def test_a_project_folder_that_the_revision_does_not_have_is_named(tmp_path):
    project = project_in_repo(tmp_path)
    newer = write_project(project / "newer")
    with pytest.raises(VersionError, match="no project folder at newer"):
        git_snapshot(newer)


def test_a_folder_without_rules_is_not_a_project(tmp_path):
    (tmp_path / "notes").mkdir()
    with pytest.raises(VersionError, match="not a project folder"):
        folder_snapshot(tmp_path / "notes")
    with pytest.raises(VersionError, match="no such project folder"):
        folder_snapshot(tmp_path / "missing")


def test_only_project_files_are_compared_and_each_gets_its_status(tmp_path):
    old = write_project(tmp_path / "old")
    new = write_project(tmp_path / "new")
    replace_in(new / "rules" / "shop.dsl", "您好", "欢迎")
    (new / "conversations" / "buy_phone.yaml").unlink()
    (new / "knowledge" / "more.yaml").write_text("categories: {}\n", encoding="utf-8")
    (new / "rules" / "notes.txt").write_text("not a rule file", encoding="utf-8")

    changes = changed_files(folder_snapshot(old), folder_snapshot(new))

    assert changes == [FileChange("conversations/buy_phone.yaml", "deleted"),
                       FileChange("knowledge/more.yaml", "added"), FileChange("rules/shop.dsl", "modified")]


def test_a_revision_laid_out_again_is_the_same_project(tmp_path):
    project = project_in_repo(tmp_path, "shop")
    copy = tmp_path / "copy"
    write_snapshot(git_snapshot(project), copy)
    assert changed_files(folder_snapshot(copy), folder_snapshot(project)) == []


def test_the_versions_package_and_the_diff_command_never_import_qt():
    import subprocess
    import sys
    code = ("import sys, studio.versions.compare, studio.cli.diff_cmd; "
            "print('PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr
