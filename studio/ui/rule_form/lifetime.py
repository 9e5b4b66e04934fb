"""Taking a widget out of the form for good.

`hide()` first, keeping its parent, then `deleteLater()`: a widget laid out in a
visible parent is shown by a call Qt queues (`QLayout::addChildWidget`), and a
widget reparented to None before that call runs would be shown as a window of
its own at the screen's corner until its deletion.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget


def discard(widget: QWidget, layout: QLayout | None = None) -> None:
    if layout is not None:
        layout.removeWidget(widget)
    widget.hide()
    widget.deleteLater()
