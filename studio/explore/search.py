"""Breadth-first search over the conversations the offline engine can have.

Every step is a real turn of `Assistant` on a copy of a real context, so a
conversation found here replays exactly: fresh context, same messages, same
rule on the last turn. The search goes level by level (turn 1, turn 2, ...),
so the first conversation that fires a rule is a shortest one found.

Two contexts that no condition of the project can tell apart lead to the same
rules, so only the first (shortest) conversation reaching each *abstract
state* is continued, and in each state only one of the messages that the rules
cannot tell apart is tried (`abstraction.Observation`).

When a rule tests CONVERSATION_START, every conversation begins with the
assistant's opening turn, as in `chat`: the search takes it first, from the
fresh context, and a rule it fires is reached by the empty conversation
(conversations list the customer's messages only).

The search stops at `depth` turns, at `max_states` abstract states and at
`max_turns` turns tried, tries at most `max_messages` candidate messages, and
says which limit it met.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from typing import Callable

from studio.dsl import ast
from studio.engine.assistant import Assistant
from studio.engine.context import INITIAL_STAGE, ConversationContext
from studio.engine.rulebase import RuleBase
from studio.explore.abstraction import Observation, placeholders
from studio.explore.vocabulary import candidate_messages
from studio.knowledge.model import Knowledge

DEFAULT_DEPTH = 8
MAX_DEPTH = 20
DEFAULT_MAX_STATES = 20_000
DEFAULT_MAX_TURNS = 1_000_000
DEFAULT_MAX_MESSAGES = 20_000   # candidates beyond it (the last rules' combinations) are not tried


@dataclass
class Exploration:
    depth: int
    states: int
    rules: dict[str, tuple[str, ...] | None]    # rule -> a shortest conversation firing it on its last turn
    stages: dict[str, tuple[str, ...] | None]   # stage -> a shortest conversation ending in it
    edges: list[tuple[str, str, str]]           # (from stage, to stage, rule), in the order found
    messages: int                               # candidate messages (each state tries those it can tell apart)
    turns: int                                  # turns run
    states_limit_hit: bool = False
    turns_limit_hit: bool = False
    messages_limit_hit: bool = False            # the vocabulary was cut to `max_messages`
    stopped_early: bool = False                 # its target rule was reached, or it was cancelled
    unexpanded: int = 0                         # states reached on the last turn allowed, not followed further
    skipped: list[str] = field(default_factory=list)   # rules cut short by a syntax error, "name (file:line)"
    locations: dict[str, str] = field(default_factory=dict)   # rule -> "file:line"

    @property
    def complete(self) -> bool:
        """Every abstract state within reach was followed to its end."""
        return not (self.states_limit_hit or self.turns_limit_hit or self.messages_limit_hit or self.unexpanded
                    or self.stopped_early)


def stage_names(rulebase: RuleBase) -> list[str]:
    """The start stage and every stage the rules set or test, in the order written."""
    names = [INITIAL_STAGE]
    for entry in sorted(rulebase.rules, key=lambda e: e.order):
        for leaf in ast.leaves(entry.rule.condition):
            if isinstance(leaf, ast.ContextStageIs):
                names.append(leaf.stage.value)
            elif isinstance(leaf, ast.ContextEq) and leaf.var.text == "current_stage":
                names.append(leaf.value.value)
        for action in entry.rule.actions:
            if isinstance(action, ast.SetStage):
                names.append(action.stage.value)
            elif (isinstance(action, ast.SetVar) and action.var.text == "current_stage"
                  and not placeholders(action.template.value)):
                names.append(action.template.value)
    return list(dict.fromkeys(names))


def explore(rulebase: RuleBase, knowledge: Knowledge, depth: int = DEFAULT_DEPTH, *,
            messages: list[str] | None = None, max_states: int = DEFAULT_MAX_STATES,
            max_turns: int = DEFAULT_MAX_TURNS, max_messages: int = DEFAULT_MAX_MESSAGES,
            target_rule: str | None = None,
            cancelled: Callable[[], bool] | None = None) -> Exploration:
    """Every rule and stage reachable in at most `depth` turns from a fresh context, offline.

    With `target_rule`, the search ends as soon as that rule is reached (the
    editor's "find a conversation for this rule"); `cancelled` is asked between
    states (a worker thread's stop flag). Either leaves the result incomplete.
    """
    assistant = Assistant(rulebase, knowledge)
    observation = Observation(rulebase, knowledge)
    messages = candidate_messages(rulebase, knowledge) if messages is None else messages
    cut = len(messages) > max_messages
    messages = messages[:max_messages]
    start = assistant.new_context()
    rules: dict[str, tuple[str, ...] | None] = {e.name: None for e in sorted(rulebase.rules, key=lambda e: e.order)}
    stages: dict[str, tuple[str, ...] | None] = dict.fromkeys(stage_names(rulebase))
    edges: dict[tuple[str, str, str], None] = {}
    opening_turns = 0
    if rulebase.uses_opening:
        opening = assistant.opening(start)
        opening_turns = 1
        if opening.rule is not None:
            rules[opening.rule] = ()
            if opening.stage != INITIAL_STAGE:
                edges[(INITIAL_STAGE, opening.stage, opening.rule)] = None
    stages[start.current_stage] = ()
    seen = {observation.key(start)}
    locations: dict[str, str] = {}
    for entry in sorted(rulebase.rules, key=lambda e: e.order):   # a name given twice: the first place
        locations.setdefault(entry.name, f"{entry.file}:{entry.line}")
    found = Exploration(depth, 1, rules, stages, [], len(messages), opening_turns, locations=locations,
                        messages_limit_hit=cut)

    frontier: list[tuple[ConversationContext, tuple[str, ...]]] = [(start, ())]
    for _ in range(depth):
        following = []
        for context, path in frontier:
            if (cancelled is not None and cancelled()) or (target_rule is not None and rules.get(target_rule)):
                found.stopped_early = True
                break
            for message in observation.representatives(messages, context):
                if found.turns >= max_turns:
                    found.turns_limit_hit = True
                    break
                after = _copy(context)
                result = assistant.turn(after, message)
                found.turns += 1
                conversation = path + (message,)
                if result.rule is not None:
                    if rules.get(result.rule) is None:
                        rules[result.rule] = conversation
                    if result.stage != context.current_stage:
                        edges.setdefault((context.current_stage, result.stage, result.rule), None)
                if stages.get(result.stage) is None:
                    stages[result.stage] = conversation
                key = observation.key(after)
                if key in seen:
                    continue
                if len(seen) >= max_states:
                    found.states_limit_hit = True
                    continue
                seen.add(key)
                following.append((after, conversation))
        frontier = following
        if not frontier or found.turns_limit_hit or found.stopped_early:
            break
    found.unexpanded = len(frontier) if not (found.turns_limit_hit or found.stopped_early) else 0
    found.states = len(seen)
    found.edges = list(edges)
    return found


def _copy(context: ConversationContext) -> ConversationContext:
    """An independent copy (a turn changes the containers in place), far cheaper than deepcopy."""
    return replace(context, product_chain=list(context.product_chain),
                   user_preferences=dict(context.user_preferences), variables=dict(context.variables),
                   history=deque(context.history, maxlen=context.history.maxlen),
                   state_history=list(context.state_history))


def skipped_rules(programs: list[ast.Program]) -> list[str]:
    """Rules left out of the rule base because a syntax error cut them short, as "name (file:line)"."""
    return [f"{rule.name.text or '?'} ({program.file}:{rule.span.line})"
            for program in programs for rule in program.rules
            if not rule.complete or rule.condition is None]


def explore_programs(programs: list[ast.Program], knowledge: Knowledge, depth: int = DEFAULT_DEPTH,
                     **limits) -> Exploration:
    """`explore` on the rules that parse, naming the ones that do not."""
    found = explore(RuleBase.build(programs), knowledge, depth, **limits)
    found.skipped = skipped_rules(programs)
    return found
