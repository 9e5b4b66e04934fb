from hypothesis import given, settings
from hypothesis import strategies as st

from studio.dsl.parser import parse
from studio.engine.conditions import TurnFacts, evaluate
from studio.engine.context import ConversationContext
from studio.engine.rulebase import RuleBase
from studio.engine.stages import DEFAULT_SALES_STAGES

from tests.engine.engine_helpers import rulebase_of, small_knowledge


def names(entries) -> list[str]:
    return [e.name for e in entries]


def test_rules_are_tried_by_descending_priority_then_file_then_position():
    first = '''
RULE a WHEN ALWAYS THEN RESPOND "a"
RULE b PRIORITY 5 WHEN ALWAYS THEN RESPOND "b"
RULE c WHEN ALWAYS THEN RESPOND "c"
'''
    second = '''
RULE d PRIORITY 5 WHEN ALWAYS THEN RESPOND "d"
RULE e PRIORITY -1 WHEN ALWAYS THEN RESPOND "e"
RULE f WHEN ALWAYS THEN RESPOND "f"
'''
    rulebase = rulebase_of(first, second)
    assert names(rulebase.rules) == ["b", "d", "a", "c", "f", "e"]
    assert [e.file for e in rulebase.rules[:2]] == ["f0.dsl", "f1.dsl"]


def test_rules_cut_short_by_a_syntax_error_are_left_out():
    result = parse('RULE ok WHEN ALWAYS THEN RESPOND "x"\nRULE broken WHEN INTENT_IS THEN\n')
    assert result.diagnostics
    assert names(RuleBase.build([result.program]).rules) == ["ok"]


def test_first_declaration_counts_for_intents_persona_and_sales_stages():
    first = '''
INTENT greet "first" KEYWORDS "你好"
PERSONA
    salesperson_name "李销售"
END
SALES_STAGE 2 "二" "第二"
SALES_STAGE 1 "一" "第一"
'''
    second = '''
INTENT greet "second" KEYWORDS "hi"
INTENT buy KEYWORDS "买"
PERSONA
    salesperson_name "王销售"
    company_name "优质数码"
END
SALES_STAGE 1 "壹" "again"
'''
    rulebase = rulebase_of(first, second)
    assert [(d.name.text, d.description.value if d.description else None) for d in rulebase.intents] == \
        [("greet", "first"), ("buy", None)]
    assert rulebase.persona["salesperson_name"] == "李销售"
    assert rulebase.persona["company_name"] == "优质数码"
    assert rulebase.persona["conversation_type"] == ""
    assert [(s.number, s.title) for s in rulebase.sales_stages] == [(1, "一"), (2, "二")]


def test_without_declared_sales_stages_the_seven_salesgpt_stages_apply():
    rulebase = rulebase_of('RULE a WHEN ALWAYS THEN RESPOND "x"')
    assert rulebase.sales_stages == DEFAULT_SALES_STAGES
    assert [s.title for s in rulebase.sales_stages] == ["介绍阶段", "资格确认", "价值主张", "需求分析",
                                                       "解决方案展示", "异议处理", "成交"]


def test_uses_sales_stages_when_a_rule_tests_or_generates():
    assert not rulebase_of('RULE a WHEN ALWAYS THEN SET_SALES_STAGE 2').uses_sales_stages
    assert rulebase_of('RULE a WHEN NOT SALES_STAGE_IS 2 THEN RESPOND "x"').uses_sales_stages
    assert rulebase_of('RULE a WHEN ALWAYS THEN GENERATE "x"').uses_sales_stages


def test_the_index_offers_only_rules_that_can_fire_for_the_intent_and_stage():
    rulebase = rulebase_of('''
RULE for_a WHEN INTENT_IS a AND USER_MENTION_ANY "x" THEN RESPOND "1"
RULE for_a_or_b WHEN (INTENT_IS a OR INTENT_IS b) AND CONTEXT_STAGE_IS "s" THEN RESPOND "2"
RULE not_a WHEN NOT INTENT_IS a THEN RESPOND "3"
RULE stage_t WHEN CONTEXT_EQ current_stage "t" THEN RESPOND "4"
RULE a_or_anything WHEN INTENT_IS a OR ALWAYS THEN RESPOND "5"
''')
    assert names(rulebase.candidates("a", "s")) == ["for_a", "for_a_or_b", "not_a", "a_or_anything"]
    assert names(rulebase.candidates("b", "t")) == ["not_a", "stage_t", "a_or_anything"]
    assert names(rulebase.candidates(None, "s")) == ["not_a", "a_or_anything"]
    entry = rulebase.rules[1]
    failure = entry.excluded_by_index("c", "s")
    assert str(failure) == "(INTENT_IS a OR INTENT_IS b): intent is c"
    assert str(entry.excluded_by_index("a", "x")) == "CONTEXT_STAGE_IS \"s\": stage is 'x'"
    assert entry.excluded_by_index("b", "s") is None


# ---------------------------------------------------------------- index == linear scan

INTENTS = ("a", "b", "c")
STAGES = ("s1", "s2", "s3")
WORDS = ("苹果", "买", "贵")

_leaf = st.one_of(
    st.sampled_from(INTENTS).map(lambda i: f"INTENT_IS {i}"),
    st.sampled_from(STAGES).map(lambda s: f'CONTEXT_STAGE_IS "{s}"'),
    st.sampled_from(STAGES).map(lambda s: f'CONTEXT_EQ current_stage "{s}"'),
    st.sampled_from(WORDS).map(lambda w: f'USER_MENTION_ANY "{w}"'),
    st.just("CONTEXT_HAS current_brand"),
    st.just("USER_MENTIONS brand"),
    st.just("ALWAYS"),
)
_expr = st.recursive(_leaf, lambda inner: st.one_of(
    inner.map(lambda e: f"NOT {e}"),
    st.lists(inner, min_size=2, max_size=3).map(lambda es: "(" + " AND ".join(es) + ")"),
    st.lists(inner, min_size=2, max_size=3).map(lambda es: "(" + " OR ".join(es) + ")"),
), max_leaves=6)
_top = st.one_of(_expr, st.lists(_expr, min_size=2, max_size=3).map(" AND ".join))
_rule_bases = st.lists(st.tuples(st.integers(-2, 2), _top), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(rules=_rule_bases, intent=st.sampled_from(INTENTS + (None,)), stage=st.sampled_from(STAGES),
       words=st.lists(st.sampled_from(WORDS), max_size=2), brand=st.booleans())
def test_the_index_fires_the_same_rule_as_a_linear_scan(rules, intent, stage, words, brand):
    text = "\n".join(f'RULE r{i} PRIORITY {p} WHEN {cond} THEN RESPOND "x"' for i, (p, cond) in enumerate(rules))
    rulebase = rulebase_of(text)
    context = ConversationContext.from_dict({"current_stage": stage, "current_brand": "苹果" if brand else None})
    facts = TurnFacts("".join(words), intent, context, small_knowledge())

    linear = next((e for e in rulebase.rules if evaluate(e.rule.condition, facts) is None), None)
    indexed = next((e for e in rulebase.candidates(intent, stage) if e.holds(facts)), None)
    assert indexed is linear
    for entry in rulebase.rules:
        assert entry.holds(facts) == (evaluate(entry.rule.condition, facts) is None)
        if entry.excluded_by_index(intent, stage) is not None:
            assert not entry.holds(facts)
        for opening in (False, True):
            assert entry.allowed_by_index(intent, stage, opening) == (
                entry.excluded_by_index(intent, stage, opening) is None)
