"""Atomic writes: a new file is renamed over the old one, never written into it."""
import errno
import os

import pytest

from studio import atomic
from studio.atomic import Replacement, ReplaceError, replace_files, write_text_atomic
from studio.files import SizeLimit, read_file


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_write_renames_a_new_file_over_the_old_one_instead_of_writing_into_it(tmp_path):
    path, alias = tmp_path / "a.dsl", tmp_path / "alias.dsl"
    path.write_text("old", encoding="utf-8")
    os.link(path, alias)  # a second name of the original file: an in-place write would change it too
    write_text_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert alias.read_text(encoding="utf-8") == "old"
    assert path.stat().st_ino != alias.stat().st_ino
    assert leftovers(tmp_path) == []


def test_a_write_that_fails_half_way_leaves_the_original_and_no_temporary(tmp_path, monkeypatch):
    path, alias = tmp_path / "a.dsl", tmp_path / "alias.dsl"
    path.write_text("old content", encoding="utf-8")
    os.link(path, alias)

    def disk_full(stream, data):
        stream.write(data[:3])
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic, "_write_data", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_text_atomic(path, "new content")
    assert path.read_text(encoding="utf-8") == alias.read_text(encoding="utf-8") == "old content"
    assert path.stat().st_ino == alias.stat().st_ino
    assert leftovers(tmp_path) == []


def test_a_write_keeps_the_permissions(tmp_path):
    path = tmp_path / "a.dsl"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_text_atomic(path, "new")
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_write_goes_through_a_link_to_its_target(tmp_path):
    target, link = tmp_path / "real.dsl", tmp_path / "link.dsl"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target.name)
    write_text_atomic(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_a_file_whose_name_is_at_the_length_limit_can_be_written(tmp_path):
    path = tmp_path / ("规" * 80 + ".dsl")  # 244 bytes: a temporary named after all of it would be too long
    path.write_text("old", encoding="utf-8")
    write_text_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new" and leftovers(tmp_path) == []


def stamped(path):
    return Replacement(path, b"new " + path.name.encode(), read_file(path, SizeLimit(1000, "file")).stamp)


def three_files(tmp_path):
    paths = [tmp_path / f"{name}.dsl" for name in "abc"]
    for path in paths:
        path.write_bytes(b"old " + path.name.encode())
    return paths


def test_replace_files_replaces_every_file_by_renaming_a_new_one_over_it(tmp_path):
    paths = three_files(tmp_path)
    os.link(paths[0], tmp_path / "alias")
    replace_files([stamped(p) for p in paths])
    assert [p.read_bytes() for p in paths] == [b"new a.dsl", b"new b.dsl", b"new c.dsl"]
    assert (tmp_path / "alias").read_bytes() == b"old a.dsl"
    assert leftovers(tmp_path) == []


def test_replace_files_puts_back_the_files_replaced_before_a_rename_fails(tmp_path, monkeypatch):
    paths = three_files(tmp_path)
    real_rename = atomic._rename

    def rename(source, target):
        if target.name == "c.dsl":
            raise OSError(errno.EIO, "Input/output error")
        real_rename(source, target)
    monkeypatch.setattr(atomic, "_rename", rename)
    with pytest.raises(ReplaceError) as caught:
        replace_files([stamped(p) for p in paths])
    assert caught.value.path == paths[2] and "Input/output error" in caught.value.reason
    assert [p.read_bytes() for p in paths] == [b"old a.dsl", b"old b.dsl", b"old c.dsl"]
    assert leftovers(tmp_path) == []


def test_replace_files_writes_no_file_when_one_temporary_cannot_be_written(tmp_path, monkeypatch):
    paths = three_files(tmp_path)
    renamed = []
    monkeypatch.setattr(atomic, "_rename", lambda source, target: renamed.append(target))

    def disk_full_on_b(stream, data):
        if data == b"new b.dsl":
            raise OSError(errno.ENOSPC, "No space left on device")
        stream.write(data)
    monkeypatch.setattr(atomic, "_write_data", disk_full_on_b)
    with pytest.raises(ReplaceError, match="No space left on device"):
        replace_files([stamped(p) for p in paths])
    assert renamed == [] and leftovers(tmp_path) == []  # nothing was renamed: every temporary comes first


def test_replace_files_refuses_a_file_changed_since_it_was_read(tmp_path):
    paths = three_files(tmp_path)
    replacements = [stamped(p) for p in paths]
    paths[1].write_bytes(b"saved by someone else")
    with pytest.raises(ReplaceError, match="changed since it was read") as caught:
        replace_files(replacements)
    assert caught.value.path == paths[1]
    assert [p.read_bytes() for p in paths] == [b"old a.dsl", b"saved by someone else", b"old c.dsl"]
    assert leftovers(tmp_path) == []


def test_replace_files_refuses_a_file_deleted_since_it_was_read(tmp_path):
    paths = three_files(tmp_path)
    replacements = [stamped(p) for p in paths]
    paths[2].unlink()
    with pytest.raises(ReplaceError, match="deleted since it was read"):
        replace_files(replacements)
    assert not paths[2].exists() and paths[0].read_bytes() == b"old a.dsl"


def test_replace_files_names_the_files_it_could_not_put_back(tmp_path, monkeypatch):
    paths = three_files(tmp_path)
    real_rename = atomic._rename
    calls = []

    def rename(source, target):
        calls.append(target.name)
        if target.name == "c.dsl" or len(calls) > 3:  # c fails, and so does putting b and a back
            raise OSError(errno.EIO, "Input/output error")
        real_rename(source, target)
    monkeypatch.setattr(atomic, "_rename", rename)
    with pytest.raises(ReplaceError) as caught:
        replace_files([stamped(p) for p in paths])
    assert caught.value.path == paths[2] and len(caught.value.not_restored) == 2
    assert "could not put back" in str(caught.value) and leftovers(tmp_path) == []
    assert [p.read_bytes() for p in paths] == [b"new a.dsl", b"new b.dsl", b"old c.dsl"]


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path, umask, mode):
    previous = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "new.dsl", "x")
        replace_files([Replacement(tmp_path / "other.yaml", b"y")])
    finally:
        os.umask(previous)
    assert (tmp_path / "new.dsl").stat().st_mode & 0o777 == mode
    assert (tmp_path / "other.yaml").stat().st_mode & 0o777 == mode
