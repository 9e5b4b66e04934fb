"""Deterministic measures of work for tests that guard against quadratic cost (no stopwatch)."""
import sys


def python_lines_run(work) -> int:
    """How many lines of Python `work()` runs: a deterministic measure of work (C code counts nothing)."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count
