"""The projects opened last (File ▸ Open Recent, the project chooser) and the key of a project's own settings."""
from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


def project_key(root: Path) -> str:
    return hashlib.sha256(str(Path(root).resolve()).encode("utf-8")).hexdigest()[:16]


def open_files_key(root: Path) -> str:
    """The settings key of the files a project had open when its window closed."""
    return f"projects/{project_key(root)}/open_files"


def recent_projects(settings: QSettings) -> list[str]:
    """The projects opened last, newest first."""
    return string_list(settings.value("recent_projects"))


def remember_recent(settings: QSettings, root: Path) -> None:
    """Put `root` first in the recent projects, keeping at most MAX_RECENT."""
    recent = [p for p in string_list(settings.value("recent_projects")) if p != str(root)]
    settings.setValue("recent_projects", [str(root)] + recent[: MAX_RECENT - 1])


def string_list(value) -> list[str]:
    """A QSettings list value (INI files give back a str for a one-item list, None for none)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]
