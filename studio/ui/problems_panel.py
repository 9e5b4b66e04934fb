"""The Problems panel: every diagnostic of the project, sortable and filterable.

`ProblemsModel` is a flat table over a list of `Diagnostic`s (replaced as a whole
after each analysis); `ProblemsFilter` filters it by severity and by a text that
matches the file, the code or the message. `ProblemsPanel` adds the severity
toggles (with counts), the filter box and the one-click fixes.

Signals of the panel: ``open_location(file, line, column)`` on double-click / Enter,
``fix_requested(Diagnostic)`` when the user applies a fix (a click in the Fix
column, the Fix button, the context menu, or Ctrl+. in the table).
"""
from __future__ import annotations

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel,
                            Qt, Signal, Slot)
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QMenu, QTableView,
                               QToolButton, QVBoxLayout, QWidget)

from studio.diagnostics import Diagnostic, Severity
from studio.ui import theme

DIAGNOSTIC_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

SEVERITY_COLUMN, CODE_COLUMN, MESSAGE_COLUMN, FILE_COLUMN, LINE_COLUMN, FIX_COLUMN = range(6)

def severity_icon(severity: Severity) -> QIcon:
    return theme.dot_icon(theme.SEVERITY_COLORS[severity])


class ProblemsModel(QAbstractTableModel):
    """The project's diagnostics as a table (one row per diagnostic)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Diagnostic] = []

    # --- our API -------------------------------------------------------------------

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        self.beginResetModel()
        self._rows = list(diagnostics)
        self.endResetModel()

    def diagnostic(self, row: int) -> Diagnostic:
        return self._rows[row]

    def diagnostics(self) -> list[Diagnostic]:
        return list(self._rows)

    def counts(self) -> dict[Severity, int]:
        counts = {severity: 0 for severity in Severity}
        for d in self._rows:
            counts[d.severity] += 1
        return counts

    def severity_label(self, severity: Severity) -> str:
        return {Severity.ERROR: self.tr("Error"), Severity.WARNING: self.tr("Warning"),
                Severity.INFO: self.tr("Info")}[severity]

    # --- Qt overrides ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 6:
            return None
        return (self.tr("Severity"), self.tr("Code"), self.tr("Message"), self.tr("File"),
                self.tr("Line"), self.tr("Fix"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d = self._rows[index.row()]
        column = index.column()
        if role == DIAGNOSTIC_ROLE:
            return d
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SEVERITY_COLUMN:
                return self.severity_label(d.severity)
            if column == CODE_COLUMN:
                return d.code
            if column == MESSAGE_COLUMN:
                return d.message
            if column == FILE_COLUMN:
                return d.file
            if column == LINE_COLUMN:
                return f"{d.span.line}:{d.span.column}"
            if column == FIX_COLUMN:
                return self.fix_text(d)
            return None
        if role == SORT_ROLE:
            position = (d.file, d.span.line, d.span.column)
            if column == SEVERITY_COLUMN:
                return repr((d.severity.rank,) + position)
            if column == LINE_COLUMN:
                return d.span.line * 100000 + d.span.column
            if column == FIX_COLUMN:
                return "0" if d.fixes else "1"
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY_COLUMN:
            return severity_icon(d.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{d.code} {d.message}"
            if d.suggestion:
                tip += "\n" + self.tr("Did you mean “{suggestion}”?").format(suggestion=d.suggestion)
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and column == FIX_COLUMN and d.fixes:
            return QGuiApplication.palette().link().color()
        return None

    def fix_text(self, d: Diagnostic) -> str:
        if not d.fixes:
            return ""
        return self.tr("Fix: {replacement}").format(replacement=d.fixes[0].replacement)


class ProblemsFilter(QSortFilterProxyModel):
    """Rows of the shown severities whose file, code or message contains the filter text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._severities = set(Severity)
        self._text = ""
        self.setSortRole(SORT_ROLE)

    def set_severity_shown(self, severity: Severity, shown: bool) -> None:
        self.beginFilterChange()
        (self._severities.add if shown else self._severities.discard)(severity)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        d: Diagnostic = self.sourceModel().diagnostic(source_row)
        if d.severity not in self._severities:
            return False
        if not self._text:
            return True
        haystack = f"{d.file}:{d.span.line}\n{d.code}\n{d.message}\n{d.suggestion or ''}".casefold()
        return all(word in haystack for word in self._text.split())


