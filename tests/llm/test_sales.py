import pytest
from hypothesis import given, strategies as st

from tests.llm.fake_openai_server import garbage, http_error, reply, slow
from studio.engine.llm_port import SalesStage
from studio.llm import DEFAULT_SALES_STAGES
from studio.llm.sales import (
    END_OF_TURN, EndOfTurnFilter, build_reply_prompt, parse_stage_answer, reply_text,
)

HISTORY = [("user", "我想买笔记本"), ("assistant", "好的，您主要做什么用？"), ("user", "办公，预算五千")]
PERSONA = {
    "salesperson_name": "李销售", "salesperson_role": "业务发展代表", "company_name": "优质数码",
    "company_business": "销售手机、电脑和智能设备。", "company_values": "帮每位顾客找到{最合适}的设备。",
    "conversation_purpose": "了解顾客需求并推荐合适的产品。", "conversation_type": "在线聊天",
}
FACTS = "联想：ThinkPad X1（办公，3500-15000 元）"
STAGE = DEFAULT_SALES_STAGES[3]


def test_default_stages_are_the_seven_of_salesgpt_shared_with_the_engine():
    from studio.engine import stages
    assert DEFAULT_SALES_STAGES is stages.DEFAULT_SALES_STAGES
    assert [s.number for s in DEFAULT_SALES_STAGES] == [1, 2, 3, 4, 5, 6, 7]
    assert DEFAULT_SALES_STAGES[3].title == "需求分析"


@pytest.mark.parametrize("answer, expected", [
    ("4", (4, None)), (" 5。", (5, None)), ("阶段：3", (3, None)), ("应进入第６阶段", (6, None)),
    ("9，不对，是 2", (2, None)),
    ("9", (None, "stage 9 is not declared (1, 2, 3, 4, 5, 6, 7)")),
    ("需求分析", (None, "unusable answer: no stage number")),
])
def test_stage_is_the_first_declared_number_in_the_answer(answer, expected):
    assert parse_stage_answer(answer, range(1, 8)) == expected


def test_stage_analyzer_sees_stages_current_stage_and_history(llm_port, fake_openai_server):
    fake_openai_server.script(reply("阶段 4"))
    stage, call = llm_port.analyze_sales_stage(HISTORY, DEFAULT_SALES_STAGES, current=1)
    assert (stage, call.error, call.purpose) == (4, None, "sales_stage")
    prompt = fake_openai_server.last.prompt_text
    for expected in ("4. 需求分析：通过开放式问题", "7. 成交", "当前阶段：1. 介绍", "用户：办公，预算五千", "销售：好的，您主要做什么用？"):
        assert expected in prompt


def test_declared_stages_replace_the_defaults(llm_port, fake_openai_server):
    stages = [SalesStage(1, "开场", "问好"), SalesStage(2, "推荐", "")]
    fake_openai_server.script(reply("3"))
    stage, call = llm_port.analyze_sales_stage(HISTORY, stages, current=2)
    assert stage is None and call.error == "stage 3 is not declared (1, 2)"
    assert "2. 推荐\n" in fake_openai_server.last.prompt_text and "成交" not in fake_openai_server.last.prompt_text


@pytest.mark.parametrize("answer", [garbage(), http_error(500), reply("我不知道")])
def test_unusable_stage_answer_keeps_no_stage(llm_port, fake_openai_server, answer):
    fake_openai_server.script(answer)
    stage, call = llm_port.analyze_sales_stage(HISTORY, DEFAULT_SALES_STAGES, current=1)
    assert stage is None and call.error


def test_reply_prompt_carries_persona_stage_facts_and_history_literally():
    system, user = build_reply_prompt(PERSONA, STAGE, HISTORY, FACTS)
    for expected in ("你叫李销售，是一名业务发展代表。", "你在优质数码工作。", "帮每位顾客找到{最合适}的设备。",
                     "在线聊天", "当前销售阶段：需求分析：通过开放式问题", FACTS, "不要编造", END_OF_TURN):
        assert expected in system
    assert "李销售：好的，您主要做什么用？" in user and "用户：办公，预算五千" in user


def test_reply_prompt_without_persona_or_facts():
    system, _ = build_reply_prompt({}, STAGE, [], "")
    assert "你叫销售顾问。" in system and "（暂无）" in system


