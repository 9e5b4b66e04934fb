"""Customer conversations from chat logs: JSON Lines or CSV, one message per line or row.

A message has a conversation id (`conversation` or `conversation_id`) and a
text (`text` or `message`); a line whose `role` is given and is neither `user`
nor `customer` (the assistant's own replies) is skipped. The messages of one
conversation keep their order in the file. A line that cannot be read is
counted in `skipped` and left out; a file that cannot be read at all is a
LogError.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from studio import files

LOG_SIZE_LIMIT = files.SizeLimit(100 * files.MB, "log file")
CUSTOMER_ROLES = ("user", "customer")


class LogError(Exception):
    """A log file cannot be read at all."""


@dataclass(frozen=True)
class LogConversation:
    file: str
    id: str
    messages: tuple[str, ...]


@dataclass
class LogReading:
    conversations: list[LogConversation]
    skipped: int   # lines that are not a customer message with an id and a text


def read_log(path: Path, shown_as: str | None = None) -> LogReading:
    shown_as = shown_as or str(path)
    try:
        text = files.normalise_newlines(files.read_bytes(path, LOG_SIZE_LIMIT).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LogError(f"cannot read the log {shown_as}: {exc}") from exc
    if path.suffix.lower() == ".csv":
        rows = _csv_rows(text)
    elif path.suffix.lower() in (".jsonl", ".json", ".ndjson", ".log", ".txt"):
        rows = _json_rows(text)
    else:
        raise LogError(f"cannot read the log {shown_as}: only JSON Lines (.jsonl) and CSV (.csv) logs are read")
    by_id: dict[str, list[str]] = {}
    skipped = 0
    for row in rows:
        if _someone_else(row):
            continue
        message = _customer_message(row)
        if message is None:
            skipped += 1
            continue
        by_id.setdefault(message[0], []).append(message[1])
    return LogReading([LogConversation(shown_as, id_, tuple(texts)) for id_, texts in by_id.items()], skipped)


def _json_rows(text: str) -> list:
    rows = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except ValueError:
            rows.append(None)
    return rows


def _csv_rows(text: str) -> list:
    try:
        return list(csv.DictReader(io.StringIO(text)))
    except csv.Error:
        return [None]


def _first(row: dict, *keys: str):
    return next((row[key] for key in keys if row.get(key) not in (None, "")), None)


def _someone_else(row) -> bool:
    """A row said to be by someone other than the customer (the assistant's reply, a system note)."""
    role = row.get("role") if isinstance(row, dict) else None
    return role not in (None, "") and str(role).strip().lower() not in CUSTOMER_ROLES


def _customer_message(row) -> tuple[str, str] | None:
    """(conversation id, text) of a customer's row; None when it lacks either."""
    if not isinstance(row, dict):
        return None
    conversation, text = _first(row, "conversation", "conversation_id"), _first(row, "text", "message")
    if conversation is None or not isinstance(text, str):
        return None
    return str(conversation), text
