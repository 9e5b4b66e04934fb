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
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import (QDeadlineTimer, QModelIndex, QObject, QSortFilterProxyModel, Qt, QThread, QTimer,
                            Signal, Slot)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QStyledItemDelegate, QTreeView, QVBoxLayout, QWidget)

from studio.decision_table import (CellEditError, TableRow, fired_counts, intent_edit, priority_edit, stage_edit,
                                   table_rows)
from studio.decision_table_export import ExportError, export_rows
from studio.ui import theme
from studio.vocabulary import vocabulary

RULE, PRIORITY, INTENT, STAGE, MENTIONS, OTHER, ACTIONS, FIRED, FILE, LINE = range(10)
COLUMNS = 10
TEXT_COLUMN_WIDTH = 240   # mentions, other conditions, actions: the rest is in the tooltip
ROW_ROLE = Qt.ItemDataRole.UserRole + 1     # the `TableRow` (on every cell of a rule's row)
SORT_ROLE = Qt.ItemDataRole.UserRole + 2    # what sorting compares (numbers as numbers)
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3   # a group row's key
NO_GROUP, BY_INTENT, BY_STAGE = "none", "intent", "stage"
UNKNOWN = "…"
PRIORITY_LIMIT = 1_000_000_000
COUNT_DELAY_MS = 300   # a burst of re-checks (typing) makes one test run
SHUTDOWN_WAIT_MS = 30000
EXPORT_NAME = "decision_table.xlsx"   # suggested in the project folder


# --- fired in tests, off the UI thread ---------------------------------------------------------------

class FiredCountWorker(QObject):
    counted = Signal(int, object)   # generation, {rule: times fired} (None: the tests could not run)

    def __init__(self) -> None:
        super().__init__()
        self.latest = 0   # set by the UI thread: an older request is skipped

    @Slot(int, object)
    def count(self, generation: int, analysis) -> None:
        if generation < self.latest:
            return
        try:
            counts = fired_counts(analysis)
        except Exception:   # a bug below must not kill the thread: the column says it does not know
            counts = None
        self.counted.emit(generation, counts)


class FiredCounter(QObject):
    """The worker and its thread, from the UI thread."""
    _count = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self.thread = QThread()
        self.thread.setObjectName("rule-studio-decision-table")
        self.worker = FiredCountWorker()
        self.worker.moveToThread(self.thread)
        self._count.connect(self.worker.count)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.start()

    def count(self, analysis) -> int:
        self.generation += 1
        self.worker.latest = self.generation
        self._count.emit(self.generation, analysis)
        return self.generation

    def shutdown(self) -> bool:
        self.worker.latest = 1 << 62
        self.thread.quit()
        return self.thread.wait(QDeadlineTimer(SHUTDOWN_WAIT_MS))


# --- the view's pieces ---------------------------------------------------------------------------------

class GroupedSortProxy(QSortFilterProxyModel):
    """Sorts the rules by the chosen column; group rows stay in the order of their names."""

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802 (Qt override)
        left_group, right_group = left.data(GROUP_ROLE), right.data(GROUP_ROLE)
        if left_group is not None and right_group is not None:
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return (left_group < right_group) if ascending else (left_group > right_group)
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if type(a) is not type(b):
            return str(a) < str(b)
        return a < b


class CellDelegate(QStyledItemDelegate):
    """A spin box for the priority, a list of the declared intents / known stages for intent and stage.

    The chosen value is not stored in the model: it goes to the panel, which
    rewrites the rule file; the table shows it after the re-check."""

    def __init__(self, panel: "DecisionTablePanel") -> None:
        super().__init__(panel.view)
        self._panel = weakref.ref(panel)   # the view holds this delegate: no reference cycle back to the panel

    @property
    def panel(self) -> "DecisionTablePanel":
        return self._panel()

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt override)
        column = index.column()
        if column == PRIORITY:
            editor = QSpinBox(parent)
            editor.setRange(-PRIORITY_LIMIT, PRIORITY_LIMIT)
            return editor
        if column in (INTENT, STAGE):
            editor = QComboBox(parent)
            editor.addItem(self.tr("(none)"), None)
            names = self.panel.intents if column == INTENT else self.panel.stages
            for name in names:
                editor.addItem(name, name)
            return editor
        return None

    def setEditorData(self, editor, index) -> None:  # noqa: N802 (Qt override)
        row: TableRow = index.data(ROW_ROLE)
        if isinstance(editor, QSpinBox):
            editor.setValue(row.priority)
        elif isinstance(editor, QComboBox):
            current = row.intent if index.column() == INTENT else row.stage
            found = editor.findData(current)
            if found < 0 and current is not None:   # an undeclared name stays choosable as it is
                editor.addItem(current, current)
                found = editor.count() - 1
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 (Qt override)
        value = editor.value() if isinstance(editor, QSpinBox) else editor.currentData()
        self.panel.edit_cell(index.data(ROW_ROLE), index.column(), value)


