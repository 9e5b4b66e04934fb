import pytest

from studio.dsl.parser import parse
from studio.engine.conditions import TurnFacts, compile_condition, describe, evaluate
from studio.engine.context import ConversationContext


def condition(text: str):
    result = parse(f'RULE r WHEN {text} THEN RESPOND "x"')
    assert not result.diagnostics, result.diagnostics
    return result.program.rules[0].condition


def check(text: str, knowledge, message="", intent=None, **variables):
    """(holds, failure text) of a condition, asserting the fast test agrees with the explanation."""
    facts = TurnFacts(message, intent, ConversationContext.from_dict(variables), knowledge)
    expr = condition(text)
    failure = evaluate(expr, facts)
    assert compile_condition(expr)(facts) == (failure is None)
    return failure is None, str(failure) if failure else None


@pytest.mark.parametrize("text, kwargs, expected", [
    ("INTENT_IS buy", {"intent": "buy"}, (True, None)),
    ("INTENT_IS buy", {"intent": "greet"}, (False, "INTENT_IS buy: intent is greet")),
    ("INTENT_IS buy", {}, (False, "INTENT_IS buy: no intent detected")),
    ('USER_MENTION_ANY "品牌|推荐"', {"message": "有什么推荐"}, (True, None)),
    ('USER_MENTION_ANY "Apple|推荐"', {"message": "APPLE 的"}, (True, None)),
    ('USER_MENTION_ANY "品牌|推荐"', {"message": "随便"},
     (False, 'USER_MENTION_ANY "品牌|推荐": message mentions none of them')),
    ('USER_MENTION_ALL "便宜|好用"', {"message": "便宜又好用"}, (True, None)),
    ('USER_MENTION_ALL "便宜|好用"', {"message": "便宜"}, (False, 'USER_MENTION_ALL "便宜|好用": message lacks 好用')),
    ("USER_MENTIONS brand", {"message": "iPhone 怎么样"}, (True, None)),
    ("USER_MENTIONS brand", {"message": "联想", "current_category": "手机"},
     (False, "USER_MENTIONS brand: no brand of 手机 mentioned")),
    ("USER_MENTIONS series", {"message": "MacBook Air", "current_category": "手机", "current_brand": "苹果"},
     (False, "USER_MENTIONS series: no series of 苹果 of 手机 mentioned")),
    ("USER_MENTIONS category", {"message": "看看电脑"}, (True, None)),
    ("USER_MENTIONS subtype", {"message": "笔记本"}, (True, None)),
    ("USER_MENTIONS scenario", {"message": "打游戏"}, (True, None)),
    ('CONTEXT_EQ current_brand "苹果"', {"current_brand": "苹果"}, (True, None)),
    ('CONTEXT_EQ current_brand "苹果"', {"current_brand": "小米"},
     (False, "CONTEXT_EQ current_brand \"苹果\": current_brand is '小米'")),
    ('CONTEXT_EQ budget_range "3000-5000元"', {"budget_range": [3000, 5000]}, (True, None)),
    ('CONTEXT_EQ cart "x"', {}, (False, 'CONTEXT_EQ cart "x": cart is not set')),
    ("CONTEXT_HAS current_brand", {"current_brand": "苹果"}, (True, None)),
    ("CONTEXT_HAS current_brand", {}, (False, "CONTEXT_HAS current_brand: current_brand is not set")),
    ("CONTEXT_NOT_SET usage_scenario", {}, (True, None)),
    ("CONTEXT_NOT_SET usage_scenario", {"usage_scenario": "办公"},
     (False, "CONTEXT_NOT_SET usage_scenario: usage_scenario is '办公'")),
    ('CONTEXT_STAGE_IS "brand_select"', {"current_stage": "brand_select"}, (True, None)),
    ('CONTEXT_STAGE_IS "brand_select"', {}, (False, "CONTEXT_STAGE_IS \"brand_select\": stage is 'welcome'")),
    ("SALES_STAGE_IS 1", {}, (True, None)),
    ("SALES_STAGE_IS 3", {"sales_stage": 2}, (False, "SALES_STAGE_IS 3: sales stage is 2")),
    ("ALWAYS", {}, (True, None)),
])
def test_each_condition_holds_or_says_why_not(text, kwargs, expected, knowledge):
    assert check(text, knowledge, **kwargs) == expected


def test_and_reports_its_first_failing_part(knowledge):
    assert check('INTENT_IS buy AND CONTEXT_HAS current_brand AND USER_MENTION_ANY "x"', knowledge, intent="buy") == \
        (False, "CONTEXT_HAS current_brand: current_brand is not set")


