"""The Decision Table panel on real widgets: sort, filter, group, double-click, cell edits as one undo, Export…."""
from __future__ import annotations

import csv

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from studio.ui.decision_table_cells import FIRED, GROUP_ROLE, INTENT, PRIORITY, ROW_ROLE, RULE, STAGE
from tests.ui.studio_fixtures import (SHOP_DSL, make_window, project_dir, prompts, settings, studio_env,  # noqa: F401
                                      wait_analysis, window)


@pytest.fixture
def table(qtbot, window):
    panel = window.decision_table
    panel.dock.show()
    panel.dock.raise_()
    qtbot.waitUntil(lambda: panel.fired is not None, timeout=20000)
    return panel


def shown_rules(panel) -> list[str]:
    """Rule names top-down as the view shows them (group rows skipped)."""
    proxy, names = panel.proxy, []

    def walk(parent: QModelIndex) -> None:
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, RULE, parent)
            if index.data(GROUP_ROLE) is not None:
                walk(proxy.index(row, 0, parent))
            else:
                names.append(index.data())
    walk(QModelIndex())
    return names


def cell(panel, rule: str, column: int) -> QModelIndex:
    proxy = panel.proxy

    def find(parent: QModelIndex):
        for row in range(proxy.rowCount(parent)):
            first = proxy.index(row, 0, parent)
            if first.data(GROUP_ROLE) is not None:
                found = find(first)
                if found is not None:
                    return found
            elif first.data(ROW_ROLE).name == rule:
                return proxy.index(row, column, parent)
        return None
    found = find(QModelIndex())
    assert found is not None, rule
    return found


