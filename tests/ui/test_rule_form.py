"""The guided rule form: it follows the rule under the cursor, and every change is one undoable edit of
that rule's text, formatted as by hand, with everything outside the rule untouched."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from studio.authoring import Vocabulary
from studio.dsl.parser import parse
from studio.ui.rule_form import Prefill
from studio.ui.rule_form.conditions import GroupWidget
from tests.ui.studio_fixtures import (EXTRA_DSL, SHOP_DSL, make_window, project_dir, prompts, settings,  # noqa: F401
                                      studio_env, wait_analysis, write_project)

SHOP = "rules/shop.dsl"

COMMENTED_DSL = '''# 小店的规则（注释不动）
INTENT greeting "打招呼"
    KEYWORDS "你好"

# 问候：注释在规则上面
RULE greet
    PRIORITY 5
WHEN INTENT_IS greeting
THEN
    # 先回复
    RESPOND "你好！"
    SET_STAGE "welcome"
# 规则之后的注释

RULE unknown
WHEN INTENT_IS no_such_intent AND CONTEXT_HAS budget_range
THEN
    SUGGEST_BRANDS

RULE fallback
    PRIORITY -10
WHEN ALWAYS
THEN
    RESPOND "请问有什么可以帮您？"
'''


@pytest.fixture
def shop(make_window, project_dir):  # noqa: F811
    return make_window(project_dir)


@pytest.fixture
def commented(make_window, tmp_path):  # noqa: F811
    root = write_project(tmp_path / "commented")
    (root / "rules" / "shop.dsl").write_text(COMMENTED_DSL, encoding="utf-8")
    return make_window(root)


def show_rule(window, name: str, rel: str = SHOP):
    """Put the editor's cursor in rule `name` and let the form follow it."""
    text = window.tabs.open_file(rel).editor.toPlainText()
    rule = next(r for r in parse(text, rel).program.rules if r.name.text == name)
    window.tabs.go_to(rel, rule.span.line, 3)
    panel = window.rule_form
    panel.reveal()
    panel.follow()
    assert panel.form is not None and panel.form.name == name
    return panel


def editor_text(window, rel: str = SHOP) -> str:
    return window.tabs.editor(rel).toPlainText()


def rule_text(text: str, name: str, rel: str = SHOP) -> str:
    rule = next(r for r in parse(text, rel).program.rules if r.name.text == name)
    return text[rule.span.start:rule.span.end]


def test_the_form_follows_the_rule_under_the_cursor(shop):
    panel = shop.rule_form
    shop.chat_dock.raise_()   # the form behind the chat's tab
    before = panel.form
    shop.tabs.go_to(SHOP, 14, 3)
    panel.follow()
    assert panel.form is before   # out of view, it does not follow
    panel = show_rule(shop, "choose_phone")
    assert panel.name_edit.text() == "choose_phone"
    assert panel.priority_spin.value() == 5
    assert [w.row.kind for w in panel.group_widget.row_widgets()] == ["INTENT_IS", "USER_MENTION_ANY"]
    assert [a.kind for a in panel.action_list.actions] == ["ADD_TO_CHAIN", "SUGGEST_BRANDS", "SET_STAGE"]
    show_rule(shop, "pick_brand")
    assert panel.name_edit.text() == "pick_brand"


def test_editing_an_action_rewrites_the_rule_and_one_undo_restores_it(shop, qtbot):
    panel = show_rule(shop, "choose_phone")
    before = editor_text(shop)
    panel.action_list.list.setCurrentRow(2)
    (stage,) = panel.action_list.current_fields()
    stage.lineEdit().selectAll()
    qtbot.keyClicks(stage.lineEdit(), "series_select")
    qtbot.keyClick(stage.lineEdit(), Qt.Key.Key_Return)
    after = editor_text(shop)
    assert after == before.replace('    SET_STAGE "brand_select"\n\nRULE pick_brand',
                                   '    SET_STAGE "series_select"\n\nRULE pick_brand')
    shop.tabs.editor(SHOP).document().undo()
    assert editor_text(shop) == before


def test_dragging_an_action_reorders_the_rules_actions(shop):
    panel = show_rule(shop, "choose_phone")
    model = panel.action_list.list.model()
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)   # what a drop in the list does
    assert rule_text(editor_text(shop), "choose_phone").endswith(
        'THEN\n    SET_STAGE "brand_select"\n    ADD_TO_CHAIN category "手机"\n    SUGGEST_BRANDS')
    panel.action_list.list.setCurrentRow(0)
    panel.action_list.move_current(1)
    assert rule_text(editor_text(shop), "choose_phone").endswith(
        'THEN\n    ADD_TO_CHAIN category "手机"\n    SET_STAGE "brand_select"\n    SUGGEST_BRANDS')


