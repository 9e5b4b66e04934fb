from tests.checks.checks_helpers import codes, run, span_of


def test_duplicate_rule_name_points_at_the_second_and_says_where_the_first_is():
    first = 'RULE greet WHEN INTENT_IS product_query THEN RESPOND "1"\n'
    second = 'RULE greet WHEN USER_MENTION_ANY "你好" THEN RESPOND "2"\n'
    [found] = codes(run(first, second), "E120")
    assert found.file == "r2.dsl"
    assert found.span == span_of(second, "greet", prelude=False)
    assert "r1.dsl:3" in found.message


def test_distinct_rule_names_are_not_duplicates():
    assert codes(run('RULE a WHEN ALWAYS THEN RESPOND "1"\n', 'RULE b WHEN ALWAYS THEN RESPOND "2"\n'),
                 "E120") == []


def test_rule_after_an_always_rule_of_higher_priority_can_never_fire():
    source = ('RULE catch_all PRIORITY 5 WHEN ALWAYS OR INTENT_IS product_query THEN RESPOND "1"\n'
              'RULE late PRIORITY 5 WHEN INTENT_IS product_query THEN RESPOND "2"\n')
    found = codes(run(source), "W300")
    # The prelude's own fallback (priority -100) is shadowed too.
    assert [d.span for d in found] == [span_of(source, "fallback"), span_of(source, "late")]
    assert "'catch_all'" in found[1].message and "always true" in found[1].message


def test_always_at_lower_priority_does_not_shadow():
    source = ('RULE specific PRIORITY 1 WHEN INTENT_IS product_query THEN RESPOND "1"\n'
              'RULE catch_all PRIORITY 0 WHEN ALWAYS THEN RESPOND "2"\n')
    assert [d for d in codes(run(source), "W300") if "specific" in d.message] == []


def test_identical_condition_at_equal_priority_shadows_whatever_the_layout():
    first = 'RULE a WHEN INTENT_IS product_query AND USER_MENTION_ANY "贵|便宜" THEN RESPOND "1"\n'
    second = 'RULE b\nWHEN USER_MENTION_ANY "便宜 | 贵"\n    AND INTENT_IS product_query\nTHEN RESPOND "2"\n'
    [found] = codes(run(first, second), "W300")
    assert found.file == "r2.dsl" and found.span == span_of(second, "b", prelude=False)
    assert "same condition" in found.message and "r1.dsl" in found.message


def test_identical_condition_at_higher_priority_later_in_the_file_shadows_the_earlier_rule():
    source = ('RULE low WHEN CONTEXT_HAS current_brand THEN RESPOND "1"\n'
              'RULE high PRIORITY 3 WHEN CONTEXT_HAS current_brand THEN RESPOND "2"\n')
    [found] = codes(run(source), "W300")
    assert found.span == span_of(source, "low")


def test_similar_but_different_conditions_do_not_shadow():
    source = ('RULE a WHEN CONTEXT_EQ current_stage "x" THEN RESPOND "1"\n'
              'RULE b WHEN CONTEXT_EQ current_stage "y" THEN RESPOND "2"\n')
    assert codes(run(source), "W300") == []


def test_rule_whose_condition_is_never_true_is_w340_naming_the_part_that_never_holds():
    source = 'RULE dead WHEN INTENT_IS product_query AND NOT ALWAYS THEN RESPOND "1"\n'
    found = run(source)
    assert codes(found, "W300") == []
    [dead] = codes(found, "W340")
    assert dead.span == span_of(source, "dead") and "never true" in dead.message
    assert "NOT ALWAYS never holds" in dead.message and "INTENT_IS" not in dead.message


def test_missing_fallback_points_at_the_last_rule():
    source = 'RULE a WHEN INTENT_IS product_query THEN RESPOND "1"\nRULE b WHEN CONTEXT_HAS x THEN RESPOND "2"\n'
    [found] = codes(run(source, prelude=False), "W330")
    assert found.span == span_of(source, "b WHEN", prelude=False).sub(0, 1)


def test_fallback_in_another_file_counts():
    assert codes(run('RULE a WHEN ALWAYS THEN RESPOND "1"\n', 'RULE b WHEN CONTEXT_HAS x THEN RESPOND "2"\n',
                     prelude=False), "W330") == []


def test_an_always_true_expression_counts_as_a_fallback():
    assert codes(run('RULE a WHEN NOT NOT ALWAYS OR CONTEXT_HAS x THEN RESPOND "1"\n', prelude=False),
                 "W330") == []


def test_project_without_rules_misses_a_fallback_at_line_one():
    [found] = codes(run('INTENT greet KEYWORDS "你好"\n', prelude=False), "W330")
    assert (found.file, found.span.line, found.span.column) == ("r1.dsl", 1, 1)
