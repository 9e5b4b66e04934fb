"""Unhandled messages grouped by similarity: Chinese near-duplicates together, largest group first."""
from __future__ import annotations

from collections import Counter

from studio.traffic import groups as groups_module
from studio.traffic.groups import group_messages, jaccard, salient_words

UNHANDLED = Counter({
    "快递几天能到": 4, "快递几天能到啊": 2, "快递要几天才能到？": 1,
    "可以开增值税发票吗": 2, "怎么开电子发票": 1,
    "退货怎么退": 3, "退货怎么退啊": 1,
    "保修多久": 1,
    "你们的店在哪里": 1,
})


def by_text(groups):
    return {g.text: g for g in groups}


def test_chinese_near_duplicates_are_one_group_largest_first():
    groups = group_messages(UNHANDLED)
    assert [(g.text, g.count) for g in groups[:3]] == [("快递几天能到", 7), ("退货怎么退", 4), ("可以开增值税发票吗", 3)]
    assert by_text(groups)["快递几天能到"].examples == ("快递几天能到", "快递几天能到啊", "快递要几天才能到？")
    assert by_text(groups)["保修多久"].count == 1
    assert sum(g.count for g in groups) == sum(UNHANDLED.values())


def test_full_width_forms_and_case_fold_to_one_message():
    groups = group_messages(Counter({"ＯＫ吗？": 1, "ok吗?": 2, "！！": 1, "!!": 1}))
    assert [(g.text, g.count) for g in groups] == [("ok吗?", 3), ("!!", 2)]


def test_the_groups_do_not_depend_on_the_order_of_the_messages():
    reversed_counts = Counter(dict(reversed(list(UNHANDLED.items()))))
    assert group_messages(reversed_counts) == group_messages(UNHANDLED)


def test_limits_on_groups_and_examples():
    groups = group_messages(UNHANDLED, limit=2, examples=1)
    assert len(groups) == 2 and all(len(g.examples) == 1 for g in groups)


def test_function_and_question_words_are_not_salient():
    assert salient_words("请问快递几天能到啊？") == {"快递", "几天", "到"}
    assert jaccard({"a"}, {"a", "b"}) == 0.5 and jaccard(set(), set()) == 0.0


def test_a_common_word_costs_a_bounded_number_of_comparisons(monkeypatch):
    compared = []
    real = groups_module.jaccard
    monkeypatch.setattr(groups_module, "jaccard", lambda a, b: compared.append(1) or real(a, b))
    monkeypatch.setattr(groups_module, "MAX_CANDIDATES_PER_WORD", 10)
    many = Counter({f"发票问题编号{chr(0x4e00 + n)}{chr(0x4e00 + 2 * n + 1)}": 1 for n in range(300)})
    group_messages(many)
    words = sum(len(salient_words(m)) for m in many)
    assert len(compared) <= 10 * words


def test_messages_with_the_same_salient_words_join_without_being_compared(monkeypatch):
    compared = []
    real = groups_module.jaccard
    monkeypatch.setattr(groups_module, "jaccard", lambda a, b: compared.append(1) or real(a, b))
    many = Counter({f"订单{n}快递几天能到{'啊' * (n % 3)}": 1 for n in range(300)})
    groups = group_messages(many)
    assert [(g.count, len(g.examples)) for g in groups] == [(300, 5)]
    assert compared == []
