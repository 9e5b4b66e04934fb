"""`rule-studio knowledge export|import` through the real command line."""
import csv
import io
import json

import openpyxl
import pytest

from studio.knowledge import load_knowledge
from tests.cli.helpers import copy_sample, rule_studio


@pytest.fixture
def project(tmp_path):
    return copy_sample(tmp_path / "project")


def knowledge_of(project):
    return load_knowledge(sorted((project / "knowledge").iterdir()), project)[0]


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json", "yaml"])
def test_export_then_import_gives_back_equal_knowledge(project, tmp_path, suffix):
    before = knowledge_of(project)
    text_before = (project / "knowledge" / "products.json").read_bytes()
    out = tmp_path / f"catalogue.{suffix}"
    exported = rule_studio("knowledge", "export", str(project), str(out))
    assert exported.returncode == 0, exported.stderr
    assert "4 categories, 24 brands, 98 series" in exported.stdout
    # Import into an empty project: everything comes from the file.
    empty = tmp_path / "empty"
    (empty / "rules").mkdir(parents=True)
    imported = rule_studio("knowledge", "import", str(empty), str(out))
    assert imported.returncode == 0, imported.stderr
    assert knowledge_of(empty).categories == before.categories
    # Import back into the project it came from: nothing changes, byte for byte.
    again = rule_studio("knowledge", "import", str(project), str(out))
    assert again.returncode == 0 and "nothing to change" in again.stdout
    assert (project / "knowledge" / "products.json").read_bytes() == text_before


def test_a_csv_keeps_category_descriptions_icons_subtypes_and_brands_without_series(project, tmp_path):
    out = tmp_path / "k.csv"
    rule_studio("knowledge", "export", str(project), str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    computer = next(r for r in rows if r["category"] == "电脑")
    assert (computer["category_description"], computer["category_icon"], computer["category_subtypes"]) == (
        "笔记本与台式机", "💻", "笔记本|台式机")
    mate = next(r for r in rows if r["series"] == "Mate 70")
    assert (mate["series_price_min"], mate["series_price_max"], json.loads(mate["series_attributes"])) == (
        "5499", "6999", {"屏幕": "6.7英寸", "5G": True})
    assert next(r for r in rows if r["series"] == "iPhone 15")["series_attributes"] == ""


def test_bad_rows_are_reported_by_number_and_nothing_changes(project, tmp_path):
    source = tmp_path / "k.csv"
    rule_studio("knowledge", "export", str(project), str(source))
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace(",5999,7999,", ",5999,abc,")       # row 2
    lines[4] = lines[4].replace("iPhone 16 Pro Max", "")             # row 5: no series name... but has details
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = (project / "knowledge" / "products.json").read_bytes()
    result = rule_studio("knowledge", "import", str(project), str(source))
    assert result.returncode == 1
    assert "row 2, series_price_min: price_range must hold two whole numbers" in result.stderr
    assert "row 5, series_aliases: a series field without a series" not in result.stderr
    assert "row 5, series_scenarios: a series field without a series" in result.stderr
    assert "nothing was changed" in result.stderr
    assert (project / "knowledge" / "products.json").read_bytes() == before


def test_dry_run_prints_the_changes_and_writes_nothing(project, tmp_path):
    source = tmp_path / "k.csv"
    rule_studio("knowledge", "export", str(project), str(source))
    text = source.read_text(encoding="utf-8-sig").replace(",5499,6999,", ",5299,6799,", 1)
    source.write_text(text + "手机,,,,华为,,,,,Mate 80,,,,,\n", encoding="utf-8")
    before = (project / "knowledge" / "products.json").read_bytes()
    result = rule_studio("knowledge", "import", str(project), str(source), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["~ series 手机 › 华为 › Mate 70: price_range",
                                          "+ series 手机 › 华为 › Mate 80",
                                          "dry run: 2 change(s) not written"]
    assert (project / "knowledge" / "products.json").read_bytes() == before
    applied = rule_studio("knowledge", "import", str(project), str(source))
    assert applied.returncode == 0, applied.stderr
    huawei = knowledge_of(project).categories["手机"].brands["华为"]
    assert huawei.series[-1] == "Mate 80" and huawei.series_details["Mate 70"].price_range == (5299, 6799)
    saved = (project / "knowledge" / "products.json").read_text(encoding="utf-8")
    assert '"aliases": ["HUAWEI"]' in saved   # the file's own layout stays


def write_xlsx(path, rows, merge=None):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)


HEADER = ["category", "brand", "series", "series_price_min", "series_price_max"]


def test_an_xlsx_with_a_formula_a_merged_cell_and_empty_rows_is_reported_not_a_traceback(project, tmp_path):
    source = tmp_path / "k.xlsx"
    write_xlsx(source, [HEADER, ["手机", "华为", "Mate 70", 5499, "=D2+1000"], [None] * 5, [],
                        ["手机", "华为", "Mate 80", 6000, 7000], [None, "华为", "Pura 80", 5000, 6000]],
               merge="A5:A6")
    result = rule_studio("knowledge", "import", str(project), str(source))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "row 2, series_price_max: a formula (=D2+1000)" in result.stderr
    assert "row 6, category: category is empty (a merged cell" in result.stderr
    assert "row 3" not in result.stderr and "row 4" not in result.stderr


def test_missing_or_unknown_columns_are_errors(project, tmp_path):
    source = tmp_path / "k.csv"
    source.write_text("category,brandd\n手机,华为\n", encoding="utf-8")
    result = rule_studio("knowledge", "import", str(project), str(source))
    assert result.returncode == 1
    assert "row 1, brandd: unknown column 'brandd'" in result.stderr


def test_unsupported_or_unreadable_inputs_are_clear_errors(project, tmp_path):
    (tmp_path / "k.txt").write_text("x", encoding="utf-8")
    (tmp_path / "gbk.csv").write_bytes("category,brand,series\n手机,华为,Mate\n".encode("gbk"))
    (tmp_path / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    for name, expected in (("k.txt", "unsupported file type '.txt'"), ("gbk.csv", "not UTF-8"),
                           ("fake.xlsx", "not an Excel workbook"), ("missing.csv", "no such file")):
        result = rule_studio("knowledge", "import", str(project), str(tmp_path / name))
        assert result.returncode == 1 and expected in result.stderr and "Traceback" not in result.stderr, name


def test_the_sample_with_series_objects_checks_clean_and_a_bad_series_value_is_reported_at_its_place(project):
    clean = rule_studio("check", str(project))
    assert clean.returncode == 0 and "0 errors, 0 warnings" in clean.stdout
    products = project / "knowledge" / "products.json"
    text = products.read_text(encoding="utf-8")
    products.write_text(text.replace('"price_range": [5499, 6999]', '"price_range": [6999, 5499]', 1), encoding="utf-8")
    line = next(n for n, row in enumerate(products.read_text(encoding="utf-8").splitlines(), 1) if "[6999, 5499]" in row)
    bad = rule_studio("check", str(project))
    assert bad.returncode == 1
    assert f"knowledge/products.json:{line}:30: error K110 brand '华为' of '手机': price_range min 6999 is greater than max 5499" in bad.stdout


def test_chat_quotes_series_prices_in_the_budget_first(project):
    result = rule_studio("chat", str(project), stdin="我想买手机\n看看华为\n")
    lines = result.stdout.splitlines()
    assert "1. Mate 70 — 适合商务、办公，价位 5499-6999 元" in lines
