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
