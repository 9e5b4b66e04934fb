"""What the parser refuses so that nothing after it meets a pathological file: conditions nested
deeper than `MAX_NESTING`, numbers longer than `MAX_DIGITS`, and more than `MAX_SYNTAX_ERRORS` errors."""
import io
import json

import pytest

from studio.cli import test_cmd
from studio.dsl import ast
from studio.dsl.parser import MAX_DIGITS, MAX_NESTING, MAX_SYNTAX_ERRORS, parse
from studio.engine.assistant import Assistant
from studio.engine.context import ConversationContext
from studio.engine.rulebase import RuleBase
from studio.project import Project
from tests.checks.checks_helpers import check_project, write_project

FALLBACK = 'RULE fallback PRIORITY -100 WHEN ALWAYS THEN RESPOND "兜底"\n'


def errors(text: str) -> list:
    return [d for d in parse(text, "x.dsl").diagnostics]


def depth(expr) -> int:
    """Levels of the tree (a leaf is 1), iteratively: the trees measured here may be deep."""
    deepest, stack = 0, [(expr, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(node, ast.Not):
            stack.append((node.operand, level + 1))
        elif isinstance(node, (ast.And, ast.Or)):
            stack.extend((op, level + 1) for op in node.operands)
    return deepest


def deepest_accepted(innermost: str = "ALWAYS") -> str:
    """`MAX_NESTING` parentheses, each adding an OR and an AND level: the deepest tree the parser
    builds (true unless the intent is `a` or `innermost` is false)."""
    return "(INTENT_IS a OR ALWAYS AND " * MAX_NESTING + innermost + ")" * MAX_NESTING


# --- nesting ----------------------------------------------------------------------------------

@pytest.mark.parametrize("opener", ["(", "NOT "])
@pytest.mark.parametrize("count", [101, 340, 1000, 20_000])
def test_nesting_too_deep_is_an_e100_at_the_first_level_too_many(opener, count):
    closer = ")" if opener == "(" else ""
    prefix = "RULE deep WHEN "
    text = prefix + opener * count + "ALWAYS" + closer * count + ' THEN RESPOND "x"\n' + FALLBACK
    found = errors(text)
    assert len(found) == 1
    d = found[0]
    assert d.code == "E100" and "nested too deeply" in d.message and str(MAX_NESTING) in d.message
    column = len(prefix) + len(opener) * MAX_NESTING + 1
    assert (d.file, d.span.line, d.span.column) == ("x.dsl", 1, column)
    program = parse(text, "x.dsl").program
    assert [r.name.text for r in program.rules] == ["deep", "fallback"]   # recovered at the next RULE
    assert not program.rules[0].complete and program.rules[0].condition is None
    assert program.rules[1].complete


@pytest.mark.parametrize("opener", ["(", "NOT "])
def test_nesting_up_to_the_limit_parses(opener):
    closer = ")" if opener == "(" else ""
    text = "RULE ok WHEN " + opener * MAX_NESTING + "ALWAYS" + closer * MAX_NESTING + ' THEN RESPOND "x"\n'
    assert errors(text) == []


def test_no_tree_deeper_than_twice_the_limit_reaches_the_checks():
    rule = parse(f'RULE r WHEN {deepest_accepted()} THEN RESPOND "x"\n').program.rules[0]
    assert rule.complete and depth(rule.condition) == 2 * MAX_NESTING + 1


def test_a_deeply_nested_rule_is_an_e100_for_check_not_a_traceback(tmp_path):
    project = write_project(tmp_path, {"x.dsl": "RULE deep WHEN " + "(" * 340 + "ALWAYS" + ")" * 340
                                                + ' THEN RESPOND "x"\n' + FALLBACK})
    code, out, err = check_project(project)
    assert code == 1 and err == ""
    assert f"rules/x.dsl:1:{len('RULE deep WHEN ') + MAX_NESTING + 1}: error E100 " in out
    assert "nested too deeply" in out


def project_with_the_deepest_rule(tmp_path):
    """The deepest condition the parser accepts, in a rule that fires, with a conversation test."""
    rules = (f'INTENT a KEYWORDS "甲"\nINTENT b KEYWORDS "乙"\n'
             f'RULE deepest PRIORITY 10 WHEN {deepest_accepted("INTENT_IS b")} THEN RESPOND "never"\n'
             f'RULE shallow PRIORITY 5 WHEN {deepest_accepted()} THEN RESPOND "深"\n' + FALLBACK)
    project = write_project(tmp_path, {"x.dsl": rules})
    (project / "conversations").mkdir()
    (project / "conversations" / "deep.yaml").write_text(
        "name: deep\nturns:\n  - user: 你好\n    expect: {rule: shallow, reply_equals: 深}\n", encoding="utf-8")
    return project


def test_the_deepest_accepted_condition_is_checked_run_and_explained(tmp_path):
    project = project_with_the_deepest_rule(tmp_path)
    code, out, _ = check_project(project)
    assert " E100 " not in out and "Traceback" not in out
    analysis = Project.open(project).analyze()
    result = Assistant(RuleBase.build(analysis.programs), analysis.knowledge).turn(ConversationContext(), "你好")
    assert result.reply == "深"
    explained = result.trace.to_dict()["attempts"]   # the deepest rule, evaluated again and described
    assert [a["name"] for a in explained] == ["deepest"] and explained[0]["condition"].endswith("INTENT_IS b" + ")" * MAX_NESTING)
    out = io.StringIO()
    assert test_cmd.run(str(project), "text", None, True, out, io.StringIO()) == 0, out.getvalue()


# --- numbers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("template", [
    "RULE r PRIORITY {n} WHEN ALWAYS THEN RESPOND \"x\"\n",
    "RULE r WHEN SALES_STAGE_IS {n} THEN RESPOND \"x\"\n",
    "RULE r WHEN ALWAYS THEN SET_SALES_STAGE {n}\n",
    "SALES_STAGE {n} \"title\"\n",
    "RULE r PRIORITY -{n} WHEN ALWAYS THEN RESPOND \"x\"\n",
])
@pytest.mark.parametrize("digits", [MAX_DIGITS + 1, 4301, 100_000])
def test_a_number_with_too_many_digits_is_an_e100_at_the_number(template, digits):
    number = "9" * digits
    text = template.format(n=number) + FALLBACK
    found = errors(text)
    assert [d.code for d in found] == ["E100"]
    start = text.index(number) - ("-" in template)
    assert found[0].span.start == start and found[0].span.end == text.index(number) + digits
    assert "too long" in found[0].message and f"at most {MAX_DIGITS} digits" in found[0].message
    program = parse(text, "x.dsl").program
    assert all(r.complete for r in program.rules if r.name.text == "fallback")


