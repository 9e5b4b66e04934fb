"""Find in Files (Edit ▸ Find in Files…, Ctrl+Shift+F): a bottom panel over `studio.search`.

A query box with Match case / Regular expression, the results grouped by file
(rules, knowledge, conversation tests; the open editors' unsaved text counts),
and a click, or Enter, on a result opens its file at the match: a rule file
or a conversation test in its editor tab, a knowledge file as text.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (QApplication, QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from studio.search import DEFAULT_LIMIT, SearchResult, search_project
from studio.ui import theme

LOCATION_ROLE = Qt.ItemDataRole.UserRole   # (file, line, column) of a result row
MATCH_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, length) of the match in the row's text


class MatchDelegate(QStyledItemDelegate):
    """Draws a result row with its match marked in the find colour, as the editor marks a find match."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 (Qt override)
        size = super().sizeHint(option, index)   # room below the text: an underscore is not cut off
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 6))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        match = index.data(MATCH_ROLE)
        if not match:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text, option.text = option.text, ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        start, length = match
        metrics = option.fontMetrics
        selected = option.state & QStyle.StateFlag.State_Selected
        colour = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        painter.save()
        painter.setClipRect(option.rect)   # the row, not the text's tight box: descenders (`_`) stay whole
        x = rect.left()
        for part, marked in ((text[:start], False), (text[start:start + length], True), (text[start + length:], False)):
            width = metrics.horizontalAdvance(part)
            if marked:
                painter.fillRect(x, rect.top() + 1, width, rect.height() - 2, theme.FIND_MATCH)
            painter.setPen(theme.TEXT if marked else colour)   # the find colour's own text colour
            painter.drawText(x, rect.top(), max(rect.right() - x, width) + 1, rect.height(),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), part)
            x += width
        painter.restore()


