"""The form's choices come from the project: declared intents, stages, variables, sales stages, knowledge."""
from studio.authoring import build_vocabulary, fallback_rule, suggested_priority, unique_name
from studio.dsl.parser import parse
from studio.project import Project
from tests.authoring.test_edit import REPO


def sample_vocabulary():
    analysis = Project.open(REPO).analyze()
    return build_vocabulary(analysis.programs, analysis.knowledge), analysis.programs


def test_each_argument_offers_what_the_project_has():
    vocabulary, _ = sample_vocabulary()
    assert "product_query" in vocabulary.choices("INTENT_IS", 0)
    assert "brand_select" in vocabulary.choices("CONTEXT_STAGE_IS", 0)
    assert "brand_select" in vocabulary.choices("SET_STAGE", 0)
    assert {"customer_type", "current_brand"} <= set(vocabulary.choices("SET_VAR", 0))
    assert vocabulary.choices("USER_MENTIONS", 0) == ["category", "subtype", "brand", "series", "scenario"]
    assert vocabulary.choices("ADD_TO_CHAIN", 0) == ["category", "subtype", "brand", "series"]
    assert "华为" in vocabulary.choices("ADD_TO_CHAIN", 1, ["brand"])
    assert "手机" in vocabulary.choices("ADD_TO_CHAIN", 1, ["category"])
    assert vocabulary.choices("SET_SALES_STAGE", 0) == [1, 2, 3, 4, 5, 6, 7]
    assert vocabulary.sales_stage_title(6) == "异议处理"
    assert {"手机", "轻薄本", "太贵"} <= set(vocabulary.choices("USER_MENTION_ANY", 0))
    assert vocabulary.intent_descriptions["greeting"] == "用户打招呼"
    assert vocabulary.choices("ALWAYS", 0) == []


def test_without_declared_sales_stages_the_default_seven_are_offered():
    vocabulary = build_vocabulary([parse("RULE r WHEN ALWAYS THEN SUGGEST_BRANDS").program], None)
    assert [n for n, _ in vocabulary.sales_stages] == [1, 2, 3, 4, 5, 6, 7]
    assert vocabulary.choices("ADD_TO_CHAIN", 1, ["brand"]) == []


def test_a_new_rule_is_placed_above_the_fallback_with_a_free_name():
    _, programs = sample_vocabulary()
    file, rule = fallback_rule(programs)
    assert (file, rule.name.text) == ("rules/ecommerce.dsl", "fallback")
    assert suggested_priority(programs) == 0   # below ask_for_category (1), above the fallback (-100)
    assert unique_name("fallback", ["fallback", "fallback_2"]) == "fallback_3"
    assert unique_name("买 手机!", []) == "买_手机"


def test_the_authoring_core_never_imports_qt():
    import subprocess
    import sys
    code = "import sys, studio.authoring; print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "[]"
