"""A test that hangs never keeps CI waiting forever.

A hang in Python code fails that one test and the run goes on. A hang in Qt's
C++ event loop (a modal dialog nobody can click offscreen), where a Python signal
handler never runs, stops its process with a stack dump: the whole run in one
process (`-n 0`), else the one pytest-xdist worker, which is replaced and the run goes on.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PYTHON_HANG = """
import time

def test_sleeps_forever():
    time.sleep(3600)

def test_after_it():
    assert True
"""

HANGING_TEST = """
from PySide6.QtCore import QEventLoop

def test_waits_in_the_qt_event_loop_forever(qtbot):
    QEventLoop().exec()
"""


def test_the_suite_has_a_default_timeout(pytestconfig):
    assert float(pytestconfig.getini("timeout")) > 0
    assert pytestconfig.getini("timeout_method") == "signal"


def run_pytest(tmp_path, name: str, text: str, workers: str = "0") -> subprocess.CompletedProcess:
    """The suite's own configuration on one file; `workers` as for pytest-xdist's -n (0: in this process)."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-c", str(ROOT / "pyproject.toml"),
                           "--rootdir", str(tmp_path), "-o", "timeout=2", "--confcutdir", str(ROOT / "tests"),
                           "-p", "tests.conftest", "-n", workers, str(tmp_path / name)],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=90)


def test_a_python_hang_fails_its_own_test_and_the_run_goes_on(tmp_path):
    done = run_pytest(tmp_path, "test_python_hang.py", PYTHON_HANG)
    assert done.returncode == 1
    assert "1 failed, 1 passed" in done.stdout, done.stdout + done.stderr
    assert "Timeout" in done.stdout


def test_a_test_stuck_in_the_qt_event_loop_is_stopped_by_the_timeout(tmp_path):
    done = run_pytest(tmp_path, "test_hang.py", HANGING_TEST)
    assert done.returncode != 0
    assert "Timeout" in done.stdout + done.stderr
    assert "test_waits_in_the_qt_event_loop_forever" in done.stdout + done.stderr


def test_on_several_workers_a_qt_hang_ends_its_worker_and_names_the_test(tmp_path):
    """As the suite runs (pytest-xdist): the stopped worker is reported with its test, and replaced."""
    done = run_pytest(tmp_path, "test_hang.py", HANGING_TEST, workers="2")
    assert done.returncode != 0
    assert "crashed while running 'test_hang.py::test_waits_in_the_qt_event_loop_forever'" in done.stdout, (
        done.stdout + done.stderr)
