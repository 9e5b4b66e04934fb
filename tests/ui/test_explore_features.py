"""The explorer in the studio window: the Flow dock opens rules, the gutter and the outline find a
conversation that fires a rule and replay it in the chat tester, and the Tests panel writes tests
for the rules no test fires."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from tests.ui.studio_fixtures import make_window, prompts, settings, studio_env  # noqa: F401
from tests.ui.test_flow_panel import write_flow_project

TIMEOUT_MS = 20000
RULES = "rules/flow.dsl"


@pytest.fixture
def window(make_window, tmp_path):
    window = make_window(write_flow_project(tmp_path / "flow"))
    yield window
    window.shutdown()
    assert not window.explore.runner.thread.isRunning()
    assert not window.explore.generator.thread.isRunning()


def explored(qtbot, window):
    window.flow_dock.show()
    window.flow_dock.raise_()
    panel = window.explore.flow_panel
    qtbot.waitUntil(lambda: panel.exploration is not None, timeout=TIMEOUT_MS)
    return panel


def test_the_flow_dock_is_listed_in_the_view_menu(window):
    assert window.flow_dock.toggleViewAction() in window.view_menu.actions()
    assert window.flow_dock.windowTitle() == "Flow"


def test_clicking_an_edge_of_the_flow_opens_its_rule_in_the_editor(qtbot, window):
    panel = explored(qtbot, window)
    label = panel.edge_labels[("category_select", "series_select", "pick_brand")]
    point = label.sceneBoundingRect().center()
    panel.view.centerOn(point)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.mapFromScene(point))
    assert window.tabs.current_rel() == RULES
    assert window.tabs.current_editor().textCursor().blockNumber() + 1 == 18   # RULE pick_brand


def gutter_point(editor, line: int) -> QPoint:
    editor.go_to(line)
    editor.centerCursor()
    top = next(top for block, top, _bottom in editor.visible_blocks() if block.blockNumber() + 1 == line)
    return QPoint(4, top + 2)


def test_the_gutter_finds_a_conversation_and_replays_it_in_the_chat(qtbot, window):
    window.tabs.open_file(RULES)
    page = window.tabs.current_page()
    menu = window.explore.gutter_menu(page, gutter_point(page.editor, 20))   # inside RULE pick_brand
    [action] = menu.actions()
    assert action.text() == "Find a Conversation That Fires pick_brand"
    with qtbot.waitSignal(window.chat_panel.replay_finished, timeout=TIMEOUT_MS):
        action.trigger()
    assert [t.result.rule for t in window.chat_panel.turns][-1] == "pick_brand"
    assert window.chat_dock.isVisible()


def test_the_gutter_has_no_menu_off_a_rule(window):
    window.tabs.open_file(RULES)
    page = window.tabs.current_page()
    assert window.explore.gutter_menu(page, gutter_point(page.editor, 1)) is None   # an INTENT line


def test_the_outline_says_when_no_conversation_reaches_a_rule(qtbot, window):
    window.tabs.open_file(RULES)
    tree = window.outline_panel.tree
    qtbot.waitUntil(lambda: any("vip_welcome" in text for text in window.outline_panel.entries()), timeout=5000)
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if "vip_welcome" in tree.topLevelItem(i).text(0))
    tree.scrollToItem(item)
    menu = window.explore.outline_menu(tree.visualItemRect(item).center())
    [action] = menu.actions()
    with qtbot.waitSignal(window.explore.runner.exploration_finished, timeout=TIMEOUT_MS):
        action.trigger()
    assert window.statusBar().currentMessage() == "No conversation of up to 8 messages fires vip_welcome"


def generate(qtbot, window):
    with qtbot.waitSignal(window.tests_panel.run_finished, timeout=TIMEOUT_MS):
        window.explore.generate_action.trigger()


def test_generate_tests_previews_then_writes_passing_tests_for_rules_never_fired(qtbot, window, prompts):
    root = window.workspace.project.root
    assert window.explore.generate_action in window.tests_panel.toolbar.actions()
    generate(qtbot, window)
    [(items,)] = prompts.questions("confirm_generated_tests")
    assert [rule for rule, _ in items] == ["greet", "ask_phone", "pick_brand", "go_back", "fallback"]
    assert dict(items)["pick_brand"] == ("你好", "苹果")
    written = sorted(p.name for p in (root / "conversations").glob("*.yaml"))
    assert written == sorted(f"{rule}.yaml" for rule, _ in items)
    entries = window.tests_panel.model.entries()
    assert len(entries) == 5 and all(e.status.value == "passed" for e in entries)
    assert window.tests_panel.coverage.fired["pick_brand"] >= 1


def test_only_the_checked_rules_get_a_test_and_a_second_run_adds_the_rest(qtbot, window, prompts):
    root = window.workspace.project.root
    prompts.script("confirm_generated_tests", ["go_back"])
    generate(qtbot, window)
    assert [p.name for p in (root / "conversations").glob("*.yaml")] == ["go_back.yaml"]
    generate(qtbot, window)
    [_, (items,)] = prompts.questions("confirm_generated_tests")
    assert "go_back" not in dict(items)   # its test fires it (and greet and pick_brand on the way)
    assert "pick_brand" not in dict(items)


def test_cancelling_the_preview_writes_nothing(qtbot, window, prompts):
    prompts.script("confirm_generated_tests", None)
    with qtbot.waitSignal(window.explore.generator.message, timeout=TIMEOUT_MS,
                          check_params_cb=lambda text: text == "No tests written"):
        window.explore.generate_action.trigger()
    assert list((window.workspace.project.root / "conversations").glob("*.yaml")) == []


def test_the_explorer_speaks_chinese_under_zh_cn(qapp, make_window, tmp_path):
    from PySide6.QtCore import QLocale

    from studio.ui.app import install_translations, remove_translations
    translators = install_translations(qapp, QLocale("zh_CN"))
    try:
        window = make_window(write_flow_project(tmp_path / "zh"))
        assert window.flow_dock.windowTitle() == "流程"
        assert window.explore.flow_panel.refresh_button.text() == "刷新"
        assert window.explore.generate_action.text() == "生成测试…"
        window.shutdown()
    finally:
        remove_translations(qapp, translators)


def test_right_clicking_the_gutter_pops_up_the_menu_of_that_rule(qtbot, window):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication
    window.tabs.open_file(RULES)
    page = window.tabs.current_page()
    gutter = page.editor.line_numbers
    at = gutter_point(page.editor, 25)   # inside RULE go_back
    seen = []

    def answer():
        popup = QApplication.activePopupWidget()
        if popup is None:
            QTimer.singleShot(20, answer)
            return
        seen.extend(action.text() for action in popup.actions())
        popup.actions()[0].trigger()
        popup.close()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(window.chat_panel.replay_finished, timeout=TIMEOUT_MS):
        QApplication.sendEvent(gutter, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                                                         gutter.mapToGlobal(at)))
    assert seen == ["Find a Conversation That Fires go_back"]
    assert [t.result.rule for t in window.chat_panel.turns][-1] == "go_back"


def test_finding_a_conversation_for_a_rule_cut_short_says_why(qtbot, window):
    from tests.ui.test_flow_panel import FLOW_DSL
    broken = FLOW_DSL.replace('RULE fallback\nWHEN ALWAYS', 'RULE broken\nWHEN INTENT_IS (\n\nRULE fallback\nWHEN ALWAYS')
    with qtbot.waitSignal(window.workspace.analysis_finished, timeout=TIMEOUT_MS):
        window.workspace.set_buffer(RULES, broken)
        window.workspace.analyze_now()
    with qtbot.waitSignal(window.explore.runner.exploration_finished, timeout=TIMEOUT_MS):
        window.explore.find_conversation("broken")
    assert window.statusBar().currentMessage() == "broken cannot run: a syntax error cuts it short"


def test_a_conversations_folder_that_cannot_be_made_is_reported_not_raised(qtbot, window, prompts):
    root = window.workspace.project.root
    (root / "conversations").rmdir()
    (root / "conversations").write_text("not a folder", encoding="utf-8")
    with qtbot.waitSignal(window.explore.generator.message, timeout=TIMEOUT_MS,
                          check_params_cb=lambda text: text.startswith("Could not write the tests: ")):
        window.explore.generate_action.trigger()
    [(title, text)] = prompts.questions("error")
    assert title == "Generate Tests" and "conversations" in text
