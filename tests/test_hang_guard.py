"""A test that hangs fails the run with a stack dump instead of keeping CI waiting forever.

The hang that matters here sits in Qt's C++ event loop (a modal dialog nobody can
click offscreen), where a Python signal handler never runs: the guard must work there.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HANGING_TEST = """
from PySide6.QtCore import QEventLoop

def test_waits_in_the_qt_event_loop_forever(qtbot):
    QEventLoop().exec()
"""


def test_the_suite_has_a_default_timeout(pytestconfig):
    assert float(pytestconfig.getini("timeout")) > 0
    assert pytestconfig.getini("timeout_method") == "thread"


def test_a_test_stuck_in_the_qt_event_loop_is_stopped_by_the_timeout(tmp_path):
    (tmp_path / "test_hang.py").write_text(HANGING_TEST, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-c", str(ROOT / "pyproject.toml"),
                           "--rootdir", str(tmp_path), "-o", "timeout=2", str(tmp_path / "test_hang.py")],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=90)
    assert done.returncode != 0
    assert "Timeout" in done.stdout + done.stderr
    assert "test_waits_in_the_qt_event_loop_forever" in done.stdout + done.stderr
