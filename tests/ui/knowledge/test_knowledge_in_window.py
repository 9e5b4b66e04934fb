"""The knowledge panel inside the studio window (issue 16): its Save stays in reach, its dock
says when knowledge is unsaved, deleting a category with brands asks first, and knowledge
problems lead to their place."""
from __future__ import annotations

import pytest

from tests.ui.studio_fixtures import make_window, prompts, settings, studio_env, write_project  # noqa: F401


@pytest.fixture
def window(make_window, tmp_path):  # noqa: F811 (make_window is a fixture)
    return make_window(write_project(tmp_path / "shop"))


def shown_on_the_toolbar(panel, action) -> bool:
    for toolbar in panel.findChildren(type(panel.toolbar)):
        button = toolbar.widgetForAction(action)
        if button is not None and button.isVisible():
            return True
    return False


@pytest.mark.parametrize("width", [1600, 1100])
def test_save_undo_and_redo_stay_visible_in_the_docked_panel(window, qtbot, width):
    window.resize(width, 1000)
    window.knowledge_dock.show()
    window.knowledge_dock.raise_()
    panel = window.knowledge_panel
    qtbot.waitUntil(lambda: panel.isVisible())
    for action in (panel.save_action, panel.undo_action, panel.redo_action):
        assert shown_on_the_toolbar(panel, action), action.text()


def test_the_dock_title_marks_unsaved_knowledge(window, qtbot):
    panel = window.knowledge_panel
    title = window.knowledge_dock.windowTitle()
    panel.add_category(edit=False)
    assert window.knowledge_dock.windowTitle() == f"{title} *"
    panel.undo_action.trigger()
    assert window.knowledge_dock.windowTitle() == title
    panel.redo_action.trigger()
    assert panel.save()
    assert window.knowledge_dock.windowTitle() == title


def test_deleting_a_category_with_brands_asks_first(window, prompts, qtbot):
    panel = window.knowledge_panel
    knowledge = window.workspace.knowledge
    panel.select_path((0,))   # 手机, with two brands
    prompts.script("confirm", False)
    panel.delete_action.trigger()
    assert list(knowledge.categories) == ["手机"] and panel.undo_stack.count() == 0
    (title, text), = prompts.questions("confirm")
    assert "手机" in text and "2" in text
    prompts.script("confirm", True)
    panel.delete_action.trigger()
    assert list(knowledge.categories) == []
    panel.undo_action.trigger()
    assert list(knowledge.categories["手机"].brands) == ["苹果", "华为"]


def test_deleting_an_empty_category_or_a_brand_asks_nothing(window, prompts):
    panel = window.knowledge_panel
    knowledge = window.workspace.knowledge
    panel.add_category(edit=False)
    panel.delete_action.trigger()
    panel.select_path((0, 1))
    panel.delete_action.trigger()
    assert list(knowledge.categories) == ["手机"] and list(knowledge.categories["手机"].brands) == ["苹果"]
    assert prompts.questions("confirm") == []


BROKEN_JSON = '{\n  "categories": {\n    "手机": {,\n  }\n}\n'


def test_a_knowledge_file_that_cannot_be_parsed_is_explained_and_fixed_as_text(make_window, tmp_path, qtbot):
    from PySide6.QtCore import Qt

    from studio.ui.editor.code_editor import YAML
    from tests.ui.studio_fixtures import problems_of, wait_analysis

    root = write_project(tmp_path / "shop")
    good = (root / "knowledge" / "products.json").read_text(encoding="utf-8")
    (root / "knowledge" / "products.json").write_text(BROKEN_JSON, encoding="utf-8")
    window = make_window(root)
    panel = window.knowledge_panel
    assert panel.load_problems.isVisibleTo(panel)
    assert "knowledge/products.json:3:" in panel.load_problems_label.text()

    qtbot.mouseClick(panel.open_as_text_button, Qt.MouseButton.LeftButton)
    page = window.tabs.current_page()
    assert page.rel == "knowledge/products.json" and page.editor.language == YAML
    assert page.editor.textCursor().blockNumber() + 1 == 3
    assert [d.code for d in page.editor.diagnostics.diagnostics()] == ["K100"]
    wait_analysis(qtbot, window)
    assert all(d.code.startswith("K") for d in problems_of(window) if d.file == "knowledge/products.json")

    page.editor.setPlainText(good)
    assert window.tabs.save("knowledge/products.json")
    qtbot.waitUntil(lambda: "手机" in window.workspace.knowledge.categories)
    assert not panel.load_problems.isVisibleTo(panel)
    assert panel.model.rowCount() == 1
