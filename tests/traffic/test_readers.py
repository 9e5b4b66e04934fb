"""The log readers: three formats, both key spellings, roles, malformed lines reported and skipped."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.traffic.readers import LogError, LogMessage, read_log
from tests.traffic.logs import INTERLEAVED, write_csv, write_jsonl, write_xlsx


def messages(items):
    return [(m.conversation, m.text) for m in items if isinstance(m, LogMessage)]


def errors(items):
    return [(e.line, e.message) for e in items if isinstance(e, LogError)]


def test_the_three_formats_yield_the_same_messages_in_file_order(tmp_path):
    for path in (write_jsonl(tmp_path / "log.jsonl", INTERLEAVED), write_csv(tmp_path / "log.csv", INTERLEAVED),
                 write_xlsx(tmp_path / "log.xlsx", INTERLEAVED)):
        items = list(read_log(path))
        assert messages(items) == INTERLEAVED, path
        assert errors(items) == []


def test_lines_and_rows_are_numbered_from_one_with_the_header_as_row_one(tmp_path):
    jsonl = [m.line for m in read_log(write_jsonl(tmp_path / "log.jsonl", INTERLEAVED[:3]))]
    csv_rows = [m.line for m in read_log(write_csv(tmp_path / "log.csv", INTERLEAVED[:3]))]
    xlsx_rows = [m.line for m in read_log(write_xlsx(tmp_path / "log.xlsx", INTERLEAVED[:3]))]
    assert jsonl == [1, 2, 3]
    assert csv_rows == xlsx_rows == [2, 3, 4]


def test_conversation_id_and_message_are_read_as_conversation_and_text(tmp_path):
    pairs = [("7", "你好"), ("7", "我想买个手机")]
    items = list(read_log(write_jsonl(tmp_path / "log.jsonl", pairs, keys=("conversation_id", "message"))))
    assert messages(items) == pairs
    items = list(read_log(write_csv(tmp_path / "log.csv", pairs, header=("Conversation_ID", "Message"))))
    assert messages(items) == pairs


def test_a_numeric_conversation_id_is_the_same_conversation_as_its_text(tmp_path):
    path = tmp_path / "log.jsonl"
    path.write_text('{"conversation": 7, "text": "你好"}\n{"conversation": "7", "text": "谢谢"}\n', encoding="utf-8")
    assert messages(read_log(path)) == [("7", "你好"), ("7", "谢谢")]
    xlsx = write_xlsx(tmp_path / "log.xlsx", [(7, "你好"), (7.0, "谢谢")])
    assert messages(read_log(xlsx)) == [("7", "你好"), ("7", "谢谢")]


def test_lines_of_other_roles_are_skipped_user_and_customer_are_kept(tmp_path):
    path = tmp_path / "log.jsonl"
    lines = [{"conversation": "a", "role": "user", "text": "你好"},
             {"conversation": "a", "role": "assistant", "text": "您好，想看什么？"},
             {"conversation": "a", "role": "Customer", "text": "手机"},
             {"conversation": "a", "role": "agent", "text": "好的"},
             {"conversation": "a", "text": "谢谢"}]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    assert messages(read_log(path)) == [("a", "你好"), ("a", "手机"), ("a", "谢谢")]
    rows = [("a", "user", "你好"), ("a", "bot", "您好"), ("a", "customer", "手机")]
    for table in (write_csv(tmp_path / "log.csv", rows, header=("conversation", "role", "text")),
                  write_xlsx(tmp_path / "log.xlsx", rows, header=("conversation", "role", "text"))):
        assert messages(read_log(table)) == [("a", "你好"), ("a", "手机")]


def test_malformed_json_lines_are_reported_with_their_line_and_skipped(tmp_path):
    path = tmp_path / "log.jsonl"
    path.write_text('{"conversation": "a", "text": "你好"}\n'
                    '{"conversation": "a", "text": \n'
                    '[1, 2]\n'
                    '\n'
                    '{"text": "没有会话"}\n'
                    '{"conversation": "a"}\n'
                    '{"conversation": "a", "text": {"x": 1}}\n'
                    '{"conversation": "a", "text": "谢谢"}\n', encoding="utf-8")
    items = list(read_log(path, "log.jsonl"))
    assert messages(items) == [("a", "你好"), ("a", "谢谢")]
    assert [line for line, _ in errors(items)] == [2, 3, 5, 6, 7]
    assert all(e.file == "log.jsonl" for e in items if isinstance(e, LogError))
    assert errors(items)[0][1] == "not JSON: Expecting value at column 31"


def test_bytes_that_are_not_utf8_are_read_as_replacement_characters(tmp_path):
    path = tmp_path / "log.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"conversation": "a", "text": "\xe4\xbd\xa0\xff\xfe"}\n'
                     b'{"conversation": "a", "text": "\\ud800x"}\n')
    assert messages(read_log(path)) == [("a", "你\ufffd\ufffd"), ("a", "\ufffdx")]
    table = tmp_path / "log.csv"
    table.write_bytes("conversation,text\na,你好".encode() + b"\xff\n")
    assert messages(read_log(table)) == [("a", "你好\ufffd")]


def test_a_csv_without_the_columns_is_one_error_and_short_rows_are_skipped(tmp_path):
    table = write_csv(tmp_path / "log.csv", [("a", "你好")], header=("id", "body"))
    assert errors(read_log(table)) == [(1, "the first row must name the columns: conversation (or "
                                           "conversation_id) and text (or message)")]
    table = tmp_path / "short.csv"
    table.write_text("conversation,text\na,你好\nb\n\n\"c\",\"多行\n消息\"\nd,谢谢\n", encoding="utf-8")
    items = list(read_log(table))
    assert messages(items) == [("a", "你好"), ("c", "多行\n消息"), ("d", "谢谢")]
    assert [line for line, _ in errors(items)] == [3]
    assert [m.line for m in items if isinstance(m, LogMessage)] == [2, 5, 7]


def test_an_xlsx_keeps_row_numbers_across_empty_rows_and_reports_short_ones(tmp_path):
    rows = [("a", "你好"), (None, None), ("b", None), (None, "无会话"), ("c", "谢谢")]
    items = list(read_log(write_xlsx(tmp_path / "log.xlsx", rows)))
    assert [(m.line, m.conversation) for m in items if isinstance(m, LogMessage)] == [(2, "a"), (6, "c")]
    assert [line for line, _ in errors(items)] == [4, 5]


def test_a_file_that_is_not_a_workbook_is_one_error(tmp_path):
    path = tmp_path / "log.xlsx"
    path.write_bytes(b"conversation,text\na,hello\n")
    items = list(read_log(path))
    assert len(items) == 1 and items[0].line == 0 and "not an Excel workbook" in items[0].message


def test_an_overlong_line_is_skipped_without_holding_it(tmp_path, monkeypatch):
    import studio.traffic.readers as readers
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 64)
    path = tmp_path / "log.jsonl"
    path.write_text('{"conversation": "a", "text": "' + "很" * 200 + '"}\n{"conversation": "a", "text": "好"}\n',
                    encoding="utf-8")
    items = list(read_log(path))
    assert messages(items) == [("a", "好")]
    assert [line for line, _ in errors(items)] == [1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".jsonl", ".csv", ".xlsx"]))
def test_readers_never_raise_on_random_bytes(tmp_path, data, suffix):
    path = tmp_path / ("fuzz" + suffix)
    path.write_bytes(data)
    for item in read_log(path):
        assert isinstance(item, (LogMessage, LogError))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(st.text(max_size=30), st.dictionaries(
    st.sampled_from(["conversation", "conversation_id", "text", "message", "role"]),
    st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=10), st.booleans(), st.lists(st.integers())),
    max_size=5).map(json.dumps)), max_size=8))
def test_readers_never_raise_on_odd_json_lines(tmp_path, lines):
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    for item in read_log(path):
        assert isinstance(item, (LogMessage, LogError))


def test_an_xlsx_whose_recorded_dimensions_are_wrong_is_read_whole(tmp_path):
    import re
    import zipfile
    good = write_xlsx(tmp_path / "good.xlsx", INTERLEAVED[:4])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, replaced = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', data)
                assert replaced == 1
            target.writestr(item, data)
    assert messages(read_log(bad)) == INTERLEAVED[:4]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8))
def test_readers_never_raise_on_a_damaged_workbook(tmp_path, flips):
    data = bytearray(write_xlsx(tmp_path / "good.xlsx", INTERLEAVED).read_bytes())
    for where, value in flips:
        data[int(where * len(data))] = value
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    for item in read_log(path):
        assert isinstance(item, (LogMessage, LogError))


def test_conversation_messages_reads_one_conversation_across_files_up_to_a_line(tmp_path):
    from studio.traffic.readers import conversation_messages

    first = write_jsonl(tmp_path / "a.jsonl", INTERLEAVED[:8])
    second = write_csv(tmp_path / "b.csv", INTERLEAVED[8:])
    whole = conversation_messages([first, second], "a")
    assert [m.text for m in whole] == [t for c, t in INTERLEAVED if c == "a"]
    assert [m.file for m in whole][-1] == str(second)
    cut = conversation_messages([first, second], "a", str(first), whole[2].line)
    assert [m.text for m in cut] == [m.text for m in whole[:3]]
    assert conversation_messages([first], "nobody") == []