# --- the panel -------------------------------------------------------------------------------------------

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
                header = QStandardItem(f"{key}  ({len(groups[key])})")
                header.setData(key, GROUP_ROLE)
                header.setEditable(False)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                rest = []
                for _column in range(1, COLUMNS):
                    filler = QStandardItem("")
                    filler.setData(key, GROUP_ROLE)
                    filler.setEditable(False)
                    rest.append(filler)
                root.appendRow([header] + rest)
                for row in groups[key]:
                    header.appendRow(self._items(row))
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

    def _cells(self, row: TableRow) -> dict[int, tuple[str, object]]:
        """Each column's (text shown, what sorting compares)."""
        fired = None if self.fired is None else self.fired.get(row.name, 0)
        return {
            RULE: (row.name, row.name), PRIORITY: (str(row.priority), row.priority),
            INTENT: (row.intent or "", row.intent or ""), STAGE: (row.stage or "", row.stage or ""),
            MENTIONS: (row.mentions, row.mentions), OTHER: (row.other, row.other), ACTIONS: (row.actions, row.actions),
            FIRED: (UNKNOWN if fired is None else str(fired), -1 if fired is None else fired),
            FILE: (row.file, row.file), LINE: (str(row.line), row.line),
        }

    def _items(self, row: TableRow) -> list[QStandardItem]:
        fired = None if self.fired is None else self.fired.get(row.name, 0)
        items = []
        for column, (text, key) in sorted(self._cells(row).items()):
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
        for item in self._rule_items():
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
        for row_items in self._rule_items():
            row: TableRow = row_items.data(ROW_ROLE)
            count = self.fired.get(row.name, 0)
            row_items.setText(str(count))
            row_items.setData(count, SORT_ROLE)
            if count == 0:
                row_items.setForeground(theme.CHAT_WARNING_TEXT)
        self._show_status()
        self.table_changed.emit()

    def _rule_items(self):
        """The "fired" cell of every rule row, groups or not."""
        root = self.model.invisibleRootItem()
        for r in range(root.rowCount()):
            top = root.child(r, 0)
            if top.data(GROUP_ROLE) is None:
                yield root.child(r, FIRED)
            else:
                for c in range(top.rowCount()):
                    yield top.child(c, FIRED)

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
        shown: set[tuple[str, int, int]] = set()

        def walk(parent: QModelIndex) -> None:
            for r in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(r, 0, parent)
                if index.data(GROUP_ROLE) is not None:
                    walk(index)
                else:
                    row: TableRow = index.data(ROW_ROLE)
                    shown.add((row.file, row.line, row.column))
        walk(QModelIndex())
        rows = [row for row in self.rows if (row.file, row.line, row.column) in shown]
        column = self.proxy.sortColumn()
        if 0 <= column < COLUMNS:   # a stable sort, as the proxy's: equal keys keep the files' order
            rows.sort(key=lambda row: self._cells(row)[column][1],
                      reverse=self.proxy.sortOrder() == Qt.SortOrder.DescendingOrder)
        return rows

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


__all__ = ["CellDelegate", "DecisionTablePanel", "FiredCounter", "GroupedSortProxy", "install_decision_table",
           "ACTIONS", "FIRED", "FILE", "INTENT", "LINE", "MENTIONS", "OTHER", "PRIORITY", "RULE", "STAGE",
           "ROW_ROLE", "SORT_ROLE", "GROUP_ROLE"]
