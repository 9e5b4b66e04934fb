"""The Qt-free brand occurrence finder behind "rename a brand in the rules"."""
from hypothesis import given, settings, strategies as st

from studio.refactor import (ALTERNATIVE, KEYWORD, LIST_ITEM, TYPED, find_brand_occurrences,
                             find_occurrences, list_items, rename_in_texts)

RULES = '''INTENT product_query "问商品"
    KEYWORDS "买|推荐|苹果|华为"

RULE pick_apple
WHEN USER_MENTION_ANY "苹果|苹果手机|iphone" AND NOT CONTEXT_EQ current_brand "苹果"
THEN
    ADD_TO_CHAIN brand "苹果"
    RESPOND "好的，苹果的系列有：{series}"

RULE list_brands
WHEN USER_MENTION_ALL "品牌|苹果派"
THEN
    RESPOND "我们有苹果、华为、小米等品牌，也有苹果派和大苹果。"
    GENERATE "推荐 华为 / 苹果"
'''


def kinds_and_places(occurrences):
    return [(o.kind, o.line, o.column, o.old, o.rule) for o in occurrences]


def test_finds_typed_places_alternatives_keywords_and_list_items():
    found = find_occurrences(RULES, "rules/a.dsl", "苹果", "Apple")
    assert kinds_and_places(found) == [
        (KEYWORD, 2, 20, "苹果", None),
        (ALTERNATIVE, 5, 24, "苹果", "pick_apple"),
        (TYPED, 5, 74, "苹果", "pick_apple"),
        (TYPED, 7, 25, "苹果", "pick_apple"),
        (LIST_ITEM, 13, 17, "苹果", "list_brands"),
        (LIST_ITEM, 14, 23, "苹果", "list_brands"),
    ]
    assert all(o.file == "rules/a.dsl" and o.new == "Apple" for o in found)
    assert found[1].line_text == RULES.splitlines()[4]


def test_never_matches_inside_a_longer_word():
    found = find_occurrences(RULES, "a.dsl", "苹果", "Apple")
    lines = RULES.splitlines()
    for o in found:
        text = lines[o.line - 1]
        assert text[o.column - 1:o.column - 1 + 2] == "苹果"
    # 苹果手机, 苹果派, 大苹果 and the 苹果 of a sentence that is no list stay untouched.
    assert not any(o.line in (8, 11) for o in found)
    assert [o for o in found if o.line == 13] and len([o for o in found if o.line == 13]) == 1


def test_span_covers_exactly_the_name_and_sits_in_the_source():
    for o in find_occurrences(RULES, "a.dsl", "华为", "HUAWEI"):
        assert RULES[o.span.start:o.span.end] == "华为"
        assert o.span.end_column - o.span.column == 2


def test_case_insensitive_like_mentions():
    text = 'RULE r\nWHEN USER_MENTION_ANY "apple|APPLE watch"\nTHEN\n    ADD_TO_CHAIN brand "Apple"\n'
    found = find_occurrences(text, "r.dsl", "Apple", "苹果")
    assert [(o.old, o.kind) for o in found] == [("apple", ALTERNATIVE), ("Apple", TYPED)]


def test_rename_in_texts_changes_only_the_chosen_places_and_escapes():
    texts = {"rules/a.dsl": RULES, "rules/b.dsl": 'RULE x\nWHEN ALWAYS\nTHEN\n    RESPOND "hi"\n'}
    found = find_brand_occurrences(texts, "苹果", 'A"pple{x}')
    chosen = [o for o in found if o.kind != KEYWORD]
    changed = rename_in_texts(texts, chosen)
    assert list(changed) == ["rules/a.dsl"]
    new = changed["rules/a.dsl"]
    assert 'KEYWORDS "买|推荐|苹果|华为"' in new
    assert 'ADD_TO_CHAIN brand "A\\"pple{x}"' in new
    assert 'RESPOND "我们有A\\"pple{{x}}、华为' in new
    assert "苹果手机" in new and "苹果派" in new and "大苹果" in new


def test_escaped_strings_map_back_to_exact_spans():
    text = 'RULE r\nWHEN USER_MENTION_ANY "\\"q\\"|小米"\nTHEN\n    RESPOND "a\\n小米、华为"\n'
    found = find_occurrences(text, "r.dsl", "小米", "Xiaomi")
    assert [text[o.span.start:o.span.end] for o in found] == ["小米", "小米"]
    new = rename_in_texts({"r.dsl": text}, found)["r.dsl"]
    assert new.count("Xiaomi") == 2 and "小米" not in new


def test_a_half_typed_file_still_yields_what_parsed():
    text = 'RULE r\nWHEN USER_MENTION_ANY "华为|小米"\nTHEN\n    ADD_TO_CHAIN brand "华为"\nRULE broken WHEN\n'
    assert [o.kind for o in find_occurrences(text, "r.dsl", "华为", "X")] == [ALTERNATIVE, TYPED]


def test_list_items_needs_a_separator():
    assert list_items("欢迎光临苹果专卖店") == []
    assert [i for i, _, _ in list_items("有苹果、华为和小米；{x}, y / z")] == ["有苹果", "华为", "小米", "y", "z"]


def test_empty_name_finds_nothing():
    assert find_occurrences(RULES, "a.dsl", " ", "x") == []


names = st.text(alphabet="苹果华为小米荣耀魅族vivoOPPO", min_size=2, max_size=5)


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=2, max_size=5, unique_by=str.casefold), st.data())
def test_every_whole_item_is_found_and_no_longer_word(items, data):
    target = data.draw(st.sampled_from(items))
    longer = target + "手机"
    text = (f'RULE r\nWHEN USER_MENTION_ANY "{"|".join(items)}|{longer}"\nTHEN\n'
            f'    RESPOND "{"、".join(items)}"\n')
    found = find_occurrences(text, "r.dsl", target, "新名")
    assert [o.kind for o in found] == [ALTERNATIVE, LIST_ITEM]
    assert all(text[o.span.start:o.span.end].casefold() == target.casefold() for o in found)
    renamed = rename_in_texts({"r.dsl": text}, found)["r.dsl"]
    assert longer in renamed
    assert len(find_occurrences(renamed, "r.dsl", "新名", "x")) == 2


def test_test_mentions_are_the_lines_that_say_the_name_in_any_case():
    from studio.refactor import find_test_mentions

    texts = {"conversations/b.yaml": "name: b\nturns:\n  - user: 要 apple 的\n",
             "conversations/a.yaml": "name: a\nturns:\n  - user: 苹果手机\n    expect: {rule: x}\n  - user: 苹果\n"}
    mentions = find_test_mentions(texts, "苹果")
    assert [(m.file, m.line, m.line_text) for m in mentions] == [
        ("conversations/a.yaml", 3, "  - user: 苹果手机"), ("conversations/a.yaml", 5, "  - user: 苹果")]
    assert [m.line for m in find_test_mentions(texts, "Apple")] == [3]
    assert find_test_mentions(texts, " ") == []
