"""Fixtures of the knowledge editor tests: a small project on disk and the live workspace on it."""
from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from studio.knowledge import load_knowledge

from tests.ui.knowledge.knowledge_helpers import ROOT, RULES, write_json_text


@pytest.fixture(autouse=True)
def collect_garbage_here():
    """Set up before qtbot, so torn down after it: whatever these tests leave is collected
    now, on the GUI thread, not later by a worker thread of another test."""
    yield
    gc.collect()


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "conversations").mkdir()
    (tmp_path / "rules" / "shop.dsl").write_text(RULES, encoding="utf-8")
    (tmp_path / "knowledge" / "products.json").write_text(write_json_text() + "\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def knowledge(project_dir: Path):
    loaded, diagnostics, _ = load_knowledge([project_dir / "knowledge" / "products.json"], root=project_dir)
    assert not [d for d in diagnostics if d.severity.value == "error"], diagnostics
    return loaded


@pytest.fixture
def workspace(project_dir: Path, qtbot):
    from studio.project import Project
    from studio.ui.workspace import Workspace

    ws = Workspace(Project.open(project_dir))
    yield ws
    ws.close()


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of the repository's sample knowledge (and rules, when present)."""
    for folder in ("knowledge", "rules"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture
def panel(workspace, qtbot):
    from studio.ui.knowledge.panel import KnowledgePanel

    widget = KnowledgePanel(workspace)
    qtbot.addWidget(widget)
    widget.resize(900, 560)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()
