"""A project folder: which files it has, how they are read, where a write may land."""
import os

import pytest

from studio import files
from studio.conversations.loader import load_test
from studio.conversations.model import LoadError
from studio.project import SAMPLE_PROJECT, Project, ProjectError
from tests.cli.helpers import copy_sample


@pytest.fixture
def project(tmp_path):
    return Project.open(copy_sample(tmp_path))


def test_folders_named_like_project_files_are_not_listed(project):
    for name in ("rules/x.dsl", "knowledge/x.json", "conversations/x.yaml"):
        (project.root / name).mkdir()
    listed = project.rule_files + project.knowledge_files + project.conversation_files
    assert not [p for p in listed if p.name.startswith("x.")]


def test_rule_files_keep_their_raw_text_and_give_the_parser_lf_line_endings(project):
    (project.root / "rules" / "crlf.dsl").write_bytes(b'RULE a WHEN ALWAYS\r\nTHEN RESPOND "x"\r\n')
    source = project.read_rule_files()["rules/crlf.dsl"]
    assert source.raw == 'RULE a WHEN ALWAYS\r\nTHEN RESPOND "x"\r\n'
    assert project.read_rule_texts()["rules/crlf.dsl"] == 'RULE a WHEN ALWAYS\nTHEN RESPOND "x"\n'


@pytest.mark.timeout(30)
def test_a_fifo_rule_file_is_a_project_error_naming_it(project):
    os.mkfifo(project.root / "rules" / "pipe.dsl")
    with pytest.raises(ProjectError, match=r"cannot read rules/pipe\.dsl: it is a FIFO"):
        project.read_rule_texts()


def test_a_rule_file_over_the_size_limit_is_a_project_error_naming_the_limit(project):
    limit = files.RULE_SIZE_LIMIT.bytes
    (project.root / "rules" / "huge.dsl").write_bytes(b"#" * (limit + 1))
    with pytest.raises(ProjectError, match=f"over the {files.size_text(limit)} limit of a rule file"):
        project.read_rule_texts()


@pytest.mark.timeout(30)
def test_unreadable_conversation_tests_are_left_out_of_the_mentions(project):
    os.mkfifo(project.root / "conversations" / "pipe.yaml")
    (project.root / "conversations" / "zero.yaml").symlink_to("/dev/zero")
    (project.root / "conversations" / "huge.yaml").write_bytes(b"#" * (files.CONVERSATION_SIZE_LIMIT.bytes + 1))
    sample_tests = sorted((SAMPLE_PROJECT / "conversations").glob("*.yaml"))
    assert len(project.read_test_texts()) == len(sample_tests)   # the sample's own tests, nothing else


@pytest.mark.timeout(30)
def test_knowledge_that_cannot_be_read_is_a_k100_on_that_file(project):
    os.mkfifo(project.root / "knowledge" / "pipe.json")
    (project.root / "knowledge" / "zero.yaml").symlink_to("/dev/zero")
    limit = files.KNOWLEDGE_YAML_SIZE_LIMIT.bytes
    (project.root / "knowledge" / "huge.yaml").write_bytes(b"#" * (limit + 1))
    k100 = {d.file.rpartition("knowledge/")[2]: d.message for d in project.analyze().diagnostics if d.code == "K100"}
    assert "FIFO" in k100["pipe.json"] and "character device" in k100["zero.yaml"]
    assert f"over the {files.size_text(limit)} limit of a YAML knowledge file" in k100["huge.yaml"]


def test_a_write_lands_on_a_links_target_inside_the_project(project):
    target = project.root / "rules" / "ecommerce.dsl"
    (project.root / "rules" / "alias.dsl").symlink_to("ecommerce.dsl")
    assert project.write_target(project.root / "rules" / "alias.dsl") == target
    assert project.write_target(target) == target


def test_a_write_through_a_link_leading_outside_the_project_is_refused(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "x.dsl"
    outside.write_text("", encoding="utf-8")
    (project.root / "rules" / "x.dsl").symlink_to(outside)
    with pytest.raises(ProjectError, match=r"not writing rules/x\.dsl: it leads to .*, outside the project"):
        project.write_target(project.root / "rules" / "x.dsl")


@pytest.mark.timeout(30)
def test_the_test_runner_reports_conversation_tests_that_cannot_be_read(project):
    folder = project.root / "conversations"
    os.mkfifo(folder / "pipe.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "huge.yaml").write_bytes(b"#" * (files.CONVERSATION_SIZE_LIMIT.bytes + 1))
    errors = {name: load_test(folder / name, f"conversations/{name}")
              for name in ("pipe.yaml", "zero.yaml", "huge.yaml")}
    assert all(isinstance(e, LoadError) for e in errors.values())
    assert "FIFO" in errors["pipe.yaml"].message and "character device" in errors["zero.yaml"].message
    assert "over the 1 MB limit of a conversation test" in errors["huge.yaml"].message