def test_and_or_groups_nest_in_parentheses(shop):
    panel = show_rule(shop, "greet")
    top = panel.group_widget
    top.add_group()
    nested = next(top.group_widgets())
    assert isinstance(nested, GroupWidget) and nested.group.op == "OR"
    nested.add_row()
    second = list(nested.row_widgets())[1]
    second.kind.setCurrentIndex(second.kind.findData("USER_MENTIONS"))
    second.kind.activated.emit(second.kind.currentIndex())
    assert rule_text(editor_text(shop), "greet").splitlines()[1] == \
        "WHEN INTENT_IS greeting AND (INTENT_IS product_query OR USER_MENTIONS category)"
    nested.not_button.click()
    top.op.setCurrentIndex(top.op.findData("OR"))
    top.op.activated.emit(top.op.currentIndex())
    assert rule_text(editor_text(shop), "greet").splitlines()[1] == \
        "WHEN INTENT_IS greeting OR NOT (INTENT_IS product_query OR USER_MENTIONS category)"


def test_changing_the_priority_is_one_undo_step(shop):
    panel = show_rule(shop, "greet")
    before = editor_text(shop)
    panel.priority_spin.setValue(7)
    assert rule_text(editor_text(shop), "greet") == 'RULE greet\n    PRIORITY 7\nWHEN INTENT_IS greeting\nTHEN\n' \
                                                    '    RESPOND "你好！想看看什么？"'
    shop.tabs.editor(SHOP).document().undo()
    assert editor_text(shop) == before


def test_comments_in_and_around_the_rule_stay_where_they_were(commented):
    panel = show_rule(commented, "greet")
    panel.name_edit.setText("greet_customer")
    panel.name_edit.editingFinished.emit()
    panel.priority_spin.setValue(6)
    assert editor_text(commented) == COMMENTED_DSL.replace("RULE greet\n    PRIORITY 5", "RULE greet_customer\n"
                                                                                         "    PRIORITY 6")
    commented.tabs.editor(SHOP).document().undo()   # each change is its own undo step
    assert editor_text(commented) == COMMENTED_DSL.replace("RULE greet\n", "RULE greet_customer\n")
    commented.tabs.editor(SHOP).document().undo()
    assert editor_text(commented) == COMMENTED_DSL


def test_a_diagnostic_shows_on_its_row(commented, qtbot):
    wait_analysis(qtbot, commented)
    panel = show_rule(commented, "unknown")
    panel._show_diagnostics()
    intent_row, budget_row = panel.group_widget.row_widgets()
    assert [d.code for d in intent_row.diagnostics] == ["E110"]
    assert budget_row.diagnostics == []
    assert "E110" in intent_row.diagnostics_label.text() and not intent_row.diagnostics_label.isHidden()


def test_a_new_analysis_places_its_diagnostics_without_parsing_the_rule_file_again(commented, qtbot, monkeypatch):
    wait_analysis(qtbot, commented)
    panel = show_rule(commented, "unknown")
    import studio.ui.rule_form.panel as panel_module
    parsed = []
    monkeypatch.setattr(panel_module, "parse", lambda text, rel: parsed.append(rel) or parse(text, rel))
    panel._analysis_finished(commented.workspace.analysis)   # the analysis parsed this very text already
    intent_row, _budget_row = panel.group_widget.row_widgets()
    assert [d.code for d in intent_row.diagnostics] == ["E110"]
    assert parsed == []


def test_a_new_rule_takes_the_project_rules_from_the_current_analysis_without_parsing_them_again(
        commented, qtbot, monkeypatch):
    wait_analysis(qtbot, commented)
    import studio.ui.rule_form.panel as panel_module
    parsed = []
    monkeypatch.setattr(panel_module, "parse", lambda text, rel: parsed.append(rel) or parse(text, rel))
    panel = commented.rule_form
    panel.open_new_rule(Prefill(intent="greeting"))
    assert panel.is_new and panel.form.name == "greeting_rule"
    assert parsed == []


