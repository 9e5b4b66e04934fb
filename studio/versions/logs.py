"""The customer conversations of chat logs, for replay on two versions.

The logs are read by the traffic readers (JSON Lines, CSV, Excel; see
`studio.traffic.readers`), which already skip the lines that are not the
customer's; here the messages are gathered per conversation, in file order.
A log that cannot be read at all is a LogFileError; a line that cannot be used
is counted and left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studio.i18n import _
from studio.traffic.readers import LogError, read_log


class LogFileError(Exception):
    """A log file cannot be read at all."""


@dataclass(frozen=True)
class LogConversation:
    file: str
    id: str
    messages: tuple[str, ...]


@dataclass
class LogReading:
    conversations: list[LogConversation]
    skipped: list[LogError]   # lines or rows that are not a usable customer message


def read_conversations(path: Path, shown_as: str | None = None) -> LogReading:
    shown_as = shown_as or str(path)
    by_id: dict[str, list[str]] = {}
    skipped: list[LogError] = []
    for item in read_log(path, shown_as):
        if isinstance(item, LogError):
            if item.line == 0:
                raise LogFileError(_("cannot read the log {file}: {reason}").format(file=item.file, reason=item.message))
            skipped.append(item)
        else:
            by_id.setdefault(item.conversation, []).append(item.text)
    return LogReading([LogConversation(shown_as, id_, tuple(texts)) for id_, texts in by_id.items()], skipped)
