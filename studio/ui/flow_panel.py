"""The Flow view: the stages of the conversation as boxes, the rules that move between them as arrows.

Drawn from the explorer's result (`ExploreRunner`): a column per breadth-first
distance from the start stage (see `flow_layout`), one labelled curve per
(from, to, rule), and on each stage the rules that lead into it from (nearly)
every other stage. Stages no explored conversation reaches are dashed and
grey; the rules never reached are listed under the picture. Clicking an
arrow, its label, a rule on a stage or a never-reached rule emits
``open_rule(name)``.

Refresh explores again (the runner answers from its cache until a new
analysis); after a save the view refreshes by itself once the saved text is
analysed (never on a keystroke). Ctrl+wheel zooms.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (QBrush, QFont, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen,
                           QPolygonF, QWheelEvent)
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsPathItem, QGraphicsPolygonItem, QGraphicsRectItem,
                               QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QSpinBox, QSplitter, QVBoxLayout,
                               QWidget)

from studio.explore.search import MAX_DEPTH, Exploration
from studio.ui import theme
from studio.ui.flow_layout import FlowEdge, FlowGraph, flow_graph

RULE_KEY = 0                  # QGraphicsItem.data key: the rule an item opens
STAGE_KEY = 1                 # QGraphicsItem.data key: the stage a box shows
COLOR_KEY = 2                 # QGraphicsItem.data key: a curve's own colour (when not highlighted)
RULE_ROLE = Qt.ItemDataRole.UserRole + 1

NODE_PADDING = 12
NODE_TITLE_HEIGHT = 34
ENTRY_HEIGHT = 20
MIN_NODE_WIDTH = 130
COLUMN_GAP = 180              # room between two columns for the labels of the arrows
ROW_GAP = 70
LANE_STEP = 52                # control-point offset between two curves joining the same stages
DETOUR = 90                   # extra bend of a curve within a column or over a column
ARROW_SIZE = 9
ZOOM_STEP = 1.15
MIN_ZOOM, MAX_ZOOM = 0.2, 4.0
CLICK_SLOP = 4                # px the mouse may move between press and release and still click


class _EdgePath(QGraphicsPathItem):
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


class FlowPanel(QWidget):
    open_rule = Signal(str)

    def __init__(self, workspace, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flow-panel")
        self.workspace = workspace
        self.runner = runner
        self.exploration: Exploration | None = None
        self.graph: FlowGraph | None = None
        self.edge_labels: dict[tuple[str, str, str], QGraphicsRectItem] = {}
        self.edge_paths: dict[tuple[str, str, str], QGraphicsPathItem] = {}
        self.nodes: dict[str, QGraphicsPathItem] = {}
        self.entry_items: dict[tuple[str, str], QGraphicsRectItem] = {}   # (target, rule) -> its line
        self._refresh_after_analysis = False
        self._stale = True   # nothing shown yet, or a save since: explore when next seen
        self._build_ui()
        runner.exploration_started.connect(self._on_started)
        runner.exploration_finished.connect(self.show_exploration)
        runner.exploration_failed.connect(self._on_failed)
        workspace.file_saved.connect(self._on_saved)
        workspace.knowledge_saved.connect(self._on_saved)
        workspace.analysis_finished.connect(self._on_analysis)

    def _build_ui(self) -> None:
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Explore the conversations of the current rules again"))
        self.refresh_button.clicked.connect(self.refresh)
        self.depth_box = QSpinBox(self)
        self.depth_box.setRange(1, MAX_DEPTH)
        self.depth_box.setValue(self.runner.depth)
        self.depth_box.setPrefix(self.tr("Depth "))
        self.depth_box.setToolTip(self.tr("How many customer messages a conversation may have"))
        self.depth_box.valueChanged.connect(self._depth_changed)
        self.status_label = QLabel(self.tr("Not explored yet"), self)
        self.status_label.setObjectName("flow-status")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.refresh_button)
        top.addWidget(self.depth_box)
        top.addWidget(self.status_label, 1)

        self.scene = QGraphicsScene(self)
        self.view = FlowView(self.scene, self)
        self.view.rule_clicked.connect(self.open_rule)
        self.view.rule_hovered.connect(self.highlight)

        # Beside the picture, not under it: a dock at the bottom has width to spare, not height.
        side = QWidget(self)
        self.never_label = QLabel(self.tr("Rules never reached"), side)
        self.never_label.setWordWrap(True)
        self.never_list = QListWidget(side)
        self.never_list.setObjectName("never-reached")
        self.never_list.hide()   # shown when some rule is never reached
        self.never_list.itemActivated.connect(self._never_activated)
        self.never_list.itemClicked.connect(self._never_activated)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(2)
        side_layout.addWidget(self.never_label)
        side_layout.addWidget(self.never_list, 1)
        side.setMinimumWidth(200)
        side.setMaximumWidth(340)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # --- exploring ---------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> bool:
        """Explore the current analysis (from the runner's cache when it is fresh)."""
        self._stale = False
        if not self.runner.request():
            self.status_label.setText(self.tr("The rules are still being read…"))
            self._stale = True
            return False
        return True

    @Slot(int)
    def _depth_changed(self, depth: int) -> None:
        self.runner.depth = depth
        self.refresh()

    @Slot()
    def _on_started(self) -> None:
        self.status_label.setText(self.tr("Exploring conversations…"))

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        last = text.strip().splitlines()[-1] if text.strip() else ""
        self.status_label.setText(self.tr("The explorer failed: {error}").format(error=last))

    @Slot()
    def _on_saved(self, *_args) -> None:
        self._refresh_after_analysis = True   # once the saved text is analysed

    @Slot(object)
    def _on_analysis(self, _analysis) -> None:
        if not (self._refresh_after_analysis or (self._stale and self.exploration is None)):
            return
        self._refresh_after_analysis = False
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale and self.workspace.analysis is not None:
            self.refresh()

    # --- drawing -----------------------------------------------------------------------------------

    def follow_theme(self) -> None:
        """Paint the picture again in the current theme's colours, at the user's zoom and scroll."""
        self.view.setBackgroundBrush(theme.FLOW_BACKGROUND)
        if self.graph is None:
            return
        view = self.view
        transform, zoomed = view.transform(), view.zoomed
        scrolled = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        self._fill_never_reached(self.exploration)
        self._draw(self.graph, self.exploration)   # the same graph: the same scene rectangle
        view.setTransform(transform)
        view.zoomed = zoomed
        view.horizontalScrollBar().setValue(scrolled[0])
        view.verticalScrollBar().setValue(scrolled[1])

    @Slot(object)
    def show_exploration(self, found: Exploration) -> None:
        if found is self.exploration:
            return   # the runner's cache answered: the picture (and the user's zoom) stay as they are
        self.exploration = found
        self.graph = flow_graph(found)
        self.status_label.setText(self._status(found))
        self._fill_never_reached(found)
        self._draw(self.graph, found)

    def _status(self, found: Exploration) -> str:
        text = self.tr("{n} states, depth {d}").format(n=found.states, d=found.depth)
        if found.states_limit_hit:
            text += " · " + self.tr("stopped at the limit of {n} states").format(n=found.states)
        if found.turns_limit_hit:
            text += " · " + self.tr("stopped at the limit of {n} turns").format(n=found.turns)
        if found.messages_limit_hit:
            text += " · " + self.tr("only the first {n} candidate messages tried").format(n=found.messages)
        if found.unexpanded:
            text += " · " + self.tr("{n} states not followed past depth {d}").format(n=found.unexpanded,
                                                                                    d=found.depth)
        if found.skipped:
            text += " · " + self.tr("{n} rules skipped (syntax errors)").format(n=len(found.skipped))
        return text

    def _fill_never_reached(self, found: Exploration) -> None:
        self.never_list.clear()
        never = [rule for rule, conversation in found.rules.items() if conversation is None]
        for rule in never:
            item = QListWidgetItem(theme.dot_icon(theme.FLOW_NEVER_REACHED),
                                   f"{rule}    {found.locations.get(rule, '')}", self.never_list)
            item.setData(RULE_ROLE, rule)
            item.setToolTip(self.tr("No conversation of up to {d} messages fires {rule}").format(
                d=found.depth, rule=rule))
        for skipped in found.skipped:
            item = QListWidgetItem(theme.dot_icon(theme.FLOW_UNREACHED_BORDER, hollow=True),
                                   self.tr("{rule} — syntax error, not explored").format(rule=skipped),
                                   self.never_list)
            item.setData(RULE_ROLE, skipped.split(" (")[0])
        self.never_list.setVisible(self.never_list.count() > 0)
        if never:
            self.never_label.setText(self.tr("Never reached within {d} turns ({n})").format(d=found.depth,
                                                                                            n=len(never)))
        else:
            self.never_label.setText(self.tr("Every rule is reached within {d} turns").format(d=found.depth))

    @Slot(QListWidgetItem)
    def _never_activated(self, item: QListWidgetItem) -> None:
        rule = item.data(RULE_ROLE)
        if rule:
            self.open_rule.emit(rule)

    def _draw(self, graph: FlowGraph, found: Exploration) -> None:
        self.scene.clear()
        self.edge_labels, self.edge_paths, self.nodes, self.entry_items = {}, {}, {}, {}
        font = self.font()
        bold = QFont(font)
        bold.setBold(True)
        rects = self._place_nodes(graph, QFontMetricsF(font), QFontMetricsF(bold))
        for stage, rect in rects.items():
            self._draw_node(graph, found, stage, rect, font, bold)
        taken = list(rects.values())
        centre_y = sum(r.center().y() for r in rects.values()) / max(1, len(rects))
        for edge in graph.edges:
            self._draw_edge(graph, found, edge, rects, font, taken, centre_y)
        bounds = self.scene.itemsBoundingRect().adjusted(-30, -30, 30, 30)
        self.scene.setSceneRect(bounds)
        self.view.zoomed = False
        self.view.fit()

    def _place_nodes(self, graph: FlowGraph, metrics: QFontMetricsF, bold: QFontMetricsF) -> dict[str, QRectF]:
        sizes = {}
        for column in graph.columns:
            for stage in column:
                lines = [self._entry_text(e) for e in graph.entries.get(stage, [])]
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

    def _entry_text(self, entry) -> str:
        if entry.everywhere:
            return self.tr("← {rule}  from any stage").format(rule=entry.rule)
        return self.tr("← {rule}  from {n} stages").format(rule=entry.rule, n=len(entry.sources))

    def _draw_node(self, graph: FlowGraph, found: Exploration, stage: str, rect: QRectF,
                   font: QFont, bold: QFont) -> None:
        reached = graph.reached.get(stage, False)
        start = stage == graph.start
        outline = QPainterPath()
        outline.addRoundedRect(rect, 8, 8)
        node = QGraphicsPathItem(outline)
        node.setData(STAGE_KEY, stage)
        if not reached:
            pen = QPen(theme.FLOW_UNREACHED_BORDER, 1.5, Qt.PenStyle.DashLine)
            node.setBrush(theme.FLOW_UNREACHED_FILL)
            node.setToolTip(self.tr("Stage {stage}: no conversation of up to {d} messages reaches it").format(
                stage=stage, d=found.depth))
        else:
            pen = QPen(theme.FLOW_START_BORDER if start else theme.FLOW_NODE_BORDER, 2.5 if start else 1.5)
            node.setBrush(theme.FLOW_START_FILL if start else theme.FLOW_NODE_FILL)
            conversation = found.stages.get(stage) or ()
            node.setToolTip(self.tr("Stage {stage}").format(stage=stage) + (
                "\n" + " → ".join(conversation) if conversation else ""))
        node.setPen(pen)
        node.setZValue(1)
        self.scene.addItem(node)
        self.nodes[stage] = node
        title = QGraphicsSimpleTextItem(stage, node)
        title.setFont(bold)
        title.setBrush(theme.FLOW_TEXT if reached else theme.FLOW_UNREACHED_TEXT)
        title.setPos(rect.center().x() - title.boundingRect().width() / 2,
                     rect.top() + (NODE_TITLE_HEIGHT - title.boundingRect().height()) / 2)
        y = rect.top() + NODE_TITLE_HEIGHT
        for entry in graph.entries.get(stage, []):
            line = QGraphicsRectItem(QRectF(rect.left() + 4, y, rect.width() - 8, ENTRY_HEIGHT), node)
            line.setPen(Qt.PenStyle.NoPen)
            line.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            line.setData(RULE_KEY, entry.rule)
            line.setCursor(Qt.CursorShape.PointingHandCursor)
            line.setToolTip(self._rule_tip(found, entry.rule) + "\n" + self.tr("from: {stages}").format(
                stages=", ".join(entry.sources)))
            text = QGraphicsSimpleTextItem(self._entry_text(entry), line)
            text.setFont(font)
            text.setBrush(theme.FLOW_ENTRY_TEXT)
            text.setPos(rect.left() + NODE_PADDING, y + (ENTRY_HEIGHT - text.boundingRect().height()) / 2)
            self.entry_items[(stage, entry.rule)] = line
            y += ENTRY_HEIGHT

    def _rule_tip(self, found: Exploration, rule: str) -> str:
        tip = f"{rule}    {found.locations.get(rule, '')}"
        conversation = found.rules.get(rule)
        if conversation:
            tip += "\n" + self.tr("A shortest conversation: {turns}").format(turns=" → ".join(conversation))
        return tip + "\n" + self.tr("Click to open the rule")

    def _draw_edge(self, graph: FlowGraph, found: Exploration, edge: FlowEdge, rects: dict[str, QRectF],
                   font: QFont, taken: list[QRectF], centre_y: float) -> None:
        source, target = rects[edge.source], rects[edge.target]
        columns = (graph.column_of(edge.source), graph.column_of(edge.target))
        forward = columns[0] < columns[1]
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
        start = _border_point(source, control)
        end = _border_point(target, control)
        path = QPainterPath(start)
        path.quadTo(control, end)
        color = theme.FLOW_EDGE if forward else theme.FLOW_EDGE_BACK
        curve = _EdgePath(path)
        curve.setPen(QPen(color, 1.6))
        curve.setData(RULE_KEY, edge.rule)
        curve.setData(COLOR_KEY, color)
        curve.setCursor(Qt.CursorShape.PointingHandCursor)
        curve.setToolTip(self._rule_tip(found, edge.rule))
        self.scene.addItem(curve)
        self._arrowhead(curve, control, end, color)

        text = QGraphicsSimpleTextItem(edge.rule)
        text.setFont(font)
        text.setBrush(theme.FLOW_TEXT)
        box = text.boundingRect().adjusted(-4, -2, 4, 2)
        label_rect = _free_place(box.width(), box.height(), (start, control, end), taken)
        taken.append(label_rect)
        label = QGraphicsRectItem(label_rect)
        label.setPen(QPen(color, 1))
        label.setBrush(theme.FLOW_LABEL_BACKGROUND)
        label.setData(RULE_KEY, edge.rule)
        label.setCursor(Qt.CursorShape.PointingHandCursor)
        label.setToolTip(curve.toolTip())
        label.setZValue(2)
        text.setParentItem(label)
        text.setPos(label_rect.left() + 4, label_rect.top() + 2)
        self.scene.addItem(label)
        key = (edge.source, edge.target, edge.rule)
        self.edge_paths[key] = curve
        self.edge_labels[key] = label

    @staticmethod
    def _arrowhead(curve: QGraphicsItem, control: QPointF, end: QPointF, color) -> None:
        dx, dy = end.x() - control.x(), end.y() - control.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        back = QPointF(end.x() - ux * ARROW_SIZE, end.y() - uy * ARROW_SIZE)
        side = QPointF(-uy * ARROW_SIZE / 2, ux * ARROW_SIZE / 2)
        head = QGraphicsPolygonItem(QPolygonF([end, back + side, back - side]), curve)
        head.setPen(QPen(color, 1))
        head.setBrush(color)
        head.setData(RULE_KEY, curve.data(RULE_KEY))

    @Slot(str)
    def highlight(self, rule: str) -> None:
        """Draw the curves and labels of `rule` in the hover colour (""; none)."""
        for (_source, _target, name), curve in self.edge_paths.items():
            color = theme.FLOW_HOVER if name == rule else curve.data(COLOR_KEY)
            width = 2.6 if name == rule else 1.6
            curve.setPen(QPen(color, width))
            for head in curve.childItems():
                head.setPen(QPen(color, 1))
                head.setBrush(color)
            label = self.edge_labels[(_source, _target, name)]
            label.setPen(QPen(color, 2 if name == rule else 1))
            label.setZValue(3 if name == rule else 2)

    def highlighted(self) -> list[tuple[str, str, str]]:
        return [key for key, curve in self.edge_paths.items() if curve.pen().color() == theme.FLOW_HOVER]

    # --- for tests and the main window ---------------------------------------------------------------

    def stage_names(self) -> list[str]:
        return list(self.nodes)

    def unreached_stages(self) -> list[str]:
        return [s for s, node in self.nodes.items() if node.pen().style() == Qt.PenStyle.DashLine]

    def never_reached_rules(self) -> list[str]:
        return [self.never_list.item(i).data(RULE_ROLE) for i in range(self.never_list.count())]


def _border_point(rect: QRectF, toward: QPointF) -> QPointF:
    """Where the line from the centre of `rect` toward `toward` leaves the rectangle."""
    centre = rect.center()
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    scale = min(rect.width() / 2 / abs(dx) if dx else math.inf, rect.height() / 2 / abs(dy) if dy else math.inf)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


def _free_place(width: float, height: float, curve: tuple[QPointF, QPointF, QPointF],
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
