"""What the form calls each condition and action kind, in the reader's language (the keyword in the tooltip)."""
from __future__ import annotations

from PySide6.QtCore import QObject


class KindLabels(QObject):
    """Translated names of the kinds (a QObject so that `self.tr` gives them one context)."""

    def conditions(self) -> dict[str, str]:
        return {
            "INTENT_IS": self.tr("Intent is"),
            "USER_MENTION_ANY": self.tr("Message mentions any of"),
            "USER_MENTION_ALL": self.tr("Message mentions all of"),
            "USER_MENTIONS": self.tr("Message names a"),
            "CONTEXT_EQ": self.tr("Variable equals"),
            "CONTEXT_HAS": self.tr("Variable is set"),
            "CONTEXT_NOT_SET": self.tr("Variable is not set"),
            "CONTEXT_STAGE_IS": self.tr("Dialogue stage is"),
            "SALES_STAGE_IS": self.tr("Sales stage is"),
            "ALWAYS": self.tr("Always"),
            "CONVERSATION_START": self.tr("Conversation starts (opening turn)"),
        }

    def actions(self) -> dict[str, str]:
        return {
            "RESPOND": self.tr("Reply"),
            "SET_STAGE": self.tr("Set dialogue stage"),
            "SET_VAR": self.tr("Set variable"),
            "ADD_TO_CHAIN": self.tr("Choose product"),
            "CAPTURE": self.tr("Choose what the message names"),
            "RESET_SHOPPING_CONTEXT": self.tr("Forget the product being chosen"),
            "SUGGEST_CATEGORIES": self.tr("Suggest categories"),
            "SUGGEST_SUBTYPES": self.tr("Suggest subtypes"),
            "SUGGEST_BRANDS": self.tr("Suggest brands"),
            "SUGGEST_SERIES": self.tr("Suggest series"),
            "SUGGEST_BY_SCENARIO": self.tr("Suggest for a scenario"),
            "SET_SALES_STAGE": self.tr("Set sales stage"),
            "GENERATE": self.tr("Generate a reply (LLM)"),
        }

    def slots(self) -> dict[str, str]:
        """The product chain's slots and the kinds of mention, as the form names them."""
        return {"category": self.tr("Category"), "subtype": self.tr("Subtype"), "brand": self.tr("Brand"),
                "series": self.tr("Series"), "scenario": self.tr("Scenario")}

    def template_hint(self) -> str:
        """What an empty reply or value field shows."""
        return self.tr("Text to say; {current_brand} and other {variables} insert the context's values")

    def negate(self) -> tuple[str, str]:
        """The NOT toggle's text and tooltip."""
        return self.tr("NOT"), self.tr("Negate: holds when this does not")

    def none(self) -> str:
        """What an optional argument left empty shows."""
        return self.tr("(none)")

    def moves(self) -> dict[str, str]:
        """The moves of a condition row or group (studio/authoring/moves.py), as its menu names them."""
        return {"up": self.tr("Move Up"), "down": self.tr("Move Down"),
                "into_above": self.tr("Move into the Group Above"),
                "into_below": self.tr("Move into the Group Below"),
                "out": self.tr("Move out of the Group")}

    def move_tip(self) -> str:
        return self.tr("Click: move up or down, into or out of a group. Drag: move it between any rows")

    def operators(self) -> dict[str, str]:
        return {"AND": self.tr("All of (AND)"), "OR": self.tr("Any of (OR)")}
