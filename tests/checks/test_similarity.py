import pytest

from studio.checks.similarity import NameIndex, allowed_edits, distance
from tests.checks.checks_helpers import distinct_word, peak_bytes


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


def test_near_miss_queries_measure_only_a_few_candidates_among_thousands_of_names(monkeypatch):
    from studio.checks import similarity
    names = [f"品牌{i:04d}号" for i in range(3000)] + [f"Brand{i:04d}" for i in range(3000)]
    index = NameIndex(names)
    measured = []
    monkeypatch.setattr(similarity, "distance", lambda a, b, limit=2: measured.append(b) or distance(a, b, limit))
    for i in range(2000):
        index.closest(f"查询词{i}")
    assert index.closest("品牌0042好") == "品牌0042号"
    # A scan would measure all 6,000 names per query (12 million); the deletion index hands out a few.
    assert len(measured) < 2001 * 10


# --- long names: a name longer than any known one cannot be a near miss --------------------

@pytest.mark.parametrize("length", [600, 5000])
def test_a_word_far_longer_than_every_known_name_answers_none_without_building_variants(length):
    index = NameIndex(["华为", "Lenovo", "iPhone 16 Pro Max"])
    found, peak = peak_bytes(lambda: index.closest(distinct_word(length)))
    assert found is None
    assert peak < 200_000   # the word and a few copies; its deletion variants alone were ~length² / 2 strings


@pytest.mark.parametrize("length", [600, 5000])
def test_a_long_known_name_is_indexed_in_linear_memory(length):
    name = distinct_word(length)
    index, peak = peak_bytes(lambda: NameIndex([name, "Lenovo"]))
    assert peak < 100 * length + 200_000   # a bounded number of variants, not one per pair of positions
    assert index.closest("lenvo") == "Lenovo"


@pytest.mark.parametrize("length", [40, 600, 5000])
def test_a_long_known_name_is_still_suggested_for_a_near_miss(length):
    name = distinct_word(length, seed=3)
    index = NameIndex(["Lenovo", name, distinct_word(length, seed=5)])
    swapped = name[:length // 2] + name[length // 2 + 1] + name[length // 2] + name[length // 2 + 2:]
    assert index.closest(swapped) == name
    assert index.closest(name[:-1]) == name
    assert index.closest(name + "xy") == name
    assert index.closest(name.upper()) == name
    assert index.closest(name[:10] + "XYZ" + name[13:]) is None   # three edits: too far


def test_distance_of_long_words_stops_at_the_limit():
    a = distinct_word(3000)
    assert distance(a, a[:1500] + "Q" + a[1501:]) == 1
    assert distance(a, "Q" + a[1:-1] + "Q") == 2
    assert distance(a, "QQ" + a[2:-1] + "Q") == 3   # above the limit: capped
    assert distance(a, a[1:] + "Q") == 2
