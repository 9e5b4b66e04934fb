import json
import re
from pathlib import Path

import pytest

from tests.engine.engine_helpers import ScriptedLLM
from studio.dsl import ast
from studio.dsl.parser import parse
from studio.dsl.tokens import ACTIONS, BUILTIN_VARIABLES, CONDITIONS
from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parents[2]

SHOP = '''
INTENT greeting KEYWORDS "你好"
INTENT product_query KEYWORDS "买|手机"
RULE hello PRIORITY 5 WHEN INTENT_IS greeting THEN RESPOND "您好" SET_STAGE "category_select"
RULE pick_category WHEN INTENT_IS product_query AND USER_MENTIONS category THEN CAPTURE category SET_STAGE "brand_select"
RULE pick_brand WHEN CONTEXT_STAGE_IS "brand_select" AND USER_MENTIONS brand THEN CAPTURE brand
RULE after_greeting PRIORITY -1 WHEN CONTEXT_EQ last_intent "greeting" THEN RESPOND "刚才您打了招呼"
'''


def test_to_json_has_exactly_the_chat_json_keys(assistant_of):
    result = assistant_of(SHOP).turn(assistant_of(SHOP).new_context(), "我想买个手机")
    data = result.to_json()
    assert list(data) == ["input", "reply", "intent", "intent_source", "rule", "stage", "sales_stage",
                          "product_chain", "context"]
    assert data["product_chain"] == [["category", "手机"]]
    assert data["rule"] == "pick_category" and data["intent_source"] == "keywords"
    assert set(BUILTIN_VARIABLES) <= set(data["context"])
    json.dumps(data, ensure_ascii=False)


def test_a_turn_remembers_input_history_budget_and_scenario(assistant_of):
    assistant = assistant_of(SHOP)
    context = assistant.new_context()
    result = assistant.turn(context, "你好，预算4000左右，打游戏用")
    assert context.user_input == "你好，预算4000左右，打游戏用"
    assert list(context.history) == [("user", "你好，预算4000左右，打游戏用"), ("assistant", "您好")]
    assert result.context["budget_range"] == [3500, 4500] and result.context["usage_scenario"] == "游戏"
    assert "budget_range remembered: 3500-4500元" in result.trace.notes


def test_last_intent_is_the_previous_turns_while_rules_match(assistant_of):
    assistant = assistant_of(SHOP)
    context = assistant.new_context()
    assistant.turn(context, "你好")
    result = assistant.turn(context, "嗯")
    assert result.rule == "after_greeting"
    assert result.context["last_intent"] is None


def test_no_rule_means_an_empty_reply_and_the_trace_says_so(assistant_of):
    assistant = assistant_of(SHOP)
    context = assistant.new_context()
    result = assistant.turn(context, "嗯")
    assert (result.reply, result.rule, result.trace.rule) == ("", None, None)
    assert "no rule matched: empty reply" in result.trace.notes
    assert list(context.history) == [("user", "嗯")]
    assert [a.rule.name for a in result.trace.attempts()] == ["hello", "pick_category", "pick_brand", "after_greeting"]


def test_the_trace_explains_each_rule_ahead_of_the_fired_one(assistant_of):
    assistant = assistant_of(SHOP)
    context = assistant.new_context("brand_select", current_category="手机")
    result = assistant.turn(context, "小米吧")
    trace = result.trace
    assert (trace.rule.name, trace.rule.file, trace.rule.line) == ("pick_brand", "f0.dsl", 6)
    attempts = [(a.rule.name, str(a.failure), a.by_index) for a in trace.attempts()]
    assert attempts == [("hello", "INTENT_IS greeting: no intent detected", True),
                        ("pick_category", "INTENT_IS product_query: no intent detected", True)]
    assert [r.action for r in trace.actions] == ["CAPTURE brand"]
    assert trace.diff["current_brand"] == (None, "小米")
    data = trace.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["attempts"][0]["condition"] == "INTENT_IS greeting"


def test_attempts_are_explained_against_the_context_before_the_actions_ran(assistant_of):
    text = '''
RULE needs_brand PRIORITY 1 WHEN CONTEXT_HAS current_brand THEN RESPOND "x"
RULE sets_brand WHEN ALWAYS THEN ADD_TO_CHAIN brand "小米"
'''
    assistant = assistant_of(text)
    result = assistant.turn(assistant.new_context(), "hi")
    assert [str(a.failure) for a in result.trace.attempts()] == \
        ["CONTEXT_HAS current_brand: current_brand is not set"]
    assert [a.by_index for a in result.trace.attempts()] == [False]


def test_query_count_counts_product_related_turns(assistant_of):
    assistant = assistant_of(SHOP)
    context = assistant.new_context()
    assistant.turn(context, "你好")
    assert context.query_count == 0
    assistant.turn(context, "买手机")
    assert context.query_count == 1


def test_new_context_can_start_mid_flow(assistant_of):
    context = assistant_of(SHOP).new_context("series_select", current_category="手机", current_brand="苹果",
                                             budget_range="五千以内")
    assert context.current_stage == "series_select"
    assert context.chain_text() == "手机 -> 苹果"
    assert context.text("budget_range") == "5000元以内"


