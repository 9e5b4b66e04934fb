import pytest

from tests.engine.engine_helpers import ScriptedLLM
from studio.engine.context import ConversationContext
from studio.engine.templates import render


def run(assistant_of, then: str, message: str = "", llm=None, on_chunk=None, **variables):
    """One turn of a single ALWAYS rule with the given actions."""
    assistant = assistant_of(f"RULE r WHEN ALWAYS THEN\n{then}", llm=llm)
    context = assistant.new_context(**variables)
    return assistant.turn(context, message, on_chunk=on_chunk), context


def notes(result) -> list[str]:
    return [note for record in result.trace.actions for note in record.notes]


# ---------------------------------------------------------------- templates

@pytest.mark.parametrize("template, expected", [
    ("{{字面}}", "{字面}"),
    ("a}}b{{c", "a}b{c"),
    ("{{current_brand}}", "{current_brand}"),
    ("{current_brand}!", "苹果!"),
    ("{ current_brand }", "{ current_brand }"),
    ("{budget_range}", "3000-5000元"),
    ("{product_chain}", "手机 -> 苹果"),
    ("{sales_stage}/{query_count}", "1/0"),
])
def test_templates_replace_variables_and_keep_escaped_braces(template, expected):
    context = ConversationContext.from_dict({"current_category": "手机", "current_brand": "苹果",
                                             "budget_range": [3000, 5000]})
    assert render(template, context) == (expected, ())


def test_unknown_or_unset_variables_render_empty_and_are_noted(assistant_of):
    result, _ = run(assistant_of, 'RESPOND "品牌：{current_brand}{nonsense}。"')
    assert result.reply == "品牌：。"
    assert notes(result) == ["{current_brand} is not set: rendered empty", "{nonsense} is not set: rendered empty"]


# ---------------------------------------------------------------- each action

def test_respond_lines_are_joined_by_newlines(assistant_of):
    result, _ = run(assistant_of, 'RESPOND "一"\nRESPOND "二 {user_input}"', message="喂")
    assert result.reply == "一\n二 喂"


def test_set_stage(assistant_of):
    result, context = run(assistant_of, 'SET_STAGE "brand_select"')
    assert result.stage == "brand_select" and context.state_history == ["welcome", "brand_select"]


def test_set_var_renders_its_template(assistant_of):
    result, context = run(assistant_of, 'SET_VAR cart "{product_chain}"\nRESPOND "{cart}"', current_category="手机")
    assert context.get("cart") == "手机" and result.reply == "手机"
    assert result.context["cart"] == "手机"


def test_set_var_that_cannot_apply_is_noted(assistant_of):
    result, context = run(assistant_of, 'SET_VAR query_count "lots"')
    assert context.query_count == 0
    assert "not a number" in notes(result)[0]


def test_add_to_chain_clears_lower_slots_and_appends(assistant_of):
    result, context = run(assistant_of, 'ADD_TO_CHAIN category "电脑"\nADD_TO_CHAIN subtype "笔记本"',
                          current_category="手机", current_brand="苹果")
    assert result.product_chain == (("category", "电脑"), ("subtype", "笔记本"))
    assert context.current_brand is None


def test_capture_takes_the_mentioned_entity_in_scope(assistant_of):
    result, context = run(assistant_of, "CAPTURE brand", message="小米的怎么样", current_category="手机")
    assert context.current_brand == "小米"
    assert notes(result) == ["found '小米' in '小米'"]


def test_capture_scenario_remembers_it_and_leaves_the_chain_alone(assistant_of):
    result, context = run(assistant_of, "CAPTURE scenario", message="主要用来游戏", current_category="手机")
    assert context.usage_scenario == "游戏"
    assert context.product_chain == [("category", "手机")]
    assert notes(result) == ["found '游戏' in '游戏'"]


def test_capture_resolves_aliases_to_the_canonical_name(assistant_of):
    _, context = run(assistant_of, "CAPTURE brand", message="lenovo 的笔记本", current_category="电脑")
    assert context.current_brand == "联想"


def test_capture_of_a_brand_in_one_category_sets_the_category_too(assistant_of):
    result, context = run(assistant_of, "CAPTURE brand", message="联想")
    assert result.product_chain == (("category", "电脑"), ("brand", "联想"))
    assert "the only one with this brand" in notes(result)[1]


def test_capture_of_a_brand_in_several_categories_sets_only_the_brand(assistant_of):
    _, context = run(assistant_of, "CAPTURE brand", message="苹果")
    assert (context.current_category, context.current_brand) == (None, "苹果")


def test_capture_of_a_series_fills_brand_and_category(assistant_of):
    result, _ = run(assistant_of, "CAPTURE series", message="拯救者 Y9000P 有货吗")
    assert result.product_chain == (("category", "电脑"), ("brand", "联想"), ("series", "拯救者 Y9000P"))


def test_capture_with_nothing_mentioned_changes_nothing_and_says_so(assistant_of):
    result, context = run(assistant_of, "CAPTURE brand", message="联想", current_category="手机")
    assert context.current_brand is None
    assert notes(result) == ["no brand of 手机 mentioned: nothing captured"]
    assert "current_brand" not in result.trace.diff


