"""Property: what the analysis proves holds in the engine.

For random small rule bases over a knowledge whose series may be objects with
aliases and scenarios of their own: a rule reported W300 or W340 never fires,
whatever the intent (any intent a language model could give), context and
message, in the opening turn too;
and every W300 witness replays offline, firing its `fires` rule.
"""
from hypothesis import HealthCheck, given, settings, strategies as st

from studio.analysis.coverage import Analyzer
from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.knowledge import Series

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
    'USER_MENTION_ANY "大黄蜂"', 'USER_MENTION_ANY "拍照|电竞"', 'CONTEXT_EQ current_brand "华为"',
    'CONTEXT_EQ usage_scenario "拍照"', 'CONTEXT_HAS usage_scenario',
]

# Series written as objects: (category, brand, series) -> the aliases and the scenarios it may get.
SERIES_OBJECTS = {
    ("手机", "华为", "Mate 70"): (["大黄蜂", "M70", "摄影"], ["拍照", "游戏", "商务"]),
    ("手机", "苹果", "iPhone 16"): (["小屏"], ["拍照"]),
    ("电脑", "联想", "拯救者 Y9000P"): (["拯救者", "电竞本"], ["电竞", "拍照"]),
}


@st.composite
def knowledges(draw):
    kb = knowledge()
    for (category, brand, name), (aliases, scenarios) in SERIES_OBJECTS.items():
        if draw(st.sampled_from([True, True, False])):
            kb.categories[category].brands[brand].series_details[name] = Series(
                name, draw(st.lists(st.sampled_from(aliases), unique=True, min_size=1, max_size=2)), None,
                draw(st.lists(st.sampled_from(scenarios), unique=True, max_size=2)))
    kb.changed()
    return kb


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
                              "摄影", "iPhone 16", "Ｍａｔｅ 70", "5000以内", "游戏", "大黄蜂", "M70", "拍照", "电竞",
                              "拯救者", "小屏"]), max_size=4),
    st.sampled_from(["", " ", "，"]),
    st.booleans(),   # the opening turn instead of a customer message
), min_size=1, max_size=10)


def source_of(rules) -> str:
    return "".join(f'RULE r{i} PRIORITY {priority} WHEN {condition} THEN RESPOND "{i}"\n'
                   for i, (condition, priority) in enumerate(rules))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_sets, situations, knowledges())
def test_reported_rules_never_fire_and_witnesses_replay(rules, turns, kb):
    progs = programs(source_of(rules))
    findings = Analyzer().run(progs, kb)
    never = {c.rule.name for c in findings.covered} | {d.rule.name for d in findings.dead}

    for covered in findings.covered:
        if covered.witness is not None:
            witness = covered.witness.to_json()
            result = replay(progs, witness, kb)
            assert (result.intent, result.rule) == (witness["intent"], witness["fires"])

    port = IntentPort()
    assistant = Assistant(RuleBase.build(progs), kb, port)
    for intent, stage, values, words, separator, opening in turns:
        port.intent = intent
        context = assistant.new_context(stage, **values)
        result = assistant.opening(context) if opening else assistant.turn(context, separator.join(words))
        assert result.rule not in never, (result.rule, result.input, intent, values)


SCOPES = ['', 'CONTEXT_EQ current_category "手机"', 'CONTEXT_EQ current_category "电脑"',
          'CONTEXT_EQ current_category "手机" AND CONTEXT_EQ current_brand "华为"',
          'CONTEXT_EQ current_category "手机" AND CONTEXT_EQ current_brand "苹果"',
          'CONTEXT_EQ current_category "电脑" AND CONTEXT_EQ current_brand "联想"']
MESSAGE_LEAVES = ['USER_MENTIONS series', 'USER_MENTIONS scenario', 'USER_MENTION_ANY "大黄蜂"',
                  'USER_MENTION_ANY "拍照"', 'USER_MENTION_ANY "电竞|拯救者"', 'USER_MENTION_ANY "m70"',
                  'USER_MENTION_ANY "摄影"', 'CONTEXT_HAS usage_scenario', 'CONTEXT_EQ usage_scenario "拍照"']
SERIES_CONTEXTS = [{}, {"current_category": "手机"}, {"current_category": "手机", "current_brand": "华为"},
                   {"current_category": "手机", "current_brand": "苹果"}, {"current_category": "电脑"},
                   {"current_category": "电脑", "current_brand": "联想"}, {"usage_scenario": "拍照"},
                   {"current_category": "手机", "current_brand": "华为", "usage_scenario": "商务"}]
SERIES_WORDS = ["大黄蜂", "M70", "拍照", "电竞", "拯救者", "电竞本", "小屏", "摄影", "游戏", "Mate 70", "你好", "嗯"]


def _series_condition(scope: str, message: str, negated: str) -> str:
    return " AND ".join(part for part in (scope, message, negated and f"NOT {negated}") if part)


# A scope, something of the message, and sometimes a negated part: what makes the mention facts matter.
series_conditions = st.builds(_series_condition, st.sampled_from(SCOPES), st.sampled_from(MESSAGE_LEAVES),
                              st.one_of(st.just(""), st.sampled_from(MESSAGE_LEAVES)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(series_conditions, st.integers(0, 2)), min_size=2, max_size=6), knowledges())
def test_rules_reported_over_series_aliases_and_scenarios_never_fire_in_any_scoped_turn(rules, kb):
    """Every one-word message in every scope the leaves test: a fact the engine does not obey shows."""
    progs = programs(source_of(rules))
    findings = Analyzer().run(progs, kb)
    never = {c.rule.name for c in findings.covered} | {d.rule.name for d in findings.dead}
    if not never:
        return
    port = IntentPort()
    assistant = Assistant(RuleBase.build(progs), kb, port)
    for intent in (None, "greeting"):
        port.intent = intent
        for values in SERIES_CONTEXTS:
            for word in SERIES_WORDS:
                result = assistant.turn(assistant.new_context(**values), word)
                assert result.rule not in never, (result.rule, word, intent, values)
