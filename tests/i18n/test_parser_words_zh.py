"""Words the core took from elsewhere and showed as they were: how an intent was found ("keywords"),
what an LLM call was for, and the JSON parser's description of a broken text. In Chinese they are
Chinese; in English and in every JSON output they are what they always were."""
from __future__ import annotations

import json

from studio import i18n
from studio.engine.trace import intent_source_label, llm_purpose_label
from studio.knowledge.store import read_document
from tests.cli.helpers import copy_sample
from tests.i18n.cli_helpers import run_main

BROKEN_TEST = """name: 走错的对话
turns:
  - user: 我想买个手机
    expect: {rule: list_series}
"""




def failing_test_project(tmp_path):
    project = copy_sample(tmp_path / "project")
    (project / "conversations" / "wrong.yaml").write_text(BROKEN_TEST, encoding="utf-8")
    return project


def test_a_failed_test_names_the_intent_source_in_chinese(tmp_path, capsys):
    project = failing_test_project(tmp_path)
    _, chinese, _ = run_main(capsys, "--lang", "zh", "test", str(project), "-k", "wrong")
    _, english, _ = run_main(capsys, "--lang", "en", "test", str(project), "-k", "wrong")

    assert "意图：product_query（关键词：product_query：" in chinese and "keywords" not in chinese
    assert "intent: product_query (keywords: product_query: " in english


def test_the_json_of_a_test_keeps_the_raw_intent_source(tmp_path, capsys):
    _, out, _ = run_main(capsys, "--lang", "zh", "test", str(failing_test_project(tmp_path)), "-k", "wrong",
                         "--format", "json")

    [report] = json.loads(out)["tests"]
    assert report["turns"][0]["result"]["intent_source"] == "keywords"


def test_labels_are_the_raw_values_in_english_and_chinese_under_chinese(chinese):
    assert [intent_source_label(s) for s in ("keywords", "llm", "fallback", "opening", "new")] == \
        ["关键词", "LLM", "兜底", "开场", "new"]
    assert [llm_purpose_label(p) for p in ("intent", "sales_stage", "generate")] == \
        ["意图", "销售阶段", "生成回复"]
    i18n.set_language("en")
    assert intent_source_label("keywords") == "keywords" and llm_purpose_label("sales_stage") == "sales_stage"


def test_a_broken_log_line_says_what_json_found_in_chinese(tmp_path, capsys):
    log = tmp_path / "chat.jsonl"
    log.write_text('{"conversation": "a", "text": "你好"}\nnot json\n{"conversation": "b" "text": "x"}\n',
                   encoding="utf-8")
    _, chinese, _ = run_main(capsys, "--lang", "zh", "replay", str(log))
    _, english, _ = run_main(capsys, "--lang", "en", "replay", str(log))

    assert "chat.jsonl:2: 不是 JSON：第 1 列 此处应为一个值" in chinese
    assert "chat.jsonl:3: 不是 JSON：第 22 列 此处应为逗号“,”" in chinese
    assert "Expecting" not in chinese
    assert "chat.jsonl:2: not JSON: Expecting value at column 1" in english


def test_a_broken_knowledge_file_is_explained_in_chinese(chinese, tmp_path):
    broken = tmp_path / "products.json"
    broken.write_text('{"categories": {"手机": {"brands": {}},}}', encoding="utf-8")
    _document, _knowledge, problems = read_document(broken, tmp_path)

    [problem] = problems
    assert problem.code == "K100"
    assert problem.message == "JSON 格式无效：此处应为用双引号括起的属性名"


def test_a_file_that_cannot_be_written_says_why_in_chinese(tmp_path, capsys):
    project = copy_sample(tmp_path / "project")
    (tmp_path / "a_file").write_text("", encoding="utf-8")
    into = tmp_path / "a_file" / "tests"
    explore = ("explore", str(project), "--depth", "1", "--write-tests", str(into))
    _, _, chinese = run_main(capsys, "--lang", "zh", *explore)
    _, _, english = run_main(capsys, "--lang", "en", *explore)
    _, _, export = run_main(capsys, "--lang", "zh", "knowledge", "export", str(project),
                            str(tmp_path / "missing" / "k.csv"))

    assert chinese == f"rule-studio explore：无法把测试写入 {into}：路径中有一部分不是文件夹\n"
    assert english == f"rule-studio explore: cannot write tests into {into}: Not a directory\n"
    assert f"无法写入 {tmp_path / 'missing' / 'k.csv'}：文件或文件夹不存在" in export


