"""The Tests panel in the studio window, on a copy of the sample project: runs with pass/fail,
a failure's details, double-click into the chat tester, coverage marks, re-run on save."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.ui.tests_panel_model import RESULT_COLUMN, Status
from tests.ui.studio_fixtures import (copy_sample, make_window, prompts, settings, studio_env,  # noqa: F401
                                      wait_analysis)

RULES = "rules/ecommerce.dsl"
RUN_TIMEOUT_MS = 15000

GOOD = """name: 选手机
turns:
  - user: 你好
    expect: {intent: greeting, rule: greet_new_customer, stage: category_select}
  - user: 我想买个手机
    expect:
      rule: choose_category
      product_chain: [[category, 手机]]
  - user: 苹果
    expect: {rule: choose_brand, stage: series_select}
"""

BAD = """name: 期望写错了
turns:
  - user: 你好
    expect: {rule: greet_new_customer}
  - user: 我想买个手机
    expect: {rule: choose_phone, reply_contains: 为您挑选手机}
"""


@pytest.fixture
def project(tmp_path):
    root = copy_sample(tmp_path / "shop")
    assert root is not None
    for old in (root / "conversations").glob("*"):
        old.unlink()
    (root / "conversations").mkdir(exist_ok=True)
    (root / "conversations" / "good.yaml").write_text(GOOD, encoding="utf-8")
    return root


@pytest.fixture
def studio(make_window, project):
    window = make_window(project)
    window.tests_dock.raise_()   # tabbed with the problems: bring it to the front, as a user would
    window.chat_dock.raise_()
    yield window
    window.shutdown()
    assert not window.chat_panel.session.thread.isRunning()
    assert not window.tests_panel.runner.thread.isRunning()


def run_all(qtbot, window):
    with qtbot.waitSignal(window.tests_panel.run_finished, timeout=RUN_TIMEOUT_MS) as done:
        window.run_tests_action.trigger()
    return done.args[0]


def statuses(panel) -> dict[str, str]:
    return {e.file: e.status.value for e in panel.model.entries()}


def test_run_all_shows_pass_fail_and_the_failure(qtbot, studio, project, qtmodeltester):
    panel = studio.tests_panel
    (project / "conversations" / "bad.yaml").write_text(BAD, encoding="utf-8")
    (project / "conversations" / "broken.yaml").write_text("name: x\nturns: [\n", encoding="utf-8")
    panel.refresh()
    qtmodeltester.check(panel.model)
    assert statuses(panel) == {"conversations/bad.yaml": "not run", "conversations/broken.yaml": "error",
                               "conversations/good.yaml": "not run"}
    run_all(qtbot, studio)
    assert statuses(panel) == {"conversations/bad.yaml": "failed", "conversations/broken.yaml": "error",
                               "conversations/good.yaml": "passed"}
    assert panel.summary.text().startswith("1 passed, 2 failed · coverage ")
    row = panel.model.row_of("conversations/bad.yaml")
    assert panel.model.index(row, RESULT_COLUMN).data() == "failed at turn 2"
    assert panel.model.index(row, 1).data() == "bad.yaml"
    assert panel.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == "conversations/bad.yaml"
    broken = panel.model.row_of("conversations/broken.yaml")
    assert panel.model.index(broken, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("conversations/broken.yaml:")

    panel.view.setCurrentIndex(panel.model.index(row, 0))
    turn_item = panel.failures.topLevelItem(0)
    assert turn_item.text(0) == "Turn 2 (conversations/bad.yaml:5) user: 我想买个手机"
    assert turn_item.child(0).text(0) == ("conversations/bad.yaml:6: rule: expected 'choose_phone', "
                                          "got 'choose_category'")
    assert panel.trace_view.section_lines("fired")[0].startswith("Fired: choose_category (rules/ecommerce.dsl:")
    assert panel.trace_view.section_lines("attempts")[0].startswith("Rules tried before it: ")
    qtmodeltester.check(panel.model)


def test_broken_rule_fails_a_test_and_double_click_opens_the_turn_in_the_chat(qtbot, studio):
    panel, chat = studio.tests_panel, studio.chat_panel
    run_all(qtbot, studio)
    assert statuses(panel) == {"conversations/good.yaml": "passed"}

    # break choose_category in the editor (unsaved): it now wants a brand instead of a category
    text = studio.workspace.rule_texts()[RULES]
    broken = text.replace('WHEN (INTENT_IS product_query OR CONTEXT_STAGE_IS "category_select") AND USER_MENTIONS category',
                          'WHEN (INTENT_IS product_query OR CONTEXT_STAGE_IS "category_select") AND USER_MENTIONS brand')
    assert broken != text
    studio.workspace.set_buffer(RULES, broken)
    wait_analysis(qtbot, studio)
    run_all(qtbot, studio)
    assert statuses(panel) == {"conversations/good.yaml": "failed"}
    entry = panel.model.entries()[0]
    assert entry.outcome.first_failure.index == 1

    index = panel.model.index(0, 0)
    panel.view.setCurrentIndex(index)
    qtbot.waitUntil(panel.view.isVisible)
    rect = panel.view.visualRect(index)
    with qtbot.waitSignal(chat.replay_finished, timeout=RUN_TIMEOUT_MS) as replayed:
        # a double-click is a press, a release, then the double-click event (QTest sends only the last)
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert replayed.args == [1]
    assert studio.chat_dock.isVisible()
    assert [t.result.input for t in chat.turns] == ["你好", "我想买个手机"]
    assert chat.selected_turn() == 1
    assert "turn 2" in chat.trace_title.text()
    assert not chat.trace_view.section_lines("fired")[0].startswith("Fired: choose_category")


def test_coverage_marks_rules_never_fired_in_gutter_and_outline(qtbot, studio):
    run_all(qtbot, studio)
    analysis = studio.workspace.analysis
    lines = {r.name.text: r.span.line for p in analysis.programs for r in p.rules}
    editor = studio.tabs.open_file(RULES).editor
    marks = editor.line_numbers.line_marks()
    assert marks.get(lines["checkout"]) == "untested"
    assert lines["greet_new_customer"] not in marks and lines["choose_brand"] not in marks
    outline = studio.outline_panel.coverage_marks()
    assert outline["checkout"] == "untested" and outline["greet_new_customer"] == "covered"
    coverage = studio.tests_panel.coverage_tree
    rows = {coverage.topLevelItem(i).text(0): coverage.topLevelItem(i).text(1)
            for i in range(coverage.topLevelItemCount())}
    assert rows["greet_new_customer"] == "1" and rows["checkout"] == "never"

    # the marks survive a re-analysis (the editor's diagnostics replace its marks) and follow the text
    studio.workspace.set_buffer(RULES, "# a new first line\n" + studio.workspace.rule_texts()[RULES])
    wait_analysis(qtbot, studio)
    qtbot.waitUntil(lambda: editor.line_numbers.line_marks().get(lines["checkout"] + 1) == "untested")
    assert editor.line_numbers.line_marks().get(lines["checkout"]) != "untested"


def test_rerun_on_save_is_remembered_and_runs_after_a_save(qtbot, studio, settings):
    panel = studio.tests_panel
    assert not panel.run_on_save.isChecked()
    panel.run_on_save.setChecked(True)
    assert settings.value("tests/run_on_save") in (True, "true")
    page = studio.tabs.open_file(RULES)
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    page.editor.textCursor().insertText("\n# saved\n")
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_TIMEOUT_MS):
        assert studio.save_current()
    assert statuses(panel) == {"conversations/good.yaml": "passed"}


def test_saved_chat_conversation_shows_up_and_passes(qtbot, studio):
    from tests.ui.chat.chat_helpers import say
    chat, panel = studio.chat_panel, studio.tests_panel
    studio.chat_dock.show()
    for message in ("你好", "我想买个笔记本"):
        say(qtbot, chat, message)
    with qtbot.waitSignal(chat.dialog_opened) as opened:
        chat.save_test_action.trigger()
    dialog = opened.args[0]
    dialog.file_edit.setText("laptop")
    assert dialog.save()
    assert panel.model.row_of("conversations/laptop.yaml") >= 0
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_TIMEOUT_MS):
        panel.run_selected()
    assert statuses(panel)["conversations/laptop.yaml"] == "passed"
    assert statuses(panel)["conversations/good.yaml"] == "not run"
    assert Status.PASSED.value == "passed"


def test_run_and_chat_menus(studio):
    titles = [t.replace("&", "") for t in studio.menu_titles()]
    assert "Run" in titles and "Chat" in titles
    assert studio.run_tests_action.shortcut().toString() == "Ctrl+F5"
    assert studio.chat_panel.reset_action in studio.chat_menu.actions()


def test_a_failing_opening_is_shown_as_the_opening_with_its_trace(qtbot, studio, project):
    panel = studio.tests_panel
    (project / "conversations" / "opening.yaml").write_text(
        "name: 开场\nturns:\n  - opening: {expect: {rule: greet_new_customer}}\n  - user: 你好\n", encoding="utf-8")
    panel.refresh()
    run_all(qtbot, studio)
    assert statuses(panel)["conversations/opening.yaml"] == "failed"
    row = panel.model.row_of("conversations/opening.yaml")
    assert panel.model.index(row, RESULT_COLUMN).data() == "failed at the opening"
    panel.view.setCurrentIndex(panel.model.index(row, 0))
    item = panel.failures.topLevelItem(0)
    assert item.text(0) == "Opening (conversations/opening.yaml:3)"
    assert item.child(0).text(0) == ("conversations/opening.yaml:3: rule: expected 'greet_new_customer', "
                                     "got 'opening_greeting'")
    panel.failures.setCurrentItem(item)
    assert panel.trace_view.section_lines("fired")[0].startswith("Fired: opening_greeting (rules/ecommerce.dsl:")
