"""Property: what the analysis proves holds in the engine.

For random small rule bases: a rule reported W300 or W340 never fires, whatever
the intent (any intent a language model could give), context and message, in
the opening turn too;
and every W300 witness replays offline, firing its `fires` rule.
"""
from hypothesis import HealthCheck, given, settings, strategies as st

from studio.analysis.coverage import Analyzer
from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase

from tests.analysis.helpers import IntentPort, knowledge, programs, replay

LEAVES = [
    'INTENT_IS greeting', 'INTENT_IS product_query', 'CONTEXT_STAGE_IS "a"', 'CONTEXT_STAGE_IS "b"',
    'USER_MENTION_ANY "华为"', 'USER_MENTION_ANY "买华为手机"', 'USER_MENTION_ANY "x|Y"', 'USER_MENTION_ALL "x|y"',
    'USER_MENTION_ANY "笔记本|摄影"', 'CONTEXT_HAS v', 'CONTEXT_EQ v "1"', 'CONTEXT_NOT_SET v',
    'USER_MENTIONS category', 'USER_MENTIONS brand', 'USER_MENTIONS subtype', 'USER_MENTIONS series',
    'USER_MENTIONS scenario', 'CONTEXT_EQ current_category "手机"', 'CONTEXT_EQ current_category "电脑"',
    'CONTEXT_EQ current_brand "苹果"', 'CONTEXT_NOT_SET current_category', 'CONTEXT_HAS product_chain',
    'CONTEXT_HAS budget_range', 'CONTEXT_NOT_SET usage_scenario', 'ALWAYS', 'SALES_STAGE_IS 2',
    'CONTEXT_EQ sales_stage "2"', 'CONTEXT_EQ query_count "0"', 'CONVERSATION_START',
]

conditions = st.recursive(
    st.sampled_from(LEAVES),
    lambda inner: st.one_of(inner.map(lambda e: f"NOT ({e})"),
                            st.tuples(inner, inner).map(lambda p: f"({p[0]}) AND ({p[1]})"),
                            st.tuples(inner, inner).map(lambda p: f"({p[0]}) OR ({p[1]})")),
    max_leaves=4)

rule_sets = st.lists(st.tuples(conditions, st.integers(0, 2)), min_size=2, max_size=6)

situations = st.lists(st.tuples(
    st.sampled_from([None, "greeting", "product_query", "objection"]),
    st.sampled_from(["a", "b", "welcome"]),
    st.fixed_dictionaries({}, optional={
        "v": st.sampled_from(["1", "2"]),
        "current_category": st.sampled_from(["手机", "电脑"]),
        "current_brand": st.sampled_from(["苹果", "华为", "联想"]),
        "budget_range": st.just([3000, 5000]),
        "sales_stage": st.sampled_from([1, 2]),
    }),
    st.lists(st.sampled_from(["华为", "手机", "买华为手机", "x", "Y", "你好", "买", "华 为", "Apple", "笔记本",
                              "摄影", "iPhone 16", "Ｍａｔｅ 70", "5000以内", "游戏"]), max_size=4),
    st.sampled_from(["", " ", "，"]),
    st.booleans(),   # the opening turn instead of a customer message
), min_size=1, max_size=10)


def source_of(rules) -> str:
    return "".join(f'RULE r{i} PRIORITY {priority} WHEN {condition} THEN RESPOND "{i}"\n'
                   for i, (condition, priority) in enumerate(rules))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_sets, situations)
def test_reported_rules_never_fire_and_witnesses_replay(rules, turns):
    progs = programs(source_of(rules))
    findings = Analyzer().run(progs, knowledge())
    never = {c.rule.name for c in findings.covered} | {d.rule.name for d in findings.dead}

    for covered in findings.covered:
        if covered.witness is not None:
            witness = covered.witness.to_json()
            result = replay(progs, witness)
            assert (result.intent, result.rule) == (witness["intent"], witness["fires"])

    port = IntentPort()
    assistant = Assistant(RuleBase.build(progs), knowledge(), port)
    for intent, stage, values, words, separator, opening in turns:
        port.intent = intent
        context = assistant.new_context(stage, **values)
        result = assistant.opening(context) if opening else assistant.turn(context, separator.join(words))
        assert result.rule not in never, (result.rule, result.input, intent, values)
