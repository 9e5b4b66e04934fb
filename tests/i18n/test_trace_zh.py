"""The engine and the LLM package in Chinese: the trace explains in Chinese, while names, conditions,
intents and the JSON keys of `chat --json --trace` stay exactly as in English."""
import io
import json
from pathlib import Path

import pytest

from tests.llm.fake_openai_server import http_error
from tests.llm.fake_openai_server import fake_openai_server, lazyllm_sandbox  # noqa: F401 (fixtures of this module)
from studio import i18n
from studio.cli import chat_cmd
from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.engine.start import StartError, start_values
from studio.llm import LazyLLMPort, LLMConfigError, LLMSettings, settings_from_env
from studio.project import Project

SAMPLE = Path(__file__).resolve().parents[2]
# Budget talk while choosing a phone brand: choose_computer fires after two rules whose conditions were
# evaluated and failed (a USER_MENTION_ANY and an OR), behind rules the index ruled out by their intent.
MESSAGE = "预算3000左右的苹果电脑有吗"


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


@pytest.fixture(scope="module")
def sample():
    return Project.open(str(SAMPLE)).analyze()


def sample_assistant(sample, llm=None, **options) -> Assistant:
    return Assistant(RuleBase.build(sample.programs), sample.knowledge, llm, **options)


def mid_flow_turn(sample):
    assistant = sample_assistant(sample)
    return assistant.turn(assistant.new_context("brand_select", current_category="手机"), MESSAGE)


def english(make):
    """`make()` in English, whatever the test's language, which comes back afterwards."""
    current = i18n.language()
    i18n.set_language("en")
    try:
        return make()
    finally:
        i18n.set_language(current)


def test_the_trace_of_a_sample_turn_explains_in_chinese_with_names_as_in_english(chinese, sample):
    trace = mid_flow_turn(sample).trace.to_dict()
    assert trace["intent"] == "budget_talk"
    assert trace["intent_reason"] == "budget_talk：命中 2 个关键词（预算, 左右）"
    assert trace["notes"] == ["已记住 budget_range：2600-3400元"]
    assert trace["rule"]["name"] == "choose_computer"

    evaluated = {a["name"]: a for a in trace["attempts"] if not a["by_index"]}
    assert evaluated["laptop_by_nickname"]["reason"] == "消息未提及其中任何一个"
    assert evaluated["choose_subtype"]["reason"] == (
        "INTENT_IS product_query：意图是 budget_talk；CONTEXT_STAGE_IS \"subtype_select\"：阶段是 'brand_select'")
    ruled_out = [a for a in trace["attempts"] if a["by_index"]]
    assert ruled_out and all(has_chinese(a["reason"]) for a in ruled_out)
    assert {a["reason"] for a in ruled_out if a["condition"] == "INTENT_IS objection"} == {"意图是 budget_talk"}

    english_trace = english(lambda: mid_flow_turn(sample).trace.to_dict())
    assert english_trace["intent_reason"] == "budget_talk: 2 keyword hit(s) (预算, 左右)"
    same = ("name", "file", "line", "priority", "condition", "by_index")
    assert ([{key: a[key] for key in same} for a in trace["attempts"]]
            == [{key: a[key] for key in same} for a in english_trace["attempts"]])
    assert trace["actions"] == english_trace["actions"]   # actions as written, no notes in this turn
    assert trace["diff"] == english_trace["diff"]


def keys_of(value, path=""):
    """Every key path of a JSON value (list items share their list's path)."""
    if isinstance(value, dict):
        inner = {k for key, item in value.items() for k in keys_of(item, f"{path}.{key}")}
        return {f"{path}.{key}" for key in value} | inner
    if isinstance(value, list):
        return {k for item in value for k in keys_of(item, path + "[]")}
    return set()


