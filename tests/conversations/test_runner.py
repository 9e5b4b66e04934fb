import shutil
from pathlib import Path

from studio.conversations.loader import parse_test
from studio.conversations.runner import load_tests, run_tests, subset_match
from studio.project import Project

REPO = Path(__file__).resolve().parents[2]


def sample_copy(tmp_path: Path) -> Project:
    for folder in ("rules", "knowledge", "conversations"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return Project.open(tmp_path)


def run_text(project: Project, text: str):
    analysis = project.analyze()
    return run_tests(analysis, [parse_test(text, "conversations/t.yaml")])


def test_sample_conversations_pass_and_cover_every_rule():
    analysis = Project.open(REPO).analyze()
    tests, errors = load_tests(analysis)
    report = run_tests(analysis, tests, errors)
    assert errors == [] and len(tests) >= 4
    assert report.passed, [(o.test.name, o.first_failure.mismatches) for o in report.outcomes if not o.passed]
    assert report.coverage.never_fired == []


def test_every_expectation_kind_is_compared(tmp_path):
    project = sample_copy(tmp_path)
    report = run_text(project, """
turns:
  - user: 我想买个手机
    expect:
      intent: product_query
      intent_source: keywords
      rule: choose_category
      reply_contains: [苹果, 华为]
      reply_not_contains: 联想
      stage: brand_select
      sales_stage: 4
      product_chain: [[category, 手机]]
      context: {current_category: 手机, query_count: 1}
  - user: 谢谢
    expect: {reply_equals: 不客气，祝您购物愉快！随时欢迎再来。}
""")
    assert report.passed, report.outcomes[0].first_failure.mismatches


def test_a_failure_names_the_turn_key_line_and_actual_value(tmp_path):
    project = sample_copy(tmp_path)
    report = run_text(project, "turns:\n  - user: 你好\n  - user: 我想买个手机\n    expect: {rule: choose_phone, reply_not_contains: 苹果}\n")
    outcome = report.outcomes[0]
    assert not outcome.passed
    failure = outcome.first_failure
    assert failure.index == 1
    assert {(m.key, m.line) for m in failure.mismatches} == {("rule", 4), ("reply_not_contains", 4)}
    rule_mismatch = next(m for m in failure.mismatches if m.key == "rule")
    assert rule_mismatch.actual == "choose_category"


def test_start_mid_flow(tmp_path):
    project = sample_copy(tmp_path)
    report = run_text(project, "start: {stage: brand_select, context: {current_category: 电脑}}\n"
                               "turns:\n  - user: 联想\n    expect: {rule: choose_brand, stage: series_select}\n")
    assert report.passed


def test_coverage_counts_firings_and_lists_rules_never_fired(tmp_path):
    project = sample_copy(tmp_path)
    report = run_text(project, "turns:\n  - user: 你好\n  - user: 你好\n")
    assert report.coverage.fired["greet_new_customer"] == 1
    never = {site.name for site in report.coverage.never_fired}
    assert "checkout" in never and "greet_new_customer" not in never
    assert report.coverage.to_json()["rules"] == len(report.coverage.rules)


def test_subset_match():
    assert subset_match({"a": 1}, {"a": 1, "b": 2})
    assert not subset_match({"a": 1, "c": 3}, {"a": 1})
    assert subset_match({"budget_range": [0, 3000]}, {"budget_range": [0, 3000]})
    assert not subset_match({"x": {"y": 1}}, {"x": {"y": 2}})


def test_any_start_context_the_loader_accepts_runs(tmp_path):
    project = sample_copy(tmp_path)
    report = run_text(project, """
start:
  stage: 42
  context:
    self: x
    stage: y
    query_count: '3'
    sales_stage: 999
    product_chain: [[brand, 苹果], [category, 手机]]
    budget_range: [5000, 3000]
    user_preferences: {颜色: 黑色, 1: 2}
    current_series: ~
    上次: 1.5
turns:
  - user: 有哪些品牌
    expect: {context: {self: x, query_count: 3, sales_stage: 999, product_chain: [[category, 手机]]}}
""")
    assert report.passed, report.outcomes[0].first_failure.mismatches


OPENING_RULES = ('RULE opening PRIORITY 5 WHEN CONVERSATION_START THEN RESPOND "开场白" SET_STAGE "shop"\n'
                 'RULE shopping WHEN CONTEXT_STAGE_IS "shop" THEN RESPOND "在逛"\n'
                 'RULE fallback WHEN ALWAYS THEN RESPOND "嗯"\n')


def opening_project(tmp_path: Path) -> Project:
    (tmp_path / "rules").mkdir()
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "rules" / "r.dsl").write_text(OPENING_RULES, encoding="utf-8")
    (tmp_path / "knowledge" / "products.json").write_text('{"categories": {}}', encoding="utf-8")
    return Project.open(tmp_path)


def test_an_opening_item_checks_the_opening_turn(tmp_path):
    project = opening_project(tmp_path)
    report = run_text(project, "turns:\n  - opening: {expect: {rule: opening, reply_equals: 开场白}}\n"
                               "  - user: 看看\n    expect: {rule: shopping}\n")
    [outcome] = report.outcomes
    assert outcome.passed and outcome.opening.result.input is None
    failing = run_text(project, "turns:\n  - opening: {expect: {rule: fallback}}\n  - user: 看看\n").outcomes[0]
    assert not failing.passed and failing.opening.mismatches[0].line == 2


def test_without_an_opening_item_the_opening_turn_still_runs_unchecked(tmp_path):
    report = run_text(opening_project(tmp_path), "turns:\n  - user: 看看\n    expect: {rule: shopping}\n")
    [outcome] = report.outcomes
    assert outcome.passed and outcome.opening is None
    assert report.coverage.fired["opening"] == 1


def test_a_test_started_mid_flow_takes_no_opening_turn_unless_it_has_an_opening_item(tmp_path):
    project = opening_project(tmp_path)
    mid_flow = "start: {stage: welcome}\nturns:\n  - user: 看看\n    expect: {rule: fallback}\n"
    assert run_text(project, mid_flow).passed
    asked = "start: {stage: welcome}\nturns:\n  - opening: {expect: {rule: opening}}\n  - user: 看看\n"
    assert run_text(project, asked).outcomes[0].opening.result.rule == "opening"
