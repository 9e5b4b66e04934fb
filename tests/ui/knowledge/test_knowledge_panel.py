"""The knowledge panel driven through its real widgets: edits, undo/redo, refusals, filter, save."""
from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.knowledge.knowledge_helpers import snapshot, type_text


def form_commit(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(edit, text) if text else edit.clear()
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def visible_names(view, parent=QModelIndex()):
    model = view.model()
    return [model.index(r, 0, parent).data(Qt.ItemDataRole.EditRole) for r in range(model.rowCount(parent))]


def test_models_pass_the_model_tester_first(panel, qtmodeltester):
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)


def test_add_rename_delete_through_toolbar_and_form_then_undo_redo(panel, workspace, qtbot, qtmodeltester):
    knowledge = workspace.knowledge
    before = snapshot(knowledge)
    with qtbot.waitSignal(panel.knowledge_edited):
        panel.add_category_action.trigger()
    assert list(knowledge.categories)[-1] == "New category"
    assert panel.current_path() == (2,)
    form_commit(qtbot, panel.form.name_edit, "平板")
    form_commit(qtbot, panel.form.icon_edit, "📟")
    form_commit(qtbot, panel.form.subtypes_edit, "娱乐、学习, 办公")
    assert knowledge.categories["平板"].subtypes == ["娱乐", "学习", "办公"]
    assert knowledge.categories["平板"].icon == "📟"
    panel.add_brand_action.trigger()
    form_commit(qtbot, panel.form.name_edit, "苹果")
    panel.form.price_check.setChecked(True)
    panel.form.price_max.setValue(8000)
    panel.form.price_max.editingFinished.emit()
    panel.add_series_action.trigger()
    form_commit(qtbot, panel.form.name_edit, "iPad Air")
    assert knowledge.categories["平板"].brands["苹果"].series == ["iPad Air"]
    assert knowledge.categories["平板"].brands["苹果"].price_range == (0, 8000)
    assert workspace.knowledge_dirty and panel.is_modified() and panel.save_action.isEnabled()
    qtmodeltester.check(panel.model)

    panel.select_path((0, 1))   # 手机 › 华为
    panel.delete_action.trigger()
    assert list(knowledge.categories["手机"].brands) == ["苹果", "小米"]
    assert panel.current_path() == (0, 1)
    after = snapshot(knowledge)

    while panel.undo_stack.canUndo():
        panel.undo_action.trigger()
    assert snapshot(knowledge) == before
    assert not panel.is_modified()
    while panel.undo_stack.canRedo():
        panel.redo_action.trigger()
    assert snapshot(knowledge) == after
    qtmodeltester.check(panel.proxy)


def test_rename_in_place_in_the_tree(panel, workspace, qtbot):
    index = panel.proxy.mapFromSource(panel.model.index_at((1, 0)))   # 电脑 › 联想
    panel.view.setCurrentIndex(index)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "联想"
    editor.selectAll()
    type_text(editor, "Lenovo")
    qtbot.keyClick(editor, Qt.Key.Key_Return)   # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: list(workspace.knowledge.categories["电脑"].brands) == ["Lenovo", "华为"])
    assert panel.form.name_edit.text() == "Lenovo"
    panel.undo_action.trigger()
    assert list(workspace.knowledge.categories["电脑"].brands) == ["联想", "华为"]


def test_drop_reorders_and_undo_restores(panel, workspace, qtmodeltester):
    phones = panel.proxy.index(0, 0)
    xiaomi = panel.proxy.index(2, 0, phones)
    data = panel.proxy.mimeData([xiaomi])
    panel.proxy.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, phones)
    assert list(workspace.knowledge.categories["手机"].brands) == ["小米", "苹果", "华为"]
    phones = panel.proxy.index(0, 0)   # a proxy index does not outlive a change of the model
    assert visible_names(panel.view, phones) == ["小米", "苹果", "华为"]
    qtmodeltester.check(panel.proxy)
    panel.undo_action.trigger()
    assert list(workspace.knowledge.categories["手机"].brands) == ["苹果", "华为", "小米"]


