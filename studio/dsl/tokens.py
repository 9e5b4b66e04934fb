"""Token kinds and the keyword vocabulary of the rule language (docs/language.md)."""
from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from studio.diagnostics import Span

TOP_LEVEL = ("RULE", "INTENT", "PERSONA", "SALES_STAGE")
DECLARATION_PARTS = ("KEYWORDS", "IN_STAGE", "EXAMPLES", "END")
RULE_PARTS = ("PRIORITY", "WHEN", "THEN")
OPERATORS = ("AND", "OR", "NOT")
CONDITIONS = (
    "INTENT_IS", "USER_MENTION_ANY", "USER_MENTION_ALL", "USER_MENTIONS", "CONTEXT_EQ",
    "CONTEXT_HAS", "CONTEXT_NOT_SET", "CONTEXT_STAGE_IS", "SALES_STAGE_IS", "ALWAYS", "CONVERSATION_START",
)
ACTIONS = (
    "RESPOND", "SET_STAGE", "SET_VAR", "ADD_TO_CHAIN", "CAPTURE", "RESET_SHOPPING_CONTEXT",
    "SUGGEST_CATEGORIES", "SUGGEST_SUBTYPES", "SUGGEST_BRANDS", "SUGGEST_SERIES", "SUGGEST_BY_SCENARIO",
    "SET_SALES_STAGE", "GENERATE",
)
KEYWORDS = frozenset(TOP_LEVEL + DECLARATION_PARTS + RULE_PARTS + OPERATORS + CONDITIONS + ACTIONS)

# The context variables every conversation has (docs/language.md); SET_VAR adds more.
BUILTIN_VARIABLES = (
    "current_stage", "current_category", "current_subtype", "current_brand", "current_series",
    "product_chain", "budget_range", "usage_scenario", "user_preferences", "query_count",
    "sales_stage", "last_intent", "user_input",
)


class Kind(str, Enum):
    KEYWORD = "keyword"
    IDENT = "ident"
    STRING = "string"
    NUMBER = "number"
    LPAREN = "("
    RPAREN = ")"
    EOF = "eof"


class Token(NamedTuple):   # a tuple: one per word of the file, cheap to create
    kind: Kind
    text: str          # the source text (for STRING: with quotes and escapes as written)
    span: Span
    value: object = None   # STRING: decoded str; NUMBER: int
    offsets: Sequence[int] = ()   # STRING: source offset of each decoded char (+ closing quote)
