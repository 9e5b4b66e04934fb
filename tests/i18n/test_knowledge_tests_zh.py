"""Knowledge and conversation-test messages in Chinese: codes, places, names and expected texts stay as written."""
import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from studio.cli.main import main
from studio.conversations.runner import load_tests
from studio.knowledge import load_knowledge
from studio.project import Project

REPO = Path(__file__).resolve().parents[2]
HAN = re.compile("[\u4e00-\u9fff]")

# A brand whose price range is upside down, and a series object with a name that is not text.
BAD_KNOWLEDGE = """{
  "categories": {
    "手机": {
      "brands": {
        "苹果": {"price_range": [7999, 5999], "series": [{"name": 16}]}
      }
    }
  }
}
"""

# `sales_stage` must be a whole number; line 5 holds the wrong one.
WRONG_TYPE_TEST = """name: 类型错误
turns:
  - user: 我想买个手机
    expect:
      sales_stage: 两
"""

FAILING_TEST = """name: 一定失败的问候
turns:
  - user: 你好
    expect:
      reply_contains: 这句话不会出现
"""


@pytest.fixture
def project(tmp_path):
    for folder in ("rules", "knowledge", "conversations"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def knowledge_diagnostics(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(BAD_KNOWLEDGE, encoding="utf-8")
    _, diagnostics, _ = load_knowledge([path], tmp_path)
    return [(d.code, d.span.line, d.span.column, d.message) for d in diagnostics]


def failing_row_csv(project, tmp_path):
    """The sample exported as CSV, with row 2's series maximum price made text."""
    source = tmp_path / "k.csv"
    assert main(["knowledge", "export", str(project), str(source)]) == 0
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    rows[1][rows[0].index("series_price_max")] = "abc"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    source.write_text(buffer.getvalue(), encoding="utf-8")
    return source


def wrong_type_errors(project):
    (project / "conversations" / "wrong_type.yaml").write_text(WRONG_TYPE_TEST, encoding="utf-8")
    _, errors = load_tests(Project.open(project).analyze())
    return [str(error) for error in errors]


def run_failing_test(project, capsys, *language):
    (project / "conversations" / "zz_failing.yaml").write_text(FAILING_TEST, encoding="utf-8")
    code = main([*language, "test", str(project), "-k", "zz_failing"])
    return code, capsys.readouterr().out


def test_a_malformed_knowledge_file_gives_chinese_reasons_with_the_same_codes_and_places(tmp_path, chinese):
    from studio import i18n
    i18n.set_language("en")
    english = knowledge_diagnostics(tmp_path)
    i18n.set_language("zh")
    chinese_ones = knowledge_diagnostics(tmp_path)
    assert [d[:3] for d in chinese_ones] == [d[:3] for d in english]
    assert {d[0] for d in chinese_ones} == {"K110"}
    messages = [d[3] for d in chinese_ones]
    assert any("最低价 7999 大于最高价 5999" in m and "苹果" in m for m in messages), messages
    assert "品类“手机”的品牌“苹果”：系列必须是文本" in messages
    assert all(HAN.search(m) for m in messages)


def test_unparsable_knowledge_is_k100_in_chinese_at_the_same_place(tmp_path, chinese):
    path = tmp_path / "broken.json"
    path.write_text('{"categories": {\n  "手机": [1,, 2]\n}}\n', encoding="utf-8")
    _, diagnostics, _ = load_knowledge([path], tmp_path)
    (diagnostic,) = diagnostics
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.column) == ("K100", 2, 12)
    assert diagnostic.message.startswith("JSON 格式无效：")


def test_a_knowledge_import_with_a_bad_row_names_the_row_in_chinese(project, tmp_path, capsys, chinese):
    source = failing_row_csv(project, tmp_path)
    capsys.readouterr()
    before = (project / "knowledge" / "products.json").read_bytes()
    assert main(["--lang", "zh", "knowledge", "import", str(project), str(source)]) == 1
    err = capsys.readouterr().err
    assert "第 2 行，series_price_min：价格区间（price_range）必须是两个整数（实际为 '5999' 和 'abc'）" in err
    assert (project / "knowledge" / "products.json").read_bytes() == before


def test_a_failing_conversation_test_explains_itself_in_chinese(project, capsys, chinese):
    code, out = run_failing_test(project, capsys, "--lang", "zh")
    assert code == 1
    assert "一定失败的问候" in out   # the test's name, as written
    assert "reply_contains：期望 '这句话不会出现'，实际 '" in out   # the key and expected text, as written
    assert "expected" not in out


def test_a_test_file_with_a_wrong_type_is_a_chinese_message_at_its_line(project, chinese):
    (error,) = wrong_type_errors(project)
    assert error.startswith("conversations/wrong_type.yaml:5:20: ")
    assert "第 1 轮：expect.sales_stage 必须是 介于 1 到 1,000,000,000 之间的整数，不能是 '两'" in \
        error


def test_the_same_texts_are_english_without_the_fixture(project, tmp_path, capsys):
    messages = [d[3] for d in knowledge_diagnostics(tmp_path)]
    assert any("price_range min 7999 is greater than max 5999" in m for m in messages), messages
    source = failing_row_csv(project, tmp_path)
    capsys.readouterr()
    assert main(["knowledge", "import", str(project), str(source)]) == 1
    assert "row 2, series_price_min: price_range must hold two whole numbers (got '5999' and 'abc')" in \
        capsys.readouterr().err
    code, out = run_failing_test(project, capsys)
    assert code == 1 and "reply_contains: expected '这句话不会出现', got '" in out
    (error,) = wrong_type_errors(project)
    assert error == ("conversations/wrong_type.yaml:5:20: turn 1: expect.sales_stage must be a whole number "
                     "from 1 to 1,000,000,000, not '两'")
    assert "brand '苹果' of '手机': series must be a string" in messages


def test_why_a_file_cannot_be_saved_follows_a_language_switch(tmp_path, chinese):
    from studio import i18n
    from studio.knowledge import KnowledgeSaveError
    path = tmp_path / "broken.json"
    path.write_text('{"categories": [}', encoding="utf-8")
    knowledge, _, (document,) = load_knowledge([path], tmp_path)
    assert document.problem == "它不是有效的 JSON"
    i18n.set_language("en")
    assert document.problem == "it is not valid JSON"
    i18n.set_language("zh")
    with pytest.raises(KnowledgeSaveError, match="未保存 broken.json：它不是有效的 JSON"):
        document.save(knowledge)
