import json

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
    assert "turn 3 (conversations/phone_purchase.yaml:8) user: 有哪些品牌" in out
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
