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
