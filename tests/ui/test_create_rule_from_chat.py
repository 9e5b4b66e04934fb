"""'Create a rule for this message' in the chat tester: from a fallback turn, through the rule form, to the
replay that shows the new rule firing; the rule file reads as hand-written, every other line unchanged."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

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


def test_from_a_fallback_turn_to_a_new_rule_that_fires_on_the_replay(qtbot, chat, sample):
    window = chat.window()
    rel = "rules/ecommerce.dsl"
    before = (sample / rel).read_text(encoding="utf-8")
    for message in ("我想买个手机", "华为"):
        say(qtbot, chat, message)
    assert say(qtbot, chat, "可以分期吗").result.rule == "fallback"

    qtbot.mouseClick(chat.create_rule.button, Qt.MouseButton.LeftButton)   # the analyst asks for a rule
    form = window.rule_form
    assert form.is_new and form.isVisible()
    assert [(w.row.kind, w.row.args) for w in form.group_widget.row_widgets()] == [
        ("INTENT_IS", ["confirmation"]), ("CONTEXT_STAGE_IS", ["series_select"]), ("USER_MENTION_ANY", ["可以"])]
    form.priority_spin.setValue(5)                                  # the priority they choose
    form.action_list.list.setCurrentRow(0)                          # the actions they pick
    (reply,) = form.action_list.current_fields()
    reply.setText("支持分期付款，{current_brand}全系列可享12期免息。")
    reply.editingFinished.emit()
    form.action_list.add("SUGGEST_SERIES")

    with qtbot.waitSignal(chat.create_rule.replayed, timeout=TIMEOUT_MS) as replayed:
        qtbot.mouseClick(form.insert_button, Qt.MouseButton.LeftButton)
    assert replayed.args == [2, "confirmation_rule", True]
    assert [t.result.input for t in chat.turns] == ["我想买个手机", "华为", "可以分期吗"]
    assert chat.turns[2].result.rule == "confirmation_rule"
    assert chat.turns[2].result.reply.startswith("支持分期付款，华为全系列可享12期免息。")
    assert chat.selected_turn() == 2 and not chat.create_rule.button.isVisible()
    assert "confirmation_rule" in chat.model.messages()[-1].text   # the note under the replay

    after = window.tabs.editor(rel).toPlainText()
    at = before.index("RULE ask_for_category\n")   # above the fallback, among the rules by priority
    assert after == before[:at] + (
        "RULE confirmation_rule\n"
        "    PRIORITY 5\n"
        'WHEN INTENT_IS confirmation AND CONTEXT_STAGE_IS "series_select" AND USER_MENTION_ANY "可以"\n'
        "THEN\n"
        '    RESPOND "支持分期付款，{current_brand}全系列可享12期免息。"\n'
        "    SUGGEST_SERIES\n"
        "\n") + before[at:]   # hand-written, every other line unchanged


def test_a_rule_made_afresh_after_cancelling_is_not_replayed(qtbot, chat):
    window = chat.window()
    for message in ("我想买个手机", "华为", "可以分期吗"):
        say(qtbot, chat, message)
    qtbot.mouseClick(chat.create_rule.button, Qt.MouseButton.LeftButton)
    form = window.rule_form
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)    # another rule, for another reason
    with qtbot.waitSignal(form.rule_inserted):
        qtbot.mouseClick(form.insert_button, Qt.MouseButton.LeftButton)
    workspace = window.workspace
    qtbot.waitUntil(lambda: not workspace.is_analyzing() and "new_rule" in {
        rule.name.text for program in workspace.analysis.programs for rule in program.rules}, timeout=TIMEOUT_MS)
    assert chat.create_rule._waiting is None
    assert [t.result.rule for t in chat.turns] == ["choose_category", "choose_brand", "fallback"]   # not replayed