def chat_json_trace(messages: str) -> list[dict]:
    out, err = io.StringIO(), io.StringIO()
    assert chat_cmd.run(str(SAMPLE), "off", True, io.StringIO(messages), out, err, trace=True) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_chat_json_trace_keeps_its_keys_rules_and_intents_in_chinese(chinese):
    messages = "你好\n我想买个手机\n预算3000左右的华为\n"
    turns = chat_json_trace(messages)
    english_turns = english(lambda: chat_json_trace(messages))
    assert len(turns) == len(english_turns) == 4   # the opening turn, then one per message
    for turn, english_turn in zip(turns, english_turns):
        assert keys_of(turn) == keys_of(english_turn)
        for key in ("input", "reply", "intent", "intent_source", "rule", "stage", "sales_stage",
                    "product_chain", "context"):
            assert turn[key] == english_turn[key]
        trace, english_trace = turn["trace"], english_turn["trace"]
        assert trace["rule"] == english_trace["rule"]
        assert [a["action"] for a in trace["actions"]] == [a["action"] for a in english_trace["actions"]]
        assert [(a["name"], a["condition"]) for a in trace["attempts"]] == \
               [(a["name"], a["condition"]) for a in english_trace["attempts"]]
        assert has_chinese(trace["intent_reason"]) and trace["intent_reason"] != english_trace["intent_reason"]
    assert turns[0]["trace"]["intent_reason"] == "开场轮：顾客还没有发消息"
    captured = [note for a in turns[2]["trace"]["actions"] for note in a["notes"]]
    assert captured == ["在 '手机' 中找到 '手机'"]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_failing_llm_gives_chinese_fallback_and_pause_notes(chinese, sample, fake_openai_server):
    fake_openai_server.respond_with(lambda body: http_error(500, "internal error"))
    settings = LLMSettings(source="openai", model="fake-model", url=fake_openai_server.url,
                           api_key="sk-test-0123456789-SECRET", timeout_s=5.0)
    assistant = sample_assistant(sample, LazyLLMPort(settings), clock=Clock())
    context = assistant.new_context()

    failed = assistant.turn(context, "太贵了")
    assert failed.rule == "objection_general" and failed.intent_source == "fallback"
    assert failed.reply == "理解您的顾虑，我们一定帮您找到性价比更高的选择。"   # replies are the rules' own text
    # What went wrong is the provider's own text; what happened then is ours.
    assert failed.trace.intent_reason.endswith("；改由关键词决定：objection：命中 2 个关键词（太贵, 贵了）")
    generate = [record for record in failed.trace.actions if record.action.startswith("GENERATE")]
    assert len(generate) == 1 and generate[0].notes[0].startswith("使用了兜底模板：")
    assert "LLM 调用失败：30 秒内不再调用" in failed.trace.notes
    assert any(note.startswith("销售阶段保持为 1：") for note in failed.trace.notes)
    assert len(fake_openai_server.requests) == 3

    paused = assistant.turn(context, "太贵了")
    assert len(fake_openai_server.requests) == 3   # nothing sent while paused
    assert "LLM 因失败暂停 30 秒：intent, sales_stage, generate 改为离线回答" in paused.trace.notes
    assert {call.error for call in paused.trace.llm_calls} == {"已跳过：LLM 因失败暂停中，还剩 30 秒"}
    assert all(call.skipped for call in paused.trace.llm_calls)
    assert [call.purpose for call in paused.trace.llm_calls] == ["intent", "sales_stage", "generate"]


@pytest.mark.parametrize("sets, expected", [
    (("query_count=三",), "query_count 需要整数，而不是 '三'"),
    (("product_chain=[1]",),
     "product_chain 需要 [[slot, value], ...]，其中 slot 为 category, subtype, brand, series 之一"),
    (("no_equals_sign",), "--set 的写法是 VAR=VALUE，而不是 'no_equals_sign'"),
])
def test_a_bad_start_value_is_explained_in_chinese(chinese, sets, expected):
    with pytest.raises(StartError) as raised:
        start_values(None, sets)
    assert str(raised.value) == expected
    out, err = io.StringIO(), io.StringIO()
    assert chat_cmd.run(str(SAMPLE), "off", False, io.StringIO("你好\n"), out, err, sets=sets) == 2
    assert expected in err.getvalue() and out.getvalue() == ""


def test_a_bad_llm_setting_is_explained_in_chinese(chinese):
    with pytest.raises(LLMConfigError) as raised:
        settings_from_env({"RULE_STUDIO_LLM_URL": "http://127.0.0.1:9", "RULE_STUDIO_LLM_TIMEOUT": "soon"})
    assert str(raised.value) == "RULE_STUDIO_LLM_TIMEOUT='soon' 不是有限的正秒数"
