"""Whatever a customer types, the offline assistant of the sample project answers (maybe with nothing), never raises."""
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.project import Project

ROOT = Path(__file__).resolve().parents[2]

NUMERALS = ["五千", "四千五", "一万五", "两千", "三到五千", "零", "十", "万", "5000", "1.5万", "5k", "2w", "4800万"]
NAMES = ["手机", "电脑", "笔记本", "华为", "苹果", "iPhone", "iPhone 16 Pro", "Mate 70 Pro", "MI", "ｈｕａｗｅｉ",
         "小新 Pro 16", "游戏", "办公", "拍照"]
PHRASES = ["五千左右", "4000以内", "预算", "预算 是 三千", "不超过", "至少", "多", "以上", "左右", "块", "元",
           "到", "-", "～", "像素", "你好", "推荐", "有哪些", "好的", "继续", "加入购物车", "不要", "，", "？", "\n"]
FRAGMENTS = NUMERALS + NAMES + PHRASES

any_text = st.text(st.characters(exclude_categories=()), max_size=40)   # surrogates and controls included
undecodable = st.binary(max_size=40).map(lambda raw: raw.decode("utf-8", "replace"))
escaped = st.binary(max_size=40).map(lambda raw: raw.decode("utf-8", "surrogateescape"))   # lone surrogates
budget_phrase = st.builds("{}{}{}".format, st.sampled_from(["", "预算", "大概", "不超过", "至少"]),
                          st.one_of(st.integers(-10, 10 ** 9).map(str), st.sampled_from(NUMERALS)),
                          st.sampled_from(["", "左右", "以内", "以上", "多", "块", "元", "到五千", "万", "k"]))
mix = st.lists(st.one_of(st.sampled_from(FRAGMENTS), any_text, budget_phrase), max_size=8).map("".join)
repetition = st.builds(lambda unit, times: unit * times, st.sampled_from(FRAGMENTS) | budget_phrase,
                       st.integers(1, 3_000))
chat_line = st.one_of(any_text, undecodable, escaped, budget_phrase, mix, repetition)


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    analysis = Project.open(str(ROOT)).analyze()
    return Assistant(RuleBase.build(analysis.programs), analysis.knowledge)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=st.lists(chat_line, min_size=1, max_size=6))
def test_any_chat_gets_a_reply_turn_after_turn_and_never_an_exception(assistant, lines):
    context = assistant.new_context()
    for line in lines:
        result = assistant.turn(context, line)
        assert isinstance(result.reply, str)
        json.dumps(result.to_json())
        json.dumps(result.trace.to_dict())   # explains every rule tried: conditions evaluated again
    assert len(context.history) <= 20
