"""Keep PySide6 6.12 from deallocating `None` on Python < 3.12.

PySide6 6.12.0's void methods (`setFormat`, `setPosition`, `update`, ...)
return `None` without a new reference, which is only harmless where `None` is
immortal (Python ≥ 3.12, PEP 683). On 3.11 every such call drops one of
None's references and the process aborts with "none_dealloc" after a few
thousand calls. Importing this module gives `None` the huge refcount that
3.12 gives it. Belongs at the top of `studio/ui/__init__.py`; it is imported
by the editor modules until it moves there.
"""
import ctypes
import sys

import PySide6

if sys.version_info < (3, 12) and PySide6.__version_info__[:2] == (6, 12):
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