def test_building_a_rule_from_scratch_inserts_it_above_the_fallback(commented, qtbot):
    panel = commented.rule_form
    commented.tabs.open_file(SHOP)
    before = editor_text(commented)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert panel.is_new and not panel.insert_bar.isHidden()
    panel.name_edit.setText("ask_budget")
    panel.name_edit.editingFinished.emit()
    panel.priority_spin.setValue(-5)
    (row,) = panel.group_widget.row_widgets()
    assert (row.row.kind, row.row.args) == ("INTENT_IS", ["greeting"])   # the first declared intent
    row.kind.setCurrentIndex(row.kind.findData("CONTEXT_HAS"))
    row.kind.activated.emit(row.kind.currentIndex())
    row.kind.setCurrentIndex(row.kind.findData("INTENT_IS"))
    row.kind.activated.emit(row.kind.currentIndex())
    row.fields[0].setCurrentText("greeting")
    row.fields[0].activated.emit(0)
    panel.action_list.list.setCurrentRow(0)
    (reply,) = panel.action_list.current_fields()
    reply.setText("您的预算是多少？")
    reply.editingFinished.emit()
    panel.action_list.add("SUGGEST_CATEGORIES")
    assert editor_text(commented) == before   # nothing is written before Insert
    with qtbot.waitSignal(panel.rule_inserted) as inserted:
        qtbot.mouseClick(panel.insert_button, Qt.MouseButton.LeftButton)
    new_rule = ('RULE ask_budget\n    PRIORITY -5\nWHEN INTENT_IS greeting\nTHEN\n    RESPOND "您的预算是多少？"\n'
                '    SUGGEST_CATEGORIES\n\n')
    assert editor_text(commented) == before.replace("RULE fallback\n", new_rule + "RULE fallback\n")
    assert inserted.args == [SHOP, before[:before.index("RULE fallback")].count("\n") + 1, "ask_budget"]
    assert not panel.is_new and panel.form.name == "ask_budget"
    commented.tabs.editor(SHOP).document().undo()
    assert editor_text(commented) == before


def test_open_new_rule_is_prefilled_for_the_chat_tester(shop, qtbot):
    panel = shop.rule_form
    shop.tabs.open_file(SHOP)
    panel.open_new_rule(Prefill(intent="greeting", stage="welcome", mentions=("你好", "hi")))
    assert panel.form.name == "greeting_rule"
    assert [(w.row.kind, w.row.args) for w in panel.group_widget.row_widgets()] == [
        ("INTENT_IS", ["greeting"]), ("CONTEXT_STAGE_IS", ["welcome"]), ("USER_MENTION_ANY", ["你好|hi"])]
    chips = list(panel.group_widget.row_widgets())[2].fields[0]
    assert chips.words() == ["你好", "hi"]
    chips.chips[1].remove_button.click()
    assert panel.form.rows()[2].args == ["你好"]
    file, line, name = panel.insert_new_rule()
    text = editor_text(shop)
    assert (file, name) == (SHOP, "greeting_rule")
    assert text.splitlines()[line - 1] == "RULE greeting_rule"
    names = [r.name.text for r in parse(text, SHOP).program.rules]
    assert names.index("greeting_rule") == names.index("fallback") - 1
    assert 'WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "welcome" AND USER_MENTION_ANY "你好"' in text


def test_ctrl_shift_g_brings_the_form_of_the_rule_under_the_cursor_and_edit_as_text_goes_back(shop):
    panel = shop.rule_form
    shop.tabs.go_to(SHOP, SHOP_DSL.splitlines().index('    RESPOND "你好！想看看什么？"') + 1, 5)
    shop.chat_dock.raise_()
    assert panel.visibleRegion().isEmpty()
    assert panel.toggle_action.shortcut().toString() == "Ctrl+Shift+G"
    assert panel.toggle_action in shop.view_menu.actions()
    panel.toggle_action.trigger()
    assert not panel.visibleRegion().isEmpty() and panel.form.name == "greet"
    editor = shop.tabs.editor(SHOP)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    panel.text_button.click()
    assert editor.textCursor().blockNumber() + 1 == SHOP_DSL.splitlines().index("RULE greet") + 1


def test_names_typed_into_the_form_stay_names(shop, qtbot):
    panel = show_rule(shop, "greet")
    panel.name_edit.selectAll()
    qtbot.keyClicks(panel.name_edit, "greet again!")
    assert panel.name_edit.text() == "greetagain"   # a space or a "!" would break the text: not taken
    (intent,) = next(panel.group_widget.row_widgets()).fields
    intent.lineEdit().selectAll()
    qtbot.keyClicks(intent.lineEdit(), "9 hello")   # (QTest types ASCII only)
    assert intent.currentText() == "hello"


