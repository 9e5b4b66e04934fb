"""The explore runner: explores the workspace's analysis in its thread, reuses the result until a
new analysis arrives, and quits its thread on shutdown."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.project import Project
from studio.ui.explore_runner import ExploreRunner
from studio.ui.workspace import Workspace
from tests.ui.studio_fixtures import project_dir  # noqa: F401

TIMEOUT_MS = 20000


@pytest.fixture
def workspace(qtbot, project_dir):
    workspace = Workspace(Project.open(project_dir))
    with qtbot.waitSignal(workspace.analysis_finished, timeout=TIMEOUT_MS):
        workspace.analyze_now()
    yield workspace
    workspace.close()


@pytest.fixture
def runner(workspace):
    runner = ExploreRunner(workspace)
    yield runner
    runner.shutdown()
    assert not runner.thread.isRunning()


def explore(qtbot, runner):
    with qtbot.waitSignal(runner.exploration_finished, timeout=TIMEOUT_MS) as done:
        assert runner.request()
    return done.args[0]


def test_the_exploration_of_the_current_analysis_arrives_from_the_worker(qtbot, runner):
    with qtbot.waitSignal(runner.exploration_started):
        found = explore(qtbot, runner)
    assert found.rules["pick_brand"] is not None
    assert found.stages["series_select"] is not None
    assert runner.result() is found
    assert runner.analysis is runner.workspace.analysis


def test_asking_again_before_a_new_analysis_reuses_the_result(qtbot, runner):
    first = explore(qtbot, runner)
    second = explore(qtbot, runner)
    assert second is first
    assert runner.runs == 1


def test_a_new_analysis_is_explored_again(qtbot, runner, workspace):
    first = explore(qtbot, runner)
    with qtbot.waitSignal(workspace.analysis_finished, timeout=TIMEOUT_MS):
        workspace.analyze_now()
    assert runner.result() is None
    second = explore(qtbot, runner)
    assert second is not first
    assert runner.runs == 2


def test_a_new_depth_is_explored_again(qtbot, runner):
    deep = explore(qtbot, runner)
    runner.depth = 1
    shallow = explore(qtbot, runner)
    assert shallow is not deep and shallow.depth == 1
    assert shallow.rules["pick_brand"] is None   # it needs two turns


def test_two_requests_while_running_explore_once(qtbot, runner):
    with qtbot.waitSignal(runner.exploration_finished, timeout=TIMEOUT_MS):
        assert runner.request()
        assert runner.request()
    assert runner.runs == 1


def test_nothing_to_explore_before_the_first_analysis(qtbot, project_dir):
    workspace = Workspace(Project.open(project_dir))
    runner = ExploreRunner(workspace)
    try:
        assert workspace.analysis is None
        assert not runner.request()
    finally:
        runner.shutdown()
        workspace.close()
    assert not runner.thread.isRunning()


def test_shutdown_while_exploring_waits_for_the_thread(qtbot, runner):
    assert runner.request()
    runner.shutdown()
    assert not runner.thread.isRunning()
    assert not runner.request()


def test_shutdown_stops_a_run_on_the_sample_between_states(qtbot, tmp_path):
    from tests.ui.studio_fixtures import copy_sample
    workspace = Workspace(Project.open(copy_sample(tmp_path / "sample")))
    with qtbot.waitSignal(workspace.analysis_finished, timeout=TIMEOUT_MS):
        workspace.analyze_now()
    runner = ExploreRunner(workspace)
    ended = []
    runner.worker.finished.connect(lambda _request, found: ended.append(found.stopped_early),
                                   Qt.ConnectionType.DirectConnection)
    try:
        assert runner.request()
        qtbot.waitUntil(lambda: runner.worker.started, timeout=TIMEOUT_MS)
        runner.shutdown()
        assert not runner.thread.isRunning()
        assert ended == [True]   # cut short, not explored to the end
    finally:
        runner.shutdown()
        workspace.close()
