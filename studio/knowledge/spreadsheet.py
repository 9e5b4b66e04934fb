"""Knowledge to and from files other than the project's own: `.csv`, `.xlsx`, `.json`, `.yaml`.

A table (CSV, Excel) holds one row per series (see table.py); JSON and YAML
hold the knowledge format itself. Reading streams the rows (openpyxl's
read-only mode, the csv module), so a sheet of 100,000 rows costs memory for
the knowledge it holds, not for the sheet. Every problem is returned as a
message naming its row (or file, line and column); nothing raises for a bad
file. This is the only knowledge module that imports openpyxl.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from studio import atomic
from studio.diagnostics import Severity
from studio.files import reason_of
from studio.i18n import _
from studio.knowledge.model import Knowledge
from studio.knowledge.store import new_document, read_document
from studio.knowledge.table import Cell, Formula, TableReader, header, rows
from studio.workbook_words import not_a_workbook

SUFFIXES = (".csv", ".xlsx", ".json", ".yaml", ".yml")


class ExportError(Exception):
    """The knowledge was not exported; the message says why."""


@dataclass
class ImportResult:
    knowledge: Knowledge | None   # None when the file could not be read or some row is bad
    problems: list[str] = field(default_factory=list)
    more_problems: int = 0        # problems counted past those listed
    rows: int = 0                 # data rows read (tables only)
    table: bool = False           # read from a table: it carries no top-level keys of its own


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(_("unsupported file type {suffix!r}: use {suffixes}").format(
            suffix=path.suffix or _("(none)"), suffixes=", ".join(SUFFIXES)))
    return suffix


# ------------------------------------------------------------------ export

def export_knowledge(knowledge: Knowledge, path: Path) -> None:
    """Write `knowledge` to `path` in the format its suffix names, atomically; ExportError when it cannot."""
    path = Path(path)
    try:
        suffix = _suffix(path)
        if suffix == ".csv":
            data = _csv_bytes(knowledge)
        elif suffix == ".xlsx":
            data = _xlsx_bytes(knowledge)
        else:
            data = new_document(path).dump_text(knowledge).encode("utf-8")
        atomic.write_bytes_atomic(path, data)
    except ValueError as error:
        raise ExportError(str(error)) from error
    except OSError as error:
        raise ExportError(_("cannot write {file}: {reason}").format(file=path, reason=reason_of(error))) \
            from error


def _csv_bytes(knowledge: Knowledge) -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream)
    columns = header(knowledge)
    writer.writerow(columns)
    for row in rows(knowledge, columns):
        writer.writerow(["" if cell is None else cell for cell in row])
    # With the byte order mark, Excel opens the file as UTF-8 (Chinese names stay readable).
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


def _xlsx_bytes(knowledge: Knowledge) -> bytes:
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("knowledge")
    columns = header(knowledge)
    sheet.append(columns)
    for number, row in enumerate(rows(knowledge, columns), start=2):
        try:
            sheet.append(row)
        except IllegalCharacterError as error:
            raise ValueError(_("row {row} holds a control character that a spreadsheet cannot store").format(
                row=number)) from error
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


# ------------------------------------------------------------------ import

def import_knowledge(path: Path) -> ImportResult:
    """The knowledge a file holds, or every problem that keeps it from being read."""
    path = Path(path)
    try:
        suffix = _suffix(path)
    except ValueError as error:
        return ImportResult(None, [str(error)])
    if suffix in (".json", ".yaml", ".yml"):
        return _import_document(path)
    if not path.is_file():
        return ImportResult(None, [_("cannot read {file}: no such file").format(file=path)])
    reader = TableReader(merged_hint=suffix == ".xlsx")
    source = _csv_rows(path) if suffix == ".csv" else _xlsx_rows(path)
    failure: list[str] = []
    knowledge = reader.read(*_header_and_body(source, failure))
    if failure:
        return ImportResult(None, failure + [str(p) for p in reader.problems], reader.more_problems,
                            reader.row_count, True)
    return ImportResult(knowledge, [str(p) for p in reader.problems], reader.more_problems, reader.row_count, True)


def _import_document(path: Path) -> ImportResult:
    _, knowledge, diagnostics = read_document(path)
    errors = [d for d in diagnostics if d.severity == Severity.ERROR]
    if errors:
        return ImportResult(None, [d.format_text() for d in errors])
    return ImportResult(knowledge)


class _Unreadable(Exception):
    """The file stopped being readable at some row; the message says where and why."""


def _header_and_body(source: Iterator[tuple[int, list[Cell]]], failure: list[str]
                     ) -> tuple[list[Cell] | None, Iterator[tuple[int, list[Cell]]]]:
    """The first row and an iterator over the others; a read failure lands in `failure` and ends the rows."""
    def guarded() -> Iterator[tuple[int, list[Cell]]]:
        try:
            yield from source
        except _Unreadable as error:
            failure.append(str(error))

    rows_read = guarded()
    first = next(rows_read, None)
    return (None if first is None else first[1]), rows_read


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Cell]]]:
    number = 0
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            for number, row in enumerate(csv.reader(stream), start=1):
                yield number, list(row)
    except UnicodeDecodeError as error:
        raise _Unreadable(_("row {row}: the file is not UTF-8 text (save the CSV as UTF-8): {reason}").format(
            row=number + 1, reason=error.reason)) from error
    except csv.Error as error:
        raise _Unreadable(_("row {row}: not a readable CSV row: {reason}").format(row=number + 1, reason=error)) \
            from error
    except OSError as error:
        raise _Unreadable(_("cannot read {file}: {reason}").format(file=path, reason=reason_of(error))) \
            from error


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Cell]]]:
    import openpyxl

    try:
        # Not data_only: a formula must be seen as one (its cached value may be missing or stale).
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except OSError as error:
        raise _Unreadable(_("cannot read {file}: {reason}").format(file=path, reason=reason_of(error))) \
            from error
    except Exception as error:   # a file that is not a workbook fails in many ways inside zipfile and openpyxl
        raise _Unreadable(not_a_workbook(error)) from error
    try:
        if not book.worksheets:
            return
        sheet = book.worksheets[0]
        sheet.reset_dimensions()   # some writers record a wrong size; read every row there is
        number = 0
        cells_of = iter(sheet.iter_rows())
        while True:
            number += 1
            try:
                row = next(cells_of)
            except StopIteration:
                return
            except Exception as error:   # a damaged sheet: the rows before stand, the rest cannot be read
                raise _Unreadable(_("row {row}: cannot read the sheet from this row on: {reason}").format(
                    row=number, reason=error)) from error
            yield number, [Formula(cell.value) if getattr(cell, "data_type", None) == "f" else cell.value
                           for cell in row]
    finally:
        book.close()
