"""Where a new rule goes: the fallback it must stay above, a priority for it, a name not yet taken."""
from __future__ import annotations

import re

from studio.dsl import ast


def fallback_rule(programs: list[ast.Program]) -> tuple[str, ast.Rule] | None:
    """(file, rule) of the fallback of the rule base (see `fallback_of`)."""
    found = fallback_of(rule for program in programs for rule in program.rules)
    if found is None:
        return None
    return next(program.file for program in programs if any(rule is found for rule in program.rules)), found


def fallback_of(rules) -> ast.Rule | None:
    """The `WHEN ALWAYS` rule of lowest priority, the last such in source order."""
    found = None
    for rule in rules:
        if isinstance(rule.condition, ast.Always) and (found is None or rule.priority <= found.priority):
            found = rule
    return found


def suggested_priority(programs: list[ast.Program]) -> int:
    """Just below the lowest priority of the other rules, yet above the fallback: the new rule then takes
    only what no other rule takes (as a message that reached the fallback)."""
    fallback = fallback_rule(programs)
    others = [rule.priority for program in programs for rule in program.rules
              if fallback is None or rule is not fallback[1]]
    if not others:
        return 10 if fallback is None else fallback[1].priority + 10
    below = min(others) - 1
    return max(below, fallback[1].priority + 1) if fallback is not None else below


_NOT_WORD = re.compile(r"\W+")


def unique_name(base: str, taken) -> str:
    """`base` made an identifier (letters, digits, `_`; not starting with a digit), with `_2`, `_3`, … when
    it is taken."""
    name = _NOT_WORD.sub("_", base).strip("_") or "new_rule"
    if name[0].isdigit():
        name = "rule_" + name
    taken = set(taken)
    if name not in taken:
        return name
    n = 2
    while f"{name}_{n}" in taken:
        n += 1
    return f"{name}_{n}"
