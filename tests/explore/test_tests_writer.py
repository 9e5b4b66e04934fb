from studio.conversations.runner import load_tests, run_tests
from studio.explore.search import explore_programs
from studio.explore.tests_writer import planned_tests, write_tests
from tests.explore.small_projects import analysed
from tests.explore.test_search import SHOP


def explored(tmp_path):
    analysis = analysed(tmp_path, SHOP)
    return analysis, explore_programs(analysis.programs, analysis.knowledge)


def test_written_tests_load_and_pass_and_cover_every_reached_rule(tmp_path):
    analysis, found = explored(tmp_path)
    written = write_tests(analysis, found, tmp_path / "conversations")
    reached = {rule for rule, conversation in found.rules.items() if conversation}
    assert {w.rule for w in written} == reached
    assert {w.path.name for w in written} == {f"{rule}.yaml" for rule in reached}
    tests, errors = load_tests(analysis)
    report = run_tests(analysis, tests, errors)
    assert report.passed and not errors
    assert {name for name, count in report.coverage.fired.items() if count} == reached


def test_a_written_test_expects_rule_stage_and_intent_on_its_last_turn(tmp_path):
    analysis, found = explored(tmp_path)
    write_tests(analysis, found, tmp_path / "conversations")
    tests, _ = load_tests(analysis, "pick_brand_with_budget")
    (test,) = tests
    assert [t.expect for t in test.turns[:-1]] == [{}, {}]
    assert test.turns[-1].expect == {"rule": "pick_brand_with_budget", "stage": "series_select",
                                     "intent": test.turns[-1].expect["intent"]}


def test_rules_that_existing_tests_fire_get_no_new_test(tmp_path):
    analysis, found = explored(tmp_path)
    folder = tmp_path / "conversations"
    folder.mkdir()
    (folder / "mine.yaml").write_text("name: mine\nturns:\n  - user: 你好\n    expect: {rule: greet}\n",
                                      encoding="utf-8")
    written = write_tests(analysis, found, folder)
    assert "greet" not in {w.rule for w in written} and written


def test_an_existing_file_is_never_overwritten(tmp_path):
    analysis, found = explored(tmp_path)
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "greet.yaml").write_text("not mine\n", encoding="utf-8")
    written = write_tests(analysis, found, other)
    assert (other / "greet.yaml").read_text(encoding="utf-8") == "not mine\n"
    assert any(w.rule == "greet" and w.path.name == "greet_2.yaml" for w in written)


def test_planned_tests_are_texts_and_nothing_is_written(tmp_path):
    analysis, found = explored(tmp_path)
    planned = planned_tests(analysis, found)
    assert {p.rule for p in planned} == {rule for rule, c in found.rules.items() if c}
    assert all(p.text.startswith("# Found by `rule-studio explore`") for p in planned)
    assert not (tmp_path / "conversations").exists()


def test_a_rule_of_the_opening_turn_gets_a_test_with_an_opening_item(tmp_path):
    analysis = analysed(tmp_path, 'RULE hello WHEN CONVERSATION_START THEN RESPOND "欢迎" SET_STAGE "shop"\n'
                                  'RULE fallback WHEN ALWAYS THEN RESPOND "嗯"\n')
    found = explore_programs(analysis.programs, analysis.knowledge)
    [hello] = [test for test in planned_tests(analysis, found) if test.rule == "hello"]
    assert '  - opening:\n      expect: {rule: "hello", stage: "shop", intent: null}' in hello.text
    write_tests(analysis, found, tmp_path / "conversations")
    tests, errors = load_tests(analysis)
    assert errors == [] and run_tests(analysis, tests, errors).passed
