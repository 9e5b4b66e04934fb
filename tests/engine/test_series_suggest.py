"""SUGGEST_SERIES ranks series objects by budget and scenario; GENERATE's facts quote series prices."""
import pytest

from studio.engine.context import ConversationContext
from studio.engine.suggest import sales_facts, suggest_by_scenario, suggest_series
from studio.knowledge import Brand, Category, Knowledge, Series


@pytest.fixture
def knowledge() -> Knowledge:
    return Knowledge({"手机": Category("手机", brands={
        "华为": Brand("华为", series=["nova 13", "Pura 70 Ultra", "Mate 70", "Pura 70"], price_range=(2500, 13000),
                    series_details={
                        "nova 13": Series("nova 13", price_range=(2699, 3499), scenarios=["学习"]),
                        "Pura 70 Ultra": Series("Pura 70 Ultra", price_range=(9999, 11999), scenarios=["摄影"]),
                        "Mate 70": Series("Mate 70", price_range=(5499, 6999), scenarios=["商务"]),
                    }),
        "小米": Brand("小米", series=["Xiaomi 15"], price_range=(1000, 6000),
                    series_details={"Xiaomi 15": Series("Xiaomi 15", price_range=(4499, 5299), scenarios=["露营"])}),
    })})


def context(**variables) -> ConversationContext:
    return ConversationContext.from_dict(variables)


def test_series_in_the_budget_come_first_with_their_price(knowledge):
    lines = suggest_series(knowledge, context(current_category="手机", current_brand="华为",
                                              budget_range=[5000, 7000])).lines
    assert lines == ("根据您的需求，推荐这些华为手机系列：",
                     "1. Mate 70 — 适合商务，价位 5499-6999 元，符合您的预算",
                     "2. nova 13 — 适合学习，价位 2699-3499 元",
                     "3. Pura 70 Ultra — 适合摄影，价位 9999-11999 元",
                     "4. Pura 70",
                     "您对哪个系列感兴趣？")


def test_a_fitting_scenario_lifts_a_series_but_less_than_the_budget(knowledge):
    lines = suggest_series(knowledge, context(current_category="手机", current_brand="华为",
                                              budget_range=[2000, 4000], usage_scenario="摄影")).lines
    assert [line.split(" — ")[0] for line in lines[1:-1]] == ["1. nova 13", "2. Pura 70 Ultra", "3. Mate 70",
                                                            "4. Pura 70"]


def test_without_budget_or_scenario_series_keep_their_order_and_show_prices(knowledge):
    lines = suggest_series(knowledge, context(current_category="手机", current_brand="华为")).lines
    assert lines[0] == "华为的手机有这些系列："
    assert lines[1] == "1. nova 13 — 适合学习，价位 2699-3499 元"


def test_bare_series_names_still_list_on_one_line():
    bare = Knowledge({"手机": Category("手机", brands={"苹果": Brand("苹果", series=["iPhone 16", "iPhone 15"])})})
    assert suggest_series(bare, context(current_category="手机", current_brand="苹果",
                                        budget_range=[5000, 7000])).lines == (
        "苹果的手机有这些系列：iPhone 16、iPhone 15。", "您对哪个系列感兴趣？")


def test_generate_facts_quote_the_chosen_brands_series_prices(knowledge):
    facts = sales_facts(knowledge, context(current_category="手机", current_brand="华为"))
    assert "系列：nova 13（2699-3499 元）、Pura 70 Ultra（9999-11999 元）、Mate 70（5499-6999 元）、Pura 70" in facts


def test_generate_facts_without_a_brand_quote_every_brands_series(knowledge):
    facts = sales_facts(knowledge, context(current_category="手机"))
    assert "华为的系列：nova 13（2699-3499 元）" in facts
    assert "小米的系列：Xiaomi 15（4499-5299 元）" in facts


def test_a_scenario_only_a_series_lists_recommends_that_series(knowledge):
    lines = suggest_by_scenario(knowledge, context(current_category="手机"), "露营").lines
    assert lines == ("适合露营的推荐：", "小米：Xiaomi 15")


def test_a_brand_in_several_categories_with_a_budget_lists_every_categorys_series_in_the_budget_first(knowledge):
    knowledge.categories["电脑"] = Category("电脑", brands={"华为": Brand("华为", series=["MateBook 14"], series_details={
        "MateBook 14": Series("MateBook 14", price_range=(5499, 7499), scenarios=["办公"])})})
    lines = suggest_series(knowledge, context(current_brand="华为", budget_range=[5000, 7000])).lines
    assert lines[:3] == ("根据您的需求，推荐这些华为系列：",
                         "1. 手机 · Mate 70 — 适合商务，价位 5499-6999 元，符合您的预算",
                         "2. 电脑 · MateBook 14 — 适合办公，价位 5499-7499 元，符合您的预算")
    assert lines[-2] == "5. 手机 · Pura 70"


def test_a_brand_in_several_categories_without_budget_or_scenario_still_asks_for_the_category(knowledge):
    knowledge.categories["电脑"] = Category("电脑", brands={"华为": Brand("华为", series=["MateBook 14"])})
    suggestion = suggest_series(knowledge, context(current_brand="华为"))
    assert suggestion.lines[0].startswith("您想先看看哪类产品？")


def test_generate_facts_of_a_huge_category_list_a_bounded_number_of_series():
    brands = {f"品牌{b}": Brand(f"品牌{b}", series=[f"S{b}-{s}" for s in range(100)]) for b in range(50)}
    facts = sales_facts(Knowledge({"手机": Category("手机", brands=brands)}), context(current_category="手机"))
    series_lines = [line for line in facts.splitlines() if "的系列：" in line]
    assert len(series_lines) == 20 and all(line.endswith("等100个系列") for line in series_lines)
    assert "另有30个品牌的系列未列出" in facts
    assert facts.count("S0-") == 12


def test_a_brand_name_that_another_category_uses_as_an_alias_lists_the_real_brands_series(knowledge):
    """荣耀 lists 华为 as an alias in 平板: 华为 is "in" two categories, but 平板 has no brand called 华为."""
    tablets = Category("平板", brands={"荣耀": Brand("荣耀", aliases=["华为"], series=["MagicPad"])})
    knowledge = Knowledge({"平板": tablets, **knowledge.categories})
    lines = suggest_series(knowledge, context(current_brand="华为", budget_range=[5000, 7000])).lines
    assert lines[0] == "根据您的需求，推荐这些华为系列："
    assert lines[1].startswith("1. ") and "Mate 70" in lines[1]
