"""The workspace: the one Qt-side object that every panel of the studio shares.

It holds no widgets. Panels read from it, call its methods, and listen to its
signals; `main_window.py` hands the same `Workspace` to every panel it composes.

API (what the knowledge editor, the chat tester and the test panel code against)
---------------------------------------------------------------------------------

Attributes
    ``project``              the `studio.project.Project` (``project.root`` is a `Path`).
    ``knowledge``            the live, editable `Knowledge`. The knowledge editor mutates it
                             in place (on the UI thread) and then calls ``knowledge_edited()``.
    ``knowledge_documents``  the `KnowledgeDocument`s it was read from (one per file).
    ``knowledge_diagnostics`` the problems found while loading the knowledge files.
    ``analysis``             the latest `Analysis` (programs, knowledge snapshot, diagnostics,
                             rule_texts), or ``None`` before the first one has finished. Its
                             ``knowledge`` is a snapshot (never the live object); save through
                             ``save_knowledge()``, not through ``analysis.documents``.

Buffers (rel = path relative to the project root, e.g. ``"rules/ecommerce.dsl"``): the open
rule files and conversation tests (``is_conversation(rel)``)
    ``rule_texts() -> dict[rel, text]``  every rule file, open buffers (unsaved text
                                         included) over what is on disk, in file-name order.
    ``test_texts() -> list[text]``       every conversation test the same way (the checker reads
                                         them for the brands they mention).
    ``set_buffer(rel, text)``             a file's current text (debounced re-analysis). The editor
                                         tabs call it as the user types; another panel may call it
                                         too (e.g. a rename across the rules): the file's tab then
                                         shows the new text as one undoable, unsaved edit.
    ``drop_buffer(rel)``                  forget a buffer (tab closed); the disk text counts again.
    ``buffer(rel)``, ``open_buffers()``, ``read_disk_text(rel)``, ``known_disk_text(rel)``.

Analysis (parse + check, always off the UI thread, newest request wins)
    ``request_analysis()``  debounced (``DEBOUNCE_MS`` after the last call); for typing.
    ``analyze_now()``       starts at once (used after a save); returns the generation number.
    A result is delivered by ``analysis_finished(Analysis)``; results of stale
    generations are dropped, so a listener only ever sees the newest state.

Saving
    ``save_file(rel) -> bool``       writes a buffer (rule file or conversation test) atomically
                                     (QSaveFile), then ``analyze_now()``. On failure
                                     ``save_failed(rel, reason)`` is emitted and False returned.
    ``save_knowledge() -> bool``     through `studio.knowledge.save_knowledge` (each
                                     `KnowledgeDocument` keeps its format and key order); refused
                                     (False + ``save_failed(file, reason)``) while a file cannot be parsed.
    ``knowledge_edited(unsaved=True)`` call after mutating ``knowledge``: bumps its version, marks it
                                     unsaved (or saved: undone back to the saved state), emits
                                     ``knowledge_changed`` and re-analyses.
    ``knowledge_dirty``              unsaved knowledge edits exist.
    ``knowledge_snapshot() -> str | None``  the unsaved knowledge as a snapshot for the recovery
                                     area (None when nothing is unsaved); ``restore_knowledge(text)``
                                     makes such a snapshot the live knowledge again, unsaved.

Files on disk
    ``create_file(rel, text="") -> rel`` (a rule file or a conversation test),
    ``create_rule_file(name, text="") -> rel``, ``rename_rule_file(rel, new_name) -> rel``,
    ``delete_rule_file(rel)``; they raise `WorkspaceError` with a readable reason.

Signals
    ``analysis_started(int)``                 a generation went to the worker.
    ``analysis_finished(object)``             the newest `Analysis`.
    ``analysis_failed(str)``                  the analysis crashed (a bug): the traceback text.
    ``knowledge_changed()``                   ``knowledge`` was edited or reloaded.
    ``rules_changed()``                       a rule buffer's text changed.
    ``buffer_changed(str)``                   the buffer of that file was set (by its editor tab, or by
                                             another panel: the tab then takes the text, undoably).
    ``files_changed()``                       the set of project files changed (create/rename/delete).
    ``file_saved(str)``, ``knowledge_saved()``, ``save_failed(str, str)``.
    ``rule_file_renamed(str, str)``, ``rule_file_deleted(str)``.
    ``open_file_changed_on_disk(str)``        someone else changed a file that has a buffer (the
                                             text differs from what the studio last read or wrote).
    ``knowledge_file_changed_on_disk(str)``.

Call ``close()`` when done: it stops the watcher and quits + waits for the worker thread.
"""
from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (QByteArray, QCoreApplication, QFileSystemWatcher, QObject, QSaveFile, QThread, QTimer,
                            Signal, Slot)

