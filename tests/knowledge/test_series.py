"""Series written as bare names or as objects: reading, validation, saving each in its own form, lookup."""
import json
from pathlib import Path

from studio.engine.assistant import Assistant
from studio.knowledge import load_knowledge, save_knowledge
from studio.knowledge.model import Series
from studio.knowledge.validation import validate
from tests.engine.engine_helpers import rulebase_of

MIXED_JSON = """{
  "categories": {
    "手机": {
      "brands": {
        "华为": {
          "aliases": ["HUAWEI"],
          "series": [
            "nova 13",
            {"name": "Mate 70", "scenarios": ["商务"], "price_range": [5500, 7000], "aliases": ["mate七十"],
             "attributes": {"屏幕": "6.7英寸", "重量": 205, "5G": true}}
          ]
        }
      }
    }
  }
}
"""

MIXED_YAML = """categories:
  手机:
    brands:
      华为:
        series:
          - nova 13   # the bare one
          - name: Mate 70
            # the price first, on purpose
            price_range: [5500, 7000]
            aliases: [mate七十]
            attributes:
              屏幕: 6.7英寸
              重量: 205
"""


def load(tmp_path, text, name="k.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    knowledge, diagnostics, documents = load_knowledge([path], tmp_path)
    return path, knowledge, diagnostics, documents


def test_bare_names_and_series_objects_mix_in_one_list(tmp_path):
    _, knowledge, diagnostics, _ = load(tmp_path, MIXED_JSON)
    brand = knowledge.categories["手机"].brands["华为"]
    assert diagnostics == []
    assert brand.series == ["nova 13", "Mate 70"]
    assert brand.series_details == {"Mate 70": Series("Mate 70", ["mate七十"], (5500, 7000), ["商务"],
                                                      {"屏幕": "6.7英寸", "重量": 205, "5G": True})}
    assert knowledge.get_series_in_brand("手机", "华为") == ["nova 13", "Mate 70"]
    assert "商务" in knowledge.scenario_words()


def test_saving_unchanged_series_writes_the_file_as_it_was(tmp_path):
    for name, text in (("k.json", MIXED_JSON), ("k.yaml", MIXED_YAML)):
        path, knowledge, _, documents = load(tmp_path, text, name)
        assert save_knowledge(knowledge, documents) == []
        assert path.read_text(encoding="utf-8") == text


def test_an_edited_series_object_keeps_its_key_order_and_the_bare_name_stays_bare(tmp_path):
    path, knowledge, _, documents = load(tmp_path, MIXED_YAML, "k.yaml")
    detail = knowledge.categories["手机"].brands["华为"].series_details["Mate 70"]
    detail.price_range = (5999, 6999)
    detail.attributes["颜色"] = "黑"
    knowledge.changed()
    save_knowledge(knowledge, documents)
    text = path.read_text(encoding="utf-8")
    assert "- nova 13   # the bare one" in text
    assert "# the price first, on purpose" in text
    assert text.index("price_range: [5999, 6999]") < text.index("aliases: [mate七十]")
    assert text.index("重量: 205") < text.index("颜色: 黑")


def test_a_bare_name_given_details_becomes_an_object_and_others_keep_their_form(tmp_path):
    path, knowledge, _, documents = load(tmp_path, MIXED_JSON)
    brand = knowledge.categories["手机"].brands["华为"]
    brand.series_details["nova 13"] = Series("nova 13", price_range=(2500, 3000), scenarios=["学习"])
    brand.series.append("Pura 70")
    knowledge.changed()
    save_knowledge(knowledge, documents)
    series = json.loads(path.read_text(encoding="utf-8"))["categories"]["手机"]["brands"]["华为"]["series"]
    assert series[0] == {"name": "nova 13", "price_range": [2500, 3000], "scenarios": ["学习"]}
    assert list(series[1]) == ["name", "scenarios", "price_range", "aliases", "attributes"]
    assert series[2] == "Pura 70"
    assert load_knowledge([path])[0] == knowledge


def test_bad_series_values_are_reported_at_their_place(tmp_path):
    text = """{"categories": {"手机": {"brands": {"华为": {"series": [
  {"name": "Mate 70", "price_range": [7000, 5000], "aliases": ["a", 3], "attributes": {"重量": [1]}},
  {"price_range": [1, 2]},
  {"name": "Mate 70"},
  {"name": "Pura 70", "attributes": "大屏", "scenarios": "商务"},
  4
]}}}}}
"""
    _, knowledge, diagnostics, _ = load(tmp_path, text)
    found = [(d.code, d.span.line, d.span.column, d.message) for d in diagnostics]
    assert found == [
        ("K110", 2, 69, "brand '华为' of '手机': alias must be a string"),
        ("K110", 2, 38, "brand '华为' of '手机': price_range min 7000 is greater than max 5000"),
        ("K110", 2, 94, "brand '华为' of '手机': attribute '重量' must be text, a number or true/false, not list"),
        ("K110", 3, 3, "brand '华为' of '手机': a series object needs a `name`"),
        ("K110", 4, 12, "brand '华为' of '手机': duplicate series 'Mate 70'"),
        ("K110", 5, 56, "brand '华为' of '手机': `scenarios` must be a list of strings"),
        ("K110", 5, 37, "brand '华为' of '手机': `attributes` must be an object (name → text or number)"),
        ("K110", 6, 3, "brand '华为' of '手机': series must be a name or an object with a `name`"),
    ]
    assert knowledge.categories["手机"].brands["华为"].series == ["Mate 70", "Pura 70"]
    assert all(d.file == "k.json" for d in diagnostics)


def test_a_misspelt_series_key_is_a_k140_warning(tmp_path):
    _, _, diagnostics, _ = load(tmp_path, '{"categories": {"手机": {"brands": {"华为": {"series": ['
                                          '{"name": "Mate 70", "price_rang": [1, 2]}]}}}}}')
    assert [(d.code, d.suggestion) for d in diagnostics] == [("K140", "price_range")]


def test_validate_reports_bad_series_details_in_memory(tmp_path):
    _, knowledge, _, _ = load(tmp_path, MIXED_JSON)
    brand = knowledge.categories["手机"].brands["华为"]
    brand.series_details["Mate 70"].price_range = (9, 1)
    brand.series_details["Mate 70"].attributes["x"] = None
    assert validate(knowledge) == ["手机 › 华为 › Mate 70: price_range min 9 is greater than max 1",
                                   "手机 › 华为 › Mate 70: attribute 'x' must be text, a number or true/false, "
                                   "not NoneType"]


def test_a_series_alias_is_found_as_its_series(tmp_path):
    _, knowledge, _, _ = load(tmp_path, MIXED_JSON)
    mention = knowledge.find_mention("我想看看 MATE七十 怎么样", "series", "手机", "华为")
    assert (mention.name, mention.matched_text) == ("Mate 70", "MATE七十")
    assert [h.kind for h in knowledge.search_products("mate七十")] == ["alias"]


def test_capture_series_takes_an_alias_as_the_canonical_series(tmp_path):
    _, knowledge, _, _ = load(tmp_path, MIXED_JSON)
    assistant = Assistant(rulebase_of("RULE r WHEN ALWAYS THEN\nCAPTURE series"), knowledge, None)
    context = assistant.new_context(current_category="手机", current_brand="华为")
    assistant.turn(context, "mate七十 有货吗")
    assert context.current_series == "Mate 70"


def test_a_series_alias_that_names_another_series_is_a_k130_warning(tmp_path):
    text = ('{"categories": {"手机": {"brands": {"华为": {"series": [\n'
            '"Mate 70",\n'
            '{"name": "Mate 70 Pro", "aliases": ["mate70"]}\n'
            ']}}}}}\n')
    _, knowledge, diagnostics, _ = load(tmp_path, text)
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics] == [("K130", 3, 37)]
    assert "also names the series 'Mate 70'" in diagnostics[0].message
    assert knowledge.categories["手机"].brands["华为"].series == ["Mate 70", "Mate 70 Pro"]


def test_a_problem_with_a_categorys_own_fields_names_the_category(tmp_path):
    text = '{"categories": {"手机": {"subtypes": 5, "brands": {}},\n "电脑": {"brands": []}}}'
    messages = [d.message for d in load(tmp_path, text)[2]]
    assert messages == ["category '手机': `subtypes` must be a list of strings",
                        "category '电脑': `brands` must be an object (brand name → brand)"]
