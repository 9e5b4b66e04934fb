"""The Workspace: buffers over disk, off-thread analysis (newest wins), atomic saves, file operations."""
from __future__ import annotations

import os
import json

import pytest

from studio.project import Project
from studio.ui.workspace import Workspace, WorkspaceError
from tests.ui.studio_fixtures import SHOP_DSL, dispose, project_dir  # noqa: F401  (fixture)


@pytest.fixture
def workspace(qtbot, project_dir):
    ws = Workspace(Project.open(project_dir))
    yield ws
    ws.close()
    assert not ws._thread.isRunning()
    ws.deleteLater()
    dispose()


def _analysis(qtbot, ws, start=True):
    with qtbot.waitSignal(ws.analysis_finished, timeout=5000) as blocker:
        if start:
            ws.analyze_now()
    return blocker.args[0]


def test_rule_texts_put_buffers_over_disk(workspace):
    assert list(workspace.rule_texts()) == ["rules/extra.dsl", "rules/shop.dsl"]
    workspace.set_buffer("rules/shop.dsl", "# unsaved\n")
    assert workspace.rule_texts()["rules/shop.dsl"] == "# unsaved\n"
    assert (workspace.project.root / "rules/shop.dsl").read_text(encoding="utf-8") == SHOP_DSL
    workspace.drop_buffer("rules/shop.dsl")
    assert workspace.rule_texts()["rules/shop.dsl"] == SHOP_DSL


def test_analysis_runs_off_the_ui_thread_and_sees_unsaved_text(qtbot, workspace):
    workspace.set_buffer("rules/shop.dsl", SHOP_DSL + "\nRULE half_typed\nWHEN\n")
    analysis = _analysis(qtbot, workspace)
    assert workspace.analysis is analysis
    rules = [r.name.text for p in analysis.programs for r in p.rules]
    assert "half_typed" in rules
    assert any(d.code == "E100" and d.file == "rules/shop.dsl" for d in analysis.diagnostics)


def test_stale_analyses_are_dropped(qtbot, workspace):
    seen = []
    workspace.analysis_finished.connect(seen.append)
    for i in range(5):
        workspace.set_buffer("rules/shop.dsl", SHOP_DSL + f"\n# edit {i}\n")
        workspace.analyze_now()
    qtbot.waitUntil(lambda: not workspace.is_analyzing(), timeout=5000)
    qtbot.wait(50)
    assert len(seen) == 1
    assert seen[0].rule_texts["rules/shop.dsl"].endswith("# edit 4\n")


def test_request_analysis_is_debounced(qtbot, workspace):
    seen = []
    workspace.analysis_finished.connect(seen.append)
    for i in range(4):
        workspace.set_buffer("rules/shop.dsl", SHOP_DSL + "#" * i)
    assert workspace.is_analyzing()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert workspace.generation == 1


def test_save_is_atomic_and_rechecks(qtbot, workspace):
    root = workspace.project.root
    workspace.set_buffer("rules/shop.dsl", "# saved 保存\n" + SHOP_DSL)
    with qtbot.waitSignal(workspace.analysis_finished, timeout=5000):
        with qtbot.waitSignal(workspace.file_saved) as saved:
            assert workspace.save_file("rules/shop.dsl")
    assert saved.args == ["rules/shop.dsl"]
    assert (root / "rules/shop.dsl").read_text(encoding="utf-8") == "# saved 保存\n" + SHOP_DSL
    assert sorted(p.name for p in (root / "rules").iterdir()) == ["extra.dsl", "shop.dsl"]


def test_a_failed_save_reports_and_leaves_the_file(qtbot, workspace):
    root = workspace.project.root
    workspace.set_buffer("rules/shop.dsl", "# mine\n")
    target = root / "rules"
    if os.geteuid() == 0:   # root writes through read-only modes: take the folder away instead
        target.rename(root / "rules-gone")
    else:
        target.chmod(0o555)
    try:
        with qtbot.waitSignal(workspace.save_failed) as failed:
            assert not workspace.save_file("rules/shop.dsl")
        assert failed.args[0] == "rules/shop.dsl" and failed.args[1]
        assert workspace.buffer("rules/shop.dsl") == "# mine\n"
    finally:
        if os.geteuid() == 0:
            (root / "rules-gone").rename(target)
        else:
            target.chmod(0o755)
    assert (root / "rules/shop.dsl").read_text(encoding="utf-8") == SHOP_DSL


