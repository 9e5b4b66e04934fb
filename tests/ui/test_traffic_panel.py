"""The Traffic panel on real widgets: logs replayed on the current rules, Cancel, replays in the chat tester."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from studio.conversations.loader import parse_test
from studio.traffic.readers import conversation_messages
from studio.traffic.replay import replay
from studio.traffic.report import report_json
from studio.ui.traffic_panel import PLACE_ROLE
from tests.traffic.logs import INTERLEAVED, write_jsonl
from tests.ui.studio_fixtures import copy_sample, make_window, prompts, settings, studio_env  # noqa: F401

TIMEOUT_MS = 60000   # a replay on a busy 2-core machine


@pytest.fixture
def sample(tmp_path) -> Path:
    root = copy_sample(tmp_path / "sample")
    if root is None:
        pytest.skip("the sample project has no rules")
    return root


@pytest.fixture
def traffic(make_window, sample):
    return make_window(sample).traffic_panel


def replay_log(qtbot, panel, log: Path):
    panel.dock.show()
    panel.dock.raise_()
    with qtbot.waitSignal(panel.runner.run_finished, timeout=TIMEOUT_MS):
        assert panel.open_logs([str(log)])
    return panel.result


def example_item(panel, text: str | None = None):
    """The tree item of an unhandled example (the first one, or the one reading `text`)."""
    tree = panel.groups_tree
    for row in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(row)
        for index in range(group.childCount()):
            child = group.child(index)
            if text is None or child.text(0) == text:
                return child
    raise AssertionError(f"no example {text!r}")


def test_the_figures_charts_and_groups_are_the_replays(qtbot, traffic, sample, prompts, tmp_path):
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    prompts.script("open_log_files", [str(log)])
    with qtbot.waitSignal(traffic.runner.run_finished, timeout=TIMEOUT_MS):
        traffic.open_button.click()
    expected = report_json(replay(sample, [log]))
    assert traffic.result.report == expected
    shown = traffic.figures.text()
    for key in ("turns", "conversations", "no_intent", "fallback", "empty_reply"):
        assert f"{expected[key]:,}</span>" in shown
    assert dict(traffic.rule_chart.items) == expected["by_rule"]
    assert sum(count for _, count in traffic.intent_chart.items) == expected["turns"]
    assert [traffic.never_list.item(i).text() for i in range(traffic.never_list.count())] == expected["never_fired"]
    tree = traffic.groups_tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == \
        [group["text"] for group in expected["unhandled"]]
    assert traffic.progress.isHidden() and not traffic.cancel_button.isEnabled()


def test_cancel_stops_a_long_replay_and_the_worker_ends(qtbot, traffic, tmp_path):
    pairs = [(str(n), text) for n in range(20_000) for text in ("我想买个手机", "苹果的", "快递几天能到")]
    log = write_jsonl(tmp_path / "long.jsonl", pairs)
    progressed = []
    traffic.runner.run_progressed.connect(lambda done, total: progressed.append((done, total)))
    with qtbot.waitSignal(traffic.runner.run_progressed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda done, total: done > 0):
        traffic.open_logs([str(log)])
    assert traffic.cancel_button.isEnabled() and traffic.progress.isVisible()
    assert progressed[-1][1] == len(pairs)   # the bar knows its end: every turn of the log
    assert traffic.progress.text().endswith(f"of {len(pairs):,} turns")
    with qtbot.waitSignal(traffic.runner.run_cancelled, timeout=TIMEOUT_MS):
        traffic.cancel_button.click()
    assert "cancelled" in traffic.status_label.text().lower()
    assert traffic.result is None and not traffic.runner.is_running()
    assert traffic.open_button.isEnabled() and not traffic.cancel_button.isEnabled()
    assert traffic.shutdown() and not traffic.runner.thread.isRunning()


def test_double_clicking_an_example_replays_its_conversation_up_to_it_in_the_chat(qtbot, make_window, sample,
                                                                                     tmp_path):
    window = make_window(sample)
    traffic, chat = window.traffic_panel, window.chat_panel
    # "快递几天能到" is unhandled in conversation b, after two other lines of the log
    log = write_jsonl(tmp_path / "log.jsonl", [("a", "你好"), ("b", "我想买个手机"), ("b", "快递几天能到"),
                                               ("b", "华为的")])
    replay_log(qtbot, traffic, log)
    item = example_item(traffic, "快递几天能到")
    traffic.groups_tree.expandAll()
    traffic.groups_tree.scrollToItem(item)
    with qtbot.waitSignal(chat.replay_finished, timeout=TIMEOUT_MS):
        double_click(qtbot, traffic.groups_tree, traffic.groups_tree.visualItemRect(item).center())
    assert [turn.result.input for turn in chat.turns] == ["我想买个手机", "快递几天能到"]
    assert chat.selected_turn() == 1
    # the conversation shows on the right; a message there replays up to it
    assert [traffic.conversation_list.item(i).text() for i in range(traffic.conversation_list.count())] == \
        ["我想买个手机", "快递几天能到"]
    first = traffic.conversation_list.item(0)
    with qtbot.waitSignal(chat.replay_finished, timeout=TIMEOUT_MS):
        double_click(qtbot, traffic.conversation_list, traffic.conversation_list.visualItemRect(first).center())
    assert [turn.result.input for turn in chat.turns] == ["我想买个手机"]


def double_click(qtbot, view, at) -> None:
    # a double-click is a press and release, then a second press that Qt reports as the double-click
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_save_as_test_writes_a_test_of_the_logged_conversation_that_loads(qtbot, make_window, sample, tmp_path):
    window = make_window(sample)
    traffic, chat = window.traffic_panel, window.chat_panel
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    replay_log(qtbot, traffic, log)
    item = example_item(traffic)
    assert not traffic.save_test_button.isEnabled()   # no conversation shown yet
    with qtbot.waitSignal(traffic.runner.conversation_read, timeout=TIMEOUT_MS):
        traffic.groups_tree.setCurrentItem(item)
    conversation, file, line = item.data(0, PLACE_ROLE)
    expected = [m.text for m in conversation_messages([log], conversation, file, line)]
    assert [traffic.conversation_list.item(i).text() for i in range(traffic.conversation_list.count())] == expected
    assert traffic.save_test_button.isEnabled()
    with qtbot.waitSignal(chat.dialog_opened, timeout=TIMEOUT_MS) as opened:
        traffic.save_test_button.click()
    dialog = opened.args[0]
    assert dialog.save()
    text = (sample / dialog.rel).read_text(encoding="utf-8")
    test = parse_test(text, dialog.rel, default_name="t")
    assert [turn.user for turn in test.turns] == expected


def test_export_html_writes_the_report_with_its_charts(qtbot, traffic, prompts, tmp_path):
    replay_log(qtbot, traffic, write_jsonl(tmp_path / "log.jsonl", INTERLEAVED))
    out = tmp_path / "report.html"
    prompts.script("save_file_name", str(out))
    traffic.export_button.click()
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "快递几天能到" in page
    assert str(out) in traffic.status_label.text()


def test_the_replay_uses_the_unsaved_rules_of_the_editors(qtbot, make_window, sample, tmp_path):
    window = make_window(sample)
    traffic = window.traffic_panel
    log = write_jsonl(tmp_path / "log.jsonl", [("a", "你好")])
    before = replay_log(qtbot, traffic, log).report["by_intent"]
    rel = next(rel for rel in window.workspace.rule_file_rels()
               if '"你好' in window.workspace.read_disk_text(rel))
    window.workspace.set_buffer(rel, window.workspace.read_disk_text(rel).replace('"你好', '"你好啊'))
    qtbot.waitUntil(lambda: not window.workspace.is_analyzing() and window.workspace.analysis is not None
                    and '"你好啊' in window.workspace.analysis.rule_texts.get(rel, ""), timeout=TIMEOUT_MS)
    after = replay_log(qtbot, traffic, log).report["by_intent"]
    assert after != before
    assert json.loads(json.dumps(after)) == after


def test_the_panel_speaks_chinese_under_zh_cn(qapp, make_window, sample):
    from PySide6.QtCore import QLocale

    from studio.ui.app import install_translations, remove_translations
    translators = install_translations(qapp, QLocale("zh_CN"))
    try:
        traffic = make_window(sample).traffic_panel
        assert traffic.dock.windowTitle() == "真实流量"
        assert traffic.open_button.text() == "打开日志…"
        assert traffic.tabs.tabText(0) == "未处理"
    finally:
        remove_translations(qapp, translators)


def test_a_log_that_cannot_be_read_is_an_error_in_the_list_not_a_crash(qtbot, traffic, tmp_path):
    missing = tmp_path / "gone.jsonl"
    result = replay_log(qtbot, traffic, missing)
    assert result.report["turns"] == 0
    assert traffic.errors_list.count() == 1 and "gone.jsonl:0: cannot read" in traffic.errors_list.item(0).text()
    assert traffic.tabs.tabText(3).endswith("(1)")


def test_an_edit_after_the_replay_says_the_figures_are_from_the_rules_before(qtbot, make_window, sample, tmp_path):
    window = make_window(sample)
    traffic = window.traffic_panel
    replay_log(qtbot, traffic, write_jsonl(tmp_path / "log.jsonl", INTERLEAVED))
    assert "changed" not in traffic.status_label.text()
    rel = window.workspace.rule_file_rels()[0]
    with qtbot.waitSignal(window.workspace.analysis_finished, timeout=TIMEOUT_MS):
        window.workspace.set_buffer(rel, window.workspace.read_disk_text(rel) + "\n# edited\n")
    assert "Replay Again" in traffic.status_label.text()


def test_without_a_display_no_log_is_opened_and_no_report_written(capsys):
    from studio.ui.prompts import HeadlessPrompts

    assert HeadlessPrompts().open_log_files(None) == []
    assert HeadlessPrompts().save_file_name(None, "Export", "r.html", "*.html") is None
    assert "no display" in capsys.readouterr().err