def test_refused_values_show_the_reason_and_change_nothing(panel, workspace, qtbot):
    knowledge = workspace.knowledge
    before = snapshot(knowledge)
    panel.select_path((0, 0))   # 手机 › 苹果
    form = panel.form
    form_commit(qtbot, form.name_edit, "华为")
    assert "duplicate brand '华为'" in form.error() and form.error_label.isVisible()
    form_commit(qtbot, form.name_edit, "")
    assert "must not be empty" in form.error()
    form.name_edit.setText("苹\x07果")   # pasted: the next load would report it as K110
    form.name_edit.editingFinished.emit()
    assert "a control character (U+0007)" in form.error()
    form_commit(qtbot, form.scenarios_edit, "摄影、办公、旅行")
    form_commit(qtbot, form.aliases_edit, "Apple、apple")
    assert "duplicate alias" in form.error()
    form.price_min.setValue(20000)
    form.price_min.editingFinished.emit()
    assert "min 20000 is greater than max 12000" in form.error()
    assert panel.undo_stack.count() == 1   # only the valid scenarios
    panel.undo_action.trigger()
    assert snapshot(knowledge) == before
    assert not form.error()    # a successful change (here the undo) clears the reason
    panel.select_path((0,))
    form_commit(qtbot, form.name_edit, "电脑")
    assert "duplicate category '电脑'" in form.error()
    assert snapshot(knowledge) == before and panel.undo_stack.index() == 0


def test_filter_box_shows_matches_with_their_ancestors(panel, qtbot):
    qtbot.keyClicks(panel.filter_edit, "mate")
    assert visible_names(panel.view) == ["手机", "电脑"]
    phones = panel.proxy.index(0, 0)
    assert visible_names(panel.view, phones) == ["华为"]
    assert visible_names(panel.view, panel.proxy.index(0, 0, phones)) == ["Mate 70"]
    panel.filter_edit.clear()
    type_text(panel.filter_edit, "游戏")
    assert visible_names(panel.view) == ["手机", "电脑"]
    assert visible_names(panel.view, panel.proxy.index(1, 0)) == ["联想"]
    panel.filter_edit.clear()
    assert visible_names(panel.view, panel.proxy.index(0, 0)) == ["苹果", "华为", "小米"]


def test_adding_while_filtered_shows_the_new_node(panel, qtbot):
    qtbot.keyClicks(panel.filter_edit, "ThinkPad")
    panel.add_category_action.trigger()
    assert panel.filter_edit.text() == ""
    assert panel.current_path() == (2,)


def test_save_keeps_json_key_order_and_layout(panel, workspace, project_dir, qtbot):
    path = project_dir / "knowledge" / "products.json"
    original = path.read_text(encoding="utf-8")
    panel.select_path((1, 0))   # 电脑 › 联想 (the rules do not name it: no rename offer)
    form_commit(qtbot, panel.form.name_edit, "Lenovo")
    form_commit(qtbot, panel.form.scenarios_edit, "游戏、学习")
    with qtbot.waitSignal(workspace.knowledge_saved):
        panel.save_action.trigger()
    saved = path.read_text(encoding="utf-8")
    expected = json.loads(original)
    brands = expected["categories"]["电脑"]["brands"]
    expected["categories"]["电脑"]["brands"] = {("Lenovo" if k == "联想" else k): v for k, v in brands.items()}
    expected["categories"]["电脑"]["brands"]["Lenovo"]["scenarios"] = ["游戏", "学习"]
    assert saved == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert list(json.loads(saved)) == ["version", "categories"]
    assert not panel.is_modified() and not panel.save_action.isEnabled()


