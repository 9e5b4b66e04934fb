"""The decision table exported in Chinese: the headers and the errors are Chinese, the rules' names are not."""
from __future__ import annotations

import csv

import openpyxl
import pytest

from studio.decision_table import table_rows
from studio.decision_table_export import ExportError, export_rows
from studio.dsl.parser import parse

CHINESE_HEADER = ["规则", "优先级", "意图", "阶段", "提及", "其他条件", "动作", "测试中触发", "文件", "行"]


def rows():
    return table_rows([parse('RULE greet WHEN INTENT_IS greeting THEN RESPOND "您好"\n', "rules/shop.dsl").program])


def test_the_exported_headers_are_in_chinese(chinese, tmp_path):
    book = openpyxl.load_workbook(export_rows(rows(), {"greet": 1}, tmp_path / "决策表.xlsx"))
    values = list(book.active.iter_rows(values_only=True))
    assert list(values[0]) == CHINESE_HEADER
    assert list(values[1][:3]) == ["greet", 0, "greeting"]
    with open(export_rows(rows(), None, tmp_path / "决策表.csv"), encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    assert table[0] == CHINESE_HEADER and table[1][6] == 'RESPOND "您好"'


def test_the_export_errors_are_in_chinese(chinese, tmp_path):
    with pytest.raises(ExportError, match="table.ods.*.xlsx.*.csv") as refused:
        export_rows(rows(), None, tmp_path / "table.ods")
    assert "无法" in str(refused.value)
    with pytest.raises(ExportError, match="missing/table.csv") as unwritable:
        export_rows(rows(), None, tmp_path / "missing" / "table.csv")
    assert "无法写入" in str(unwritable.value)
