"""The project panel: the project's files, and creating / renaming / deleting rule files."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.project import Project
from studio.ui.project_panel import ProjectPanel
from studio.ui.workspace import Workspace
from tests.ui.studio_fixtures import ScriptedPrompts, dispose, project_dir, prompts  # noqa: F401  (fixtures)


@pytest.fixture
def panel(qtbot, project_dir, prompts):
    workspace = Workspace(Project.open(project_dir))
    panel = ProjectPanel(workspace, prompts)
    qtbot.addWidget(panel)
    yield panel
    workspace.close()
    panel.deleteLater()
    workspace.deleteLater()
    dispose()


def test_lists_rules_knowledge_and_conversations(panel):
    assert panel.file_labels("rules") == ["extra.dsl", "shop.dsl"]
    assert panel.file_labels("knowledge") == ["products.json"]
    assert panel.file_labels("conversations") == []


def test_create_asks_a_name_and_opens_the_new_file(qtbot, panel, prompts):
    prompts.script("ask_text", "more_rules")
    with qtbot.waitSignal(panel.rule_file_activated) as opened:
        panel.new_action.trigger()
    assert opened.args == ["rules/more_rules.dsl"]
    assert (panel.workspace.project.root / "rules/more_rules.dsl").exists()
    assert "more_rules.dsl" in panel.file_labels()
    assert panel.selected_rel() == "rules/more_rules.dsl"


def test_create_with_a_taken_name_says_why(panel, prompts):
    prompts.script("ask_text", "shop")
    panel.new_action.trigger()
    [(title, text)] = prompts.questions("error")
    assert "shop.dsl" in text


def test_rename_keeps_the_selection_on_the_file(qtbot, panel, prompts):
    panel.select("rules/extra.dsl")
    prompts.script("ask_text", "brands.dsl")
    with qtbot.waitSignal(panel.workspace.rule_file_renamed):
        panel.rename_action.trigger()
    assert panel.file_labels() == ["brands.dsl", "shop.dsl"]
    assert panel.selected_rel() == "rules/brands.dsl"


def test_delete_asks_first(qtbot, panel, prompts):
    panel.select("rules/extra.dsl")
    prompts.script("confirm", False)
    panel.delete_action.trigger()
    assert (panel.workspace.project.root / "rules/extra.dsl").exists()
    prompts.script("confirm", True)
    panel.delete_action.trigger()
    assert not (panel.workspace.project.root / "rules/extra.dsl").exists()
    assert panel.file_labels() == ["shop.dsl"]


def test_rename_and_delete_need_a_rule_file(panel):
    panel.select("knowledge/products.json")
    assert not panel.rename_action.isEnabled() and not panel.delete_action.isEnabled()
    panel.select("rules/shop.dsl")
    assert panel.rename_action.isEnabled()


def test_double_click_opens_by_kind(qtbot, panel):
    panel.show()
    for rel, signal in (("rules/shop.dsl", panel.rule_file_activated),
                        ("knowledge/products.json", panel.knowledge_file_activated)):
        panel.select(rel)
        item = panel.tree.currentItem()
        rect = panel.tree.visualItemRect(item)
        with qtbot.waitSignal(signal) as activated:
            qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert activated.args == [rel]
