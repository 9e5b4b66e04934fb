""""Save as test": the conversation becomes conversations/<name>.yaml that `rule-studio test` passes."""
from __future__ import annotations

import io

from ruamel.yaml import YAML

from studio.cli import test_cmd
from studio.ui.chat.save_test import salient_piece
from tests.ui.chat.chat_helpers import say, type_text


def run_cli(root) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = test_cmd.run(str(root), "text", None, False, out, err)
    return code, out.getvalue() + err.getvalue()


def open_save_dialog(qtbot, chat):
    with qtbot.waitSignal(chat.dialog_opened) as opened:
        chat.save_test_action.trigger()
    return opened.args[0]


def test_saved_conversation_passes_rule_studio_test(qtbot, chat, sample_project):
    for message in ("你好", "我想买个手机", "苹果", "iPhone 16", "好的"):
        say(qtbot, chat, message)
    dialog = open_save_dialog(qtbot, chat)
    text = dialog.editor.toPlainText()
    data = YAML(typ="safe").load(text)
    assert data["name"] == "conversation" and "start" not in data and "llm" not in data
    opening, *turns = data["turns"]
    assert opening == {"opening": {"expect": {"intent": None, "rule": "opening_greeting", "stage": "welcome",
                                              "product_chain": [], "reply_contains": "想看看手机"}}}
    assert [t["user"] for t in turns] == ["你好", "我想买个手机", "苹果", "iPhone 16", "好的"]
    third = turns[2]["expect"]
    assert third == {"intent": None, "rule": "choose_brand", "stage": "series_select",
                     "product_chain": [["category", "手机"], ["brand", "苹果"]],
                     "reply_contains": third["reply_contains"]}
    assert third["reply_contains"] in chat.turns[2].result.reply
    assert "我想买个手机" in text and "\\u" not in text            # Chinese stays readable
    assert "product_chain: [[category, 手机], [brand, 苹果]]" in text

    dialog.file_edit.setText("手机选购")
    with qtbot.waitSignal(chat.test_saved) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert saved.args == ["conversations/手机选购.yaml"]
    path = sample_project / "conversations" / "手机选购.yaml"
    assert path.read_text(encoding="utf-8") == text.replace("name: conversation", "name: 手机选购", 1)
    code, output = run_cli(sample_project)
    assert code == 0, output
    assert "PASS 手机选购 (conversations/手机选购.yaml, 5 turns)" in output


def test_invalid_yaml_is_refused_with_file_and_line(qtbot, chat, sample_project):
    say(qtbot, chat, "你好")
    dialog = open_save_dialog(qtbot, chat)
    dialog.file_edit.setText("broken")
    dialog.editor.setPlainText("name: x\nturns:\n  - user: 你好\n    expect: {intent: greeting\n")
    assert not dialog.save()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("conversations/broken.yaml:")
    dialog.editor.setPlainText("name: x\nturns:\n  - user: 你好\n    expect: {colour: red}\n")
    assert not dialog.save()
    assert dialog.error_label.text().startswith("conversations/broken.yaml:4:")
    assert "unknown expectation 'colour'" in dialog.error_label.text()
    assert not (sample_project / "conversations" / "broken.yaml").exists()
    dialog.reject()


def test_mid_flow_conversation_is_saved_with_its_start(qtbot, chat, sample_project):
    chat.start_from("brand_select", {"current_category": "手机", "budget_range": "5000以内"})
    say(qtbot, chat, "华为")
    say(qtbot, chat, "Mate 70")
    dialog = open_save_dialog(qtbot, chat)
    data = YAML(typ="safe").load(dialog.editor.toPlainText())
    assert data["start"] == {"stage": "brand_select",
                             "context": {"current_category": "手机", "budget_range": "5000以内"}}
    assert data["turns"][1]["expect"]["stage"] == "confirm_order"
    assert dialog.save()
    code, output = run_cli(sample_project)
    assert code == 0, output


def test_existing_file_is_not_overwritten_without_asking(qtbot, chat, sample_project):
    say(qtbot, chat, "你好")
    dialog = open_save_dialog(qtbot, chat)
    target = sample_project / "conversations" / "keep.yaml"
    target.write_text("name: keep\nturns:\n  - user: hi\n", encoding="utf-8")
    dialog.file_edit.setText("keep")
    assert not dialog.save()
    assert "already exists" in dialog.error_label.text()
    assert target.read_text(encoding="utf-8").startswith("name: keep")
    dialog.confirm_overwrite = lambda rel: True
    assert dialog.save()
    assert "greet_new_customer" in target.read_text(encoding="utf-8")


def test_salient_piece_prefers_a_clause_naming_the_knowledge():
    reply = "好的，为您挑选手机。\n手机的品牌有：\n1. 苹果 — 适合摄影"
    assert salient_piece(reply, ["苹果", "手机"]) == "为您挑选手机"
    assert salient_piece("已将 苹果 iPhone 16 加入购物车 🛒", ["iPhone 16", "苹果"]) == "已将 苹果 iPhone 16 加入购物车 🛒"
    assert salient_piece("您想看哪类产品呢？", []) == "您想看哪类产品呢"
    assert salient_piece("", ["x"]) == ""


def test_the_chosen_file_name_becomes_the_tests_name(qtbot, chat, sample_project):
    say(qtbot, chat, "你好")
    dialog = open_save_dialog(qtbot, chat)
    dialog.file_edit.selectAll()
    type_text(qtbot, dialog.file_edit, "问候 test")
    assert YAML(typ="safe").load(dialog.editor.toPlainText())["name"] == "问候 test"
    assert dialog.save()
    saved = YAML(typ="safe").load((sample_project / "conversations" / "问候 test.yaml").read_text(encoding="utf-8"))
    assert saved["name"] == "问候 test"
    code, output = run_cli(sample_project)
    assert code == 0 and "PASS 问候 test (conversations/问候 test.yaml, 1 turn" in output, output


def test_a_name_typed_into_the_yaml_is_kept_when_the_file_name_changes(qtbot, chat, sample_project):
    say(qtbot, chat, "你好")
    dialog = open_save_dialog(qtbot, chat)
    dialog.editor.setPlainText(dialog.editor.toPlainText().replace("name: conversation", "name: 我的名字", 1))
    dialog.file_edit.setText("greeting")
    assert YAML(typ="safe").load(dialog.editor.toPlainText())["name"] == "我的名字"
    dialog.reject()
