"""The recovery area: outside the project, one record per unsaved buffer, cleared on demand."""
from __future__ import annotations

from PySide6.QtCore import Qt

from studio.ui.recovery import Autosaver, RecoveryDialog, RecoveryEntry, RecoveryStore, recovery_root
from tests.ui.studio_fixtures import project_dir, studio_env  # noqa: F401  (fixtures)


def test_store_lives_in_app_data_never_in_the_project(qapp, studio_env, project_dir):
    before = sorted(project_dir.rglob("*"))
    store = RecoveryStore(project_dir)
    assert recovery_root().is_relative_to(studio_env / "xdg-data")
    assert not store.folder.is_relative_to(project_dir)
    store.save("rules/shop.dsl", "# 未保存\n", disk_text="# old\n")
    assert sorted(project_dir.rglob("*")) == before
    [entry] = RecoveryStore(project_dir).entries()
    assert (entry.file, entry.text, entry.disk_text) == ("rules/shop.dsl", "# 未保存\n", "# old\n")
    store.remove("rules/shop.dsl")
    assert store.entries() == []


def test_projects_do_not_see_each_others_buffers(qapp, studio_env, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    RecoveryStore(a).save("rules/x.dsl", "a")
    assert RecoveryStore(b).entries() == []
    RecoveryStore(a).clear()
    assert RecoveryStore(a).entries() == [] and not RecoveryStore(a).folder.exists()


def test_autosaver_writes_changed_dirty_buffers_and_forgets_clean_ones(qapp, studio_env, project_dir):
    store = RecoveryStore(project_dir)
    dirty = {"rules/shop.dsl": ("# v1\n", None)}
    saver = Autosaver(store, lambda: dict(dirty), interval_ms=60000)
    saver.autosave()
    assert [e.text for e in store.entries()] == ["# v1\n"]
    dirty["rules/shop.dsl"] = ("# v2\n", None)
    saver.autosave()
    assert [e.text for e in store.entries()] == ["# v2\n"]
    dirty.clear()
    saver.autosave()
    assert store.entries() == []
    saver.stop()


def test_recovery_dialog_lists_the_files_checked(qtbot):
    entries = [RecoveryEntry("rules/a.dsl", "a", 0.0), RecoveryEntry("rules/b.dsl", "b", 0.0)]
    dialog = RecoveryDialog(entries)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2 and "rules/a.dsl" in dialog.list.item(0).text()
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert [e.file for e in dialog.selected_entries()] == ["rules/a.dsl"]


def test_knowledge_edits_are_one_entry_of_their_own_kind(qapp, studio_env, project_dir, qtbot):
    store = RecoveryStore(project_dir)
    snapshot = {"now": '{"categories": {}}'}
    saver = Autosaver(store, lambda: {"rules/shop.dsl": ("# v1\n", None)}, interval_ms=60000,
                      knowledge_snapshot=lambda: snapshot["now"])
    saver.autosave()
    assert [(e.file, e.kind) for e in store.entries()] == [("knowledge", "knowledge"), ("rules/shop.dsl", "text")]
    dialog = RecoveryDialog(store.entries())
    qtbot.addWidget(dialog)
    assert dialog.list.item(0).text().startswith("Knowledge editor edits (autosaved ")
    snapshot["now"] = None   # saved, or undone back to what is saved
    saver.autosave()
    assert [e.file for e in store.entries()] == ["rules/shop.dsl"]
    saver.stop()
