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


# ---------------------------------------------------------------- W300 / W340 / W350 through `check`

def test_w300_names_every_covering_rule_of_a_union_with_where_they_are():
    source = ('RULE with_x PRIORITY 5 WHEN INTENT_IS product_query AND USER_MENTION_ANY "x" THEN RESPOND "1"\n'
              'RULE without_x PRIORITY 5 WHEN INTENT_IS product_query AND NOT USER_MENTION_ANY "x" THEN RESPOND "2"\n'
              'RULE staged WHEN INTENT_IS product_query AND CONTEXT_STAGE_IS "s" THEN RESPOND "3"\n')
    [found] = codes(run(source), "W300")
    assert found.span == span_of(source, "staged")
    assert found.message == ("rule 'staged' can never fire: rules 'with_x' (r1.dsl:3, priority 5) and "
                             "'without_x' (r1.dsl:4, priority 5) are tried first and one of them holds whenever it does")
    assert found.witness["fires"] in ("with_x", "without_x") and found.witness["intent"] == "product_query"


def test_w300_names_three_covering_rules_and_counts_the_others():
    stages = "abcde"
    source = "".join(f'RULE s_{s} PRIORITY 5 WHEN CONTEXT_STAGE_IS "{s}" THEN RESPOND "{s}"\n' for s in stages)
    source += ('RULE any_of_them WHEN ' + " OR ".join(f'CONTEXT_STAGE_IS "{s}"' for s in stages)
               + ' THEN RESPOND "x"\n')
    [found] = codes(run(source), "W300")
    assert "rules 's_a' (r1.dsl:3, priority 5), 's_b' (r1.dsl:4, priority 5), 's_c' (r1.dsl:5, priority 5) " \
           "and 2 more are tried first" in found.message


def test_w300_one_covering_rule_that_holds_whenever_the_rule_does():
    source = ('RULE huawei PRIORITY 1 WHEN USER_MENTION_ANY "华为" THEN RESPOND "1"\n'
              'RULE huawei_phone WHEN USER_MENTION_ANY "华为手机" THEN RESPOND "2"\n')
    [found] = codes(run(source), "W300")
    assert found.message == ("rule 'huawei_phone' can never fire: rule 'huawei' (r1.dsl:3, priority 1) "
                             "is tried first and holds whenever it does")


def test_w300_near_misses_are_not_reported():
    source = ('RULE huawei_phone PRIORITY 1 WHEN USER_MENTION_ANY "华为手机" THEN RESPOND "1"\n'
              'RULE huawei WHEN USER_MENTION_ANY "华为" THEN RESPOND "2"\n'
              'RULE x PRIORITY 1 WHEN CONTEXT_EQ v "1" THEN RESPOND "3"\n'
              'RULE y WHEN CONTEXT_HAS v THEN RESPOND "4"\n'
              'RULE brand PRIORITY 1 WHEN USER_MENTIONS brand THEN RESPOND "5"\n'
              'RULE huawei_anywhere PRIORITY 1 WHEN USER_MENTION_ANY "华为" AND CONTEXT_HAS w THEN RESPOND "6"\n')
    assert codes(run(source), "W300", "W340") == []


def test_w340_names_the_clashing_conditions():
    source = 'RULE never WHEN CONTEXT_STAGE_IS "a" AND INTENT_IS product_query AND CONTEXT_STAGE_IS "b" THEN RESPOND "1"\n'
    [found] = codes(run(source), "W340")
    assert found.span == span_of(source, "never") and found.witness is None
    assert found.message == ("rule 'never' can never fire: its condition is never true: "
                             'CONTEXT_STAGE_IS "a" and CONTEXT_STAGE_IS "b" cannot both hold')


def test_w350_points_at_the_shared_keyword_of_the_later_intent():
    source = 'INTENT cart KEYWORDS "下单|结算"\nINTENT order KEYWORDS "付款|下单"\n'
    [found] = codes(run(source), "W350")
    assert found.span == span_of(source, "下单", nth=1)
    assert "'下单' of intent 'order' is also a keyword of 'cart' (r1.dsl:3)" in found.message
    assert found.witness == {"message": "下单", "intent": "cart"}


def test_w350_an_intent_never_detected_offline():
    source = 'INTENT cart KEYWORDS "买单"\n'
    [found] = codes(run(source), "W350")
    assert found.span == span_of(source, "cart")
    assert found.message == ("intent 'cart' is never detected offline: every message with its keywords gives "
                             "'product_query' as many hits or more (ties go to the intent declared first)")
    assert found.witness == {"message": "买单", "intent": "product_query"}


def test_conversation_start_with_an_intent_or_message_text_never_holds_w340():
    source = ('INTENT greeting KEYWORDS "你好"\n'
              'RULE a WHEN CONVERSATION_START AND INTENT_IS greeting THEN RESPOND "x"\n'
              'RULE b WHEN CONVERSATION_START AND USER_MENTION_ANY "你好" THEN RESPOND "y"\n'
              'RULE c WHEN CONVERSATION_START AND NOT USER_MENTION_ANY "你好" THEN RESPOND "z"\n'
              'RULE d WHEN CONVERSATION_START THEN RESPOND "w"\n')
    found = codes(run(source), "W340")
    assert [d.message.split("'")[1] for d in found] == ["a", "b"]
    assert "CONVERSATION_START and INTENT_IS greeting cannot both hold" in found[0].message
    assert [d.message.split("'")[1] for d in codes(run(source), "W300")] == ["d"]   # c always holds there first