def edit(qtbot, panel, rule: str, column: int, value) -> None:
    """Open the cell's editor as the analyst does (select, F2), choose `value`, commit with Enter."""
    view = panel.view
    index = cell(panel, rule, column)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index) or view.focusWidget()
    if isinstance(editor, QSpinBox):
        editor.setValue(value)
    else:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(editor.findData(value))
    with qtbot.waitSignal(panel.table_changed, timeout=10000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_every_rule_is_a_row_with_its_columns_and_fired_counts(qtbot, table, qtmodeltester):
    qtmodeltester.check(table.model)
    shown = shown_rules(table)   # by priority, highest first
    assert shown[0] == "choose_phone" and sorted(shown) == ["choose_phone", "fallback", "greet", "pick_brand",
                                                            "recommend_huawei"]
    assert cell(table, "choose_phone", INTENT).data() == "product_query"
    assert cell(table, "pick_brand", STAGE).data() == "brand_select"
    assert cell(table, "greet", FIRED).data() == "0"   # the project has no conversation test


def test_sorting_by_a_column_and_filtering_by_any_text(qtbot, table):
    table.view.sortByColumn(PRIORITY, Qt.SortOrder.DescendingOrder)
    assert shown_rules(table)[0] == "choose_phone"
    table.view.sortByColumn(RULE, Qt.SortOrder.AscendingOrder)
    assert shown_rules(table) == sorted(shown_rules(table))
    table.set_filter("SUGGEST_SERIES")
    assert sorted(shown_rules(table)) == ["pick_brand", "recommend_huawei"]
    table.set_filter("brand_select")
    assert sorted(shown_rules(table)) == ["choose_phone", "pick_brand"]   # a stage or an action's argument
    table.set_filter("")
    assert len(shown_rules(table)) == 5
    table.set_scope("rules/extra.dsl")   # one rule file
    assert shown_rules(table) == ["recommend_huawei"]
    table.set_scope(None)
    assert len(shown_rules(table)) == 5


def test_grouping_by_intent_and_by_stage(qtbot, table):
    table.set_grouping("intent")
    proxy = table.proxy
    groups = {proxy.index(r, 0).data(GROUP_ROLE): sorted(proxy.index(c, RULE, proxy.index(r, 0)).data()
                                                         for c in range(proxy.rowCount(proxy.index(r, 0))))
              for r in range(proxy.rowCount())}
    assert groups == {"greeting": ["greet"], "product_query": ["choose_phone", "recommend_huawei"],
                      "(no intent)": ["fallback", "pick_brand"]}
    table.set_grouping("stage")
    assert {proxy.index(r, 0).data(GROUP_ROLE) for r in range(proxy.rowCount())} == {"brand_select", "(no stage)"}
    assert table.view.isFirstColumnSpanned(0, QModelIndex())   # a group row reads across the table
    table.set_grouping("none")
    assert proxy.index(0, 0).data(GROUP_ROLE) is None
    assert not any(table.view.isFirstColumnSpanned(r, QModelIndex()) for r in range(proxy.rowCount()))


def test_fired_counts_show_an_ellipsis_until_the_tests_have_run_again(qtbot, window, table):
    assert cell(table, "greet", FIRED).data() == "0"
    table.set_in_view(False)   # its tab went behind another: no test run
    with qtbot.waitSignal(table.table_changed, timeout=10000):
        window.workspace.analyze_now()
    assert cell(table, "greet", FIRED).data() == "…"
    table.set_in_view(True)
    qtbot.waitUntil(lambda: cell(table, "greet", FIRED).data() == "0", timeout=20000)


def test_double_click_opens_the_rule_in_the_editor(qtbot, table, window):
    index = cell(table, "pick_brand", RULE)
    rect = table.view.visualRect(index)
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.current_rel() == "rules/shop.dsl"
    editor = window.tabs.current_editor()
    assert editor.textCursor().blockNumber() + 1 == SHOP_DSL.split("\n").index("RULE pick_brand") + 1


def check_one_edit(qtbot, window, table, rule, column, value, old_lines, new_lines):
    edit(qtbot, table, rule, column, value)
    editor = window.tabs.editor("rules/shop.dsl")
    expected = SHOP_DSL.replace("\n".join(old_lines), "\n".join(new_lines), 1)
    assert expected != SHOP_DSL
    assert editor.toPlainText() == expected   # only that rule's line(s) changed
    wait_analysis(qtbot, window)
    editor.undo()
    assert editor.toPlainText() == SHOP_DSL   # one undo restores the file
    checked(qtbot, window, SHOP_DSL)


def checked(qtbot, window, text: str) -> None:
    """Until the newest analysis (and so the table) is of `text`."""
    workspace = window.workspace
    qtbot.waitUntil(lambda: not workspace.is_analyzing() and workspace.analysis is not None
                    and workspace.analysis.rule_texts.get("rules/shop.dsl") == text, timeout=10000)


def test_editing_the_priority_rewrites_only_that_line_and_one_undo_restores(qtbot, window, table):
    check_one_edit(qtbot, window, table, "choose_phone", PRIORITY, 30, ["    PRIORITY 5"], ["    PRIORITY 30"])
    check_one_edit(qtbot, window, table, "greet", PRIORITY, -3, ["RULE greet"], ["RULE greet", "    PRIORITY -3"])


def test_editing_the_intent_and_the_stage_rewrites_only_that_condition(qtbot, window, table):
    check_one_edit(qtbot, window, table, "choose_phone", INTENT, "greeting",
                   ['WHEN INTENT_IS product_query AND USER_MENTION_ANY "手机"'],
                   ['WHEN INTENT_IS greeting AND USER_MENTION_ANY "手机"'])
    check_one_edit(qtbot, window, table, "pick_brand", STAGE, None,
                   ['WHEN CONTEXT_STAGE_IS "brand_select" AND USER_MENTIONS brand'], ["WHEN USER_MENTIONS brand"])
    check_one_edit(qtbot, window, table, "greet", STAGE, "brand_select",
                   ["WHEN INTENT_IS greeting"], ['WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "brand_select"'])


def test_the_table_follows_the_edit_after_the_recheck(qtbot, window, table):
    edit(qtbot, table, "choose_phone", PRIORITY, 77)
    qtbot.waitUntil(lambda: cell(table, "choose_phone", PRIORITY).data() == "77", timeout=10000)
    assert window.tabs.editor("rules/shop.dsl").document().isModified()   # unsaved, like a typed edit


# --- Export… ---------------------------------------------------------------------------------------------

def export(qtbot, table, prompts, target) -> None:
    """Click Export…, answering the save dialog with `target` (None: cancelled)."""
    prompts.script("save_file_name", None if target is None else str(target))
    qtbot.mouseClick(table.export_button, Qt.MouseButton.LeftButton)


def exported(path) -> list[list]:
    if path.suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as stream:
            return list(csv.reader(stream))
    return [list(values) for values in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


def test_export_asks_where_suggesting_the_project_folder_and_writes_the_rows_as_shown(
        qtbot, table, prompts, project_dir, tmp_path):
    table.view.sortByColumn(PRIORITY, Qt.SortOrder.DescendingOrder)   # ties keep the files' order, as shown
    target = tmp_path / "out" / "table.xlsx"
    target.parent.mkdir()
    export(qtbot, table, prompts, target)
    (title, suggested, filter_), = prompts.questions("save_file_name")
    assert suggested == str(project_dir / "decision_table.xlsx")
    assert "*.xlsx" in filter_ and "*.csv" in filter_
    sheet = exported(target)
    assert sheet[0][:3] == ["Rule", "Priority", "Intent"]
    assert [row[0] for row in sheet[1:]] == shown_rules(table)
    phone = next(row for row in sheet if row[0] == "choose_phone")
    assert phone[1:4] == [5, "product_query", None]
    assert phone[6] == 'ADD_TO_CHAIN category "手机", SUGGEST_BRANDS, SET_STAGE "brand_select"'   # whole, not summarised
    assert phone[7:] == [0, "rules/shop.dsl", 12]
    assert str(target) in table.status.text()


def test_export_applies_the_filter_and_the_sort_and_ignores_the_grouping(qtbot, table, prompts, tmp_path):
    table.set_grouping("intent")
    table.view.sortByColumn(RULE, Qt.SortOrder.DescendingOrder)
    table.set_filter("suggest_")   # as the view filters: any cell, any case
    target = tmp_path / "table.csv"
    export(qtbot, table, prompts, target)
    rows = exported(target)
    assert rows[0][0] == "Rule"
    assert [row[0] for row in rows[1:]] == ["recommend_huawei", "pick_brand", "choose_phone"]   # one flat list
    table.set_filter("")
    table.set_scope("rules/extra.dsl")   # one rule file
    export(qtbot, table, prompts, target)
    assert [row[0] for row in exported(target)[1:]] == ["recommend_huawei"]


def test_an_export_that_fails_says_why_in_the_status_line_and_a_cancelled_one_writes_nothing(
        qtbot, table, prompts, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    before = table.status.text()
    export(qtbot, table, prompts, None)
    assert table.status.text() == before
    export(qtbot, table, prompts, out / "table.ods")
    assert "name it .xlsx or .csv" in table.status.text()
    export(qtbot, table, prompts, out / "missing" / "table.xlsx")
    assert "cannot write" in table.status.text() and "missing/table.xlsx" in table.status.text()
    assert list(out.iterdir()) == []
