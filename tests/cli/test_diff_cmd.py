"""`rule-studio diff`: the behaviour of the project on disk against a git revision or another folder."""
from __future__ import annotations

import contextlib
import io
import json

import pytest

from studio.cli import chat_cmd
from studio.cli.main import main
from tests.cli.helpers import rule_studio
from tests.versions.projects import commit_all, init_repo, project_in_repo, replace_in, write_project

TURN_KEYS = {"input", "reply", "intent", "intent_source", "rule", "stage", "sales_stage", "product_chain", "context"}


def diff(*args: str) -> tuple[int, str, str]:
    """`rule-studio diff ...` through `main`, capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["diff", *args])
    return code, out.getvalue(), err.getvalue()


def chat_json(project, *messages: str) -> list[dict]:
    out, err = io.StringIO(), io.StringIO()
    code = chat_cmd.run(str(project), "off", True, io.StringIO("\n".join(messages) + "\n"), out, err)
    assert code == 0, err.getvalue()
    return [json.loads(line) for line in out.getvalue().splitlines()]


def all_files(root) -> dict:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("sub", ["", "team/shop"])
def test_an_unchanged_project_exits_0_with_nothing_changed(tmp_path, sub):
    project = project_in_repo(tmp_path, sub)
    code, out, err = diff(str(project), "--json")
    data = json.loads(out)
    assert code == 0, err
    assert set(data) >= {"against", "files", "changed", "unchanged"}
    assert data["against"] == "HEAD" and data["files"] == [] and data["changed"] == []
    assert data["unchanged"] > 1


def test_a_keyword_change_lists_the_test_at_its_first_differing_turn_with_chat_json_turns(tmp_path):
    project = project_in_repo(tmp_path, "shop")
    replace_in(project / "rules" / "shop.dsl", 'KEYWORDS "你好"', 'KEYWORDS "您好"')

    code, out, _ = diff(str(project), "--json")
    data = json.loads(out)

    assert code == 1
    assert data["files"] == [{"file": "rules/shop.dsl", "status": "modified"}]
    change = next(c for c in data["changed"] if c["source"] == "test:buy_phone.yaml")
    assert set(change) == {"source", "turn", "input", "old", "new"}
    assert change["turn"] == 0 and change["input"] == "你好"
    assert set(change["old"]) == set(change["new"]) == TURN_KEYS
    assert change["new"] == chat_json(project, "你好")[0]   # exactly what `chat --json` prints
    assert (change["old"]["rule"], change["new"]["rule"]) == ("greet", "fallback")


def test_the_text_output_reads_like_a_review_of_the_differing_fields(tmp_path):
    project = project_in_repo(tmp_path)
    replace_in(project / "rules" / "shop.dsl", 'KEYWORDS "你好"', 'KEYWORDS "您好"')

    code, out, _ = diff(str(project))

    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("against HEAD (")
    assert "  modified rules/shop.dsl" in lines
    assert ('test:buy_phone.yaml turn 1 "你好": intent greeting → (none); rule greet → fallback; '
            'stage category_select → welcome; reply "您好，想看看手机吗？" → "抱歉，我没听懂。"') in lines
    assert lines[-1].endswith("unchanged") and "conversation(s) changed" in lines[-1]


def test_undoing_the_change_gives_exit_0_again(tmp_path):
    project = project_in_repo(tmp_path)
    dsl = project / "rules" / "shop.dsl"
    replace_in(dsl, "您好，想看看手机吗？", "欢迎光临！")
    assert diff(str(project))[0] == 1
    replace_in(dsl, "欢迎光临！", "您好，想看看手机吗？")
    assert diff(str(project))[0] == 0


def test_against_an_older_revision(tmp_path):
    project = project_in_repo(tmp_path, "shop")
    replace_in(project / "rules" / "shop.dsl", "您好，想看看手机吗？", "欢迎光临！")
    commit_all(project.parent, "new greeting")

    assert diff(str(project))[0] == 0
    code, out, _ = diff(str(project), "--against", "HEAD~1", "--json")
    change = json.loads(out)["changed"][0]
    assert code == 1 and change["turn"] == 0
    assert (change["old"]["reply"], change["new"]["reply"]) == ("您好，想看看手机吗？", "欢迎光临！")


def test_against_another_folder(tmp_path):
    old = write_project(tmp_path / "old")
    new = write_project(tmp_path / "new")
    (new / "conversations" / "buy_phone.yaml").unlink()
    replace_in(new / "rules" / "shop.dsl", "的手机很受欢迎", "的手机卖得很好")

    code, out, _ = diff(str(new), "--against", str(old), "--json")
    data = json.loads(out)

    assert code == 1
    assert data["against"] == str(old)
    assert data["files"] == [{"file": "conversations/buy_phone.yaml", "status": "deleted"},
                             {"file": "rules/shop.dsl", "status": "modified"}]
    change = next(c for c in data["changed"] if c["source"] == "test:buy_phone.yaml")
    assert change["turn"] == 2 and change["input"] == "华为的"
    assert change["old"] == chat_json(old, "你好", "我想买手机", "华为的")[2]
    assert change["new"] == chat_json(new, "你好", "我想买手机", "华为的")[2]


def test_the_conversations_of_a_log_are_replayed_too(tmp_path):
    old = write_project(tmp_path / "old", test=None)
    new = write_project(tmp_path / "new", test=None)
    replace_in(new / "rules" / "shop.dsl", "抱歉，我没听懂。", "请再说一遍？")
    log = tmp_path / "chat.jsonl"
    log.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in [
        {"conversation": "c1", "role": "user", "text": "你好"},
        {"conversation": "c1", "role": "assistant", "text": "您好"},
        {"conversation_id": "c1", "message": "随便聊聊"},
        {"conversation": "c2", "text": "你好"},
    ]) + "\nnot json\n", encoding="utf-8")

    code, out, err = diff(str(new), "--against", str(old), "--logs", str(log), "--json")

    sources = {c["source"]: c for c in json.loads(out)["changed"]}
    assert code == 1
    assert sources[f"log:{log}:c1"]["turn"] == 1 and sources[f"log:{log}:c1"]["input"] == "随便聊聊"
    assert f"log:{log}:c2" not in sources   # its one turn never reaches the fallback
    assert f"{log}:5:" in err   # the line that is not JSON is named and skipped


def test_an_explored_conversation_that_changes_is_named_by_its_rule(tmp_path):
    old = write_project(tmp_path / "old", test=None)
    new = write_project(tmp_path / "new", test=None)
    replace_in(new / "rules" / "shop.dsl", "好的，看看哪个品牌？", "哪个品牌？")
    code, out, _ = diff(str(new), "--against", str(old), "--json")
    assert code == 1
    assert "explore:pick_category" in [c["source"] for c in json.loads(out)["changed"]]


@pytest.mark.parametrize("setup, against, message", [
    ("repo", "no-such-rev", "no revision 'no-such-rev'"),
    ("empty_repo", None, "no commits yet"),
    ("no_repo", None, "not inside a git repository"),
    ("repo", "NOT_A_PROJECT", "not a project folder"),
    ("broken_new", None, "does not parse"),
    ("broken_old", None, "does not parse"),
])
def test_bad_input_exits_2_with_a_clear_message_and_writes_nothing(tmp_path, setup, against, message):
    if setup == "empty_repo":
        project = write_project(init_repo(tmp_path / "repo"))
    elif setup == "no_repo":
        project = write_project(tmp_path / "loose")
    else:
        project = project_in_repo(tmp_path)
    if setup == "broken_new":
        replace_in(project / "rules" / "shop.dsl", "RULE fallback\nWHEN ALWAYS", "RULE fallback\nWHEN")
    if setup == "broken_old":
        replace_in(project / "rules" / "shop.dsl", "RULE fallback\nWHEN ALWAYS", "RULE fallback\nWHEN")
        commit_all(project, "broken")
        replace_in(project / "rules" / "shop.dsl", "RULE fallback\nWHEN", "RULE fallback\nWHEN ALWAYS")
    if against == "NOT_A_PROJECT":
        (tmp_path / "notes").mkdir()
        against = str(tmp_path / "notes")
    before = all_files(tmp_path)

    code, out, err = diff(str(project), *(["--against", against] if against else []), "--json")

    assert code == 2 and out == ""
    assert err.startswith("rule-studio diff: ") and message in err
    assert "Traceback" not in err
    assert all_files(tmp_path) == before


def test_a_project_folder_that_does_not_exist_exits_2(tmp_path):
    code, _, err = diff(str(tmp_path / "missing"))
    assert code == 2 and "no such project folder" in err


def test_the_installed_command_runs_diff_on_the_sample_project_unchanged_against_itself():
    from tests.cli.helpers import REPO
    result = rule_studio("diff", str(REPO), "--against", str(REPO), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["changed"] == [] and data["files"] == [] and data["unchanged"] > 30


def test_a_path_that_is_neither_a_folder_nor_a_revision_says_both(tmp_path):
    project = project_in_repo(tmp_path)
    missing = str(tmp_path / "gone" / "before")   # not "../before": that resolves from wherever the run is
    code, _, err = diff(str(project), "--against", missing)
    assert code == 2 and f"no revision '{missing}'" in err and f"no folder {missing}" in err


LLM_TEST = "name: 大模型\nllm: auto\nturns:\n  - user: 你好\n  - user: 我想买个手机\n"


def recorded_project(root, tmp_path, greeting_answer: str):
    """A project whose `llm: auto` test was recorded with a model that reads "你好" as `greeting_answer`."""
    from tests.llm.fake_openai_server import reply
    from tests.llm.test_cassette import record

    project = write_project(root, test=None)
    (project / "conversations" / "llm.yaml").write_text(LLM_TEST, encoding="utf-8")
    answers = {"你好": greeting_answer, "我想买个手机": "product_query"}
    result, _ = record(project, tmp_path,
                       responder=lambda body: reply(answers[body["messages"][-1]["content"].rsplit("：", 1)[-1]]))
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert (project / "conversations" / "llm.cassette.json").is_file()
    return project


def test_diff_replays_each_versions_cassette_for_a_test_with_llm_auto(tmp_path):
    old = recorded_project(tmp_path / "old", tmp_path, "greeting")
    new = recorded_project(tmp_path / "new", tmp_path, "product_query")   # same files, other recorded answers

    code, out, err = diff(str(new), "--against", str(old), "--json")
    data = json.loads(out)

    assert code == 1, err
    assert data["files"] == []   # a cassette is not a rule, knowledge or test file
    change = next(c for c in data["changed"] if c["source"] == "test:llm.yaml")
    assert change["turn"] == 0
    assert (change["old"]["intent"], change["old"]["intent_source"], change["old"]["rule"]) == ("greeting", "llm", "greet")
    assert (change["new"]["intent"], change["new"]["intent_source"]) == ("product_query", "llm")
    assert data["unchanged"] >= 1   # the explorer's conversations run offline, as before


def test_a_broken_cassette_on_either_side_exits_2(tmp_path):
    old = recorded_project(tmp_path / "old", tmp_path, "greeting")
    new = write_project(tmp_path / "new", test=None)
    (new / "conversations" / "llm.yaml").write_text(LLM_TEST, encoding="utf-8")
    (new / "conversations" / "llm.cassette.json").write_text("{oops", encoding="utf-8")

    code, out, err = diff(str(new), "--against", str(old))

    assert code == 2 and out == ""
    assert "conversations/llm.cassette.json:1:2: not valid JSON" in err


def test_diff_against_a_revision_replays_the_cassette_committed_there(tmp_path):
    repo = init_repo(tmp_path / "repo")
    project = recorded_project(repo / "shop", tmp_path, "greeting")
    commit_all(repo, "recorded")
    assert diff(str(project))[0] == 0
    recorded_project(project, tmp_path, "product_query")   # re-recorded, not committed

    code, out, _ = diff(str(project), "--json")
    change = next(c for c in json.loads(out)["changed"] if c["source"] == "test:llm.yaml")

    assert code == 1 and change["turn"] == 0
    assert (change["old"]["intent"], change["new"]["intent"]) == ("greeting", "product_query")
