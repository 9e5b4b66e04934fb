"""Finding mentioned entities: names and aliases, case, longest match, scope, speed."""
from pathlib import Path

import pytest

from studio.knowledge import Brand, Category, Knowledge, Mention, load_knowledge
from tests.work import python_lines_run

SAMPLE = Path(__file__).resolve().parents[2] / "knowledge" / "products.json"


@pytest.fixture(scope="module")
def sample() -> Knowledge:
    return load_knowledge([SAMPLE])[0]


def test_an_alias_resolves_to_the_canonical_brand_with_its_position(sample):
    assert sample.find_mention("我想看看Apple的", "brand", category="手机") == \
        Mention("brand", "苹果", "手机", "苹果", 4, 9, "Apple")


def test_matching_ignores_case_width_and_spaces(sample):
    assert sample.find_mention("ｈｕａｗｅｉ的怎么样", "brand", "手机").name == "华为"
    mention = sample.find_mention("iphone16pro多少钱", "series")
    assert (mention.name, mention.matched_text) == ("iPhone 16 Pro", "iphone16pro")


def test_the_longest_match_wins(sample):
    assert sample.find_mention("iPhone 16 Pro Max 有货吗", "series").name == "iPhone 16 Pro Max"
    assert sample.find_mention("Switch OLED 和 Switch Lite", "series").name == "Switch OLED"
    assert [m.name for m in sample.find_mentions("Switch OLED 和 Switch Lite", "series")] == \
        ["Switch OLED", "Switch Lite"]


def test_latin_names_need_a_word_boundary(sample):
    assert sample.find_mention("iPad mini 怎么样", "brand") is None  # "MI" is Xiaomi's alias
    assert sample.find_mention("我要MI的手环", "brand").name == "小米"
    assert sample.find_mention("X2000", "series") is None  # not "X200"


def test_chinese_overlaps_of_different_slots_are_both_found(sample):
    assert sample.find_mention("小米手机怎么样", "brand").name == "小米"
    assert sample.find_mention("小米手机怎么样", "category").name == "手机"


def test_brand_lookup_is_scoped_to_the_category(sample):
    assert sample.find_mention("联想的", "brand", category="手机") is None
    assert sample.find_mention("联想的", "brand", category="电脑").name == "联想"
    assert sample.find_mention("MacBook 有哪些", "brand", category="电脑").name == "苹果"


def test_a_brand_in_two_categories_has_no_category_unless_scoped(sample):
    unscoped = sample.find_mention("华为的", "brand")
    assert (unscoped.name, unscoped.category, unscoped.brand) == ("华为", None, "华为")
    assert sample.find_mention("华为的", "brand", category="智能设备").category == "智能设备"
    assert sample.find_mention("联想的", "brand").category == "电脑"  # only one place: known


def test_series_lookup_is_scoped_to_category_and_brand(sample):
    assert sample.find_mention("Mate 70 Pro", "series", "手机", "华为").name == "Mate 70 Pro"
    assert sample.find_mention("Mate 70 Pro", "series", "手机", "苹果") is None
    assert sample.find_mention("Mate 70 Pro", "series", "电脑") is None
    mention = sample.find_mention("MateBook 14 怎么样", "series", category="电脑")
    assert (mention.name, mention.category, mention.brand) == ("MateBook 14", "电脑", "华为")


def test_subtype_and_scenario_lookups(sample):
    assert sample.find_mention("想要个笔记本", "subtype", category="电脑").name == "笔记本"
    assert sample.find_mention("想要个笔记本", "subtype", category="手机") is None
    assert sample.find_mention("主要玩游戏", "scenario", category="电脑") == \
        Mention("scenario", "游戏", "电脑", None, 3, 5, "游戏")
    assert sample.find_mention("主要跑步运动用", "scenario", category="电脑") is None  # no computer lists 运动
    assert sample.find_mention("主要跑步运动用", "scenario").name == "运动"


def test_unknown_slot_is_a_programming_error(sample):
    with pytest.raises(ValueError):
        sample.find_mention("苹果", "colour")


def test_the_index_follows_edits_once_changed_is_called():
    knowledge = Knowledge({"手机": Category("手机", brands={"苹果": Brand("苹果")})})
    assert knowledge.find_mention("华为", "brand") is None
    knowledge.categories["手机"].brands["华为"] = Brand("华为", aliases=["HUAWEI"])
    knowledge.changed()
    assert knowledge.find_mention("huawei", "brand").name == "华为"


def knowledge_with_brands(numbers: range) -> Knowledge:
    knowledge = Knowledge()
    for b in numbers:
        category = knowledge.categories.setdefault(f"品类{b // 100 % 10}", Category(f"品类{b // 100 % 10}"))
        category.brands[f"品牌{b}"] = Brand(f"品牌{b}", [f"Brand{b}"], [f"Series {b} {s}" for s in "ABCDE"], ["办公"])
    return knowledge


def test_a_lookup_costs_about_the_same_with_a_thousand_brands_as_with_ten():
    # Four-digit numbers: every name of either knowledge has the same length, so the
    # same few lengths are tried at each character. A name found costs in proportion
    # to the places it lives in (办公 is a scenario of ten categories, not one), no more.
    message = "我想买个brand1523的，预算4000左右，主要用来办公 series 1523 c 怎么样"

    def work(knowledge: Knowledge) -> int:
        assert knowledge.find_mention(message, "brand").name == "品牌1523"  # builds the index
        return python_lines_run(lambda: [knowledge.find_mention(message, "brand", "品类5"),
                                         knowledge.find_mention(message, "series"),
                                         knowledge.find_mention(message, "scenario")])

    thousand, ten = knowledge_with_brands(range(1000, 2000)), knowledge_with_brands(range(1520, 1530))
    assert work(thousand) < 1.5 * work(ten)
    assert thousand.find_mention(message, "series").name == "Series 1523 C"


@pytest.mark.parametrize("unit", ["手机", "华为 ", "iPhone 16 Pro,"])
def test_the_mention_search_does_work_linear_in_the_message_length(sample, unit):
    # Choosing non-overlapping matches compared each candidate with every match
    # taken so far: 8 times the message was 64 times the work.
    def work(repeats: int) -> int:
        return python_lines_run(lambda: sample.find_mentions(unit * repeats, "category")
                                + sample.find_mentions(unit * repeats, "brand")
                                + sample.find_mentions(unit * repeats, "series"))

    assert work(2_000) < 10 * work(250)
    assert len(sample.find_mentions(unit * 2_000, "category" if unit == "手机" else "brand")) == 2_000