from studio.diagnostics import Diagnostic, sort_key
from studio.files import read_project_text, reason_of
from studio.knowledge import (Knowledge, KnowledgeSaveError, load_knowledge, new_document, read_snapshot,
                              save_knowledge, snapshot_text)
from studio.project import Analysis, Project

SETTLE_MS = 100   # a watched file's change is reported once no other change came for this long
DEBOUNCE_MS = 350
RULE_SUFFIX = ".dsl"
_BAD_NAME = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


class WorkspaceError(Exception):
    """A file operation that cannot be done; the message says why, for the user."""


def write_text_qsave(path: Path, text: str) -> str | None:
    """Write `text` as UTF-8 through `QSaveFile` (atomic); the reason on failure, else None."""
    save = QSaveFile(str(path))
    if not save.open(QSaveFile.OpenModeFlag.WriteOnly):
        return save.errorString() or QCoreApplication.translate("Workspace", "cannot open the file for writing")
    data = text.encode("utf-8")
    if save.write(QByteArray(data)) != len(data):
        reason = save.errorString() or QCoreApplication.translate("Workspace", "write failed")
        save.cancelWriting()
        save.commit()   # discards the temporary file
        return reason
    if not save.commit():
        return save.errorString() or QCoreApplication.translate("Workspace",
                                                                "the file could not be committed (disk full?)")
    return None


def is_conversation(rel: str) -> bool:
    """Whether `rel` is a conversation test (a YAML file under conversations/)."""
    return rel.startswith("conversations/") and rel.lower().endswith((".yaml", ".yml"))


@dataclass(frozen=True)
class _Job:
    buffers: dict[str, str]
    knowledge: Knowledge | None   # None: as on disk (read again in the worker, with positions)
    knowledge_diagnostics: tuple[Diagnostic, ...]
    documents: tuple


def collect_rule_texts(project: Project, buffers: dict[str, str]) -> dict[str, str]:
    """Every rule file's text, buffers over disk, in file-name order (unreadable files skipped:
    the watcher reports them)."""
    buffers = {rel: text for rel, text in buffers.items()   # a knowledge file open as text is no rule file
               if not is_conversation(rel) and not rel.startswith("knowledge/")}
    texts: dict[str, str] = {}
    for path in project.rule_files:
        rel = project.relative(path)
        if rel in buffers:
            texts[rel] = buffers[rel]
            continue
        try:
            texts[rel] = read_project_text(path)
        except (OSError, UnicodeDecodeError):
            continue
    for rel, text in buffers.items():   # a buffer whose file vanished from disk still counts
        texts.setdefault(rel, text)
    return dict(sorted(texts.items()))


def collect_test_texts(project: Project, buffers: dict[str, str]) -> list[str]:
    """Every conversation test's text, buffers over disk (unreadable bytes replaced)."""
    texts = {}
    for path in project.conversation_files:
        if project.relative(path) not in buffers:
            try:
                texts[project.relative(path)] = read_project_text(path, errors="replace")
            except OSError:   # a FIFO, a device, too big: the loader says why when the test is run
                continue
    texts.update((rel, text) for rel, text in buffers.items() if is_conversation(rel))
    return [texts[rel] for rel in sorted(texts)]


class _AnalysisWorker(QObject):
    """Runs `Project.analyze` in the worker thread; talks only through signals."""

    finished = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, project: Project) -> None:
        super().__init__()
        self._project = project
        self.latest = 0   # newest generation asked for; set by the UI thread (an int store is atomic)

    @Slot(int, object)
    def run(self, generation: int, job: _Job) -> None:
        if generation < self.latest:
            return   # a newer request is queued behind this one
        try:
            texts = collect_rule_texts(self._project, job.buffers)
            tests = collect_test_texts(self._project, job.buffers)
            documents = list(job.documents) if job.knowledge is not None else None
            analysis = self._project.analyze(rule_texts=texts, knowledge=job.knowledge, test_texts=tests,
                                             documents=documents)
            if job.knowledge is not None:
                # Edited, unsaved knowledge: its problems as loaded still stand; brand positions
                # are those of the file as loaded (a new brand points at its category).
                analysis.diagnostics = sorted(list(analysis.diagnostics) + list(job.knowledge_diagnostics),
                                              key=sort_key)
                analysis.documents = list(job.documents)
        except Exception:   # a bug in a phase: report it, keep the window alive
            self.failed.emit(generation, traceback.format_exc())
            return
        self.finished.emit(generation, analysis)


