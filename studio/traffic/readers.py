"""Streaming readers of customer chat logs: JSON Lines, CSV and Excel (.xlsx).

Each reader yields, in file order, a `LogMessage` per customer message and a
`LogError` per line or row it cannot use; it never raises over the file's
content and never holds more than one line or row. The fields:

- the conversation: `conversation` or `conversation_id` (a number is read as
  its text: 7 and "7" are one conversation);
- the message: `text` or `message`;
- `role`, when present and not `user` / `customer` (any case), marks a line
  that is not the customer's: skipped, silently.

A blank message is skipped as `rule-studio chat` skips a blank line. Bytes that
are not UTF-8 are read as U+FFFD, and so is a lone surrogate written as a JSON
escape, so every message can be printed and compared.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator

from studio.files import reason_of
from studio.i18n import _, ngettext
from studio.json_words import json_problem
from studio.workbook_words import not_a_workbook

CONVERSATION_KEYS = ("conversation", "conversation_id")
TEXT_KEYS = ("text", "message")
CUSTOMER_ROLES = frozenset({"user", "customer"})
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".xlsx": "xlsx"}

# A line or field longer than this is not a chat message: reported and skipped, never held whole.
MAX_LINE_BYTES = 1_000_000
MAX_TEXT_CHARS = 100_000

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class LogMessage:
    conversation: str
    text: str
    file: str
    line: int   # the line of a JSON Lines / CSV file, the row of a sheet (both from 1)


@dataclass(frozen=True)
class LogError:
    file: str
    line: int   # 0: the file as a whole
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "message": self.message}


LogItem = LogMessage | LogError
SkipLine = Callable[[int, bytes], bool]   # (line number, raw bytes) -> True: pass the line over unparsed


def log_format(path: str | Path) -> str | None:
    """"jsonl", "csv" or "xlsx" from the file name, or None for a name we do not read."""
    return SUFFIXES.get(Path(path).suffix.lower())


def read_log(path: str | Path, name: str | None = None, skip: SkipLine | None = None) -> Iterator[LogItem]:
    """The messages and errors of one log file, in file order; `name` is the file as reported.

    `skip` is asked about each line of a JSON Lines file before it is decoded: a line it
    passes over yields nothing (a replay partition leaves other partitions' lines unparsed).
    """
    name = str(path) if name is None else name
    kind = log_format(path)
    if kind is None:
        yield LogError(name, 0, _("not a log file we read: the name should end in .jsonl, .csv or .xlsx"))
        return
    try:
        if kind == "xlsx":
            yield from _read_xlsx(path, name)
            return
        with open(path, "rb") as stream:
            yield from (_read_jsonl(stream, name, skip) if kind == "jsonl" else _read_csv(stream, name))
    except OSError as exc:
        yield LogError(name, 0, _("cannot read: {reason}").format(reason=reason_of(exc)))


def read_logs(paths: Iterable[str | Path]) -> Iterator[LogItem]:
    for path in paths:
        yield from read_log(path)


def conversation_messages(paths: Iterable[str | Path], conversation: str, file: str | None = None,
                          line: int | None = None) -> list[LogMessage]:
    """The messages of one conversation, in file order, read by streaming the logs; with `file` and
    `line`, only those up to and including the message there (what a replay of it up to that turn needs)."""
    found = []
    for path in paths:
        for item in read_log(path):
            if isinstance(item, LogMessage) and item.conversation == conversation:
                found.append(item)
                if item.file == file and item.line == line:
                    return found
    return found


# ------------------------------------------------------------ one record

def _clean(text: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", text)


def _as_text(value: Any) -> str | None:
    """A cell or JSON value as text: numbers as written (2.0 as "2", from a spreadsheet), None for the rest."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (str, int, float)):
        return _clean(str(value))
    return None


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if record.get(key) is not None:
            return record[key]
    return None


def _record(record: dict[str, Any], file: str, line: int) -> LogItem | None:
    """The message of one line or row, an error, or None when it is skipped (not the customer's, blank)."""
    role = record.get("role")
    if role is not None and str(role).strip().lower() not in CUSTOMER_ROLES:
        return None
    conversation = _as_text(_first(record, CONVERSATION_KEYS))
    if conversation is None or not conversation.strip():
        return LogError(file, line, _("no conversation id (conversation or conversation_id)"))
    text = _first(record, TEXT_KEYS)
    if text is None:
        return LogError(file, line, _("no message (text or message)"))
    text = _as_text(text)
    if text is None:
        return LogError(file, line, _("the message is not text"))
    if len(text) > MAX_TEXT_CHARS:
        return LogError(file, line, _("a message of {count} characters (more than {limit})").format(
            count=f"{len(text):,}", limit=f"{MAX_TEXT_CHARS:,}"))
    if not text.strip():
        return None
    return LogMessage(conversation.strip(), text, file, line)


# ------------------------------------------------------------ JSON Lines

def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(number, bytes) per line; None for a line over MAX_LINE_BYTES, which is read past in pieces."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, raw


def _read_jsonl(stream: BinaryIO, file: str, skip: SkipLine | None = None) -> Iterator[LogItem]:
    for number, raw in _lines(stream):
        if raw is None:
            yield LogError(file, number, _("a line over {limit} bytes").format(limit=f"{MAX_LINE_BYTES:,}"))
            continue
        if skip is not None and skip(number, raw):
            continue
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:   # its own line and column would be within this line
            # TRANSLATORS: {reason} is what the JSON parser found wrong, translated.
            yield LogError(file, number, _("not JSON: {reason} at column {column}").format(
                reason=json_problem(exc), column=exc.colno))
            continue
        except (ValueError, RecursionError) as exc:
            yield LogError(file, number, _("not JSON: {reason}").format(reason=str(exc).splitlines()[0]))
            continue
        if not isinstance(value, dict):
            yield LogError(file, number, _("not a JSON object"))
            continue
        if (item := _record(value, file, number)) is not None:
            yield item


# ------------------------------------------------------------ CSV

def _column(header: list[str], keys: tuple[str, ...]) -> int | None:
    names = [h.strip().lower() for h in header]
    for key in keys:
        if key in names:
            return names.index(key)
    return None


def _read_csv(stream: BinaryIO, file: str) -> Iterator[LogItem]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    yield from _read_rows(_csv_rows(text, file), file)


def _csv_rows(text: io.TextIOBase, file: str) -> Iterator[tuple[int, list[Any] | LogError]]:
    """(line where the row starts, its cells or the reason it cannot be read)."""
    reader = csv.reader(text)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, LogError(file, start, _("not a CSV row: {reason}").format(reason=exc))
            if reader.line_num < start:   # the reader did not move on: nothing more can be read
                return
            continue
        yield start, row


def _read_rows(rows: Iterator[tuple[int, list[Any] | LogError]], file: str) -> Iterator[LogItem]:
    """The records of a table whose first non-empty row names the columns."""
    columns: dict[str, int] | None = None
    for number, row in rows:
        if isinstance(row, LogError):
            yield row
            continue
        if not any(cell not in (None, "") for cell in row):
            continue
        if columns is None:
            header = [_as_text(cell) or "" for cell in row]
            conversation, message = _column(header, CONVERSATION_KEYS), _column(header, TEXT_KEYS)
            if conversation is None or message is None:
                yield LogError(file, number, _("the first row must name the columns: conversation (or "
                                               "conversation_id) and text (or message)"))
                return
            columns = {"conversation": conversation, "text": message}
            if (role := _column(header, ("role",))) is not None:
                columns["role"] = role
            continue
        if len(row) <= max(columns.values()):
            yield LogError(file, number, ngettext("{count} cell, fewer than the columns named in the first row",
                                                   "{count} cells, fewer than the columns named in the first row",
                                                   len(row)).format(count=len(row)))
            continue
        if (item := _record({key: row[index] for key, index in columns.items()}, file, number)) is not None:
            yield item


# ------------------------------------------------------------ Excel

def _read_xlsx(path: str | Path, file: str) -> Iterator[LogItem]:
    """The first sheet, row by row (openpyxl's read-only mode streams the sheet's XML)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        yield LogError(file, 0, _("cannot read: {reason}").format(reason=reason_of(exc)))
        return
    except Exception as exc:   # a file that is not a workbook fails in many ways inside zipfile and openpyxl
        yield LogError(file, 0, not_a_workbook(exc))
        return
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is not None:
            # Read-only mode trusts the size the writer recorded, which some exporters get wrong
            # (a log cut to its first cell); forgetting it makes openpyxl read every row there is.
            sheet.reset_dimensions()
            yield from _read_rows(_sheet_rows(sheet, file), file)
    finally:
        book.close()


def _sheet_rows(sheet, file: str) -> Iterator[tuple[int, list[Any] | LogError]]:
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        number += 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:   # a damaged sheet: what was read stands, the rest cannot be
            yield number, LogError(file, number, _("cannot read the sheet from this row on: {reason}").format(reason=exc))
            return
        yield number, list(row)
