"""What each condition and action of a rule takes: its arguments, their types and where their values come from.

The guided form offers these kinds in a list and, for each argument, a field of
its type filled from the vocabulary list named by `choices` (see
`studio/authoring/vocabulary.py`). The kinds are the language's own keywords,
in the order of `studio/dsl/tokens.py`.
"""
from __future__ import annotations

from dataclasses import dataclass

from studio.dsl import ast
from studio.dsl.tokens import ACTIONS, CONDITIONS

IDENT = "ident"                 # an identifier: intent, variable or slot name
STRING = "string"               # a double-quoted string (a stage name, a template)
ALTERNATIVES = "alternatives"   # a string read as `|`-separated alternatives (mention words)
NUMBER = "number"               # an integer (a sales stage)


@dataclass(frozen=True)
class Arg:
    """One argument of a kind: `choices` names the vocabulary list its value is picked from."""
    name: str
    type: str
    choices: str = ""
    optional: bool = False


_INTENT = Arg("intent", IDENT, "intents")
_VAR = Arg("variable", IDENT, "variables")
_STAGE = Arg("stage", STRING, "stages")
_SALES_STAGE = Arg("sales_stage", NUMBER, "sales_stages")
_TEMPLATE = Arg("template", STRING, "templates")

CONDITION_ARGS: dict[str, tuple[Arg, ...]] = {
    "INTENT_IS": (_INTENT,),
    "USER_MENTION_ANY": (Arg("words", ALTERNATIVES, "mention_words"),),
    "USER_MENTION_ALL": (Arg("words", ALTERNATIVES, "mention_words"),),
    "USER_MENTIONS": (Arg("slot", IDENT, "mention_slots"),),
    "CONTEXT_EQ": (_VAR, Arg("value", STRING, "values")),
    "CONTEXT_HAS": (_VAR,),
    "CONTEXT_NOT_SET": (_VAR,),
    "CONTEXT_STAGE_IS": (_STAGE,),
    "SALES_STAGE_IS": (_SALES_STAGE,),
    "ALWAYS": (),
    "CONVERSATION_START": (),
}

ACTION_ARGS: dict[str, tuple[Arg, ...]] = {
    "RESPOND": (_TEMPLATE,),
    "SET_STAGE": (_STAGE,),
    "SET_VAR": (_VAR, _TEMPLATE),
    # the value's choices follow the slot: "category" offers the categories, and so on
    "ADD_TO_CHAIN": (Arg("slot", IDENT, "chain_slots"), Arg("value", STRING, "slot_values")),
    "CAPTURE": (Arg("slot", IDENT, "mention_slots"),),
    "RESET_SHOPPING_CONTEXT": (),
    "SUGGEST_CATEGORIES": (),
    "SUGGEST_SUBTYPES": (),
    "SUGGEST_BRANDS": (),
    "SUGGEST_SERIES": (),
    "SUGGEST_BY_SCENARIO": (Arg("scenario", STRING, "scenarios", optional=True),),
    "SET_SALES_STAGE": (_SALES_STAGE,),
    "GENERATE": (Arg("fallback", STRING, "templates"),),
}

assert tuple(CONDITION_ARGS) == CONDITIONS and tuple(ACTION_ARGS) == ACTIONS

# The knowledge list that a slot's values come from (for ADD_TO_CHAIN and the mention words).
SLOT_CHOICES = {"category": "categories", "subtype": "subtypes", "brand": "brands", "series": "series",
                "scenario": "scenarios"}
SLOTS = {"mention_slots": ast.MENTION_SLOTS, "chain_slots": ast.CHAIN_SLOTS}


def default_args(kind: str) -> list:
    """The arguments a freshly chosen kind starts with: empty text, the first slot, sales stage 1."""
    specs = CONDITION_ARGS.get(kind) or ACTION_ARGS.get(kind) or ()
    out: list = []
    for arg in specs:
        if arg.optional:
            break
        if arg.type == NUMBER:
            out.append(1)
        elif arg.choices in SLOTS:
            out.append(SLOTS[arg.choices][0])
        else:
            out.append("")
    return out


def args_of(kind: str) -> tuple[Arg, ...]:
    """The argument specs of a condition or action kind."""
    if kind in CONDITION_ARGS:
        return CONDITION_ARGS[kind]
    return ACTION_ARGS[kind]
