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

    window.tabs.close_tab(window.tabs.currentIndex())
    [k100] = problems_of(window, "K100")
    window.problems_panel.open_location.emit(k100.file, k100.span.line, k100.span.column)   # double-click
    page = window.tabs.current_page()
    assert page.rel == "knowledge/products.json" and page.editor.textCursor().blockNumber() + 1 == 3

    page.editor.setPlainText(good)
    assert window.tabs.save("knowledge/products.json")
    qtbot.waitUntil(lambda: "手机" in window.workspace.knowledge.categories)
    assert not panel.load_problems.isVisibleTo(panel)
    assert panel.model.rowCount() == 1


def test_activating_a_brands_knowledge_problem_selects_the_brand_in_the_tree(make_window, tmp_path, qtbot):
    import json

    from PySide6.QtCore import Qt

    from tests.ui.studio_fixtures import KNOWLEDGE, problems_of

    root = write_project(tmp_path / "shop")
    data = json.loads(json.dumps(KNOWLEDGE))
    data["categories"]["手机"]["brands"]["华为"]["price_range"] = [9000, 5000]
    (root / "knowledge" / "products.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    window = make_window(root)
    [problem] = [d for d in problems_of(window, "K110") if "price_range" in d.message]
    assert "华为" in problem.message
    panel = window.problems_panel
    row = next(r for r in range(panel.row_count())
               if panel.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) == problem)
    panel.view.setCurrentIndex(panel.proxy.index(row, 0))
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.knowledge_dock.isVisible()
    assert window.knowledge_panel.current_path() == (0, 1)
    assert window.knowledge_panel.form.name_edit.text() == "华为"
