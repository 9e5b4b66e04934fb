"""Reasons the editor gives for refusing a value, and the whole-tree check."""
from studio.knowledge import Brand, Category, Knowledge, name_problem, price_range_problem, validate


def test_empty_padded_and_duplicate_names_are_refused():
    assert name_problem("", what="brand") == "brand must not be empty"
    assert name_problem(" 苹果", what="brand") == "brand ' 苹果' must not start or end with spaces"
    assert name_problem("apple", ["华为", "Apple"], "alias") == "duplicate alias 'apple'"
    assert name_problem(3, what="series") == "series must be a string"
    assert name_problem("小米", ["华为"]) is None
    assert name_problem("小\udfff米", what="brand") == "brand '小\\udfff米' holds a lone surrogate (U+DFFF): a name must be plain text"


def test_price_range_must_be_ordered_whole_numbers():
    assert price_range_problem((5000, 3000)) == "price_range min 5000 is greater than max 3000"
    assert price_range_problem([1, 2, 3]) == "price_range must be [min, max]"
    assert price_range_problem([1.5, 2]) == "price_range must hold two whole numbers"
    assert price_range_problem([True, 2]) == "price_range must hold two whole numbers"
    assert price_range_problem([-1, 2]) == "price_range must not be negative"
    assert price_range_problem((0, 0)) is None


def test_validate_reports_each_problem_with_its_place():
    knowledge = Knowledge({"手机": Category("手机", subtypes=["旗舰", "旗舰"], brands={
        "苹果": Brand("苹果", series=["iPhone 16", ""], price_range=(9, 1)),
        "华为": Brand("荣耀"),
    })})
    assert validate(knowledge) == [
        "手机: duplicate subtype '旗舰'",
        "手机 › 苹果: series must not be empty",
        "手机 › 苹果: price_range min 9 is greater than max 1",
        "手机 › 荣耀: listed under the key '华为'",
    ]
