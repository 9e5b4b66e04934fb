"""Hypothesis strategies for conditions and actions shaped by the grammar, shared by the parser's fuzzer
(which feeds them odd names and numbers) and the rule form's round trip (which wants rules that parse)."""
from hypothesis import strategies as st

MENTION_SLOTS = ["category", "subtype", "brand", "series", "scenario"]
CHAIN_SLOTS = ["category", "subtype", "brand", "series"]
SUGGESTIONS = ["RESET_SHOPPING_CONTEXT", "SUGGEST_CATEGORIES", "SUGGEST_SUBTYPES", "SUGGEST_BRANDS",
               "SUGGEST_SERIES", "SUGGEST_BY_SCENARIO"]


def leaves(ident, quoted, number, mention_slots=MENTION_SLOTS, constants=("ALWAYS", "CONVERSATION_START")):
    """One condition without AND / OR / NOT."""
    return st.one_of(
        st.sampled_from(list(constants)),
        st.builds("INTENT_IS {}".format, ident),
        st.builds("USER_MENTION_ANY {}".format, quoted),
        st.builds("USER_MENTION_ALL {}".format, quoted),
        st.builds("USER_MENTIONS {}".format, st.sampled_from(list(mention_slots))),
        st.builds("CONTEXT_EQ {} {}".format, ident, quoted),
        st.builds("CONTEXT_HAS {}".format, ident),
        st.builds("CONTEXT_NOT_SET {}".format, ident),
        st.builds("CONTEXT_STAGE_IS {}".format, quoted),
        st.builds("SALES_STAGE_IS {}".format, number),
    )


def actions(ident, quoted, sales_stage, suggestions=SUGGESTIONS):
    """One action."""
    return st.one_of(
        st.builds("RESPOND {}".format, quoted), st.builds("SET_STAGE {}".format, quoted),
        st.builds("SET_VAR {} {}".format, ident, quoted),
        st.builds("ADD_TO_CHAIN {} {}".format, st.sampled_from(CHAIN_SLOTS), quoted),
        st.builds("CAPTURE {}".format, st.sampled_from(["category", "brand", "scenario"])),
        st.sampled_from(list(suggestions)),
        st.builds("SUGGEST_BY_SCENARIO {}".format, quoted),
        st.builds("SET_SALES_STAGE {}".format, sales_stage), st.builds("GENERATE {}".format, quoted))
