"""Tab order in the form's reading order.

The form's rows, fields and chips are made and remade as the rule changes, and
Qt puts each new widget at the end of the window's tab chain, so Tab would jump
from the priority over the condition to the rest of the window. The panel asks
for the next field by walking its layouts in order instead (what the eye reads:
left to right along a line, the lines top to bottom).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QScrollArea, QWidget


def tab_chain(layout: QLayout) -> list[QWidget]:
    """The widgets that Tab may stop at, in the order of `layout` and the layouts of the widgets in it."""
    out: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget, inner = item.widget(), item.layout()
        if inner is not None:
            out += tab_chain(inner)
        elif widget is not None and _shown(widget) and widget.isEnabled():
            if isinstance(widget, QScrollArea) and widget.widget() is not None and widget.widget().layout():
                out += tab_chain(widget.widget().layout())
            elif widget.layout() is not None:
                out += tab_chain(widget.layout())
            elif widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                out.append(widget)
    return out


def _shown(widget: QWidget) -> bool:
    """Not hidden on purpose: a widget just laid out is shown a moment later (a call Qt queues)."""
    return not (widget.isHidden() and widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide))


def next_in_chain(chain: list[QWidget], focus: QWidget | None, forward: bool) -> QWidget | None:
    """The widget after (before) the one holding `focus` (it or an ancestor is in `chain`); None at either end
    or when the focus is not in the chain."""
    holder = focus
    while holder is not None and holder not in chain:
        holder = holder.parentWidget()
    if holder is None:
        return None
    at = chain.index(holder) + (1 if forward else -1)
    return chain[at] if 0 <= at < len(chain) else None
