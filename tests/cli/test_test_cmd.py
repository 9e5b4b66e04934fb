import json
import os

from tests.cli.helpers import copy_sample, rule_studio


def test_sample_tests_pass_with_full_coverage():
    result = rule_studio("test", "--coverage")
    assert result.returncode == 0, result.stdout
    assert "rules fired (100.0%)" in result.stdout
    assert result.stdout.strip().splitlines()[-1].endswith("passed, 0 failed")


def test_breaking_a_rule_fails_with_turn_rule_and_trace(tmp_path):
    project = copy_sample(tmp_path)
    rules = project / "rules" / "ecommerce.dsl"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace('USER_MENTION_ANY "有哪些品牌|推荐品牌|品牌有哪些|什么品牌"',
                                  'USER_MENTION_ANY "哪些牌子"'), encoding="utf-8")
    result = rule_studio("test", str(project))
    assert result.returncode == 1
    out = result.stdout
    assert "FAIL 手机选购流程" in out
    assert "turn 3 (conversations/phone_purchase.yaml:10) user: 有哪些品牌" in out
    assert "rule: expected 'list_brands', got " in out
    assert 'rule list_brands (rules/ecommerce.dsl:' in out and "message mentions none of them" in out


def test_k_pattern_and_json_format(tmp_path):
    result = rule_studio("test", "-k", "phone_purchase", "--format", "json", "--coverage")
    data = json.loads(result.stdout)
    assert result.returncode == 0
    assert [t["file"] for t in data["tests"]] == ["conversations/phone_purchase.yaml"]
    assert data["passed"] == 1 and data["failed"] == 0
    assert data["coverage"]["fired"]["checkout"] == 1


def test_malformed_test_file_is_a_clear_error(tmp_path):
    project = copy_sample(tmp_path)
    (project / "conversations" / "broken.yaml").write_text("turns:\n  - user: [oops\n", encoding="utf-8")
    result = rule_studio("test", str(project))
    assert result.returncode == 1
    assert "ERROR conversations/broken.yaml:3:" in result.stdout
    assert "Traceback" not in result.stderr


def project_with_a_lone_surrogate(tmp_path):
    """A series name holding a lone surrogate (JSON allows the escape), listed in the replies."""
    project = copy_sample(tmp_path)
    products = project / "knowledge" / "products.json"
    data = json.loads(products.read_text(encoding="utf-8"))
    series = data["categories"]["手机"]["brands"]["苹果"]["series"]
    series[series.index("iPhone 15")] = "iPhone 15\ud800"
    products.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")   # the surrogate as its escape
    (project / "conversations" / "series.yaml").write_text(
        "name: series\nturns:\n  - user: 我想买苹果手机\n  - user: 有哪些系列\n    expect: {reply_equals: x}\n",
        encoding="utf-8")
    return project


def test_json_output_survives_a_lone_surrogate_in_the_knowledge(tmp_path):
    result = rule_studio("test", str(project_with_a_lone_surrogate(tmp_path)), "--format", "json", "-k", "series")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    data = json.loads(result.stdout)
    reply = data["tests"][0]["turns"][1]["result"]["reply"]
    # The name is refused on load (K110) and left out: the reply lists the other series and no broken text.
    assert "iPhone 16" in reply and "iPhone 15" not in reply and "\ud800" not in reply


def test_text_output_survives_a_lone_surrogate_in_a_reply(tmp_path):
    result = rule_studio("test", str(project_with_a_lone_surrogate(tmp_path)), "-k", "series")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1 and "FAIL series" in result.stdout


def test_text_output_survives_a_file_name_that_is_not_utf8(tmp_path):
    project = copy_sample(tmp_path)
    folder = os.fsencode(project / "conversations")
    with open(folder + b"/caf\xe9.yaml", "w", encoding="utf-8") as file:   # Latin-1 é: a surrogate in Python
        file.write("turns:\n  - user: 你好\n    expect: {rule: nothing}\n")
    for fmt in ("text", "json"):
        result = rule_studio("test", str(project), "--format", fmt)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 1
        assert "caf\\udce9" in result.stdout


def test_record_is_offered_in_the_help_with_where_the_answers_go():
    result = rule_studio("test", "--help")
    assert result.returncode == 0
    assert "--record" in result.stdout and "cassette.json" in result.stdout


def test_a_cassette_beside_a_test_without_llm_is_never_read(tmp_path):
    project = copy_sample(tmp_path)
    (project / "conversations" / "phone_purchase.cassette.json").write_text("{not json", encoding="utf-8")
    result = rule_studio("test", str(project), "-k", "phone_purchase")
    assert result.returncode == 0, result.stdout
    assert "ERROR" not in result.stdout and "replayed" not in result.stdout


def test_a_failing_opening_is_reported_as_the_opening_in_text_and_json(tmp_path):
    project = copy_sample(tmp_path)
    test = project / "conversations" / "phone_purchase.yaml"
    test.write_text(test.read_text(encoding="utf-8").replace("reply_contains: 李销售", "reply_contains: 王经理"),
                    encoding="utf-8")
    result = rule_studio("test", str(project))
    assert result.returncode == 1
    assert "  opening (conversations/phone_purchase.yaml:4)" in result.stdout
    data = json.loads(rule_studio("test", str(project), "--format", "json").stdout)
    [failed] = [t for t in data["tests"] if not t["passed"]]
    assert failed["opening"]["index"] == 0 and failed["opening"]["user"] is None
    assert failed["opening"]["result"]["input"] is None and failed["opening"]["mismatches"]
    assert all(t["opening"] is None for t in data["tests"] if t["passed"])
