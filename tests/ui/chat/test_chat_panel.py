"""The chat tester on a copy of the sample project: a whole shopping conversation, the trace,
unsaved editor text, reset and start-from, the error banner, the message model."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.chat.chat_helpers import say, wait_analysis

from studio.ui.chat.messages import BOT, USER


def bot_rows(panel):
    return [m for m in panel.model.messages() if m.role == BOT]


def test_scripted_shopping_conversation_ends_in_the_cart(qtbot, chat, qtmodeltester):
    qtmodeltester.check(chat.model)
    qtmodeltester.check(chat.context_view.model)
    script = [("你好", "greet_new_customer"), ("我想买个手机", "choose_category"), ("苹果", "choose_brand"),
              ("iPhone 16", "choose_series"), ("好的", "add_to_cart")]
    for message, rule in script:
        payload = say(qtbot, chat, message)
        assert payload.result.rule == rule, (message, payload.trace)

    # every bot bubble says intent · source · rule
    bots = bot_rows(chat)
    assert [m.caption for m in bots] == [
        "opening → opening_greeting",   # the sample speaks first
        "greeting (keywords) → greet_new_customer", "product_query (keywords) → choose_category",
        "no intent (keywords) → choose_brand", "no intent (keywords) → choose_series",
        "confirmation (keywords) → add_to_cart"]
    assert "加入购物车" in bots[-1].text and not any(m.pending for m in chat.model.messages())
    assert [m.role for m in chat.model.messages()] == [BOT] + [USER, BOT] * 5

    ctx = chat.context_view.model
    assert ctx.text("current_stage") == "cart_added"
    assert ctx.text("product_chain") == "手机 → 苹果 → iPhone 16"
    assert ctx.text("cart") == "手机 -> 苹果 -> iPhone 16"
    assert ctx.text("sales_stage") == "7"
    assert "cart" in ctx.changed() and "current_stage" in ctx.changed()
    assert "product_chain" not in ctx.changed()     # chosen a turn earlier
    assert "Stage: cart_added" in chat.context_view.summary.text()
    qtmodeltester.check(chat.model)
    qtmodeltester.check(chat.context_view.model)


def test_trace_of_the_selected_turn_shows_the_fired_rule_and_failing_conditions(qtbot, chat):
    say(qtbot, chat, "你好")
    say(qtbot, chat, "我想买个手机")
    # the newest turn is selected: its trace shows
    assert chat.selected_turn() == 1
    fired = chat.trace_view.section_lines("fired")[0]
    assert fired.startswith("Fired: choose_category (rules/ecommerce.dsl:")
    tried = chat.trace_view.section_lines("attempts")
    # laptop_by_nickname (priority 42) was tried before and failed on its USER_MENTION_ANY
    assert any(line.startswith("✗ laptop_by_nickname — USER_MENTION_ANY") for line in tried), tried
    assert chat.trace_view.section_lines("intent")[0] == "Intent: product_query (keywords)"
    # rules that the index ruled out (by intent or stage) are grouped, folded, after the evaluated ones
    assert tried[-1].endswith("more ruled out by their intent or stage")
    skipped = chat.trace_view.section("attempts").child(len(tried) - 2)
    assert not skipped.isExpanded() and skipped.child(0).text(0).startswith("✗ restart_shopping — INTENT_IS restart")

    # selecting the first bot bubble shows the first turn's trace
    row = chat.model.row_of_turn(0)
    chat.view.setCurrentIndex(chat.model.index(row, 0))
    assert chat.trace_view.section_lines("fired")[0].startswith("Fired: greet_new_customer")
    assert "turn 1" in chat.trace_title.text()
    actions = chat.trace_view.section_lines("actions")
    assert 'SET_STAGE "category_select"' in actions


def test_unsaved_editor_text_drives_the_chat(qtbot, chat, workspace):
    assert say(qtbot, chat, "你好").result.rule == "greet_new_customer"
    rel = "rules/ecommerce.dsl"
    text = workspace.rule_texts()[rel].replace("您好！请问今天想看哪一类商品？", "哈喽！这里是改过的欢迎语")
    workspace.set_buffer(rel, text)          # as the editor tab does while typing: nothing saved
    wait_analysis(qtbot, workspace)
    chat.reset()
    payload = say(qtbot, chat, "你好")
    assert payload.result.reply.startswith("哈喽！这里是改过的欢迎语")
    assert "请问今天想看哪一类商品" in (workspace.project.root / rel).read_text(encoding="utf-8")   # the disk is unchanged


def test_reset_and_start_mid_flow(qtbot, chat):
    say(qtbot, chat, "你好")
    chat.reset()
    assert chat.turns == [] and chat.model.rowCount() == 1   # the opening bubble only
    assert chat.context_view.model.text("current_stage") == "welcome"

    chat.start_from("brand_select", {"current_category": "手机"})
    assert chat.context_view.model.text("product_chain") == "手机"
    payload = say(qtbot, chat, "华为")
    assert payload.result.rule == "choose_brand"
    assert [list(p) for p in payload.result.product_chain] == [["category", "手机"], ["brand", "华为"]]
    assert chat.model.message(0).role == "notice" and "brand_select" in chat.model.message(0).text


def test_start_from_dialog_sets_stage_and_variables(qtbot, chat):
    with qtbot.waitSignal(chat.dialog_opened) as opened:
        chat.start_action.trigger()
    dialog = opened.args[0]
    dialog.stage.setCurrentText("series_select")
    dialog.variables.setPlainText("current_category = 手机\ncurrent_brand：苹果\n")
    dialog.buttons.accepted.emit()
    assert chat.start_stage == "series_select"
    assert chat.start_variables == {"current_category": "手机", "current_brand": "苹果"}
    assert say(qtbot, chat, "iPhone 16 Pro").result.rule == "choose_series"


def test_start_from_dialog_refuses_values_of_the_wrong_shape_by_line(qtbot, chat):
    with qtbot.waitSignal(chat.dialog_opened) as opened:
        chat.start_action.trigger()
    dialog = opened.args[0]
    dialog.variables.setPlainText("current_category = 手机\nquery_count = abc\nproduct_chain = x\n")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and not dialog.error_label.isHidden()
    assert "line 2: query_count" in dialog.error_label.text()
    assert "line 3: product_chain" in dialog.error_label.text()
    assert chat.start_variables == {}


def test_start_from_takes_a_typed_chain_and_variables_named_like_arguments(qtbot, chat):
    chat.start_from("series_select", {"product_chain": [["category", "手机"], ["brand", "苹果"]],
                                      "stage": "x", "self": "y", "query_count": 2})
    result = say(qtbot, chat, "iPhone 16 Pro").result
    assert result.rule == "choose_series"
    assert result.context["stage"] == "x" and result.context["self"] == "y"
    assert result.product_chain[-1] == ("series", "iPhone 16 Pro")


def test_a_bad_start_from_a_caller_is_told_in_the_chat_not_raised(qtbot, chat):
    chat.start_from("series_select", {"query_count": "abc"})
    assert chat.start_variables == {}
    assert any("Cannot start from these values" in m.text for m in chat.model.messages())


def test_error_banner_while_the_rules_have_errors(qtbot, chat, workspace):
    assert chat.banner.isHidden()
    rel = "rules/ecommerce.dsl"
    workspace.set_buffer(rel, workspace.rule_texts()[rel] + "\nRULE broken\nWHEN INTENT_IS no_such_intent\nTHEN\n")
    wait_analysis(qtbot, workspace)
    qtbot.waitUntil(lambda: chat.banner.isVisible())
    assert "error" in chat.banner.text() and "rules/ecommerce.dsl" in chat.banner.text()
    workspace.set_buffer(rel, (workspace.project.root / rel).read_text(encoding="utf-8"))
    wait_analysis(qtbot, workspace)
    qtbot.waitUntil(lambda: chat.banner.isHidden())


def test_no_rule_matched_is_said_in_the_bubble(qtbot, chat, workspace):
    rel = "rules/ecommerce.dsl"
    workspace.set_buffer(rel, 'INTENT greeting "打招呼"\n    KEYWORDS "你好"\n')
    wait_analysis(qtbot, workspace)
    payload = say(qtbot, chat, "随便说点什么")
    assert payload.result.rule is None
    assert "no rule matched" in bot_rows(chat)[-1].text
    assert chat.trace_view.section_lines("fired")[0] == "No rule matched: empty reply"


def test_reset_shows_the_opening_turn_first_and_mid_flow_starts_without_one(qtbot, chat):
    qtbot.waitUntil(lambda: chat.opening is not None, timeout=10000)   # the first conversation opens too
    with qtbot.waitSignal(chat.opening_shown, timeout=10000) as shown:
        chat.reset()
        first = chat.model.message(0)
        assert first.role == "bot"   # its place is kept before the worker answers
    opening = shown.args[0]
    assert opening.result.input is None and opening.result.rule == "opening_greeting"
    first = chat.model.message(0)
    assert "李销售" in first.text and first.caption == "opening → opening_greeting" and not first.pending
    payload = say(qtbot, chat, "你好")
    assert payload.index == 0 and chat.turns == [payload]
    assert [m.role for m in chat.model.messages()] == ["bot", "user", "bot"]

    chat.start_from("brand_select", {"current_category": "手机"})
    say(qtbot, chat, "华为")
    assert chat.opening is None
    assert [m.role for m in chat.model.messages()] == ["notice", "user", "bot"]


def test_clicking_an_earlier_turn_shows_the_context_after_that_turn(qtbot, chat):
    say(qtbot, chat, "你好")
    say(qtbot, chat, "我想买个手机")
    say(qtbot, chat, "苹果")
    ctx = chat.context_view.model
    assert ctx.text("product_chain") == "手机 → 苹果"
    index = chat.model.index(chat.model.row_of_turn(1), 0)
    chat.view.scrollTo(index)
    qtbot.mouseClick(chat.view.viewport(), Qt.MouseButton.LeftButton, pos=chat.view.visualRect(index).center())
    assert chat.selected_turn() == 1
    assert "turn 2" in chat.trace_title.text()
    assert ctx.text("product_chain") == "手机"
    assert ctx.text("current_stage") == chat.turns[1].result.context["current_stage"]
    assert "current_category" in ctx.changed()        # what that turn changed is highlighted
    assert "Chain: 手机 " in chat.context_view.summary.text()
