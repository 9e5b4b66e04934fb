"""The studio window on real widgets: live diagnostics, one-click fixes, saving, never losing text."""
from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from studio.diagnostics import Severity
from studio.ui.problems_panel import FIX_COLUMN, SEVERITY_COLUMN
from studio.ui.prompts import Prompts, UnsavedChoice
from tests.ui.studio_fixtures import (EXTRA_DSL, SHOP_DSL, copy_sample, make_window, problems_of,  # noqa: F401
                             project_dir, prompts, settings, studio_env, wait_analysis, window)

TYPO_LINE = 5   # `    ADD_TO_CHAIN brand "华为"` in extra.dsl


def _select_brand(editor, brand="华为"):
    """Select the brand in the ADD_TO_CHAIN line, as a user would with the mouse."""
    block = editor.document().findBlockByNumber(TYPO_LINE - 1)
    column = block.text().index(brand)
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + column)
    cursor.setPosition(block.position() + column + len(brand), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def type_cjk(editor, text: str) -> None:
    """Type Chinese the way an input method does: one commit of the composed text."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)


def _type_typo(qtbot, window):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    _select_brand(editor)
    type_cjk(editor, "华维")
    qtbot.waitUntil(lambda: bool(problems_of(window, "E200")), timeout=5000)
    return editor


def press_ctrl_s(qtbot, window, editor) -> None:
    """The user presses Ctrl+S in the editor (the window's Save action takes it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def _squiggled(editor) -> list[str]:
    """The texts under a wave underline in the editor."""
    found = []
    for selection in editor.extraSelections():
        if selection.format.underlineStyle() == selection.format.UnderlineStyle.WaveUnderline:
            found.append(selection.cursor.selectedText())
    return found


def test_window_composes_the_panels(window):
    assert window.windowTitle().startswith("shop")
    assert {d.objectName() for d in window.findChildren(QDockWidget)} >= {"project-dock", "outline-dock",
                                                                          "problems-dock"}
    assert window.dockWidgetArea(window.problems_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.tabs.rels() == ["rules/extra.dsl"]   # the first rule file opens
    assert window.project_panel.file_labels() == ["extra.dsl", "shop.dsl"]
    assert window.outline_panel.entries() == ["RULE  recommend_huawei"]
    assert window.recent_projects()[0] == str(window.workspace.project.root)


def test_add_panel_docks_a_widget_and_lists_it_in_the_view_menu(window):
    from PySide6.QtWidgets import QLabel
    dock = window.add_panel("chat-dock", "Chat", QLabel("hello"), Qt.DockWidgetArea.RightDockWidgetArea)
    assert dock.objectName() == "chat-dock"
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.toggleViewAction() in window.view_menu.actions()


def test_typing_a_brand_typo_shows_a_squiggle_and_a_problem(qtbot, window):
    editor = _type_typo(qtbot, window)
    [problem] = problems_of(window, "E200")
    assert problem.file == "rules/extra.dsl" and problem.span.line == TYPO_LINE
    assert problem.suggestion == "华为"
    qtbot.waitUntil(lambda: "华维" in _squiggled(editor), timeout=5000)
    assert window.tabs.tabText(0) == "extra.dsl *"
    assert window.isWindowModified()


def test_the_one_click_fix_corrects_the_text_undoably(qtbot, window):
    editor = _type_typo(qtbot, window)
    panel = window.problems_panel
    panel.view.sortByColumn(SEVERITY_COLUMN, Qt.SortOrder.AscendingOrder)
    row = next(r for r in range(panel.row_count()) if panel.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).code == "E200")
    cell = panel.proxy.index(row, FIX_COLUMN)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(cell).center())
    assert 'ADD_TO_CHAIN brand "华为"' in editor.toPlainText()
    qtbot.waitUntil(lambda: not problems_of(window, "E200"), timeout=5000)
    editor.undo()
    assert 'ADD_TO_CHAIN brand "华维"' in editor.toPlainText()


def test_double_click_on_a_problem_opens_its_place(qtbot, window):
    (window.workspace.project.root / "rules/shop.dsl").write_text(SHOP_DSL.replace("INTENT_IS greeting", "INTENT_IS greting"),
                                                                  encoding="utf-8")
    qtbot.waitUntil(lambda: bool(problems_of(window, "E110")), timeout=5000)
    [problem] = problems_of(window, "E110")
    window.problems_panel.open_location.emit(problem.file, problem.span.line, problem.span.column)
    assert window.tabs.current_rel() == "rules/shop.dsl"
    cursor = window.tabs.current_editor().textCursor()
    assert cursor.blockNumber() + 1 == problem.span.line


def test_try_it_replays_a_never_firing_rules_witness_in_the_chat_tester(qtbot, window):
    dead = SHOP_DSL.replace("RULE choose_phone", 'RULE greet_while_choosing\nWHEN INTENT_IS greeting AND '
                            'CONTEXT_STAGE_IS "brand_select"\nTHEN\n    RESPOND "x"\n\nRULE choose_phone')
    (window.workspace.project.root / "rules/shop.dsl").write_text(dead, encoding="utf-8")
    qtbot.waitUntil(lambda: bool(problems_of(window, "W300")), timeout=5000)
    panel = window.problems_panel
    row = next(r for r in range(panel.row_count())
               if panel.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).code == "W300")
    panel.view.setCurrentIndex(panel.proxy.index(row, 0))
    assert panel.try_button.isEnabled()
    with qtbot.waitSignal(window.chat_panel.replay_finished, timeout=10000):
        qtbot.mouseClick(panel.try_button, Qt.MouseButton.LeftButton)
    chat = window.chat_panel
    assert chat.start_stage == "brand_select"
    assert [t.result.rule for t in chat.turns] == ["greet"]
    assert window.chat_dock.isVisible()


