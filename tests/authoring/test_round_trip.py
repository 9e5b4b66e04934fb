"""Text → form → text is stable for every rule the parser accepts, and keeps what the rule means;
the sample project's rules render back exactly as they were written."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.authoring import ActionItem, Group, Row, RuleForm, from_rule, render
from studio.dsl.parser import parse
from tests.authoring.shapes import meaning
from tests.dsl.grammar_strategies import actions, leaves

REPO = Path(__file__).resolve().parents[2]
BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ident = st.sampled_from(["greeting", "product_query", "x", "品牌", "_tmp2", "current_brand", "budget_range"])
text = st.text(st.characters(exclude_categories=["Cs", "Cc"], exclude_characters='"\\'), max_size=12)
quoted = st.one_of(
    text.map(lambda s: f'"{s}"'),
    st.sampled_from(['"a\\"b\\\\c\\nd"', '""', '"|"', '"苹果 | 华为||"', '"{current_brand}好"', '"# 不是注释"']))
number = st.integers(-1000, 1000).map(str)
space = st.sampled_from([" ", "  ", "\n", "\n    ", "\t", " # 注释\n", "\n# 整行注释\n  "])
leaf = leaves(ident, quoted, number)
condition = st.recursive(leaf, lambda inner: st.one_of(
    st.builds("NOT {}".format, inner),
    st.builds("({})".format, inner),
    st.builds("{}{}AND{}{}".format, inner, space, space, inner),
    st.builds("{}{}OR{}{}".format, inner, space, space, inner)), max_leaves=8)
action = actions(ident, quoted, st.integers(1, 9).map(str))
priority = st.one_of(st.just(""), st.builds("{}PRIORITY {}".format, space, number))
rule_text = st.builds("RULE {}{}{}WHEN {}{}THEN{}{}\n".format, ident, priority, space, condition, space, space,
                      st.lists(action, min_size=1, max_size=4).map("\n    ".join))


def only_rule(text: str):
    result = parse(text)
    assert not result.diagnostics, (text, result.diagnostics)
    (rule,) = result.program.rules
    return rule


@BOUNDED
@given(rule_text)
def test_text_form_text_is_stable_and_keeps_the_meaning(text):
    original = only_rule(text)
    rendered = render(from_rule(original))
    again = only_rule(rendered)
    assert meaning(again) == meaning(original)
    assert render(from_rule(again)) == rendered


def sample_rules():
    for path in sorted((REPO / "rules").glob("*.dsl")):
        source = path.read_text(encoding="utf-8")
        for rule in parse(source, path.name).program.rules:
            yield pytest.param(source, rule, id=f"{path.name}:{rule.name.text}")


@pytest.mark.parametrize("source, rule", list(sample_rules()))
def test_a_sample_rule_renders_exactly_as_written(source, rule):
    rendered = render(from_rule(rule))
    assert rendered == source[rule.span.start:rule.span.end]
    assert meaning(only_rule(rendered)) == meaning(rule)


def test_a_rule_cut_short_by_a_syntax_error_has_no_form():
    (rule,) = parse("RULE broken PRIORITY 3 WHEN INTENT_IS\n").program.rules
    assert from_rule(rule) is None


def test_double_negation_is_the_one_normalisation():
    rule = only_rule("RULE r WHEN NOT NOT INTENT_IS a AND NOT (ALWAYS OR NOT NOT CONTEXT_HAS x) THEN SUGGEST_BRANDS")
    assert render(from_rule(rule)).splitlines()[1] == "WHEN INTENT_IS a AND NOT (ALWAYS OR CONTEXT_HAS x)"


def test_redundant_parentheses_around_a_group_are_kept_as_a_nested_group():
    rule = only_rule('RULE r WHEN (INTENT_IS a AND INTENT_IS b) AND ((ALWAYS)) THEN SUGGEST_BRANDS')
    assert render(from_rule(rule)).splitlines()[1] == "WHEN (INTENT_IS a AND INTENT_IS b) AND ALWAYS"


def test_a_long_condition_wraps_at_its_top_level_operator():
    words = "|".join(["很长的提及词"] * 12)
    rule = only_rule(f'RULE r PRIORITY 1 WHEN INTENT_IS a AND USER_MENTION_ANY "{words}" THEN SUGGEST_BRANDS')
    assert render(from_rule(rule)).splitlines()[2:4] == [
        "WHEN INTENT_IS a", f'    AND USER_MENTION_ANY "{words}"']


def test_a_priority_that_was_not_written_stays_unwritten():
    assert render(from_rule(only_rule("RULE r WHEN ALWAYS THEN SUGGEST_BRANDS"))) == \
        "RULE r\nWHEN ALWAYS\nTHEN\n    SUGGEST_BRANDS"


# --- forms as the guided form builds them: empty groups, groups of one, NOT on both a group and its row ---

form_row = st.builds(lambda kind_args, negated: Row(kind_args[0], list(kind_args[1]), negated), st.one_of(
    st.tuples(st.just("INTENT_IS"), st.tuples(ident)),
    st.tuples(st.just("USER_MENTION_ANY"), st.tuples(text)),
    st.tuples(st.just("CONTEXT_EQ"), st.tuples(ident, text)),
    st.tuples(st.just("SALES_STAGE_IS"), st.tuples(st.integers(1, 9))),
    st.tuples(st.just("ALWAYS"), st.just(())),
), st.booleans())
form_group = st.recursive(
    st.builds(lambda op, rows, negated: Group(op, rows, negated), st.sampled_from(["AND", "OR"]),
              st.lists(form_row, max_size=3), st.booleans()),
    lambda inner: st.builds(lambda op, items, negated: Group(op, items, negated), st.sampled_from(["AND", "OR"]),
                            st.lists(st.one_of(form_row, inner), max_size=3), st.booleans()),
    max_leaves=8)
form_action = st.one_of(st.builds(lambda t: ActionItem("RESPOND", [t]), text),
                        st.builds(lambda n: ActionItem("SET_SALES_STAGE", [n]), st.integers(1, 9)),
                        st.just(ActionItem("SUGGEST_BY_SCENARIO", [])), st.just(ActionItem("SUGGEST_BRANDS")))
form = st.builds(RuleForm, ident, st.one_of(st.none(), st.integers(-100, 100)), form_group,
                 st.lists(form_action, min_size=1, max_size=3), st.booleans())


@BOUNDED
@given(form)
def test_whatever_the_form_holds_its_text_parses_back_to_a_form_that_renders_the_same(built):
    rendered = render(built)
    again = from_rule(only_rule(rendered))
    assert render(again) == rendered
    assert render(from_rule(only_rule(render(again)))) == rendered
