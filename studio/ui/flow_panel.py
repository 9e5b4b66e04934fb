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

This module explores and draws; the view that zooms and tells which rule was
clicked is `flow_view.py`, where boxes, curves and labels go `flow_geometry.py`.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import (QGraphicsPathItem, QGraphicsPolygonItem, QGraphicsRectItem, QGraphicsScene,
                               QGraphicsSimpleTextItem, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QSpinBox, QSplitter, QVBoxLayout, QWidget)

from studio.explore.search import MAX_DEPTH, Exploration
from studio.ui import theme
from studio.ui.flow_geometry import (ENTRY_HEIGHT, NODE_PADDING, NODE_TITLE_HEIGHT, arrowhead, edge_curve,
                                     free_place, place_nodes)
from studio.ui.flow_layout import FlowEdge, FlowGraph, flow_graph
from studio.ui.flow_view import COLOR_KEY, RULE_KEY, STAGE_KEY, EdgePath, FlowView

RULE_ROLE = Qt.ItemDataRole.UserRole + 1


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
        lines = {stage: [self._entry_text(e) for e in entries] for stage, entries in graph.entries.items()}
        rects = place_nodes(graph, lines, QFontMetricsF(font), QFontMetricsF(bold))
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
        start, control, end = edge_curve(graph, edge, rects, centre_y)
        forward = graph.column_of(edge.source) < graph.column_of(edge.target)
        path = QPainterPath(start)
        path.quadTo(control, end)
        color = theme.FLOW_EDGE if forward else theme.FLOW_EDGE_BACK
        curve = EdgePath(path)
        curve.setPen(QPen(color, 1.6))
        curve.setData(RULE_KEY, edge.rule)
        curve.setData(COLOR_KEY, color)
        curve.setCursor(Qt.CursorShape.PointingHandCursor)
        curve.setToolTip(self._rule_tip(found, edge.rule))
        self.scene.addItem(curve)
        head = QGraphicsPolygonItem(arrowhead(control, end), curve)
        head.setPen(QPen(color, 1))
        head.setBrush(color)
        head.setData(RULE_KEY, edge.rule)

        text = QGraphicsSimpleTextItem(edge.rule)
        text.setFont(font)
        text.setBrush(theme.FLOW_TEXT)
        box = text.boundingRect().adjusted(-4, -2, 4, 2)
        label_rect = free_place(box.width(), box.height(), (start, control, end), taken)
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
