"""Keep PySide6 6.12 from deallocating `None`, `True` and `False` on Python < 3.12.

`None` is pinned by `studio.ui.editor.pyside_guard` (imported here). Besides,
PySide6 6.12.0 drops one reference of a bool that a Python slot
returns to a Python-defined signal, and of a bool emitted through a
`Signal(bool)`. Where bools are not immortal (Python < 3.12) the process
aborts with "bool_dealloc" after enough such calls, typically at exit. This
gives `True` and `False` the huge refcount that 3.12 gives them. Both guards
belong at the top of `studio/ui/__init__.py`.
"""
import ctypes
import sys

import PySide6

from studio.ui.editor import pyside_guard  # noqa: F401  (None)

if sys.version_info < (3, 12) and PySide6.__version_info__[:2] == (6, 12):
    for _immortal in (True, False):
        ctypes.c_ssize_t.from_address(id(_immortal)).value += 1 << 40
