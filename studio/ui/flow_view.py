"""The Flow view's picture: a graphics view that zooms on Ctrl+wheel and tells which rule was clicked.

Every item of the picture that names a rule carries it under `RULE_KEY`
(`QGraphicsItem.data`), so the view answers "which rule is here" without
knowing how the panel drew it (`flow_panel.py` draws, `flow_geometry.py`
says where).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QWheelEvent
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsView, QWidget

from studio.ui import theme

RULE_KEY = 0                  # QGraphicsItem.data key: the rule an item opens
STAGE_KEY = 1                 # QGraphicsItem.data key: the stage a box shows
COLOR_KEY = 2                 # QGraphicsItem.data key: a curve's own colour (when not highlighted)

ZOOM_STEP = 1.15
MIN_ZOOM, MAX_ZOOM = 0.2, 4.0
CLICK_SLOP = 4                # px the mouse may move between press and release and still click


class EdgePath(QGraphicsPathItem):
    """A curve that is hit along its stroke (a path item's own shape is the filled area under it)."""

    def shape(self) -> QPainterPath:  # noqa: N802 (Qt override)
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        return stroker.createStroke(self.path())


class FlowView(QGraphicsView):
    """The picture: click on something that names a rule → ``rule_clicked``; the rule under the mouse
    → ``rule_hovered`` ("" when none); Ctrl+wheel zooms."""

    rule_clicked = Signal(str)
    rule_hovered = Signal(str)

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("flow-view")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(theme.FLOW_BACKGROUND)
        self._pressed_at = None
        self._hovered = ""
        self.zoomed = False   # by the user: a resize keeps their zoom; else the picture is fitted again

    def fit(self) -> None:
        """Show it all when it fits at a readable size, else start at that size (scroll for the rest)."""
        bounds = self.sceneRect()
        self.resetTransform()
        viewport = self.viewport().size()
        if viewport.width() > 0 and viewport.height() > 0 and bounds.width() > 0 and bounds.height() > 0:
            fitting = min(viewport.width() / bounds.width(), viewport.height() / bounds.height())
            scale = max(0.5, min(1.0, fitting))
            self.scale(scale, scale)
        self.centerOn(bounds.center())
        if bounds.width() * self.zoom() > viewport.width():   # too wide to fit: begin at the start stage
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if not self.zoomed:
            self.fit()

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        factor = max(MIN_ZOOM / self.zoom(), min(MAX_ZOOM / self.zoom(), factor))
        self.scale(factor, factor)
        self.zoomed = True

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            rule = self.rule_at(event.position().toPoint()) or ""
            if rule != self._hovered:
                self._hovered = rule
                self.rule_hovered.emit(rule)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        at = event.position().toPoint()
        if (event.button() == Qt.MouseButton.LeftButton and self._pressed_at is not None
                and (at - self._pressed_at).manhattanLength() <= CLICK_SLOP):
            rule = self.rule_at(at)
            if rule:
                self.rule_clicked.emit(rule)
        self._pressed_at = None

    def rule_at(self, point) -> str | None:
        for item in self.items(point):
            rule = item.data(RULE_KEY)
            if rule:
                return rule
        return None
