"""The seed's ProductKnowledge queries and the helpers, on the sample knowledge file."""
from pathlib import Path

import pytest

from studio.knowledge import Brand, Knowledge, SearchHit, load_knowledge

SAMPLE = Path(__file__).resolve().parents[2] / "knowledge" / "products.json"


@pytest.fixture(scope="module")
def sample() -> Knowledge:
    knowledge, diagnostics, _ = load_knowledge([SAMPLE])
    assert diagnostics == []
    return knowledge


def test_sample_has_the_four_seed_categories_with_icons(sample):
    options = sample.get_category_options()
    assert [name for name, _, _ in options] == ["手机", "电脑", "智能设备", "影音娱乐"]
    assert all(icon and description for _, icon, description in options)


def test_sample_is_rich_enough_to_demo_the_format(sample):
    assert len(sample.brand_names()) >= 16
    assert all(len(brand.series) >= 3 and brand.aliases and brand.price_range for _, brand in sample.brands())
    assert sample.categories["电脑"].subtypes == ["笔记本", "台式机"]


def test_brands_and_series_follow_file_order(sample):
    assert sample.get_brands_in_category("手机")[:3] == ["苹果", "华为", "小米"]
    assert sample.get_series_in_brand("手机", "苹果")[:3] == ["iPhone 16", "iPhone 16 Plus", "iPhone 16 Pro"]


def test_unknown_names_give_empty_answers(sample):
    assert sample.get_brands_in_category("飞机") == []
    assert sample.get_series_in_brand("手机", "联想") == []
    assert sample.get_recommendations_by_scenario("飞机", "办公") == []


def test_recommendations_list_brands_whose_scenarios_include_it(sample):
    recommended = sample.get_recommendations_by_scenario("电脑", "游戏")
    assert [brand for brand, _ in recommended] == ["联想", "戴尔", "惠普", "华硕"]
    assert recommended[0][1] == sample.get_series_in_brand("电脑", "联想")


def test_search_is_case_insensitive_and_says_kind_and_path(sample):
    hits = sample.search_products("thinkpad")
    assert hits == [SearchHit("series", "ThinkPad X1 Carbon", ("电脑", "联想", "ThinkPad X1 Carbon"))]
    assert SearchHit("alias", "Lenovo", ("电脑", "联想")) in sample.search_products("LENOVO")
    assert SearchHit("category", "电脑", ("电脑",)) in sample.search_products("电脑")
    assert sample.search_products("  ") == []


def test_a_brand_can_live_in_several_categories(sample):
    assert sample.categories_of_brand("苹果") == ["手机", "电脑", "智能设备"]
    assert sample.categories_of_brand("iphone") == ["手机"]  # that alias only belongs to the phones
    assert sample.categories_of_brand("诺基亚") == []


def test_aliases_resolve_to_the_canonical_brand(sample):
    assert sample.resolve_brand("apple") == "苹果"
    assert sample.resolve_brand("Mac", category="电脑") == "苹果"
    assert sample.resolve_brand("Mac", category="手机") is None
    assert sample.resolve_brand("华为") == "华为"


def test_vocabulary_helpers_list_each_name_once(sample):
    assert sample.brand_names().count("苹果") == 1
    assert set(sample.scenario_words()) == {"办公", "游戏", "摄影", "学习", "影音", "运动", "商务", "设计"}
    assert "笔记本" in sample.subtype_names()
    assert "iPhone 16 Pro" in sample.series_names()
    assert ("电脑", sample.categories["电脑"].brands["苹果"]) in list(sample.brands())


def test_changed_rebuilds_the_lookups_after_an_edit(sample):
    knowledge = sample.copy()
    assert knowledge.resolve_brand("Nokia") is None
    knowledge.categories["手机"].brands["诺基亚"] = Brand("诺基亚", aliases=["Nokia"], series=["X30"])
    knowledge.changed()
    assert knowledge.resolve_brand("nokia") == "诺基亚"


def test_copy_is_deep_and_equal_and_order_counts_in_equality(sample):
    knowledge = sample.copy()
    assert knowledge == sample
    knowledge.categories["手机"].brands["苹果"].series.append("iPhone 17")
    assert knowledge != sample
    reordered = sample.copy()
    phones = reordered.categories["手机"]
    phones.brands = dict(reversed(phones.brands.items()))
    assert reordered != sample
