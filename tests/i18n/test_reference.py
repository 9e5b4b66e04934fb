"""The in-app DSL reference (studio/dsl/reference.py): complete, with examples that work, in both languages."""
import re

import pytest

from studio.diagnostics import Severity
from studio.dsl import reference
from studio.dsl.lexer import tokenize
from studio.dsl.parser import parse
from studio.dsl.tokens import ACTIONS, CONDITIONS, KEYWORDS, Kind
from studio.project import SAMPLE_PROJECT, Project


def parser_keywords() -> set[str]:
    """Every word the lexer makes a keyword, and every upper-case word the parser's code tests for."""
    import studio.dsl.parser as parser_module
    source = open(parser_module.__file__, encoding="utf-8").read()
    tested = set(re.findall(r'"([A-Z][A-Z_]+)"', source)) & KEYWORDS
    return set(KEYWORDS) | tested | set(CONDITIONS) | set(ACTIONS)


def test_every_keyword_the_parser_accepts_has_an_entry():
    covered = {entry.keyword for entry in reference.ENTRIES}
    assert parser_keywords() - covered == set()
    assert covered - parser_keywords() == set()   # and no entry for a word that is not a keyword


def test_conditions_and_actions_are_filed_under_their_kind():
    kinds = {entry.keyword: entry.kind for entry in reference.ENTRIES}
    assert {k for k in CONDITIONS if kinds[k] != reference.CONDITION} == set()
    assert {k for k in ACTIONS if kinds[k] != reference.ACTION} == set()


@pytest.mark.parametrize("entry", reference.ENTRIES, ids=lambda e: e.keyword)
def test_every_example_parses_on_its_own_and_uses_its_keyword(entry):
    result = parse(entry.example, "rules/example.dsl")
    assert result.diagnostics == ()
    tokens, _errors = tokenize(entry.example)
    assert entry.keyword in {t.text for t in tokens if t.kind is Kind.KEYWORD}
    assert entry.summary_text() and entry.signature.split()[0] in (entry.keyword, "condition", "KEYWORDS")


def test_the_examples_check_without_errors_beside_the_sample_project():
    project = Project.open(SAMPLE_PROJECT)
    texts = project.read_rule_texts()
    texts["rules/zz_reference.dsl"] = "\n\n".join(entry.example for entry in reference.ENTRIES)
    analysis = project.analyze(rule_texts=texts)
    errors = [d for d in analysis.diagnostics if d.file == "rules/zz_reference.dsl" and d.severity is Severity.ERROR]
    assert errors == []


def test_search_finds_entries_by_keyword_and_by_words_of_their_description():
    assert [e.keyword for e in reference.search("capture")] == ["CAPTURE"]
    found = {e.keyword for e in reference.search("sales stage")}
    assert {"SALES_STAGE", "SALES_STAGE_IS", "SET_SALES_STAGE"} <= found
    assert "RESPOND" not in found
    assert len(reference.search("")) == len(reference.ENTRIES)
    assert reference.search("no such thing anywhere") == []


def test_the_persona_keys_are_listed_in_the_persona_entry():
    texts = dict(reference.entry("PERSONA").argument_texts())
    assert "salesperson_name" in texts["key"] and "conversation_type" in texts["key"]


def test_the_reference_is_chinese_under_chinese_while_keywords_and_examples_stay(chinese):
    entry = reference.entry("USER_MENTION_ANY")
    assert entry.summary_text() == "消息至少包含其中一个候选词（不区分大小写）。"
    assert entry.kind_title() == "条件"
    assert entry.keyword == "USER_MENTION_ANY" and "USER_MENTION_ANY" in entry.example
    for each in reference.ENTRIES:   # every text shown has its Chinese
        assert re.search("[\u4e00-\u9fff]", each.summary_text()), each.keyword
        assert re.search("[\u4e00-\u9fff]", each.kind_title())
        for _name, text in each.argument_texts():
            assert re.search("[\u4e00-\u9fff]", text), (each.keyword, text)


def test_search_in_chinese_matches_the_chinese_descriptions(chinese):
    found = {e.keyword for e in reference.search("销售阶段")}
    assert {"SALES_STAGE", "SALES_STAGE_IS", "SET_SALES_STAGE"} <= found
    assert [e.keyword for e in reference.search("兜底")] == ["ALWAYS", "GENERATE"]
