import io
import json
import shutil

from studio.cli.explore_cmd import run
from studio.cli.main import main
from tests.cli.helpers import REPO, copy_sample, rule_studio
from tests.explore.small_projects import write_project
from tests.explore.test_search import SHOP


def explore(*args: str) -> tuple[int, str, str]:
    """`rule-studio explore ...` through `main`, capturing its output."""
    import contextlib
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["explore", *args])
    return code, out.getvalue(), err.getvalue()


def test_json_has_exactly_the_documented_shape(tmp_path):
    project = write_project(tmp_path / "p", SHOP)
    code, out, _ = explore(str(project), "--json", "--depth", "4")
    data = json.loads(out)
    assert code == 0
    assert {"depth", "states", "rules", "stages", "edges"} <= set(data)
    assert data["depth"] == 4 and isinstance(data["states"], int) and data["states"] > 1
    assert data["rules"]["greet"] == {"reached": True, "conversation": ["你好"]}
    assert data["rules"]["stuck_in_limbo"] == {"reached": False, "conversation": None}
    assert data["stages"]["welcome"] == {"reached": True, "conversation": []}
    assert data["stages"]["limbo"] == {"reached": False, "conversation": None}
    assert ["welcome", "category_select", "greet"] in data["edges"]
    assert all(len(edge) == 3 for edge in data["edges"])


def test_sample_conversations_replay_through_the_real_chat_command():
    result = rule_studio("explore", "--json")
    assert result.returncode == 0, result.stderr
    rules = json.loads(result.stdout)["rules"]
    longest = max(rules, key=lambda name: len(rules[name]["conversation"]))
    for name in ("category_and_brand_at_once", longest):
        conversation = rules[name]["conversation"]
        chat = rule_studio("chat", "--json", stdin="\n".join(conversation) + "\n")
        opening, *turns = [json.loads(line) for line in chat.stdout.splitlines()]
        assert opening["input"] is None   # the sample's opening turn comes first, and is not in the conversation
        assert len(turns) == len(conversation)
        assert turns[-1]["rule"] == name


def test_text_form_lists_rules_stages_edges_and_a_summary(tmp_path):
    project = write_project(tmp_path / "p", SHOP)
    code, out, err = explore(str(project))
    assert code == 0 and err == ""
    assert "  reached  greet (rules/shop.dsl:" in out and "in 1 turn: 你好" in out
    assert "  never    stuck_in_limbo (rules/shop.dsl:" in out and "however long (the search was complete)" in out
    assert "  never    limbo" in out
    assert "  welcome -> category_select  by greet" in out
    assert out.splitlines()[-1].startswith("4/5 rules and 4/5 stages reached within 8 turns (")


def test_depth_out_of_range_is_refused_with_exit_2():
    for depth in ("21", "0"):
        code, out, err = explore("--depth", depth)
        assert code == 2 and out == ""
        assert "--depth must be between 1 and 20" in err


def test_no_such_folder_exits_2(tmp_path):
    code, _, err = explore(str(tmp_path / "missing"))
    assert code == 2 and "no such project folder" in err


def test_parse_errors_explore_the_rules_that_parse_and_name_the_skipped_ones(tmp_path):
    broken = SHOP + '\nRULE half_written\nWHEN INTENT_IS greeting AND\nTHEN\n    RESPOND "x"\n'
    project = write_project(tmp_path / "p", broken)
    code, out, err = explore(str(project))
    assert code == 0
    assert "skipped (syntax errors" in err and "half_written (rules/shop.dsl:" in err
    assert "reached  pick_category" in out
    code, out, _ = explore(str(project), "--json")
    assert [s.split(" ")[0] for s in json.loads(out)["skipped"]] == ["half_written"]


def test_a_search_stopped_by_its_depth_says_so(tmp_path):
    project = write_project(tmp_path / "p", SHOP)
    code, out, _ = explore(str(project), "--depth", "1")
    assert code == 0
    assert "search limit reached: " in out and "try a larger --depth" in out
    assert "  never    pick_category (rules/shop.dsl:" in out and "of at most 1 turn fires it" in out
    code, out, _ = explore(str(project), "--depth", "1", "--json")
    data = json.loads(out)
    assert data["limits_hit"] == ["depth"] and data["complete"] is False


def test_written_tests_bring_a_project_without_tests_to_full_coverage_of_what_is_reachable(tmp_path):
    project = copy_sample(tmp_path / "p")
    shutil.rmtree(project / "conversations")
    result = rule_studio("explore", str(project), "--write-tests", str(project / "conversations"))
    assert result.returncode == 0, result.stderr
    assert "wrote " in result.stdout
    tested = rule_studio("test", str(project), "--coverage")
    assert tested.returncode == 0, tested.stdout
    assert "rules fired (100.0%)" in tested.stdout


def test_write_tests_on_the_sample_writes_nothing_its_tests_already_cover(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert run(str(REPO), 8, True, str(tmp_path / "new"), out, err) == 0
    assert json.loads(out.getvalue())["written"] == []
