"""Reading project files: regular files only, within a size limit, and written back as found."""
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio import files
from studio.files import FileReadError, SizeLimit, TextFile, read_bytes, read_file, read_text_file

SMALL = SizeLimit(100, "test file")
ENDINGS = re.compile(r"\r\n|\r|\n")


@pytest.mark.timeout(30)
def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.dsl")
    with pytest.raises(FileReadError, match=r"it is a FIFO \(named pipe\), not a regular file"):
        read_bytes(tmp_path / "pipe.dsl", SMALL)


@pytest.mark.timeout(30)
def test_a_link_to_dev_zero_is_refused_instead_of_read_forever(tmp_path):
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    with pytest.raises(FileReadError, match="it is a character device"):
        read_bytes(tmp_path / "zero.json", SMALL)


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "x.yaml").mkdir()
    with pytest.raises(FileReadError, match="it is a folder"):
        read_bytes(tmp_path / "x.yaml", SMALL)


def test_a_missing_file_is_a_file_read_error_with_the_reason(tmp_path):
    with pytest.raises(FileReadError) as caught:
        read_bytes(tmp_path / "nope.dsl", SMALL)
    assert isinstance(caught.value, OSError) and str(caught.value) == "No such file or directory"


def test_a_file_over_the_limit_is_refused_naming_the_limit_and_the_size(tmp_path):
    (tmp_path / "big.json").write_bytes(b" " * (SMALL.bytes + 1))
    (tmp_path / "fits.json").write_bytes(b" " * SMALL.bytes)
    with pytest.raises(FileReadError, match=r"it is 0\.0 MB, over the 0\.0 MB limit of a test file"):
        read_bytes(tmp_path / "big.json", SMALL)
    assert len(read_bytes(tmp_path / "fits.json", SMALL)) == SMALL.bytes


def test_size_text_names_whole_megabytes_without_decimals():
    assert (files.size_text(10 * files.MB), files.size_text(files.MB * 3 // 2)) == ("10 MB", "1.5 MB")


def test_the_stamp_changes_with_the_content_even_at_the_same_size_and_time(tmp_path):
    path = tmp_path / "a.dsl"
    path.write_bytes(b"RULE a")
    first = read_file(path, SMALL).stamp
    path.write_bytes(b"RULE b")
    os.utime(path, ns=(first.mtime_ns, first.mtime_ns))
    second = read_file(path, SMALL).stamp
    assert (second.size, second.mtime_ns) == (first.size, first.mtime_ns) and second != first


def text_file(raw: str) -> TextFile:
    return TextFile(None, raw, None)


def test_the_parser_sees_lf_line_endings_whatever_the_file_has():
    assert text_file("a\r\nb\rc\n").text == "a\nb\nc\n"


def test_an_edit_keeps_crlf_line_endings_and_the_byte_order_mark():
    source = text_file("\ufeffRULE a\r\nWHEN x\r\nTHEN y\r\n")
    start = source.text.index("x")
    assert source.edited([(start, start + 1, "ALWAYS")]) == "\ufeffRULE a\r\nWHEN ALWAYS\r\nTHEN y\r\n"


def test_an_edit_keeps_mixed_line_endings_where_they_are():
    source = text_file("a\r\nb\nc\rd\r\ne")
    text = source.text
    edits = [(text.index(ch), text.index(ch) + 1, ch.upper()) for ch in "abcde"]
    assert source.edited(edits) == "A\r\nB\nC\rD\r\nE"


def test_an_edit_spanning_a_line_break_replaces_the_whole_crlf():
    source = text_file("one\r\ntwo\r\n")
    assert source.edited([(2, 5, "E-T")]) == "onE-Two\r\n"


def test_a_line_break_inserted_by_an_edit_is_written_as_the_files_own():
    source = text_file("a\r\nb\r\nc\n")
    assert source.newline == "\r\n"
    assert source.edited([(1, 1, "\nx")]) == "a\r\nx\r\nb\r\nc\n"
    assert text_file("no line break").newline == "\n"


def test_read_text_file_keeps_the_raw_text_and_refuses_bad_utf8(tmp_path):
    path = tmp_path / "a.dsl"
    path.write_bytes("\ufeffRULE 苹果\r\n".encode("utf-8"))
    source = read_text_file(path, SMALL)
    assert (source.raw, source.text) == ("\ufeffRULE 苹果\r\n", "\ufeffRULE 苹果\n")
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(UnicodeDecodeError):
        read_text_file(path, SMALL)


# Lines of a few characters, each ended by LF or CRLF. (A lone CR is left out: an LF written
# right after one would make a CRLF, one line break where the edit meant two.)
LINES = st.lists(st.tuples(st.text(alphabet="ab苹", max_size=4), st.sampled_from(["\n", "\r\n", ""])),
                 max_size=8).map(lambda lines: "".join(text + ending for text, ending in lines))


@settings(max_examples=200, deadline=None)
@given(LINES, st.data())
def test_an_edit_on_the_parsers_text_is_the_same_edit_on_the_raw_text(raw, data):
    source = text_file(raw)
    text = source.text
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    edits = [(start, end, data.draw(st.text(alphabet="xy\n", max_size=3)))
             for start, end in zip(cuts[::2], cuts[1::2])]
    expected = text
    for start, end, replacement in sorted(edits, reverse=True):
        expected = expected[:start] + replacement + expected[end:]
    edited = source.edited(edits)
    assert files.normalise_newlines(edited) == expected
    if not any("\n" in text[start:end] + replacement for start, end, replacement in edits):
        assert ENDINGS.findall(edited) == ENDINGS.findall(raw)  # every line keeps its own ending
