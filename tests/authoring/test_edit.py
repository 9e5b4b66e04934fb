"""Putting a rule's form back into its file changes that rule's text only, and keeps its comments."""
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.authoring import ActionItem, from_rule, insert_at, insert_rule, new_rule, render, replace_rule, rule_edit
from studio.authoring.model import Row
from studio.dsl.parser import parse

REPO = Path(__file__).resolve().parents[2]
SAMPLE = (REPO / "rules" / "ecommerce.dsl").read_text(encoding="utf-8")
SAMPLE_RULES = parse(SAMPLE).program.rules


def rule_named(text: str, name: str):
    return next(rule for rule in parse(text).program.rules if rule.name.text == name)


def changed(text: str, name: str, change) -> str:
    rule = rule_named(text, name)
    form = from_rule(rule)
    change(form)
    return rule_edit(text, rule.span.start, rule.span.end, render(form)).apply(text)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SAMPLE_RULES), st.integers(-50, 200))
def test_an_edit_touches_only_the_rules_span(rule, priority):
    form = from_rule(rule)
    form.priority = priority
    form.actions.reverse()
    edit = rule_edit(SAMPLE, rule.span.start, rule.span.end, render(form))
    assert rule.span.start <= edit.start <= edit.end <= rule.span.end
    after = edit.apply(SAMPLE)
    assert after[:rule.span.start] == SAMPLE[:rule.span.start]
    assert after[len(after) - (len(SAMPLE) - rule.span.end):] == SAMPLE[rule.span.end:]
    assert from_rule(rule_named(after, rule.name.text)) == form


def test_an_unchanged_form_is_no_edit():
    rule = rule_named(SAMPLE, "list_brands")
    assert rule_edit(SAMPLE, rule.span.start, rule.span.end, render(from_rule(rule))).is_noop


def test_changing_the_priority_rewrites_only_the_number():
    rule = rule_named(SAMPLE, "choose_brand")
    form = from_rule(rule)
    form.priority = 7
    edit = rule_edit(SAMPLE, rule.span.start, rule.span.end, render(form))
    assert (SAMPLE[edit.start:edit.end], edit.new_text) == ("1", "")   # 17 → 7


COMMENTED = '''# above
RULE r   # on the RULE line
    PRIORITY 5
WHEN INTENT_IS a
    # why b
    AND CONTEXT_HAS b   # b is set by r0
THEN
    # first the brands
    SUGGEST_BRANDS
    RESPOND "#1 好的"  # not a comment inside the string
# after
'''


def test_comments_stay_on_lines_that_are_still_there():
    after = changed(COMMENTED, "r", lambda form: setattr(form, "priority", 6))
    assert after == COMMENTED.replace("PRIORITY 5", "PRIORITY 6")


def test_comments_of_lines_that_went_away_move_above_the_rule_in_order():
    def change(form):
        form.name = "renamed"
        form.condition.items.pop()
        form.actions = [ActionItem("SUGGEST_BRANDS")]
    after = changed(COMMENTED, "r", change)
    assert after == '''# above
# on the RULE line
# why b
# b is set by r0
RULE renamed
    PRIORITY 5
WHEN INTENT_IS a
THEN
    # first the brands
    SUGGEST_BRANDS  # not a comment inside the string
# after
'''


def test_a_new_rule_goes_above_the_first_rule_of_lower_priority_and_its_comments():
    form = new_rule("greet_again", 50, intent="greeting")
    edit, at = insert_rule(SAMPLE, SAMPLE_RULES, render(form), 50)
    after = edit.apply(SAMPLE)
    assert after[at:].startswith("RULE greet_again\n    PRIORITY 50\n")
    names = [rule.name.text for rule in parse(after).program.rules]
    assert names.index("greet_again") == names.index("greet_new_customer") + 1
    assert after.replace(render(form) + "\n\n", "", 1) == SAMPLE
    # the comment that belongs to greet_in_progress stays right above it
    assert "\n\n# 中途打招呼：提醒当前进度\nRULE greet_in_progress" in after


