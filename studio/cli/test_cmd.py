"""`rule-studio test`: replays conversations/*.yaml; exit 0 = all pass, 1 = a failure, 2 = cannot run."""
from __future__ import annotations

import io
import json
import re

from studio.conversations.runner import RunReport, TurnOutcome, load_tests, run_tests
from studio.project import Project, ProjectError


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
        print(escape_surrogates(f"rule-studio test: {exc}"), file=err)
        return 2
    if analysis.errors:
        print(f"warning: the project has {len(analysis.errors)} error(s) (see `rule-studio check`)", file=err)
    tests, load_errors = load_tests(analysis, pattern)
    from studio.llm import LLMConfigError
    try:
        llm_factory = recording_llm(llm_for("auto")) if record else llm_for
        report = run_tests(analysis, tests, load_errors, llm_factory, record=record)
    except LLMConfigError as exc:
        print(escape_surrogates(f"rule-studio test: {exc}"), file=err)
        return 2
    if record and not any(test.llm == "auto" for test in tests):
        print("note: no test says `llm: auto`: nothing to record", file=err)
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
        raise LLMConfigError("--record needs an LLM: set RULE_STUDIO_LLM_URL (and RULE_STUDIO_LLM_MODEL) "
                             "or a lazyllm key such as LAZYLLM_QWEN_API_KEY (docs/llm.md)")
    return lambda mode: port


def write_text(report: RunReport, coverage: bool, out) -> None:
    for error in report.load_errors:
        print(f"ERROR {error}", file=out)
    for outcome in report.outcomes:
        test = outcome.test
        status = "PASS" if outcome.passed else "FAIL"
        print(f"{status} {test.name} ({test.file}, {len(test.turns)} turns)", file=out)
        for note in outcome.notes:
            print(f"  note: {note}", file=out)
        for turn in ([outcome.opening] if outcome.opening else []) + outcome.turns:
            if not turn.mismatches:
                continue
            if turn.spec.user is None:
                print(f"  opening ({test.file}:{turn.spec.line})", file=out)
            else:
                print(f"  turn {turn.index + 1} ({test.file}:{turn.spec.line}) user: {turn.spec.user}", file=out)
            for m in turn.mismatches:
                described = m.describe().replace("\n", "\n      ")   # a changed LLM request shows its diff
                print(f"    {test.file}:{m.line}: {described}", file=out)
            print("    trace:", file=out)
            for line in describe_trace(turn.result.trace.to_dict()):
                print(f"      {line}", file=out)
    if coverage:
        write_coverage(report, out)
    passed = sum(o.passed for o in report.outcomes)
    failed = len(report.outcomes) - passed + len(report.load_errors)
    print(f"{passed} passed, {failed} failed", file=out)


def write_coverage(report: RunReport, out) -> None:
    cov = report.coverage
    fired = len(cov.rules) - len(cov.never_fired)
    print(f"coverage: {fired}/{len(cov.rules)} rules fired ({cov.percent:.1f}%)", file=out)
    for site in cov.rules:
        count = cov.fired[site.name]
        mark = f"{count:>4}x" if count else " never"
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
    lines = [f"intent: {trace['intent']} ({trace['intent_source']}: {trace['intent_reason']})"]
    for call in trace["llm_calls"]:
        status = f"error: {call['error']}" if call["error"] else f"answer: {call['raw']!r}"
        lines.append(f"llm {call['purpose']} ({call['latency_ms']:.0f} ms) {status}")
    for attempt in trace["attempts"]:
        lines.append(f"rule {attempt['name']} ({attempt['file']}:{attempt['line']}) not taken: "
                     f"{attempt['condition']}: {attempt['reason']}")
    rule = trace["rule"]
    lines.append(f"fired: {rule['name']} ({rule['file']}:{rule['line']})" if rule else "fired: no rule matched")
    for action in trace["actions"]:
        lines.append(f"action {action['action']}" + "".join(f"; {n}" for n in action["notes"]))
    lines.extend(f"note: {note}" for note in trace["notes"])
    return lines
