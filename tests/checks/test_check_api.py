"""`check` as a whole: every code has a check, diagnostics are sorted and exact, nothing raises."""
from pathlib import Path

import pytest
from tests.checks.checks_helpers import run, small_knowledge
from hypothesis import HealthCheck, given, settings, strategies as st

from studio.checks import CHECKS, check
from studio.diagnostics import Severity
from studio.dsl.parser import parse
from studio.dsl.tokens import ACTIONS, CONDITIONS, KEYWORDS

ROOT = Path(__file__).resolve().parents[2]
EVERY_CODE = ("E110", "E120", "E200", "E201", "E202", "W210", "W220", "W300", "W310", "W320", "W330",
              "W340", "W350", "I400", "I410")

KITCHEN_SINK = '''INTENT product_query KEYWORDS "买"
INTENT purchase KEYWORDS "买"
RULE never WHEN CONTEXT_HAS x AND CONTEXT_NOT_SET x THEN RESPOND "?"
RULE a WHEN INTENT_IS product_qurey AND CONTEXT_STAGE_IS "brand_selct"
THEN RESPOND "目前主流手机品牌有：苹果、华维、小米、三星等。"
RULE b WHEN CONTEXT_EQ current_category "手机" AND USER_MENTION_ANY "华维|联想"
THEN ADD_TO_CHAIN brand "联想"
    ADD_TO_CHAIN series "iPhone 99"
    SET_STAGE "brand_select"
RULE a WHEN CONTEXT_HAS x THEN RESPOND "{current_brnd}" ADD_TO_CHAIN category "手鸡" ADD_TO_CHAIN brand "lenvo"
RULE c WHEN CONTEXT_HAS x THEN RESPOND "苹果、华为"
'''


def test_every_code_of_the_spec_is_produced_with_its_severity():
    found = run(KITCHEN_SINK, prelude=False)
    assert {d.code for d in found} == set(EVERY_CODE)
    for d in found:
        assert d.severity is {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}[d.code[0]]


def test_diagnostics_carry_their_file_and_come_sorted_and_every_suggestion_has_a_fix():
    found = run(KITCHEN_SINK, prelude=False)
    rule_diagnostics = [d for d in found if d.code != "I410"]
    assert {d.file for d in rule_diagnostics} == {"r1.dsl"}
    assert rule_diagnostics == sorted(rule_diagnostics, key=lambda d: (d.span.line, d.span.column, d.severity.rank))
    for d in found:
        assert (d.suggestion is not None) == bool(d.fixes), d
        assert all(f.file == d.file for f in d.fixes)


def test_each_check_is_documented():
    for run_check in CHECKS:
        assert run_check.__doc__ and run_check.__module__.startswith("studio.checks.")
        assert __import__(run_check.__module__, fromlist=["x"]).__doc__


def test_empty_project_checks_clean():
    assert check([], small_knowledge()) == [d for d in check([], small_knowledge()) if d.code == "I410"]


# ---------------------------------------------------------------- never raises

_WORDS = st.sampled_from(sorted(KEYWORDS) + [
    "product_query", "current_brand", "current_category", "current_series", "current_subtype",
    "current_stage", "brand", "category", "series", "subtype", "scenario", "x", "(", ")", "-3", "7", "\n"])
_STRINGS = st.sampled_from([
    "苹果", "华维", "联想", "手鸡", "电脑", "笔记本", "iphone 16", "lenvo", "苹果|华维|", "{current_brnd}",
    "{{x}}", "{", "}", "苹果、华为、小米等。", "华维、小迷", "、,，/和", "", " ", "\\\"", "\\\\", "等", "welcome",
]).map(lambda s: f'"{s}"')
_TEXT = st.lists(st.one_of(_WORDS, _STRINGS, st.sampled_from(["RULE r", "RULE r PRIORITY 2 WHEN", "THEN"])),
                 max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, min_size=1, max_size=3))
def test_check_never_raises_on_any_parseable_input(texts):
    programs = [parse(text, f"f{i}.dsl").program for i, text in enumerate(texts)]
    for d in check(programs, small_knowledge(), extra_mentions=texts):
        assert d.code in EVERY_CODE and d.span.line >= 1 and d.span.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CONDITIONS), min_size=1, max_size=4),
       st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=4), st.sampled_from(["AND", "OR", "AND NOT"]))
def test_check_never_raises_on_well_formed_rules(conditions, actions, joiner):
    argument = {"INTENT_IS": " product_query", "USER_MENTIONS": " brand", "CONTEXT_HAS": " x",
                "CONTEXT_NOT_SET": " x", "SALES_STAGE_IS": " 2", "CONTEXT_EQ": ' current_brand "华维"',
                "SET_VAR": ' current_stage "{x}"', "ADD_TO_CHAIN": ' series "Mate 70"', "CAPTURE": " brand",
                "SET_SALES_STAGE": " 3", "ALWAYS": "", "CONVERSATION_START": ""}
    when = f" {joiner} ".join(c + argument.get(c, ' "苹果、华维"') for c in conditions)
    then = " ".join(a + argument.get(a, ' "联想、戴尔 {current_brand}"' if a not in (
        "RESET_SHOPPING_CONTEXT", "SUGGEST_CATEGORIES", "SUGGEST_SUBTYPES", "SUGGEST_BRANDS", "SUGGEST_SERIES") else "") for a in actions)
    result = parse(f"RULE r WHEN {when} THEN {then}\nRULE r WHEN {when} THEN {then}\n", "f.dsl")
    assert result.diagnostics == (), [d.message for d in result.diagnostics]
    check([result.program], small_knowledge())


# ---------------------------------------------------------------- the sample project

@pytest.mark.skipif(not (ROOT / "rules" / "ecommerce.dsl").exists() or not (ROOT / "knowledge").is_dir(),
                    reason="the sample rules or knowledge are not written yet")
def test_sample_project_has_no_errors_or_warnings():
    from studio.knowledge import load_knowledge
    programs = [parse(p.read_text(encoding="utf-8"), p.name).program for p in sorted((ROOT / "rules").glob("*.dsl"))]
    knowledge, problems, _ = load_knowledge(sorted((ROOT / "knowledge").glob("*.json")), root=ROOT)
    assert problems == []
    tests = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "conversations").glob("*.yaml"))]
    found = [d.format_text() for d in check(programs, knowledge, tests) if d.severity is not Severity.INFO]
    assert found == []