class ProblemsPanel(QWidget):
    open_location = Signal(str, int, int)
    fix_requested = Signal(object)
    try_requested = Signal(object)   # a diagnostic with a witness: replay its situation in the chat tester

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self.proxy = ProblemsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.severity_buttons: dict[Severity, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for severity in Severity:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setIcon(severity_icon(severity))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.toggled.connect(lambda shown, s=severity: self.proxy.set_severity_shown(s, shown))
            bar.addWidget(button)
            self.severity_buttons[severity] = button
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by file, code or text"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        bar.addWidget(self.filter_edit, 1)
        self.fix_button = QToolButton(self)
        self.fix_button.setText(self.tr("Apply Fix"))
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self.fix_current)
        bar.addWidget(self.fix_button)
        self.try_button = QToolButton(self)
        self.try_button.setText(self.tr("Try It"))
        self.try_button.setToolTip(self.tr("Replay the situation that shows this problem in the chat tester"))
        self.try_button.setEnabled(False)
        self.try_button.clicked.connect(self.try_current)
        bar.addWidget(self.try_button)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(SEVERITY_COLUMN, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SEVERITY_COLUMN, 90), (CODE_COLUMN, 60), (FILE_COLUMN, 160),
                              (LINE_COLUMN, 70), (FIX_COLUMN, 130)):
            header.resizeSection(column, width)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(self._activate)
        self.view.activated.connect(self._activate)
        self.view.clicked.connect(self._clicked)
        self.view.selectionModel().currentRowChanged.connect(self._update_fix_button)

        fix_action = QAction(self.tr("Apply Fix"), self.view)
        fix_action.setShortcut(QKeySequence("Ctrl+."))
        fix_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        fix_action.triggered.connect(self.fix_current)
        self.view.addAction(fix_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self._update_counts()

    # --- feeding -------------------------------------------------------------------------

    @Slot(object)
    def follow_theme(self) -> None:
        """The severity dots (toggles and rows) in the current theme's colours."""
        for severity, button in self.severity_buttons.items():
            button.setIcon(severity_icon(severity))
        self.view.viewport().update()

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        """Show these diagnostics, keeping the selected problem selected when it is still there."""
        current = self.current_diagnostic()
        self.model.set_diagnostics(diagnostics)
        self._update_counts()
        if current is not None:
            key = (current.file, current.code, current.message)
            for row, d in enumerate(diagnostics):
                if (d.file, d.code, d.message) == key:
                    index = self.proxy.mapFromSource(self.model.index(row, 0))
                    if index.isValid():
                        self.view.setCurrentIndex(index)
                    break
        self._update_fix_button()

    def current_diagnostic(self) -> Diagnostic | None:
        index = self.view.currentIndex()
        return index.data(DIAGNOSTIC_ROLE) if index.isValid() else None

    def row_count(self) -> int:
        """Rows shown after filtering."""
        return self.proxy.rowCount()

    def shown_diagnostics(self) -> list[Diagnostic]:
        return [self.proxy.index(r, 0).data(DIAGNOSTIC_ROLE) for r in range(self.proxy.rowCount())]

    # --- actions -----------------------------------------------------------------------------

    @Slot()
    def open_current(self) -> None:
        """Open the place of the selected problem (as a double-click does)."""
        self._activate(self.view.currentIndex())

    @Slot()
    def fix_current(self) -> None:
        d = self.current_diagnostic()
        if d is not None and d.fixes:
            self.fix_requested.emit(d)

    @Slot()
    def try_current(self) -> None:
        d = self.current_diagnostic()
        if d is not None and d.witness:
            self.try_requested.emit(d)

    @Slot(QModelIndex)
    def _activate(self, index: QModelIndex) -> None:
        d = index.data(DIAGNOSTIC_ROLE)
        if d is not None:
            self.open_location.emit(d.file, d.span.line, d.span.column)

    @Slot(QModelIndex)
    def _clicked(self, index: QModelIndex) -> None:
        d = index.data(DIAGNOSTIC_ROLE)
        if index.column() == FIX_COLUMN and d is not None and d.fixes:
            self.fix_requested.emit(d)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        d = index.data(DIAGNOSTIC_ROLE) if index.isValid() else None
        if d is None:
            return
        menu = QMenu(self)
        go = menu.addAction(self.tr("Go to Problem"))
        go.triggered.connect(lambda: self._activate(index))
        for fix in d.fixes:
            action = menu.addAction(self.tr("Fix: replace with “{replacement}”").format(replacement=fix.replacement))
            action.triggered.connect(lambda _=False, d=d: self.fix_requested.emit(d))
        if d.witness:
            try_it = menu.addAction(self.tr("Try It in the Chat Tester"))
            try_it.triggered.connect(lambda _=False, d=d: self.try_requested.emit(d))
        menu.addSeparator()
        copy = menu.addAction(self.tr("Copy"))
        copy.triggered.connect(lambda: _copy_text(d.format_text()))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    @Slot()
    def _update_fix_button(self, *_args) -> None:
        d = self.current_diagnostic()
        self.fix_button.setEnabled(bool(d is not None and d.fixes))
        self.try_button.setEnabled(bool(d is not None and d.witness))

    def _update_counts(self) -> None:
        counts = self.model.counts()
        labels = {Severity.ERROR: self.tr("Errors: {n}"), Severity.WARNING: self.tr("Warnings: {n}"),
                  Severity.INFO: self.tr("Infos: {n}")}
        for severity, button in self.severity_buttons.items():
            button.setText(labels[severity].format(n=counts[severity]))


def _copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
