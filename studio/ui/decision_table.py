"""The Decision Table panel: every rule of the project (or of one file) as a row (studio/decision_table.py).

Columns: rule, priority, intent, stage, mentions, other conditions,
actions, how often the rule fired in the conversation tests ("…" until the
tests, run in `FiredCounter`'s worker thread, have told), file and line. Sort
by a header, filter by any text, group by intent or by stage (group rows
with the rules under them). Double-click opens the rule in the editor.
Export… writes the rows shown (filtered, sorted, flat) to .xlsx or .csv
(studio/decision_table_export.py).

Priority, intent and stage are edited in place (select the cell, then click
it again or press F2): the edit rewrites only those characters of the rule
file, through its editor tab (opened when needed), as one undoable edit; the
table follows the re-check. `install_decision_table(window)` docks the panel
at the bottom, tabbed with the Tests.

This module is the panel: its layout, choices, status line, editing and
export. The cells (columns, what they show and sort by, their editors) are
studio/ui/decision_table_cells.py; the counting thread is
studio/ui/decision_table_counter.py.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTreeView,
                               QVBoxLayout, QWidget)

from studio.decision_table import CellEditError, TableRow, intent_edit, priority_edit, stage_edit, table_rows
from studio.decision_table_export import ExportError, export_rows
from studio.ui import theme
from studio.ui.decision_table_cells import (ACTIONS, COLUMNS, FIRED, INTENT, MENTIONS, OTHER, PRIORITY, ROW_ROLE,
                                            SORT_ROLE, STAGE, CellDelegate, GroupedSortProxy, cell_values,
                                            fired_items, group_items, rows_in_view)
from studio.ui.decision_table_counter import FiredCounter
from studio.vocabulary import vocabulary

TEXT_COLUMN_WIDTH = 240   # mentions, other conditions, actions: the rest is in the tooltip
NO_GROUP, BY_INTENT, BY_STAGE = "none", "intent", "stage"
COUNT_DELAY_MS = 300   # a burst of re-checks (typing) makes one test run
EXPORT_NAME = "decision_table.xlsx"   # suggested in the project folder


class DecisionTablePanel(QWidget):
    open_location = Signal(str, int, int)
    table_changed = Signal()   # the rows were rebuilt (a new analysis, scope, grouping or counts)

    def __init__(self, workspace, editor_tabs, prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decision-table-panel")
        self.workspace = workspace
        self.tabs = editor_tabs
        self.prompts = prompts
        self.rows: list[TableRow] = []
        self.fired: dict[str, int] | None = None
        self.intents: list[str] = []
        self.stages: list[str] = []
        self._in_view = False
        self._counts_stale = True
        self._counting: int | None = None   # the generation of the count that will fit the shown rules
        self.counter = FiredCounter(self)
        self.counter.worker.counted.connect(self._on_counted)
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count_now)
        self._build()
        workspace.analysis_finished.connect(self._on_analysis)
        if workspace.analysis is not None:
            self._on_analysis(workspace.analysis)

    def title(self) -> str:
        return self.tr("Decision Table")

    def _build(self) -> None:
        self.scope_box = QComboBox(self)
        self.scope_box.setToolTip(self.tr("The rules of the whole project or of one rule file"))
        self.scope_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.group_box = QComboBox(self)
        for label, key in ((self.tr("No grouping"), NO_GROUP), (self.tr("Group by intent"), BY_INTENT),
                           (self.tr("Group by stage"), BY_STAGE)):
            self.group_box.addItem(label, key)
        self.group_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("decision-table-filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter: any text of a row (rule, intent, stage, action…)"))
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("decision-table-export")
        self.export_button.setToolTip(self.tr("Write the rows shown (filtered, sorted, without groups) to an Excel "
                                              "workbook or a CSV file"))
        self.export_button.clicked.connect(self.choose_export)
        self.status = QLabel(self)
        self.status.setStyleSheet(f"color: {theme.CHAT_CAPTION_TEXT.name()};")

        self.model = QStandardItemModel(0, COLUMNS, self)
        self.model.setHorizontalHeaderLabels([
            self.tr("Rule"), self.tr("Priority"), self.tr("Intent"), self.tr("Stage"), self.tr("Mentions"),
            self.tr("Other conditions"), self.tr("Actions"), self.tr("Fired in tests"), self.tr("File"),
            self.tr("Line")])
        self.proxy = GroupedSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        self.view = QTreeView(self)
        self.view.setObjectName("decision-table")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(PRIORITY, Qt.SortOrder.DescendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.SelectedClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setItemDelegate(CellDelegate(self))
        self.view.doubleClicked.connect(self._double_clicked)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.scope_box)
        bar.addWidget(self.group_box)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    # --- choices -------------------------------------------------------------------------------

    def set_scope(self, file: str | None) -> None:
        """Show the rules of `file` (None: the whole project)."""
        found = self.scope_box.findData(file)
        self.scope_box.setCurrentIndex(max(found, 0))

    def set_grouping(self, grouping: str) -> None:
        self.group_box.setCurrentIndex(max(self.group_box.findData(grouping), 0))

    def set_filter(self, text: str) -> None:
        self.filter_edit.setText(text)

    def set_in_view(self, in_view: bool) -> None:
        """The dock's tab came to the front (or went behind another): count the firings only when seen."""
        self._in_view = in_view
        if in_view and self._counts_stale:
            self._count_timer.start()

    # --- rows ----------------------------------------------------------------------------------

    @Slot(object)
    def _on_analysis(self, analysis) -> None:
        words = vocabulary(analysis.programs, None)
        self.intents, self.stages = words["intents"], words["stages"]
        self._fill_scopes([program.file for program in analysis.programs])
        self.fired = None
        self._counts_stale = True
        if self._in_view:
            self._count_timer.start()
        self.refresh()

    def _fill_scopes(self, files: list[str]) -> None:
        current = self.scope_box.currentData()
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        self.scope_box.addItem(self.tr("Whole project"), None)
        for file in files:
            self.scope_box.addItem(file, file)
        self.scope_box.setCurrentIndex(max(self.scope_box.findData(current), 0))
        self.scope_box.blockSignals(False)

    def refresh(self) -> None:
        """Rebuild the rows from the newest analysis, keeping sort, filter and grouping."""
        analysis = self.workspace.analysis
        self.rows = table_rows(analysis.programs, self.scope_box.currentData()) if analysis is not None else []
        grouping = self.group_box.currentData()
        self.model.removeRows(0, self.model.rowCount())
        root = self.model.invisibleRootItem()
        if grouping == NO_GROUP:
            for row in self.rows:
                root.appendRow(self._items(row))
        else:
            groups: dict[str, list[TableRow]] = {}
            for row in self.rows:
                groups.setdefault(self._group_of(row, grouping), []).append(row)
            for key in sorted(groups):
                group_row = group_items(key, len(groups[key]))
                root.appendRow(group_row)
                for row in groups[key]:
                    group_row[0].appendRow(self._items(row))
            for index in range(self.proxy.rowCount()):
                self.view.setFirstColumnSpanned(index, QModelIndex(), True)
            self.view.expandAll()
        self.view.setRootIsDecorated(grouping != NO_GROUP)
        for column in range(COLUMNS):
            self.view.resizeColumnToContents(column)
            if column in (MENTIONS, OTHER, ACTIONS):
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), TEXT_COLUMN_WIDTH))
        self._show_status()
        self.table_changed.emit()

    def _group_of(self, row: TableRow, grouping: str) -> str:
        if not row.simple:
            return self.tr("(condition too complex for a column)")
        value = row.intent if grouping == BY_INTENT else row.stage
        return value if value is not None else (self.tr("(no intent)") if grouping == BY_INTENT
                                                else self.tr("(no stage)"))

    def _items(self, row: TableRow) -> list[QStandardItem]:
        fired = None if self.fired is None else self.fired.get(row.name, 0)
        items = []
        for column, (text, key) in sorted(cell_values(row, self.fired).items()):
            item = QStandardItem(text)
            item.setData(key, SORT_ROLE)
            item.setData(row, ROW_ROLE)
            item.setEditable(column == PRIORITY or (column in (INTENT, STAGE) and row.simple))
            if column in (MENTIONS, OTHER, ACTIONS) and text:
                item.setToolTip(text)
            if column in (INTENT, STAGE) and not row.simple:
                item.setToolTip(self.tr("The condition is too complex for this column: see Other conditions"))
            if column == FIRED and fired == 0:
                item.setForeground(theme.CHAT_WARNING_TEXT)
            items.append(item)
        return items

    def follow_theme(self) -> None:
        """The status line and the never-fired counts in the current theme's colours."""
        self.status.setStyleSheet(f"color: {theme.CHAT_CAPTION_TEXT.name()};")
        for item in fired_items(self.model):
            if self.fired is not None and not self.fired.get(item.data(ROW_ROLE).name):
                item.setForeground(theme.CHAT_WARNING_TEXT)

    def _show_status(self, message: str | None = None) -> None:
        if message is None:
            shown = len(self.rows)
            if self.fired is None:
                message = self.tr("{n} rules · fired in tests: counting…").format(n=shown)
            else:
                never = sum(1 for row in self.rows if not self.fired.get(row.name))
                message = self.tr("{n} rules · {never} never fired in the conversation tests").format(
                    n=shown, never=never)
        self.status.setText(message)

    # --- fired in tests --------------------------------------------------------------------------

    @Slot()
    def _count_now(self) -> None:
        analysis = self.workspace.analysis
        if analysis is None:
            return
        self._counts_stale = False
        self._counting = self.counter.count(analysis)

    @Slot(int, object)
    def _on_counted(self, generation: int, counts) -> None:
        if generation != self._counting or counts is None:
            return
        self.fired = dict(counts)
        for row_items in fired_items(self.model):
            row: TableRow = row_items.data(ROW_ROLE)
            count = self.fired.get(row.name, 0)
            row_items.setText(str(count))
            row_items.setData(count, SORT_ROLE)
            if count == 0:
                row_items.setForeground(theme.CHAT_WARNING_TEXT)
        self._show_status()
        self.table_changed.emit()

    # --- opening and editing -------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _double_clicked(self, index: QModelIndex) -> None:
        row: TableRow | None = index.data(ROW_ROLE)
        if row is not None:
            self.open_location.emit(row.file, row.line, row.column)

    def edit_cell(self, row: TableRow, column: int, value) -> bool:
        """Write a cell's new value into the rule's text (one undoable edit in its editor); False when refused."""
        if column == PRIORITY and value == row.priority or column == INTENT and value == row.intent \
                or column == STAGE and value == row.stage:
            return False
        page = self.tabs.open_file(row.file, focus=False)
        if page is None:
            return False
        self.tabs.flush()
        text = page.text()
        analysis = self.workspace.analysis
        if analysis is None or analysis.rule_texts.get(row.file) != text:
            # The rows were read from an older text: their positions may be off. Re-check first.
            self._show_status(self.tr("The rules changed since the table was made: try again after the check."))
            self.workspace.analyze_now()
            return False
        try:
            if column == PRIORITY:
                edit = priority_edit(text, row.rule, int(value))
            elif column == INTENT:
                edit = intent_edit(text, row.rule, value)
            elif column == STAGE:
                edit = stage_edit(text, row.rule, value)
            else:
                return False
        except CellEditError:   # the view offers only what can be written; this is the text moving under it
            self._show_status(self.tr("Rule {rule} cannot be changed here: edit it as text.").format(rule=row.name))
            return False
        self.workspace.set_buffer(row.file, edit.apply(text))   # the tab takes it as one undoable edit
        self.workspace.analyze_now()
        return True

    # --- export ------------------------------------------------------------------------------------

    def shown_rows(self) -> list[TableRow]:
        """The rules the view shows (the filter applied), as one flat list in the view's sort order:
        grouped, the rules are ordered as they would be without the groups."""
        return rows_in_view(self.proxy, self.rows, self.fired)

    @Slot()
    def choose_export(self) -> None:
        """Ask where to write the rows shown, then write them there."""
        suggested = self.workspace.project.root / EXPORT_NAME
        path = self.prompts.save_file_name(self, self.tr("Export Decision Table"), str(suggested),
                                           self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        """Write the rows shown to `path` (.xlsx or .csv); the status line says where, or why not."""
        rows = self.shown_rows()
        try:
            written = export_rows(rows, self.fired, path)
        except ExportError as error:
            self._show_status(self.tr("Not exported: {reason}").format(reason=error))
            return False
        self._show_status(self.tr("{n} rules exported to {file}").format(n=len(rows), file=written))
        return True

    def shutdown(self) -> bool:
        """Stop the counting thread (quit + wait)."""
        self._count_timer.stop()
        return self.counter.shutdown()


def install_decision_table(window) -> DecisionTablePanel:
    """Dock the Decision Table at the bottom (tabbed with the Tests); double-click opens a rule."""
    panel = DecisionTablePanel(window.workspace, window.tabs, window.prompts, window)
    panel.dock = window.add_panel("decision-table-dock", panel.title(), panel, Qt.DockWidgetArea.BottomDockWidgetArea,
                                  tabify_with=window.tests_dock)
    window.problems_dock.raise_()
    panel.dock.visibilityChanged.connect(panel.set_in_view)
    panel.open_location.connect(window.open_location)
    return panel


__all__ = ["DecisionTablePanel", "install_decision_table"]
