"""The Flow view on a small project: stages as boxes, one labelled curve per rule between them, the
unreached stage dashed, the never-reached rule listed; clicks open rules, Ctrl+wheel zooms."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from studio.project import Project
from studio.ui.explore_runner import ExploreRunner
from studio.ui.flow_layout import flow_graph
from studio.ui.flow_panel import FlowPanel
from studio.ui.workspace import Workspace
from tests.ui.studio_fixtures import KNOWLEDGE

TIMEOUT_MS = 20000

FLOW_DSL = '''INTENT greeting "打招呼"
    KEYWORDS "你好|您好"
INTENT product_query "挑选商品"
    KEYWORDS "买|手机"

RULE greet
WHEN INTENT_IS greeting
THEN
    RESPOND "你好！想看看什么？"
    SET_STAGE "category_select"

RULE ask_phone
WHEN CONTEXT_STAGE_IS "welcome" AND USER_MENTION_ANY "手机"
THEN
    RESPOND "看手机吗？"
    SET_STAGE "category_select"

RULE pick_brand
WHEN CONTEXT_STAGE_IS "category_select" AND USER_MENTIONS brand
THEN
    CAPTURE brand
    SET_STAGE "series_select"

RULE go_back
WHEN CONTEXT_STAGE_IS "series_select" AND USER_MENTION_ANY "返回"
THEN
    RESPOND "好的，重新选"
    SET_STAGE "category_select"

RULE vip_welcome
WHEN CONTEXT_STAGE_IS "vip_lounge"
THEN
    RESPOND "欢迎贵宾"

RULE fallback
WHEN ALWAYS
THEN
    RESPOND "请问有什么可以帮您？"
'''


def write_flow_project(root):
    for folder in ("rules", "knowledge", "conversations"):
        (root / folder).mkdir(parents=True)
    (root / "rules" / "flow.dsl").write_text(FLOW_DSL, encoding="utf-8")
    (root / "knowledge" / "products.json").write_text(json.dumps(KNOWLEDGE, ensure_ascii=False), encoding="utf-8")
    return root


@pytest.fixture
def workspace(qtbot, tmp_path):
    workspace = Workspace(Project.open(write_flow_project(tmp_path / "flow")))
    with qtbot.waitSignal(workspace.analysis_finished, timeout=TIMEOUT_MS):
        workspace.analyze_now()
    yield workspace
    workspace.close()


@pytest.fixture
def panel(qtbot, workspace):
    runner = ExploreRunner(workspace)
    panel = FlowPanel(workspace, runner)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    with qtbot.waitSignal(runner.exploration_finished, timeout=TIMEOUT_MS):
        panel.show()   # a first look explores
    yield panel
    runner.shutdown()
    assert not runner.thread.isRunning()


def click_scene_point(qtbot, panel, point: QPointF) -> None:
    panel.view.centerOn(point)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.mapFromScene(point))


def test_the_stages_are_boxes_and_the_unreached_stage_is_dashed(panel):
    assert set(panel.stage_names()) == {"welcome", "category_select", "series_select", "vip_lounge"}
    assert panel.unreached_stages() == ["vip_lounge"]
    assert panel.status_label.text() == f"{panel.exploration.states} states, depth 8"


def test_stages_read_left_to_right_from_the_start(panel):
    x = {stage: node.sceneBoundingRect().left() for stage, node in panel.nodes.items()}
    assert x["welcome"] < x["category_select"] < x["series_select"] < x["vip_lounge"]


def test_each_rule_between_the_same_stages_has_its_own_curve_and_label(panel):
    keys = set(panel.edge_labels)
    assert {("welcome", "category_select", "greet"), ("welcome", "category_select", "ask_phone"),
            ("series_select", "category_select", "greet"), ("series_select", "category_select", "go_back"),
            ("category_select", "series_select", "pick_brand")} == keys
    labels = [label.sceneBoundingRect() for label in panel.edge_labels.values()]
    assert not any(a.intersects(b) for i, a in enumerate(labels) for b in labels[i + 1:])
    boxes = [node.sceneBoundingRect() for node in panel.nodes.values()]
    assert not any(label.intersects(box) for label in labels for box in boxes)
    paths = [panel.edge_paths[("welcome", "category_select", rule)].path() for rule in ("greet", "ask_phone")]
    assert paths[0].pointAtPercent(0.5) != paths[1].pointAtPercent(0.5)


def test_clicking_an_edge_label_opens_its_rule(qtbot, panel):
    label = panel.edge_labels[("welcome", "category_select", "ask_phone")]
    with qtbot.waitSignal(panel.open_rule) as opened:
        click_scene_point(qtbot, panel, label.sceneBoundingRect().center())
    assert opened.args == ["ask_phone"]


def test_clicking_the_curve_itself_opens_its_rule(qtbot, panel):
    path = panel.edge_paths[("category_select", "series_select", "pick_brand")]
    label = panel.edge_labels[("category_select", "series_select", "pick_brand")].sceneBoundingRect()
    point = path.path().pointAtPercent(0.2)
    assert not label.contains(point)
    with qtbot.waitSignal(panel.open_rule) as opened:
        click_scene_point(qtbot, panel, point)
    assert opened.args == ["pick_brand"]


def test_clicking_the_empty_background_opens_nothing(qtbot, panel):
    opened = []
    panel.open_rule.connect(opened.append)
    top_left = panel.scene.sceneRect().topLeft() + QPointF(3, 3)
    click_scene_point(qtbot, panel, top_left)
    assert opened == []


def test_the_never_reached_rule_is_listed_with_its_place_and_opens(qtbot, panel):
    assert panel.never_reached_rules() == ["vip_welcome"]
    assert panel.never_list.isVisible()
    item = panel.never_list.item(0)
    assert "rules/flow.dsl:30" in item.text()
    assert panel.never_label.text() == "Never reached within 8 turns (1)"
    with qtbot.waitSignal(panel.open_rule) as opened:
        qtbot.mouseClick(panel.never_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.never_list.visualItemRect(item).center())
    assert opened.args == ["vip_welcome"]


def test_ctrl_wheel_zooms_and_a_plain_wheel_does_not(qtbot, panel):
    before = panel.view.zoom()
    centre = QPointF(panel.view.viewport().rect().center())

    def wheel(modifiers):
        event = QWheelEvent(centre, panel.view.viewport().mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(panel.view.viewport(), event)

    wheel(Qt.KeyboardModifier.NoModifier)
    assert panel.view.zoom() == pytest.approx(before)
    wheel(Qt.KeyboardModifier.ControlModifier)
    assert panel.view.zoom() == pytest.approx(before * 1.15)


def test_a_shallow_depth_says_what_it_did_not_follow(qtbot, panel):
    with qtbot.waitSignal(panel.runner.exploration_finished, timeout=TIMEOUT_MS):
        panel.depth_box.setValue(1)
    assert panel.exploration.depth == 1
    assert "states not followed past depth 1" in panel.status_label.text()
    assert "series_select" in panel.unreached_stages()
    assert "pick_brand" in panel.never_reached_rules()


def test_refresh_reuses_the_exploration_until_a_save(qtbot, panel, workspace):
    first = panel.exploration
    with qtbot.waitSignal(panel.runner.exploration_finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    assert panel.exploration is first and panel.runner.runs == 1
    workspace.set_buffer("rules/flow.dsl", FLOW_DSL.replace('"vip_lounge"', '"series_select"'))
    with qtbot.waitSignal(panel.runner.exploration_finished, timeout=TIMEOUT_MS):
        assert workspace.save_file("rules/flow.dsl")   # saved → analysed → explored again
    assert panel.exploration is not first
    assert panel.never_reached_rules() == []
    assert panel.never_label.text() == "Every rule is reached within 8 turns"


def test_typing_alone_does_not_explore_again(qtbot, panel, workspace):
    with qtbot.waitSignal(workspace.analysis_finished, timeout=TIMEOUT_MS):
        workspace.set_buffer("rules/flow.dsl", FLOW_DSL + "\n")
        workspace.analyze_now()
    assert panel.runner.runs == 1


def test_a_rule_from_many_stages_is_an_entry_of_its_target_not_a_fan_of_arrows(panel):
    from studio.explore.search import Exploration
    stages = {s: () for s in ("welcome", "a", "b", "c", "d")}
    edges = [(s, "welcome", "start_over") for s in ("a", "b", "c", "d")] + [("welcome", "a", "go_a"),
                                                                             ("a", "b", "go_b")]
    found = Exploration(8, 5, {"start_over": ("x",), "go_a": ("y",), "go_b": ("y", "z")}, stages, edges, 3, 9)
    graph = flow_graph(found)
    assert [(e.rule, e.everywhere) for e in graph.entries["welcome"]] == [("start_over", True)]
    assert {e.rule for e in graph.edges} == {"go_a", "go_b"}
    panel.show_exploration(found)
    assert ("welcome", "start_over") in panel.entry_items
    assert not any(key[2] == "start_over" for key in panel.edge_labels)


def test_hovering_a_label_highlights_its_curve_only(qtbot, panel):
    key = ("series_select", "category_select", "go_back")
    point = panel.edge_labels[key].sceneBoundingRect().center()
    panel.view.centerOn(point)
    qtbot.mouseMove(panel.view.viewport(), panel.view.mapFromScene(point))
    qtbot.waitUntil(lambda: panel.highlighted() == [key], timeout=2000)
    top_left = panel.scene.sceneRect().topLeft() + QPointF(3, 3)
    panel.view.centerOn(top_left)
    qtbot.mouseMove(panel.view.viewport(), panel.view.mapFromScene(top_left))
    qtbot.waitUntil(lambda: panel.highlighted() == [], timeout=2000)


def test_a_rule_cut_short_by_a_syntax_error_is_listed_as_skipped(qtbot, panel, workspace):
    broken = FLOW_DSL.replace('RULE fallback\nWHEN ALWAYS', 'RULE broken\nWHEN INTENT_IS (\n\nRULE fallback\nWHEN ALWAYS')
    with qtbot.waitSignal(workspace.analysis_finished, timeout=TIMEOUT_MS):
        workspace.set_buffer("rules/flow.dsl", broken)
        workspace.analyze_now()
    with qtbot.waitSignal(panel.runner.exploration_finished, timeout=TIMEOUT_MS):
        panel.refresh()
    assert "1 rules skipped (syntax errors)" in panel.status_label.text()
    assert panel.never_reached_rules() == ["vip_welcome", "broken"]
    assert "syntax error, not explored" in panel.never_list.item(1).text()


def test_a_project_without_rules_draws_the_start_stage_alone(panel):
    from studio.explore.search import Exploration
    panel.show_exploration(Exploration(8, 1, {}, {"welcome": ()}, [], 0, 0))
    assert panel.stage_names() == ["welcome"]
    assert panel.edge_labels == {}
    assert not panel.never_list.isVisible()
    assert panel.never_label.text() == "Every rule is reached within 8 turns"


def test_every_limit_the_search_met_is_named_in_the_status(panel):
    from studio.explore.search import Exploration
    found = Exploration(8, 20000, {}, {"welcome": ()}, [], 20000, 1_000_000, states_limit_hit=True,
                        turns_limit_hit=True, messages_limit_hit=True, unexpanded=12)
    panel.show_exploration(found)
    assert panel.status_label.text() == ("20000 states, depth 8 · stopped at the limit of 20000 states"
                                         " · stopped at the limit of 1000000 turns"
                                         " · only the first 20000 candidate messages tried"
                                         " · 12 states not followed past depth 8")
