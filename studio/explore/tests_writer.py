"""Conversation tests made from explored conversations, for the rules the existing tests never fire.

Each test replays one conversation from a fresh context and, on its last
turn, expects the rule found, the stage it leaves and the intent detected (as
`rule-studio test` sees them). Earlier turns carry no expectation: they only
lead there. A file is named after its rule and never replaces an existing
file (`choose_brand.yaml`, else `choose_brand_2.yaml`, ...). Each text is
read back with the test loader and run before it is written, so a file that
would not pass is never written.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from studio.conversations.coverage import Coverage
from studio.conversations.loader import parse_test
from studio.conversations.model import LoadError
from studio.conversations.runner import load_tests, run_one, run_tests
from studio.engine.assistant import Assistant, TurnResult
from studio.engine.rulebase import RuleBase
from studio.explore.search import Exploration
from studio.i18n import _
from studio.project import Analysis

MAX_NAME_TRIES = 1000


@dataclass(frozen=True)
class WrittenTest:
    rule: str
    path: Path


def rules_fired_by_tests(analysis: Analysis) -> set[str]:
    """The rules that the project's conversation tests make fire at least once (run offline)."""
    tests, load_errors = load_tests(analysis)
    report = run_tests(analysis, tests, load_errors)
    return {name for name, count in report.coverage.fired.items() if count}


def conversation_test_yaml(rule: str, conversation: Sequence[str], last: TurnResult) -> str:
    """The text of a conversation test whose last turn expects `rule`, its stage and intent."""
    quoted = lambda text: json.dumps(text, ensure_ascii=False)   # a JSON string is a YAML double-quoted scalar
    # The comment is for the analyst reading the file, in their language; the keys and the name stay as they are.
    found_by = _("Found by `rule-studio explore`: a shortest conversation that fires {rule}.").format(rule=rule)
    lines = [f"# {found_by}",
             f"name: {quoted('explore: ' + rule)}",
             "turns:"]
    for message in conversation[:-1]:
        lines.append(f"  - user: {quoted(message)}")
    intent = "null" if last.intent is None else quoted(last.intent)
    expect = f"expect: {{rule: {quoted(rule)}, stage: {quoted(last.stage)}, intent: {intent}}}"
    if conversation:
        lines += [f"  - user: {quoted(conversation[-1])}", f"    {expect}"]
    else:   # the opening turn fires it
        lines += ["  - opening:", f"      {expect}"]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class PlannedTest:
    rule: str
    text: str


def planned_tests(analysis: Analysis, found: Exploration) -> list[PlannedTest]:
    """The text of a passing test for each reached rule that no existing test fires (nothing is written)."""
    already = rules_fired_by_tests(analysis)
    assistant = Assistant(RuleBase.build(analysis.programs), analysis.knowledge)
    planned = []
    for rule, conversation in found.rules.items():
        if conversation is None or rule in already:
            continue
        context = assistant.new_context()
        if assistant.rulebase.uses_opening:   # as `chat` and the test runner do
            last = assistant.opening(context)
        for message in conversation:
            last = assistant.turn(context, message)
        text = conversation_test_yaml(rule, conversation, last)
        if _passes(assistant, text, rule):
            planned.append(PlannedTest(rule, text))
    return planned


def write_tests(analysis: Analysis, found: Exploration, folder: Path) -> list[WrittenTest]:
    """Write the `planned_tests` into `folder` (created if needed), each under a free name.

    Raises OSError when the folder cannot be made or written to.
    """
    planned = planned_tests(analysis, found)
    folder.mkdir(parents=True, exist_ok=True)
    return [WrittenTest(test.rule, write_new(folder, test.rule, test.text)) for test in planned]


def _passes(assistant: Assistant, text: str, rule: str) -> bool:
    test = parse_test(text, f"{rule}.yaml")
    if isinstance(test, LoadError):
        return False
    return run_one(assistant, test, Coverage([])).passed


def write_new(folder: Path, stem: str, text: str) -> Path:
    """Write `text` to `stem.yaml`, or the first free `stem_N.yaml`; never over an existing file."""
    for number in range(1, MAX_NAME_TRIES + 1):
        path = folder / (f"{stem}.yaml" if number == 1 else f"{stem}_{number}.yaml")
        try:
            with open(path, "x", encoding="utf-8", newline="\n") as out:   # "x": fails if it exists
                out.write(text)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(_("no free file name for {file} in {folder}").format(file=f"{stem}.yaml", folder=folder))