def test_save_writes_atomically_and_rechecks(qtbot, window):
    editor = _type_typo(qtbot, window)
    root = window.workspace.project.root
    window.tabs.apply_fix(problems_of(window, "E200")[0])
    with qtbot.waitSignal(window.workspace.file_saved):
        press_ctrl_s(qtbot, window, editor)
    assert (root / "rules/extra.dsl").read_text(encoding="utf-8") == EXTRA_DSL
    assert sorted(p.name for p in (root / "rules").iterdir()) == ["extra.dsl", "shop.dsl"]   # no temp file
    assert window.tabs.tabText(0) == "extra.dsl"
    assert not window.isWindowModified()
    wait_analysis(qtbot, window)
    assert not problems_of(window, "E200")


def test_saving_the_typo_reports_it_at_once(qtbot, window):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    _select_brand(editor)
    editor.textCursor().insertText("华维")
    generation = window.workspace.generation
    assert window.tabs.save_current()
    assert window.workspace.generation > generation   # the save started a check at once
    qtbot.waitUntil(lambda: bool(problems_of(window, "E200")), timeout=5000)


def test_a_failed_save_says_so_and_keeps_the_buffer_dirty(qtbot, window, prompts):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    editor.textCursor().insertText("# mine\n")
    root = window.workspace.project.root
    rules = root / "rules"
    if os.geteuid() == 0:   # root ignores read-only modes: make the folder disappear instead
        rules.rename(root / "rules-away")
    else:
        rules.chmod(0o555)
    try:
        press_ctrl_s(qtbot, window, editor)
    finally:
        if os.geteuid() == 0:
            (root / "rules-away").rename(rules)
        else:
            rules.chmod(0o755)
    [(title, text)] = prompts.questions("error")
    assert "extra.dsl" in text
    assert "extra.dsl" in window.statusBar().currentMessage()
    assert editor.document().isModified() and window.isWindowModified()
    assert (rules / "extra.dsl").read_text(encoding="utf-8") == EXTRA_DSL


def test_a_clean_file_changed_on_disk_reloads_silently(qtbot, window, prompts):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    (window.workspace.project.root / "rules/extra.dsl").write_text("# changed elsewhere\n", encoding="utf-8")
    qtbot.waitUntil(lambda: editor.toPlainText() == "# changed elsewhere\n", timeout=5000)
    assert not editor.document().isModified()
    assert prompts.questions("reload_changed_file") == []


