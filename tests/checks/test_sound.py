import pytest

from studio.checks.sound import substitutions_sound_alike


@pytest.mark.parametrize(("typed", "known"), [
    ("华维", "华为"),     # same reading
    ("海星", "海信"),     # xing / xin
    ("战神", "赞神"),     # zhan / zan
    ("牛牛", "刘牛"),     # niu / liu
    ("大僵", "大疆"),     # a polyphone counts with every reading
])
def test_homophones_and_fuzzy_pinyin_sound_alike(typed, known):
    assert substitutions_sound_alike(typed, known)


@pytest.mark.parametrize(("typed", "known"), [("水果", "苹果"), ("手机", "华为"), ("小马", "小米")])
def test_other_words_do_not(typed, known):
    assert not substitutions_sound_alike(typed, known)


@pytest.mark.parametrize(("typed", "known"), [("为华", "华为"), ("苹", "苹果"), ("lenvo", "Lenovo"), ("华X", "华为")])
def test_swaps_gaps_and_non_chinese_changes_are_left_to_the_edit_distance(typed, known):
    assert substitutions_sound_alike(typed, known)


def test_an_unlike_replacement_next_to_a_missing_character_is_still_another_word():
    assert not substitutions_sound_alike("锐达卓104", "诺达104")   # rui/nuo replaced, 卓 extra
    assert substitutions_sound_alike("华维维", "华为")              # wei/wei replaced, one extra
