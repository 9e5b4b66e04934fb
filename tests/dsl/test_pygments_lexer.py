"""The `ruledsl` Pygments lexer: token types per construct, Chinese text, the plugin entry point."""
import pygments.lexers
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String

from studio.dsl.pygments_lexer import RuleDslLexer

SAMPLE = '''# 示例
INTENT product_query "用户询问、挑选商品"
    KEYWORDS "买|想要|推荐"
    EXAMPLES "我想买个手机" "有什么笔记本推荐"
PERSONA
    salesperson_name "李销售"
END
SALES_STAGE 1 "介绍阶段" "开始对话。"
RULE 选品牌
    PRIORITY -10
WHEN INTENT_IS product_query
    AND (CONTEXT_EQ current_brand "苹果" OR NOT CONTEXT_HAS budget_range)
    AND USER_MENTION_ANY "有哪些品牌|推荐\\"品牌\\""
THEN
    ADD_TO_CHAIN brand "华为"
    RESPOND "好的，{current_brand}：{{系列}}\\n" # 注释
    GENERATE "稍等"
'''


def tokens(text: str) -> list[tuple[object, str]]:
    return [(t, v) for _, t, v in RuleDslLexer().get_tokens_unprocessed(text) if v.strip()]


def test_plugin_is_discoverable_by_alias_and_file_name():
    assert isinstance(pygments.lexers.get_lexer_by_name("ruledsl"), RuleDslLexer)
    assert isinstance(pygments.lexers.get_lexer_by_name("rule-dsl"), RuleDslLexer)
    assert isinstance(pygments.lexers.get_lexer_for_filename("rules/ecommerce.dsl"), RuleDslLexer)


def test_valid_input_has_no_error_tokens_and_round_trips():
    lexed = list(RuleDslLexer().get_tokens(SAMPLE))
    assert not [v for t, v in lexed if t in Error]
    assert "".join(v for _, v in lexed) == SAMPLE


def test_keyword_families_get_their_token_types():
    found = dict((v, t) for t, v in tokens(SAMPLE))
    assert found["INTENT"] is Keyword.Declaration
    assert found["PERSONA"] is Keyword.Declaration
    assert found["END"] is Keyword.Declaration
    assert found["SALES_STAGE"] is Keyword.Declaration
    assert found["RULE"] is Keyword.Declaration
    assert found["PRIORITY"] is Keyword and found["WHEN"] is Keyword and found["THEN"] is Keyword
    assert found["KEYWORDS"] is Keyword and found["EXAMPLES"] is Keyword
    assert found["AND"] is Operator.Word and found["OR"] is Operator.Word and found["NOT"] is Operator.Word
    assert found["INTENT_IS"] is Name.Builtin and found["USER_MENTION_ANY"] is Name.Builtin
    assert found["ADD_TO_CHAIN"] is Name.Function and found["GENERATE"] is Name.Function
    assert found["-10"] is Number.Integer
    assert found["("] is Punctuation


def test_names_after_rule_and_intent():
    found = tokens("RULE 选品牌\nINTENT greet \"问候\"\nWHEN INTENT_IS greet AND CONTEXT_HAS 预算")
    assert (Name.Class, "选品牌") in found
    assert found.count((Name.Constant, "greet")) == 2
    assert (Name, "预算") in found


def test_keyword_prefix_inside_a_word_is_a_name():
    assert tokens("ALWAYSX RULES_x") == [(Name, "ALWAYSX"), (Name, "RULES_x")]


def test_string_parts():
    found = tokens('RESPOND "好的|{current_brand}：{{系列}}\\n\\"x\\\\"')
    assert found == [
        (Name.Function, "RESPOND"), (String.Double, '"'), (String.Double, "好的"), (String.Delimiter, "|"),
        (String.Interpol, "{current_brand}"), (String.Double, "："), (String.Escape, "{{"),
        (String.Double, "系列"), (String.Escape, "}}"), (String.Escape, "\\n"), (String.Escape, '\\"'),
        (String.Double, "x"), (String.Escape, "\\\\"), (String.Double, '"'),
    ]


def test_hash_is_a_comment_only_outside_strings():
    found = tokens('RESPOND "#1 推荐" # 说明')
    assert (String.Double, "#1 推荐") in found
    assert found[-1] == (Comment.Single, "# 说明")


def test_unterminated_string_is_an_error_to_the_end_of_the_line_only():
    found = tokens('RESPOND "没有结束\nTHEN')
    assert found == [(Name.Function, "RESPOND"), (Error, '"没有结束'), (Keyword, "THEN")]


def test_each_line_ends_in_the_root_state():
    lexer = RuleDslLexer()
    for line in SAMPLE.splitlines() + ['RESPOND "没有结束']:
        generator = lexer.get_tokens_unprocessed(line)
        try:
            while True:
                next(generator)
        except StopIteration as stop:
            assert stop.value == ("root",)


def test_in_stage_is_highlighted_as_a_declaration_part():
    found = dict((v, t) for t, v in tokens('INTENT c KEYWORDS "继续" IN_STAGE "cart_added|confirm_order"\n'))
    assert found["IN_STAGE"] is Keyword
    assert found["KEYWORDS"] is Keyword


def test_the_opening_condition_and_suggest_subtypes_get_their_families_types():
    found = dict((v, t) for t, v in tokens("RULE r WHEN CONVERSATION_START THEN SUGGEST_SUBTYPES\n"))
    assert found["CONVERSATION_START"] is Name.Builtin
    assert found["SUGGEST_SUBTYPES"] is Name.Function
