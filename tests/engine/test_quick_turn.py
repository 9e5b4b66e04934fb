"""A turn taken without its record (`quick_turn`, what `replay` counts) is the same turn as `turn`."""
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.project import SAMPLE_PROJECT, Project
from studio.traffic.readers import LogMessage, read_log
from tests.engine.test_fuzz_chat import FRAGMENTS, chat_line
from tests.traffic.logs import INTERLEAVED

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_LOG = SAMPLE_PROJECT / "resources" / "sample_logs" / "customer_chats.jsonl"


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    analysis = Project.open(str(ROOT)).analyze()
    return Assistant(RuleBase.build(analysis.programs), analysis.knowledge)


def assert_same_turns(assistant: Assistant, messages, stage: str | None = None) -> None:
    """Turn by turn, `turn` on one context and `quick_turn` on another: the same rule, intent, reply
    and context afterwards (history and stages walked included)."""
    full, quick = assistant.new_context(stage), assistant.new_context(stage)
    if assistant.rulebase.uses_opening:
        opened, quickly = assistant.opening(full), assistant.quick_opening(quick)
        assert (quickly.rule, quickly.intent, quickly.reply) == (opened.rule, opened.intent, opened.reply)
    for message in messages:
        result, light = assistant.turn(full, message), assistant.quick_turn(quick, message)
        assert (light.rule, light.intent, light.reply) == (result.rule, result.intent, result.reply), message
        assert quick.as_dict() == full.as_dict() == result.context, message
        assert (list(quick.history), quick.state_history) == (list(full.history), full.state_history)


def test_the_sample_conversations_take_the_same_turns_quickly(assistant):
    conversations = [yaml.safe_load(path.read_text(encoding="utf-8"))
                     for path in sorted((ROOT / "conversations").glob("*.yaml"))]
    assert conversations
    for conversation in conversations:
        assert_same_turns(assistant, [turn["user"] for turn in conversation["turns"] if turn.get("user")])


def test_the_sample_logs_take_the_same_turns_quickly(assistant):
    logged = [(item.conversation, item.text) for item in read_log(SAMPLE_LOG) if isinstance(item, LogMessage)]
    assert logged
    for pairs in (logged, INTERLEAVED):
        for name in dict.fromkeys(conversation for conversation, _ in pairs):
            assert_same_turns(assistant, [text for conversation, text in pairs if conversation == name])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), lines=st.lists(st.one_of(st.sampled_from(FRAGMENTS), chat_line), min_size=1, max_size=8))
def test_any_messages_from_any_stage_take_the_same_turns_quickly(assistant, data, lines):
    stages = sorted({stage for entry in assistant.rulebase.rules if entry.stage_pin
                     for stage in entry.stage_pin.values})
    stage = data.draw(st.sampled_from([None, *stages]), label="start stage")
    assert_same_turns(assistant, lines, stage)
