"""The editor tabs: one `CodeEditor` per open rule file or conversation test, kept in step with the workspace.

A tab's text goes to ``workspace.set_buffer`` shortly after each edit (so the
checker and the chat tester see unsaved text); the newest analysis comes back
as squiggles. A conversation test's tab is checked by the test loader instead
(a squiggle where its YAML or its fields are wrong). Saving, closing (with the unsaved-changes question), following a
rename or a delete, and reloading a file that changed on disk happen here.

Signals: ``current_file_changed(rel)`` ("" when no tab), ``modified_changed()``
(some tab's dirty state flipped), ``cursor_moved(line, column)``.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from studio.conversations.loader import parse_test
from studio.conversations.model import LoadError
from studio.diagnostics import Diagnostic, Fix, Severity, Span
from studio.files import read_project_text
from studio.ui.prompts import Prompts, UnsavedChoice
from studio.ui.workspace import Workspace, is_conversation

BUFFER_DELAY_MS = 150


def replace_text(editor, text: str) -> None:
    """Make the editor's text `text` by one undoable edit of the part that differs.

    Only the changed middle is replaced, so the cursor, the scroll position and
    the highlighting of the unchanged lines stay as they were.
    """
    old = editor.toPlainText()
    if old == text:
        return
    prefix = _common_prefix(old, text)
    suffix = _common_prefix(old[prefix:][::-1], text[prefix:][::-1])
    cursor = QTextCursor(editor.document())
    cursor.setPosition(utf16_offset(old, prefix))
    cursor.setPosition(utf16_offset(old, len(old) - suffix), QTextCursor.MoveMode.KeepAnchor)
    cursor.beginEditBlock()
    cursor.insertText(text[prefix:len(text) - suffix])
    cursor.endEditBlock()


def conversation_problems(rel: str, text: str) -> list[Diagnostic]:
    """Why the test loader refuses a conversation test's text, as a squiggle (none when it loads).

    These are not checker diagnostics (no diagnostic code covers them): they show
    in the test's tab and in the Tests panel, not in the Problems panel.
    """
    found = parse_test(text, rel)
    if not isinstance(found, LoadError):
        return []
    lines = text.split("\n")
    line = min(max(found.line, 1), len(lines))
    start = sum(len(above) + 1 for above in lines[:line - 1]) + found.column - 1
    length = max(len(lines[line - 1]) - found.column + 1, 1)   # to the end of its line
    span = Span(start, start + length, line, found.column, line, found.column + length)
    return [Diagnostic(Severity.ERROR, "test", found.message, span, rel)]


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix (binary search over C-level slice compares)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def utf16_offset(text: str, index: int) -> int:
    """The Qt (UTF-16) position of the code point `index` of `text`."""
    return len(text[:index].encode("utf-16-le")) // 2


class EditorPage(QWidget):
    """A tab: the editor of one file (and the editor's own find / replace bar)."""

    def __init__(self, rel: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from studio.ui.editor.code_editor import DSL, YAML, CodeEditor   # imported with the first tab (launch time)
        self.rel = rel
        # a knowledge file (JSON is YAML's flow style) is opened as text when it cannot be parsed
        yaml_like = is_conversation(rel) or rel.startswith("knowledge/")
        self.editor = CodeEditor(self, language=YAML if yaml_like else DSL)
        self.editor.setObjectName("code-editor")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.editor)
        find_bar = getattr(self.editor, "find_bar", None)
        if isinstance(find_bar, QWidget) and find_bar.parent() is None:
            layout.addWidget(find_bar)
        self.buffer_timer = QTimer(self, singleShot=True, interval=BUFFER_DELAY_MS)

    @property
    def modified(self) -> bool:
        return self.editor.document().isModified()

    def text(self) -> str:
        return self.editor.toPlainText()


class EditorTabs(QTabWidget):
    current_file_changed = Signal(str)
    modified_changed = Signal()
    cursor_moved = Signal(int, int)

    def __init__(self, workspace: Workspace, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.prompts = prompts
        self._vocabulary: dict[str, list[str]] = {}
        self._asking: set[str] = set()   # files whose "changed on disk" question is open now
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setUsesScrollButtons(True)
        self.tabCloseRequested.connect(self.close_tab)
        self.currentChanged.connect(self._current_changed)
        workspace.analysis_finished.connect(self._show_analysis)
        workspace.rule_file_renamed.connect(self._renamed)
        workspace.rule_file_deleted.connect(self._deleted)
        workspace.open_file_changed_on_disk.connect(self._changed_on_disk)
        workspace.buffer_changed.connect(self._buffer_changed)

    # --- pages -------------------------------------------------------------------------

    def pages(self) -> list[EditorPage]:
        return [self.widget(i) for i in range(self.count())]

    def page(self, rel: str) -> EditorPage | None:
        return next((p for p in self.pages() if p.rel == rel), None)

    def editor(self, rel: str):
        page = self.page(rel)
        return page.editor if page else None

    def current_page(self) -> EditorPage | None:
        return self.currentWidget()

    def current_editor(self):
        page = self.current_page()
        return page.editor if page else None

    def current_rel(self) -> str:
        page = self.current_page()
        return page.rel if page else ""

    def rels(self) -> list[str]:
        return [p.rel for p in self.pages()]

    def modified_rels(self) -> list[str]:
        return [p.rel for p in self.pages() if p.modified]

    def dirty_buffers(self) -> dict[str, tuple[str, str | None]]:
        """{rel: (text, disk text when read)} of every tab with unsaved edits (for the autosaver)."""
        return {p.rel: (p.text(), self.workspace.known_disk_text(p.rel)) for p in self.pages() if p.modified}

    # --- opening -------------------------------------------------------------------------

    def open_file(self, rel: str, focus: bool = True) -> EditorPage | None:
        """The tab of `rel`, opened from disk when needed (None when the file cannot be read)."""
        page = self.page(rel)
        if page is None:
            try:
                text = self.workspace.read_disk_text(rel)
            except (OSError, UnicodeDecodeError) as exc:
                self.prompts.error(self, self.tr("Cannot Open File"),
                                   self.tr("{file} cannot be read: {reason}").format(file=rel, reason=exc))
                return None
            page = self._add_page(rel, text)
        self.setCurrentWidget(page)
        if focus:
            page.editor.setFocus()
        return page

    def _add_page(self, rel: str, text: str) -> EditorPage:
        page = EditorPage(rel, self)
        editor = page.editor
        editor.setPlainText(text)
        editor.document().setModified(False)
        if self._vocabulary and hasattr(editor, "set_vocabulary"):
            editor.set_vocabulary(**self._vocabulary)
        editor.document().contentsChanged.connect(page.buffer_timer.start)
        page.buffer_timer.timeout.connect(lambda p=page: self._push_buffer(p))
        editor.document().modificationChanged.connect(lambda _m, p=page: self._modification_changed(p))
        editor.cursorPositionChanged.connect(lambda p=page: self._cursor_changed(p))
        if hasattr(editor, "fix_requested"):
            editor.fix_requested.connect(self.request_fix)
        index = self.addTab(page, rel.rsplit("/", 1)[-1])
        self.setTabToolTip(index, rel)
        self.workspace.set_buffer(rel, text)
        analysis = self.workspace.analysis
        if is_conversation(rel):
            editor.set_diagnostics(conversation_problems(rel, text))
        elif analysis is not None and analysis.rule_texts.get(rel) == text:
            editor.set_diagnostics([d for d in analysis.diagnostics if d.file == rel])
        return page

    def _push_buffer(self, page: EditorPage) -> None:
        page.buffer_timer.stop()
        text = page.text()
        self.workspace.set_buffer(page.rel, text)
        if page.modified and text == self.workspace.known_disk_text(page.rel):
            page.editor.document().setModified(False)   # edited (undone, erased) back to the saved text
        if is_conversation(page.rel):
            page.editor.set_diagnostics(conversation_problems(page.rel, page.text()))

    def flush(self) -> None:
        """Hand every pending edit to the workspace now."""
        for page in self.pages():
            if page.buffer_timer.isActive():
                self._push_buffer(page)

    # --- navigation ------------------------------------------------------------------------

    def go_to(self, rel: str, line: int, column: int = 1) -> bool:
        page = self.open_file(rel)
        if page is None:
            return False
        page.editor.go_to(line, column)
        return True

    # --- saving and closing ------------------------------------------------------------------

    def save(self, rel: str) -> bool:
        page = self.page(rel)
        if page is None:
            return True
        self._push_buffer(page)
        if not self.workspace.save_file(rel):
            return False   # workspace.save_failed told the window; the tab stays dirty
        page.editor.document().setModified(False)
        return True

    def save_current(self) -> bool:
        rel = self.current_rel()
        return self.save(rel) if rel else True

    def save_all(self) -> bool:
        ok = True
        for rel in self.modified_rels():
            ok = self.save(rel) and ok
        return ok

    @Slot(int)
    def close_tab(self, index: int) -> bool:
        page = self.widget(index)
        if page is None:
            return True
        if page.modified:
            choice = self.prompts.unsaved_changes(self, [page.rel])
            if choice is UnsavedChoice.CANCEL:
                return False
            if choice is UnsavedChoice.SAVE and not self.save(page.rel):
                return False
        self._remove(page)
        return True

    def close_current(self) -> bool:
        return self.close_tab(self.currentIndex()) if self.count() else True

    def _remove(self, page: EditorPage) -> None:
        page.buffer_timer.stop()
        self.removeTab(self.indexOf(page))
        self.workspace.drop_buffer(page.rel)
        page.deleteLater()
        self.modified_changed.emit()

    # --- fixes ---------------------------------------------------------------------------------

    @Slot(object)
    def request_fix(self, diagnostic: Diagnostic) -> None:
        """Slot for fix requests (slots return None; `apply_fix` returns whether it applied)."""
        self.apply_fix(diagnostic)

    def apply_fix(self, diagnostic: Diagnostic) -> bool:
        """Apply the diagnostic's first fix in its editor (one undoable edit), then re-check."""
        if not diagnostic.fixes:
            return False
        fix: Fix = diagnostic.fixes[0]
        page = self.open_file(fix.file or diagnostic.file)
        if page is None:
            return False
        self._push_buffer(page)
        analysis = self.workspace.analysis
        tracked = diagnostic in page.editor.diagnostics.diagnostics()   # its squiggle follows the edits
        if not tracked and (analysis is None or analysis.rule_texts.get(page.rel) != page.text()):
            # The problem was found in an older text: its position may be off. Re-check first.
            self.workspace.analyze_now()
            return False
        page.editor.apply_fix(fix)
        self._push_buffer(page)
        self.workspace.analyze_now()
        return True

    # --- keeping in step with the workspace --------------------------------------------------------

    def set_vocabulary(self, words: dict[str, list[str]]) -> None:
        self._vocabulary = dict(words)
        for page in self.pages():
            if hasattr(page.editor, "set_vocabulary"):
                page.editor.set_vocabulary(**self._vocabulary)

    @Slot(object)
    def _show_analysis(self, analysis) -> None:
        by_file: dict[str, list[Diagnostic]] = {}
        for d in analysis.diagnostics:
            by_file.setdefault(d.file, []).append(d)
        for page in self.pages():
            if analysis.rule_texts.get(page.rel) == page.text():   # squiggles only where they fit the text
                page.editor.set_diagnostics(by_file.get(page.rel, []))

    @Slot(str)
    def _buffer_changed(self, rel: str) -> None:
        """Another panel set the buffer: the tab (opened when needed) takes the text, undoably."""
        text = self.workspace.buffer(rel)
        page = self.page(rel)
        if text is None or (page is not None and (page.buffer_timer.isActive() or page.text() == text)):
            return
        if page is None:
            if not rel.endswith(".dsl"):
                return
            page = self.open_file(rel, focus=False)
            if page is None:
                return
        replace_text(page.editor, text)
        self._push_buffer(page)

    @Slot(str, str)
    def _renamed(self, old: str, new: str) -> None:
        page = self.page(old)
        if page is None:
            return
        page.rel = new
        index = self.indexOf(page)
        self.setTabText(index, self._title(page))
        self.setTabToolTip(index, new)
        if index == self.currentIndex():
            self.current_file_changed.emit(new)

    @Slot(str)
    def _deleted(self, rel: str) -> None:
        page = self.page(rel)
        if page is not None:
            page.editor.document().setModified(False)
            self._remove(page)

    @Slot(str)
    def _changed_on_disk(self, rel: str) -> None:
        page = self.page(rel)
        if page is None or rel in self._asking:   # asking already: the answer takes the file as it is then
            return
        disk = self._disk_text(rel)
        if disk is None:
            return
        if disk == page.text():
            self.workspace.accept_disk_text(rel, disk)
            page.editor.document().setModified(False)
            return
        if not page.modified:
            self.reload(rel)
            return
        self._asking.add(rel)
        try:
            reload = self.prompts.reload_changed_file(self, rel)
        finally:
            self._asking.discard(rel)
        if reload:
            self.reload(rel)
            return
        disk = self._disk_text(rel)   # read again: it may have been written on while the box was open
        if disk is not None:
            self.workspace.accept_disk_text(rel, disk)

    def _disk_text(self, rel: str) -> str | None:
        try:
            return read_project_text(self.workspace.project.root / rel)
        except (OSError, UnicodeDecodeError):
            return None

    def reload(self, rel: str) -> None:
        """Replace the tab's text with the file on disk, as one undoable edit."""
        page = self.page(rel)
        if page is None:
            return
        try:
            text = self.workspace.read_disk_text(rel)
        except (OSError, UnicodeDecodeError):   # replaced by something unreadable: keep the tab's text
            return
        replace_text(page.editor, text)
        page.editor.document().setModified(False)
        self._push_buffer(page)

    def restore_text(self, rel: str, text: str) -> bool:
        """Put recovered text into the tab of `rel` (as one undoable, unsaved edit)."""
        page = self.open_file(rel, focus=False)
        if page is None:
            return False
        replace_text(page.editor, text)
        page.editor.document().setModified(page.text() != self.workspace.known_disk_text(rel))
        self._push_buffer(page)
        return True

    # --- titles and signals -----------------------------------------------------------------------

    def _title(self, page: EditorPage) -> str:
        return page.rel.rsplit("/", 1)[-1] + (" *" if page.modified else "")

    def _modification_changed(self, page: EditorPage) -> None:
        index = self.indexOf(page)
        if index >= 0:
            self.setTabText(index, self._title(page))
        self.modified_changed.emit()

    def _cursor_changed(self, page: EditorPage) -> None:
        if page is self.current_page():
            cursor = page.editor.textCursor()
            self.cursor_moved.emit(cursor.blockNumber() + 1, cursor.positionInBlock() + 1)

    @Slot(int)
    def _current_changed(self, _index: int) -> None:
        self.current_file_changed.emit(self.current_rel())
        page = self.current_page()
        if page is not None:
            self._cursor_changed(page)