def test_a_dirty_file_changed_on_disk_asks(qtbot, window, prompts):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    editor.textCursor().insertText("# mine\n")
    prompts.script("reload_changed_file", False)   # keep mine
    path = window.workspace.project.root / "rules/extra.dsl"
    path.write_text("# theirs\n", encoding="utf-8")
    qtbot.waitUntil(lambda: prompts.questions("reload_changed_file") == [("rules/extra.dsl",)], timeout=5000)
    assert editor.toPlainText().startswith("# mine\n") and editor.document().isModified()
    prompts.script("reload_changed_file", True)   # this time: reload
    path.write_text("# theirs again\n", encoding="utf-8")
    qtbot.waitUntil(lambda: editor.toPlainText() == "# theirs again\n", timeout=5000)
    assert not editor.document().isModified()


def test_unsaved_buffers_are_autosaved_and_offered_back_after_a_crash(qtbot, make_window, project_dir, prompts):
    first = make_window(project_dir)
    editor = first.tabs.open_file("rules/extra.dsl").editor
    editor.textCursor().insertText("# 崩溃前的修改\n")
    assert first.autosaver.timer.isActive()
    first.autosaver.autosave()
    assert [e.file for e in first.recovery.entries()] == ["rules/extra.dsl"]
    assert not any("recovery" in p.as_posix() for p in project_dir.rglob("*"))

    # The process "crashes": nothing is saved or cleared. The next window offers the text back.
    prompts.script("recover", lambda entries: entries)
    second = make_window(project_dir)
    qtbot.waitUntil(lambda: bool(prompts.questions("recover")), timeout=3000)
    [(entries,)] = prompts.questions("recover")
    assert [e.file for e in entries] == ["rules/extra.dsl"]
    restored = second.tabs.editor("rules/extra.dsl")
    assert restored.toPlainText().startswith("# 崩溃前的修改\n")
    assert restored.document().isModified()


def test_recovered_text_of_a_deleted_file_brings_the_file_back(qtbot, make_window, project_dir, prompts, studio_env):
    from studio.ui.recovery import RecoveryStore
    RecoveryStore(project_dir).save("rules/gone.dsl", "# 找回的文字\n")
    prompts.script("recover", lambda entries: entries)
    window = make_window(project_dir)
    qtbot.waitUntil(lambda: window.tabs.editor("rules/gone.dsl") is not None, timeout=3000)
    assert window.tabs.editor("rules/gone.dsl").toPlainText() == "# 找回的文字\n"
    assert (project_dir / "rules/gone.dsl").exists()


def test_a_save_and_a_clean_close_clear_the_recovery_area(qtbot, window):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    editor.textCursor().insertText("# x\n")
    window.autosaver.autosave()
    assert window.recovery.entries()
    window.tabs.save_current()
    assert window.recovery.entries() == []
    editor.textCursor().insertText("# y\n")
    window.autosaver.autosave()
    window.close()   # the scripted prompt answers Discard
    assert window.recovery.entries() == []


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, window, prompts):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    editor.textCursor().insertText("# unsaved\n")
    prompts.script("unsaved_changes", UnsavedChoice.CANCEL)
    assert not window.close()
    assert window.isVisible()
    assert prompts.questions("unsaved_changes") == [(["rules/extra.dsl"],)]
    prompts.script("unsaved_changes", UnsavedChoice.SAVE)
    assert window.close()
    assert (window.workspace.project.root / "rules/extra.dsl").read_text(encoding="utf-8").startswith("# unsaved\n")
    assert not window.workspace._thread.isRunning()


def test_the_real_unsaved_changes_box_offers_save_discard_cancel(qtbot, make_window, project_dir, prompts):
    window = make_window(project_dir)
    window.prompts = window.tabs.prompts = Prompts()   # the real dialogs
    window.tabs.current_editor().textCursor().insertText("# unsaved\n")
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        seen.append((box.standardButtons(), box.text()))
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    assert not window.close()
    SB = QMessageBox.StandardButton
    assert seen == [(SB.Save | SB.Discard | SB.Cancel, "Do you want to save the changes to rules/extra.dsl?")]
    assert window.isVisible()
    window.prompts = window.tabs.prompts = prompts   # scripted again: Discard at teardown