def test_an_emptied_name_field_is_not_written(shop, qtbot):
    panel = show_rule(shop, "greet")
    before = editor_text(shop)
    (intent,) = next(panel.group_widget.row_widgets()).fields
    intent.lineEdit().clear()
    qtbot.keyClick(intent.lineEdit(), Qt.Key.Key_Return)
    assert editor_text(shop) == before


def test_a_rule_the_form_leaves_unparsable_shows_why_on_top(shop, qtbot):
    panel = show_rule(shop, "pick_brand")
    row = next(panel.group_widget.row_widgets())
    row.vocabulary = Vocabulary()   # as in a project that declares no intent: nothing to choose
    row.kind.setCurrentIndex(row.kind.findData("INTENT_IS"))
    row.kind.activated.emit(row.kind.currentIndex())
    assert "WHEN INTENT_IS  AND USER_MENTIONS brand\n" in editor_text(shop)
    shop.tabs.flush()
    wait_analysis(qtbot, shop)
    assert panel.form.name == "pick_brand"   # the form stays on the rule it is writing
    assert "E100" in panel.rule_diagnostics.text() and not panel.rule_diagnostics.isHidden()


def when_line(window, name: str) -> str:
    return next(line for line in rule_text(editor_text(window), name).splitlines() if line.startswith("WHEN "))


def move(widget, how: str) -> None:
    """Choose a move in the row's (or group's) menu, as the analyst does."""
    widget.menu.aboutToShow.emit()
    action = widget.move_action(how)
    assert action.isEnabled()
    action.trigger()


def test_rows_and_groups_move_up_down_into_and_out_of_groups_each_one_undo_step(shop):
    panel = show_rule(shop, "choose_phone")
    before = editor_text(shop)
    top = panel.group_widget
    intent, mention = top.row_widgets()
    move(mention, "up")
    assert when_line(shop, "choose_phone") == 'WHEN USER_MENTION_ANY "手机" AND INTENT_IS product_query'
    top = panel.group_widget
    group = top.add_group()
    nested = next(top.group_widgets())
    (greeting,) = nested.row_widgets()
    greeting.fields[0].setCurrentText("greeting")
    greeting.fields[0].activated.emit(0)
    intent = list(top.row_widgets())[1]
    assert intent.row.kind == "INTENT_IS"
    intent.menu.aboutToShow.emit()
    assert not intent.move_action("into_above").isEnabled() and not intent.move_action("out").isEnabled()
    move(intent, "into_below")
    assert when_line(shop, "choose_phone") == \
        'WHEN USER_MENTION_ANY "手机" AND (INTENT_IS product_query OR INTENT_IS greeting)'
    nested = next(panel.group_widget.group_widgets())
    assert nested.group is group and [w.row.args for w in nested.row_widgets()] == [["product_query"], ["greeting"]]
    move(nested, "up")
    assert when_line(shop, "choose_phone") == \
        'WHEN (INTENT_IS product_query OR INTENT_IS greeting) AND USER_MENTION_ANY "手机"'
    greeting = list(next(panel.group_widget.group_widgets()).row_widgets())[1]
    move(greeting, "out")   # the last row of a group goes below it
    assert when_line(shop, "choose_phone") == \
        'WHEN INTENT_IS product_query AND INTENT_IS greeting AND USER_MENTION_ANY "手机"'
    greeting = list(panel.group_widget.row_widgets())[1]
    assert greeting.row.args == ["greeting"]
    move(greeting, "into_above")
    assert when_line(shop, "choose_phone") == \
        'WHEN (INTENT_IS product_query OR INTENT_IS greeting) AND USER_MENTION_ANY "手机"'
    document = shop.tabs.editor(SHOP).document()
    for _ in range(7):   # 5 moves, the intent chosen, the group added: one undo step each
        document.undo()
    assert editor_text(shop) == before


def test_a_move_keeps_the_keyboard_on_the_moved_row(shop, qtbot):
    panel = show_rule(shop, "choose_phone")
    mention = list(panel.group_widget.row_widgets())[1]
    mention.menu_button.setFocus()
    move(mention, "up")
    moved = next(panel.group_widget.row_widgets())
    assert moved.row.kind == "USER_MENTION_ANY"
    qtbot.waitUntil(lambda: moved.menu_button.hasFocus())


