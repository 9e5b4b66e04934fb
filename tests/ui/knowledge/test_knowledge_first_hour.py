"""Defects an analyst hit in a first hour with the knowledge editor (issue 16), each driven
through the real widgets."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.knowledge.knowledge_helpers import type_text


def open_name_editor(panel):
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and panel.view.isAncestorOf(editor), editor
    assert editor.selectedText() == editor.text() != ""
    return editor


@pytest.mark.parametrize("select, action, new_name, where", [
    ((), "add_category_action", "平板", lambda k: list(k.categories)[-1]),
    ((0,), "add_brand_action", "荣耀", lambda k: list(k.categories["手机"].brands)[-1]),
    ((0, 0), "add_series_action", "iPhone 17", lambda k: k.categories["手机"].brands["苹果"].series[-1]),
])
def test_the_added_rows_name_opens_for_editing_and_typing_renames_it(panel, workspace, qtbot,
                                                                      select, action, new_name, where):
    panel.select_path(select or None)
    getattr(panel, action).trigger()
    editor = open_name_editor(panel)
    editor.selectAll()
    type_text(editor, new_name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)   # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: where(workspace.knowledge) == new_name)


def test_the_new_knowledge_texts_are_chinese_under_zh_cn(qapp, workspace, qtbot):
    from PySide6.QtCore import QLocale

    from studio.ui.app import install_translations, remove_translations
    from studio.ui.knowledge.panel import KnowledgePanel
    from studio.ui.knowledge.rename_refs import RenamePreviewDialog

    translators = install_translations(qapp, QLocale("zh_CN"))
    try:
        panel = KnowledgePanel(workspace)
        qtbot.addWidget(panel)
        assert panel.open_as_text_button.text() == "以文本打开"
        dialog = RenamePreviewDialog("小米", "Xiaomi", [], parent=panel)
        assert dialog.keep_alias_check.text() == "保留“小米”作为“Xiaomi”的别名"
        assert dialog.knowledge_only_button.text() == "重命名"
    finally:
        remove_translations(qapp, translators)
