"""Whatever a rule file holds, analysing a project gives diagnostics, never an exception.

Random text, token soup built from the language's own words, and rule files
shaped by the grammar with random conditions, all through `Project.analyze`
(parse, then every check against the sample knowledge), as `rule-studio
check` and the studio run it. Deep nesting, huge numbers, long names and
floods of errors are among the inputs.
"""
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.dsl.limits import MAX_SYNTAX_ERRORS
from studio.dsl.tokens import BUILTIN_VARIABLES, KEYWORDS
from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.project import Project
from tests.checks.checks_helpers import REPO, distinct_word
from tests.dsl.grammar_strategies import actions, leaves

FUZZ = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HANG_GUARD = pytest.mark.timeout(300)   # a generous bound: one example takes milliseconds

IDENTS = ["greet", "product_query", "r", "x", "品牌", "brand", "category", "series", "subtype", "scenario",
          "salesperson_name", *BUILTIN_VARIABLES[:6]]
STRINGS = ['"苹果|华维"', '"{current_brand}好"', '"{{x}}"', '"手鸡"', '"iPhone 61"', '"联想、戴尔等。"',
           '"品牌有苹果、华为、小米等"', '"cart"', '"welcome"', '"未闭合', '"a\\"b\\\\c\\n"', '"\\q"', '""', '"|"']

any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)   # files on disk are UTF-8
long_word = st.integers(30, 3_000).map(distinct_word)
number = st.one_of(st.integers(-10 ** 6, 10 ** 6).map(str), st.integers(1, 6_000).map(lambda n: "9" * n))
nesting = st.builds(lambda unit, times: unit * times, st.sampled_from(["(", ")", "NOT "]), st.integers(1, 400))
quoted = st.one_of(st.sampled_from(STRINGS),
                   st.text(st.characters(exclude_categories=["Cs"], exclude_characters='"\\\n'), max_size=30)
                   .map(lambda s: f'"{s}"'),
                   long_word.map(lambda w: f'"{w}"'))
word = st.one_of(st.sampled_from(sorted(KEYWORDS)), st.sampled_from(IDENTS), quoted, number, nesting, long_word,
                 st.sampled_from(["(", ")", "\n", "# 注释\n", "-", "@", "\x00", "\ufeff"]))
token_soup = st.lists(word, max_size=60).map(" ".join)

# --- files shaped by the grammar -------------------------------------------------------------

ident = st.one_of(st.sampled_from(IDENTS), long_word)
leaf = leaves(ident, quoted, number, ["brand", "category", "series", "scenario", "colour"], ["ALWAYS"])
condition = st.recursive(leaf, lambda inner: st.one_of(
    st.builds("NOT {}".format, inner), st.builds("({})".format, inner),
    st.builds("{} AND {}".format, inner, inner), st.builds("{} OR {}".format, inner, inner),
    st.builds(lambda depth, c: "(" * depth + c + ")" * depth, st.integers(1, 150), inner),
    st.builds(lambda depth, c: "NOT " * depth + c, st.integers(1, 150), inner)), max_leaves=12)
action = actions(ident, quoted, number,
                 ["RESET_SHOPPING_CONTEXT", "SUGGEST_CATEGORIES", "SUGGEST_BRANDS", "SUGGEST_SERIES"])
rule = st.builds("RULE {} PRIORITY {} WHEN {} THEN {}\n".format, ident, number, condition,
                 st.lists(action, min_size=1, max_size=3).map(" ".join))
declaration = st.one_of(
    st.builds("INTENT {} {} KEYWORDS {} EXAMPLES {}\n".format, ident, quoted, quoted, quoted),
    st.builds('PERSONA salesperson_name {} company_name {} END\n'.format, quoted, quoted),
    st.builds("SALES_STAGE {} {}\n".format, number, quoted))
rule_file = st.lists(st.one_of(rule, declaration), max_size=6).map("".join)
any_rule_file = st.one_of(any_text, token_soup, rule_file,
                          st.builds(lambda a, b: a + b, rule_file, token_soup))


@pytest.fixture(scope="module")
def project():
    return Project.open(str(REPO))


@pytest.fixture(scope="module")
def knowledge(project):
    return project.analyze(rule_texts={}, test_texts=[]).knowledge


def analyse(project, knowledge, texts: list[str]):
    analysis = project.analyze(rule_texts={f"rules/f{i}.dsl": t for i, t in enumerate(texts)},
                               knowledge=knowledge, test_texts=[])
    syntax_errors = Counter(d.file for d in analysis.diagnostics if d.code == "E100")
    assert all(count <= MAX_SYNTAX_ERRORS + 1 for count in syntax_errors.values())
    for d in analysis.diagnostics:
        assert d.span.line >= 1 and d.span.column >= 1 and d.span.start <= d.span.end
        d.format_text().encode("utf-8")   # printable as `rule-studio check` prints it
    return analysis


@HANG_GUARD
@FUZZ
@given(texts=st.lists(any_rule_file, min_size=1, max_size=3))
def test_analysing_any_rule_files_gives_diagnostics_never_an_exception(project, knowledge, texts):
    analyse(project, knowledge, texts)


@HANG_GUARD
@FUZZ
@given(text=rule_file, message=st.sampled_from(["你好", "我想买手机", "华为", "预算五千", "加入购物车"]))
def test_rules_shaped_by_the_grammar_are_checked_and_run(project, knowledge, text, message):
    analysis = analyse(project, knowledge, [text])
    assistant = Assistant(RuleBase.build(analysis.programs), knowledge)
    context = assistant.new_context()
    for _ in range(2):
        result = assistant.turn(context, message)
        assert isinstance(result.reply, str)
        result.trace.to_dict()   # explains every rule tried before the one that fired