def test_dock_layout_is_remembered(qtbot, make_window, project_dir, settings):
    first = make_window(project_dir)
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.problems_dock)
    first.outline_dock.hide()
    first.close()
    second = make_window(project_dir)
    assert second.dockWidgetArea(second.problems_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert second.outline_dock.isHidden()
    second.reset_layout()
    assert second.dockWidgetArea(second.problems_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert not second.outline_dock.isHidden()


def test_open_tabs_are_remembered_per_project(qtbot, make_window, project_dir):
    first = make_window(project_dir)
    first.tabs.open_file("rules/shop.dsl")
    first.close()
    second = make_window(project_dir)
    assert second.tabs.rels() == ["rules/extra.dsl", "rules/shop.dsl"]


def test_rename_in_the_project_panel_keeps_the_tab_in_step(qtbot, window, prompts):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    editor.textCursor().insertText("# unsaved edit\n")
    window.project_panel.select("rules/extra.dsl")
    prompts.script("ask_text", "brands")
    window.project_panel.rename_action.trigger()
    assert window.tabs.rels() == ["rules/brands.dsl"]
    assert window.tabs.tabText(0) == "brands.dsl *"
    assert window.tabs.save_current()
    assert (window.workspace.project.root / "rules/brands.dsl").read_text(encoding="utf-8").startswith("# unsaved")


def test_delete_in_the_project_panel_closes_the_tab(qtbot, window, prompts):
    window.project_panel.select("rules/extra.dsl")
    window.project_panel.delete_action.trigger()
    assert window.tabs.rels() == []
    assert window.project_panel.file_labels() == ["shop.dsl"]


def test_new_rule_file_opens_a_tab(qtbot, window, prompts):
    prompts.script("ask_text", "greetings")
    window.new_action.trigger()
    assert window.tabs.current_rel() == "rules/greetings.dsl"


def test_outline_lists_rules_even_incomplete_and_goes_to_them(qtbot, window):
    page = window.tabs.open_file("rules/shop.dsl")
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    page.editor.textCursor().insertText("\nRULE half_typed\nWHEN INTENT_IS\n")
    qtbot.waitUntil(lambda: any("half_typed" in e for e in window.outline_panel.entries()), timeout=5000)
    entries = window.outline_panel.entries()
    assert entries[:2] == ["INTENT  product_query", "INTENT  greeting"]
    assert any(e.startswith("RULE  half_typed") and "incomplete" in e for e in entries)
    tree = window.outline_panel.tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).text(0) == "RULE  pick_brand")
    tree.itemActivated.emit(item, 0)
    block = page.editor.textCursor().block()
    assert block.text() == "RULE pick_brand"


def test_go_to_rule_quick_open(qtbot, window):
    window.show_quick_open()
    assert window.quick_open.isVisible()
    qtbot.keyClicks(window.quick_open.edit, "pick")
    assert len(window.quick_open.visible_labels()) == 1
    qtbot.keyClick(window.quick_open.edit, Qt.Key.Key_Return)
    assert window.tabs.current_rel() == "rules/shop.dsl"
    assert window.tabs.current_editor().textCursor().block().text() == "RULE pick_brand"


def test_standard_shortcuts(window):
    assert window.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert window.close_tab_action.shortcuts()[0] == QKeySequence.keyBindings(QKeySequence.StandardKey.Close)[0]
    assert QKeySequence("Ctrl+Shift+O") in window.go_to_rule_action.shortcuts()
    assert window.quit_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)


def test_completion_offers_knowledge_brands_and_declared_names(qtbot, window):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, '    ADD_TO_CHAIN brand "')
    editor.completion.open()   # Ctrl+Space
    assert editor.completion.is_open()
    model = editor.completion.completer().completionModel()
    offered = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert offered == ["苹果", "华为"]
    editor.completion.completer().popup().hide()
    editor.textCursor().insertText("\nWHEN INTENT_IS ")
    editor.completion.open()
    model = editor.completion.completer().completionModel()
    assert {model.index(r, 0).data() for r in range(model.rowCount())} == {"product_query", "greeting"}


