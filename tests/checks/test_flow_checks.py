from tests.checks.checks_helpers import codes, fixed, run, span_of


def test_stage_tested_but_never_set_gets_did_you_mean_among_set_stages():
    source = ('RULE a WHEN ALWAYS THEN SET_STAGE "brand_select"\n'
              'RULE b WHEN CONTEXT_STAGE_IS "brand_selct" THEN RESPOND "好"\n')
    [found] = codes(run(source), "W310")
    assert found.span == span_of(source, "brand_selct")
    assert found.suggestion == "brand_select"
    assert fixed(source, found) == source.replace("brand_selct", "brand_select")


def test_stage_set_in_another_file_counts():
    tests = 'RULE b WHEN CONTEXT_EQ current_stage "cart" THEN RESPOND "好"\n'
    sets = 'RULE a WHEN ALWAYS THEN SET_VAR current_stage "cart"\n'
    assert codes(run(tests, sets), "W310") == []


def test_welcome_is_the_initial_stage():
    assert codes(run('RULE b WHEN CONTEXT_STAGE_IS "welcome" THEN RESPOND "好"\n'), "W310") == []


def test_stage_set_from_a_template_can_be_anything():
    source = ('RULE a WHEN ALWAYS THEN SET_VAR current_stage "{last_intent}"\n'
              'RULE b WHEN CONTEXT_STAGE_IS "whatever" THEN RESPOND "好"\n')
    assert codes(run(source), "W310") == []


def test_unset_variable_points_at_the_placeholder_and_fixes_the_name():
    source = 'RULE r WHEN ALWAYS THEN RESPOND "您选的是 {current_brnd}。"\n'
    [found] = codes(run(source), "W320")
    assert found.span == span_of(source, "{current_brnd}")
    assert found.suggestion == "current_brand"
    assert found.fixes[0].span == span_of(source, "current_brnd")
    assert fixed(source, found) == source.replace("current_brnd", "current_brand")


def test_variables_set_anywhere_builtins_and_escaped_braces_are_fine():
    source = ('RULE a WHEN ALWAYS THEN SET_VAR last_topic "{current_series}"\n'
              'RULE b WHEN ALWAYS THEN GENERATE "{{literal}} {last_topic} {budget_range} {{x}}"\n')
    assert codes(run(source), "W320") == []


def test_unset_variable_in_set_var_and_generate_templates():
    source = 'RULE a WHEN ALWAYS THEN SET_VAR x "{nope}"\n    GENERATE "{{{also_nope}}}"\n'
    found = codes(run(source), "W320")
    assert [d.span for d in found] == [span_of(source, "{nope}"), span_of(source, "{also_nope}")]
    assert all(d.suggestion is None for d in found)


def test_chain_values_and_scenarios_are_templates_too():
    source = 'RULE a WHEN ALWAYS THEN ADD_TO_CHAIN brand "{fav}"\n    SUGGEST_BY_SCENARIO "{usage_scenaro}"\n'
    found = run(source)
    assert [d.span for d in codes(found, "W320")] == [span_of(source, "{fav}"), span_of(source, "{usage_scenaro}")]
    assert codes(found, "E200") == []     # the brand is only known when the template is rendered


def test_an_in_stage_stage_no_rule_sets_is_w310_at_that_stage_with_did_you_mean():
    source = ('INTENT cart KEYWORDS "继续" IN_STAGE "cart_added|cart_aded"\n'
              'RULE a WHEN ALWAYS THEN SET_STAGE "cart_added"\n')
    [found] = codes(run(source), "W310")
    assert found.span == span_of(source, "cart_aded")
    assert "IN_STAGE" in found.message
    assert found.suggestion == "cart_added"
    assert fixed(source, found) == source.replace("cart_aded", "cart_added")


def test_in_stage_stages_that_rules_set_are_clean():
    source = ('INTENT cart KEYWORDS "继续" IN_STAGE "cart_added|welcome"\n'
              'RULE a WHEN ALWAYS THEN SET_STAGE "cart_added"\n')
    assert codes(run(source), "W310") == []
