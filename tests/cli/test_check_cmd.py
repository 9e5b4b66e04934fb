import json

from tests.cli.helpers import copy_sample, rule_studio

JSON_KEYS = {"file", "line", "column", "end_line", "end_column", "severity", "code", "message", "suggestion",
             "witness"}


def test_sample_project_checks_clean_of_errors_and_warnings():
    result = rule_studio("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " error " not in result.stdout and " warning " not in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("0 errors, 0 warnings")


def test_typo_reported_as_file_line_col_with_suggestion_and_exit_1(tmp_path):
    project = copy_sample(tmp_path)
    rules = project / "rules" / "ecommerce.dsl"
    rules.write_text(rules.read_text(encoding="utf-8") + '\nRULE typo WHEN ALWAYS THEN ADD_TO_CHAIN brand "华维"\n',
                     encoding="utf-8")
    result = rule_studio("check", str(project))
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if " E200 " in l)
    n = len(rules.read_text(encoding="utf-8").splitlines())
    assert line.startswith(f"rules/ecommerce.dsl:{n}:")
    assert "error E200" in line and "华为" in line


def test_json_output_has_exactly_the_spec_keys(tmp_path):
    project = copy_sample(tmp_path)
    (project / "rules" / "extra.dsl").write_text('RULE x WHEN INTENT_IS nope THEN RESPOND "a"\n', encoding="utf-8")
    result = rule_studio("check", str(project), "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert items and all(set(item) == JSON_KEYS for item in items)
    e110 = next(item for item in items if item["code"] == "E110")
    assert (e110["file"], e110["line"], e110["column"], e110["severity"]) == ("rules/extra.dsl", 1, 23, "error")


def test_fix_applies_suggestions_atomically_and_reports_them(tmp_path):
    project = copy_sample(tmp_path)
    extra = project / "rules" / "extra.dsl"
    extra.write_text('RULE x WHEN CONTEXT_EQ current_brand "华维" THEN RESPONDD "a"\n', encoding="utf-8")
    result = rule_studio("check", str(project), "--fix")
    assert extra.read_text(encoding="utf-8") == 'RULE x WHEN CONTEXT_EQ current_brand "华为" THEN RESPOND "a"\n'
    assert "'华维' -> '华为'" in result.stderr and "'RESPONDD' -> 'RESPOND'" in result.stderr
    assert result.returncode == 0
    assert not [p for p in extra.parent.iterdir() if p.name.startswith(".")]   # no temp file left


def test_missing_project_is_exit_2():
    result = rule_studio("check", "/no/such/project")
    assert result.returncode == 2 and "no such project folder" in result.stderr


def test_malformed_dsl_and_knowledge_never_give_a_traceback(tmp_path):
    project = copy_sample(tmp_path)
    (project / "rules" / "ecommerce.dsl").write_text('RULE "unclosed\nWHEN (( THEN\n\x00\n', encoding="utf-8")
    (project / "knowledge" / "products.json").write_text('{"categories": {"手机": [1,,]}}', encoding="utf-8")
    result = rule_studio("check", str(project))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "knowledge/products.json:1:" in result.stdout and "rules/ecommerce.dsl:1:" in result.stdout
