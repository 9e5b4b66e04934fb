import io
import json

from studio.cli import chat_cmd
from tests.cli.helpers import REPO, copy_sample, rule_studio

CHAT_KEYS = ["input", "reply", "intent", "intent_source", "rule", "stage", "sales_stage", "product_chain", "context"]
SHOPPING = ["你好", "我想买个手机", "苹果的", "iPhone 16 Pro", "好的"]


def test_json_conversation_ends_with_the_product_in_the_cart():
    result = rule_studio("chat", "--json", stdin="\n".join(SHOPPING) + "\n")
    assert result.returncode == 0, result.stderr
    opening, *turns = [json.loads(line) for line in result.stdout.splitlines()]
    assert opening["input"] is None and opening["rule"] == "opening_greeting"   # the sample speaks first
    assert len(turns) == len(SHOPPING)
    assert all(list(turn) == CHAT_KEYS for turn in [opening, *turns])
    last = turns[-1]
    assert last["stage"] == "cart_added" and last["rule"] == "add_to_cart"
    assert last["product_chain"] == [["category", "手机"], ["brand", "苹果"], ["series", "iPhone 16 Pro"]]
    assert last["context"]["cart"] == "手机 -> 苹果 -> iPhone 16 Pro"
    assert turns[0]["intent_source"] == "keywords"


def test_plain_chat_prints_one_reply_per_turn():
    result = rule_studio("chat", stdin="你好\n\n谢谢\n")
    assert result.returncode == 0
    assert "想看哪一类商品" in result.stdout and "不客气" in result.stdout


def test_llm_auto_without_configuration_answers_offline_and_says_so():
    env = {"RULE_STUDIO_LLM_URL": "", "RULE_STUDIO_LLM_SOURCE": "", "LAZYLLM_DEFAULT_SOURCE": ""}
    result = rule_studio("chat", "--llm", "auto", "--json", stdin="你好\n", env=env)
    assert result.returncode == 0
    assert "no LLM is configured" in result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["intent_source"] == "keywords"


def test_errors_in_rules_are_warned_but_the_rest_still_answers(tmp_path):
    project = copy_sample(tmp_path)
    (project / "rules" / "zz_broken.dsl").write_text("RULE broken WHEN\n", encoding="utf-8")
    result = rule_studio("chat", str(project), stdin="你好\n")
    assert result.returncode == 0
    assert "error" in result.stderr and "想看哪一类商品" in result.stdout


def test_a_lone_surrogate_in_a_message_becomes_a_replacement_character():
    # What Python makes of a byte that is not UTF-8 on a surrogateescape stream (the locale default).
    out, err = io.StringIO(), io.StringIO()
    code = chat_cmd.run(str(REPO), "off", True, io.StringIO("\udcff\n你好\n"), out, err)
    assert code == 0, err.getvalue()
    turns = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [turn["input"] for turn in turns] == [None, "\ufffd", "你好"]   # the sample's opening turn first
    out.getvalue().encode("utf-8")   # strict: nothing that cannot be written to a UTF-8 stream


def test_start_and_set_begin_the_conversation_mid_flow_with_its_trace():
    result = rule_studio("chat", "--start", "brand_select", "--set", "current_category=手机", "--json", "--trace",
                         stdin="苹果\n")
    assert result.returncode == 0, result.stderr
    turn = json.loads(result.stdout)
    assert list(turn) == CHAT_KEYS + ["trace"]
    assert turn["rule"] == "choose_brand"
    assert turn["product_chain"] == [["category", "手机"], ["brand", "苹果"]]
    trace = turn["trace"]
    assert trace["rule"]["name"] == "choose_brand"
    assert trace["attempts"] and all({"name", "condition", "reason"} <= set(a) for a in trace["attempts"])
    assert trace["actions"] and trace["llm_calls"] == []


