"""The tree model over the knowledge: consistent for Qt's model tester, through every mutation."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from studio.knowledge import Brand
from studio.ui.knowledge.commands import KnowledgeEditor
from studio.ui.knowledge.model import (BRAND, CATEGORY, SERIES, KindRole, KnowledgeFilterModel,
                                       KnowledgeTreeModel)


def names(model, parent=QModelIndex()):
    return [model.index(r, 0, parent).data(Qt.ItemDataRole.EditRole) for r in range(model.rowCount(parent))]


def test_model_passes_the_model_tester_before_and_after_edits(qtmodeltester, knowledge):
    model = KnowledgeTreeModel(knowledge)
    qtmodeltester.check(model)
    editor = KnowledgeEditor(model)
    editor.add((0,), "OPPO")
    editor.rename((0, 0), "Apple")
    editor.move((0, 0), 2)
    editor.delete((1,))
    editor.set_property((0, 1), "price_range", (100, 200))
    qtmodeltester.check(model)
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    qtmodeltester.check(model)


def test_tree_shows_categories_brands_series_with_details(knowledge):
    model = KnowledgeTreeModel(knowledge)
    assert names(model) == ["手机", "电脑"]
    phones = model.index(0, 0)
    assert phones.data() == "📱  手机"
    assert phones.data(KindRole) == CATEGORY
    assert names(model, phones) == ["苹果", "华为", "小米"]
    apple = model.index(0, 0, phones)
    assert apple.data(KindRole) == BRAND
    assert model.index(0, 1, phones).data() == "¥5,000–12,000 · 摄影、办公"
    assert names(model, apple) == ["iPhone 16", "iPhone 16 Pro"]
    assert model.index(0, 0, apple).data(KindRole) == SERIES
    assert model.rowCount(model.index(0, 0, apple)) == 0
    assert model.index(1, 1).data() == "笔记本与台式机 · 笔记本、台式机"


def test_filter_keeps_ancestors_and_matches_aliases(qtmodeltester, knowledge):
    model = KnowledgeTreeModel(knowledge)
    proxy = KnowledgeFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.setFilterFixedString("huawei")
    assert names(proxy) == ["手机"]
    assert names(proxy, proxy.index(0, 0)) == ["华为"]
    proxy.setFilterFixedString("ThinkPad")
    assert names(proxy) == ["电脑"]
    assert names(proxy, proxy.index(0, 0)) == ["联想"]
    assert names(proxy, proxy.index(0, 0, proxy.index(0, 0))) == ["ThinkPad X1"]
    proxy.setFilterFixedString("华为")  # a match shows its subtree too
    assert names(proxy) == ["手机", "电脑"]
    assert names(proxy, proxy.index(0, 0, proxy.index(0, 0))) == ["Mate 70", "Pura 70"]
    proxy.setFilterFixedString("")
    assert names(proxy) == ["手机", "电脑"]


def test_drop_between_rows_reorders_through_the_undo_stack(qtmodeltester, knowledge):
    model = KnowledgeTreeModel(knowledge)
    editor = KnowledgeEditor(model)
    phones = model.index(0, 0)
    apple = model.index(0, 0, phones)
    data = model.mimeData([apple, model.index(0, 1, phones)])
    move = Qt.DropAction.MoveAction
    assert model.canDropMimeData(data, move, 3, 0, phones)
    assert not model.canDropMimeData(data, move, 0, 0, model.index(1, 0))  # another category
    assert not model.canDropMimeData(data, move, 1, 0, QModelIndex())      # the category level
    # The drop moves the row itself and answers False, so the view removes nothing.
    assert model.dropMimeData(data, move, 3, 0, phones) is False
    assert list(knowledge.categories["手机"].brands) == ["华为", "小米", "苹果"]
    assert names(model, phones) == ["华为", "小米", "苹果"]
    qtmodeltester.check(model)
    editor.undo_stack.undo()
    assert list(knowledge.categories["手机"].brands) == ["苹果", "华为", "小米"]


def test_drop_onto_a_sibling_takes_its_place(knowledge):
    model = KnowledgeTreeModel(knowledge)
    editor = KnowledgeEditor(model)  # noqa: F841  (the model holds its editor weakly)
    computers = model.index(1, 0)
    assert model.dropMimeData(model.mimeData([computers]), Qt.DropAction.MoveAction, -1, -1, model.index(0, 0)) is False
    assert list(knowledge.categories) == ["电脑", "手机"]
    series_parent = model.index(0, 0, model.index(1, 0))       # 手机 › 苹果
    first = model.index(0, 0, series_parent)
    model.dropMimeData(model.mimeData([first]), Qt.DropAction.MoveAction, -1, -1, model.index(1, 0, series_parent))
    assert knowledge.categories["手机"].brands["苹果"].series == ["iPhone 16 Pro", "iPhone 16"]


def test_persistent_indexes_follow_moves_and_renames(knowledge):
    model = KnowledgeTreeModel(knowledge)
    editor = KnowledgeEditor(model)
    from PySide6.QtCore import QPersistentModelIndex
    xiaomi = QPersistentModelIndex(model.index(2, 0, model.index(0, 0)))
    editor.move((0, 2), 0)
    assert xiaomi.row() == 0 and xiaomi.data() == "小米"
    editor.rename((0, 0), "Xiaomi 小米")
    assert xiaomi.data() == "Xiaomi 小米"
    assert isinstance(knowledge.categories["手机"].brands["Xiaomi 小米"], Brand)
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert xiaomi.row() == 2 and xiaomi.data() == "小米"
