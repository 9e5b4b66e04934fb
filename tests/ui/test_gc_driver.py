import gc

from studio.ui.gc_driver import UiThreadGarbageCollector


class Cycle:
    def __init__(self):
        self.me = self


def test_collects_cycles_from_the_ui_thread_timer_only(qtbot):
    was_enabled = gc.isenabled()   # off for the test session (tests/conftest.py), on in a plain process
    collector = UiThreadGarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        for _ in range(gc.get_threshold()[0] * 2):
            Cycle()
        assert gc.get_count()[0] > gc.get_threshold()[0]   # nothing collected behind our back
        qtbot.waitUntil(lambda: gc.get_count()[0] <= gc.get_threshold()[0], timeout=2000)
    finally:
        collector.stop()
    assert gc.isenabled() == was_enabled


def test_stopping_brings_automatic_collection_back_only_if_it_was_on(qtbot):
    session = gc.isenabled()
    gc.enable()
    try:
        collector = UiThreadGarbageCollector()
        collector.stop()
        assert gc.isenabled()
        gc.disable()
        collector = UiThreadGarbageCollector()
        collector.stop()
        assert not gc.isenabled()
    finally:
        if session:
            gc.enable()
        else:
            gc.disable()
