"""`rule-studio check` and the command line in Chinese, through the real CLI.

The words change with the language; the codes, the positions, the JSON keys and
the names from the project's files never do.
"""
from __future__ import annotations

import json
import re

import pytest

from studio.project import Project
from tests.cli.helpers import copy_sample, rule_studio
from tests.i18n.cli_helpers import run_main

HAN = re.compile(r"[\u4e00-\u9fff]")
DIAGNOSTIC_LINE = re.compile(r"^(?P<where>[^:\n]+:\d+:\d+): \S+ (?P<code>[EWIK]\d{3}) (?P<message>.*)$", re.M)

# A brand typo the knowledge knows as 华为: E200 with a did-you-mean.
TYPO_RULE = """
RULE typo_brand PRIORITY 5
WHEN USER_MENTION_ANY "华维手机"
THEN ADD_TO_CHAIN brand "华维"
     RESPOND "好的"
"""


@pytest.fixture
def typo_project(tmp_path):
    project = copy_sample(tmp_path / "project")
    rules = project / "rules" / "ecommerce.dsl"
    rules.write_text(rules.read_text(encoding="utf-8") + TYPO_RULE, encoding="utf-8")
    return project




def diagnostics(text: str) -> list[tuple[str, str, str]]:
    return [(m["where"], m["code"], m["message"]) for m in DIAGNOSTIC_LINE.finditer(text)]


def test_check_in_chinese_keeps_the_codes_and_positions_of_english(typo_project, capsys):
    code_zh, out_zh, _ = run_main(capsys, "--lang", "zh", "check", str(typo_project))
    code_en, out_en, _ = run_main(capsys, "check", str(typo_project), "--lang", "en")

    assert code_zh == code_en == 1
    found_zh, found_en = diagnostics(out_zh), diagnostics(out_en)
    assert [(where, code) for where, code, _ in found_zh] == [(where, code) for where, code, _ in found_en]
    [(where, code, message)] = [d for d in found_zh if d[1] == "E200"]
    assert where.startswith("rules/ecommerce.dsl:")
    assert "未知品牌" in message and "华维" in message and "华为" in message and "unknown" not in message
    assert "error E200" in out_en and "错误 E200" in out_zh
    assert out_zh.strip().splitlines()[-1] == "1 个错误，0 个警告，0 条提示"
    assert out_en.strip().splitlines()[-1] == "1 error, 0 warnings, 0 info"


def test_check_json_has_the_same_keys_and_codes_in_both_languages(typo_project, capsys):
    _, out_zh, _ = run_main(capsys, "--lang=zh", "check", "--format", "json", str(typo_project))
    _, out_en, _ = run_main(capsys, "--lang=en", "check", "--format", "json", str(typo_project))
    zh, en = json.loads(out_zh), json.loads(out_en)

    assert len(zh) == len(en) > 0
    for chinese, english in zip(zh, en):
        assert list(chinese) == list(english)
        texts = {"message", "suggestion"}
        assert {k: v for k, v in chinese.items() if k not in texts} == {k: v for k, v in english.items()
                                                                      if k not in texts}
    [brand] = [d for d in zh if d["code"] == "E200"]
    assert brand["severity"] == "error" and brand["suggestion"] == "华为"
    assert brand["message"] == "未知品牌“华维”（是否想写“华为”？）"


def test_a_syntax_error_is_told_in_chinese(tmp_path, capsys):
    project = copy_sample(tmp_path / "project")
    (project / "rules" / "broken.dsl").write_text('RULE broken\nWHEN ALWAYS\nTHEN RESPOND "好"\nRULE\n',
                                                  encoding="utf-8")
    code, out, _ = run_main(capsys, "--lang", "zh", "check", str(project))

    assert code == 1
    [(where, _code, message)] = [d for d in diagnostics(out) if d[1] == "E100"]
    assert where == "rules/broken.dsl:4:1"
    assert message == "此处应为 RULE 后的规则名，实际是 文件结尾"


def test_check_help_is_chinese_with_lang_zh(capsys):
    code, out, _ = run_main(capsys, "check", "--help", "--lang", "zh")

    assert code == 0
    assert "解析并检查项目" in out and "把所有建议的修复应用到规则文件" in out and "--fix" in out
    assert "apply every suggested fix" not in out


def test_an_unknown_language_exits_2_and_says_which_are_known(capsys):
    code, out, err = run_main(capsys, "--lang", "fr", "check")

    assert code == 2 and out == ""
    assert "--lang takes zh or en, not 'fr'" in err


def test_rule_studio_lang_gives_chinese_without_lang(typo_project):
    done = rule_studio("check", str(typo_project), env={"RULE_STUDIO_LANG": "zh", "LANG": "en_US.UTF-8"})

    assert done.returncode == 1, done.stderr
    assert "未知品牌“华维”" in done.stdout and "E200" in done.stdout


def test_lang_en_beats_a_chinese_locale(typo_project):
    env = {"RULE_STUDIO_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}
    chinese = rule_studio("check", str(typo_project), env=env)
    english = rule_studio("--lang", "en", "check", str(typo_project), env=env)

    assert "未知品牌" in chinese.stdout   # the locale alone picks Chinese ...
    assert "unknown brand '华维' (did you mean '华为'?)" in english.stdout   # ... and --lang overrides it
    assert not HAN.search(english.stdout.replace("华维", "").replace("华为", ""))


def test_a_project_that_cannot_be_read_is_told_in_chinese(tmp_path, capsys):
    code, _, err = run_main(capsys, "--lang", "zh", "check", str(tmp_path / "nowhere"))

    assert code == 2
    assert err.startswith("rule-studio check：项目文件夹不存在：")


def test_check_fix_tells_each_change_in_chinese(typo_project, capsys):
    code, out, err = run_main(capsys, "--lang", "zh", "check", "--fix", str(typo_project))

    assert code == 0, out
    assert "已修复 rules/ecommerce.dsl:" in err and "'华维' -> '华为'" in err
    assert err.strip().splitlines()[-1] == "已应用 1 处修复"
    assert out.strip().splitlines()[-1] == "0 个错误，0 个警告，0 条提示"


RULES = """INTENT greet "打招呼" KEYWORDS "你好"
RULE fallback PRIORITY 0 WHEN ALWAYS THEN RESPOND "好"
RULE twice WHEN INTENT_IS greet_x THEN RESPOND "x"
RULE twice WHEN INTENT_IS greet THEN RESPOND "y"
RULE slot WHEN USER_MENTIONS brnd THEN RESPOND "z"
"""


def test_the_checks_word_their_findings_in_chinese_around_the_names(chinese, tmp_path):
    project = copy_sample(tmp_path / "project")
    (project / "rules" / "a.dsl").write_text(RULES, encoding="utf-8")
    found = {d.code: d for d in Project.open(project).analyze().diagnostics if d.file == "rules/a.dsl"}

    assert found["E110"].message.startswith("意图“greet_x”未声明")
    assert found["E120"].message == "规则名“twice”重复：首次定义于 rules/a.dsl:3"
    syntax = found["E100"]
    assert syntax.message == "未知的槽位 'brnd'：应为 category, subtype, brand, series, scenario 之一（是否想写 brand？）"
    assert syntax.suggestion == "brand" and syntax.fixes[0].title == "替换为 brand"
    assert (syntax.span.line, syntax.span.column) == (5, 30)
