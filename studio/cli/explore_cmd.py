"""`rule-studio explore`: which rules and stages a customer can reach, with a shortest conversation for each.

Exit 0 when it ran (whatever it found); 2 when it cannot run (no such
folder, an unreadable file, a depth out of range, a test folder that cannot
be written). The project is parsed, not checked: the search needs the rules
that parse and the knowledge, nothing more.
"""
from __future__ import annotations

import json
from pathlib import Path

from studio.diagnostics import Severity
from studio.dsl.parser import parse
from studio.explore.search import DEFAULT_MAX_STATES, MAX_DEPTH, Exploration, explore_programs
from studio.explore.tests_writer import WrittenTest, write_tests
from studio.files import reason_of
from studio.knowledge import load_knowledge
from studio.i18n import _, ngettext
from studio.project import Analysis, Project, ProjectError


def load(project_path: str) -> Analysis:
    """The project's parsed rules and its knowledge (no checks); ProjectError when it cannot be read."""
    project = Project.open(project_path)
    texts = project.read_rule_texts()
    programs, diagnostics = [], []
    for rel in sorted(texts):
        result = parse(texts[rel], rel)
        programs.append(result.program)
        diagnostics.extend(result.diagnostics)
    knowledge, knowledge_diagnostics, documents = load_knowledge(project.knowledge_files, root=project.root)
    return Analysis(project, programs, knowledge, diagnostics + knowledge_diagnostics, documents, texts)


def run(project_path: str, depth: int, as_json: bool, tests_dir: str | None, out, err) -> int:
    if not 1 <= depth <= MAX_DEPTH:
        print(_("rule-studio explore: --depth must be between 1 and {limit} (got {depth}); each more turn "
                "multiplies the conversations to try").format(limit=MAX_DEPTH, depth=depth), file=err)
        return 2
    try:
        analysis = load(project_path)
    except ProjectError as exc:
        print(_("rule-studio explore: {error}").format(error=exc), file=err)
        return 2
    found = explore_programs(analysis.programs, analysis.knowledge, depth)
    written: list[WrittenTest] = []
    if tests_dir is not None:
        try:
            written = write_tests(analysis, found, Path(tests_dir).expanduser())
        except OSError as exc:
            print(_("rule-studio explore: cannot write tests into {folder}: {reason}").format(
                folder=tests_dir, reason=reason_of(exc)), file=err)
            return 2
    if as_json:
        out.write(json.dumps(to_json(found, written if tests_dir is not None else None), ensure_ascii=False,
                             indent=2) + "\n")
    else:
        knowledge_errors = [d for d in analysis.diagnostics
                            if d.severity is Severity.ERROR and d.code.startswith("K")]
        if knowledge_errors:
            print(_("warning: the knowledge has {count} error(s) (see `rule-studio check`)").format(
                count=len(knowledge_errors)), file=err)
        if found.skipped:
            print(_("skipped (syntax errors, see `rule-studio check`): {rules}").format(
                rules=", ".join(found.skipped)), file=err)
        write_text(found, written, out)
    return 0


def limits_hit(found: Exploration) -> list[str]:
    """Which bounds stopped the search early: "depth", "states", "turns", "messages"."""
    return [name for name, hit in (("depth", found.unexpanded), ("states", found.states_limit_hit),
                                   ("turns", found.turns_limit_hit), ("messages", found.messages_limit_hit)) if hit]


def to_json(found: Exploration, written: list[WrittenTest] | None = None) -> dict:
    def reached(conversation):
        return {"reached": conversation is not None,
                "conversation": None if conversation is None else list(conversation)}

    data = {
        "depth": found.depth,
        "states": found.states,
        "rules": {rule: reached(conversation) for rule, conversation in found.rules.items()},
        "stages": {stage: reached(conversation) for stage, conversation in found.stages.items()},
        "edges": [list(edge) for edge in found.edges],
        "complete": found.complete,
        "limits_hit": limits_hit(found),
        "skipped": found.skipped,
    }
    if written is not None:
        data["written"] = [{"rule": w.rule, "file": str(w.path)} for w in written]
    return data


def _turns(count: int) -> str:
    return ngettext("{count} turn", "{count} turns", count).format(count=count)


def _shown(conversation) -> str:
    return _("(the start)") if not conversation else " → ".join(conversation)


def write_text(found: Exploration, written: list[WrittenTest], out) -> None:
    rules_reached = sum(c is not None for c in found.rules.values())
    stages_reached = sum(c is not None for c in found.stages.values())
    print(_("rules ({reached}/{total} reached):").format(reached=rules_reached, total=len(found.rules)), file=out)
    for rule, conversation in found.rules.items():
        where = found.locations.get(rule, "")
        if conversation is None:
            if found.complete:
                why = _("no conversation with these messages fires it, however long (the search was complete)")
            else:
                why = _("no conversation of at most {turns} fires it").format(turns=_turns(found.depth))
            print("  " + _("never    {rule} ({where}): {why}").format(rule=rule, where=where, why=why), file=out)
        else:
            print("  " + _("reached  {rule} ({where}) in {turns}: {conversation}").format(
                rule=rule, where=where, turns=_turns(len(conversation)), conversation=_shown(conversation)), file=out)
    print(_("stages ({reached}/{total} reached):").format(reached=stages_reached, total=len(found.stages)),
          file=out)
    for stage, conversation in found.stages.items():
        if conversation is None:
            print("  " + _("never    {stage}").format(stage=stage), file=out)
        else:
            print("  " + _("reached  {stage}: {conversation}").format(stage=stage, conversation=_shown(conversation)),
                  file=out)
    print(_("edges ({count}):").format(count=len(found.edges)), file=out)
    order = {stage: index for index, stage in enumerate(found.stages)}
    by_stages = lambda edge: (order.get(edge[0], len(order)), order.get(edge[1], len(order)))   # noqa: E731
    for source, target, rule in sorted(found.edges, key=by_stages):
        print("  " + _("{source} -> {target}  by {rule}").format(source=source, target=target, rule=rule), file=out)
    for test in written:
        print(_("wrote {file} (fires {rule})").format(file=test.path, rule=test.rule), file=out)
    hit = limits_hit(found)
    if hit:
        reasons = {"depth": _("{count} state(s) first reached on turn {turn} were not followed further (try a "
                              "larger --depth)").format(count=found.unexpanded, turn=found.depth),
                   "states": _("stopped at {count} distinct states").format(count=DEFAULT_MAX_STATES),
                   "turns": _("stopped after {count} turns").format(count=found.turns),
                   "messages": _("only the first {count} candidate messages were tried").format(count=found.messages)}
        print(_("search limit reached: {reasons}").format(reasons="; ".join(reasons[name] for name in hit)), file=out)
    # TRANSLATORS: {within} is a number of turns, e.g. "8 turns".
    print(_("{rules_reached}/{rules} rules and {stages_reached}/{stages} stages reached within {within} "
            "({states} states, {turns} turns tried)").format(
        rules_reached=rules_reached, rules=len(found.rules), stages_reached=stages_reached, stages=len(found.stages),
        within=_turns(found.depth), states=found.states, turns=found.turns), file=out)
