"""What the editor's completion offers, gathered from an analysis and the knowledge.

Plain Python (no Qt), also what `chat --start/--set` checks against: the main window passes `vocabulary(...)` to every
editor's ``set_vocabulary(**words)`` after each analysis.
"""
from __future__ import annotations

from studio.dsl import ast
from studio.dsl.tokens import BUILTIN_VARIABLES
from studio.knowledge import Knowledge


def _unique(items) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def vocabulary(programs: list[ast.Program], knowledge: Knowledge | None) -> dict[str, list[str]]:
    """Declared intents, variables, stages, rule names and the knowledge's names."""
    intents, variables, stages, rules = [], list(BUILTIN_VARIABLES), [], []
    for program in programs:
        intents += [i.name.text for i in program.intents]
        for rule in program.rules:
            rules.append(rule.name.text)
            if rule.condition is not None:
                for leaf in ast.leaves(rule.condition):
                    if isinstance(leaf, ast.ContextStageIs):
                        stages.append(leaf.stage.value)
                    elif isinstance(leaf, (ast.ContextEq, ast.ContextHas, ast.ContextNotSet)):
                        variables.append(leaf.var.text)
            for action in rule.actions:
                if isinstance(action, ast.SetStage):
                    stages.append(action.stage.value)
                elif isinstance(action, ast.SetVar):
                    variables.append(action.var.text)
    words = {"intents": _unique(intents), "variables": _unique(variables), "stages": _unique(stages),
             "rules": _unique(rules), "categories": [], "brands": [], "series": [], "subtypes": [],
             "scenarios": []}
    if knowledge is not None:
        words["categories"] = list(knowledge.categories)
        words["brands"] = knowledge.brand_names()
        words["series"] = knowledge.series_names()
        words["subtypes"] = knowledge.subtype_names()
        words["scenarios"] = knowledge.scenario_words()
    return words