def test_a_new_rule_above_the_fallback():
    form = new_rule("fallback_rescue", -50)
    edit, at = insert_rule(SAMPLE, SAMPLE_RULES, render(form), -50)
    after = edit.apply(SAMPLE)
    assert after.endswith(render(form) + "\n\nRULE fallback\n    PRIORITY -100\nWHEN ALWAYS\nTHEN\n"
                          "    GENERATE \"抱歉，我没太明白。您可以告诉我想买的品类、品牌或预算。\"\n")


def test_a_new_rule_of_the_lowest_priority_is_appended_after_a_blank_line():
    text = "RULE a WHEN ALWAYS THEN SUGGEST_BRANDS"
    form = new_rule("b", -5)
    form.condition.items = [Row("INTENT_IS", ["x"])]
    edit, at = insert_rule(text, parse(text).program.rules, render(form), -5)
    assert edit.apply(text) == text + "\n\n" + render(form) + "\n"
    assert edit.apply(text)[at:].startswith("RULE b")


def test_the_rule_runs_where_replace_rule_says_after_the_edit():
    rule = rule_named(COMMENTED, "r")
    form = from_rule(rule)
    form.name = "renamed"
    edit, start, end = replace_rule(COMMENTED, rule.span.start, rule.span.end, render(form))
    after = edit.apply(COMMENTED)
    assert after[start:].startswith("RULE renamed\n") and after[end:] == "  # not a comment inside the string\n# after\n"


def test_a_rule_inserted_at_the_cursor_goes_above_the_rule_under_it_and_its_comments():
    form = new_rule("here", 3)
    inside = rule_named(SAMPLE, "greet_in_progress").span.start + 20
    edit, at = insert_at(SAMPLE, SAMPLE_RULES, inside, render(form))
    after = edit.apply(SAMPLE)
    assert after[at:].startswith(render(form) + "\n\n# 中途打招呼：提醒当前进度\nRULE greet_in_progress")
    edit, at = insert_at(SAMPLE, SAMPLE_RULES, 0, render(form))
    assert (edit.start, at) == (0, 0)


def test_in_a_file_out_of_priority_order_a_new_rule_goes_right_above_the_fallback():
    text = ("RULE a WHEN INTENT_IS x THEN SUGGEST_BRANDS\n\nRULE b PRIORITY 5 WHEN INTENT_IS y THEN SUGGEST_BRANDS\n\n"
            "RULE c WHEN INTENT_IS z THEN SUGGEST_BRANDS\n\n# the fallback\nRULE fallback WHEN ALWAYS THEN SUGGEST_BRANDS\n")
    rules = parse(text).program.rules
    for priority in (0, 1, 5):   # equal to the fallback's too: below it, it could never fire
        edit, at = insert_rule(text, rules, "RULE n WHEN ALWAYS THEN SUGGEST_SERIES", priority)
        assert edit.apply(text)[at:].startswith("RULE n WHEN ALWAYS THEN SUGGEST_SERIES\n\n# the fallback\n")
    edit, at = insert_rule(text, rules, "RULE n WHEN ALWAYS THEN SUGGEST_SERIES", -1)
    assert edit.apply(text) == text + "\nRULE n WHEN ALWAYS THEN SUGGEST_SERIES\n"


def test_in_a_sorted_file_a_rule_of_the_fallbacks_priority_goes_above_it():
    text = "RULE a PRIORITY 5 WHEN INTENT_IS x THEN SUGGEST_BRANDS\n\nRULE fallback WHEN ALWAYS THEN SUGGEST_BRANDS\n"
    edit, at = insert_rule(text, parse(text).program.rules, "RULE n WHEN ALWAYS THEN SUGGEST_SERIES", 0)
    assert edit.apply(text)[at:] == "RULE n WHEN ALWAYS THEN SUGGEST_SERIES\n\nRULE fallback WHEN ALWAYS THEN SUGGEST_BRANDS\n"
