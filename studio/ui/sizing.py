"""How wide a dialog opens: enough for its content to be read, never wider than the screen.

A dialog left to its layout opens at its size hint, and a word-wrapped label or
a list view hints a narrow width whatever they hold: file paths and notes came
out cut or wrapped every two words. `open_wide_enough` sizes a dialog from what
it shows; `view_content_width` measures a list or tree view's rows.
"""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QTreeView

SCREEN_SHARE = 0.9        # of the screen's available width, at most
READABLE_CHARS = 60       # a paragraph of notes reads well at about this many characters a line


def readable_width(widget) -> int:
    """The width of a comfortable line of text in `widget`'s font."""
    return READABLE_CHARS * widget.fontMetrics().averageCharWidth()


def view_content_width(view: QAbstractItemView) -> int:
    """The width that shows every column of `view` whole, with its frame and a vertical scroll bar."""
    header: QHeaderView | None = view.header() if isinstance(view, QTreeView) else None
    columns = header.count() if header is not None else 1   # a list view shows one column
    width = 0
    for column in range(columns):
        hint = max(view.sizeHintForColumn(column), 0)
        if header is not None and not header.isHidden():
            hint = max(hint, header.sectionSizeHint(column))
        width += hint
    return width + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()


def open_wide_enough(dialog: QDialog, content_width: int = 0, minimum_width: int = 0,
                     minimum_height: int = 0) -> None:
    """Resize `dialog` so that `content_width` (plus the layout's margins), its size hint and
    `minimum_width` fit, within SCREEN_SHARE of its screen."""
    layout = dialog.layout()
    margins = 0
    if layout is not None:
        layout.activate()
        left, _top, right, _bottom = layout.getContentsMargins()
        margins = left + right
    hint = dialog.sizeHint()
    width = max(content_width + margins, minimum_width, hint.width())
    screen = dialog.screen()
    if screen is not None:
        width = min(width, int(screen.availableGeometry().width() * SCREEN_SHARE))
    dialog.resize(max(width, hint.width()), max(hint.height(), minimum_height))


__all__ = ["READABLE_CHARS", "open_wide_enough", "readable_width", "view_content_width"]