# ---------------------------------------------------------------- with an LLM

def test_an_llm_answer_that_is_a_declared_intent_is_used(assistant_of):
    llm = ScriptedLLM(intent="product_query")
    assistant = assistant_of(SHOP, llm=llm)
    context = assistant.new_context("brand_select", current_category="手机")
    context.add_message("assistant", "您想看哪个品牌？")
    result = assistant.turn(context, "随便")
    assert (result.intent, result.intent_source) == ("product_query", "llm")
    purpose, prompt_context = llm.asked[0]
    assert purpose == "intent"
    assert (prompt_context.stage, prompt_context.product_chain) == ("brand_select", "手机")
    assert list(prompt_context.recent) == [("assistant", "您想看哪个品牌？")]
    assert [c.purpose for c in result.trace.llm_calls] == ["intent"]


def test_an_undeclared_llm_intent_falls_back_to_keywords(assistant_of):
    assistant = assistant_of(SHOP, llm=ScriptedLLM(intent="chitchat"))
    result = assistant.turn(assistant.new_context(), "你好")
    assert (result.intent, result.intent_source) == ("greeting", "fallback")
    assert "'chitchat', which is not a declared intent" in result.trace.intent_reason


def test_a_failed_llm_call_falls_back_to_keywords(assistant_of):
    assistant = assistant_of(SHOP, llm=ScriptedLLM(intent=None))
    result = assistant.turn(assistant.new_context(), "嗯")
    assert (result.intent, result.intent_source) == (None, "fallback")
    assert result.trace.intent_reason.startswith("HTTP 500")


SALES = 'RULE by_stage WHEN SALES_STAGE_IS 3 THEN RESPOND "价值主张"\nRULE other WHEN ALWAYS THEN RESPOND "其他"'


def test_the_sales_stage_analyzer_updates_the_stage(assistant_of):
    assistant = assistant_of(SALES, llm=ScriptedLLM(sales_stage=3))
    result = assistant.turn(assistant.new_context(), "你们的产品有什么好处")
    assert (result.sales_stage, result.rule) == (3, "by_stage")
    assert "sales stage 1 -> 3" in result.trace.notes


@pytest.mark.parametrize("answer", [None, 9])
def test_an_unusable_sales_stage_answer_keeps_the_previous_stage(assistant_of, answer):
    assistant = assistant_of(SALES, llm=ScriptedLLM(sales_stage=answer))
    context = assistant.new_context(sales_stage=2)
    result = assistant.turn(context, "嗯")
    assert result.sales_stage == 2
    assert any(note.startswith("sales stage kept at 2") for note in result.trace.notes)


def test_the_analyzer_runs_only_when_rules_use_sales_stages(assistant_of):
    llm = ScriptedLLM(sales_stage=5)
    assistant = assistant_of(SHOP, llm=llm)
    assert assistant.turn(assistant.new_context(), "你好").sales_stage == 1
    assert [purpose for purpose, _ in llm.asked] == ["intent"]


# ---------------------------------------------------------------- the sample project

@pytest.fixture(scope="module")
def sample():
    text = (ROOT / "rules" / "ecommerce.dsl").read_text(encoding="utf-8")
    result = parse(text, "rules/ecommerce.dsl")
    assert not result.diagnostics, result.diagnostics
    knowledge, problems, _ = load_knowledge([ROOT / "knowledge" / "products.json"])
    assert not problems
    return result.program, knowledge


def test_a_whole_shopping_conversation_ends_with_the_product_in_the_cart(sample):
    program, knowledge = sample
    assistant = Assistant(RuleBase.build([program]), knowledge)
    context = assistant.new_context()
    script = [
        ("你好", "greet_new_customer", "category_select"),
        ("我想买个笔记本，预算五千以内", "choose_subtype", "brand_select"),
        ("主要用来办公", "scenario_with_category", "brand_select"),
        ("联想的吧", "choose_brand", "series_select"),
        ("有哪些系列", "list_series", "series_select"),
        ("小新 Pro 16", "choose_series", "confirm_order"),
        ("好的", "add_to_cart", "cart_added"),
    ]
    for message, rule, stage in script:
        result = assistant.turn(context, message)
        assert (result.rule, result.stage) == (rule, stage), (message, result.reply)
    assert result.product_chain == (("category", "电脑"), ("subtype", "笔记本"), ("brand", "联想"),
                                    ("series", "小新 Pro 16"))
    assert result.context["cart"] == "电脑 -> 笔记本 -> 联想 -> 小新 Pro 16"
    assert "已将 联想 小新 Pro 16 加入购物车" in result.reply
    assert result.context["budget_range"] == [0, 5000] and result.context["usage_scenario"] == "办公"

    result = assistant.turn(context, "好的，继续")
    assert result.rule == "continue_shopping" and result.product_chain == ()
    assert result.context["cart"] == "电脑 -> 笔记本 -> 联想 -> 小新 Pro 16"
    assert result.context["budget_range"] == [0, 5000]


