"""Renaming a brand offers to rename it in the rules: preview, apply as one undo step, undo."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.knowledge.knowledge_helpers import RULES, snapshot, type_text

RULE_FILE = "rules/shop.dsl"


def rename_in_form(qtbot, panel, path, new):
    panel.select_path(path)
    edit = panel.form.name_edit
    edit.setFocus()
    edit.selectAll()
    with qtbot.waitSignal(panel.rename_preview_opened) as opened:
        type_text(edit, new)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    return opened.args[0]


def test_preview_lists_typed_place_alternative_and_list_item_only(panel, qtbot):
    dialog = rename_in_form(qtbot, panel, (0, 0), "Apple")     # 手机 › 苹果
    assert dialog.isVisible()
    rows = [dialog.list.topLevelItem(r) for r in range(dialog.list.topLevelItemCount())]
    assert [r.text(0) for r in rows] == [f"{RULE_FILE}:5:24", f"{RULE_FILE}:7:25", f"{RULE_FILE}:8:17",
                                         f"{RULE_FILE}:11:32"]
    assert rows[1].text(2) == 'ADD_TO_CHAIN brand "苹果"'
    assert rows[1].text(3) == 'ADD_TO_CHAIN brand "Apple"'
    assert rows[2].text(3) == 'RESPOND "我们有Apple、华为、小米等品牌。"'
    assert all("苹果派" not in r.text(3) for r in rows)                   # a longer word is left alone
    assert "苹果" in panel.model.knowledge.categories["手机"].brands      # nothing happened yet
    qtbot.mouseClick(dialog.rules_too_button, Qt.MouseButton.LeftButton)


def test_apply_renames_brand_and_rules_as_one_step_and_undo_restores(panel, workspace, qtbot):
    before_knowledge = snapshot(workspace.knowledge)
    before_texts = workspace.rule_texts()
    dialog = rename_in_form(qtbot, panel, (0, 0), "Apple")
    dialog.set_checked(2, False)                                        # keep the RESPOND list as is
    with qtbot.waitSignal(panel.knowledge_edited):
        qtbot.mouseClick(dialog.rules_too_button, Qt.MouseButton.LeftButton)
    assert list(workspace.knowledge.categories["手机"].brands) == ["Apple", "华为", "小米"]
    text = workspace.rule_texts()[RULE_FILE]
    assert 'USER_MENTION_ANY "Apple|苹果手机|iphone"' in text
    assert 'ADD_TO_CHAIN brand "Apple"' in text
    assert 'CONTEXT_EQ current_brand "Apple"' in text
    assert 'RESPOND "我们有苹果、华为、小米等品牌。"' in text
    assert "苹果派" in text
    assert panel.undo_stack.count() == 1

    panel.undo_action.trigger()
    assert workspace.rule_texts() == before_texts
    assert snapshot(workspace.knowledge) == before_knowledge
    panel.redo_action.trigger()
    assert workspace.rule_texts()[RULE_FILE] == text
    assert "Apple" in workspace.knowledge.categories["手机"].brands


def test_only_in_the_knowledge_leaves_the_rules(panel, workspace, qtbot):
    dialog = rename_in_form(qtbot, panel, (0, 1), "HUAWEI 华为")       # 手机 › 华为
    qtbot.mouseClick(dialog.knowledge_only_button, Qt.MouseButton.LeftButton)
    assert "HUAWEI 华为" in workspace.knowledge.categories["手机"].brands
    assert workspace.rule_texts()[RULE_FILE] == RULES
    assert panel.undo_stack.count() == 1


def test_cancel_changes_nothing_and_the_form_shows_the_name_again(panel, workspace, qtbot):
    before = snapshot(workspace.knowledge)
    dialog = rename_in_form(qtbot, panel, (0, 0), "Apple")
    dialog.reject()
    assert snapshot(workspace.knowledge) == before
    assert workspace.rule_texts()[RULE_FILE] == RULES
    assert panel.form.name_edit.text() == "苹果" and panel.undo_stack.count() == 0


def test_brand_in_two_categories_is_flagged_in_the_preview(panel, qtbot):
    from PySide6.QtWidgets import QLabel

    dialog = rename_in_form(qtbot, panel, (0, 1), "HUAWEI")            # 华为 is in 电脑 too
    warning = dialog.findChild(QLabel, "rename-brand-warning")
    assert warning is not None and "电脑" in warning.text()
    dialog.reject()


def test_a_brand_the_rules_do_not_name_is_renamed_at_once(panel, workspace, qtbot):
    opened = []
    panel.rename_preview_opened.connect(opened.append)
    panel.select_path((1, 0))                                           # 电脑 › 联想
    panel.form.name_edit.setFocus()
    panel.form.name_edit.selectAll()
    type_text(panel.form.name_edit, "Lenovo")
    qtbot.keyClick(panel.form.name_edit, Qt.Key.Key_Return)
    assert not opened
    assert list(workspace.knowledge.categories["电脑"].brands) == ["Lenovo", "华为"]


def test_undo_leaves_a_rule_file_edited_since_alone(panel, workspace, qtbot):
    dialog = rename_in_form(qtbot, panel, (0, 0), "Apple")
    qtbot.mouseClick(dialog.rules_too_button, Qt.MouseButton.LeftButton)
    typed = workspace.rule_texts()[RULE_FILE] + "\n# typed afterwards\n"
    workspace.set_buffer(RULE_FILE, typed)
    panel.undo_action.trigger()
    assert "苹果" in workspace.knowledge.categories["手机"].brands
    assert workspace.rule_texts()[RULE_FILE] == typed


XIAOMI_TEST = """name: 选手机
turns:
  - user: 看看小米
    expect: {reply_contains: [小米]}
