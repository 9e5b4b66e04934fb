"""The knowledge editor on series objects (form, attributes table, undo) and Import… / Export… with a preview."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from studio.knowledge import Series
from studio.knowledge.spreadsheet import export_knowledge
from tests.ui.knowledge.knowledge_helpers import type_text


def form_commit(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(edit, text) if text else edit.clear()
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def huawei(workspace):
    return workspace.knowledge.categories["手机"].brands["华为"]


def test_a_series_gets_aliases_price_scenarios_and_attributes_each_one_undo_step(panel, workspace, qtbot,
                                                                              project_dir):
    panel.select_path((0, 1, 0))   # 手机 › 华为 › Mate 70
    form = panel.form
    assert not form.aliases_edit.isHidden() and not form._attributes_box.isHidden()
    form_commit(qtbot, form.aliases_edit, "mate七十")
    form_commit(qtbot, form.scenarios_edit, "商务、摄影")
    form.price_check.setChecked(True)
    form.price_min.setValue(5499)
    form.price_min.editingFinished.emit()
    form.price_max.setValue(6999)
    form.price_max.editingFinished.emit()
    qtbot.mouseClick(form.add_attribute_button, Qt.MouseButton.LeftButton)
    form.attributes_table.item(0, 0).setText("重量")
    form.attributes_table.item(0, 1).setText("205")
    qtbot.mouseClick(form.add_attribute_button, Qt.MouseButton.LeftButton)
    form.attributes_table.item(1, 0).setText("编号")
    form.attributes_table.item(1, 1).setText("007")
    assert huawei(workspace).series_details["Mate 70"] == Series(
        "Mate 70", ["mate七十"], (5499, 6999), ["商务", "摄影"], {"重量": 205, "编号": "007"})
    assert huawei(workspace).series_details.get("Pura 70") is None
    assert form.attribute_rows() == [("重量", "205"), ("编号", "007")]

    assert panel.save()
    saved = json.loads((project_dir / "knowledge" / "products.json").read_text(encoding="utf-8"))
    series = saved["categories"]["手机"]["brands"]["华为"]["series"]
    assert series[0]["name"] == "Mate 70" and series[0]["attributes"] == {"重量": 205, "编号": "007"}
    assert series[1] == "Pura 70"

    form.attributes_table.selectRow(0)
    qtbot.mouseClick(form.remove_attribute_button, Qt.MouseButton.LeftButton)
    assert huawei(workspace).series_details["Mate 70"].attributes == {"编号": "007"}
    panel.undo_action.trigger()
    assert huawei(workspace).series_details["Mate 70"].attributes == {"重量": 205, "编号": "007"}
    assert form.attribute_rows() == [("重量", "205"), ("编号", "007")]
    while panel.undo_stack.canUndo():
        panel.undo_action.trigger()
    assert huawei(workspace).series_details == {}
    assert form.aliases_edit.text() == "" and form.attribute_rows() == []


def test_a_bad_series_value_is_refused_with_its_reason(panel, workspace, qtbot):
    panel.select_path((0, 1, 0))
    form = panel.form
    form.price_check.setChecked(True)
    form.price_min.setValue(9000)
    form.price_min.editingFinished.emit()
    form.price_max.setValue(100)
    form.price_max.editingFinished.emit()
    assert "greater than max" in form.error()
    form_commit(qtbot, form.aliases_edit, "a、a")
    assert "duplicate alias" in form.error()
    qtbot.mouseClick(form.add_attribute_button, Qt.MouseButton.LeftButton)
    form.attributes_table.item(0, 0).setText("重量")
    qtbot.mouseClick(form.add_attribute_button, Qt.MouseButton.LeftButton)
    form.attributes_table.item(1, 0).setText("重量")
    assert "duplicate attribute name" in form.error()
    assert huawei(workspace).series_details.get("Mate 70", Series("Mate 70")).attributes in ({}, {"重量": ""})


def test_deleting_a_series_object_and_undoing_brings_its_details_back(panel, workspace):
    huawei(workspace).series_details["Mate 70"] = Series("Mate 70", price_range=(1, 2))
    panel.select_path((0, 1, 0))
    panel.delete_action.trigger()
    assert huawei(workspace).series == ["Pura 70"] and huawei(workspace).series_details == {}
    panel.undo_action.trigger()
    assert huawei(workspace).series_details == {"Mate 70": Series("Mate 70", price_range=(1, 2))}


def test_renaming_a_series_object_keeps_its_details(panel, workspace, qtbot):
    huawei(workspace).series_details["Mate 70"] = Series("Mate 70", price_range=(1, 2))
    panel.select_path((0, 1, 0))
    form_commit(qtbot, panel.form.name_edit, "Mate 80")
    assert huawei(workspace).series_details == {"Mate 80": Series("Mate 80", price_range=(1, 2))}


def imported(panel, source, qtbot):
    """The preview of importing `source`, read in the background."""
    with qtbot.waitSignal(panel.import_preview_opened, timeout=30000) as opened:
        panel.import_from(str(source))
        assert not panel.import_action.isEnabled()   # one import at a time, while the file is read
    assert panel.import_action.isEnabled()
    return opened.args[0]


def test_import_previews_the_changes_and_applies_them_as_one_undo_step(panel, workspace, tmp_path, qtbot):
    edited = workspace.knowledge.copy()
    edited.categories["手机"].brands["华为"].series_details["Mate 70"] = Series("Mate 70", price_range=(5499, 6999))
    del edited.categories["电脑"].brands["联想"]
    source = tmp_path / "catalogue.xlsx"
    export_knowledge(edited, source)
    before = workspace.knowledge.copy()
    count = panel.undo_stack.count()

    dialog = imported(panel, source, qtbot)
    assert dialog.changes == ["~ series 手机 › 华为 › Mate 70: now an object", "- brand 电脑 › 联想"]
    assert "- brand 电脑 › 联想" in dialog.details.toPlainText()
    assert workspace.knowledge == before   # nothing changes before Apply
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert workspace.knowledge.categories == edited.categories
    assert workspace.knowledge.extra == before.extra   # the top-level keys stay
    assert panel.undo_stack.count() == count + 1 and panel.is_modified()
    panel.undo_action.trigger()
    assert workspace.knowledge == before


def test_an_import_with_a_bad_row_shows_it_and_cannot_apply(panel, workspace, tmp_path, qtbot):
    source = tmp_path / "bad.csv"
    source.write_text("category,brand,series,series_price_min,series_price_max\n手机,华为,Mate 70,9,1\n",
                      encoding="utf-8")
    before = workspace.knowledge.copy()
    dialog = imported(panel, source, qtbot)
    assert "row 2, series_price_min: price_range min 9 is greater than max 1" in dialog.details.toPlainText()
    assert not dialog.apply_button.isEnabled()
    dialog.reject()
    assert workspace.knowledge == before and not panel.is_modified()


def test_export_writes_what_the_editor_holds(panel, workspace, tmp_path):
    huawei(workspace).series_details["Mate 70"] = Series("Mate 70", price_range=(1, 2))
    workspace.knowledge.changed()
    target = tmp_path / "out.json"
    assert panel.export_to(str(target)) is None
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["categories"]["手机"]["brands"]["华为"]["series"][0] == {"name": "Mate 70", "price_range": [1, 2]}
    assert panel.export_to(str(tmp_path / "out.txt")).startswith("unsupported file type")


def test_the_tree_shows_a_series_objects_price_and_the_filter_finds_its_alias(panel, workspace, qtbot):
    panel.select_path((0, 1, 0))
    form_commit(qtbot, panel.form.aliases_edit, "mate七十")
    panel.form.price_check.setChecked(True)
    panel.form.price_max.setValue(6999)
    panel.form.price_max.editingFinished.emit()
    details = panel.model.index_at((0, 1, 0), 1).data()
    assert "6,999" in details or "6999" in details
    panel.filter_edit.setText("七十")
    proxy = panel.proxy
    phones = proxy.index(0, 0)
    huawei_row = proxy.index(0, 0, phones)
    assert proxy.rowCount(huawei_row) == 1
    assert proxy.index(0, 0, huawei_row).data() == "Mate 70"


def test_the_series_form_and_import_export_are_chinese_under_zh_cn(qapp, workspace, qtbot):
    from PySide6.QtCore import QLocale

    from studio.ui.app import install_translations, remove_translations
    from studio.ui.knowledge.panel import KnowledgePanel

    translators = install_translations(qapp, QLocale("zh_CN"))
    try:
        panel = KnowledgePanel(workspace)
        qtbot.addWidget(panel)
        assert (panel.import_action.text(), panel.export_action.text()) == ("导入…", "导出…")
        assert panel.form.add_attribute_button.text() == "+ 属性"
    finally:
        remove_translations(qapp, translators)


def test_import_and_export_ask_through_the_prompts_opening_in_the_projects_knowledge_folder(
        workspace, qtbot, tmp_path):
    from studio.ui.knowledge.panel import KnowledgePanel
    from tests.ui.studio_fixtures import ScriptedPrompts

    prompts = ScriptedPrompts()
    panel = KnowledgePanel(workspace, prompts=prompts)
    qtbot.addWidget(panel)
    try:
        target = tmp_path / "out.csv"
        prompts.script("save_file_name", str(target))
        panel.export_action.trigger()
        assert target.exists()
        prompts.script("open_file_name", None)   # cancelled: nothing read
        panel.import_action.trigger()
        knowledge_folder = str(workspace.project.root / "knowledge")
        (_title, suggested, _filter), = prompts.questions("save_file_name")
        (_title, folder, _filter), = prompts.questions("open_file_name")
        assert suggested == str(workspace.project.root / "knowledge" / "knowledge.xlsx")
        assert folder == knowledge_folder and not panel.import_reader.is_reading()
    finally:
        panel.shutdown()