def test_the_sample_rules_use_every_condition_and_action(sample):
    program, _ = sample
    conditions = {type(leaf).__name__ for rule in program.rules for leaf in ast.leaves(rule.condition)}
    actions = {type(action).__name__ for rule in program.rules for action in rule.actions}
    camel = lambda keyword: "".join(part.capitalize() for part in keyword.split("_"))  # noqa: E731
    assert conditions == {camel(c) for c in CONDITIONS}
    assert actions == {camel(a) for a in ACTIONS}
    assert any(isinstance(a, ast.SuggestByScenario) and a.scenario is None for r in program.rules for a in r.actions)


def test_the_sample_rules_set_every_stage_they_test_and_every_variable_they_show(sample):
    program, _ = sample
    tested = {leaf.stage.value for r in program.rules for leaf in ast.leaves(r.condition)
              if isinstance(leaf, ast.ContextStageIs)}
    set_stages = {a.stage.value for r in program.rules for a in r.actions if isinstance(a, ast.SetStage)}
    assert tested <= set_stages
    set_vars = {a.var.text for r in program.rules for a in r.actions if isinstance(a, ast.SetVar)}
    templates = [a.template.value for r in program.rules for a in r.actions if isinstance(a, (ast.Respond, ast.SetVar))]
    templates += [a.fallback.value for r in program.rules for a in r.actions if isinstance(a, ast.Generate)]
    shown = {name for t in templates for name in re.findall(r"(?<!\{)\{(\w+)\}", t)}
    assert shown <= set(BUILTIN_VARIABLES) | set_vars


def test_the_sample_replies_never_hard_code_brands(sample):
    program, knowledge = sample
    texts = [a.template.value for r in program.rules for a in r.actions if isinstance(a, ast.Respond)]
    for text in texts:
        assert knowledge.find_mention(text, "brand") is None, text


def test_the_engine_imports_neither_qt_nor_lazyllm_nor_the_llm_package():
    import subprocess
    import sys
    code = ("import sys, studio.engine; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'lazyllm') or m.startswith('studio.llm')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_the_sample_keywords_of_non_product_intents_do_not_hide_in_product_names(sample):
    program, knowledge = sample
    names = [n.casefold() for _, b in knowledge.brands() for n in [b.name, *b.aliases, *b.series]]
    for decl in program.intents:
        if decl.name.text == "product_query":
            continue
        for keyword in decl.all_keywords():   # in-stage ones too
            assert not [n for n in names if keyword.casefold() in n], (decl.name.text, keyword)


# ---------------------------------------------------------------- a port that raises

class RaisingLLM(ScriptedLLM):
    """A broken port: the calls named in `raising` raise instead of returning a failed call."""

    def __init__(self, *raising: str, **answers):
        super().__init__(**answers)
        self.raising = set(raising)

    def classify_intent(self, *args, **kwargs):
        self._maybe_raise("intent")
        return super().classify_intent(*args, **kwargs)

    def analyze_sales_stage(self, *args, **kwargs):
        self._maybe_raise("sales_stage")
        return super().analyze_sales_stage(*args, **kwargs)

    def generate_reply(self, *args, **kwargs):
        self._maybe_raise("generate")
        return super().generate_reply(*args, **kwargs)

    def _maybe_raise(self, purpose: str) -> None:
        if purpose in self.raising:
            raise RuntimeError(f"{purpose} port broke")


def test_an_intent_call_that_raises_falls_back_to_keywords_with_a_note(assistant_of):
    assistant = assistant_of(SHOP, llm=RaisingLLM("intent"))
    result = assistant.turn(assistant.new_context(), "你好")
    assert (result.intent, result.intent_source, result.reply) == ("greeting", "fallback", "您好")
    assert "raised RuntimeError: intent port broke" in result.trace.intent_reason
    assert [(c.purpose, c.error) for c in result.trace.llm_calls] == [
        ("intent", "LLM call raised RuntimeError: intent port broke")]


def test_a_sales_stage_call_that_raises_keeps_the_stage_with_a_note(assistant_of):
    assistant = assistant_of(SALES, llm=RaisingLLM("sales_stage", intent=None))
    result = assistant.turn(assistant.new_context(sales_stage=3), "你们的产品有什么好处")
    assert (result.sales_stage, result.rule, result.reply) == (3, "by_stage", "价值主张")
    assert "sales stage kept at 3: LLM call raised RuntimeError: sales_stage port broke" in result.trace.notes


def test_a_reply_call_that_raises_uses_the_fallback_template(assistant_of):
    rules = 'RULE always WHEN ALWAYS THEN GENERATE "离线回复"'
    assistant = assistant_of(rules, llm=RaisingLLM("generate", sales_stage=2))
    result = assistant.turn(assistant.new_context(), "嗯")
    assert result.reply == "离线回复"
    assert "fallback template used: LLM call raised RuntimeError: generate port broke" in result.trace.actions[0].notes
