"""Reading project files safely: regular files only, never more than a size limit.

Everything a project folder holds is read through here. A FIFO would block a
plain read forever, a link to `/dev/zero` never ends, a folder named `x.yaml`
cannot be read at all, and a 50 MB knowledge file takes minutes and
gigabytes to check (docs/knowledge.md); each of these is refused with a
`FileReadError` whose text says why, which the callers turn into a
diagnostic or a clear error.

`TextFile` keeps what `check --fix` needs to write a file back as it found
it: the text exactly as on disk (line endings, a byte order mark), the
normalised text the parser sees, and a `Stamp` to tell whether the file
changed since.
"""
from __future__ import annotations

import bisect
import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from studio.i18n import N_, _

MB = 1024 * 1024


@dataclass(frozen=True)
class SizeLimit:
    bytes: int
    kind: str  # what is read, named in the refusal: "knowledge file" (marked with N_, translated when shown)


# Chosen by measurement (bench/bench_knowledge_size.py, docs/knowledge.md): a YAML file
# costs `check` about ten times what the same knowledge in JSON does.
KNOWLEDGE_JSON_SIZE_LIMIT = SizeLimit(10 * MB, N_("JSON knowledge file"))
KNOWLEDGE_YAML_SIZE_LIMIT = SizeLimit(1 * MB, N_("YAML knowledge file"))
RULE_SIZE_LIMIT = SizeLimit(10 * MB, N_("rule file"))
CONVERSATION_SIZE_LIMIT = SizeLimit(1 * MB, N_("conversation test"))

_NOT_REGULAR = ((stat.S_ISDIR, N_("it is a folder, not a regular file")),
                (stat.S_ISFIFO, N_("it is a FIFO (named pipe), not a regular file")),
                (stat.S_ISCHR, N_("it is a character device, not a regular file")),
                (stat.S_ISBLK, N_("it is a block device, not a regular file")),
                (stat.S_ISSOCK, N_("it is a socket, not a regular file")))


class FileReadError(OSError):
    """A project file was not read; `str()` is the reason in words, e.g. "it is a FIFO (named pipe)..."."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


# An OSError's `strerror` is the C library's English (Python leaves LC_MESSAGES at "C"): the reasons
# a user meets are worded here by errno, in glibc's English words, so that they can be translated.
OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.EMFILE: N_("Too many open files"),
    errno.EIO: N_("Input/output error"),
    errno.EDQUOT: N_("Disk quota exceeded"),
}


def reason_of(error: BaseException) -> str:
    """What went wrong, for "cannot read {file}: {reason}": an OSError's reason without its errno and
    file name (the sentence names the file), in the reader's language when it is a common one."""
    if isinstance(error, OSError) and not isinstance(error, FileReadError):   # ours are worded already
        if error.errno in OS_REASONS:
            return _(OS_REASONS[error.errno])
        return error.strerror or str(error)
    return str(error)


@dataclass(frozen=True)
class Stamp:
    """A file as it was read: a later read with another stamp means someone changed it."""
    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True)
class FileContent:
    data: bytes
    stamp: Stamp


def size_text(n: int) -> str:
    return f"{n / MB:.1f} MB" if n % MB else f"{n // MB} MB"


def _refuse_unless_regular(info: os.stat_result) -> None:
    for test, reason in _NOT_REGULAR:
        if test(info.st_mode):
            raise FileReadError(errno.EISDIR if test is stat.S_ISDIR else errno.EINVAL, _(reason))
    if not stat.S_ISREG(info.st_mode):
        raise FileReadError(errno.EINVAL, _("it is not a regular file"))


def _too_big(size: int, limit: SizeLimit) -> FileReadError:
    # TRANSLATORS: {kind} is what was read, e.g. "rule file"; {size} and {limit} are like "12.5 MB".
    return FileReadError(errno.EFBIG, _("it is {size}, over the {limit} limit of a {kind}").format(
        size=size_text(size), limit=size_text(limit.bytes), kind=_(limit.kind)))


