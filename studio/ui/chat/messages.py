"""The chat tester's message list: a list model of bubbles and the delegate that paints them.

A row is a `ChatMessage`: the user's message (right, blue), the bot's reply
(left, grey) with a caption under it — intent · intent source · rule — and,
when an LLM call failed, a warning line; or a notice (reset, replay, errors).
A bot row is *pending* while its turn runs; streamed GENERATE text fills it
and the final reply replaces it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from studio.ui import theme

ROLE_ROLE = Qt.ItemDataRole.UserRole + 1
CAPTION_ROLE = Qt.ItemDataRole.UserRole + 2
WARNING_ROLE = Qt.ItemDataRole.UserRole + 3
TURN_ROLE = Qt.ItemDataRole.UserRole + 4
PENDING_ROLE = Qt.ItemDataRole.UserRole + 5

USER, BOT, NOTICE = "user", "bot", "notice"


@dataclass(frozen=True)
class ChatMessage:
    role: str                  # USER | BOT | NOTICE
    text: str
    turn: int | None = None    # the turn (index into the panel's turns) this row belongs to
    caption: str = ""          # under a bot bubble: "intent product_query · keywords · rule choose_phone"
    warning: str = ""          # under the caption: "LLM failed: HTTP 500 — answered offline"
    pending: bool = False      # the turn is still running (text: streamed so far, or empty)


class ChatMessagesModel(QAbstractListModel):
    """The conversation as rows; changed only through `append`, `update` and `clear`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ChatMessage] = []

    # --- our API -------------------------------------------------------------------------

    def append(self, message: ChatMessage) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(message)
        self.endInsertRows()
        return row

    def update(self, row: int, **changes) -> None:
        self._rows[row] = replace(self._rows[row], **changes)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def clear(self) -> None:
        if not self._rows:
            return
        self.beginRemoveRows(QModelIndex(), 0, len(self._rows) - 1)
        self._rows.clear()
        self.endRemoveRows()

    def message(self, row: int) -> ChatMessage:
        return self._rows[row]

    def messages(self) -> list[ChatMessage]:
        return list(self._rows)

    def row_of_turn(self, turn: int, role: str = BOT) -> int:
        """The row of `turn`'s bubble of `role` (-1 when there is none)."""
        return next((i for i, m in enumerate(self._rows) if m.turn == turn and m.role == role), -1)

    # --- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        message = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return message.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(t for t in (message.caption, message.warning) if t) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " — ".join(t for t in (message.text, message.caption, message.warning) if t)
        if role == ROLE_ROLE:
            return message.role
        if role == CAPTION_ROLE:
            return message.caption
        if role == WARNING_ROLE:
            return message.warning
        if role == TURN_ROLE:
            return message.turn
        if role == PENDING_ROLE:
            return message.pending
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled
        if self._rows[index.row()].turn is not None:
            flags |= Qt.ItemFlag.ItemIsSelectable   # a turn's bubbles select the turn (its trace)
        return flags


# --- painting ----------------------------------------------------------------------------------

PAD_X, PAD_Y = 10, 6            # inside a bubble
MARGIN_X, MARGIN_Y = 8, 4       # around a row
BUBBLE_SHARE = 0.82             # a bubble takes at most this share of the view's width
RADIUS = 8
_WRAP = Qt.TextFlag.TextWordWrap


class BubbleDelegate(QStyledItemDelegate):
    """Paints a row as a chat bubble with its caption and warning lines underneath."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.85))
        return option.font, small

    def _layout(self, option: QStyleOptionViewItem, index) -> dict:
        """Rects of the bubble, its text and the lines under it, for a row of the view's width."""
        font, small = self._fonts(option)
        width = max(120, self._view.viewport().width())
        role = index.data(ROLE_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ("…" if index.data(PENDING_ROLE) else "")
        bubble_max = int(width * BUBBLE_SHARE) if role != NOTICE else width - 2 * MARGIN_X
        text_rect = QFontMetrics(font).boundingRect(QRect(0, 0, bubble_max - 2 * PAD_X, 100000), _WRAP, text)
        bubble_w = max(text_rect.width(), 16) + 2 * PAD_X
        bubble_h = text_rect.height() + 2 * PAD_Y
        left = width - MARGIN_X - bubble_w if role == USER else MARGIN_X
        bubble = QRect(left, MARGIN_Y, bubble_w, bubble_h)
        lines = []
        y = bubble.bottom() + 3
        metrics = QFontMetrics(small)
        for kind in (CAPTION_ROLE, WARNING_ROLE):
            line = index.data(kind)
            if line:
                rect = metrics.boundingRect(QRect(0, 0, width - 2 * MARGIN_X - 4, 100000), _WRAP, line)
                lines.append((kind, line, QRect(MARGIN_X + 4, y, width - 2 * MARGIN_X - 4, rect.height())))
                y += rect.height() + 1
        return {"text": text, "bubble": bubble, "lines": lines, "height": y + MARGIN_Y, "width": width,
                "font": font, "small": small}

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 (Qt override)
        layout = self._layout(option, index)
        return QSize(layout["width"], layout["height"])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        layout = self._layout(option, index)
        role = index.data(ROLE_ROLE)
        pending = bool(index.data(PENDING_ROLE))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(option.rect.topLeft())
        bubble = layout["bubble"]
        fill = {USER: theme.CHAT_USER_BUBBLE, BOT: theme.CHAT_BOT_BUBBLE}.get(role, theme.CHAT_NOTICE_BUBBLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pen = QPen(theme.CHAT_SELECTED_BORDER if selected else theme.CHAT_BUBBLE_BORDER, 2 if selected else 1)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(bubble, RADIUS, RADIUS)
        font = QFont(layout["font"])
        font.setItalic(pending)
        painter.setFont(font)
        painter.setPen(theme.CHAT_PENDING_TEXT if pending else option.palette.color(QPalette.ColorRole.Text))
        painter.drawText(bubble.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y), _WRAP, layout["text"])
        painter.setFont(layout["small"])
        for kind, line, rect in layout["lines"]:
            painter.setPen(theme.CHAT_WARNING_TEXT if kind == WARNING_ROLE else theme.CHAT_CAPTION_TEXT)
            flags = _WRAP | (Qt.AlignmentFlag.AlignRight if role == USER else Qt.AlignmentFlag.AlignLeft)
            painter.drawText(rect, flags, line)
        painter.restore()


__all__ = ["BOT", "NOTICE", "USER", "BubbleDelegate", "ChatMessage", "ChatMessagesModel",
           "CAPTION_ROLE", "PENDING_ROLE", "ROLE_ROLE", "TURN_ROLE", "WARNING_ROLE"]
