from tests.checks.checks_helpers import codes, fixed, run, span_of


def test_undeclared_intent_points_at_the_name_and_suggests_the_declared_one():
    source = 'RULE r WHEN INTENT_IS product_qurey THEN RESPOND "好"\n'
    [found] = codes(run(source), "E110")
    assert found.span == span_of(source, "product_qurey")
    assert found.suggestion == "product_query"
    assert fixed(source, found) == source.replace("product_qurey", "product_query")


def test_intent_declared_in_another_file_is_known():
    assert codes(run('RULE r WHEN INTENT_IS greet THEN RESPOND "好"\n', 'INTENT greet KEYWORDS "你好"\n'),
                 "E110") == []


def test_undeclared_intent_far_from_every_declared_one_has_no_suggestion():
    [found] = codes(run('RULE r WHEN NOT INTENT_IS weather THEN RESPOND "好"\n'), "E110")
    assert found.suggestion is None and found.fixes == ()
    assert found.message == "intent 'weather' is not declared"
