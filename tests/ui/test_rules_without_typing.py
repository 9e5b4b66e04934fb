"""The whole promise of the guided authoring, end to end on the sample project: without typing a DSL
keyword an analyst creates a rule from a fallback turn in the chat tester, sees it fire on the replay,
changes its priority in the decision table and an action in the form — and the rule file reads as
written by hand, every other line unchanged."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.dsl.parser import parse
from studio.ui.decision_table_cells import PRIORITY
from tests.ui.chat.chat_helpers import say
from tests.ui.studio_fixtures import copy_sample, make_window, prompts, settings, studio_env  # noqa: F401
from tests.ui.test_decision_table import cell, edit

TIMEOUT_MS = 20000
REL = "rules/ecommerce.dsl"


@pytest.fixture
def window(qtbot, make_window, tmp_path):  # noqa: F811
    window = make_window(copy_sample(tmp_path / "sample"))
    chat = window.chat_panel
    window.chat_dock.show()
    window.chat_dock.raise_()
    qtbot.waitUntil(lambda: chat._ready and chat.opening is not None, timeout=TIMEOUT_MS)
    return window


def analysed(qtbot, window, text: str) -> None:
    workspace = window.workspace
    qtbot.waitUntil(lambda: not workspace.is_analyzing() and workspace.analysis is not None
                    and workspace.analysis.rule_texts.get(REL) == text, timeout=TIMEOUT_MS)


def test_a_rule_made_by_choosing_fires_is_reprioritised_and_edited_and_reads_as_hand_written(qtbot, window):
    chat, form = window.chat_panel, window.rule_form
    before = (window.workspace.project.root / REL).read_text(encoding="utf-8")
    for message in ("我想买个手机", "华为"):
        say(qtbot, chat, message)
    assert say(qtbot, chat, "可以分期吗").result.rule == "fallback"

    # 1. Create it from the turn: the form comes prefilled; choose a priority and an action's text.
    qtbot.mouseClick(chat.create_rule.button, Qt.MouseButton.LeftButton)
    form.priority_spin.setValue(5)
    form.action_list.list.setCurrentRow(0)
    (reply,) = form.action_list.current_fields()
    reply.setText("支持分期付款。")
    reply.editingFinished.emit()
    with qtbot.waitSignal(chat.create_rule.replayed, timeout=TIMEOUT_MS) as replayed:
        qtbot.mouseClick(form.insert_button, Qt.MouseButton.LeftButton)
    assert replayed.args[2] is True and chat.turns[2].result.rule == replayed.args[1]   # it fires on replay
    name = replayed.args[1]
    editor = window.tabs.editor(REL)
    analysed(qtbot, window, editor.toPlainText())

    # 2. Its priority, in the decision table.
    table = window.decision_table
    table.dock.show()
    table.dock.raise_()
    qtbot.waitUntil(lambda: table.fired is not None, timeout=TIMEOUT_MS)
    edit(qtbot, table, name, PRIORITY, 7)
    analysed(qtbot, window, editor.toPlainText())
    qtbot.waitUntil(lambda: cell(table, name, PRIORITY).data() == "7", timeout=TIMEOUT_MS)

    # 3. An action, in the form that follows the rule under the cursor.
    rule = next(r for r in parse(editor.toPlainText(), REL).program.rules if r.name.text == name)
    window.tabs.go_to(REL, rule.span.line, 3)
    form.reveal()
    form.follow()
    assert form.form is not None and form.form.name == name
    form.action_list.list.setCurrentRow(0)
    (reply,) = form.action_list.current_fields()
    reply.setText("支持分期付款，12期免息。")
    reply.editingFinished.emit()

    at = before.index("RULE ask_for_category\n")
    assert editor.toPlainText() == before[:at] + (
        f"RULE {name}\n"
        "    PRIORITY 7\n"
        'WHEN INTENT_IS confirmation AND CONTEXT_STAGE_IS "series_select" AND USER_MENTION_ANY "可以"\n'
        "THEN\n"
        '    RESPOND "支持分期付款，12期免息。"\n'
        "\n") + before[at:]
