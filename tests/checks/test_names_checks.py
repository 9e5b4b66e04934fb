from tests.checks.checks_helpers import codes, fixed, run, span_of


def test_unknown_brand_gets_did_you_mean_and_a_fix_replacing_just_the_name():
    source = 'RULE r WHEN ALWAYS THEN ADD_TO_CHAIN brand "华维"\n'
    [found] = codes(run(source), "E200")
    assert found.span == span_of(source, "华维")
    assert found.message == "unknown brand '华维' (did you mean '华为'?)"
    assert found.suggestion == "华为"
    assert fixed(source, found) == source.replace("华维", "华为")


def test_brand_in_a_context_test_is_checked_too():
    source = 'RULE r WHEN CONTEXT_EQ current_brand "lenvo" THEN RESPOND "好"\n'
    [found] = codes(run(source), "E200")
    assert found.span == span_of(source, "lenvo") and found.suggestion == "Lenovo"


def test_alias_is_a_known_brand():
    assert codes(run('RULE r WHEN CONTEXT_EQ current_brand "Apple" THEN ADD_TO_CHAIN brand "iPhone"\n'),
                 "E200", "W220") == []


def test_case_only_difference_is_unknown_with_the_knowledge_spelling_suggested():
    source = 'RULE r WHEN ALWAYS THEN ADD_TO_CHAIN brand "lenovo"\n'
    [found] = codes(run(source), "E200")
    assert found.suggestion == "Lenovo"


def test_unknown_brand_far_from_every_name_has_no_fix():
    [found] = codes(run('RULE r WHEN ALWAYS THEN ADD_TO_CHAIN brand "诺基亚"\n'), "E200")
    assert found.suggestion is None and found.fixes == ()


def test_unknown_category_with_did_you_mean():
    source = 'RULE r WHEN CONTEXT_EQ current_category "手鸡" THEN RESPOND "好"\n'
    [found] = codes(run(source), "E201")
    assert found.span == span_of(source, "手鸡") and found.suggestion == "手机"
    assert fixed(source, found) == source.replace("手鸡", "手机")


def test_known_category_is_fine():
    assert codes(run('RULE r WHEN ALWAYS THEN ADD_TO_CHAIN category "电脑"\n'), "E201") == []


def test_subtype_of_another_category_is_an_e201():
    source = 'RULE r WHEN ALWAYS THEN ADD_TO_CHAIN category "手机"\n    ADD_TO_CHAIN subtype "笔记本"\n'
    [found] = codes(run(source), "E201")
    assert found.span == span_of(source, "笔记本")
    assert found.message == "'笔记本' is a subtype of 电脑, not of 手机"


def test_subtype_of_the_chosen_category_is_fine():
    source = 'RULE r WHEN CONTEXT_EQ current_category "电脑" THEN ADD_TO_CHAIN subtype "台式机"\n'
    assert codes(run(source), "E201") == []


def test_unknown_series_with_did_you_mean_in_latin_any_case():
    source = 'RULE r WHEN ALWAYS THEN ADD_TO_CHAIN series "iphone 16 pro"\n'
    [found] = codes(run(source), "E202")
    assert found.span == span_of(source, "iphone 16 pro") and found.suggestion == "iPhone 16 Pro"


def test_series_of_another_brand_than_the_chosen_one_is_an_e202():
    source = 'RULE r WHEN CONTEXT_EQ current_brand "华为" THEN ADD_TO_CHAIN series "iPhone 16"\n'
    [found] = codes(run(source), "E202")
    assert found.message == "'iPhone 16' is a series of 苹果, not of 华为"


def test_series_of_the_chosen_brand_is_fine():
    source = 'RULE r WHEN ALWAYS THEN ADD_TO_CHAIN brand "Apple"\n    ADD_TO_CHAIN series "iPhone 16"\n'
    assert codes(run(source), "E202") == []


def test_brand_of_another_category_than_the_chosen_one_is_w220():
    source = 'RULE r WHEN CONTEXT_EQ current_category "手机" THEN ADD_TO_CHAIN brand "联想"\n'
    [found] = codes(run(source), "W220", "E200")
    assert found.code == "W220" and found.span == span_of(source, "联想")
    assert found.message == "'联想' is a brand of 电脑, not of 手机"


def test_brand_of_the_chosen_category_is_not_w220():
    source = ('RULE r WHEN CONTEXT_EQ current_category "电脑" THEN ADD_TO_CHAIN brand "苹果"\n'
              'RULE s WHEN ALWAYS THEN ADD_TO_CHAIN category "手机"\n    ADD_TO_CHAIN brand "小米"\n')
    assert codes(run(source), "W220") == []


def test_category_chosen_by_an_earlier_action_and_cleared_by_a_reset():
    source = ('RULE r WHEN ALWAYS THEN ADD_TO_CHAIN category "手机"\n    ADD_TO_CHAIN brand "戴尔"\n'
              '    RESET_SHOPPING_CONTEXT\n    ADD_TO_CHAIN brand "联想"\n')
    [found] = codes(run(source), "W220")
    assert found.span == span_of(source, "戴尔")


def test_category_required_only_under_or_is_not_chosen():
    source = ('RULE r WHEN CONTEXT_EQ current_category "手机" OR CONTEXT_HAS budget_range\n'
              'THEN ADD_TO_CHAIN brand "联想"\n')
    assert codes(run(source), "W220") == []