def test_set_reads_json_values_and_a_whole_chain():
    chain = '[["category", "手机"], ["brand", "苹果"]]'
    out, err = io.StringIO(), io.StringIO()
    code = chat_cmd.run(str(REPO), "off", True, io.StringIO("iPhone 16 Pro\n"), out, err, start="series_select",
                        sets=(f"product_chain={chain}", "query_count=3", "budget_range=[5000, 9000]", "note=x=1"))
    assert code == 0, err.getvalue()
    turn = json.loads(out.getvalue())
    assert turn["product_chain"][-1] == ["series", "iPhone 16 Pro"]
    assert turn["context"]["note"] == "x=1"
    assert turn["context"]["budget_range"] == [5000, 9000]


def test_a_start_the_rules_know_nothing_of_is_warned_about_and_still_made():
    result = rule_studio("chat", "--start", "brand_selct", "--set", "current_category=手机", "--set", "colour=红",
                         "--json", stdin="苹果\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: no rule sets or tests the stage 'brand_selct' (the rules know: welcome, category_select, "
        "series_select, brand_select, subtype_select, confirm_order, cart_added, checkout)",
        "warning: no rule tests or sets the variable 'colour'"]
    assert json.loads(result.stdout)["context"]["colour"] == "红"   # as asked
    known = rule_studio("chat", "--start", "brand_select", "--set", "current_category=手机", stdin="苹果\n")
    assert known.stderr == ""


def test_a_chat_without_start_values_gathers_no_vocabulary(monkeypatch):
    """The vocabulary (a walk over every rule and the knowledge) is only needed to check --start/--set."""
    gathered = []
    real = chat_cmd.vocabulary
    monkeypatch.setattr(chat_cmd, "vocabulary", lambda *args: gathered.append(1) or real(*args))
    out, err = io.StringIO(), io.StringIO()
    assert chat_cmd.run(str(REPO), "off", True, io.StringIO("你好\n"), out, err) == 0
    assert gathered == [] and err.getvalue() == ""
    assert chat_cmd.run(str(REPO), "off", True, io.StringIO("你好\n"), out, err, start="brand_select") == 0
    assert gathered == [1]


def test_bad_start_values_are_refused_before_any_turn():
    for sets in (("product_chain=[[\"color\", \"red\"]]",), ("query_count=abc",), ("sales_stage=1e999",),
                 ("novalue",), ("=3",), ("user_preferences=[1, 2]",), ("budget_range={}",), ("x=[1]",)):
        out, err = io.StringIO(), io.StringIO()
        code = chat_cmd.run(str(REPO), "off", True, io.StringIO("你好\n"), out, err, sets=sets)
        assert code == 2, sets
        assert out.getvalue() == "" and err.getvalue().startswith("rule-studio chat: "), sets


def test_the_opening_reply_prints_before_the_first_customer_line():
    result = rule_studio("chat", stdin="你好\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "李销售" in lines[0] and lines[0].startswith("您好！我是优质数码")
    assert "想看哪一类商品" in lines[1] and "李销售" not in lines[1]   # introduced once, in the opening


def test_the_opening_turn_in_json_has_a_null_input_and_is_taken_even_without_input():
    result = rule_studio("chat", "--json", "--trace", stdin="")
    assert result.returncode == 0, result.stderr
    [opening] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (opening["input"], opening["intent"], opening["intent_source"]) == (None, None, "opening")
    assert opening["rule"] == "opening_greeting" and opening["trace"]["rule"]["name"] == "opening_greeting"


def test_a_chat_started_mid_flow_has_no_opening_turn():
    for args in (["--start", "cart_added"], ["--set", "budget_range=[3000, 5000]"]):
        result = rule_studio("chat", *args, "--json", stdin="好的\n")
        assert result.returncode == 0, result.stderr
        assert [json.loads(line)["input"] for line in result.stdout.splitlines()] == ["好的"]


def test_a_project_without_conversation_start_prints_no_opening(tmp_path):
    project = copy_sample(tmp_path)
    rules = project / "rules" / "ecommerce.dsl"
    rules.write_text(rules.read_text(encoding="utf-8").replace("WHEN CONVERSATION_START", "WHEN NOT ALWAYS"),
                     encoding="utf-8")
    result = rule_studio("chat", str(project), "--json", stdin="你好\n")
    assert [json.loads(line)["input"] for line in result.stdout.splitlines()] == ["你好"]