class FindInFilesPanel(QWidget):
    """The query, its options and the results; `open_requested(file, line, column)` on a chosen result."""

    open_requested = Signal(str, int, int)
    search_starting = Signal()   # the editors hand over their latest text now (connected directly)

    def __init__(self, workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-in-files")
        self.workspace = workspace
        self.limit = DEFAULT_LIMIT
        self.result = SearchResult()
        self.query = QLineEdit(self)
        self.query.setObjectName("find-in-files-query")
        self.query.setPlaceholderText(self.tr("Find in rules, knowledge and tests"))
        self.query.setClearButtonEnabled(True)
        self.case_box = QCheckBox(self.tr("Match &case"), self)
        self.regex_box = QCheckBox(self.tr("Regular e&xpression"), self)
        self.find_button = QPushButton(self.tr("Find"), self)
        self.status = QLabel(self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = QTreeWidget(self)
        self.results.setObjectName("find-in-files-results")
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setItemDelegate(MatchDelegate(self.results))

        bar = QHBoxLayout()
        bar.addWidget(self.query, 1)
        bar.addWidget(self.case_box)
        bar.addWidget(self.regex_box)
        bar.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self.query.returnPressed.connect(self.search)
        self.query.installEventFilter(self)   # Down goes from the query to the results
        self.find_button.clicked.connect(self.search)
        self.case_box.toggled.connect(self._options_changed)
        self.regex_box.toggled.connect(self._options_changed)
        self.results.itemActivated.connect(self._open_item)   # Enter, double-click
        self.results.itemClicked.connect(self._open_item)

    @Slot()
    def search(self) -> SearchResult:
        """Search the project for the query now and show the results."""
        self.search_starting.emit()
        workspace = self.workspace
        buffers = {rel: workspace.buffer(rel) for rel in workspace.open_buffers()}
        self.result = search_project(workspace.project, self.query.text(), case_sensitive=self.case_box.isChecked(),
                                     regex=self.regex_box.isChecked(), buffers=buffers, limit=self.limit)
        self._show(self.result)
        return self.result

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (watched is self.query and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
                and self.results.topLevelItemCount()):
            first = self.results.topLevelItem(0)
            self.results.setCurrentItem(first.child(0) if first.childCount() else first)
            self.results.setFocus()
            return True
        return super().eventFilter(watched, event)

    def focus_query(self, text: str = "") -> None:
        if text:
            self.query.setText(text)
        self.query.setFocus()
        self.query.selectAll()

    def locations(self) -> list[tuple[str, int, int]]:
        """Every result row's (file, line, column), in the order shown (for tests and keyboard walks)."""
        rows = []
        for i in range(self.results.topLevelItemCount()):
            group = self.results.topLevelItem(i)
            rows += [group.child(j).data(0, LOCATION_ROLE) for j in range(group.childCount())]
        return rows

    def _show(self, result: SearchResult) -> None:
        self.results.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont(self.results.font())
        bold.setBold(True)
        for hit in result.hits:
            group = groups.get(hit.file)
            if group is None:
                group = groups[hit.file] = QTreeWidgetItem(self.results)
                group.setFont(0, bold)
                group.setData(0, LOCATION_ROLE, (hit.file, 1, 1))
            place = f"{hit.line}:{hit.column}  "
            item = QTreeWidgetItem(group, [place + hit.text])
            item.setData(0, LOCATION_ROLE, (hit.file, hit.line, hit.column))
            item.setData(0, MATCH_ROLE, (len(place) + hit.preview_column - 1, hit.length))
            item.setToolTip(0, f"{hit.file}:{hit.line}:{hit.column}")
        for file, group in groups.items():
            group.setText(0, self.tr("{file} ({n})").format(file=file, n=group.childCount()))
            group.setExpanded(True)
        self.status.setText(self._status_text(result))

    def _status_text(self, result: SearchResult) -> str:
        if result.pattern_error is not None:
            return self.tr("Not a valid regular expression: {error}").format(error=result.pattern_error)
        if not self.query.text():
            return ""
        if result.truncated:
            text = self.tr("Stopped at {n} results: search for something more precise to see them all").format(
                n=len(result.hits))
        elif not result.hits:
            text = self.tr("No results in {files} files").format(files=result.files_searched)
        else:
            text = self.tr("{n} results in {files} of {searched} files").format(
                n=len(result.hits), files=len(result.files()), searched=result.files_searched)
        if result.unreadable:
            text += " — " + self.tr("not searched: {files}").format(
                files=", ".join(f"{rel} ({reason})" for rel, reason in result.unreadable))
        return text

    @Slot()
    def _options_changed(self) -> None:
        if self.query.text():
            self.search()

    @Slot(QTreeWidgetItem)
    def _open_item(self, item: QTreeWidgetItem) -> None:
        if item.parent() is None:
            return   # a file's row only folds its results
        file, line, column = item.data(0, LOCATION_ROLE)
        self.open_requested.emit(file, line, column)


class FindInFiles:
    """The panel docked in a main window, its action in the Edit menu, and opening a result there."""

    def __init__(self, window) -> None:
        self.window = window
        self.panel = FindInFilesPanel(window.workspace, window)
        title = QCoreApplication.translate("FindInFiles", "Find in Files")
        self.dock = window.add_panel("find-in-files-dock", title, self.panel, Qt.DockWidgetArea.BottomDockWidgetArea,
                                     tabify_with=window.problems_dock)
        window.problems_dock.raise_()   # the Problems stay in front at launch
        self.action = QAction(QCoreApplication.translate("FindInFiles", "Find &in Files…"), window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.action.triggered.connect(self.show)
        window.addAction(self.action)
        edit_actions = window.edit_menu.actions()
        after_replace = edit_actions.index(window.replace_action) + 1
        window.edit_menu.insertAction(edit_actions[after_replace] if after_replace < len(edit_actions) else None,
                                      self.action)
        self.panel.open_requested.connect(self.open_result)
        self.panel.search_starting.connect(window.tabs.flush)

    def show(self) -> None:
        """Bring the panel forward, its query filled with the editor's selection (one line of it) if any."""
        self.dock.show()
        self.dock.raise_()
        editor = self.window.tabs.current_editor()
        selected = editor.textCursor().selectedText() if editor is not None else ""
        self.panel.focus_query(selected if selected and "\u2029" not in selected else "")

    def open_result(self, file: str, line: int, column: int) -> None:
        window = self.window
        if file.startswith("knowledge/"):
            window.open_knowledge_as_text(file, line, column)   # the match itself, not its node in the tree
        else:   # a rule file or a conversation test: its tab (not the Tests panel, which would hide the results)
            window.tabs.go_to(file, line, column)


def install(window) -> FindInFiles:
    """Dock Find in Files in `window` (bottom, beside the Problems) with Edit ▸ Find in Files… (Ctrl+Shift+F)."""
    return FindInFiles(window)
