import time

from studio.checks.similarity import NameIndex, allowed_edits, distance


def test_distance_counts_chinese_characters_and_swaps():
    assert distance("华维", "华为") == 1
    assert distance("abdc", "abcd") == 1          # one swap, not two substitutions
    assert distance("lenvo", "lenovo") == 1
    assert distance("abcdef", "uvwxyz", limit=2) == 3   # capped just above the limit


def test_allowed_edits_grow_with_the_known_name():
    assert [allowed_edits(n) for n in ("华", "华为", "任天堂", "小米之家", "小米智能家")] == [0, 1, 1, 1, 2]
    assert [allowed_edits(n) for n in ("HP", "Mac", "Lenovo", "iPhone 16")] == [0, 1, 2, 2]


def test_closest_finds_chinese_and_latin_near_misses_as_written_in_the_knowledge():
    index = NameIndex(["华为", "苹果", "Lenovo", "iPhone 16"])
    assert index.closest("华维") == "华为"
    assert index.closest("lenvo") == "Lenovo"
    assert index.closest("LENOVO") == "Lenovo"
    assert index.closest("iphone 16") == "iPhone 16"


def test_closest_rejects_words_too_far_from_every_name():
    index = NameIndex(["华为", "苹果", "HP"])
    assert index.closest("手机") is None
    assert index.closest("苹果手机") is None      # two more characters than a two-character name allows
    assert index.closest("HQ") is None            # two Latin letters: no room for a typo
    assert index.closest("华") is None


def test_closest_prefers_fewer_edits_then_the_first_name():
    index = NameIndex(["abcdef", "abcxyz", "abcdxf"])
    assert index.closest("abcdeg") == "abcdef"
    assert NameIndex(["aaab", "aaac"]).closest("aaad") == "aaab"


def test_near_miss_queries_stay_fast_with_thousands_of_names():
    names = [f"品牌{i:04d}号" for i in range(3000)] + [f"Brand{i:04d}" for i in range(3000)]
    index = NameIndex(names)
    started = time.perf_counter()
    for i in range(2000):
        index.closest(f"查询词{i}")
    assert index.closest("品牌0042好") == "品牌0042号"
    assert time.perf_counter() - started < 2.0   # ~2 ms; a scan of every name would take tens of seconds