def test_create_rename_delete_rule_files(qtbot, workspace):
    root = workspace.project.root
    with qtbot.waitSignal(workspace.files_changed):
        rel = workspace.create_rule_file("new_rules")
    assert rel == "rules/new_rules.dsl" and (root / rel).read_text() == ""
    with pytest.raises(WorkspaceError):
        workspace.create_rule_file("shop.dsl")
    with pytest.raises(WorkspaceError):
        workspace.create_rule_file("../escape")
    workspace.set_buffer(rel, "# typed\n")
    with qtbot.waitSignal(workspace.rule_file_renamed) as renamed:
        new_rel = workspace.rename_rule_file(rel, "renamed.dsl")
    assert renamed.args == [rel, "rules/renamed.dsl"]
    assert workspace.buffer(new_rel) == "# typed\n" and workspace.buffer(rel) is None
    assert not (root / rel).exists() and (root / new_rel).exists()
    with pytest.raises(WorkspaceError):
        workspace.rename_rule_file(new_rel, "shop")
    with qtbot.waitSignal(workspace.rule_file_deleted):
        workspace.delete_rule_file(new_rel)
    assert not (root / new_rel).exists()
    assert "rules/renamed.dsl" not in workspace.rule_texts()


def test_external_change_of_an_open_file_is_reported_but_not_our_own_save(qtbot, workspace):
    root = workspace.project.root
    workspace.read_disk_text("rules/shop.dsl")
    workspace.set_buffer("rules/shop.dsl", SHOP_DSL)
    reports = []
    workspace.open_file_changed_on_disk.connect(reports.append)
    workspace.set_buffer("rules/shop.dsl", SHOP_DSL + "# mine\n")
    assert workspace.save_file("rules/shop.dsl")
    qtbot.wait(300)
    assert reports == []
    with qtbot.waitSignal(workspace.open_file_changed_on_disk, timeout=5000) as changed:
        (root / "rules/shop.dsl").write_text("# someone else\n", encoding="utf-8")
    assert changed.args == ["rules/shop.dsl"]


def test_new_files_on_disk_are_noticed(qtbot, workspace):
    with qtbot.waitSignal(workspace.files_changed, timeout=5000):
        (workspace.project.root / "rules" / "zzz.dsl").write_text("# new\n", encoding="utf-8")
    assert "rules/zzz.dsl" in workspace.rule_texts()


def test_knowledge_edits_are_analysed_and_saved(qtbot, workspace):
    category = workspace.knowledge.categories["手机"]
    category.brands["华为"].series.append("nova 13")
    with qtbot.waitSignal(workspace.knowledge_changed):
        workspace.knowledge_edited()
    assert workspace.knowledge_dirty
    with qtbot.waitSignal(workspace.knowledge_saved):
        assert workspace.save_knowledge()
    assert not workspace.knowledge_dirty
    saved = json.loads((workspace.project.root / "knowledge/products.json").read_text(encoding="utf-8"))
    assert saved["categories"]["手机"]["brands"]["华为"]["series"][-1] == "nova 13"


def test_knowledge_save_is_refused_while_the_file_cannot_be_parsed(qtbot, project_dir):
    path = project_dir / "knowledge/products.json"
    path.write_text('{"categories": {', encoding="utf-8")
    ws = Workspace(Project.open(project_dir))
    try:
        ws.knowledge_edited()
        with qtbot.waitSignal(ws.save_failed) as failed:
            assert not ws.save_knowledge()
        assert "parse" in failed.args[1] or "cannot" in failed.args[1]
        assert path.read_text(encoding="utf-8") == '{"categories": {'
    finally:
        ws.close()
        ws.deleteLater()
        dispose()
