"""The decision table exported to .xlsx and .csv: read back, the rows are those given, the actions whole."""
from __future__ import annotations

import csv

import openpyxl
import pytest

from studio.decision_table import table_rows
from studio.decision_table_export import MAX_COLUMN_WIDTH, ExportError, export_rows
from studio.dsl.parser import parse

LONG_REPLY = "您好！欢迎光临优质数码，我是导购李销售，请问今天想看点什么？" * 4
RULES = f'''RULE greet
    PRIORITY 50
WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "welcome" AND USER_MENTION_ANY "你好|hi" AND CONTEXT_NOT_SET cart
THEN
    RESPOND "{LONG_REPLY}"
    SET_STAGE "category_select"

RULE either
WHEN INTENT_IS greeting OR INTENT_IS product_query
THEN
    SUGGEST_BRANDS
'''
HEADER = ["Rule", "Priority", "Intent", "Stage", "Mentions", "Other conditions", "Actions", "Fired in tests",
          "File", "Line"]


def rows():
    return table_rows([parse(RULES, "rules/shop.dsl").program])


def read_xlsx(path):
    book = openpyxl.load_workbook(path)
    return book.active, [list(values) for values in book.active.iter_rows(values_only=True)]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_the_xlsx_holds_the_rows_in_the_order_given_with_the_actions_whole(tmp_path):
    path = export_rows(list(reversed(rows())), {"greet": 3}, tmp_path / "table.xlsx")
    _sheet, values = read_xlsx(path)
    assert values[0] == HEADER
    assert values[1] == ["either", 0, None, None, None, "(INTENT_IS greeting OR INTENT_IS product_query)",
                         "SUGGEST_BRANDS", 0, "rules/shop.dsl", 8]
    assert values[2][:6] == ["greet", 50, "greeting", "welcome", 'USER_MENTION_ANY "你好|hi"',
                             "CONTEXT_NOT_SET cart"]
    assert values[2][6] == f'RESPOND "{LONG_REPLY}", SET_STAGE "category_select"'   # not cut after 16 characters
    assert values[2][7:] == [3, "rules/shop.dsl", 1]


def test_the_xlsx_header_is_bold_frozen_and_filtered_and_widths_fit_up_to_a_cap(tmp_path):
    sheet, _values = read_xlsx(export_rows(rows(), None, tmp_path / "table.xlsx"))
    assert all(cell.font.bold for cell in sheet[1]) and not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J3"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABGJ"}
    assert widths["A"] == len("either") + 2   # the widest rule name
    assert widths["B"] == len("Priority") + 2   # the header is wider than the numbers
    assert widths["G"] == MAX_COLUMN_WIDTH   # the whole reply is far wider
    assert widths["J"] == len("Line") + 2


def test_fired_counts_not_known_yet_leave_their_column_empty(tmp_path):
    _sheet, values = read_xlsx(export_rows(rows(), None, tmp_path / "table.xlsx"))
    assert [row[7] for row in values[1:]] == [None, None]
    table = read_csv(export_rows(rows(), None, tmp_path / "table.csv"))
    assert [row[7] for row in table[1:]] == ["", ""]


def test_the_csv_is_utf8_with_a_byte_order_mark_and_reads_back(tmp_path):
    path = export_rows(rows(), {"greet": 2, "either": 0}, tmp_path / "Table.CSV")
    assert path.read_bytes().startswith("\ufeff".encode("utf-8"))
    table = read_csv(path)
    assert table[0] == HEADER
    assert table[1][:4] == ["greet", "50", "greeting", "welcome"]
    assert table[1][6] == f'RESPOND "{LONG_REPLY}", SET_STAGE "category_select"'
    assert table[1][7:] == ["2", "rules/shop.dsl", "1"]
    assert table[2][0] == "either" and table[2][7] == "0"


def test_a_text_starting_with_an_equals_sign_stays_text_in_the_xlsx(tmp_path):
    rule = table_rows([parse('RULE odd WHEN CONTEXT_STAGE_IS "=1+1" THEN SET_STAGE "=SUM(A1)"\n',
                             "rules/r.dsl").program])
    sheet, values = read_xlsx(export_rows(rule, None, tmp_path / "t.xlsx"))
    assert values[1][3] == "=1+1" and sheet["D2"].data_type == "s"
    assert values[1][6] == 'SET_STAGE "=SUM(A1)"'


def test_an_unknown_suffix_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(ExportError, match=r"table\.ods: cannot export to this kind of file; name it \.xlsx or \.csv"):
        export_rows(rows(), None, tmp_path / "table.ods")
    with pytest.raises(ExportError, match="name it .xlsx or .csv"):
        export_rows(rows(), None, tmp_path / "table")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["table.xlsx", "table.csv"])
def test_an_unwritable_folder_gives_an_error_naming_the_file(tmp_path, name):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(ExportError, match=rf"cannot write .*not-a-folder/{name}: "):
        export_rows(rows(), None, blocker / name)
    with pytest.raises(ExportError, match=rf"cannot write .*missing/{name}: "):
        export_rows(rows(), None, tmp_path / "missing" / name)


def test_an_export_over_an_existing_file_replaces_it(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("old", encoding="utf-8")
    export_rows(rows()[:1], None, path)
    assert [row[0] for row in read_csv(path)] == ["Rule", "greet"]
