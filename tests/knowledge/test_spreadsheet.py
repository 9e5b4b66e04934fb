"""The knowledge as a table and back: lossless for every field, every bad row reported, big sheets streamed."""
import pytest

from studio.knowledge import Brand, Category, Knowledge, Series
from studio.knowledge.changes import knowledge_changes
from studio.knowledge.spreadsheet import ExportError, export_knowledge, import_knowledge


def tricky() -> Knowledge:
    return Knowledge({
        "手机": Category("手机", "智能\n手机", "📱", ["折叠|直板", "[特别]"], {
            "华为": Brand("华为", ["HUAWEI"], ["nova 13", "Mate 70", "Pura 70"], ["商务"], (2500, 13000),
                        {"官网": "huawei.com"},
                        {"Mate 70": Series("Mate 70", ["mate七十"], (5499, 6999), ["商务"],
                                           {"屏幕": "6.7英寸", "重量": 205, "厚度": 7.9, "5G": True, "编号": "007"},
                                           {"上市": 2024}),
                         "Pura 70": Series("Pura 70")}),
            "无系列": Brand("无系列", scenarios=["游戏"])}, {"排序": 1}),
        "空品类": Category("空品类", icon="🫙"),
        "360": Category("360", brands={"007": Brand("007", series=["1"])}),
    })


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json", "yaml"])
def test_every_field_and_each_series_form_round_trip(tmp_path, suffix):
    knowledge = tricky()
    path = tmp_path / f"k.{suffix}"
    export_knowledge(knowledge, path)
    result = import_knowledge(path)
    assert result.problems == []
    assert result.knowledge.categories == knowledge.categories
    assert knowledge_changes(knowledge, result.knowledge) == []


def test_rows_that_disagree_about_a_brand_are_each_reported(tmp_path):
    path = tmp_path / "k.csv"
    path.write_text("category,brand,brand_price_min,brand_price_max,series\n"
                    "手机,华为,1000,2000,Mate 70\n"
                    "手机,华为,1000,3000,Mate 80\n"
                    "手机,华为,,,Mate 70\n"
                    ",华为,,,Pura\n", encoding="utf-8")
    result = import_knowledge(path)
    assert result.knowledge is None
    assert result.problems == [
        "row 3, brand_price_min: differs from row 2, which gave the same brand '华为' another price range",
        "row 4, series: duplicate series 'Mate 70' in 手机 › 华为",
        "row 5, category: category is empty",
    ]


def test_a_hundred_thousand_rows_are_read_as_a_stream(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("category,brand,series,series_price_min,series_price_max\n")
        for n in range(100_000):
            stream.write(f"手机,品牌{n // 100},系列 {n},{n},{n + 1}\n")
    result = import_knowledge(path)
    assert result.problems == [] and result.rows == 100_000
    assert sum(len(b.series) for _, b in result.knowledge.brands()) == 100_000


def test_a_sheet_bad_throughout_lists_the_first_problems_and_counts_the_rest(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("category,brand,series\n" + "\n".join(",x,y" for _ in range(5000)) + "\n", encoding="utf-8")
    result = import_knowledge(path)
    assert result.knowledge is None and len(result.problems) == 1000 and result.more_problems == 4000


def test_an_export_to_an_unknown_type_is_refused(tmp_path):
    with pytest.raises(ExportError, match="unsupported file type '.txt'"):
        export_knowledge(tricky(), tmp_path / "k.txt")
    assert not (tmp_path / "k.txt").exists()


from hypothesis import given, settings, strategies as st  # noqa: E402

from studio.knowledge.table import COLUMNS, TableReader  # noqa: E402

_CELLS = st.one_of(st.none(), st.text(max_size=6), st.integers(-5, 5), st.floats(allow_nan=True),
                   st.booleans(), st.sampled_from(["[", "[1]", '["a","a"]', "{}", '{"k": [1]}', "a|b|", "5999.0"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=8), st.lists(st.lists(_CELLS, max_size=9), max_size=6))
def test_any_table_gives_knowledge_or_row_problems_never_an_exception(header, body):
    reader = TableReader()
    knowledge = reader.read(list(header), list(enumerate(body, start=2)))
    assert (knowledge is None) == bool(reader.problems)
    assert all(p.row >= 1 for p in reader.problems)


def test_a_series_without_its_brand_in_a_workbook_hints_at_merged_cells(tmp_path):
    import openpyxl
    path = tmp_path / "k.xlsx"
    book = openpyxl.Workbook()
    for row in (["category", "brand", "series"], ["手机", "华为", "Mate 70"], ["手机", None, "Pura 70"]):
        book.active.append(row)
    book.active.merge_cells("B2:B3")
    book.save(path)
    assert import_knowledge(path).problems == [
        "row 3, brand: a series needs its brand (a merged cell leaves every row but its first empty: "
        "unmerge it and fill each row)"]
