"""On random small rule bases, every conversation the explorer gives replays from a fresh context and
fires its rule on the last turn, and every stage conversation ends in its stage. The knowledge has a
series object with an alias and a scenario no brand lists."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.dsl.parser import parse
from studio.explore.search import explore_programs
from studio.knowledge.store import read_snapshot
from tests.explore.small_projects import INTENTS, KNOWLEDGE

FUZZ_KNOWLEDGE = json.loads(json.dumps(KNOWLEDGE))
FUZZ_KNOWLEDGE["categories"]["手机"]["brands"]["华为"]["series"] = [
    {"name": "Mate 70", "aliases": ["大黄蜂"], "scenarios": ["拍照"]}, "Pura 70"]

STAGES = ("welcome", "a", "b", "c")
CONDITIONS = st.sampled_from([
    "INTENT_IS greeting", "INTENT_IS product_query", "INTENT_IS budget_talk",
    'USER_MENTION_ANY "苹果|华为"', 'USER_MENTION_ALL "性价比|高"', "USER_MENTIONS category", "USER_MENTIONS brand",
    "USER_MENTIONS series", "USER_MENTIONS scenario", 'USER_MENTION_ANY "mate"', 'CONTEXT_EQ usage_scenario "拍照"',
    "CONTEXT_HAS budget_range", "CONTEXT_NOT_SET current_category", 'CONTEXT_EQ current_category "手机"',
    'CONTEXT_EQ flag "on"', "SALES_STAGE_IS 4", *[f'CONTEXT_STAGE_IS "{s}"' for s in STAGES],
])
ACTIONS = st.sampled_from([
    *[f'SET_STAGE "{s}"' for s in STAGES], "CAPTURE category", "CAPTURE brand", "CAPTURE series",
    "RESET_SHOPPING_CONTEXT",
    'SET_VAR flag "on"', 'SET_VAR flag ""', "SET_SALES_STAGE 4", 'ADD_TO_CHAIN category "电脑"', 'RESPOND "好"',
])
RULE = st.tuples(st.lists(CONDITIONS, min_size=1, max_size=3), st.booleans(),
                 st.lists(ACTIONS, min_size=1, max_size=3), st.integers(-2, 2))


def rule_text(number: int, rule) -> str:
    conditions, negate_last, actions, priority = rule
    if negate_last and len(conditions) > 1:
        conditions = [*conditions[:-1], "NOT " + conditions[-1]]
    return (f"RULE r{number}\n    PRIORITY {priority}\nWHEN " + " AND ".join(conditions) + "\nTHEN\n    "
            + "\n    ".join(actions) + "\n")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RULE, min_size=1, max_size=6))
def test_every_explored_conversation_replays_and_fires_its_rule_last(rules):
    text = INTENTS + "\n".join(rule_text(i, r) for i, r in enumerate(rules))
    program = parse(text, "rules/fuzz.dsl").program
    knowledge = read_snapshot(json.dumps(FUZZ_KNOWLEDGE, ensure_ascii=False))
    found = explore_programs([program], knowledge, 3)
    assistant = Assistant(RuleBase.build([program]), knowledge)
    for rule, conversation in found.rules.items():
        if conversation is None:
            continue
        context = assistant.new_context()
        results = [assistant.turn(context, message) for message in conversation]
        assert results[-1].rule == rule, (text, conversation)
    for stage, conversation in found.stages.items():
        if conversation:
            context = assistant.new_context()
            assert [assistant.turn(context, m) for m in conversation][-1].stage == stage