class Workspace(QObject):
    analysis_started = Signal(int)
    analysis_finished = Signal(object)
    analysis_failed = Signal(str)
    knowledge_changed = Signal()
    rules_changed = Signal()
    buffer_changed = Signal(str)
    files_changed = Signal()
    file_saved = Signal(str)
    knowledge_saved = Signal()
    save_failed = Signal(str, str)
    rule_file_renamed = Signal(str, str)
    rule_file_deleted = Signal(str)
    open_file_changed_on_disk = Signal(str)
    knowledge_file_changed_on_disk = Signal(str)

    _submit = Signal(int, object)

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.analysis: Analysis | None = None
        self.knowledge_dirty = False
        self._snapshot: tuple[Knowledge, int, str] | None = None   # the last knowledge_snapshot(), by version
        self._buffers: dict[str, str] = {}
        self._known_disk: dict[str, str] = {}   # rel -> the text last read or written by us
        self._generation = 0
        self._delivered = 0
        self._closed = False
        self._load_knowledge()

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.analyze_now)

        self._thread = QThread(self)
        self._thread.setObjectName("rule-studio-analysis")
        self._worker = _AnalysisWorker(project)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()

        self._watcher = QFileSystemWatcher(self)
        self._settling: dict[str, QTimer] = {}   # path -> the timer that reports its change once it settles
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._watcher.directoryChanged.connect(self._on_directory_changed)
        self._rewatch()

    # --- lifetime --------------------------------------------------------------------

    def close(self) -> None:
        """Stop watching and analysing: quit and wait for the worker thread."""
        if self._closed:
            return
        self._closed = True
        self._debounce.stop()
        for timer in self._settling.values():
            timer.stop()
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)
        self._worker.latest = 1 << 62   # whatever is still queued is stale now
        self._thread.quit()
        self._thread.wait()

    @property
    def generation(self) -> int:
        return self._generation

    def is_analyzing(self) -> bool:
        """An analysis is pending (debounced) or running."""
        return self._debounce.isActive() or self._delivered < self._generation

    # --- rule buffers ------------------------------------------------------------------

    def rule_texts(self) -> dict[str, str]:
        return collect_rule_texts(self.project, self._buffers)

    def test_texts(self) -> list[str]:
        return collect_test_texts(self.project, self._buffers)

    def buffer(self, rel: str) -> str | None:
        return self._buffers.get(rel)

    def open_buffers(self) -> list[str]:
        return sorted(self._buffers)

    def set_buffer(self, rel: str, text: str) -> None:
        if self._buffers.get(rel) == text:
            return
        self._buffers[rel] = text
        self.buffer_changed.emit(rel)
        if not is_conversation(rel):
            self.rules_changed.emit()
        self.request_analysis()

    def drop_buffer(self, rel: str) -> None:
        text = self._buffers.pop(rel, None)
        if text is not None and text != self._known_disk.get(rel):
            if not is_conversation(rel):
                self.rules_changed.emit()
            self.request_analysis()

    def path_of(self, rel: str) -> Path:
        return self.project.root / rel

    def read_disk_text(self, rel: str) -> str:
        """The file's text on disk (remembered as 'known', so the watcher stays quiet about it)."""
        text = read_project_text(self.path_of(rel))
        self._known_disk[rel] = text
        return text

    def known_disk_text(self, rel: str) -> str | None:
        """The file's text as the studio last read or wrote it (None: never read)."""
        return self._known_disk.get(rel)

    def rule_file_rels(self) -> list[str]:
        return [self.project.relative(p) for p in self.project.rule_files]

    # --- analysis ------------------------------------------------------------------------

    @Slot()
    def request_analysis(self) -> None:
        if not self._closed:
            self._debounce.start()

    @Slot()
    def analyze_now(self) -> int:
        self._debounce.stop()
        if self._closed:
            return self._generation
        self._generation += 1
        self._worker.latest = self._generation
        # Unedited knowledge is read from disk again by the worker: that gives the checker the
        # files' positions (I410 points at the brand's key) and never races with the editor.
        knowledge = self.knowledge.copy() if self.knowledge_dirty else None
        job = _Job(dict(self._buffers), knowledge, tuple(self.knowledge_diagnostics),
                   tuple(self.knowledge_documents))
        self.analysis_started.emit(self._generation)
        self._submit.emit(self._generation, job)
        return self._generation

    @Slot(int, object)
    def _on_finished(self, generation: int, analysis: Analysis) -> None:
        if generation != self._generation or self._closed:
            return   # stale: a newer analysis is on its way
        self._delivered = generation
        self.analysis = analysis
        self.analysis_finished.emit(analysis)

    @Slot(int, str)
    def _on_failed(self, generation: int, text: str) -> None:
        if generation == self._generation:
            self._delivered = generation
            self.analysis_failed.emit(text)

    # --- saving --------------------------------------------------------------------------

    def save_file(self, rel: str) -> bool:
        text = self._buffers.get(rel)
        if text is None:
            return True   # nothing open, nothing to save
        path = self.path_of(rel)
        new = not path.exists()   # deleted by someone else since it was opened: it comes back
        reason = write_text_qsave(path, text)
        if reason is not None:
            self.save_failed.emit(rel, reason)
            return False
        self._known_disk[rel] = text
        self.file_saved.emit(rel)
        if new:
            self._files_changed()   # the folder's watch would see no new file: it is watched already
        else:
            self._rewatch()
            self.analyze_now()
        return True

    def knowledge_edited(self, unsaved: bool = True) -> None:
        self.knowledge.changed()
        self.knowledge_dirty = unsaved   # False: the edits were undone back to what is saved
        self.knowledge_changed.emit()
        self.request_analysis()

    def knowledge_snapshot(self) -> str | None:
        if not self.knowledge_dirty:
            return None
        cached = self._snapshot
        if cached is None or cached[0] is not self.knowledge or cached[1] != self.knowledge.version:
            cached = self._snapshot = (self.knowledge, self.knowledge.version, snapshot_text(self.knowledge))
        return cached[2]

    def restore_knowledge(self, snapshot: str) -> bool:
        """Make a `knowledge_snapshot()` text the live knowledge, as unsaved edits; False if unreadable."""
        knowledge = read_snapshot(snapshot)
        if knowledge is None:
            return False
        self.knowledge = knowledge
        self.knowledge_dirty = True
        self.knowledge_changed.emit()
        self.analyze_now()
        return True

    def save_knowledge(self) -> bool:
        for document in self.knowledge_documents:
            if not document.can_save:
                self.save_failed.emit(document.file, self.tr(
                    "{file} is not saved: it cannot be parsed ({problem}); fix it on disk first"
                ).format(file=document.file, problem=document.problem or ""))
                return False
        (self.project.root / "knowledge").mkdir(exist_ok=True)
        try:
            written = save_knowledge(self.knowledge, self.knowledge_documents)
        except KnowledgeSaveError as exc:   # refused (cannot be parsed now) or not writable
            self.save_failed.emit("knowledge", str(exc))
            return False
        for path in written:
            try:
                self._known_disk[self.project.relative(path)] = read_project_text(path)
            except (OSError, UnicodeDecodeError):
                pass
        self.knowledge_dirty = False
        self._rewatch()
        self.knowledge_saved.emit()
        self.analyze_now()
        return True

    def reload_knowledge(self) -> None:
        """Read the knowledge files again (dropping unsaved knowledge edits)."""
        self._load_knowledge()
        self.knowledge_changed.emit()
        self.analyze_now()

    def _load_knowledge(self) -> None:
        files = self.project.knowledge_files
        knowledge, diagnostics, documents = load_knowledge(files, root=self.project.root)
        if not documents:   # no knowledge file yet: saving creates knowledge/products.json
            documents = [new_document(self.project.root / "knowledge" / "products.json", self.project.root)]
        self.knowledge = knowledge
        self.knowledge_diagnostics = list(diagnostics)
        self.knowledge_documents = list(documents)
        self.knowledge_dirty = False
        for path in files:
            try:
                self._known_disk[self.project.relative(path)] = read_project_text(path)
            except (OSError, UnicodeDecodeError):
                pass

    # --- rule files on disk ----------------------------------------------------------------

    def create_rule_file(self, name: str, text: str = "") -> str:
        return self.create_file(self.project.relative(self._rule_path(name)), text)

    def create_file(self, rel: str, text: str = "") -> str:
        """A new project file at `rel` (a rule file or a conversation test) holding `text`."""
        path = self.path_of(rel)
        if path.exists():
            raise WorkspaceError(self.tr("{name} already exists").format(name=path.name))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(reason_of(exc)) from exc
        reason = write_text_qsave(path, text)
        if reason:
            raise WorkspaceError(reason)
        self._known_disk[rel] = text
        self._files_changed()
        return rel

    def rename_rule_file(self, rel: str, new_name: str) -> str:
        source = self.path_of(rel)
        target = self._rule_path(new_name)
        if target == source:
            return rel
        if target.exists():
            raise WorkspaceError(self.tr("{name} already exists").format(name=target.name))
        try:
            source.rename(target)
        except OSError as exc:
            raise WorkspaceError(reason_of(exc)) from exc
        new_rel = self.project.relative(target)
        if rel in self._buffers:
            self._buffers[new_rel] = self._buffers.pop(rel)
        if rel in self._known_disk:
            self._known_disk[new_rel] = self._known_disk.pop(rel)
        self.rule_file_renamed.emit(rel, new_rel)
        self._files_changed()
        return new_rel

    def delete_rule_file(self, rel: str) -> None:
        try:
            self.path_of(rel).unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise WorkspaceError(reason_of(exc)) from exc
        self._buffers.pop(rel, None)
        self._known_disk.pop(rel, None)
        self.rule_file_deleted.emit(rel)
        self._files_changed()

    def _rule_path(self, name: str) -> Path:
        name = name.strip()
        if name.endswith(RULE_SUFFIX):
            name = name[: -len(RULE_SUFFIX)]
        if not name or name.startswith(".") or _BAD_NAME.search(name):
            raise WorkspaceError(self.tr("“{name}” is not a valid file name").format(name=name))
        return self.project.root / "rules" / (name + RULE_SUFFIX)

    def _files_changed(self) -> None:
        self._rewatch()
        self.files_changed.emit()
        self.analyze_now()

    # --- watching the disk -------------------------------------------------------------------

    def _watched_files(self) -> list[str]:
        p = self.project
        return [str(x) for x in p.rule_files + p.knowledge_files + p.conversation_files]

    def _rewatch(self) -> None:
        if self._closed:
            return
        dirs = [str(self.project.root / d) for d in ("rules", "knowledge", "conversations")
                if (self.project.root / d).is_dir()]
        wanted = set(self._watched_files()) | set(dirs)
        current = set(self._watcher.files()) | set(self._watcher.directories())
        gone = sorted(current - wanted)
        new = sorted(wanted - current)
        if gone:
            self._watcher.removePaths(gone)
        if new:
            self._watcher.addPaths(new)

    @Slot(str)
    def _on_file_changed(self, path: str) -> None:
        """Report a change once the file has settled: `cat x > file` truncates, then writes, and
        the watcher tells both; asking about the truncation would be a stale question."""
        self._rewatch()   # a rename-over (atomic save) drops the path from the watch list
        timer = self._settling.get(path)
        if timer is None:
            timer = self._settling[path] = QTimer(self, singleShot=True, interval=SETTLE_MS)
            timer.timeout.connect(lambda p=path: self._file_settled(p))
        timer.start()

    def _file_settled(self, path: str) -> None:
        self._settling.pop(path).deleteLater()
        if self._closed:
            return
        rel = self.project.relative(Path(path))
        try:
            text = read_project_text(Path(path))
        except (OSError, UnicodeDecodeError):
            text = None
        if text is not None and text == self._known_disk.get(rel):
            return   # our own write, or no real change
        if rel.startswith("rules/"):
            if text is None:
                self._files_changed()
                return
            if rel in self._buffers:
                self.open_file_changed_on_disk.emit(rel)
            else:
                self._known_disk[rel] = text
                self.request_analysis()
        elif rel.startswith("knowledge/"):
            self.knowledge_file_changed_on_disk.emit(rel)
        elif rel in self._buffers and text is not None:
            self.open_file_changed_on_disk.emit(rel)
        else:
            self.request_analysis()

    @Slot(str)
    def _on_directory_changed(self, _path: str) -> None:
        before = set(self._watcher.files())
        self._rewatch()
        if set(self._watcher.files()) != before:
            self.files_changed.emit()
            self.request_analysis()

    def accept_disk_text(self, rel: str, text: str) -> None:
        """The user chose to keep their buffer over a changed file: remember the disk text as seen."""
        self._known_disk[rel] = text


__all__ = ["Workspace", "WorkspaceError", "collect_rule_texts", "collect_test_texts", "is_conversation",
           "write_text_qsave"]