def test_reply_streams_in_pieces_without_the_end_marker(llm_port, fake_openai_server):
    answer = "您好，ThinkPad X1 很适合办公。" + END_OF_TURN + "用户：好的"
    fake_openai_server.script(reply(answer, pieces=6))   # cuts the marker across chunks
    chunks: list[str] = []
    text, call = llm_port.generate_reply(PERSONA, STAGE, HISTORY, FACTS, on_chunk=chunks.append)
    assert len(chunks) >= 2 and "".join(chunks) == "您好，ThinkPad X1 很适合办公。"
    assert all("<" not in chunk for chunk in chunks)
    assert text == "您好，ThinkPad X1 很适合办公。" and call.error is None and call.raw == answer
    assert FACTS in fake_openai_server.last.prompt_text and fake_openai_server.last.body["stream"] is True


def test_reply_without_streaming(llm_port, fake_openai_server):
    fake_openai_server.script(reply(" 欢迎光临！" + END_OF_TURN))
    text, call = llm_port.generate_reply(PERSONA, STAGE, HISTORY, FACTS)
    assert text == "欢迎光临！" and fake_openai_server.last.body["stream"] is False


def test_empty_reply_is_refused(llm_port, fake_openai_server):
    fake_openai_server.script(reply(END_OF_TURN))
    text, call = llm_port.generate_reply(PERSONA, STAGE, HISTORY, FACTS, on_chunk=lambda _: None)
    assert text is None and call.error == "empty reply"


@pytest.mark.parametrize("answer, says", [(http_error(500), "HTTP status 500"), (slow("迟到", 5), "timed out")])
def test_failed_reply_gives_none(llm_port, fake_openai_server, answer, says):
    fake_openai_server.script(answer)
    chunks: list[str] = []
    text, call = llm_port.generate_reply(PERSONA, STAGE, HISTORY, FACTS, on_chunk=chunks.append)
    assert text is None and chunks == [] and says in call.error


@given(st.text(alphabet="ab<>_END", max_size=30), st.text(max_size=10), st.lists(st.integers(0, 60), max_size=6))
def test_end_marker_filter_forwards_exactly_the_text_before_the_marker(before, after, cuts):
    answer = before + END_OF_TURN + after
    bounds = sorted({0, len(answer), *(min(c, len(answer)) for c in cuts)})
    marker_filter = EndOfTurnFilter()
    forwarded = [marker_filter.feed(answer[a:b]) for a, b in zip(bounds, bounds[1:])]
    forwarded.append(marker_filter.finish())
    assert "".join(forwarded) == answer.split(END_OF_TURN, 1)[0]
    assert reply_text(answer) == answer.split(END_OF_TURN, 1)[0].strip()


def test_a_partial_marker_at_the_very_end_is_text():
    marker_filter = EndOfTurnFilter()
    assert marker_filter.feed("好的<END") == "好的"
    assert marker_filter.finish() == "<END"


def test_a_long_stage_answer_is_refused(llm_port, fake_openai_server):
    fake_openai_server.script(reply("4" + "。" * 100_000))
    stage, call = llm_port.analyze_sales_stage(HISTORY, DEFAULT_SALES_STAGES, current=1, timeout_s=10)
    assert stage is None and call.error.startswith("answer too long")


@pytest.mark.parametrize("streamed", [True, False])
def test_a_reply_over_8000_characters_is_refused(llm_port, fake_openai_server, streamed):
    fake_openai_server.script(reply("好" * 9000 + END_OF_TURN, pieces=90))
    chunks: list[str] = []
    text, call = llm_port.generate_reply(PERSONA, STAGE, HISTORY, FACTS,
                                         on_chunk=chunks.append if streamed else None, timeout_s=10)
    assert text is None and call.error.startswith("answer too long")
    assert sum(map(len, chunks)) <= 8000


def test_a_reply_just_under_the_cap_is_kept(llm_port, fake_openai_server):
    fake_openai_server.script(reply("好" * 7980 + END_OF_TURN, pieces=80))   # 7,993 characters with the marker
    text, call = llm_port.generate_reply(PERSONA, STAGE, HISTORY, FACTS, on_chunk=lambda _: None, timeout_s=10)
    assert text == "好" * 7980 and call.error is None