def test_a_buffer_set_by_another_panel_shows_in_the_tab(qtbot, window):
    editor = window.tabs.editor("rules/extra.dsl")
    window.workspace.set_buffer("rules/extra.dsl", EXTRA_DSL.replace("华为", "HUAWEI"))
    assert "HUAWEI" in editor.toPlainText() and editor.document().isModified()
    editor.undo()
    assert editor.toPlainText() == EXTRA_DSL
    window.workspace.set_buffer("rules/shop.dsl", SHOP_DSL + "# from the knowledge editor\n")
    assert window.tabs.editor("rules/shop.dsl").document().isModified()


def test_on_a_copy_of_the_sample_project(qtbot, make_window, tmp_path):
    root = copy_sample(tmp_path / "sample")
    if root is None:
        pytest.skip("the sample project has no rule file yet")
    window = make_window(root)
    assert window.tabs.count() == 1
    assert window.outline_panel.entries()
    from studio.project import Project
    expected = Project.open(root).analyze().diagnostics
    assert len(window.problems_panel.model.diagnostics()) == len(expected)
    assert not [d for d in expected if d.severity is Severity.ERROR]


def test_open_project_opens_a_new_window_and_remembers_it(qtbot, window, tmp_path):
    from tests.ui.studio_fixtures import write_project
    other = write_project(tmp_path / "other")
    new = window.open_project(other)
    try:
        assert new is not window and new.isVisible() and not window.isVisible()
        assert new.recent_projects()[:2] == [str(other.resolve()), str(window.workspace.project.root)]
        new._fill_recent_menu()
        assert [a.text() for a in new.recent_menu.actions()][:2] == new.recent_projects()[:2]
    finally:
        new.shutdown()


def test_f8_steps_through_the_problems(qtbot, window):
    _type_typo(qtbot, window)
    window.tabs.open_file("rules/shop.dsl")
    window.problems_panel.view.sortByColumn(SEVERITY_COLUMN, Qt.SortOrder.AscendingOrder)
    window.next_problem_action.trigger()
    assert window.tabs.current_rel() == "rules/extra.dsl"
    assert window.tabs.current_editor().textCursor().blockNumber() + 1 == TYPO_LINE


def test_unsaved_knowledge_edits_are_autosaved_and_offered_back_after_a_crash(qtbot, make_window, project_dir,
                                                                                prompts):
    first = make_window(project_dir)
    panel = first.knowledge_panel
    panel.select_path((0, 0))   # 手机 › 苹果
    panel.form.aliases_edit.setText("Apple、苹果手机")
    panel.form.aliases_edit.editingFinished.emit()
    assert first.workspace.knowledge_dirty
    first.autosaver.autosave()
    [entry] = first.recovery.entries()
    assert entry.kind == "knowledge"

    # The process "crashes"; the next window offers the knowledge edits back, as unsaved edits.
    prompts.script("recover", lambda entries: entries)
    second = make_window(project_dir)
    qtbot.waitUntil(lambda: second.workspace.knowledge_dirty, timeout=3000)
    assert second.workspace.knowledge.categories["手机"].brands["苹果"].aliases == ["Apple", "苹果手机"]
    assert second.knowledge_panel.is_modified() and second.knowledge_panel.save_action.isEnabled()
    assert second.isWindowModified()
    assert second.knowledge_panel.save()
    saved = json.loads((project_dir / "knowledge" / "products.json").read_text(encoding="utf-8"))
    assert saved["categories"]["手机"]["brands"]["苹果"]["aliases"] == ["Apple", "苹果手机"]
    second.autosaver.autosave()
    assert second.recovery.entries() == []


def test_undoing_knowledge_edits_back_to_the_saved_state_forgets_their_recovery_copy(window):
    panel = window.knowledge_panel
    panel.select_path((0, 0))
    panel.form.aliases_edit.setText("Apple、苹果手机")
    panel.form.aliases_edit.editingFinished.emit()
    window.autosaver.autosave()
    assert [e.kind for e in window.recovery.entries()] == ["knowledge"]
    panel.undo_action.trigger()
    window.autosaver.autosave()
    assert window.recovery.entries() == []
    assert not window.isWindowModified()


