"""The knowledge editor (SPEC §7): tree model, undo commands, property form, panel, brand rename."""
from studio.ui import pyside_guards  # noqa: F401  (first: before any PySide6 call)
