"""Moving a condition's rows and groups: the text says the new order, laid out as by hand, and parses back to
the moved form."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.authoring import from_rule, render
from studio.authoring.model import Group, Row
from studio.authoring.moves import (DOWN, INTO_ABOVE, INTO_BELOW, MOVES, OUT, UP, can_move, item_at, move_item,
                                   move_to, parent_of, path_of)
from studio.dsl.parser import parse
from tests.authoring.test_edit import SAMPLE_RULES

RULE = '''RULE r
WHEN INTENT_IS a AND (CONTEXT_HAS x OR CONTEXT_HAS y) AND NOT USER_MENTIONS brand
THEN
    SUGGEST_BRANDS'''


def form_of(text: str = RULE):
    return from_rule(parse(text).program.rules[0])


def when(form) -> str:
    return render(form).splitlines()[1]


def test_a_row_moves_up_and_down_among_its_neighbours():
    form = form_of()
    last = form.condition.items[2]
    assert move_item(form.condition, last, UP)
    assert when(form) == "WHEN INTENT_IS a AND NOT USER_MENTIONS brand AND (CONTEXT_HAS x OR CONTEXT_HAS y)"
    assert move_item(form.condition, last, UP) and not move_item(form.condition, last, UP)
    assert when(form) == "WHEN NOT USER_MENTIONS brand AND INTENT_IS a AND (CONTEXT_HAS x OR CONTEXT_HAS y)"
    assert move_item(form.condition, last, DOWN)
    assert when(form) == "WHEN INTENT_IS a AND NOT USER_MENTIONS brand AND (CONTEXT_HAS x OR CONTEXT_HAS y)"


def test_a_group_moves_like_a_row():
    form = form_of()
    group = form.condition.items[1]
    assert move_item(form.condition, group, DOWN) and not can_move(form.condition, group, DOWN)
    assert when(form) == "WHEN INTENT_IS a AND NOT USER_MENTIONS brand AND (CONTEXT_HAS x OR CONTEXT_HAS y)"


def test_a_row_moves_into_the_group_above_or_below_it():
    form = form_of()
    intent, group, mention = form.condition.items
    assert not can_move(form.condition, intent, INTO_ABOVE) and can_move(form.condition, intent, INTO_BELOW)
    assert move_item(form.condition, mention, INTO_ABOVE)
    assert when(form) == "WHEN INTENT_IS a AND (CONTEXT_HAS x OR CONTEXT_HAS y OR NOT USER_MENTIONS brand)"
    assert parent_of(form.condition, mention) is group
    assert move_item(form.condition, intent, INTO_BELOW)
    assert when(form) == "WHEN INTENT_IS a OR CONTEXT_HAS x OR CONTEXT_HAS y OR NOT USER_MENTIONS brand"


def test_a_row_moves_out_of_its_group_on_the_side_it_was():
    form = form_of()
    group = form.condition.items[1]
    first, second = group.items
    assert move_item(form.condition, first, OUT)   # the first goes above the group
    assert when(form) == "WHEN INTENT_IS a AND CONTEXT_HAS x AND CONTEXT_HAS y AND NOT USER_MENTIONS brand"
    assert form.condition.items[1] is first and form.condition.items[2] is group
    assert move_item(form.condition, second, OUT)   # the group, emptied, is gone
    assert form.condition.items == [Row("INTENT_IS", ["a"]), first, second, Row("USER_MENTIONS", ["brand"], True)]
    assert not any(isinstance(item, Group) for item in form.condition.items)
    assert not can_move(form.condition, second, OUT)   # the top level has no outside


def test_an_item_is_found_by_identity_not_by_what_it_says():
    form = form_of('RULE r\nWHEN CONTEXT_HAS x AND (CONTEXT_HAS x OR CONTEXT_HAS y)\nTHEN\n    SUGGEST_BRANDS')
    inner = form.condition.items[1].items[0]
    assert move_item(form.condition, inner, OUT)
    assert form.condition.items[0] is not inner and form.condition.items[1] is inner


def test_a_wrapped_condition_stays_wrapped_after_a_move():
    form = form_of('RULE r\nWHEN INTENT_IS a\n    AND CONTEXT_HAS x\nTHEN\n    SUGGEST_BRANDS')
    move_item(form.condition, form.condition.items[1], UP)
    assert render(form) == 'RULE r\nWHEN CONTEXT_HAS x\n    AND INTENT_IS a\nTHEN\n    SUGGEST_BRANDS'


@pytest.mark.parametrize("move", MOVES)
def test_the_root_group_itself_cannot_move(move):
    form = form_of()
    assert not move_item(form.condition, form.condition, move)


def _items(group):
    for item in group.items:
        yield item
        if isinstance(item, Group):
            yield from _items(item)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([r for r in SAMPLE_RULES if from_rule(r) is not None]), st.data())
def test_every_move_renders_text_that_parses_back_to_the_moved_form(rule, data):
    form = from_rule(rule)
    items = list(_items(form.condition))
    if not items:
        return
    item = data.draw(st.sampled_from(items))
    move = data.draw(st.sampled_from(MOVES))
    rows_before = sorted(map(repr, form.rows()))
    if not move_item(form.condition, item, move):
        assert render(form) == render(from_rule(rule))
    assert sorted(map(repr, form.rows())) == rows_before   # a move loses and adds no condition
    again = from_rule(parse(render(form)).program.rules[0])
    assert render(again) == render(form)


def test_move_to_puts_an_item_anywhere_in_the_condition_what_a_drop_does():
    form = form_of()
    intent, group, mention = form.condition.items
    assert move_to(form.condition, mention, group, 1)   # between the group's two rows
    assert when(form) == "WHEN INTENT_IS a AND (CONTEXT_HAS x OR NOT USER_MENTIONS brand OR CONTEXT_HAS y)"
    assert move_to(form.condition, intent, form.condition, 2)   # to the end of its own group (after the move: 1)
    assert form.condition.items == [group, intent]
    assert not move_to(form.condition, intent, form.condition, 2)   # where it is already: nothing to do
    assert not move_to(form.condition, intent, form.condition, 1)
    assert not move_to(form.condition, group, group, 0)   # a group into itself
    assert move_to(form.condition, group.items[0], form.condition, 0)
    assert move_to(form.condition, group.items[0], form.condition, 0)
    assert move_to(form.condition, group.items[0], form.condition, 0)   # the emptied group is gone
    assert when(form) == "WHEN CONTEXT_HAS y AND NOT USER_MENTIONS brand AND CONTEXT_HAS x AND INTENT_IS a"


def test_a_group_cannot_go_into_a_group_inside_it():
    form = form_of('RULE r\nWHEN INTENT_IS a AND (CONTEXT_HAS x OR (CONTEXT_HAS y AND CONTEXT_HAS z))\nTHEN\n'
                   '    SUGGEST_BRANDS')
    outer = form.condition.items[1]
    inner = outer.items[1]
    assert not move_to(form.condition, outer, inner, 0)
    assert move_to(form.condition, inner, form.condition, 0)
    assert when(form) == "WHEN (CONTEXT_HAS y AND CONTEXT_HAS z) AND INTENT_IS a AND CONTEXT_HAS x"


def test_a_path_leads_back_to_its_item():
    form = form_of()
    for item in _items(form.condition):
        assert item_at(form.condition, path_of(form.condition, item)) is item
    assert item_at(form.condition, [7]) is None and item_at(form.condition, [0, 0]) is None


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([r for r in SAMPLE_RULES if from_rule(r) is not None]), st.data())
def test_every_drop_renders_text_that_parses_back_to_the_moved_form(rule, data):
    form = from_rule(rule)
    items = list(_items(form.condition))
    if not items:
        return
    item = data.draw(st.sampled_from(items))
    groups = [form.condition] + [i for i in items if isinstance(i, Group)]
    group = data.draw(st.sampled_from(groups))
    index = data.draw(st.integers(0, len(group.items)))
    rows_before = sorted(map(repr, form.rows()))
    if move_to(form.condition, item, group, index):
        assert path_of(form.condition, item) is not None
    assert sorted(map(repr, form.rows())) == rows_before
    assert render(from_rule(parse(render(form)).program.rules[0])) == render(form)
