"""Shared test set-up: Qt without a display, lazyllm kept quiet and out of $HOME, garbage
collected on the main thread only."""
import atexit
import gc
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if "LAZYLLM_HOME" not in os.environ:
    # For anything that imports lazyllm outside a test's sandbox; removed when the session ends.
    os.environ["LAZYLLM_HOME"] = tempfile.mkdtemp(prefix="rule-studio-lazyllm-")
    atexit.register(shutil.rmtree, os.environ["LAZYLLM_HOME"], ignore_errors=True)
os.environ.setdefault("LAZYLLM_TRACE_ENABLED", "0")
# Tests read the core's messages in English, the source language, whatever the machine's locale;
# tests/i18n sets the language themselves.
os.environ["RULE_STUDIO_LANG"] = "en"

# The loopback OpenAI-compatible server and the lazyllm sandbox, for every test package.
from tests.llm.fake_openai_server import fake_openai_server, lazyllm_sandbox  # noqa: E402,F401 (fixtures)

from studio.ui.gc_driver import collect_due  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def garbage_collected_on_the_main_thread():
    """As in the studio (studio/ui/gc_driver.py): the cyclic collector never runs on a worker thread.

    Left automatic, it runs on whichever thread trips its threshold, and a
    collection on an analysis or chat worker thread can destroy Qt objects of
    an earlier test there and crash the run later (seen with low thresholds).
    """
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_due_garbage():
    yield
    collect_due()


def pytest_collection_modifyitems(items):
    """A hang fails its own test (the default `signal` method) and the run goes on; but a Python
    signal handler never runs while Qt's C++ event loop waits, so a test that drives Qt (it uses
    `qtbot`) is guarded by the `thread` method, which stops the process with every stack (under
    pytest-xdist one worker, which is replaced)."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(method="thread"))
