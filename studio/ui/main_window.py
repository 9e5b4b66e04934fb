"""The studio's main window: composes the panels around one `Workspace` and wires them.

Layout: project panel (left dock), editor tabs (centre), outline (left dock,
below the project), problems (bottom dock). The knowledge editor, the chat
tester and the test panel are docked by the methods in "Places for the other
panels" below, through the public hook::

    dock = window.add_panel("knowledge-dock", window.tr("Knowledge"), widget,
                            Qt.DockWidgetArea.RightDockWidgetArea)

`add_panel` names the dock (its name keys the saved layout), puts its toggle in
the View menu and restores its remembered place. Panels get the shared
`window.workspace` (see `studio/ui/workspace.py` for its API) and the
`window.prompts` for any question they ask the user.

The window's other responsibilities sit in small mixins beside it: its actions and
menus (`window_menus.py`), saving and recovery (`window_saving.py`), opening files and
places (`window_navigation.py`), the editing commands (`window_editing.py`) and the
layout (`window_layout.py`); the recent projects are in `recent_projects.py`.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QWidget

from studio.diagnostics import Severity
from studio.project import Project, ProjectError
from studio.ui.decision_table import install_decision_table
from studio.ui.editor_tabs import EditorTabs
from studio.ui.outline_panel import OutlinePanel
from studio.ui.problems_panel import ProblemsPanel
from studio.ui.project_panel import ProjectPanel
from studio.ui.prompts import Prompts
from studio.ui.quick_open import QuickOpen
from studio.ui.recent_projects import recent_projects, remember_recent
from studio.ui.recovery import Autosaver, RecoveryStore
from studio.ui.rule_form import install_rule_form
from studio.vocabulary import vocabulary
from studio.ui.window_editing import WindowEditing
from studio.ui.window_layout import WindowLayout
from studio.ui.window_menus import WindowMenus
from studio.ui.window_navigation import WindowNavigation
from studio.ui.window_saving import WindowSaving
from studio.ui.workspace import Workspace

APP_TITLE = "Rule Studio"


class MainWindow(WindowMenus, WindowSaving, WindowNavigation, WindowEditing, WindowLayout, QMainWindow):
    windows: list["MainWindow"] = []   # open windows (a new project opens in a new window)

    def __init__(self, project: Project, settings: QSettings | None = None, prompts: Prompts | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main-window")
        self.settings = settings if settings is not None else QSettings()
        self.prompts = prompts if prompts is not None else Prompts()
        self.workspace = Workspace(project, self)
        self.recovery = RecoveryStore(project.root)
        self._recovery_offered = False
        self._closed = False
        self._view_actions: list[QAction] = []
        MainWindow.windows.append(self)

        self._compose()
        self._create_actions()
        self._create_menus()
        self._wire()
        from studio.ui import find_in_files, preferences   # Edit ▸ Find in Files…, Edit ▸ Preferences…
        self.find_in_files, self.preferences = find_in_files.install(self), preferences.install(self)
        self._restore_layout()
        self._remember_recent(project.root)
        self.autosaver = Autosaver(self.recovery, self.tabs.dirty_buffers, parent=self,
                                   knowledge_snapshot=self.workspace.knowledge_snapshot)
        self._update_title()
        self.workspace.analyze_now()
        self._open_initial_files()
        QTimer.singleShot(0, self.offer_recovery)

    # --- composition --------------------------------------------------------------------------

    def _compose(self) -> None:
        self.setDockNestingEnabled(True)
        self.tabs = EditorTabs(self.workspace, self.prompts, self)
        self.tabs.setObjectName("editor-tabs")
        self.setCentralWidget(self.tabs)

        self.project_panel = ProjectPanel(self.workspace, self.prompts, self)
        self.project_dock = self.add_panel("project-dock", self.tr("Project"), self.project_panel,
                                           Qt.DockWidgetArea.LeftDockWidgetArea, restore=False)
        self.outline_panel = OutlinePanel(self)
        self.outline_dock = self.add_panel("outline-dock", self.tr("Outline"), self.outline_panel,
                                           Qt.DockWidgetArea.LeftDockWidgetArea, restore=False)
        self.splitDockWidget(self.project_dock, self.outline_dock, Qt.Orientation.Vertical)
        self.problems_panel = ProblemsPanel(self)
        self.problems_dock = self.add_panel("problems-dock", self.tr("Problems"), self.problems_panel,
                                            Qt.DockWidgetArea.BottomDockWidgetArea, restore=False)
        self.quick_open = QuickOpen(self)

        self._compose_knowledge_panel()
        self._compose_chat_panel()
        self._compose_tests_panel()
        self._compose_explorer()
        self._compose_changes()
        self._compose_traffic()
        self.decision_table = install_decision_table(self)   # rules as rows (studio/ui/decision_table.py)
        self.rule_form = install_rule_form(self)   # the guided rule form (studio/ui/rule_form)

        self.position_label = QLabel(self)
        self.analysis_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.analysis_label)
        self.statusBar().addPermanentWidget(self.position_label)
        self._initial_size()

    def add_panel(self, name: str, title: str, widget: QWidget,
                  area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
                  tabify_with: QDockWidget | None = None, restore: bool = True) -> QDockWidget:
        """Dock `widget` as panel `name` (unique; it keys the remembered layout) and return its dock.

        The dock's toggle goes into the View menu; when a saved layout knows
        `name`, the dock returns to its remembered place and size.
        """
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        if tabify_with is not None:
            self.tabifyDockWidget(tabify_with, dock)
        action = dock.toggleViewAction()
        self._view_actions.append(action)
        if hasattr(self, "view_menu"):
            self.view_menu.insertAction(self._view_separator, action)
        if restore:
            self.restoreDockWidget(dock)
        return dock

    # --- Places for the other panels -------------------------------------------------------------
    # Each method docks one panel through `add_panel`; the engineers of those panels fill them in.

    def _compose_knowledge_panel(self) -> None:
        """Knowledge editor: right dock area."""
        # --- knowledge editor (studio/ui/knowledge) ---
        from studio.ui.knowledge.panel import KnowledgePanel
        self.knowledge_panel = KnowledgePanel(self.workspace, self, self.prompts)
        self.knowledge_dock = self.add_panel(
            "knowledge-dock", self.tr("Knowledge"), self.knowledge_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.knowledge_panel.modified_changed.connect(self._mark_knowledge_dock)
        self.knowledge_panel.open_as_text_requested.connect(self.open_knowledge_as_text)
        # --- end knowledge editor ---

    @Slot(bool)
    def _mark_knowledge_dock(self, modified: bool) -> None:
        """Unsaved knowledge shows in the dock's title too (the window title's [*] may be off-screen)."""
        self.knowledge_dock.setWindowTitle(self.tr("Knowledge") + (" *" if modified else ""))

    def _compose_chat_panel(self) -> None:
        """Chat tester: right dock area, tabified with the knowledge dock."""
        # --- chat tester (studio/ui/chat) ---
        from studio.ui.chat.panel import ChatPanel
        self.chat_panel = ChatPanel(self.workspace, self.settings, self.prompts, self)
        self.chat_dock = self.add_panel(
            "chat-dock", self.tr("Chat"), self.chat_panel, Qt.DockWidgetArea.RightDockWidgetArea,
            tabify_with=self.knowledge_dock)
        # the right docks (chat, knowledge) take the full height: the bottom docks stop at the editor
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        # --- end chat tester ---

    def _compose_tests_panel(self) -> None:
        """Conversation test runner: bottom dock area, tabified with the problems dock."""
        # --- tests panel (studio/ui/tests_panel.py): runs, failures into the chat, coverage marks ---
        from studio.ui.tests_panel import CoverageMarks, TestsPanel
        self.tests_panel = TestsPanel(self.workspace, self.settings, self)
        self.tests_dock = self.add_panel(
            "tests-dock", self.tr("Tests"), self.tests_panel, Qt.DockWidgetArea.BottomDockWidgetArea,
            tabify_with=self.problems_dock)
        self.problems_dock.raise_()
        self.coverage_marks = CoverageMarks(self.workspace, self.tabs, self)
        self.tests_panel.coverage_changed.connect(self.coverage_marks.set_coverage)
        self.tests_panel.coverage_changed.connect(self.outline_panel.set_coverage)
        self.tests_panel.open_in_chat.connect(self.open_test_in_chat)
        self.tests_panel.open_location.connect(self.open_location)
        self.chat_panel.open_location.connect(self.open_location)
        self.chat_panel.test_saved.connect(self.tests_panel.select_file)
        # --- end tests panel ---

    def _compose_explorer(self) -> None:
        """Flow view (bottom, tabbed with the tests), Generate Tests, Find a Conversation (explore_features.py)."""
        from studio.ui.explore_features import ExploreFeatures
        self.explore = ExploreFeatures(self)
        self.flow_dock = self.explore.flow_dock

    def _compose_changes(self) -> None:
        """Changes since a revision or folder: bottom, tabbed with the tests (changes_panel.py)."""
        from studio.ui.changes_panel import install_changes_panel
        self.changes_panel = install_changes_panel(self)

    def _compose_traffic(self) -> None:
        """Customer logs replayed on the current rules: bottom, tabbed with the tests (traffic_panel.py)."""
        from studio.ui.traffic_panel import install_traffic_panel
        self.traffic_panel = install_traffic_panel(self)

    # --- wiring -------------------------------------------------------------------------------------

    def _wire(self) -> None:
        ws = self.workspace
        ws.analysis_started.connect(self._analysis_started)
        ws.analysis_finished.connect(self._analysis_finished)
        ws.analysis_failed.connect(self._analysis_failed)
        ws.save_failed.connect(self._save_failed)
        ws.file_saved.connect(self._file_saved)
        ws.knowledge_changed.connect(self._update_title)
        ws.knowledge_saved.connect(self._update_title)
        ws.knowledge_file_changed_on_disk.connect(self._knowledge_changed_on_disk)
        ws.rule_file_deleted.connect(self.autosaver_forget)

        self.project_panel.rule_file_activated.connect(self._open_rule_file)
        self.project_panel.knowledge_file_activated.connect(self.open_knowledge_file)
        self.project_panel.conversation_activated.connect(self.open_conversation)

        self.tabs.current_file_changed.connect(self._current_file_changed)
        self.tabs.modified_changed.connect(self._update_title)
        self.tabs.cursor_moved.connect(self._cursor_moved)

        self.outline_panel.go_to.connect(self._outline_go_to)
        self.problems_panel.open_location.connect(self.open_location)
        self.problems_panel.fix_requested.connect(self.tabs.request_fix)
        self.problems_panel.try_requested.connect(self.try_witness)
        self.quick_open.chosen.connect(self.open_location)

    # --- projects ----------------------------------------------------------------------------------

    @Slot()
    def choose_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open Project Folder"),
                                                  str(self.workspace.project.root.parent))
        if folder:
            self.open_project(folder)

    def open_project(self, folder: str | Path) -> "MainWindow | None":
        """Open `folder` in a new window and close this one (after the unsaved-changes question)."""
        try:
            project = Project.open(folder)
        except ProjectError as exc:
            self.prompts.error(self, self.tr("Cannot Open Project"), str(exc))
            return None
        if project.root == self.workspace.project.root:
            return self
        if not self.maybe_save():
            return None
        window = MainWindow(project, self.settings, self.prompts)
        window.show()
        self.close()
        return window

    def _remember_recent(self, root: Path) -> None:
        remember_recent(self.settings, root)

    def recent_projects(self) -> list[str]:
        return recent_projects(self.settings)

    # --- analysis results ----------------------------------------------------------------------------

    @Slot(int)
    def _analysis_started(self, _generation: int) -> None:
        self.analysis_label.setText(self.tr("Checking…"))

    @Slot(object)
    def _analysis_finished(self, analysis) -> None:
        self.problems_panel.set_diagnostics(analysis.diagnostics)
        self.tabs.set_vocabulary(vocabulary(analysis.programs, self.workspace.knowledge))
        self._show_outline()
        counts = self.problems_panel.model.counts()
        self.analysis_label.setText(self.tr("{e} errors, {w} warnings, {i} infos").format(
            e=counts[Severity.ERROR], w=counts[Severity.WARNING], i=counts[Severity.INFO]))

    @Slot(str)
    def _analysis_failed(self, text: str) -> None:
        last = text.strip().splitlines()[-1] if text.strip() else ""
        self.analysis_label.setText(self.tr("Checker failed"))
        self.statusBar().showMessage(self.tr("The checker failed: {error}").format(error=last), 15000)

    def _show_outline(self) -> None:
        rel = self.tabs.current_rel()
        analysis = self.workspace.analysis
        program = None
        if analysis is not None and rel:
            program = next((p for p in analysis.programs if p.file == rel), None)
        self.outline_panel.set_program(program)

    @Slot(str)
    def _current_file_changed(self, rel: str) -> None:
        self._show_outline()
        if rel:
            self.project_panel.select(rel)

    @Slot(int, int)
    def _cursor_moved(self, line: int, column: int) -> None:
        self.position_label.setText(self.tr("Ln {line}, Col {column}").format(line=line, column=column))
        self.outline_panel.follow_line(line)

    @Slot(str)
    def _knowledge_changed_on_disk(self, rel: str) -> None:
        if not self.workspace.knowledge_dirty or self.prompts.reload_changed_file(self, rel):
            self.workspace.reload_knowledge()
            self.statusBar().showMessage(self.tr("Reloaded {file}").format(file=rel), 3000)

    @Slot()
    def _update_title(self) -> None:
        modified = set(self.tabs.modified_rels())
        self.setWindowTitle(f"{self.workspace.project.root.name}[*] — {APP_TITLE}")
        self.setWindowModified(bool(modified) or self.workspace.knowledge_dirty)
        self.project_panel.set_modified(modified)

    @Slot()
    def about(self) -> None:
        self.help_features.show_about()   # version, docs link, Qt / PySide6 / Python (studio/ui/help/about.py)

    # --- closing -------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self._closed:
            if not self.maybe_save():
                event.ignore()
                return
            self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Clean end of the session: remember the layout, clear the recovery area, stop the worker."""
        if self._closed:
            return
        self._closed = True
        self.save_layout()
        self.autosaver.stop()
        self.autosaver.clear()
        self.chat_panel.shutdown()    # chat tester / tests panel: quit + wait their threads
        self.tests_panel.shutdown()
        self.explore.shutdown()       # explorer / test generator: quit + wait their threads
        self.changes_panel.shutdown()
        self.traffic_panel.shutdown()
        self.knowledge_panel.shutdown()   # a knowledge import being read
        self.decision_table.shutdown()
        self.workspace.close()
        if self in MainWindow.windows:
            MainWindow.windows.remove(self)
        # Destroy the C++ side on the UI thread, at the next turn of the event loop: left to
        # Python's cyclic GC it could happen in whichever thread triggers a collection.
        self.deleteLater()

    def menu_titles(self) -> list[str]:
        return [a.text() for a in self.menuBar().actions()]