def test_new_choices_arrive_with_the_analysis_without_losing_what_is_being_typed(shop, qtbot):
    panel = show_rule(shop, "choose_phone")
    intent = next(panel.group_widget.row_widgets()).fields[0]
    panel.action_list.list.setCurrentRow(2)
    (stage,) = panel.action_list.current_fields()
    assert "farewell" not in [intent.itemText(i) for i in range(intent.count())]
    stage.lineEdit().setFocus()
    stage.lineEdit().selectAll()
    qtbot.keyClicks(stage.lineEdit(), "series_se")   # not finished: nothing written yet
    before = editor_text(shop)
    extra = EXTRA_DSL.replace("SUGGEST_SERIES", 'SUGGEST_SERIES\n    SET_STAGE "farewell_stage"')
    with qtbot.waitSignal(shop.workspace.analysis_finished, timeout=5000):   # another file changed
        shop.workspace.set_buffer("rules/extra.dsl", 'INTENT farewell "告别"\n\n' + extra)
    wait_analysis(qtbot, shop)
    assert "farewell" in [intent.itemText(i) for i in range(intent.count())]
    assert intent.currentText() == "product_query"
    assert panel.action_list.current_fields() == [stage]   # the same field, still being typed in
    assert "farewell_stage" in [stage.itemText(i) for i in range(stage.count())]
    assert stage.lineEdit().text() == "series_se" and stage.lineEdit().hasFocus()
    assert editor_text(shop) == before
    qtbot.keyClicks(stage.lineEdit(), "lect")
    qtbot.keyClick(stage.lineEdit(), Qt.Key.Key_Return)
    assert '    SET_STAGE "series_select"\n\nRULE pick_brand' in editor_text(shop)


def test_a_rule_without_priority_shows_none_and_a_number_writes_the_line_clearing_removes_it(shop, qtbot):
    panel = show_rule(shop, "greet")
    spin = panel.priority_spin
    assert spin.text() == "(none)"
    before = editor_text(shop)
    spin.stepUp()
    assert rule_text(editor_text(shop), "greet").startswith("RULE greet\n    PRIORITY 1\nWHEN INTENT_IS greeting\n")
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "12")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert rule_text(editor_text(shop), "greet").startswith("RULE greet\n    PRIORITY 12\nWHEN")
    spin.lineEdit().selectAll()
    qtbot.keyClick(spin, Qt.Key.Key_Delete)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert editor_text(shop) == before and spin.text() == "(none)"
    assert panel.form.priority is None
    document = shop.tabs.editor(SHOP).document()
    document.undo()
    assert "RULE greet\n    PRIORITY 12\n" in editor_text(shop)
    show_rule(shop, "choose_phone")
    assert spin.value() == 5 and spin.text() == "5"


def test_a_step_down_from_none_and_from_the_lowest_number_stays_a_number(shop):
    panel = show_rule(shop, "greet")
    panel.priority_spin.stepDown()
    assert "RULE greet\n    PRIORITY -1\n" in editor_text(shop)
    panel.priority_spin.setValue(-1_000_000_000)
    panel.priority_spin.stepDown()
    assert panel.form.priority == -1_000_000_000


def visible_windows(window):
    from PySide6.QtWidgets import QApplication
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]


def test_fields_replaced_before_they_were_shown_never_show_as_windows(shop):
    from PySide6.QtCore import QCoreApplication
    panel = show_rule(shop, "choose_phone")
    panel.action_list.list.setCurrentRow(0)
    panel.action_list.add("RESPOND")   # the editor's fields are made twice in a row
    panel.action_list.list.setCurrentRow(1)
    row = next(panel.group_widget.row_widgets())
    row.kind.setCurrentIndex(row.kind.findData("CONTEXT_EQ"))
    row.kind.activated.emit(row.kind.currentIndex())
    row.kind.setCurrentIndex(row.kind.findData("USER_MENTION_ANY"))
    row.kind.activated.emit(row.kind.currentIndex())
    row.fields[0].add_word("华为")
    row.fields[0].chips[0].remove_button.click()
    panel.group_widget.add_row()
    QCoreApplication.processEvents()   # the queued shows of the widgets laid out above (no DeferredDelete yet)
    assert visible_windows(shop) == []


