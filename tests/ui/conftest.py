"""UI tests: Qt without a display, and PySide6 6.12's refcount slips guarded on Python 3.11."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

