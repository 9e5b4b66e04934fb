from hypothesis import given, settings, strategies as st

from studio.dsl import ast
from studio.dsl.parser import parse
from studio.dsl.tokens import KEYWORDS


def rule_of(text):
    result = parse(text, "t.dsl")
    assert result.diagnostics == (), [d.message for d in result.diagnostics]
    return result.program.rules[0]


def test_not_binds_tighter_than_and_tighter_than_or():
    rule = rule_of("RULE r WHEN NOT ALWAYS AND ALWAYS OR ALWAYS THEN RESPOND \"x\"")
    cond = rule.condition
    assert isinstance(cond, ast.Or)
    left = cond.operands[0]
    assert isinstance(left, ast.And) and isinstance(left.operands[0], ast.Not)


def test_parentheses_override_precedence():
    cond = rule_of("RULE r WHEN ALWAYS AND (ALWAYS OR ALWAYS) THEN RESPOND \"x\"").condition
    assert isinstance(cond, ast.And) and isinstance(cond.operands[1], ast.Or)


def test_each_condition_parses_to_its_node():
    cases = {
        "INTENT_IS greet": ast.IntentIs,
        'USER_MENTION_ANY "a|b"': ast.UserMentionAny,
        'USER_MENTION_ALL "a|b"': ast.UserMentionAll,
        "USER_MENTIONS scenario": ast.UserMentions,
        'CONTEXT_EQ current_brand "苹果"': ast.ContextEq,
        "CONTEXT_HAS budget_range": ast.ContextHas,
        "CONTEXT_NOT_SET current_category": ast.ContextNotSet,
        'CONTEXT_STAGE_IS "cart"': ast.ContextStageIs,
        "SALES_STAGE_IS 3": ast.SalesStageIs,
        "ALWAYS": ast.Always,
    }
    for source, node in cases.items():
        assert isinstance(rule_of(f'RULE r WHEN {source} THEN RESPOND "x"').condition, node), source


def test_each_action_parses_to_its_node():
    cases = {
        'RESPOND "x"': ast.Respond, 'SET_STAGE "s"': ast.SetStage, 'SET_VAR v "{x}"': ast.SetVar,
        'ADD_TO_CHAIN brand "苹果"': ast.AddToChain, "CAPTURE series": ast.Capture,
        "RESET_SHOPPING_CONTEXT": ast.ResetShoppingContext, "SUGGEST_CATEGORIES": ast.SuggestCategories,
        "SUGGEST_BRANDS": ast.SuggestBrands, "SUGGEST_SERIES": ast.SuggestSeries,
        'SUGGEST_BY_SCENARIO "办公"': ast.SuggestByScenario, "SUGGEST_BY_SCENARIO": ast.SuggestByScenario,
        "SET_SALES_STAGE 2": ast.SetSalesStage, 'GENERATE "备用"': ast.Generate,
    }
    for source, node in cases.items():
        rule = rule_of(f"RULE r WHEN ALWAYS THEN {source}")
        assert [type(a) for a in rule.actions] == [node], source


def test_rule_ends_at_next_top_level_keyword():
    program = parse('RULE a WHEN ALWAYS THEN RESPOND "1"\nRESPOND "2"\nINTENT i\nRULE b WHEN ALWAYS THEN RESPOND "3"').program
    assert [len(r.actions) for r in program.rules] == [2, 1]
    assert [i.name.text for i in program.intents] == ["i"]


def test_priority_defaults_to_zero_and_keeps_its_span():
    rule = rule_of('RULE r PRIORITY 7 WHEN ALWAYS THEN RESPOND "x"')
    assert rule.priority == 7 and rule.priority_span.column == 17
    assert rule_of('RULE r WHEN ALWAYS THEN RESPOND "x"').priority == 0


def test_alternatives_map_back_to_source_spans():
    rule = rule_of('RULE r WHEN USER_MENTION_ANY "苹果 | 华维" THEN RESPOND "x"')
    text = rule.condition.text
    alts = text.alternatives()
    assert [a for a, _, _ in alts] == ["苹果", "华维"]
    _, start, end = alts[1]
    span = text.span_of(start, end)
    assert (span.column, span.end_column) == (36, 38)


def test_every_error_is_reported_and_parsing_recovers():
    text = ('RULE a WHEN INTENT_IS THEN RESPOND "x"\n'
            'RULE b WHEN ALWAYS THEN RESPONDD "x"\n'
            'RULE c WHEN ALWAYS THEN RESPOND "ok"\n')
    result = parse(text, "f.dsl")
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("E100", 1), ("E100", 2)]
    assert [r.complete for r in result.program.rules] == [False, False, True]
    assert result.diagnostics[1].suggestion == "RESPOND"
    assert result.diagnostics[0].file == "f.dsl"


def test_half_typed_rule_still_appears_in_the_outline():
    program = parse("RULE 选择品牌\nWHEN INTENT_IS product_query AND").program
    assert [(r.name.text, r.complete) for r in program.rules] == [("选择品牌", False)]


def test_misspelt_keyword_suggests_fix_with_its_span():
    result = parse('RULE r WHEN ALWAYS THEN ADD_TO_CHAIN Brand "苹果"')
    (d,) = result.diagnostics
    assert d.suggestion == "brand"
    assert d.fixes[0].span.start == d.span.start and d.fixes[0].replacement == "brand"


WORDS = st.sampled_from(sorted(KEYWORDS) + ['"a|b"', '"未闭合', "(", ")", "x", "品牌", "12", "#c\n", "\n", "\\", "{"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_parser_never_raises_on_keyword_soup(text):
    result = parse(text)
    for d in result.diagnostics:
        assert 1 <= d.span.line and 1 <= d.span.column


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parser_never_raises_on_any_text(text):
    parse(text)


def test_an_intent_keeps_every_keywords_line_with_its_in_stage_stages():
    text = ('INTENT confirmation\n'
            '    KEYWORDS "好的|可以"\n'
            '    KEYWORDS "继续|接着" IN_STAGE "cart_added| confirm_order"\n'
            '    EXAMPLES "好的"\n')
    result = parse(text)
    [decl] = result.program.intents
    assert list(result.diagnostics) == []
    plain, staged = decl.keyword_lines
    assert (plain.text.value, plain.stages, plain.stage_names()) == ("好的|可以", None, None)
    assert staged.text.value == "继续|接着"
    assert staged.stage_names() == frozenset({"cart_added", "confirm_order"})
    assert (staged.span.line, staged.span.end_line) == (3, 3)
    assert decl.keywords is plain.text
    assert decl.all_keywords() == ["好的", "可以", "继续", "接着"]


def test_in_stage_without_keywords_or_stages_is_a_syntax_error_and_parsing_goes_on():
    text = ('INTENT a IN_STAGE "cart"\n'
            'INTENT b KEYWORDS "x" IN_STAGE " | "\n'
            'INTENT c KEYWORDS "y" IN_STAGE\n'
            'INTENT d KEYWORDS "z"\n')
    result = parse(text)
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("E100", 1), ("E100", 2), ("E100", 4)]
    assert "after a KEYWORDS string" in result.diagnostics[0].message
    assert "at least one stage" in result.diagnostics[1].message
    assert "stage alternatives after IN_STAGE" in result.diagnostics[2].message   # found INTENT, next line
    assert result.program.intents[-1].name.text == "d"


def test_suggest_subtypes_is_an_action_without_argument():
    [rule] = parse('RULE r WHEN ALWAYS THEN SUGGEST_SUBTYPES SET_STAGE "subtype_select"').program.rules
    assert [type(a) for a in rule.actions] == [ast.SuggestSubtypes, ast.SetStage]