def test_save_of_the_sample_keeps_everything_but_the_edit(sample_project, qtbot):
    from studio.project import Project
    from studio.ui.knowledge.panel import KnowledgePanel
    from studio.ui.workspace import Workspace

    path = sample_project / "knowledge" / "products.json"
    original = path.read_text(encoding="utf-8")
    workspace = Workspace(Project.open(sample_project))
    try:
        panel = KnowledgePanel(workspace)
        qtbot.addWidget(panel)
        phones = list(workspace.knowledge.categories).index("手机")
        brand_row = list(workspace.knowledge.categories["手机"].brands).index("小米")
        panel.select_path((phones, brand_row))
        # the sample rules may name 小米: keep them as they are
        panel.rename_preview_opened.connect(lambda dialog: dialog.knowledge_only_button.click())
        form_commit(qtbot, panel.form.name_edit, "Xiaomi")
        assert "Xiaomi" in workspace.knowledge.categories["手机"].brands
        assert panel.save()
        assert path.read_text(encoding="utf-8") == original.replace('"小米": {', '"Xiaomi": {', 1)
    finally:
        workspace.close()


YAML = """# 商品知识（手工维护）
categories:
  手机:
    description: 智能手机   # shown in the category list
    icon: "📱"
    brands:
      苹果:
        aliases: [Apple, iPhone]
        series:
          - iPhone 16      # newest first
          - iPhone 15
        price_range: [5000, 12000]
"""


def test_save_keeps_yaml_comments(tmp_path, qtbot):
    from studio.project import Project
    from studio.ui.knowledge.panel import KnowledgePanel
    from studio.ui.workspace import Workspace

    (tmp_path / "knowledge").mkdir()
    path = tmp_path / "knowledge" / "products.yaml"
    path.write_text(YAML, encoding="utf-8")
    workspace = Workspace(Project.open(tmp_path))
    try:
        panel = KnowledgePanel(workspace)
        qtbot.addWidget(panel)
        panel.select_path((0, 0))
        panel.form.price_max.setValue(13000)
        panel.form.price_max.editingFinished.emit()
        panel.add_series_action.trigger()
        form_commit(qtbot, panel.form.name_edit, "iPhone 17")
        assert panel.save()
        saved = path.read_text(encoding="utf-8")
        assert saved.startswith("# 商品知识（手工维护）\n")
        assert "# shown in the category list" in saved and "# newest first" in saved
        assert "price_range: [5000, 13000]" in saved
        assert "- iPhone 17" in saved
        assert saved.index("description") < saved.index("icon") < saved.index("brands")
    finally:
        workspace.close()


def test_a_reload_shows_the_new_knowledge_and_forgets_the_history(panel, workspace, project_dir, qtbot):
    panel.add_category_action.trigger()
    assert panel.undo_stack.count() == 1
    data = json.loads((project_dir / "knowledge" / "products.json").read_text(encoding="utf-8"))
    del data["categories"]["电脑"]
    (project_dir / "knowledge" / "products.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    workspace.reload_knowledge()
    assert panel.undo_stack.count() == 0 and not panel.is_modified()
    assert visible_names(panel.view) == ["手机"]
    assert panel.model.knowledge is workspace.knowledge


def test_the_form_goes_under_the_tree_in_a_narrow_dock_and_beside_it_in_a_wide_one(panel, qtbot):
    panel.resize(460, 700)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.splitter.orientation() == Qt.Orientation.Vertical
    tree_height, form_height = panel.splitter.sizes()
    assert tree_height > form_height > 0
    panel.resize(1000, 700)
    qtbot.waitUntil(lambda: panel.splitter.orientation() == Qt.Orientation.Horizontal)
    tree_width, form_width = panel.splitter.sizes()
    assert tree_width > form_width > 0


def test_undoing_back_to_the_saved_state_leaves_nothing_unsaved(panel, workspace, qtbot):
    panel.select_path((0, 1))   # 手机 › 华为
    form_commit(qtbot, panel.form.aliases_edit, "HW")
    assert workspace.knowledge_dirty and panel.is_modified()
    panel.undo_action.trigger()
    assert not workspace.knowledge_dirty and not panel.is_modified()
    assert not panel.save_action.isEnabled()
    panel.redo_action.trigger()
    assert workspace.knowledge_dirty
    assert panel.save()
    assert not workspace.knowledge_dirty
    panel.undo_action.trigger()   # the saved file has "HW": going back from it is an unsaved edit
    assert workspace.knowledge_dirty and panel.is_modified()