"""
LENOVO_TEST = """name: 电脑
turns:
  - user: 联想的笔记本
"""


def test_the_preview_keeps_the_old_name_as_an_alias_and_lists_the_tests_that_say_it(panel, workspace, project_dir,
                                                                                      qtbot):
    (project_dir / "conversations" / "xiaomi.yaml").write_text(XIAOMI_TEST, encoding="utf-8")
    dialog = rename_in_form(qtbot, panel, (0, 2), "Xiaomi")              # 手机 › 小米
    assert dialog.keep_alias_check.isChecked()
    rows = [dialog.tests_list.topLevelItem(r) for r in range(dialog.tests_list.topLevelItemCount())]
    assert [(r.text(0), r.text(1)) for r in rows] == [("conversations/xiaomi.yaml:3", "- user: 看看小米"),
                                                      ("conversations/xiaomi.yaml:4", "expect: {reply_contains: [小米]}")]
    qtbot.mouseClick(dialog.rules_too_button, Qt.MouseButton.LeftButton)
    brand = workspace.knowledge.categories["手机"].brands["Xiaomi"]
    assert brand.aliases == ["小米"]
    assert panel.undo_stack.count() == 1
    panel.undo_action.trigger()
    assert workspace.knowledge.categories["手机"].brands["小米"].aliases == []


def test_unchecking_keep_the_old_name_renames_without_an_alias(panel, workspace, project_dir, qtbot):
    (project_dir / "conversations" / "xiaomi.yaml").write_text(XIAOMI_TEST, encoding="utf-8")
    dialog = rename_in_form(qtbot, panel, (0, 2), "Xiaomi")
    dialog.keep_alias_check.setChecked(False)
    qtbot.mouseClick(dialog.knowledge_only_button, Qt.MouseButton.LeftButton)
    assert workspace.knowledge.categories["手机"].brands["Xiaomi"].aliases == []
    assert workspace.rule_texts()[RULE_FILE] == RULES


def test_a_brand_only_the_tests_name_still_gets_the_preview(panel, workspace, project_dir, qtbot):
    (project_dir / "conversations" / "lenovo.yaml").write_text(LENOVO_TEST, encoding="utf-8")
    dialog = rename_in_form(qtbot, panel, (1, 0), "Lenovo")              # 电脑 › 联想: no rule names it
    assert dialog.tests_list.topLevelItemCount() == 1
    assert not dialog.rules_too_button.isVisible() and not dialog.list.isVisible()
    qtbot.mouseClick(dialog.knowledge_only_button, Qt.MouseButton.LeftButton)
    assert workspace.knowledge.categories["电脑"].brands["Lenovo"].aliases == ["联想"]
