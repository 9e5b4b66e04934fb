from studio.conversations.loader import parse_test
from studio.conversations.model import ConversationTest, LoadError


def test_spec_example_loads_with_turn_and_expectation_lines():
    text = ("name: 手机选购流程\n"
            "turns:\n"
            "  - user: 我想买个手机\n"
            "    expect: { intent: product_query, rule: choose_phone, reply_contains: 苹果 }\n"
            "  - user: 苹果的\n"
            "    expect:\n"
            "      stage: series_select\n"
            "      product_chain: [[category, 手机], [brand, 苹果]]\n")
    test = parse_test(text, "conversations/a.yaml")
    assert isinstance(test, ConversationTest)
    assert test.name == "手机选购流程" and test.llm == "off"
    assert [t.line for t in test.turns] == [3, 5]
    assert test.turns[1].expect == {"stage": "series_select", "product_chain": [["category", "手机"], ["brand", "苹果"]]}
    assert test.turns[1].expect_lines == {"stage": 7, "product_chain": 8}


def test_malformed_yaml_names_file_and_line():
    error = parse_test("name: x\nturns:\n  - user: [unclosed\n", "conversations/bad.yaml")
    assert isinstance(error, LoadError)
    assert error.file == "conversations/bad.yaml" and error.line == 4
    assert str(error).startswith("conversations/bad.yaml:4:")


def test_unknown_expectation_points_at_its_key():
    error = parse_test("turns:\n  - user: hi\n    expect:\n      intnet: greeting\n", "c.yaml")
    assert isinstance(error, LoadError)
    assert (error.line, error.column) == (4, 7) and "intnet" in error.message


def test_structure_errors_are_load_errors():
    for text in ("- a\n- b\n", "name: x\n", "turns: []\n", "turns:\n  - expect: {}\n", "llm: maybe\nturns:\n  - user: a\n"):
        assert isinstance(parse_test(text, "c.yaml"), LoadError), text


def test_start_and_llm_are_read():
    test = parse_test("llm: auto\nstart: {stage: brand_select, context: {current_category: 手机}}\n"
                      "turns:\n  - user: 有哪些品牌\n", "c.yaml", default_name="c")
    assert test.name == "c" and test.llm == "auto"
    assert test.start == {"stage": "brand_select", "context": {"current_category": "手机"}}


# ---------------------------------------------------------------- aliases, depth, types, text

import tracemalloc

import pytest


