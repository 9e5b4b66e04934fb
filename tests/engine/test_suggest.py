from studio.engine.context import ConversationContext
from studio.engine.suggest import (sales_facts, suggest_brands, suggest_by_scenario, suggest_categories,
                                   suggest_series)


def context(**values) -> ConversationContext:
    return ConversationContext.from_dict(values)


def test_categories_come_with_their_icons(knowledge):
    result = suggest_categories(knowledge)
    assert result.lines[1:] == ("📱 手机：智能手机", "💻 电脑：笔记本与台式机")
    assert result.notes == ()


def test_brands_of_the_current_category_each_with_a_reason(knowledge):
    result = suggest_brands(knowledge, context(current_category="手机"))
    assert result.lines[0] == "手机的品牌有："
    assert result.lines[1] == "1. 苹果 — 适合摄影、办公，价位 5000-12000 元"
    assert result.lines[2] == "2. 小米 — 适合游戏，价位 1000-6000 元"


def test_brands_fitting_scenario_and_budget_rank_first(knowledge):
    result = suggest_brands(knowledge, context(current_category="手机", usage_scenario="游戏", budget_range=[0, 3000]))
    assert result.lines[0] == "根据您的需求，推荐这些手机品牌："
    assert result.lines[1] == "1. 小米 — 适合游戏，价位 1000-6000 元，符合您的预算"
    assert result.lines[2].startswith("2. 苹果")


def test_budget_alone_ranks_brands_too(knowledge):
    result = suggest_brands(knowledge, context(current_category="电脑", budget_range=[16000, 20000]))
    assert result.lines[1] == "1. 苹果 — 适合设计，价位 8000-20000 元，符合您的预算"


def test_brands_without_a_category_ask_for_one(knowledge):
    result = suggest_brands(knowledge, context())
    assert result.lines == ("您想先看看哪类产品？我们有：手机、电脑。",)
    assert "needs current_category" in result.notes[0]


def test_series_of_the_current_brand(knowledge):
    result = suggest_series(knowledge, context(current_category="电脑", current_brand="苹果"))
    assert result.lines[0] == "苹果的电脑有这些系列：MacBook Air。"


def test_series_of_a_brand_in_one_category_needs_no_category(knowledge):
    assert "联想的电脑有这些系列" in suggest_series(knowledge, context(current_brand="联想")).lines[0]


def test_series_without_a_brand_ask_for_one(knowledge):
    result = suggest_series(knowledge, context(current_category="手机"))
    assert result.lines == ("您想看哪个品牌的手机？有：苹果、小米。",)
    assert "needs current_brand" in result.notes[0]
    assert "哪类产品" in suggest_series(knowledge, context()).lines[0]


def test_by_scenario_uses_the_argument_or_the_remembered_scenario(knowledge):
    office = suggest_by_scenario(knowledge, context(current_category="电脑"), "办公")
    assert office.lines == ("适合办公的推荐：", "联想：ThinkPad X1、拯救者 Y9000P")
    games = suggest_by_scenario(knowledge, context(usage_scenario="游戏"), None)
    assert games.lines == ("适合游戏的推荐：", "手机 · 小米：Xiaomi 15、Redmi K80", "电脑 · 联想：ThinkPad X1、拯救者 Y9000P")


def test_by_scenario_without_a_scenario_or_a_match_says_so(knowledge):
    missing = suggest_by_scenario(knowledge, context(), None)
    assert missing.lines[0].startswith("您主要用来做什么呢？比如：摄影、办公、游戏、设计")
    assert "needs a scenario" in missing.notes[0]
    none = suggest_by_scenario(knowledge, context(current_category="手机"), "设计")
    assert none.lines == ("暂时没有特别适合设计的手机。",)
    assert none.notes


def test_sales_facts_describe_only_the_products_in_play(knowledge):
    facts = sales_facts(knowledge, context(current_category="手机", current_brand="苹果", budget_range=[3000, 5000]))
    assert "顾客已选：手机 -> 苹果" in facts
    assert "iPhone 16 Pro" in facts and "5000-12000 元" in facts
    assert "顾客预算：3000-5000元" in facts
    assert "小米" not in facts
    assert "小米（1000-6000 元）" in sales_facts(knowledge, context(current_category="手机"))
    assert "在售品类：手机、电脑" in sales_facts(knowledge, context())
