from tests.checks.checks_helpers import codes, fixed, run, span_of


def test_misspelt_brand_among_alternatives_gets_a_fix_for_just_that_alternative():
    source = 'RULE r WHEN USER_MENTION_ANY "苹果|华维|小米" THEN RESPOND "好"\n'
    [found] = codes(run(source), "W210")
    assert found.span == span_of(source, "华维")
    assert found.message == "'华维' is not a brand in the knowledge (did you mean '华为'?)"
    assert fixed(source, found) == source.replace("华维", "华为")


def test_alternatives_with_escapes_still_get_exact_spans():
    source = 'RULE r WHEN USER_MENTION_ALL "\\"引号\\"|lenvo" THEN RESPOND "好"\n'
    [found] = codes(run(source), "W210")
    assert found.span == span_of(source, "lenvo") and found.suggestion == "Lenovo"
    assert fixed(source, found) == source.replace("lenvo", "Lenovo")


def test_ordinary_words_and_aliases_in_alternatives_are_not_flagged():
    source = 'RULE r WHEN USER_MENTION_ANY "有哪些品牌|推荐|apple|HUAWEI|苹果手机|笔记本" THEN RESPOND "好"\n'
    assert codes(run(source), "W210") == []


def test_brand_of_another_category_in_alternatives():
    source = 'RULE r WHEN CONTEXT_EQ current_category "手机" AND USER_MENTION_ANY "小米|联想" THEN RESPOND "好"\n'
    [found] = codes(run(source), "W210")
    assert found.span == span_of(source, "联想")
    assert found.message == "'联想' is a brand of 电脑, not of 手机"
    assert found.fixes == ()


def test_misspelt_brand_in_a_reply_list():
    source = 'RULE r WHEN ALWAYS THEN RESPOND "目前主流手机品牌有：苹果、华维、小米等。"\n'
    [found] = codes(run(source), "W210")
    assert found.span == span_of(source, "华维")
    assert fixed(source, found) == source.replace("华维", "华为")


def test_reply_without_a_brand_list_is_not_read_for_near_misses():
    # 水果 is one character from 苹果, but this list holds no brand.
    source = 'RULE r WHEN ALWAYS THEN RESPOND "我们也卖水果、蔬菜和零食，欢迎选购。"\n'
    assert codes(run(source), "W210", "I400") == []


def test_brand_of_another_category_in_a_reply_list():
    source = 'RULE r WHEN ALWAYS THEN ADD_TO_CHAIN category "电脑"\n    RESPOND "推荐联想、戴尔和小米"\n'
    [found] = codes(run(source), "W210")
    assert found.span == span_of(source, "小米")
    assert found.message == "'小米' is a brand of 手机, not of 电脑"


def test_hard_coded_brand_list_suggests_suggest_brands_without_a_fix_when_the_reply_says_more():
    source = 'RULE r WHEN ALWAYS THEN RESPOND "目前主流手机品牌有：苹果、华为、小米、三星等。"\n'
    [found] = codes(run(source), "I400")
    assert found.span == span_of(source, "苹果、华为、小米、三星")
    assert "SUGGEST_BRANDS" in found.message and "手机" in found.message
    assert found.fixes == ()


def test_reply_that_is_only_a_brand_list_can_be_replaced_by_suggest_brands():
    source = 'RULE r WHEN ALWAYS THEN RESPOND "联想、戴尔等。"\n'
    [found] = codes(run(source), "I400")
    assert found.suggestion == "SUGGEST_BRANDS"
    assert fixed(source, found) == 'RULE r WHEN ALWAYS THEN SUGGEST_BRANDS\n'


def test_one_brand_or_brands_of_different_categories_are_not_a_hard_coded_list():
    source = ('RULE r WHEN ALWAYS THEN RESPOND "苹果，很好用。"\n'
              'RULE s WHEN USER_MENTION_ANY "x" THEN RESPOND "小米、戴尔"\n')
    assert codes(run(source), "I400") == []


def test_a_word_that_only_looks_like_a_brand_is_not_a_typo_but_a_homophone_is():
    # 水果 is one character from 苹果 but sounds nothing like it; 萍果 (ping guo) is how the typo happens.
    source = 'RULE r WHEN USER_MENTION_ANY "水果|萍果|小咪" THEN RESPOND "好"\n'
    found = codes(run(source), "W210")
    assert [(d.span, d.suggestion) for d in found] == [(span_of(source, "萍果"), "苹果"),
                                                       (span_of(source, "小咪"), "小米")]


def test_swapped_or_missing_characters_stay_typos_whatever_they_sound_like():
    source = 'RULE r WHEN USER_MENTION_ANY "为华|Xiaom" THEN RESPOND "好"\n'
    assert [d.suggestion for d in codes(run(source), "W210")] == ["华为", "Xiaomi"]
