"""Loading, merging, validating and saving knowledge files (JSON and YAML)."""
import difflib
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.diagnostics import Diagnostic
from studio.knowledge import (Brand, Category, KnowledgeSaveError, load_knowledge, new_document,
                              read_snapshot, save_knowledge, snapshot_text)

SAMPLE = Path(__file__).resolve().parents[2] / "knowledge" / "products.json"

YAML_TEXT = """\
# 知识库：手机
categories:
  手机:   # the phones
    icon: "📱"
    description: 智能手机
    brands:
      苹果:
        series:
          - iPhone 16   # newest
          - 'iPhone 16 Pro'
        aliases: [Apple, iPhone]
        price_range: [5000, 12000]
        vendor: Apple Inc.
      华为: {series: [Mate 70]}
owner: 李销售
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def where(diagnostic: Diagnostic) -> tuple:
    return diagnostic.code, diagnostic.span.line, diagnostic.span.column


# --- the sample ------------------------------------------------------------------

def test_sample_loads_clean_with_a_root_relative_file_name():
    knowledge, diagnostics, documents = load_knowledge([SAMPLE], root=SAMPLE.parents[1])
    assert diagnostics == []
    assert (documents[0].file, documents[0].format, documents[0].can_save) == ("knowledge/products.json", "json", True)
    assert documents[0].layout.json_indent == "  " and not documents[0].layout.ensure_ascii


def test_sample_saves_byte_identical_when_unchanged(tmp_path):
    copy = tmp_path / "products.json"
    copy.write_bytes(SAMPLE.read_bytes())
    knowledge, _, documents = load_knowledge([copy])
    assert documents[0].save(knowledge) is False
    assert copy.read_bytes() == SAMPLE.read_bytes()


def test_sample_edit_rewrites_only_the_edited_line(tmp_path):
    copy = tmp_path / "products.json"
    copy.write_bytes(SAMPLE.read_bytes())
    knowledge, _, documents = load_knowledge([copy])
    knowledge.categories["电脑"].brands["联想"].price_range = (3000, 16000)
    assert documents[0].save(knowledge) is True
    assert changed_lines(SAMPLE.read_text("utf-8"), copy.read_text("utf-8")) == [
        '-           "price_range": [3500, 15000]', '+           "price_range": [3000, 16000]']
    assert load_knowledge([copy])[0] == knowledge


# --- JSON round trip -------------------------------------------------------------

def test_json_keeps_key_order_and_unknown_keys_and_appends_new_ones(tmp_path):
    source = {"version": 2, "categories": {"手机": {"brands": {"苹果": {
        "price_range": [5000, 12000], "series": ["iPhone 16"], "vendor": {"site": "apple.com"}}},
        "icon": "📱"}}}
    path = write(tmp_path / "k.json", json.dumps(source, ensure_ascii=False, indent=4) + "\n")
    knowledge, diagnostics, documents = load_knowledge([path])
    assert diagnostics == [] and documents[0].layout.json_indent == "    "
    apple = knowledge.categories["手机"].brands["苹果"]
    assert apple.extra == {"vendor": {"site": "apple.com"}}
    apple.series.append("iPhone 16 Pro")
    apple.aliases = ["Apple"]
    knowledge.categories["手机"].brands["华为"] = Brand("华为", series=["Mate 70"])
    documents[0].save(knowledge)
    saved = json.loads(path.read_text("utf-8"))
    assert list(saved) == ["version", "categories"]
    assert list(saved["categories"]["手机"]) == ["brands", "icon"]
    assert list(saved["categories"]["手机"]["brands"]["苹果"]) == ["price_range", "series", "vendor", "aliases"]
    assert saved["categories"]["手机"]["brands"]["华为"] == {"series": ["Mate 70"]}
    assert "\n    " in path.read_text("utf-8")  # still indented by four


def test_json_follows_the_models_order_for_renames_reorders_and_deletions(tmp_path):
    path = write(tmp_path / "k.json", SAMPLE.read_text("utf-8"))
    knowledge, _, documents = load_knowledge([path])
    phones = knowledge.categories["手机"]
    phones.brands = {("Apple" if name == "苹果" else name): brand for name, brand in phones.brands.items()}
    phones.brands["Apple"].name = "Apple"
    del phones.brands["华为"]
    knowledge.categories = dict(reversed(knowledge.categories.items()))
    documents[0].save(knowledge)
    reloaded = load_knowledge([path])[0]
    assert list(reloaded.categories) == ["影音娱乐", "智能设备", "电脑", "手机"]
    assert reloaded.get_brands_in_category("手机")[:2] == ["Apple", "小米"]
    assert reloaded == knowledge


def test_escaped_compact_json_keeps_its_style(tmp_path):
    path = write(tmp_path / "k.json", '{"categories":{"\\u624b\\u673a":{"brands":{}}}}')
    knowledge, _, documents = load_knowledge([path])
    knowledge.categories["手机"].icon = "📱"
    documents[0].save(knowledge)
    assert path.read_text("utf-8") == '{"categories":{"\\u624b\\u673a":{"brands":{},"icon":"\\ud83d\\udcf1"}}}'


def test_bom_and_crlf_survive_a_save(tmp_path):
    path = tmp_path / "k.json"
    path.write_bytes('\ufeff{\r\n  "categories": {\r\n    "手机": {}\r\n  }\r\n}\r\n'.encode("utf-8"))
    knowledge, diagnostics, documents = load_knowledge([path])
    assert diagnostics == []
    knowledge.categories["手机"].description = "智能手机"
    documents[0].save(knowledge)
    assert path.read_bytes() == ('\ufeff{\r\n  "categories": {\r\n    "手机": {\r\n'
                                 '      "description": "智能手机"\r\n    }\r\n  }\r\n}\r\n').encode("utf-8")


# --- YAML round trip -------------------------------------------------------------

def test_yaml_saves_byte_identical_when_unchanged_and_keeps_comments_on_edit(tmp_path):
    path = write(tmp_path / "k.yaml", YAML_TEXT)
    knowledge, diagnostics, documents = load_knowledge([path])
    assert diagnostics == [] and documents[0].format == "yaml"
    assert documents[0].dump_text(knowledge) == YAML_TEXT
    apple = knowledge.categories["手机"].brands["苹果"]
    apple.series.append("iPhone 17")
    apple.price_range = (4000, 13000)
    knowledge.categories["手机"].brands["小米"] = Brand("小米", aliases=["Xiaomi"], series=["Xiaomi 15"])
    knowledge.extra["owner"] = "王销售"
    documents[0].save(knowledge)
    assert changed_lines(YAML_TEXT, path.read_text("utf-8")) == [
        "+           - iPhone 17",
        "-         price_range: [5000, 12000]",
        "+         price_range: [4000, 13000]",
        "+       小米:",
        "+         aliases: [Xiaomi]",  # the flow style of its sibling's list
        "+         series:",
        "+           - Xiaomi 15",
        "- owner: 李销售",
        "+ owner: 王销售",
    ]
    assert load_knowledge([path])[0] == knowledge


def test_yml_suffix_is_yaml(tmp_path):
    path = write(tmp_path / "k.yml", "categories:\n  手机: {brands: {苹果: {series: [iPhone 16]}}}\n")
    knowledge, diagnostics, documents = load_knowledge([path])
    assert diagnostics == [] and documents[0].format == "yaml"
    assert knowledge.get_series_in_brand("手机", "苹果") == ["iPhone 16"]


# --- malformed files -------------------------------------------------------------

def test_malformed_json_is_reported_at_its_line_and_column(tmp_path):
    path = write(tmp_path / "k.json", '{\n  "categories": {\n    "手机": ,\n  }\n}\n')
    knowledge, diagnostics, documents = load_knowledge([path], root=tmp_path)
    assert [(d.file, *where(d)) for d in diagnostics] == [("k.json", "K100", 3, 11)]
    assert diagnostics[0].severity.value == "error" and knowledge.categories == {}
    assert not documents[0].can_save


def test_malformed_yaml_is_reported_at_its_line_and_column(tmp_path):
    path = write(tmp_path / "k.yaml", "categories:\n  手机:\n    brands: {苹果: [1, 2}\n")
    _, diagnostics, _ = load_knowledge([path])
    assert [where(d) for d in diagnostics] == [("K100", 3, 23)]  # at the "}"


def test_a_file_that_cannot_be_parsed_is_never_overwritten(tmp_path):
    broken = '{"categories": {"手机": '
    path = write(tmp_path / "k.json", broken)
    knowledge, _, documents = load_knowledge([path])
    knowledge.categories["电脑"] = Category("电脑")
    with pytest.raises(KnowledgeSaveError, match="not valid JSON"):
        documents[0].save(knowledge)
    with pytest.raises(KnowledgeSaveError):
        save_knowledge(knowledge, documents)
    assert path.read_text("utf-8") == broken


def test_a_file_broken_on_disk_after_loading_is_not_overwritten(tmp_path):
    path = write(tmp_path / "k.yaml", YAML_TEXT)
    knowledge, _, documents = load_knowledge([path])
    write(path, "categories: [\n")  # the user is editing it by hand
    knowledge.categories["手机"].icon = "☎"
    with pytest.raises(KnowledgeSaveError, match=r"cannot be parsed now \(2:1"):
        documents[0].save(knowledge)
    assert path.read_text("utf-8") == "categories: [\n"


def test_undecodable_and_unsupported_files_are_reported(tmp_path):
    path = tmp_path / "k.json"
    path.write_bytes(b'{\n  "categories": {"\xff": {}}\n}')
    other = write(tmp_path / "k.txt", "{}")
    _, diagnostics, documents = load_knowledge([path, other, tmp_path / "missing.json"])
    assert [where(d) for d in diagnostics] == [("K100", 2, 19), ("K100", 1, 1), ("K100", 1, 1)]
    assert not any(d.can_save for d in documents)


@settings(max_examples=150, deadline=None)
@given(content=st.one_of(st.binary(max_size=300), st.text(max_size=300),
                         st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                                      lambda inner: st.lists(inner, max_size=4)
                                      | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                                      max_leaves=20).map(lambda v: json.dumps({"categories": v}))),
       suffix=st.sampled_from([".json", ".yaml"]))
def test_loading_never_raises_on_arbitrary_content(content, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"k{suffix}"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        knowledge, diagnostics, documents = load_knowledge([path])
        assert all(d.span.line >= 1 and d.span.column >= 1 and d.code.startswith("K") for d in diagnostics)
        if documents[0].can_save:  # and an edit can be written back
            knowledge.categories["新品类"] = Category("新品类", brands={"新品牌": Brand("新品牌")})
            documents[0].save(knowledge)
            assert "新品类" in load_knowledge([path])[0].categories


# --- structural validation --------------------------------------------------------

def test_json_structure_errors_point_at_the_offending_value(tmp_path):
    text = """{
  "categories": {
    "手机": {
      "subtypes": "旗舰",
      "brands": {
        "苹果": {"series": ["iPhone 16", 16, "iphone 16"], "price_range": [9000, 5000], "seris": []},
        "": {},
        "华为": ["Mate 70"],
        "荣耀": {"aliases": ["苹果"]}
      }
    },
    "电脑": {"brands": []}
  }
}
"""
    path = write(tmp_path / "k.json", text)
    knowledge, diagnostics, documents = load_knowledge([path])
    assert sorted((*where(d), d.message) for d in diagnostics) == [
        ("K110", 4, 19, "category '手机': `subtypes` must be a list of strings"),
        ("K110", 6, 40, "brand '苹果' of '手机': series must be a name or an object with a `name`"),
        ("K110", 6, 44, "brand '苹果' of '手机': duplicate series 'iphone 16'"),
        ("K110", 6, 73, "brand '苹果' of '手机': price_range min 9000 is greater than max 5000"),
        ("K110", 7, 9, "brand must not be empty"),
        ("K110", 8, 15, "brand '华为' must be an object"),
        ("K110", 12, 22, "category '电脑': `brands` must be an object (brand name → brand)"),
        ("K130", 9, 28, "alias '苹果' of '荣耀' also names '苹果' in '手机', so a mention of it is ambiguous"),
        ("K140", 6, 87, "brand '苹果' of '手机': unknown key `seris` is kept as is; did you mean `series`?"),
    ]
    assert [d.suggestion for d in diagnostics if d.code == "K140"] == ["series"]
    apple = knowledge.categories["手机"].brands["苹果"]
    assert (apple.series, apple.price_range) == (["iPhone 16"], None)
    assert list(knowledge.categories["手机"].brands) == ["苹果", "荣耀"]
    assert documents[0].can_save


def test_rejected_values_survive_a_save_of_other_edits(tmp_path):
    text = '{\n  "categories": {\n    "手机": {\n      "brands": {\n        "苹果": {"price_range": [9, 1]},\n' \
           '        "华为": 3\n      }\n    }\n  }\n}\n'
    path = write(tmp_path / "k.json", text)
    knowledge, _, documents = load_knowledge([path])
    knowledge.categories["手机"].icon = "📱"
    documents[0].save(knowledge)
    saved = json.loads(path.read_text("utf-8"))["categories"]["手机"]
    assert saved["brands"] == {"苹果": {"price_range": [9, 1]}, "华为": 3}


def test_json_duplicate_keys_are_reported_and_block_saving(tmp_path):
    text = '{"categories": {\n  "手机": {"brands": {}},\n  "手机": {"icon": "x"}\n}}'
    path = write(tmp_path / "k.json", text)
    knowledge, diagnostics, documents = load_knowledge([path])
    assert [(where(d), d.message) for d in diagnostics] == [
        (("K110", 3, 3), "duplicate key '手机': only the first one is read")]
    assert knowledge.categories["手机"].icon == ""
    with pytest.raises(KnowledgeSaveError, match="duplicate keys"):
        documents[0].save(knowledge)
    assert path.read_text("utf-8") == text


def test_yaml_structure_errors_point_at_the_offending_value(tmp_path):
    path = write(tmp_path / "k.yaml", "categories:\n  手机:\n    icon: 3\n    brands:\n      苹果:\n"
                                      "        series:\n          - iPhone 16\n          - [x]\n"
                                      "        price_range: [1, two]\n")
    _, diagnostics, _ = load_knowledge([path])
    assert sorted((*where(d), d.message) for d in diagnostics) == [
        ("K110", 3, 11, "category '手机': `icon` must be a string"),
        ("K110", 8, 13, "brand '苹果' of '手机': series must be a name or an object with a `name`"),
        ("K110", 9, 22, "brand '苹果' of '手机': price_range must hold two whole numbers"),
    ]


def test_a_file_without_a_categories_object_cannot_be_saved_over(tmp_path):
    path = write(tmp_path / "k.yaml", "- 手机\n- 电脑\n")
    knowledge, diagnostics, documents = load_knowledge([path])
    assert [where(d) for d in diagnostics] == [("K110", 1, 1)]
    with pytest.raises(KnowledgeSaveError, match="top level"):
        documents[0].save(knowledge)


# --- several files ---------------------------------------------------------------

def test_files_are_merged_and_a_repeated_category_is_ignored_with_a_warning(tmp_path):
    first = write(tmp_path / "a.json", '{"categories": {"手机": {"brands": {"苹果": {}}}}}\n')
    second = write(tmp_path / "b.yaml", "categories:\n  电脑: {}\n  手机:\n    brands: {华为: {}}\n")
    knowledge, diagnostics, documents = load_knowledge([first, second], root=tmp_path)
    assert list(knowledge.categories) == ["手机", "电脑"]
    assert knowledge.get_brands_in_category("手机") == ["苹果"]
    assert [(d.file, *where(d), d.severity.value) for d in diagnostics] == [("b.yaml", "K120", 3, 3, "warning")]
    assert [(d.categories, d.primary) for d in documents] == [(["手机"], True), (["电脑"], False)]


def test_save_knowledge_keeps_each_category_in_its_file_and_new_ones_in_the_first(tmp_path):
    first = write(tmp_path / "a.json", '{"categories": {"手机": {}}}\n')
    second = write(tmp_path / "b.yaml", "# computers\ncategories:\n  电脑: {}\n  手机: {icon: x}\n")
    knowledge, _, documents = load_knowledge([first, second])
    knowledge.categories["影音娱乐"] = Category("影音娱乐", icon="🎮")
    knowledge.categories["电脑"].icon = "💻"
    assert save_knowledge(knowledge, documents) == [first, second]
    assert json.loads(first.read_text("utf-8")) == {
        "categories": {"手机": {}, "影音娱乐": {"icon": "🎮", "brands": {}}}}
    assert second.read_text("utf-8") == "# computers\ncategories:\n  电脑:\n    icon: 💻\n  手机: {icon: x}\n"
    assert save_knowledge(knowledge, documents) == []  # nothing left to write


# --- atomic writes ---------------------------------------------------------------

def test_save_replaces_the_content_atomically_and_leaves_no_temp_file(tmp_path):
    path = write(tmp_path / "k.json", SAMPLE.read_text("utf-8"))
    os.chmod(path, 0o640)
    knowledge, _, documents = load_knowledge([path])
    del knowledge.categories["影音娱乐"]
    documents[0].save(knowledge)
    assert os.listdir(tmp_path) == ["k.json"]
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert "影音娱乐" not in path.read_text("utf-8")


def test_a_failed_write_keeps_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = write(tmp_path / "k.json", SAMPLE.read_text("utf-8"))
    knowledge, _, documents = load_knowledge([path])
    knowledge.categories["手机"].icon = "☎"

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(KnowledgeSaveError, match="No space left"):
        documents[0].save(knowledge)
    assert os.listdir(tmp_path) == ["k.json"]
    assert path.read_text("utf-8") == SAMPLE.read_text("utf-8")


def test_new_document_writes_a_fresh_file_in_the_default_style(tmp_path):
    document = new_document(tmp_path / "new.json", root=tmp_path)
    knowledge, _, _ = load_knowledge([])
    knowledge.categories["手机"] = Category("手机", "智能手机", "📱", brands={"苹果": Brand("苹果", ["Apple"])})
    document.save(knowledge)
    assert (tmp_path / "new.json").read_text("utf-8") == (
        '{\n  "categories": {\n    "手机": {\n      "description": "智能手机",\n      "icon": "📱",\n'
        '      "brands": {\n        "苹果": {\n          "aliases": ["Apple"],\n          "series": []\n'
        '        }\n      }\n    }\n  }\n}\n')


def test_a_first_knowledge_save_creates_a_file_the_umask_allows_others_to_read(tmp_path):
    document = new_document(tmp_path / "new.json", root=tmp_path)
    knowledge, _, _ = load_knowledge([])
    knowledge.categories["手机"] = Category("手机", "智能手机", "📱")
    previous = os.umask(0o022)
    try:
        document.save(knowledge)
    finally:
        os.umask(previous)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644


def test_save_knowledge_writes_no_file_when_one_of_them_is_refused(tmp_path):
    first = write(tmp_path / "a.json", '{"categories": {"手机": {}}}\n')
    second = write(tmp_path / "b.yaml", "categories:\n  电脑: {}\n")
    knowledge, _, documents = load_knowledge([first, second])
    write(second, "categories: {\n")
    knowledge.categories["手机"].icon = "📱"
    knowledge.categories["电脑"].icon = "💻"
    with pytest.raises(KnowledgeSaveError, match="b.yaml"):
        save_knowledge(knowledge, documents)
    assert first.read_text("utf-8") == '{"categories": {"手机": {}}}\n'


@pytest.mark.parametrize("name, text, changed", [
    ("four.yaml", "categories:\n    手机:\n        brands:\n            苹果:\n                series:\n"
                  "                -   iPhone 16\n", ["+                 -   iPhone 17"]),
    ("flat.yaml", "categories:\n  手机:\n    brands:\n      苹果:\n        series:\n        - iPhone 16\n",
     ["+         - iPhone 17"]),
    ("tabs.json", '{\n\t"categories": {\n\t\t"手机": {\n\t\t\t"brands": {\n\t\t\t\t"苹果": {\n'
                  '\t\t\t\t\t"series": [\n\t\t\t\t\t\t"iPhone 16"\n\t\t\t\t\t]\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}',
     ['- \t\t\t\t\t\t"iPhone 16"', '+ \t\t\t\t\t\t"iPhone 16",', '+ \t\t\t\t\t\t"iPhone 17"']),
])
def test_an_edit_keeps_the_files_own_layout(tmp_path, name, text, changed):
    path = write(tmp_path / name, text)
    knowledge, diagnostics, documents = load_knowledge([path])
    assert diagnostics == []
    knowledge.categories["手机"].brands["苹果"].series.append("iPhone 17")
    documents[0].save(knowledge)
    assert changed_lines(text, path.read_text("utf-8")) == changed
    assert path.read_text("utf-8").endswith("\n") == text.endswith("\n")


def test_a_preview_has_no_effect_on_what_is_saved_later(tmp_path):
    path = write(tmp_path / "k.yaml", YAML_TEXT)
    knowledge, _, documents = load_knowledge([path])
    apple = knowledge.categories["手机"].brands["苹果"]
    apple.aliases.append("苹果手机")
    assert "苹果手机" in documents[0].dump_text(knowledge)
    apple.aliases.remove("苹果手机")  # undone in the editor
    assert documents[0].dump_text(knowledge) == YAML_TEXT
    apple.scenarios = ["摄影"]
    documents[0].save(knowledge)
    assert changed_lines(YAML_TEXT, path.read_text("utf-8")) == ["+         scenarios:", "+           - 摄影"]


def test_a_snapshot_reads_back_as_the_same_knowledge_and_a_bad_one_as_none(tmp_path):
    path = tmp_path / "products.yaml"
    path.write_text("# 注释\nshop: 小店\ncategories:\n  手机:\n    description: 智能手机\n    brands:\n"
                    "      苹果: {aliases: [Apple], price_range: [4000, 13000], colour: 白}\n", encoding="utf-8")
    knowledge, _, _ = load_knowledge([path])
    knowledge.categories["手机"].brands["苹果"].series.append("iPhone 16")
    restored = read_snapshot(snapshot_text(knowledge))
    assert restored == knowledge
    assert restored.extra == {"shop": "小店"} and restored.categories["手机"].brands["苹果"].extra == {"colour": "白"}
    assert read_snapshot('{"categories": ') is None
    assert read_snapshot("[1, 2]") is None
