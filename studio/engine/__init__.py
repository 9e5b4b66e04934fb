"""The conversation engine: context, rule base + index, one turn, trace (see docs/engine.md)."""
from studio.engine.assistant import Assistant, TurnResult
from studio.engine.context import ConversationContext
from studio.engine.extract import Budget, extract_budget
from studio.engine.rulebase import RuleBase
from studio.engine.stages import DEFAULT_SALES_STAGES
from studio.engine.trace import Attempt, Trace

__all__ = ["Assistant", "Attempt", "Budget", "ConversationContext", "DEFAULT_SALES_STAGES", "RuleBase",
           "Trace", "TurnResult", "extract_budget"]