def focused_in(panel):
    """The form's widget holding the keyboard focus (a combo box or spin box for their inner line edit)."""
    from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox
    widget = QApplication.focusWidget()
    parent = widget.parentWidget() if widget is not None else None
    return parent if isinstance(parent, (QComboBox, QSpinBox)) else widget


def test_tab_goes_through_the_form_in_reading_order_also_after_it_was_rebuilt(shop, qtbot):
    panel = show_rule(shop, "choose_phone")
    panel.action_list.list.setCurrentRow(1)
    panel.action_list.list.setCurrentRow(0)   # the action editor's fields made anew, after everything else
    top = panel.group_widget
    intent, mention = top.row_widgets()
    chips = mention.fields[0]
    actions = panel.action_list
    expected = [panel.priority_spin, top.not_button, top.op, top.add_row_button, top.add_group_button,
                intent.not_button, intent.kind, intent.fields[0], intent.menu_button, intent.remove_button,
                mention.not_button, mention.kind, mention.menu_button, mention.remove_button,
                chips.chips[0].edit, chips.chips[0].remove_button, chips.adder,
                actions.list, actions.add_kind, actions.up_button, actions.down_button, actions.remove_button,
                actions.kind, *actions.fields]
    qtbot.waitUntil(lambda: all(widget.isVisible() for widget in expected))   # (Qt shows new widgets soon after)
    panel.name_edit.setFocus()
    qtbot.waitUntil(lambda: focused_in(panel) is panel.name_edit)
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(focused_in(panel))
    assert seen == expected
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert focused_in(panel) is expected[-2]


def test_every_sample_rule_fits_the_docks_width_without_scrolling_sideways(make_window, tmp_path,  # noqa: F811
                                                                           qtbot, qapp):
    from PySide6.QtCore import QLocale
    from studio.ui.app import install_translations, remove_translations
    from tests.ui.studio_fixtures import copy_sample
    translators = install_translations(qapp, QLocale("zh_CN"))
    try:
        window = make_window(copy_sample(tmp_path / "sample"))
        rel = "rules/ecommerce.dsl"
        panel = window.rule_form
        text = window.tabs.open_file(rel).editor.toPlainText()
        panel.reveal()
        widths = {}
        for rule in parse(text, rel).program.rules:
            window.tabs.go_to(rel, rule.span.line, 3)
            panel.follow()
            QApplication.processEvents()   # the new rows shown (Qt queues that), then laid out
            widths[rule.name.text] = panel.body.minimumSizeHint().width()
        # the dock's width in a 1440×900 window (the form's own default) leaves about 460 pixels to the form
        assert {name: width for name, width in widths.items() if width > 460} == {}
        window.resizeDocks([panel.dock], [480], Qt.Orientation.Horizontal)   # as under Xvfb
        show_rule(window, "subtype_not_understood", rel)
        QApplication.processEvents()
        variable, value = list(panel.group_widget.row_widgets())[1].fields
        assert variable.currentText() == "current_category"   # a long name gets the room it needs, when there is
        assert variable.lineEdit().width() >= variable.fontMetrics().horizontalAdvance("current_category")
    finally:
        remove_translations(qapp, translators)


# Qt delivers drag events only during a real drag (QDrag.exec, which waits for the mouse), so these hand the
# events that Qt would send to the group's handlers themselves.

