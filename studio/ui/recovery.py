"""Never lose a keystroke: unsaved buffers are autosaved outside the project.

`RecoveryStore` keeps one JSON file per unsaved rule buffer in
``<AppDataLocation>/recovery/<hash of the project path>/`` (never inside the
project, so a crash leaves no litter in the user's folder), and one for
unsaved knowledge edits (kind "knowledge": a snapshot of the whole knowledge,
`studio.knowledge.snapshot_text`). `Autosaver` writes the dirty buffers there
every few seconds. When the studio opens a project whose store is not empty,
the previous session ended without saving or discarding (a crash, a kill):
`RecoveryDialog` offers the files back. A save removes the file's entry; a
clean close clears the store.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Slot
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout,
                               QWidget)

from studio.atomic import write_text_atomic
from studio.ui.sizing import open_wide_enough, readable_width, view_content_width

AUTOSAVE_INTERVAL_MS = 3000
TEXT, KNOWLEDGE = "text", "knowledge"   # what an entry holds: a file's text, or the knowledge's snapshot
KNOWLEDGE_ENTRY = "knowledge"           # the `file` of the knowledge's entry


@dataclass(frozen=True)
class RecoveryEntry:
    file: str          # relative to the project root (KNOWLEDGE_ENTRY for the knowledge)
    text: str
    saved_at: float    # time.time() of the autosave
    disk_text: str | None = None   # the file as it was on disk when the buffer was autosaved
    kind: str = TEXT


def recovery_root() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class RecoveryStore:
    """The recovery area of one project."""

    def __init__(self, project_root: Path, base: Path | None = None) -> None:
        self.project_root = Path(project_root).resolve()
        self.folder = (base or recovery_root()) / _key(str(self.project_root))

    def save(self, file: str, text: str, disk_text: str | None = None, kind: str = TEXT) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        record = {"project": str(self.project_root), "file": file, "text": text,
                  "saved_at": time.time(), "disk_text": disk_text, "kind": kind}
        write_text_atomic(self.folder / f"{_key(file)}.json", json.dumps(record, ensure_ascii=False))

    def remove(self, file: str) -> None:
        (self.folder / f"{_key(file)}.json").unlink(missing_ok=True)

    def clear(self) -> None:
        if self.folder.is_dir():
            for path in self.folder.glob("*.json"):
                path.unlink(missing_ok=True)
            try:
                self.folder.rmdir()
            except OSError:
                pass

    def entries(self) -> list[RecoveryEntry]:
        """What a previous session left behind (unreadable records are skipped)."""
        found = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                if record.get("project") != str(self.project_root):
                    continue
                found.append(RecoveryEntry(record["file"], record["text"], float(record["saved_at"]),
                                           record.get("disk_text"), record.get("kind", TEXT)))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(found, key=lambda e: e.file)


class Autosaver(QObject):
    """Every `interval_ms`, writes the dirty buffers whose text changed since the last autosave.

    `dirty_buffers()` returns {file: (text, disk_text)} of the buffers with unsaved edits;
    `knowledge_snapshot()` the snapshot of the knowledge while it has unsaved edits, else None.
    """

    def __init__(self, store: RecoveryStore, dirty_buffers: Callable[[], dict[str, tuple[str, str | None]]],
                 interval_ms: int = AUTOSAVE_INTERVAL_MS, parent: QObject | None = None,
                 knowledge_snapshot: Callable[[], str | None] = lambda: None) -> None:
        super().__init__(parent)
        self.store = store
        self._dirty_buffers = dirty_buffers
        self._knowledge_snapshot = knowledge_snapshot
        self._written: dict[str, str] = {}
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def autosave(self) -> None:
        dirty = {file: (text, disk_text, TEXT) for file, (text, disk_text) in self._dirty_buffers().items()}
        snapshot = self._knowledge_snapshot()
        if snapshot is not None:
            dirty[KNOWLEDGE_ENTRY] = (snapshot, None, KNOWLEDGE)
        for file, (text, disk_text, kind) in dirty.items():
            if self._written.get(file) != text:
                try:
                    self.store.save(file, text, disk_text, kind)
                except OSError:
                    continue   # the recovery area is best effort; the next tick tries again
                self._written[file] = text
        for file in [f for f in self._written if f not in dirty]:
            self.forget(file)

    def forget(self, file: str) -> None:
        """The buffer was saved or discarded: its recovery copy goes."""
        self._written.pop(file, None)
        self.store.remove(file)

    def clear(self) -> None:
        """A clean end: this session's copies go; what an earlier session left, and nobody was asked about, stays."""
        for file in list(self._written):
            self.forget(file)


class RecoveryDialog(QDialog):
    """Lists the recovered buffers (checked = restore); Restore or Discard."""

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery-dialog")
        self.setWindowTitle(self.tr("Recover Unsaved Changes"))
        self._entries = list(entries)
        label = QLabel(self.tr("Rule Studio did not close normally. These files had unsaved changes; "
                               "restore them into the editor?"), self)
        label.setWordWrap(True)
        self.list = QListWidget(self)
        for entry in self._entries:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(entry.saved_at))
            what = self.tr("Knowledge editor edits") if entry.kind == KNOWLEDGE else entry.file
            item = QListWidgetItem(self.tr("{file} (autosaved {time})").format(file=what, time=stamp))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(self)
        restore = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Discard"), QDialogButtonBox.ButtonRole.RejectRole)
        restore.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        open_wide_enough(self, view_content_width(self.list), readable_width(self))

    def selected_entries(self) -> list[RecoveryEntry]:
        return [e for i, e in enumerate(self._entries)
                if self.list.item(i).checkState() == Qt.CheckState.Checked]
