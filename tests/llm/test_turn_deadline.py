"""A whole turn through lazyllm against the loopback server: one deadline per turn, a pause after failures.

The server counts the requests it receives, so "the other calls were not
made" is a count, not a stopwatch reading.
"""
import re

import pytest

from tests.engine.engine_helpers import rulebase_of, small_knowledge
from tests.llm.fake_openai_server import drip, hang, http_error, reply
from studio.engine.assistant import Assistant

RULES = '''
INTENT greeting KEYWORDS "你好"
INTENT objection KEYWORDS "太贵"
RULE hello WHEN INTENT_IS greeting THEN RESPOND "您好"
RULE objection WHEN INTENT_IS objection THEN GENERATE "理解您的顾虑（离线）"
'''
OFFLINE_REPLY = "理解您的顾虑（离线）"


class Clock:
    """A monotonic clock the test moves by hand, for the pause between turns."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def assistant(llm_port, clock) -> Assistant:
    return Assistant(rulebase_of(RULES), small_knowledge(), llm_port, clock=clock)


def purposes_and_errors(result) -> list[tuple[str, str | None]]:
    return [(call.purpose, call.error) for call in result.trace.llm_calls]


def test_a_hung_model_costs_a_turn_one_timeout_not_one_per_call(assistant, fake_openai_server):
    fake_openai_server.respond_with(lambda body: hang())
    result = assistant.turn(assistant.new_context(), "太贵了")
    assert len(fake_openai_server.requests) == 1
    calls = purposes_and_errors(result)
    assert [purpose for purpose, _ in calls] == ["intent", "sales_stage", "generate"]
    assert calls[0][1].startswith("timed out")
    assert all(error.startswith("skipped: the turn's 1 s of LLM time are used up") for _, error in calls[1:])
    assert (result.intent, result.intent_source, result.reply) == ("objection", "fallback", OFFLINE_REPLY)


@pytest.mark.timeout(60)   # without a turn deadline the dripping reply takes minutes
def test_a_dripping_reply_is_cut_at_the_turn_deadline(assistant, fake_openai_server):
    fake_openai_server.script(reply("objection"), reply("6"), drip("慢" * 2000, every_s=0.03, pieces=2000))
    chunks: list[str] = []
    result = assistant.turn(assistant.new_context(), "太贵了", on_chunk=chunks.append)
    assert len(fake_openai_server.requests) == 3
    (_, intent_error), (_, stage_error), (_, generate_error) = purposes_and_errors(result)
    assert intent_error is None and stage_error is None and generate_error.startswith("timed out")
    assert result.reply == OFFLINE_REPLY and "".join(chunks) != "慢" * 2000
    given = float(re.search(r"within ([\d.]+) s", generate_error).group(1))
    assert given < 1   # the reply got what the first two calls left of the turn's one second


def test_a_turn_within_the_pause_sends_nothing_and_says_so(assistant, fake_openai_server, clock):
    fake_openai_server.respond_with(lambda body: hang())
    context = assistant.new_context()
    first = assistant.turn(context, "太贵了")
    assert "LLM failed: not asked again for 30 s" in first.trace.notes
    clock.now += 10
    second = assistant.turn(context, "太贵了")
    assert len(fake_openai_server.requests) == 1
    assert all(error.startswith("skipped: LLM paused for 20 s more after a failure")
               for _, error in purposes_and_errors(second))
    assert "LLM skipped for 20 s after a failure: intent, sales_stage, generate answered offline" \
        in second.trace.notes
    assert (second.intent_source, second.reply) == ("fallback", OFFLINE_REPLY)


def test_the_pause_doubles_while_failures_go_on_and_a_success_resets_it(assistant, fake_openai_server, clock):
    fake_openai_server.respond_with(lambda body: http_error(500))
    context = assistant.new_context()
    assert "LLM failed: not asked again for 30 s" in assistant.turn(context, "你好").trace.notes
    clock.now += 31
    assert "LLM failed: not asked again for 60 s" in assistant.turn(context, "你好").trace.notes
    clock.now += 61
    fake_openai_server.script(reply("greeting"), reply("1"))
    healthy = assistant.turn(context, "你好")
    assert (healthy.intent_source, healthy.trace.llm_calls[0].error) == ("llm", None)
    assert "LLM failed: not asked again for 30 s" in assistant.turn(context, "你好").trace.notes


def test_fast_failures_do_not_stop_the_other_calls_of_the_same_turn(assistant, fake_openai_server):
    """A 500 costs no time: the turn still asks for the stage and the reply; the pause starts with the next turn."""
    fake_openai_server.script(http_error(500), reply("6"), reply("我们有分期免息。<END_OF_TURN>"))
    result = assistant.turn(assistant.new_context(), "太贵了")
    assert len(fake_openai_server.requests) == 3
    assert (result.intent_source, result.sales_stage, result.reply) == ("fallback", 6, "我们有分期免息。")


def test_a_failing_intent_call_still_completes_the_turn_offline_with_a_note(assistant, fake_openai_server):
    fake_openai_server.script(http_error(503, "overloaded"), reply("1"))
    result = assistant.turn(assistant.new_context(), "你好")
    assert (result.intent, result.intent_source, result.reply) == ("greeting", "fallback", "您好")
    assert "HTTP status 503" in result.trace.intent_reason and "keywords decided" in result.trace.intent_reason


def test_a_failing_sales_stage_call_keeps_the_stage_with_a_note(assistant, fake_openai_server):
    fake_openai_server.script(reply("objection"), http_error(500), reply("可以分期。<END_OF_TURN>"))
    context = assistant.new_context(sales_stage=3)
    result = assistant.turn(context, "太贵了")
    assert (result.intent_source, result.sales_stage, result.reply) == ("llm", 3, "可以分期。")
    assert any(note.startswith("sales stage kept at 3: ") and "HTTP status 500" in note
               for note in result.trace.notes)


def test_a_stream_the_caller_stops_does_not_pause_the_llm(assistant, fake_openai_server):
    """The chat panel stops a stream nobody waits for (a reset) by raising from its callback: not a failure."""
    fake_openai_server.script(reply("objection"), reply("6"), reply("一二三四五六<END_OF_TURN>"),
                              reply("objection"), reply("6"), reply("好的。<END_OF_TURN>"))

    def stop(_text: str) -> None:
        raise RuntimeError("nobody is waiting for this stream")

    context = assistant.new_context()
    stopped = assistant.turn(context, "太贵了", on_chunk=stop)
    assert stopped.reply == OFFLINE_REPLY
    assert not any(note.startswith("LLM failed") for note in stopped.trace.notes)
    assert assistant.turn(context, "太贵了").reply == "好的。"
    assert len(fake_openai_server.requests) == 6
