"""`rule-studio replay`: the same figures from JSON Lines, CSV and XLSX, equal to `chat --json` per conversation."""
from __future__ import annotations

import contextlib
import io
import json
from collections import Counter

import pytest

from studio.cli.main import main
from studio.cli.replay_cmd import run
from studio.project import SAMPLE_PROJECT
from tests.cli.helpers import REPO, copy_sample, rule_studio
from tests.traffic.logs import INTERLEAVED, write_csv, write_jsonl, write_xlsx

KEYS = {"turns", "conversations", "no_intent", "fallback", "empty_reply", "by_intent", "by_rule", "never_fired",
        "unhandled", "errors"}


def replay(*args: str) -> tuple[int, str, str]:
    """`rule-studio replay ...` through `main`, capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["replay", *args])
    return code, out.getvalue(), err.getvalue()


def chat_figures(pairs) -> dict:
    """The figures, from one real `rule-studio chat --json` process per conversation."""
    conversations = list(dict.fromkeys(c for c, _ in pairs))
    turns, openings = [], []
    for conversation in conversations:
        stdin = "".join(text + "\n" for c, text in pairs if c == conversation)
        result = rule_studio("chat", "--json", stdin=stdin)
        assert result.returncode == 0, result.stderr
        printed = [json.loads(line) for line in result.stdout.splitlines()]
        openings += [turn for turn in printed if turn["input"] is None]   # the assistant's opening turn
        turns += [turn for turn in printed if turn["input"] is not None]
    fallback = [t for t in turns if t["rule"] in (None, "fallback")]   # the sample's one ALWAYS rule
    return {"turns": len(turns), "conversations": len(conversations),   # customer messages only
            "no_intent": sum(t["intent"] is None for t in turns), "fallback": len(fallback),
            "empty_reply": sum(not t["reply"] for t in turns),
            "by_intent": dict(Counter(t["intent"] or "" for t in turns)),
            "by_rule": dict(Counter(t["rule"] for t in turns + openings if t["rule"]))}   # openings answered too


def test_the_three_formats_print_the_same_figures_as_chat_json_per_conversation(tmp_path):
    logs = [write_jsonl(tmp_path / "log.jsonl", INTERLEAVED), write_csv(tmp_path / "log.csv", INTERLEAVED),
            write_xlsx(tmp_path / "log.xlsx", INTERLEAVED)]
    reports = []
    for log in logs:
        result = rule_studio("replay", str(log), "--json", "--workers", "1")
        assert result.returncode == 0 and result.stderr == "", result.stderr   # no progress bar off a terminal
        reports.append(json.loads(result.stdout))
    assert reports[0] == reports[1] == reports[2]
    report = reports[0]
    assert set(report) == KEYS
    assert {key: report[key] for key in chat_figures(INTERLEAVED)} == chat_figures(INTERLEAVED)
    assert report["errors"] == []
    assert report["unhandled"][0] == {"text": "快递几天能到", "count": 2, "examples": ["快递几天能到", "快递几天能到啊"]}
    assert "checkout" in report["by_rule"] and "not_now" in report["never_fired"]


def test_two_workers_print_what_one_prints(tmp_path):
    log = tmp_path / "log.jsonl"
    log.write_text((REPO / "resources/sample_logs/customer_chats.jsonl").read_text(encoding="utf-8") + "[]\n",
                   encoding="utf-8")
    one = replay(str(log), "--json", "--workers", "1")
    two = replay(str(log), "--json", "--workers", "2")
    assert one[0] == two[0] == 0
    assert json.loads(one[1]) == json.loads(two[1])
    assert json.loads(one[1])["errors"] == [{"file": str(log), "line": 271, "message": "not a JSON object"}]


def test_text_summary_tells_the_figures_never_fired_groups_and_errors(tmp_path):
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    with log.open("a", encoding="utf-8") as f:
        f.write("{broken\n")
    code, out, err = replay(str(log), "--workers", "1")
    assert code == 0, err
    assert out.startswith(f"{len(INTERLEAVED)} turns in 3 conversations from 1 log file(s)\n")
    assert "  no intent" in out and "  fallback" in out and "  empty reply" in out
    assert "never fired (" in out and "not_now" in out
    assert "快递几天能到   (also: 快递几天能到啊)" in out
    assert f"{log}:{len(INTERLEAVED) + 1}: not JSON" in out


def test_html_report_is_written(tmp_path):
    log = write_csv(tmp_path / "log.csv", INTERLEAVED)
    report = tmp_path / "report.html"
    code, out, err = replay(str(log), "--workers", "1", "--html", str(report), "--json")
    assert code == 0, err
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "快递几天能到" in page
    assert f">{json.loads(out)['turns']}<" in page


def test_another_project_is_named_with_project(tmp_path):
    project = copy_sample(tmp_path / "shop")
    rules = project / "rules" / "ecommerce.dsl"
    rules.write_text(rules.read_text(encoding="utf-8").replace("RULE checkout", "RULE pay_now"), encoding="utf-8")
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    code, out, err = replay(str(log), "--project", str(project), "--json", "--workers", "1")
    assert code == 0, err
    assert json.loads(out)["by_rule"]["pay_now"] == 1


@pytest.mark.parametrize("args, says", [
    (["missing.jsonl"], "no such log file: missing.jsonl"),
    (["notes.txt"], "not a log file we read"),
    (["{log}", "--project", "no/such/folder"], "no such project folder"),
    (["{log}", "--workers", "0"], "--workers must be 1 or more"),
    (["{folder}"], "is not a regular file"),
    (["{log}", "--html", "{tmp}/no/such/dir/report.html"], "cannot write"),
])
def test_what_cannot_run_exits_2_with_a_reason(tmp_path, args, says):
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED[:2])
    (tmp_path / "folder.jsonl").mkdir()
    (tmp_path / "notes.txt").write_text("hi", encoding="utf-8")
    values = {"log": str(log), "folder": str(tmp_path / "folder.jsonl"), "tmp": str(tmp_path)}
    args = [arg.format(**values) for arg in args]
    with contextlib.chdir(tmp_path):
        code, out, err = replay(*args, "--workers", "1") if "--workers" not in args else replay(*args)
    assert code == 2 and out == ""
    assert says in err and "Traceback" not in err


def test_replay_without_a_log_is_a_usage_error():
    result = rule_studio("replay")
    assert result.returncode == 2 and "LOG" in result.stderr


def test_the_scheduler_path_runs_on_a_local_cluster_from_the_command_line(tmp_path):
    distributed = pytest.importorskip("distributed")
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    local = json.loads(replay(str(log), "--json", "--workers", "1")[1])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        result = rule_studio("replay", str(log), "--json", "--scheduler", cluster.scheduler_address)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == local


def test_an_unreachable_scheduler_exits_2(tmp_path):
    pytest.importorskip("distributed")
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED[:2])
    out, err = io.StringIO(), io.StringIO()
    code = run([str(log)], str(SAMPLE_PROJECT), None, True, None, "tcp://127.0.0.1:1", out, err,
               scheduler_timeout_s=1)
    assert code == 2 and "cannot use the Dask scheduler at tcp://127.0.0.1:1" in err.getvalue()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_goes_to_stderr_only_when_it_is_a_terminal(tmp_path):
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    for err, shown in ((Terminal(), True), (io.StringIO(), False)):
        code = run([str(log)], str(SAMPLE_PROJECT), 1, True, None, None, io.StringIO(), err)
        assert code == 0
        assert ("replaying" in err.getvalue() and " turns" in err.getvalue()) is shown
        assert shown or err.getvalue() == ""


def test_small_logs_replay_in_this_process_unless_workers_are_asked_for(tmp_path, monkeypatch):
    import studio.cli.replay_cmd as replay_cmd
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    assert replay_cmd._workers_for([str(log)]) == 1
    monkeypatch.setattr(replay_cmd, "SMALL_LOGS_BYTES", 10)
    assert replay_cmd._workers_for([str(log)]) == replay_cmd.default_workers()
