"""`rule-studio test`: replays conversations/*.yaml; exit 0 = all pass, 1 = a failure, 2 = cannot run."""
from __future__ import annotations

import io
import json
import re

from studio.conversations.runner import RunReport, TurnOutcome, load_tests, run_tests
from studio.engine.trace import intent_source_label, llm_purpose_label
from studio.project import Project, ProjectError
from studio.i18n import _


def llm_for(mode: str):
    from studio.llm import build_llm
    return build_llm(mode)


_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """Lone surrogates (a file name that is not UTF-8, a `\\ud800` in the knowledge) as `\\udXXX`.

    UTF-8 cannot encode them, so writing them raises. Inside a JSON string the
    escape is what `ensure_ascii` would have written: it reads back as the same text.
    """
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def run(project_path: str, fmt: str, pattern: str | None, coverage: bool, out, err, record: bool = False) -> int:
    try:
        analysis = Project.open(project_path).analyze()
    except ProjectError as exc:
        print(escape_surrogates(_("rule-studio test: {error}").format(error=exc)), file=err)
        return 2
    if analysis.errors:
        print(_("warning: the project has {count} error(s) (see `rule-studio check`)").format(
            count=len(analysis.errors)), file=err)
    tests, load_errors = load_tests(analysis, pattern)
    from studio.llm import LLMConfigError
    try:
        llm_factory = recording_llm(llm_for("auto")) if record else llm_for
        report = run_tests(analysis, tests, load_errors, llm_factory, record=record)
    except LLMConfigError as exc:
        print(escape_surrogates(_("rule-studio test: {error}").format(error=exc)), file=err)
        return 2
    if record and not any(test.llm == "auto" for test in tests):
        print(_("note: no test says `llm: auto`: nothing to record"), file=err)
    if fmt == "json":
        text = json.dumps(report_json(report, coverage), ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        write_text(report, coverage, buffer)
        text = buffer.getvalue()
    out.write(escape_surrogates(text))
    return 0 if report.passed else 1


def recording_llm(port):
    """`--record` answers only from a real model: without one configured, the command cannot run."""
    from studio.llm import LLMConfigError
    if port is None:
        raise LLMConfigError(_("--record needs an LLM: set RULE_STUDIO_LLM_URL (and RULE_STUDIO_LLM_MODEL) or a "
                               "lazyllm key such as LAZYLLM_QWEN_API_KEY (docs/llm.md)"))
    return lambda mode: port


def write_text(report: RunReport, coverage: bool, out) -> None:
    for error in report.load_errors:
        print(_("ERROR {error}").format(error=error), file=out)
    for outcome in report.outcomes:
        test = outcome.test
        if outcome.passed:
            status = _("PASS {test} ({file}, {count} turns)")
        else:
            status = _("FAIL {test} ({file}, {count} turns)")
        print(status.format(test=test.name, file=test.file, count=len(test.turns)), file=out)
        for note in outcome.notes:
            print("  " + _("note: {note}").format(note=note), file=out)
        for turn in ([outcome.opening] if outcome.opening else []) + outcome.turns:
            if not turn.mismatches:
                continue
            if turn.spec.user is None:
                print("  " + _("opening ({file}:{line})").format(file=test.file, line=turn.spec.line), file=out)
            else:
                print("  " + _("turn {number} ({file}:{line}) user: {message}").format(
                    number=turn.index + 1, file=test.file, line=turn.spec.line, message=turn.spec.user), file=out)
            for m in turn.mismatches:
                described = m.describe().replace("\n", "\n      ")   # a changed LLM request shows its diff
                print(f"    {test.file}:{m.line}: {described}", file=out)
            print("    " + _("trace:"), file=out)
            for line in describe_trace(turn.result.trace.to_dict()):
                print(f"      {line}", file=out)
    if coverage:
        write_coverage(report, out)
    passed = sum(o.passed for o in report.outcomes)
    failed = len(report.outcomes) - passed + len(report.load_errors)
    print(_("{passed} passed, {failed} failed").format(passed=passed, failed=failed), file=out)


def write_coverage(report: RunReport, out) -> None:
    cov = report.coverage
    fired = len(cov.rules) - len(cov.never_fired)
    print(_("coverage: {fired}/{total} rules fired ({percent}%)").format(
        fired=fired, total=len(cov.rules), percent=f"{cov.percent:.1f}"), file=out)
    for site in cov.rules:
        count = cov.fired[site.name]
        mark = f"{count:>4}x" if count else " " + _("never")
        print(f"  {mark}  {site.name}  ({site.file}:{site.line})", file=out)


def turn_json(turn: TurnOutcome) -> dict:
    """A checked turn; the opening turn has index 0 and user null."""
    item = {"index": turn.index + 1, "user": turn.spec.user, "line": turn.spec.line,
            "passed": not turn.mismatches,
            "mismatches": [mismatch_json(m) for m in turn.mismatches],
            "result": turn.result.to_json()}
    if turn.mismatches:
        item["trace"] = turn.result.trace.to_dict()
    return item


def report_json(report: RunReport, coverage: bool) -> dict:
    tests = []
    for outcome in report.outcomes:
        turns = [turn_json(turn) for turn in outcome.turns]
        tests.append({"name": outcome.test.name, "file": outcome.test.file, "passed": outcome.passed,
                      "notes": outcome.notes, "turns": turns,
                      "opening": turn_json(outcome.opening) if outcome.opening else None})
    data = {"tests": tests,
            "load_errors": [{"file": e.file, "line": e.line, "column": e.column, "message": e.message}
                            for e in report.load_errors],
            "passed": sum(o.passed for o in report.outcomes),
            "failed": sum(not o.passed for o in report.outcomes) + len(report.load_errors)}
    if coverage:
        data["coverage"] = report.coverage.to_json()
    return data


def mismatch_json(m) -> dict:
    item = {"key": m.key, "expected": m.expected, "actual": m.actual, "line": m.line}
    if m.message is not None:   # a changed LLM request: the summary and the prompt diff
        item["message"] = m.message
    return item


def describe_trace(trace: dict) -> list[str]:
    """The trace of a failed turn as a few readable lines."""
    lines = [_("intent: {intent} ({source}: {reason})").format(
        intent=trace["intent"], source=intent_source_label(trace["intent_source"]), reason=trace["intent_reason"])]
    for call in trace["llm_calls"]:
        if call["error"]:
            status = _("llm {purpose} ({ms} ms) error: {error}")
        else:
            status = _("llm {purpose} ({ms} ms) answer: {answer}")
        lines.append(status.format(purpose=llm_purpose_label(call["purpose"]), ms=f"{call['latency_ms']:.0f}",
                                   error=call["error"], answer=repr(call["raw"])))
    for attempt in trace["attempts"]:
        lines.append(_("rule {rule} ({file}:{line}) not taken: {condition}: {reason}").format(
            rule=attempt["name"], file=attempt["file"], line=attempt["line"], condition=attempt["condition"],
            reason=attempt["reason"]))
    rule = trace["rule"]
    lines.append(_("fired: {rule} ({file}:{line})").format(rule=rule["name"], file=rule["file"], line=rule["line"])
                 if rule else _("fired: no rule matched"))
    for action in trace["actions"]:
        lines.append(_("action {action}").format(action=action["action"]) + "".join(f"; {n}" for n in action["notes"]))
    lines.extend(_("note: {note}").format(note=note) for note in trace["notes"])
    return lines
