"""The opening turn: the assistant speaks before the first customer message when a rule tests CONVERSATION_START."""
from studio.engine.conditions import TurnFacts, evaluate
from studio.engine.context import ConversationContext
from studio.dsl.parser import parse

OPENING = '''
INTENT greeting KEYWORDS "你好"
RULE welcome PRIORITY 10 WHEN CONVERSATION_START THEN
    RESPOND "您好，我是导购小李。"
    SET_STAGE "category_select"
RULE hello WHEN INTENT_IS greeting THEN RESPOND "你好呀"
RULE fallback WHEN ALWAYS THEN RESPOND "嗯"
'''


def test_the_opening_turn_has_no_input_nor_intent_and_fires_the_opening_rule(assistant_of):
    assistant = assistant_of(OPENING)
    assert assistant.rulebase.uses_opening
    context = assistant.new_context()
    result = assistant.opening(context)
    assert (result.input, result.intent, result.intent_source, result.rule) == (None, None, "opening", "welcome")
    assert result.reply == "您好，我是导购小李。" and result.stage == "category_select"
    assert result.to_json()["input"] is None
    assert list(context.history) == [("assistant", "您好，我是导购小李。")]


def test_conversation_start_is_false_in_every_customer_turn(assistant_of):
    assistant = assistant_of(OPENING)
    context = assistant.new_context()
    assistant.opening(context)
    result = assistant.turn(context, "你好")
    assert result.rule == "hello"
    [attempt] = result.trace.attempts()
    assert (attempt.rule.name, str(attempt.failure)) == ("welcome", "CONVERSATION_START: not the opening turn")
    assert assistant.turn(assistant.new_context(), "嗯").rule == "fallback"   # without an opening turn too


def test_the_opening_turn_tries_rules_in_priority_order_with_no_intent(assistant_of):
    assistant = assistant_of('''
INTENT greeting KEYWORDS "你好"
RULE hello PRIORITY 20 WHEN INTENT_IS greeting THEN RESPOND "你好呀"
RULE busy PRIORITY 15 WHEN CONTEXT_STAGE_IS "cart" THEN RESPOND "购物车里有东西"
RULE welcome PRIORITY 10 WHEN CONVERSATION_START OR CONTEXT_HAS v THEN RESPOND "欢迎"
''')
    assert assistant.opening(assistant.new_context()).rule == "welcome"
    assert assistant.opening(assistant.new_context("cart")).rule == "busy"


def test_a_rule_base_without_conversation_start_takes_no_opening_turn(assistant_of):
    assert not assistant_of('RULE a WHEN ALWAYS THEN RESPOND "x"').rulebase.uses_opening


def test_conversation_start_explains_itself(knowledge):
    [rule] = parse('RULE r WHEN CONVERSATION_START THEN RESPOND "x"').program.rules
    facts = TurnFacts("hi", None, ConversationContext(), knowledge)
    assert str(evaluate(rule.condition, facts)) == "CONVERSATION_START: not the opening turn"
    assert evaluate(rule.condition, TurnFacts("", None, ConversationContext(), knowledge, opening=True)) is None
