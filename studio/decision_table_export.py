"""The decision table as a spreadsheet: its rows written to .xlsx or .csv, for analysts who keep
their rules' overview in Excel.

Plain Python (no Qt). The sheet is flat (one row per rule, in the order
given) with the columns the Decision Table shows, headed in the current
language; the actions are written whole, not summarised. The .xlsx has a
bold, frozen header with an autofilter and columns fitted to their content
(up to `MAX_COLUMN_WIDTH`); the .csv is UTF-8 with a byte order mark, the
one way Excel opens Chinese text in it correctly. The file is replaced
atomically: a failed export leaves the old file as it was.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from studio import files
from studio.atomic import write_bytes_atomic
from studio.authoring.format import display_width
from studio.decision_table import TableRow
from studio.i18n import N_, _

SUFFIXES = (".xlsx", ".csv")
HEADERS = (N_("Rule"), N_("Priority"), N_("Intent"), N_("Stage"), N_("Mentions"), N_("Other conditions"),
           N_("Actions"), N_("Fired in tests"), N_("File"), N_("Line"))
MAX_COLUMN_WIDTH = 60   # characters: a long condition wraps out of sight rather than push the rest off screen
SHEET_TITLE = "decision table"


class ExportError(Exception):
    """The table could not be written; the message says where and why."""


def export_rows(rows: list[TableRow], fired: dict[str, int] | None, path: Path | str) -> Path:
    """Write `rows` to `path` (.xlsx or .csv, by its suffix); `fired` maps a rule to how often the
    conversation tests fired it (None: not known yet, the column stays empty). ExportError when the
    suffix is neither or the file cannot be written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(_("{file}: cannot export to this kind of file; name it .xlsx or .csv").format(file=path))
    table = [header()] + [cells(row, fired) for row in rows]
    data = _xlsx_bytes(table) if suffix == ".xlsx" else _csv_bytes(table)
    try:
        write_bytes_atomic(path, data)
    except OSError as error:
        raise ExportError(_("cannot write {file}: {reason}").format(file=path, reason=files.reason_of(error))
                          ) from error
    return path


def header() -> list[str]:
    return [_(title) for title in HEADERS]


def cells(row: TableRow, fired: dict[str, int] | None) -> list[str | int]:
    """One rule's cells, in the columns' order; numbers stay numbers (a spreadsheet sorts them so)."""
    count: int | str = "" if fired is None else fired.get(row.name, 0)
    return [row.name, row.priority, row.intent or "", row.stage or "", row.mentions, row.other, row.actions_full,
            count, row.file, row.line]


def _csv_bytes(table: list[list]) -> bytes:
    stream = io.StringIO(newline="")
    csv.writer(stream).writerows(table)
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


def _xlsx_bytes(table: list[list]) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    for number, values in enumerate(table, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(number, column)
            if isinstance(value, str):
                # A control character cannot be stored in a sheet: dropped, the rest of the text stays.
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"   # a text starting with "=" is text here, never a formula
            else:
                cell.value = value
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column in range(1, len(table[0]) + 1):
        widest = max(display_width(str(values[column - 1])) for values in table)   # a Chinese character takes two
        sheet.column_dimensions[get_column_letter(column)].width = min(widest + 2, MAX_COLUMN_WIDTH)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


__all__ = ["ExportError", "HEADERS", "MAX_COLUMN_WIDTH", "SUFFIXES", "cells", "export_rows", "header"]
