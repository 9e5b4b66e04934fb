"""The behaviour half in Chinese: W300 from the analysis, the replay and its HTML report, the diff.

Codes, JSON keys and the names from the project stay as they are; the words
around them are Chinese. The analysis keeps no text, so the same cache serves
both languages.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
from html.parser import HTMLParser

from studio import i18n
from studio.analysis.coverage import Analyzer
from studio.checks import check
from studio.cli.main import main
from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.explore.tests_writer import conversation_test_yaml
from studio.project import SAMPLE_PROJECT
from studio.traffic.replay import replay
from studio.versions.compare import read_logs
from tests.analysis.helpers import knowledge, programs
from tests.traffic.logs import INTERLEAVED, write_jsonl
from tests.versions.projects import replace_in, write_project

HAN = re.compile(r"[\u4e00-\u9fff]")

SHADOWED = '''
RULE any_purchase PRIORITY 10
WHEN INTENT_IS product_query
THEN
    RESPOND "想买点什么？"

RULE phone_purchase PRIORITY 5
WHEN INTENT_IS product_query AND USER_MENTIONS category
THEN
    RESPOND "看看手机吧"

RULE fallback
WHEN ALWAYS
THEN
    RESPOND "抱歉"
'''


def chinese_words(text: str, *names: str) -> bool:
    """Whether `text` has Chinese characters besides those of `names`."""
    for name in names:
        text = text.replace(name, "")
    return bool(HAN.search(text))


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def w300(diagnostics) -> list:
    return [d for d in diagnostics if d.code == "W300"]


def test_a_shadowed_rule_is_w300_in_chinese_then_in_english_from_the_same_analysis(chinese):
    analyzer = Analyzer()
    project, kb = programs(SHADOWED), knowledge()
    [found] = w300(check(project, kb, analyzer=analyzer))
    assert found.code == "W300"
    assert "phone_purchase" in found.message and "any_purchase" in found.message
    assert chinese_words(found.message, "phone_purchase", "any_purchase") and "can never fire" not in found.message
    solved = analyzer.groups_analysed

    i18n.set_language("en")
    [again] = w300(check(project, kb, analyzer=analyzer))
    assert analyzer.groups_analysed == solved   # the cached results were reused, worded afresh
    assert "can never fire" in again.message and not chinese_words(again.message)
    english, chinese_json = again.to_json(), found.to_json()
    assert {k: v for k, v in english.items() if k != "message"} == {k: v for k, v in chinese_json.items() if k != "message"}


class Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_lang, self.headings, self._in = None, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")
        self._in = tag if tag in ("h1", "h2", "th") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in and data.strip():
            self.headings.append(data.strip())


def test_a_replay_writes_an_html_report_with_chinese_headings(chinese, tmp_path):
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    (tmp_path / "log.jsonl").write_text(log.read_text(encoding="utf-8") + "{broken\n", encoding="utf-8")
    report = tmp_path / "report.html"
    code, out, err = run_cli("--lang", "zh", "replay", str(log), "--project", str(SAMPLE_PROJECT),
                             "--html", str(report), "--json")
    assert code == 0, err
    assert set(json.loads(out)) >= {"turns", "by_intent", "unhandled", "errors"}   # the keys stay English
    page = Headings()
    page.feed(report.read_text(encoding="utf-8"))
    assert page.html_lang == "zh-CN"
    assert "客户日志回放" in page.headings and "各意图的轮数" in page.headings and "各规则的轮数" in page.headings
    assert any(h.startswith("日志中的错误") for h in page.headings)
    assert not any(re.search(r"Turns per|Rules never|Errors in", h) for h in page.headings)


def test_the_html_report_is_english_again_after_switching_back(chinese, tmp_path):
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED[:4])
    i18n.set_language("en")
    report = tmp_path / "report.html"
    code, _out, err = run_cli("--lang", "en", "replay", str(log), "--project", str(SAMPLE_PROJECT),
                              "--html", str(report))
    assert code == 0, err
    page = Headings()
    page.feed(report.read_text(encoding="utf-8"))
    assert page.html_lang == "en" and "Turns per intent" in page.headings


def test_a_bad_log_line_is_reported_in_chinese_with_its_line_number(chinese, tmp_path):
    log = tmp_path / "log.jsonl"
    log.write_text('{"conversation": "a", "text": "你好"}\n'
                   '{"conversation": "a", "text": \n'
                   '["not", "an", "object"]\n'
                   '{"text": "没有对话"}\n', encoding="utf-8")
    counts = replay(SAMPLE_PROJECT, [log])
    assert [e.line for e in counts.errors] == [2, 3, 4]
    assert all(chinese_words(e.message) for e in counts.errors), [e.message for e in counts.errors]
    assert counts.errors[1].message == "不是 JSON 对象"
    assert "conversation" in counts.errors[2].message   # the field names stay as the log writes them

    _conversations, notes = read_logs([str(log)])
    assert notes[0].startswith(f"{log}:2：") and notes[0].endswith("（已跳过）")


def test_a_replay_in_worker_processes_reports_in_the_callers_language(chinese, tmp_path):
    log = tmp_path / "log.jsonl"
    log.write_text("".join(f'{{"conversation": "c{n}", "text": "你好"}}\n' for n in range(6)) + "[1]\n",
                   encoding="utf-8")
    counts = replay(SAMPLE_PROJECT, [log], workers=2)
    assert [(e.line, e.message) for e in counts.errors] == [(7, "不是 JSON 对象")]


def test_a_diff_against_another_folder_explains_a_changed_conversation_in_chinese(chinese, tmp_path):
    old = write_project(tmp_path / "old")
    new = write_project(tmp_path / "new")
    replace_in(new / "rules" / "shop.dsl", 'RESPOND "好的，看看哪个品牌？"', 'RESPOND "好的，您喜欢哪个品牌？"')
    code, out, err = run_cli("--lang", "zh", "diff", str(new), "--against", str(old))
    assert code == 1, err
    change = next(line for line in out.splitlines() if line.startswith("测试：buy_phone.yaml"))
    assert "您喜欢哪个品牌" in change and chinese_words(change.replace("好的，看看哪个品牌？", "").replace(
        "好的，您喜欢哪个品牌？", "").replace("我想买手机", ""))
    assert "turn" not in change and "reply" not in change

    code, out, err = run_cli("--lang", "zh", "diff", str(new), "--against", str(old), "--json")
    found = json.loads(out)
    assert set(found) == {"against", "commit", "files", "changed", "unchanged"}
    assert found["files"] == [{"file": "rules/shop.dsl", "status": "modified"}]
    [changed] = [c for c in found["changed"] if c["source"] == "test:buy_phone.yaml"]
    assert set(changed) == {"source", "turn", "input", "old", "new"} and changed["turn"] == 1


def test_a_revision_that_does_not_exist_is_refused_in_chinese(chinese, tmp_path):
    project = write_project(tmp_path / "shop")
    code, _out, err = run_cli("--lang", "zh", "diff", str(project), "--against", "no-such-branch")
    assert code == 2
    assert "不在 git 仓库中" in err and "--against DIR" in err


def test_a_written_test_says_in_chinese_how_it_was_found(chinese):
    assistant = Assistant(RuleBase.build(programs(SHADOWED)), knowledge())
    last = assistant.turn(assistant.new_context(), "我想买")
    text = conversation_test_yaml("any_purchase", ("我想买",), last)
    first, *rest = text.splitlines()
    assert first.startswith("# ") and chinese_words(first, "any_purchase") and "any_purchase" in first
    assert rest[0] == 'name: "explore: any_purchase"' and rest[1] == "turns:"
    assert 'expect: {rule: "any_purchase"' in text