def read_file(path: Path, limit: SizeLimit) -> FileContent:
    """The bytes of a regular file of at most `limit` bytes, with its stamp; else `FileReadError`.

    The kind of file is checked before opening (opening a device may do
    something) and again on the open descriptor (the name may have changed
    in between); O_NONBLOCK makes opening a FIFO return at once. The stamp's
    size and time are taken before reading, so a write during the read makes
    the stamp differ from any later one.
    """
    try:
        _refuse_unless_regular(os.stat(path))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileReadError:
        raise
    except OSError as error:
        raise FileReadError(error.errno, reason_of(error)) from error
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(info)
        if info.st_size > limit.bytes:
            raise _too_big(info.st_size, limit)
        chunks, total = [], 0
        while total <= limit.bytes:  # the file may grow while it is read: never take more than the limit
            chunk = os.read(fd, min(MB, limit.bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit.bytes:
            raise _too_big(total, limit)
    except FileReadError:
        raise
    except OSError as error:
        raise FileReadError(error.errno, reason_of(error)) from error
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return FileContent(data, Stamp(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest()))


def knowledge_size_limit(path: Path) -> SizeLimit:
    return KNOWLEDGE_JSON_SIZE_LIMIT if Path(path).suffix.lower() == ".json" else KNOWLEDGE_YAML_SIZE_LIMIT


def limit_of(path: Path) -> SizeLimit:
    """The size limit of a project file: a rule file by its suffix, knowledge by its folder, else a test."""
    path = Path(path)
    if path.suffix.lower() == ".dsl":
        return RULE_SIZE_LIMIT
    if path.parent.name == "knowledge":
        return knowledge_size_limit(path)
    return CONVERSATION_SIZE_LIMIT


def read_project_text(path: Path, errors: str = "strict") -> str:
    """A project file's text (as `read_text`), within the limit of its kind (`limit_of`)."""
    return normalise_newlines(read_bytes(path, limit_of(path)).decode("utf-8", errors=errors))


def read_bytes(path: Path, limit: SizeLimit) -> bytes:
    return read_file(path, limit).data


def read_text(path: Path, limit: SizeLimit) -> str:
    """UTF-8 text with line endings normalised to "\\n", as `Path.read_text` gives it."""
    return normalise_newlines(read_bytes(path, limit).decode("utf-8"))


def current_stamp(path: Path, limit: SizeLimit) -> Stamp | None:
    """The stamp of the file now; None when it cannot be read (gone, replaced by a folder...)."""
    try:
        return read_file(path, limit).stamp
    except FileReadError:
        return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class TextFile:
    """A UTF-8 text file as read: `raw` exactly as on disk, `text` with "\\n" line endings.

    Offsets into `text` (the parser's spans) map back to `raw`, so an edit
    made on `text` keeps every other byte of the file: CRLF or CR line
    endings, mixed ones, a byte order mark.
    """
    path: Path
    raw: str
    stamp: Stamp

    @property
    def text(self) -> str:
        return normalise_newlines(self.raw)

    @property
    def newline(self) -> str:
        """The file's most frequent line ending ("\\n" when it has none)."""
        crlf = self.raw.count("\r\n")
        counts = {"\r\n": crlf, "\n": self.raw.count("\n") - crlf, "\r": self.raw.count("\r") - crlf}
        return max(counts, key=lambda ending: (counts[ending], ending == "\n"))

    @property
    def _collapsed(self) -> list[int]:
        """Positions in `text` of the "\\n"s that stand for a "\\r\\n" in `raw`."""
        positions, start, removed = [], 0, 0
        while (found := self.raw.find("\r\n", start)) >= 0:
            positions.append(found - removed)
            removed += 1
            start = found + 2
        return positions

    def edited(self, edits: list[tuple[int, int, str]]) -> str:
        """`raw` with non-overlapping (start, end, replacement) edits made at `text` offsets;
        a line break inside a replacement is written as the file's own line ending."""
        collapsed = self._collapsed
        raw = self.raw
        for start, end, replacement in sorted(edits, reverse=True):
            raw_start = start + bisect.bisect_left(collapsed, start)
            raw_end = end + bisect.bisect_left(collapsed, end)
            raw = raw[:raw_start] + replacement.replace("\n", self.newline) + raw[raw_end:]
        return raw


def read_text_file(path: Path, limit: SizeLimit) -> TextFile:
    """A `TextFile`; `FileReadError` or `UnicodeDecodeError` when it cannot be read as UTF-8 text."""
    content = read_file(path, limit)
    return TextFile(Path(path), content.data.decode("utf-8"), content.stamp)
