"""Atomic file writes: a crash or a full disk never leaves a half-written file.

A new content is written to a temporary file beside its target, flushed to
disk, then renamed over the target: a reader, or the disk after a crash,
sees the old file or the new one, never a mix. A link is written through:
its target is replaced and the link stays a link.

`replace_files` changes several files as one: every temporary file is
written first; then each target is checked to be still the file that was
read (`files.Stamp`) and renamed over. Any failure puts back the targets
already replaced and removes the temporaries, so the files end up all new
or all as they were.

`_write_data` and `_rename` are the two steps that touch the disk; tests
replace them to simulate a full disk or a rename that fails.
"""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from studio import files
from studio.i18n import N_, _

_NAME_BYTES = 100  # of the target's name kept in a temporary's name: the whole name may be at the length limit


class ReplaceError(Exception):
    """`replace_files` failed at `path`, for `reason`; every file is as it was, except those
    in `not_restored` (each with why), which are left with their new content."""

    def __init__(self, path: Path, reason: str, not_restored: tuple[str, ...] = ()) -> None:
        if not_restored:
            text = _("{path}: {reason}; could not put back {files}").format(path=path, reason=reason,
                                                                            files="; ".join(not_restored))
        else:
            text = _("{path}: {reason}").format(path=path, reason=reason)
        super().__init__(text)
        self.path = Path(path)
        self.reason = reason
        self.not_restored = not_restored


@dataclass(frozen=True)
class Replacement:
    path: Path
    data: bytes
    expected: files.Stamp | None = None  # the file as read: replaced only while it still is that file


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` (UTF-8, line endings as given) over `path`, atomically; OSError when it cannot."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    target = _target(Path(path))
    temp = _write_temp(target, data)
    try:
        _rename(temp, target)
    except BaseException:
        _remove(temp)
        raise
    _sync_folder(target.parent)


def replace_files(replacements: list[Replacement]) -> None:
    """Replace every file with its new data, or none: `ReplaceError` says which file failed and why."""
    targets = [_target(Path(r.path)) for r in replacements]
    temps: list[Path] = []
    replaced: list[tuple[Path, bytes | None]] = []  # (target, its old data: None when it did not exist)
    try:
        for replacement, target in zip(replacements, targets):
            try:
                temps.append(_write_temp(target, replacement.data))
            except OSError as error:
                raise ReplaceError(replacement.path, _("cannot write it: {reason}").format(
                    reason=_reason(error))) from error
        for replacement, target, temp in zip(replacements, targets, temps):
            old = _still_as_read(replacement, target)
            try:
                _rename(temp, target)
            except OSError as error:
                raise ReplaceError(replacement.path, _("cannot replace it: {reason}").format(
                    reason=_reason(error))) from error
            replaced.append((target, old))
    except BaseException as failure:
        for temp in temps:
            _remove(temp)
        not_restored = _put_back(replaced)
        if not_restored and isinstance(failure, ReplaceError):
            raise ReplaceError(failure.path, failure.reason, tuple(not_restored)) from failure
        raise
    for folder in {t.parent for t in targets}:
        _sync_folder(folder)


def _target(path: Path) -> Path:
    """The file a write to `path` lands in: the final target of a link, else `path` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _write_data(stream, data: bytes) -> None:
    """Write `data` to an open temporary file (the step a full disk makes fail)."""
    stream.write(data)


def _rename(source: Path, target: Path) -> None:
    """Rename `source` over `target` (the step that makes a new content visible)."""
    os.replace(source, target)


def _write_temp(target: Path, data: bytes) -> Path:
    """A temporary file beside `target` holding `data`, on disk, with `target`'s permissions."""
    short = os.fsencode(target.name)[:_NAME_BYTES].decode("utf-8", errors="ignore")
    fd, name = tempfile.mkstemp(prefix=f".{short}.", suffix=".tmp", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            _write_data(stream, data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(target))
    except BaseException:
        _remove(temp)
        raise
    return temp


def _mode_for(target: Path) -> int:
    """`target`'s permissions; for a new file, those the umask allows (mkstemp's 0600 would hide it
    from the group that any other editor would have let read it)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask; reading it means setting it, so it is put back at once."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def _still_as_read(replacement: Replacement, target: Path) -> bytes | None:
    """The target's data now (to put back on failure), after checking it is as it was read."""
    if not os.path.lexists(target):
        if replacement.expected is not None:
            raise ReplaceError(replacement.path, _("it was deleted since it was read"))
        return None
    limit = files.SizeLimit(replacement.expected.size if replacement.expected else 1 << 62, N_("file"))
    try:
        content = files.read_file(target, limit)
    except files.FileReadError as error:
        if replacement.expected is None:
            raise ReplaceError(replacement.path, _("cannot read it: {reason}").format(reason=error)) from error
        raise ReplaceError(replacement.path, _("it changed since it was read ({reason})").format(reason=error)
                           ) from error
    if replacement.expected is not None and content.stamp != replacement.expected:
        raise ReplaceError(replacement.path, _("it changed since it was read (saved by another program?)"))
    return content.data


def _put_back(replaced: list[tuple[Path, bytes | None]]) -> list[str]:
    """Restore replaced targets to their old data, last first; the ones that could not be, with why."""
    failures = []
    for target, old in reversed(replaced):
        try:
            if old is None:
                os.unlink(target)
            else:
                write_bytes_atomic(target, old)
        except OSError as error:
            failures.append(_("{file} ({reason})").format(file=target, reason=_reason(error)))
    return failures


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable; a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(error: OSError) -> str:
    return files.reason_of(error)
