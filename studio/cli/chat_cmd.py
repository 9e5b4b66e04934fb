"""`rule-studio chat`: one turn per stdin line; the reply, or one JSON object per turn.

When a rule tests CONVERSATION_START, the assistant's opening turn is printed
first (in JSON with `"input": null`). A chat started mid-flow (`--start` or
`--set`) has no opening turn: the conversation is already under way.
"""
from __future__ import annotations

import json
import re

from studio.engine.assistant import Assistant
from studio.engine.context import ConversationContext
from studio.engine.start import StartError, start_values, unfamiliar
from studio.engine.rulebase import RuleBase
from studio.i18n import _
from studio.project import Project, ProjectError
from studio.vocabulary import vocabulary


# What a byte that is not UTF-8 becomes on a surrogateescape stream (Python's default for a
# UTF-8 locale); such a character cannot be written to a UTF-8 output.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def readable(line: str) -> str:
    """The message without its line end, any lone surrogate as U+FFFD (as a UTF-8 decoder with `replace`)."""
    return _LONE_SURROGATE.sub("\ufffd", line.rstrip("\r\n"))


def llm_notes(calls) -> list[str]:
    """One line per failed LLM call; calls skipped while the LLM is paused are told once per turn."""
    failed = [call for call in calls if call.error]
    skipped = sum(call.skipped for call in failed)
    notes, told_skip = [], False
    for call in failed:
        if call.skipped:
            if told_skip:
                continue
            told_skip = True
        if call.skipped and skipped > 1:
            note = _("note: LLM {purpose} call failed ({error}) (and {count} more call(s) skipped); "
                     "answered offline")
        else:
            note = _("note: LLM {purpose} call failed ({error}); answered offline")
        notes.append(note.format(purpose=call.purpose, error=call.error, count=skipped - 1))
    return notes


def build_assistant(analysis, llm_mode: str, err) -> Assistant:
    """The assistant of an analysed project; notes about errors or a missing LLM go to `err`.

    Raises `studio.llm.LLMConfigError` when an LLM is asked for but configured wrongly.
    """
    if analysis.errors:
        print(_("warning: the project has {count} error(s) (see `rule-studio check`); rules with syntax errors "
                "are left out").format(count=len(analysis.errors)), file=err)
    llm = None
    if llm_mode == "auto":
        from studio.llm import build_llm
        llm = build_llm("auto")
        if llm is None:
            print(_("note: --llm auto but no LLM is configured; answering offline"), file=err)
    return Assistant(RuleBase.build(analysis.programs), analysis.knowledge, llm)


def run(project_path: str, llm_mode: str, as_json: bool, stdin, out, err,
        start: str | None = None, sets: tuple[str, ...] = (), trace: bool = False) -> int:
    try:
        values = start_values(start, sets)
        context = ConversationContext.from_dict(values)
    except StartError as exc:
        print(_("rule-studio chat: {error}").format(error=exc), file=err)
        return 2
    try:
        analysis = Project.open(project_path).analyze()
    except ProjectError as exc:
        print(_("rule-studio chat: {error}").format(error=exc), file=err)
        return 2
    if values:   # the vocabulary walks every rule and the knowledge: only a start needs it
        for warning in unfamiliar(values, vocabulary(analysis.programs, analysis.knowledge)):
            print(warning, file=err)
    from studio.llm import LLMConfigError
    try:
        assistant = build_assistant(analysis, llm_mode, err)
    except LLMConfigError as exc:
        print(_("rule-studio chat: {error}").format(error=exc), file=err)
        return 2
    if assistant.rulebase.uses_opening and start is None and not sets:
        _show(assistant.opening(context), as_json, trace, out, err)
    for line in stdin:
        message = readable(line)
        if not message.strip():
            continue
        _show(assistant.turn(context, message), as_json, trace, out, err)
    return 0


def _show(result, as_json: bool, trace: bool, out, err) -> None:
    for note in llm_notes(result.trace.llm_calls):
        print(note, file=err)
    if as_json:
        turn = result.to_json()
        if trace:
            turn["trace"] = result.trace.to_dict()
        out.write(json.dumps(turn, ensure_ascii=False) + "\n")
    else:
        out.write((result.reply or "") + "\n")
    out.flush()