def drag_over(group_widget, y: int, dragged) -> bool:
    """Drag a row or group (by its ⋮ handle, what it carries) over `group_widget` at height `y`: accepted?"""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDragMoveEvent
    mime = dragged.menu_button.drag_data()   # (the event does not keep it alive)
    event = QDragMoveEvent(QPoint(group_widget.width() // 2, y), Qt.DropAction.MoveAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    group_widget.dragMoveEvent(event)
    return event.isAccepted()


def drop(group_widget, y: int, dragged) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent
    assert drag_over(group_widget, y, dragged) and group_widget.drop_line.isVisibleTo(group_widget)
    mime = dragged.menu_button.drag_data()
    group_widget.dropEvent(QDropEvent(QPointF(group_widget.width() / 2, y), Qt.DropAction.MoveAction, mime,
                                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert not group_widget.drop_line.isVisibleTo(group_widget)


def test_dragging_a_row_by_its_handle_drops_it_between_the_rows_of_any_group(shop, qtbot):
    panel = show_rule(shop, "choose_phone")
    before = editor_text(shop)
    panel.group_widget.add_group()
    QApplication.processEvents()   # laid out: the drop finds the gap under the cursor
    top = panel.group_widget
    nested = next(top.group_widgets())
    intent, mention, _in_group = top.row_widgets()
    (in_group,) = nested.row_widgets()
    drop(nested, in_group.geometry().bottom() - 2, mention)   # on the lower half of the group's row: below it
    assert when_line(shop, "choose_phone") == \
        'WHEN INTENT_IS product_query AND (INTENT_IS product_query OR USER_MENTION_ANY "手机")'
    QApplication.processEvents()
    top = panel.group_widget
    nested = next(top.group_widgets())
    assert not drag_over(nested, 5, nested)   # a group does not go into itself (the group around it takes it)
    intent = next(top.row_widgets())
    below = top.childAt(top.width() // 2, top.height() - 1)
    assert below is None or not (below is nested or nested.isAncestorOf(below))   # room to drop after the group
    drop(top, top.height() - 1, intent)   # below everything
    assert when_line(shop, "choose_phone") == \
        'WHEN (INTENT_IS product_query OR USER_MENTION_ANY "手机") AND INTENT_IS product_query'
    moved = list(panel.group_widget.row_widgets())[-1]
    qtbot.waitUntil(lambda: moved.menu_button.hasFocus())
    document = shop.tabs.editor(SHOP).document()
    for _ in range(3):   # two drops, the group added
        document.undo()
    assert editor_text(shop) == before


def test_a_click_on_the_handle_opens_the_moves_menu(shop, qtbot):
    from PySide6.QtCore import QTimer
    panel = show_rule(shop, "choose_phone")
    mention = list(panel.group_widget.row_widgets())[1]
    opened = []
    mention.menu.aboutToShow.connect(lambda: opened.append(True))
    QTimer.singleShot(0, mention.menu.close)
    qtbot.mouseClick(mention.menu_button, Qt.MouseButton.LeftButton)
    assert opened and mention.move_action("up").isEnabled() and not mention.move_action("down").isEnabled()


def test_a_drop_during_the_drag_waits_for_the_drag_to_return_before_remaking_the_rows(shop):
    panel = show_rule(shop, "choose_phone")
    top = panel.group_widget
    intent, mention = top.row_widgets()
    before = editor_text(shop)
    top.dragging = True   # as while QDrag.exec() runs, in its own event loop, with the handle on the stack
    drop(top, 1, mention)
    assert editor_text(shop) == before and list(top.row_widgets()) == [intent, mention]   # not remade yet
    top.dragging = False   # exec() returned to the handle
    top.apply_pending_drop()
    assert when_line(shop, "choose_phone") == 'WHEN USER_MENTION_ANY "手机" AND INTENT_IS product_query'


def test_a_number_typed_beside_none_replaces_it(shop, qtbot):
    panel = show_rule(shop, "greet")
    spin = panel.priority_spin
    spin.lineEdit().deselect()
    spin.lineEdit().end(False)   # a click at the end of （无）/(none) puts the cursor there
    qtbot.keyClicks(spin, "7")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert "RULE greet\n    PRIORITY 7\n" in editor_text(shop) and spin.text() == "7"


def test_a_slot_is_named_in_the_readers_words_and_written_as_the_dsl_word(shop):
    panel = show_rule(shop, "choose_phone")
    panel.action_list.list.setCurrentRow(0)   # ADD_TO_CHAIN category "手机"
    slot, _value = panel.action_list.current_fields()
    assert (slot.currentText(), slot.value()) == ("Category", "category")
    assert [slot.itemText(i) for i in range(slot.count())] == ["Category", "Subtype", "Brand", "Series"]
    before = editor_text(shop)
    slot.setCurrentIndex(slot.findData("brand"))
    slot.activated.emit(slot.currentIndex())
    assert editor_text(shop) == before.replace('ADD_TO_CHAIN category "手机"', 'ADD_TO_CHAIN brand "手机"', 1)


def test_a_new_rules_empty_reply_says_what_to_write(shop):
    panel = shop.rule_form
    panel.reveal()
    panel.open_new_rule(Prefill(intent="greeting"))
    panel.action_list.list.setCurrentRow(0)   # RESPOND ""
    (reply,) = panel.action_list.current_fields()
    from PySide6.QtWidgets import QLineEdit
    line = reply if isinstance(reply, QLineEdit) else reply.lineEdit()
    assert line.text() == "" and "{current_brand}" in line.placeholderText()