def test_fifos_and_folders_named_like_project_files_never_hang_the_window(qtbot, make_window, project_dir):
    for rel in ("rules/pipe.dsl", "knowledge/pipe.json", "conversations/pipe.yaml"):
        os.mkfifo(project_dir / rel)   # opening one for reading blocks until a writer comes: none will
    (project_dir / "rules" / "folder.dsl").mkdir()
    window = make_window(project_dir)   # waits for the first analysis
    assert window.workspace.analysis is not None
    assert "rules/shop.dsl" in window.workspace.rule_texts()
    assert window.tabs.open_file("rules/pipe.dsl") is None   # refused with the reason, not opened


def test_typing_then_erasing_back_to_the_saved_text_clears_the_modified_mark(qtbot, window):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    qtbot.keyClicks(editor, "ab")
    assert window.tabs.tabText(0) == "extra.dsl *"
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "extra.dsl", timeout=5000)


def test_a_fix_applied_to_a_closed_file_opens_it_at_the_fix(qtbot, window):
    (window.workspace.project.root / "rules/shop.dsl").write_text(SHOP_DSL.replace("INTENT_IS greeting", "INTENT_IS greting"),
                                                                  encoding="utf-8")
    qtbot.waitUntil(lambda: bool(problems_of(window, "E110")), timeout=5000)
    [problem] = problems_of(window, "E110")
    assert window.tabs.page("rules/shop.dsl") is None
    panel = window.problems_panel
    row = next(r for r in range(panel.row_count())
               if panel.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).code == "E110")
    cell = panel.proxy.index(row, FIX_COLUMN)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(cell).center())
    editor = window.tabs.current_editor()
    assert window.tabs.current_rel() == "rules/shop.dsl" and "INTENT_IS greeting" in editor.toPlainText()
    assert editor.textCursor().blockNumber() + 1 == problem.span.line


def test_a_file_written_by_truncate_then_write_asks_once(qtbot, window, prompts):
    """`cat x > file`: the shell truncates the file, then writes it; the watcher reports both."""
    editor = window.tabs.open_file("rules/extra.dsl").editor
    editor.textCursor().insertText("# mine\n")
    path = window.workspace.project.root / "rules/extra.dsl"

    def keep_mine_while_the_write_lands(_file):   # a modal box runs the event loop meanwhile
        with qtbot.waitSignal(window.workspace._watcher.fileChanged, timeout=5000):
            path.write_text("# theirs\n", encoding="utf-8")
        return False
    prompts.script("reload_changed_file", keep_mine_while_the_write_lands)
    path.write_text("", encoding="utf-8")   # the truncation
    qtbot.waitUntil(lambda: len(prompts.questions("reload_changed_file")) >= 1, timeout=5000)
    assert editor.toPlainText().startswith("# mine\n")
    path.write_text("# theirs, later\n", encoding="utf-8")   # a real second change is still asked about
    qtbot.waitUntil(lambda: editor.toPlainText() == "# theirs, later\n", timeout=5000)
    assert prompts.questions("reload_changed_file") == [("rules/extra.dsl",), ("rules/extra.dsl",)]


def test_a_file_deleted_outside_then_saved_from_its_edited_tab_is_listed_again(qtbot, window):
    editor = window.tabs.open_file("rules/extra.dsl").editor
    editor.textCursor().insertText("# mine\n")
    panel = window.project_panel

    def listed():
        return [label.split()[0] for label in panel.file_labels("rules")]
    (window.workspace.project.root / "rules/extra.dsl").unlink()
    qtbot.waitUntil(lambda: "extra.dsl" not in listed(), timeout=5000)
    assert window.tabs.page("rules/extra.dsl") is not None   # its edits are not thrown away
    with qtbot.waitSignal(window.workspace.file_saved):
        press_ctrl_s(qtbot, window, editor)
    qtbot.waitUntil(lambda: "extra.dsl" in listed(), timeout=5000)
