import json
import subprocess
import sys

import pytest

from studio.engine.extract import Budget, extract_budget, extract_scenario, parse_amount


@pytest.mark.parametrize("message, low, high", [
    ("4000左右", 3500, 4500),
    ("预算一万", 9000, 11000),
    ("差不多2w", 17500, 22500),
    ("预算三千五", 3100, 3900),
    ("1.5万", 13000, 17000),
    ("我要5000块的", 4500, 5500),
    ("五千以内", 0, 5000),
    ("5000以下", 0, 5000),
    ("不超过5000", 0, 5000),
    ("最多5k", 0, 5000),
    ("3000到5000", 3000, 5000),
    ("3000-5000", 3000, 5000),
    ("三千至五千", 3000, 5000),
    ("三到五千", 3000, 5000),
    ("1到1.5万", 10000, 15000),
    ("两千多", 2000, 3000),
    ("2500多", 2500, 2600),
    ("5000以上", 5000, None),
    ("不低于五千", 5000, None),
    ("预算五千以内", 0, 5000),
])
def test_budget_phrases(message, low, high):
    assert extract_budget(message) == Budget(low, high)


@pytest.mark.parametrize("message", [
    "我想买个手机", "拯救者 Y9000P 怎么样", "iPhone 16-17", "4800万像素的手机", "一千万像素", "我要两台", "一下子", "",
])
def test_no_budget_in_messages_without_money(message):
    assert extract_budget(message) is None


@pytest.mark.parametrize("text, value", [
    ("5000", 5000), ("1.5万", 15000), ("1万5", 15000), ("5k", 5000), ("1w", 10000),
    ("两千", 2000), ("三千五", 3500), ("一万五", 15000), ("一万零五", 10005), ("十五", 15), ("四千五百", 4500),
    ("abc", None),
])
def test_amounts_in_arabic_and_chinese(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("budget, text", [
    (Budget(3000, 5000), "3000-5000元"), (Budget(0, 5000), "5000元以内"), (Budget(5000, None), "5000元以上"),
])
def test_budget_renders_readably(budget, text):
    assert str(budget) == text
    assert Budget.from_json(budget.to_json()) == budget
    assert Budget.from_json(text) == budget


def test_budget_overlaps_price_ranges():
    assert Budget(3000, 5000).overlaps((4000, 13000))
    assert not Budget(0, 3000).overlaps((4000, 13000))
    assert Budget(10000, None).overlaps((4000, 13000))


def test_scenario_is_a_word_the_knowledge_lists(knowledge):
    assert extract_scenario("主要用来打游戏", knowledge) == "游戏"
    assert extract_scenario("拍拍照", knowledge) is None


def test_scenario_outside_the_current_category_still_counts(knowledge):
    assert extract_scenario("做设计用", knowledge, category="手机") == "设计"


# ---------------------------------------------------------------- long messages

# Each is 100,000 characters or more; the old patterns backtracked over every
# start inside a run of numerals (or of spaces after 预算) and took minutes.
LONG_MESSAGES = {
    "五千 repeated": ("五千" * 50_000, "[218750000, 281250000]"),
    "五千 repeated, then a unit": ("五千" * 50_000 + "像素", "None"),
    "one numeral": ("五" * 100_000, "None"),
    "预算 and spaces": ("预算" + " " * 100_000, "None"),
    "预算 and spaces, then an amount": ("预算" + " " * 100_000 + "五千", "[4500, 5500]"),
    "a sentence repeated": ("我想买个手机，预算五千左右，4000以内也行，三到五千都可以。" * 3_500, "[3000, 5000]"),
}


def test_budgets_of_100k_character_messages_are_found_in_one_pass_not_minutes():
    # A generous hang guard, not a timing: the work is linear now, milliseconds;
    # before it was quadratic, minutes. A child process so that a regex stuck in
    # C code can be killed.
    script = (
        "import sys, json\n"
        "from studio.engine.extract import extract_budget\n"
        "for message in json.load(sys.stdin):\n"
        "    budget = extract_budget(message)\n"
        "    print(budget.to_json() if budget else None)\n"
    )
    messages = [message for message, _ in LONG_MESSAGES.values()]
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(messages), text=True,
                          capture_output=True, timeout=30, check=True)
    assert done.stdout.splitlines() == [expected for _, expected in LONG_MESSAGES.values()]