def test_a_number_of_the_most_digits_allowed_is_read():
    rule = parse(f'RULE r PRIORITY {"9" * MAX_DIGITS} WHEN ALWAYS THEN RESPOND "x"\n').program.rules[0]
    assert rule.complete and rule.priority == int("9" * MAX_DIGITS)


def test_a_huge_priority_is_an_e100_for_check_not_a_traceback(tmp_path):
    project = write_project(tmp_path, {"x.dsl": f'RULE r PRIORITY {"1" * 5000} WHEN ALWAYS THEN RESPOND "x"\n'
                                                f'RULE s WHEN SALES_STAGE_IS {"9" * 5000} THEN RESPOND "y"\n'
                                                + FALLBACK})
    code, out, err = check_project(project)
    assert code == 1 and err == ""
    assert "rules/x.dsl:1:17: error E100 " in out and "rules/x.dsl:2:28: error E100 " in out


# --- how many errors ----------------------------------------------------------------------------

def test_a_megabyte_of_bad_characters_gives_the_first_errors_and_one_summary():
    text = "@" * 1_000_000 + "\n" + FALLBACK
    found = errors(text)
    assert len(found) == MAX_SYNTAX_ERRORS + 1
    assert [d.span.column for d in found[:MAX_SYNTAX_ERRORS]] == list(range(1, MAX_SYNTAX_ERRORS + 1))
    summary = found[-1]
    assert summary.code == "E100" and summary.span.column == MAX_SYNTAX_ERRORS + 1
    assert f"{1_000_000 - MAX_SYNTAX_ERRORS:,} more syntax errors" in summary.message


def test_parser_errors_past_the_limit_are_counted_too():
    text = "RULE " * 50_000   # each RULE is "expected a rule name, found 'RULE'"
    found = errors(text)
    assert len(found) == MAX_SYNTAX_ERRORS + 1
    assert f"{50_000 - MAX_SYNTAX_ERRORS:,} more syntax errors" in found[-1].message


def test_the_errors_kept_are_the_first_in_the_file_whichever_phase_found_them():
    # Parser errors (a number for a rule name) on the first lines, then a run of bad characters.
    text = "RULE 1\n" * 150 + "@" * 300 + "\n"
    found = errors(text)
    assert len(found) == MAX_SYNTAX_ERRORS + 1
    kept = found[:MAX_SYNTAX_ERRORS]
    assert [d.span.line for d in kept[:150]] == list(range(1, 151))
    assert all(d.message == "unexpected character '@'" for d in kept[150:])
    assert found[-1].span.line == 151 and found[-1].span.column == 51
    assert "250 more syntax errors" in found[-1].message


def test_a_file_at_the_limit_has_no_summary():
    found = errors("@" * MAX_SYNTAX_ERRORS + "\n")
    assert len(found) == MAX_SYNTAX_ERRORS and "more syntax errors" not in found[-1].message


def test_check_of_a_megabyte_of_bad_characters_lists_the_first_errors(tmp_path):
    project = write_project(tmp_path, {"x.dsl": "\x00" * 1_000_000 + "\n" + FALLBACK})
    code, out, _ = check_project(project, "json")
    e100 = [d for d in json.loads(out) if d["code"] == "E100"]
    assert code == 1 and len(e100) == MAX_SYNTAX_ERRORS + 1
