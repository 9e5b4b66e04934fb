"""The Tests panel's list: one row per conversation test file, with its last result.

Kept apart from the panel so the rows (a `QAbstractTableModel` changed only through
begin/end calls) and the status colours can be read, and tested, without the widgets.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from studio.conversations.loader import load_test
from studio.conversations.model import ConversationTest, LoadError
from studio.conversations.runner import TestOutcome
from studio.ui import theme


class Status(str, Enum):
    NOT_RUN = "not run"
    RUNNING = "running"
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"


def status_colour(status: Status) -> QColor:
    """The current theme's colour of a test's status (dot and result text)."""
    return {Status.NOT_RUN: theme.TEST_NOT_RUN, Status.RUNNING: theme.TEST_NOT_RUN, Status.PASSED: theme.TEST_PASSED,
            Status.FAILED: theme.TEST_FAILED, Status.ERROR: theme.TEST_ERROR}[status]


def status_icon(status: Status) -> QIcon:
    return theme.dot_icon(status_colour(status), hollow=status is Status.RUNNING)


@dataclass
class TestEntry:
    """One row: a test file, what it holds, and its last result."""
    __test__ = False   # not a pytest test class
    file: str
    name: str
    test: ConversationTest | None = None
    load_error: LoadError | None = None
    status: Status = Status.NOT_RUN
    outcome: TestOutcome | None = None
    traces: dict[int, dict] = field(default_factory=dict)   # failing turn index -> trace dict
    message: str = ""                                         # why it could not run

    @property
    def turns(self) -> int:
        return len(self.test.turns) if self.test else 0


NAME_COLUMN, FILE_COLUMN, TURNS_COLUMN, RESULT_COLUMN = range(4)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2


class TestsModel(QAbstractTableModel):
    """The conversation tests as rows (ordered by file); results change cells, files add/remove rows."""
    __test__ = False   # not a pytest test class

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[TestEntry] = []

    def set_entries(self, entries: list[TestEntry]) -> None:
        """The tests on disk now: rows of vanished files go, new files come, known rows keep their results."""
        wanted = {e.file: e for e in entries}
        for row in reversed(range(len(self._entries))):
            if self._entries[row].file not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._entries[row]
                self.endRemoveRows()
        for row, entry in enumerate(self._entries):
            fresh = wanted[entry.file]
            if (fresh.test, fresh.load_error) != (entry.test, entry.load_error):   # the file changed: result is stale
                self._entries[row] = fresh
                self._changed(row)
        known = {e.file for e in self._entries}
        for entry in sorted((e for e in entries if e.file not in known), key=lambda e: e.file):
            row = next((i for i, e in enumerate(self._entries) if e.file > entry.file), len(self._entries))
            self.beginInsertRows(QModelIndex(), row, row)
            self._entries.insert(row, entry)
            self.endInsertRows()

    def entries(self) -> list[TestEntry]:
        return list(self._entries)

    def entry(self, row: int) -> TestEntry:
        return self._entries[row]

    def row_of(self, file: str) -> int:
        return next((i for i, e in enumerate(self._entries) if e.file == file), -1)

    def update_entry(self, file: str, **changes) -> None:
        row = self.row_of(file)
        if row < 0:
            return
        for key, value in changes.items():
            setattr(self._entries[row], key, value)
        self._changed(row)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, RESULT_COLUMN))

    # --- Qt model ---------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt override)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (self.tr("Test"), self.tr("File"), self.tr("Turns"), self.tr("Result"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME_COLUMN:
                return entry.name
            if column == FILE_COLUMN:   # the folder is the same for all: the name is what tells them apart
                return PurePosixPath(entry.file).name
            if column == TURNS_COLUMN:
                return entry.turns
            return self._result_text(entry)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME_COLUMN:
            return status_icon(entry.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FILE_COLUMN:
                return entry.file
            if entry.load_error is not None:
                return str(entry.load_error)
            return entry.message or None
        if role == Qt.ItemDataRole.ForegroundRole and column == RESULT_COLUMN:
            return status_colour(entry.status)
        if role == ENTRY_ROLE:
            return entry.file
        if role == STATUS_ROLE:
            return entry.status.value
        return None

    def _result_text(self, entry: TestEntry) -> str:
        if entry.status is Status.FAILED and entry.outcome is not None:
            opening, failure = entry.outcome.opening, entry.outcome.first_failure
            if opening is not None and opening.mismatches:
                return self.tr("failed at the opening")
            if failure is not None:
                return self.tr("failed at turn {n}").format(n=failure.index + 1)
        return {Status.NOT_RUN: self.tr("not run"), Status.RUNNING: self.tr("running…"),
                Status.PASSED: self.tr("passed"), Status.FAILED: self.tr("failed"),
                Status.ERROR: self.tr("error")}[entry.status]


def read_entries(root: Path, files: list[Path]) -> list[TestEntry]:
    """An entry per test file (loaded: cheap YAML), with its name or its load error."""
    entries = []
    for path in files:
        rel = path.resolve().relative_to(root).as_posix() if path.is_absolute() else str(path)
        loaded = load_test(path, rel)
        if isinstance(loaded, LoadError):
            entries.append(TestEntry(rel, path.stem, load_error=loaded, status=Status.ERROR, message=str(loaded)))
        else:
            entries.append(TestEntry(rel, loaded.name, test=loaded))
    return entries


__all__ = ["ENTRY_ROLE", "FILE_COLUMN", "NAME_COLUMN", "RESULT_COLUMN", "STATUS_ROLE", "TURNS_COLUMN", "Status",
           "TestEntry", "TestsModel", "read_entries", "status_colour", "status_icon"]