def test_the_os_reasons_are_the_systems_words_in_english(tmp_path):
    from studio.files import reason_of
    try:
        (tmp_path / "nowhere" / "x").read_text()
    except OSError as error:
        assert reason_of(error) == "No such file or directory"


def test_a_broken_conversation_test_says_what_yaml_found_in_chinese(tmp_path, capsys):
    project = copy_sample(tmp_path / "project")
    (project / "conversations" / "broken.yaml").write_text(
        "name: 坏的\nturns:\n  - user: 你好\n    expect: {rule: greet\n", encoding="utf-8")
    _, chinese, _ = run_main(capsys, "--lang", "zh", "test", str(project), "-k", "broken")
    _, english, _ = run_main(capsys, "--lang", "en", "test", str(project), "-k", "broken")

    assert "不是有效的 YAML：此处应为“,”或“}”，实际是 '<stream end>'" in chinese
    assert "not valid YAML: expected ',' or '}', but got '<stream end>'" in english


def test_a_tab_in_a_yaml_knowledge_file_is_explained_in_chinese(chinese, tmp_path):
    broken = tmp_path / "products.yaml"
    broken.write_text("categories:\n\t手机: {}\n", encoding="utf-8")
    _document, _knowledge, problems = read_document(broken, tmp_path)

    [problem] = problems
    assert problem.code == "K100"
    assert problem.message == "YAML 格式无效：字符 '\\t' 不能出现在这里"


def test_diff_names_where_a_conversation_comes_from_in_chinese(tmp_path, capsys):
    before = copy_sample(tmp_path / "before")
    after = copy_sample(tmp_path / "after")
    rules = after / "rules" / "ecommerce.dsl"
    rules.write_text(rules.read_text(encoding="utf-8").replace("导购李销售", "导购王销售"), encoding="utf-8")
    _, chinese, _ = run_main(capsys, "--lang", "zh", "diff", str(after), "--against", str(before))
    _, as_json, _ = run_main(capsys, "--lang", "zh", "diff", str(after), "--against", str(before), "--json")
    _, plain, _ = run_main(capsys, "--lang", "en", "diff", str(after), "--against", str(before))

    assert "\n测试：phone_purchase.yaml 开场轮：回复 " in chinese
    assert "\n探索：restart_shopping 开场轮：" in chinese
    assert "test:phone_purchase.yaml" not in chinese
    assert "test:phone_purchase.yaml" in [change["source"] for change in json.loads(as_json)["changed"]]
    assert "\ntest:phone_purchase.yaml opening turn: reply " in plain


def test_a_spreadsheet_cell_that_is_not_json_is_explained_in_chinese(tmp_path, capsys):
    project = copy_sample(tmp_path / "project")
    table = tmp_path / "k.csv"
    run_main(capsys, "knowledge", "export", str(project), str(table))
    with table.open("a", encoding="utf-8") as rows:
        rows.write("手机,智能手机,📱,,新品牌,,,100,500,X1,,,,,{颜色\n")
    dry_run = ("knowledge", "import", str(project), str(table), "--dry-run")
    _, _, chinese = run_main(capsys, "--lang", "zh", *dry_run)
    _, _, english = run_main(capsys, "--lang", "en", *dry_run)

    assert "series_attributes：不是 JSON 对象：此处应为用双引号括起的属性名（第 1 行第 2 列）" in chinese
    assert "series_attributes: not a JSON object: Expecting property name enclosed in double quotes: " \
           "line 1 column 2 (char 1)" in english


def test_a_file_that_is_not_a_workbook_is_told_in_chinese(tmp_path, capsys):
    fake = tmp_path / "knowledge.xlsx"
    fake.write_text("category,brand\n手机,华为\n", encoding="utf-8")
    _, _, chinese = run_main(capsys, "--lang", "zh", "knowledge", "import", str(copy_sample(tmp_path / "p")),
                             str(fake), "--dry-run")
    _, replayed, _ = run_main(capsys, "--lang", "zh", "replay", str(fake))

    assert "不是 Excel 工作簿（.xlsx）：文件不是 zip 压缩格式" in chinese
    assert "不是 Excel 工作簿（.xlsx）：文件不是 zip 压缩格式" in replayed
    assert "zip file" not in chinese + replayed
