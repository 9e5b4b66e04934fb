"""Where the Flow view puts things: the boxes of the stages, the curve of each arrow, its label and head.

Plain geometry in scene coordinates (`QRectF`, `QPointF`), no items and no
colours, so that `flow_panel.py` reads as "draw this here": columns of boxes
as `flow_layout` orders them, one quadratic curve per (from, to, rule) with
its lane, a label that covers no box and no other label.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QPolygonF

from studio.ui.flow_layout import FlowEdge, FlowGraph

NODE_PADDING = 12
NODE_TITLE_HEIGHT = 34
ENTRY_HEIGHT = 20
MIN_NODE_WIDTH = 130
COLUMN_GAP = 180              # room between two columns for the labels of the arrows
ROW_GAP = 70
LANE_STEP = 52                # control-point offset between two curves joining the same stages
DETOUR = 90                   # extra bend of a curve within a column or over a column
ARROW_SIZE = 9


def place_nodes(graph: FlowGraph, entry_lines: dict[str, list[str]], metrics: QFontMetricsF,
                bold: QFontMetricsF) -> dict[str, QRectF]:
    """The box of each stage: its title in `bold`, its `entry_lines` under it; columns side by side,
    each centred on the tallest."""
    sizes = {}
    for column in graph.columns:
        for stage in column:
            lines = entry_lines.get(stage, [])
            width = max([bold.horizontalAdvance(stage)] + [metrics.horizontalAdvance(t) for t in lines])
            height = NODE_TITLE_HEIGHT + len(lines) * ENTRY_HEIGHT + (6 if lines else 0)
            sizes[stage] = (max(MIN_NODE_WIDTH, width + 2 * NODE_PADDING), height)
    heights = [sum(sizes[s][1] for s in column) + ROW_GAP * (len(column) - 1) for column in graph.columns]
    tallest = max(heights, default=0)
    rects, x = {}, 0.0
    for column, height in zip(graph.columns, heights):
        width = max(sizes[s][0] for s in column)
        y = (tallest - height) / 2
        for stage in column:
            w, h = sizes[stage]
            rects[stage] = QRectF(x + (width - w) / 2, y, w, h)
            y += h + ROW_GAP
        x += width + COLUMN_GAP
    return rects


def edge_curve(graph: FlowGraph, edge: FlowEdge, rects: dict[str, QRectF],
               centre_y: float) -> tuple[QPointF, QPointF, QPointF]:
    """The quadratic curve (start, control, end) of `edge`, from border to border of its boxes."""
    source, target = rects[edge.source], rects[edge.target]
    columns = (graph.column_of(edge.source), graph.column_of(edge.target))
    # Lanes are measured on one side of the pair (the earlier stage to the later one), so that
    # the curves of both directions between two stages fan out without crossing each other.
    first, second = (source, target) if (columns[0], graph.row_of(edge.source)) <= \
        (columns[1], graph.row_of(edge.target)) else (target, source)
    a, b = first.center(), second.center()
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = math.hypot(dx, dy) or 1.0
    normal = QPointF(-dy / length, dx / length)
    offset = edge.lane * LANE_STEP
    span = abs(columns[0] - columns[1])
    middle = (source.center() + target.center()) / 2
    if span != 1:   # within a column or over columns: bend around the boxes between, on the outer side
        outward = 1.0 if (middle.y() - centre_y) * normal.y() > 0 else -1.0
        if offset:
            outward = 1.0 if offset > 0 else -1.0
        offset += outward * DETOUR * max(1, span)
    control = middle + normal * offset
    return border_point(source, control), control, border_point(target, control)


def arrowhead(control: QPointF, end: QPointF) -> QPolygonF:
    """The triangle at `end` of a curve that arrives from `control`."""
    dx, dy = end.x() - control.x(), end.y() - control.y()
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    back = QPointF(end.x() - ux * ARROW_SIZE, end.y() - uy * ARROW_SIZE)
    side = QPointF(-uy * ARROW_SIZE / 2, ux * ARROW_SIZE / 2)
    return QPolygonF([end, back + side, back - side])


def border_point(rect: QRectF, toward: QPointF) -> QPointF:
    """Where the line from the centre of `rect` toward `toward` leaves the rectangle."""
    centre = rect.center()
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    scale = min(rect.width() / 2 / abs(dx) if dx else math.inf, rect.height() / 2 / abs(dy) if dy else math.inf)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


def free_place(width: float, height: float, curve: tuple[QPointF, QPointF, QPointF],
               taken: list[QRectF]) -> QRectF:
    """A label's place on its curve (the middle, else further along either way) that covers no box and no
    other label; else above or below the middle."""
    start, control, end = curve

    def around(t: float) -> QRectF:
        at = start * (1 - t) ** 2 + control * (2 * (1 - t) * t) + end * t ** 2
        return QRectF(at.x() - width / 2, at.y() - height / 2, width, height)

    places = [around(t) for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74)]
    step = height + 2
    places += [around(0.5).translated(0, (i + 1) // 2 * step * (1 if i % 2 else -1)) for i in range(1, 25)]
    for place in places:
        if not any(place.intersects(other) for other in taken):
            return place
    return places[0]
