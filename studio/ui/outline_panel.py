"""The outline of the current rule file: its declarations and rules, in source order.

Fed with a parsed `Program` (the parser recovers, so a half-typed file still
has an outline; a rule cut short by a syntax error is listed, marked
incomplete). Activating an entry emits ``go_to(line, column)``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from studio.dsl.ast import Program

POSITION_ROLE = Qt.ItemDataRole.UserRole + 1
RULE_NAME_ROLE = Qt.ItemDataRole.UserRole + 2   # coverage (tests panel): the rule's name on RULE entries
COVERAGE_ROLE = Qt.ItemDataRole.UserRole + 3    # coverage: "covered" / "untested" / None
COVERAGE_TIP_MARK = "● "


def _dot(color: QColor) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, 8, 8)
    painter.end()
    return QIcon(pixmap)


class OutlinePanel(QWidget):
    go_to = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemClicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)
        self._file = ""
        self._coverage: dict[str, int] | None = None   # coverage (tests panel): rule -> times fired

    @property
    def file(self) -> str:
        return self._file

    @Slot(object)
    def set_program(self, program: Program | None) -> None:
        """Show the outline of `program` (None: no rule file is current)."""
        self._file = program.file if program else ""
        self.tree.clear()
        if program is None:
            return
        entries = []
        for intent in program.intents:
            entries.append((intent.span, "INTENT", intent.name.text, self.tr("intent"), True))
        for persona in program.personas:
            name = persona.as_dict().get("salesperson_name", "")
            entries.append((persona.span, "PERSONA", name, self.tr("persona"), True))
        for stage in program.sales_stages:
            entries.append((stage.span, "SALES_STAGE", f"{stage.number.value} {stage.title.value}",
                            self.tr("sales stage"), True))
        for rule in program.rules:
            detail = self.tr("priority {n}").format(n=rule.priority) if rule.priority_span else ""
            entries.append((rule.span, "RULE", rule.name.text, detail, rule.complete))
        entries.sort(key=lambda e: e[0].start)
        for span, keyword, name, detail, complete in entries:
            label = f"{keyword}  {name}"
            item = QTreeWidgetItem([label])
            item.setData(0, POSITION_ROLE, (span.line, span.column))
            if keyword == "RULE":
                item.setData(0, RULE_NAME_ROLE, name)
            where = self.tr("line {n}").format(n=span.line)
            tip = f"{keyword} {name} — {where}"
            if detail:
                tip += f" ({detail})"
            if not complete:
                item.setText(0, label + "  " + self.tr("(incomplete)"))
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
                item.setForeground(0, self.palette().placeholderText())
                tip += "\n" + self.tr("A syntax error cuts this rule short; it never runs.")
            item.setToolTip(0, tip)
            self.tree.addTopLevelItem(item)
        self._apply_filter(self.filter_edit.text())
        self._apply_coverage()

    # --- coverage (added for the tests panel) ------------------------------------------------------

    @Slot(object)
    def set_coverage(self, fired: dict[str, int] | None) -> None:
        """Mark each rule with how often the last test run fired it (None: no marks)."""
        self._coverage = None if fired is None else dict(fired)
        self._apply_coverage()

    def coverage_marks(self) -> dict[str, str]:
        """Rule name -> "covered" / "untested" as shown (for tests)."""
        marks = {}
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, RULE_NAME_ROLE) and item.data(0, COVERAGE_ROLE):
                marks[item.data(0, RULE_NAME_ROLE)] = item.data(0, COVERAGE_ROLE)
        return marks

    def follow_theme(self) -> None:
        self._apply_coverage()   # the coverage dots in the current theme's colours

    def _apply_coverage(self) -> None:
        from studio.ui.theme import MARK_COLORS
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            name = item.data(0, RULE_NAME_ROLE)
            if not name:
                continue
            tip = item.toolTip(0).split("\n" + COVERAGE_TIP_MARK)[0]
            if self._coverage is None:
                item.setIcon(0, QIcon())
                item.setData(0, COVERAGE_ROLE, None)
                item.setToolTip(0, tip)
                continue
            count = self._coverage.get(name, 0)
            kind = "covered" if count else "untested"
            item.setIcon(0, _dot(MARK_COLORS[kind]))
            item.setData(0, COVERAGE_ROLE, kind)
            item.setToolTip(0, tip + "\n" + COVERAGE_TIP_MARK + (
                self.tr("fired {n}× in the last test run").format(n=count) if count
                else self.tr("never fired in the last test run")))

    def entries(self) -> list[str]:
        """The labels shown (for tests and quick checks)."""
        return [self.tree.topLevelItem(i).text(0) for i in range(self.tree.topLevelItemCount())]

    @Slot(int)
    def follow_line(self, line: int) -> None:
        """Select the entry that holds `line` (the editor's cursor), without moving the editor."""
        best = None
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            start_line, _ = item.data(0, POSITION_ROLE)
            if start_line <= line:
                best = item
        if best is not None and best is not self.tree.currentItem():
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(best)
            self.tree.blockSignals(False)

    @Slot(QTreeWidgetItem)
    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        line, column = item.data(0, POSITION_ROLE)
        self.go_to.emit(line, column)

    @Slot(str)
    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            item.setHidden(bool(needle) and needle not in item.text(0).casefold())
