"""Golden parser tests: each tests/dsl/golden/*.dsl beside its expected outline and diagnostics.

Run with UPDATE_GOLDEN=1 to rewrite the .expected files after a deliberate change
(then read the diff before committing it).
"""
import os
from pathlib import Path

import pytest

from studio.dsl import ast
from studio.dsl.parser import parse

GOLDEN = Path(__file__).parent / "golden"


def render(text: str, file: str) -> str:
    result = parse(text, file)
    program = result.program
    lines = []
    for intent in program.intents:
        examples = " ".join(e.value for e in intent.examples)
        lines.append(f"intent {intent.name.text} keywords={intent.keywords.value if intent.keywords else None!r} "
                     f"examples=[{examples}]")
        for line in (line for line in intent.keyword_lines if line.text is not intent.keywords):   # the others
            stages = f" in_stage={line.stages.value!r}" if line.stages else ""
            lines.append(f"  keywords={line.text.value!r}{stages} line={line.span.line}")
    for persona in program.personas:
        lines.append(f"persona {sorted(persona.as_dict())}")
    for stage in program.sales_stages:
        lines.append(f"sales_stage {stage.number.value} {stage.title.value}")
    for rule in program.rules:
        kinds = " ".join(type(a).__name__ for a in rule.actions)
        lines.append(f"rule {rule.name.text} priority={rule.priority} complete={rule.complete} "
                     f"condition={show(rule.condition)} actions=[{kinds}]")
    for d in result.diagnostics:
        s = d.span
        lines.append(f"{s.line}:{s.column}-{s.end_line}:{s.end_column} {d.severity.value} {d.code} "
                     f"{d.message} | suggestion={d.suggestion}")
    return "\n".join(lines) + "\n"


def show(expr) -> str:
    if expr is None:
        return "-"
    if isinstance(expr, ast.And):
        return "(" + " AND ".join(show(o) for o in expr.operands) + ")"
    if isinstance(expr, ast.Or):
        return "(" + " OR ".join(show(o) for o in expr.operands) + ")"
    if isinstance(expr, ast.Not):
        return "NOT " + show(expr.operand)
    return type(expr).__name__


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.dsl")), ids=lambda p: p.stem)
def test_golden(path: Path):
    actual = render(path.read_text(encoding="utf-8"), path.name)
    expected_path = path.with_suffix(".expected")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")
