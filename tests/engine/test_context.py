import json

from studio.dsl.tokens import BUILTIN_VARIABLES
from studio.engine.context import HISTORY_LIMIT, ConversationContext
from studio.engine.extract import Budget


def test_a_new_context_has_every_variable_with_its_default():
    context = ConversationContext()
    values = context.as_dict()
    assert list(values) == list(BUILTIN_VARIABLES)
    assert values["current_stage"] == "welcome"
    assert values["sales_stage"] == 1
    assert values["product_chain"] == [] and values["query_count"] == 0
    assert context.state_history == ["welcome"]


def test_choosing_a_slot_clears_the_slots_below_and_replaces_it_in_the_chain():
    context = ConversationContext()
    context.choose("category", "电脑")
    context.choose("subtype", "笔记本")
    context.choose("brand", "苹果")
    context.choose("series", "MacBook Air")
    assert context.chain_text() == "电脑 -> 笔记本 -> 苹果 -> MacBook Air"
    context.choose("brand", "联想")
    assert context.current_series is None
    assert context.current_subtype == "笔记本"
    assert context.product_chain == [("category", "电脑"), ("subtype", "笔记本"), ("brand", "联想")]
    context.choose("category", "手机")
    assert (context.current_subtype, context.current_brand) == (None, None)
    assert context.product_chain == [("category", "手机")]


def test_reset_shopping_keeps_preferences_budget_and_scenario():
    context = ConversationContext.from_dict({"current_category": "手机", "current_brand": "苹果",
                                             "budget_range": [3000, 5000], "usage_scenario": "办公"})
    context.reset_shopping()
    assert context.product_chain == [] and context.current_category is None and context.current_brand is None
    assert context.budget_range == Budget(3000, 5000)
    assert context.usage_scenario == "办公"
    assert context.user_preferences == {"category": "手机", "brand": "苹果"}


def test_as_dict_is_json_safe_and_round_trips():
    context = ConversationContext.from_dict({"current_stage": "brand_select", "current_category": "手机",
                                             "budget_range": [0, 5000], "query_count": 3, "cart": "x"})
    context.set_var("user_preferences", "颜色=黑色")
    values = context.as_dict()
    assert json.loads(json.dumps(values, ensure_ascii=False)) == values
    assert values["budget_range"] == [0, 5000]
    assert values["cart"] == "x"
    assert ConversationContext.from_dict(values).as_dict() == values


def test_from_dict_builds_the_chain_from_the_slots_or_the_slots_from_the_chain():
    by_slots = ConversationContext.from_dict({"current_brand": "苹果", "current_category": "手机"})
    assert by_slots.product_chain == [("category", "手机"), ("brand", "苹果")]
    by_chain = ConversationContext.from_dict({"product_chain": [["category", "电脑"], ["subtype", "笔记本"]]})
    assert (by_chain.current_category, by_chain.current_subtype) == ("电脑", "笔记本")


def test_text_renders_each_kind_of_variable():
    context = ConversationContext.from_dict({"current_category": "手机", "budget_range": [3000, 5000]})
    assert context.text("budget_range") == "3000-5000元"
    assert context.text("product_chain") == "手机"
    assert context.text("query_count") == "0"
    assert context.text("usage_scenario") == ""
    assert context.text("never_set") == ""


def test_is_set_means_present_and_not_empty_numbers_always_set():
    context = ConversationContext()
    assert context.is_set("query_count") and context.is_set("sales_stage")
    assert not context.is_set("product_chain") and not context.is_set("user_preferences")
    assert not context.is_set("current_brand") and not context.is_set("unknown")
    context.set_var("note", "")
    assert context.get("note") == "" and not context.is_set("note")


def test_set_var_on_builtins_keeps_them_consistent():
    context = ConversationContext()
    assert context.set_var("current_stage", "cart") is None and context.state_history == ["welcome", "cart"]
    assert context.set_var("current_brand", "苹果") is None and context.product_chain == [("brand", "苹果")]
    assert context.set_var("budget_range", "五千以内") is None and context.budget_range == Budget(0, 5000)
    assert context.set_var("sales_stage", "3") is None and context.sales_stage == 3
    assert "not a number" in context.set_var("query_count", "many")
    assert "use ADD_TO_CHAIN" in context.set_var("product_chain", "x")
    assert "key=value" in context.set_var("user_preferences", "黑色")
    assert context.set_var("usage_scenario", "游戏") is None and context.usage_scenario == "游戏"


def test_history_keeps_the_last_twenty_messages():
    context = ConversationContext()
    for i in range(HISTORY_LIMIT + 5):
        context.add_message("user", str(i))
    assert len(context.history) == 20
    assert context.history[0] == ("user", "5")


def test_diff_lists_changed_added_and_removed_variables():
    before = {"a": 1, "b": 2, "gone": 0}
    after = {"a": 1, "b": 3, "new": "x"}
    assert ConversationContext.diff(before, after) == {"b": (2, 3), "gone": (0, None), "new": (None, "x")}


def test_set_stage_records_the_stage_history_once_per_change():
    context = ConversationContext.from_dict({"current_stage": "brand_select"})
    context.set_stage("brand_select")
    context.set_stage("series_select")
    assert context.state_history == ["brand_select", "series_select"]