def nested_aliases(levels: int, fan_out: int = 9) -> str:
    """The "billion laughs" shape: each anchored list holds `fan_out` aliases of the one before."""
    names = "abcdefghijklmnop"[:levels]
    lines = ["turns:", "  - user: hi", "    expect:", "      context:",
             f"        a: &a [{', '.join(['x'] * fan_out)}]"]
    for previous, name in zip(names, names[1:]):
        lines.append(f"        {name}: &{name} [{', '.join([f'*{previous}'] * fan_out)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.timeout(60)   # a hang guard only: before the fix this expanded 9**9 items
def test_nested_aliases_beyond_the_budget_are_refused_without_expanding_them():
    text = nested_aliases(9)
    assert len(text.encode()) < 700
    tracemalloc.start()
    try:
        error = parse_test(text, "conversations/bomb.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(error, LoadError)
    # a=10 nodes, b=91, c=820, d=7381: the first *d on line 9 takes the aliases past 10,000 nodes.
    assert (error.line, error.column) == (9, 16)
    assert "aliases" in error.message and "10000" in error.message.replace(",", "")
    assert peak < 5_000_000   # bytes: nothing was expanded


def test_aliases_within_the_budget_load_expanded():
    test = parse_test(nested_aliases(3, fan_out=2), "c.yaml")
    assert isinstance(test, ConversationTest)
    assert test.turns[0].expect["context"]["c"] == [[["x", "x"], ["x", "x"]], [["x", "x"], ["x", "x"]]]


def test_an_alias_inside_its_own_anchor_is_refused():
    error = parse_test("turns:\n  - user: hi\n    expect:\n      context: {a: &a [1, *a]}\n", "c.yaml")
    assert isinstance(error, LoadError) and error.line == 4 and "inside" in error.message


def test_an_undefined_alias_is_a_load_error():
    error = parse_test("turns:\n  - user: *nothing\n", "c.yaml")
    assert isinstance(error, LoadError) and error.line == 2


WRONG_TYPES = [
    # (text, line, words the message names)
    ("start: {context: {query_count: abc}}\nturns:\n  - user: hi\n", 1, "query_count"),
    ("start:\n  context:\n    product_chain: [[color, red]]\nturns:\n  - user: hi\n", 3, "color"),
    ("start: {context: [1, 2]}\nturns:\n  - user: hi\n", 1, "start.context"),
    ("start: {context: {sales_stage: .nan}}\nturns:\n  - user: hi\n", 1, "sales_stage"),
    ("start: {context: {sales_stage: 0}}\nturns:\n  - user: hi\n", 1, "sales_stage"),
    ("start: {context: {query_count: '" + "9" * 5000 + "'}}\nturns:\n  - user: hi\n", 1, "query_count"),
    ("start: {context: {budget_range: [a, b]}}\nturns:\n  - user: hi\n", 1, "budget_range"),
    ("start: {context: {user_preferences: 5}}\nturns:\n  - user: hi\n", 1, "user_preferences"),
    ("start: {context: {product_chain: [1]}}\nturns:\n  - user: hi\n", 1, "product_chain"),
    ("start: {context: {product_chain: oops}}\nturns:\n  - user: hi\n", 1, "product_chain"),
    ("start: {stage: [1]}\nturns:\n  - user: hi\n", 1, "start.stage"),
    ("start: {stage: x, when: now}\nturns:\n  - user: hi\n", 1, "when"),
    ("name: {a: 1}\nturns:\n  - user: hi\n", 1, "name"),
    ("turns:\n  - user: hi\n    expect: {sales_stage: .nan}\n", 3, "sales_stage"),
    ("turns:\n  - user: hi\n    expect: {sales_stage: 1.5}\n", 3, "sales_stage"),
    ("turns:\n  - user: hi\n    expect: {product_chain: 5}\n", 3, "product_chain"),
    ("turns:\n  - user: hi\n    expect: {product_chain: [5]}\n", 3, "product_chain"),
    ("turns:\n  - user: hi\n    expect: {context: 5}\n", 3, "context"),
    ("turns:\n  - user: hi\n    expect: {context: {[a]: 1}}\n", 3, "key"),
    ("turns:\n  - user: hi\n    expect: {context: {a: .inf}}\n", 3, "finite"),
    ("turns:\n  - user: hi\n    expect: {stage: [a]}\n", 3, "stage"),
    ("turns:\n  - user: hi\n    expect: {reply_contains: {a: 1}}\n", 3, "reply_contains"),
    ("turns:\n  - user: ~\n", 2, "user"),
    ("turns:\n  - user: !!binary aGk=\n", 2, "binary"),
    ("turns:\n  - user: hi\n    expect: {context: {a: !!set {x}}}\n", 3, "set"),
    ("turns:\n  - user: hi\n    expect: {rule: a, rule: b}\n", 3, "duplicate"),
    ("turns:\n  - user: " + "9" * 5000 + "\n", 2, "5000"),
    ("turns:\n  - user: hi\n    expect:\n      context: {a: " + "[" * 300 + "]" * 300 + "}\n", 4, "deep"),
    ("turns:\n  - user: hi\n    expect:\n      context:\n"
     + "".join("  " * (i + 4) + "a:\n" for i in range(300)) + "  " * 304 + "b: 1\n", 51, "deep"),
]


@pytest.mark.parametrize("text, line, words", WRONG_TYPES, ids=range(len(WRONG_TYPES)))
def test_a_wrong_type_is_a_load_error_at_its_line(text, line, words):
    error = parse_test(text, "conversations/t.yaml")
    assert isinstance(error, LoadError), error
    assert error.file == "conversations/t.yaml"
    assert error.line == line, error
    assert words in error.message, error


def test_a_lone_surrogate_in_text_is_refused_at_its_line():
    for text in ('turns:\n  - user: "\\ud800"\n', 'name: "a\\udfffb"\nturns:\n  - user: hi\n',
                 'turns:\n  - user: hi\n    expect: {context: {"\\ud83d\\ude00": 1}}\n'):
        error = parse_test(text, "c.yaml")
        assert isinstance(error, LoadError), text
        assert "surrogate" in error.message and error.line == text.count("\n", 0, text.index("\\u")) + 1


def test_text_fields_take_scalars_as_written_and_numbers_as_numbers():
    test = parse_test("name: 2024\nstart: {context: {query_count: '3', sales_stage: 2}}\nturns:\n"
                      "  - user: 0x1F\n    expect: {sales_stage: '4', reply_contains: [1.50, true], intent: null}\n",
                      "c.yaml")
    assert isinstance(test, ConversationTest), test
    assert test.name == "2024" and test.turns[0].user == "0x1F"
    assert test.start == {"context": {"query_count": 3, "sales_stage": 2}}
    assert test.turns[0].expect == {"sales_stage": 4, "reply_contains": ["1.50", "true"], "intent": None}


def test_merge_keys_share_expectations():
    test = parse_test("turns:\n  - user: a\n    expect: &common {stage: x, rule: r}\n"
                      "  - user: b\n    expect: {<<: *common, rule: s}\n", "c.yaml")
    assert isinstance(test, ConversationTest), test
    assert test.turns[1].expect == {"stage": "x", "rule": "s"}


def test_the_schema_types_exactly_the_documented_expectations():
    from studio.conversations.model import EXPECT_KEYS
    from studio.conversations.schema import EXPECT
    assert tuple(EXPECT.fields) == EXPECT_KEYS


def test_an_opening_item_first_is_read_apart_from_the_customer_turns():
    test = parse_test("turns:\n  - opening:\n      expect: {rule: hello, reply_contains: 您好}\n"
                      "  - user: 你好\n", "c.yaml")
    assert not isinstance(test, LoadError), test
    assert test.opening.user is None and test.opening.expect == {"rule": "hello", "reply_contains": "您好"}
    assert (test.opening.line, test.opening.expect_lines["rule"]) == (2, 3)
    assert [turn.user for turn in test.turns] == ["你好"]
    bare = parse_test("turns:\n  - opening:\n", "c.yaml")
    assert bare.opening.expect == {} and bare.turns == ()


@pytest.mark.parametrize("text, line, words", [
    ("turns:\n  - user: 你好\n  - opening: {expect: {rule: a}}\n", 3, "only be the first item"),
    ("turns:\n  - opening: {expect: {rule: a}}\n    user: 你好\n", 2, "stands alone"),
    ("turns:\n  - opening: {expect: {rule: a}}\n    expect: {rule: b}\n", 2, "put its `expect:` inside it"),
    ("turns:\n  - opening: {rule: a}\n", 2, "unknown key 'rule'"),
])
def test_a_misplaced_or_malformed_opening_is_a_load_error_at_its_line(text, line, words):
    error = parse_test(text, "c.yaml")
    assert isinstance(error, LoadError) and error.line == line and words in error.message, error
