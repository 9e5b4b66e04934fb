import gc

from studio.ui.gc_driver import UiThreadGarbageCollector


class Cycle:
    def __init__(self):
        self.me = self


def test_collects_cycles_from_the_ui_thread_timer_only(qtbot):
    collector = UiThreadGarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        for _ in range(gc.get_threshold()[0] * 2):
            Cycle()
        assert gc.get_count()[0] > gc.get_threshold()[0]   # nothing collected behind our back
        qtbot.waitUntil(lambda: gc.get_count()[0] <= gc.get_threshold()[0], timeout=2000)
    finally:
        collector.stop()
    assert gc.isenabled()
