"""Completion: the candidates the context asks for, opened by typing or Ctrl+Space, accepted by Enter/Tab."""
import pytest
from PySide6.QtCore import Qt

from studio.dsl.tokens import BUILTIN_VARIABLES, KEYWORDS
from studio.ui.editor import CodeEditor
from studio.ui.editor.completion import DslCompletions, completion_prefix

VOCABULARY = dict(intents=["product_query", "greeting"], variables=["budget_note"], stages=["brand_select"],
                  brands=["苹果", "华为", "Apple"], categories=["手机", "电脑"], series=["iPhone 16"],
                  subtypes=["笔记本"], scenarios=["办公"], rules=["r1"])


@pytest.fixture
def provider():
    completions = DslCompletions()
    completions.set_vocabulary(**VOCABULARY)
    return completions


@pytest.fixture
def editor(qtbot):
    widget = CodeEditor()
    widget.set_vocabulary(**VOCABULARY)
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def popup_items(editor: CodeEditor) -> list[str]:
    model = editor.completion.completer().completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


@pytest.mark.parametrize("before, expected", [
    ("WHEN INTENT_IS ", ["product_query", "greeting"]),
    ('    ADD_TO_CHAIN brand "', ["苹果", "华为", "Apple"]),
    ('    ADD_TO_CHAIN category "', ["手机", "电脑"]),
    ('    ADD_TO_CHAIN series "iP', ["iPhone 16"]),
    ('    ADD_TO_CHAIN subtype "', ["笔记本"]),
    ('AND CONTEXT_EQ current_brand "', ["苹果", "华为", "Apple"]),
    ('AND CONTEXT_STAGE_IS "', ["brand_select"]),
    ('    KEYWORDS "继续" IN_STAGE "', ["brand_select"]),
    ('    KEYWORDS "继续" IN_STAGE "cart|br', ["brand_select"]),
    ('    SET_STAGE "br', ["brand_select"]),
    ('    SUGGEST_BY_SCENARIO "', ["办公"]),
    ("    ADD_TO_CHAIN ", ["category", "subtype", "brand", "series"]),
    ("    CAPTURE ", ["category", "subtype", "brand", "series"]),
    ("AND USER_MENTIONS ", ["category", "subtype", "brand", "series", "scenario"]),
    ("RULE ", []),
    ('RESPOND "好的', []),
    ("# a comment RES", []),
])
def test_candidates_by_context(provider, before, expected):
    assert provider(before) == expected


@pytest.mark.parametrize("before", ["AND CONTEXT_EQ ", "AND CONTEXT_HAS cur", "CONTEXT_NOT_SET ", "SET_VAR "])
def test_variables_are_the_builtin_ones_and_the_projects(provider, before):
    assert provider(before) == [*BUILTIN_VARIABLES, "budget_note"]


def test_keywords_elsewhere(provider):
    assert provider("    RES") == sorted(KEYWORDS)


@pytest.mark.parametrize("before, prefix", [
    ('ADD_TO_CHAIN series "iPhone 1', "iPhone 1"), ('USER_MENTION_ANY "a|苹', "苹"), ("WHEN INT", "INT"),
    ('RESPOND "a\\"b" AND', "AND"), ("x # RES", None),
])
def test_prefix(before, prefix):
    assert completion_prefix(before) == prefix


def test_intents_offered_after_intent_is_and_accepted_with_enter(editor, qtbot):
    qtbot.keyClicks(editor, "WHEN INTENT_IS gr")
    qtbot.waitUntil(editor.completion.is_open)
    assert popup_items(editor) == ["greeting"]
    qtbot.keyClick(editor.completion.completer().popup(), Qt.Key.Key_Return)
    assert editor.toPlainText() == "WHEN INTENT_IS greeting"
    assert not editor.completion.is_open()


def test_brands_offered_in_add_to_chain_brand_string_and_closed_with_a_quote(editor, qtbot):
    qtbot.keyClicks(editor, 'ADD_TO_CHAIN brand "')
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(editor.completion.is_open)
    assert popup_items(editor) == ["苹果", "华为", "Apple"]
    popup = editor.completion.completer().popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)
    assert editor.toPlainText() == 'ADD_TO_CHAIN brand "华为"'


def test_typing_narrows_the_open_popup_case_insensitively(editor, qtbot):
    qtbot.keyClicks(editor, 'ADD_TO_CHAIN brand "a')
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(editor.completion.is_open)
    assert popup_items(editor) == ["Apple"]
    qtbot.keyClick(editor.completion.completer().popup(), Qt.Key.Key_Return)
    assert editor.toPlainText() == 'ADD_TO_CHAIN brand "Apple"'


def test_two_word_characters_open_keyword_completion(editor, qtbot):
    qtbot.keyClicks(editor, "    SUGGEST_B")
    qtbot.waitUntil(editor.completion.is_open)
    assert popup_items(editor) == ["SUGGEST_BRANDS", "SUGGEST_BY_SCENARIO"]
    qtbot.keyClick(editor.completion.completer().popup(), Qt.Key.Key_Escape)
    assert not editor.completion.is_open()
    assert editor.toPlainText() == "    SUGGEST_B"


def test_one_character_does_not_open_it(editor, qtbot):
    qtbot.keyClicks(editor, "R")
    assert not editor.completion.is_open()


def test_after_then_only_actions_and_new_declarations_are_offered(editor, qtbot):
    qtbot.keyClicks(editor, "RULE r")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "WHEN ALWAYS")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "THEN")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "    S")
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(editor.completion.is_open)
    offered = popup_items(editor)
    assert "SET_STAGE" in offered and "SUGGEST_BRANDS" in offered
    assert "SALES_STAGE_IS" not in offered   # a condition


def test_inside_when_only_conditions_and_operators_are_offered(editor, qtbot):
    qtbot.keyClicks(editor, "RULE r")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "WHEN INTENT_IS greeting")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "    AND SE")
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert "SET_STAGE" not in popup_items(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    for _ in range(2):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "CO")
    qtbot.waitUntil(editor.completion.is_open)
    assert popup_items(editor) == ["CONTEXT_EQ", "CONTEXT_HAS", "CONTEXT_NOT_SET", "CONTEXT_STAGE_IS",
                                   "CONVERSATION_START"]


@pytest.mark.parametrize("before, offered, not_offered", [
    ("WHEN ", "INTENT_IS", "RESPOND"),
    ("WHEN INTENT_IS greeting AND ", "USER_MENTIONS", "SUGGEST_BRANDS"),
    ("WHEN ALWAYS\n", "THEN", "CAPTURE"),
    ("WHEN ALWAYS\nTHEN\n    ", "RESPOND", "CONTEXT_EQ"),
    ('WHEN ALWAYS THEN RESPOND "WHEN" ', "SET_STAGE", "INTENT_IS"),
    ("WHEN ALWAYS\nTHEN\n    RESPOND \"x\"\n\n", "RULE", "USER_MENTIONS"),
])
def test_keywords_follow_the_section_the_cursor_is_in(provider, before, offered, not_offered):
    candidates = provider(before)
    assert offered in candidates and not_offered not in candidates