def test_capture_then_capture_uses_the_new_scope(assistant_of):
    _, context = run(assistant_of, "CAPTURE category\nCAPTURE brand", message="苹果电脑")
    assert context.product_chain == [("category", "电脑"), ("brand", "苹果")]


def test_reset_shopping_context_keeps_budget_scenario_and_preferences(assistant_of):
    _, context = run(assistant_of, "RESET_SHOPPING_CONTEXT", current_category="手机", current_brand="苹果",
                     budget_range=[3000, 5000], usage_scenario="办公")
    assert context.product_chain == [] and context.current_category is None
    assert context.text("budget_range") == "3000-5000元" and context.usage_scenario == "办公"
    assert context.user_preferences["brand"] == "苹果"


def test_suggest_actions_add_lines_from_the_knowledge(assistant_of):
    result, _ = run(assistant_of, 'SUGGEST_CATEGORIES\nSUGGEST_BRANDS\nSUGGEST_SERIES\nSUGGEST_BY_SCENARIO "游戏"',
                    current_category="手机", current_brand="小米")
    assert "📱 手机：智能手机" in result.reply
    assert "1. 苹果 — 适合摄影、办公" in result.reply
    assert "小米的手机有这些系列：Xiaomi 15、Redmi K80。" in result.reply
    assert "小米：Xiaomi 15、Redmi K80" in result.reply


def test_suggest_without_needed_context_is_noted(assistant_of):
    result, _ = run(assistant_of, "SUGGEST_SERIES")
    assert "哪类产品" in result.reply
    assert "needs current_brand" in notes(result)[0]


def test_set_sales_stage(assistant_of):
    result, _ = run(assistant_of, "SET_SALES_STAGE 6")
    assert result.sales_stage == 6 and notes(result) == []
    assert "not declared" in notes(run(assistant_of, "SET_SALES_STAGE 9")[0])[0]


def test_generate_without_llm_uses_the_fallback_template(assistant_of):
    result, _ = run(assistant_of, 'GENERATE "理解您的顾虑，{current_brand}也有实惠款。"', current_brand="小米")
    assert result.reply == "理解您的顾虑，小米也有实惠款。"
    assert notes(result) == ["no LLM configured: fallback template used"]


def test_generate_asks_the_llm_with_persona_stage_history_and_facts(assistant_of):
    llm = ScriptedLLM(reply="  这款很适合您。  ", chunks=("这款", "很适合您。"))
    chunks = []
    persona = 'PERSONA\n salesperson_name "李销售"\nEND\nSALES_STAGE 6 "异议处理" "处理异议"\n'
    assistant = assistant_of(persona + 'RULE r WHEN ALWAYS THEN SET_SALES_STAGE 6 GENERATE "备用"', llm=llm)
    context = assistant.new_context(current_category="手机", current_brand="苹果")
    result = assistant.turn(context, "太贵了", on_chunk=chunks.append)
    assert result.reply == "这款很适合您。"
    assert chunks == ["这款", "很适合您。"]
    persona_sent, stage, history, facts = next(arg for purpose, arg in llm.asked if purpose == "generate")
    assert persona_sent["salesperson_name"] == "李销售" and persona_sent["company_name"] == ""
    assert (stage.number, stage.title) == (6, "异议处理")
    assert history == [("user", "太贵了")]
    assert "iPhone 16" in facts
    # no intent is declared, so there is nothing to ask the model to choose from
    assert [c.purpose for c in result.trace.llm_calls] == ["sales_stage", "generate"]


def test_generate_falls_back_when_the_llm_fails(assistant_of):
    result, _ = run(assistant_of, 'GENERATE "备用回复"', llm=ScriptedLLM(reply=None))
    assert result.reply == "备用回复"
    assert notes(result) == ["fallback template used: HTTP 500"]


def test_generate_survives_an_llm_port_that_raises(assistant_of):
    class Broken(ScriptedLLM):
        def generate_reply(self, *args, **kwargs):
            raise ConnectionError("refused")

    result, _ = run(assistant_of, 'GENERATE "备用回复"', llm=Broken())
    assert result.reply == "备用回复"
    assert "ConnectionError: refused" in notes(result)[0]


def test_suggest_subtypes_lists_the_current_categorys_subtypes_in_order(assistant_of):
    assistant = assistant_of('RULE r WHEN ALWAYS THEN SUGGEST_SUBTYPES')
    result = assistant.turn(assistant.new_context(current_category="电脑"), "看看")
    assert result.reply.splitlines() == ["电脑有这些类型：", "1. 笔记本", "2. 台式机", "您想看哪一种？"]
    assert result.trace.actions[0].action == "SUGGEST_SUBTYPES"
    assert result.context["query_count"] == 1   # a product-related turn


def test_suggest_subtypes_asks_for_a_category_first_and_says_when_there_are_none(assistant_of):
    assistant = assistant_of('RULE r WHEN ALWAYS THEN SUGGEST_SUBTYPES')
    asked = assistant.turn(assistant.new_context(), "看看")
    assert asked.reply == "您想先看看哪类产品？我们有：手机、电脑。"
    assert asked.trace.actions[0].notes == ("SUGGEST_SUBTYPES needs current_category: asked for it",)
    none = assistant.turn(assistant.new_context(current_category="手机"), "看看")
    assert none.reply == "手机没有再细分的类型。"
    assert none.trace.actions[0].notes == ("no subtypes in category '手机'",)
