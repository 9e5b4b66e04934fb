"""'Create a rule for this message' in the chat tester: from a fallback turn, through the rule form, to the
replay that shows the new rule firing; the rule file reads as hand-written, every other line unchanged."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.chat.chat_helpers import say
from tests.ui.studio_fixtures import copy_sample, make_window, prompts, settings, studio_env  # noqa: F401

TIMEOUT_MS = 20000


@pytest.fixture
def sample(tmp_path) -> Path:
    root = copy_sample(tmp_path / "sample")
    if root is None:
        pytest.skip("the sample project has no rules")
    return root


@pytest.fixture
def chat(qtbot, make_window, sample):
    window = make_window(sample)
    chat = window.chat_panel
    window.chat_dock.show()
    window.chat_dock.raise_()
    qtbot.waitUntil(lambda: chat._ready and chat.opening is not None, timeout=TIMEOUT_MS)
    return chat


def test_the_button_shows_on_a_turn_the_fallback_answered_and_not_on_others(qtbot, chat):
    button = chat.create_rule.button
    payload = say(qtbot, chat, "我想买个手机")
    assert payload.result.rule == "choose_category" and not button.isVisible()
    say(qtbot, chat, "华为")
    payload = say(qtbot, chat, "可以分期吗")   # nothing handles instalments
    assert payload.result.rule == "fallback"
    assert button.isVisible()
    chat.select_turn(0)
    assert not button.isVisible()   # it follows the selected turn
    chat.select_turn(2)
    assert button.isVisible()


def test_the_hints_are_the_turns_intent_the_stage_before_it_and_the_known_words(qtbot, chat):
    for message in ("我想买个手机", "华为"):           # → series_select
        say(qtbot, chat, message)
    payload = say(qtbot, chat, "可以分期吗")
    assert payload.result.rule == "fallback"
    hints = chat.create_rule.hints(2)
    assert (hints.message, hints.intent, hints.stage) == ("可以分期吗", "confirmation", "series_select")
    assert hints.mentions == ("可以",)                # an intent keyword
    assert (hints.fallback_rule, hints.file) == ("fallback", "rules/ecommerce.dsl")
    say(qtbot, chat, "Mate 70")                       # → confirm_order
    payload = say(qtbot, chat, "华为Mate 70包邮吗")
    assert payload.result.rule == "fallback"
    hints = chat.create_rule.hints(4)
    assert (hints.intent, hints.stage, hints.mentions) == (None, "confirm_order", ("华为", "Mate 70"))   # knowledge
