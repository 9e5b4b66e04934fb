"""The preview of generated tests: the standard dialog lists each rule with its conversation, checked;
unchecked rules are left out. Without a display nothing is written."""
from __future__ import annotations

from PySide6.QtCore import Qt

from studio.ui.generate_tests import GeneratedTestsDialog
from studio.ui.prompts import HeadlessPrompts

ITEMS = [("greet", ("你好",)), ("pick_brand", ("你好", "苹果"))]


def test_the_preview_lists_each_rule_with_its_conversation_all_checked(qtbot):
    dialog = GeneratedTestsDialog(ITEMS)
    qtbot.addWidget(dialog)
    rows = [(dialog.tree.topLevelItem(i).text(0), dialog.tree.topLevelItem(i).text(1))
            for i in range(dialog.tree.topLevelItemCount())]
    assert rows == [("greet", "你好"), ("pick_brand", "你好 → 苹果")]
    assert dialog.chosen_rules() == ["greet", "pick_brand"]


def test_an_unchecked_rule_is_left_out(qtbot):
    dialog = GeneratedTestsDialog(ITEMS)
    qtbot.addWidget(dialog)
    dialog.tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.chosen_rules() == ["pick_brand"]


def test_headless_prompts_write_no_generated_tests(capsys):
    assert HeadlessPrompts().confirm_generated_tests(None, ITEMS) is None
    assert "generate tests: none of 2 written" in capsys.readouterr().err