def test_or_reports_every_alternative_that_failed(knowledge):
    assert check("INTENT_IS a OR SALES_STAGE_IS 2", knowledge, intent="b") == \
        (False, "(INTENT_IS a OR SALES_STAGE_IS 2): INTENT_IS a: intent is b; SALES_STAGE_IS 2: sales stage is 1")


def test_not_fails_when_its_operand_holds(knowledge):
    assert check("NOT ALWAYS", knowledge) == (False, "NOT ALWAYS: ALWAYS holds")
    assert check("NOT CONTEXT_HAS current_brand", knowledge) == (True, None)


def test_not_binds_tighter_than_and_which_binds_tighter_than_or(knowledge):
    # NOT a AND b OR c  ==  ((NOT a) AND b) OR c
    assert check("NOT INTENT_IS a AND INTENT_IS b OR ALWAYS", knowledge, intent="a")[0]
    assert not check("NOT INTENT_IS a AND (INTENT_IS b OR ALWAYS)", knowledge, intent="a")[0]


def test_describe_writes_conditions_back_as_source():
    assert describe(condition('NOT (INTENT_IS a AND USER_MENTION_ANY "x\\"y") OR SALES_STAGE_IS 2')) == \
        '(NOT (INTENT_IS a AND USER_MENTION_ANY "x\\"y") OR SALES_STAGE_IS 2)'


def test_mention_lookups_are_done_once_per_slot(knowledge):
    calls = []
    original = knowledge.find_mention

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    knowledge.find_mention = counting
    facts = TurnFacts("苹果", None, ConversationContext(), knowledge)
    for _ in range(3):
        facts.mention("brand")
    assert len(calls) == 1


# ---------------------------------------------------------------- set means "present and not empty"

@pytest.mark.parametrize("variables, is_set", [
    ({}, False),
    ({"note": ""}, False),
    ({"note": "x"}, True),
    ({"note": " "}, True),
], ids=["never set", "empty string", "a value", "a space"])
def test_a_custom_variable_holding_an_empty_string_counts_as_not_set(variables, is_set, knowledge):
    has = check("CONTEXT_HAS note", knowledge, **variables)
    not_set = check("CONTEXT_NOT_SET note", knowledge, **variables)
    assert has[0] is is_set and not_set[0] is (not is_set)
    if is_set:
        assert not_set[1] == f"CONTEXT_NOT_SET note: note is {variables['note']!r}"
    else:
        assert has[1] == "CONTEXT_HAS note: note is not set"


@pytest.mark.parametrize("var, variables, is_set", [
    ("usage_scenario", {"usage_scenario": ""}, False),
    ("usage_scenario", {"usage_scenario": "办公"}, True),
    ("last_intent", {"last_intent": ""}, False),
    ("user_input", {}, False),
    ("user_input", {"user_input": ""}, False),
    ("user_input", {"user_input": "你好"}, True),
    ("current_brand", {"current_brand": ""}, False),
    ("product_chain", {}, False),
    ("product_chain", {"product_chain": []}, False),
    ("product_chain", {"current_category": "手机"}, True),
    ("user_preferences", {}, False),
    ("user_preferences", {"user_preferences": {"颜色": "黑色"}}, True),
    ("budget_range", {}, False),
    ("budget_range", {"budget_range": [0, 5000]}, True),
    ("query_count", {}, True),
    ("sales_stage", {}, True),
])
def test_a_builtin_variable_is_set_when_present_and_not_empty(var, variables, is_set, knowledge):
    assert check(f"CONTEXT_HAS {var}", knowledge, **variables)[0] is is_set
    assert check(f"CONTEXT_NOT_SET {var}", knowledge, **variables)[0] is (not is_set)


def test_set_var_to_an_empty_string_unsets_the_variable_for_later_rules(assistant_of):
    assistant = assistant_of('''
INTENT fill KEYWORDS "填"
INTENT clear KEYWORDS "清"
INTENT ask KEYWORDS "问"
RULE fill WHEN INTENT_IS fill THEN SET_VAR note "记下了" SET_VAR usage_scenario "办公"
RULE clear WHEN INTENT_IS clear THEN SET_VAR note "" SET_VAR usage_scenario ""
RULE empty PRIORITY 2 WHEN INTENT_IS ask AND CONTEXT_NOT_SET note AND CONTEXT_NOT_SET usage_scenario THEN RESPOND "空"
RULE full PRIORITY 1 WHEN INTENT_IS ask AND CONTEXT_HAS note AND CONTEXT_HAS usage_scenario THEN RESPOND "有"
''')
    context = assistant.new_context()
    replies = []
    for message in ("问", "填", "问", "清", "问"):
        replies.append(assistant.turn(context, message).reply)
    assert replies == ["空", "", "有", "", "空"]
    assert context.get("note") == "" and context.usage_scenario is None
