"""Find in Files, the Qt-free part: which files, which matches, where, and how far it goes."""
from __future__ import annotations

import os

import pytest

from studio.project import Project
from studio.search import MAX_LINE_PREVIEW, search_project, searchable_files


@pytest.fixture
def project(tmp_path) -> Project:
    root = tmp_path / "shop"
    for folder in ("rules", "knowledge", "conversations"):
        (root / folder).mkdir(parents=True)
    (root / "rules" / "shop.dsl").write_text(
        'RULE greet\nWHEN INTENT_IS greeting\nTHEN\n    RESPOND "你好！想买手机吗？"\n', encoding="utf-8")
    (root / "knowledge" / "products.json").write_text('{"categories": {"手机": {"brands": {"华为": {}}}}}\n',
                                                      encoding="utf-8")
    (root / "conversations" / "greet.yaml").write_text(
        'name: greet\nturns:\n  - user: "你好"\n    expect: {rule: greet}\n', encoding="utf-8")
    (root / "notes.txt").write_text("greet 手机\n", encoding="utf-8")   # not a project file
    return Project.open(root)


def test_rules_knowledge_and_conversation_tests_are_searched_and_nothing_else(project):
    assert searchable_files(project) == ["rules/shop.dsl", "knowledge/products.json", "conversations/greet.yaml"]
    result = search_project(project, "greet")
    assert [(h.file, h.line, h.column) for h in result.hits] == [
        ("rules/shop.dsl", 1, 6), ("rules/shop.dsl", 2, 16), ("conversations/greet.yaml", 1, 7),
        ("conversations/greet.yaml", 4, 20)]
    assert result.files() == ["rules/shop.dsl", "conversations/greet.yaml"]
    assert result.files_searched == 3 and not result.truncated


def test_plain_text_is_case_insensitive_unless_asked(project):
    assert len(search_project(project, "GREET").hits) == 4
    assert search_project(project, "GREET", case_sensitive=True).hits == []
    assert search_project(project, "RULE", case_sensitive=True).hits[0].line == 1


def test_plain_text_is_not_a_pattern_but_a_regex_is(project):
    assert search_project(project, "{rule:").hits[0].file == "conversations/greet.yaml"
    assert search_project(project, ".*").hits == []
    hits = search_project(project, r"想\w+手机", regex=True).hits
    assert [(h.line, h.column, h.length) for h in hits] == [(4, 17, 4)]


def test_a_chinese_match_has_its_column_in_characters_and_the_line_text(project):
    hit = search_project(project, "手机").hits[0]
    assert (hit.file, hit.line, hit.column, hit.length) == ("rules/shop.dsl", 4, 19, 2)
    assert hit.text == 'RESPOND "你好！想买手机吗？"'   # indentation dropped, the match's column follows
    assert hit.text[hit.preview_column - 1:][:2] == "手机"


def test_a_bad_regular_expression_is_data_not_an_exception(project):
    result = search_project(project, "(unclosed", regex=True)
    assert result.hits == [] and result.pattern_error


def test_the_search_stops_at_the_limit_and_says_so(project):
    (project.root / "rules" / "many.dsl").write_text("zq zq zq\n" * 1000, encoding="utf-8")
    result = search_project(project, "zq", limit=50)
    assert len(result.hits) == 50 and result.truncated
    exact = search_project(project, "zq", limit=3000)
    assert len(exact.hits) == 3000 and not exact.truncated


def test_an_open_buffer_is_searched_instead_of_the_disk_text(project):
    buffers = {"rules/shop.dsl": "RULE welcome\n", "rules/new.dsl": "RULE greet_again\n"}
    result = search_project(project, "greet", buffers=buffers)
    assert [(h.file, h.line) for h in result.hits] == [
        ("conversations/greet.yaml", 1), ("conversations/greet.yaml", 4), ("rules/new.dsl", 1)]


def test_a_long_line_is_cut_around_its_match(project):
    line = "a" * 5000 + "needle" + "b" * 5000
    (project.root / "rules" / "long.dsl").write_text(line + "\n", encoding="utf-8")
    hit = search_project(project, "needle").hits[0]
    assert hit.column == 5001
    assert len(hit.text) <= MAX_LINE_PREVIEW + 2
    assert hit.text[hit.preview_column - 1:].startswith("needle")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_unreadable_file_is_named_and_the_rest_searched(project):
    os.mkfifo(project.root / "conversations" / "pipe.yaml")
    result = search_project(project, "greet")
    assert [rel for rel, _reason in result.unreadable] == ["conversations/pipe.yaml"]
    assert len(result.hits) == 4


def test_an_empty_query_finds_nothing(project):
    assert search_project(project, "").hits == []
    assert search_project(project, "^", regex=True).hits == []


def test_the_project_folders_are_listed_once_however_many_editors_are_open(project, monkeypatch):
    listings = []
    rule_files = Project.rule_files.fget
    monkeypatch.setattr(Project, "rule_files", property(lambda self: listings.append(1) or rule_files(self)))
    buffers = {f"rules/new_{n}.dsl": "RULE greet_again\n" for n in range(20)}
    result = search_project(project, "greet", buffers=buffers)
    assert len(listings) == 1
    assert result.files_searched == 3 + 20
