"""The README and docs/ stand alone: they start a fresh machine, cite nothing outside the
repository, link only to files that exist, and document every word of the language and
every key of the JSON the command line prints."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from studio.conversations.model import EXPECT_KEYS
from studio.diagnostics import Diagnostic, Severity, Span
from studio.dsl.ast import PERSONA_KEYS
from studio.dsl.tokens import BUILTIN_VARIABLES, KEYWORDS

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))
README = ROOT / "README.md"
CHAT_JSON_KEYS = ("input", "reply", "intent", "intent_source", "rule", "stage", "sales_stage", "product_chain",
                  "context")
TEST_JSON_KEYS = ("passed", "failed", "tests", "load_errors", "coverage", "name", "file", "turns", "notes", "index", "user",
                  "line", "mismatches", "key", "expected", "actual", "result", "trace")
TRACE_KEYS = ("intent_reason", "llm_calls", "attempts", "actions", "diff", "by_index", "condition", "reason")


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_readme_starts_with_the_two_commands_of_a_fresh_machine():
    lines = text_of(README).splitlines()
    assert lines[0].startswith("# ")
    block = lines[lines.index("```bash") + 1:]
    commands = block[:block.index("```")]
    assert len(commands) == 2
    assert "pip install -e ." in commands[0] and "rule-studio" in commands[0]
    assert "pip install -e '.[test]'" in commands[1] and "pytest" in commands[1]
    assert lines.index("```bash") == 2


def test_right_after_the_commands_the_readme_says_how_to_run_without_a_display_and_in_a_venv():
    text = text_of(README)
    after = text[text.index("```", text.index("```bash") + 3):][:2000]
    assert "python3 -m venv" in after
    assert "QT_QPA_PLATFORM=offscreen" in after


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda p: p.name)
def test_nothing_outside_the_repository_is_cited(path):
    text = text_of(path)
    for cited in ("SPEC", "§", "shared/", "LAZYLLM.md"):
        assert cited not in text, f"{path.name} cites {cited!r}"
    assert "the seed" not in text.lower(), f"{path.name} cites the seed"


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda p: p.name)
def test_every_relative_link_points_at_a_file(path):
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text_of(path)):
        if "://" in target:
            continue
        assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def test_the_cli_contract_names_every_key_of_the_json_it_prints():
    cli = text_of(ROOT / "docs" / "cli.md")
    diagnostic = Diagnostic(Severity.ERROR, "E100", "m", Span(0, 1, 1, 1, 1, 2), "rules/a.dsl")
    for key in [*diagnostic.to_json(), *CHAT_JSON_KEYS, *TEST_JSON_KEYS, *TRACE_KEYS]:
        assert f"`{key}`" in cli or f'"{key}"' in cli, f"docs/cli.md does not name the JSON key {key!r}"
    for command in ("check", "chat", "test"):
        assert f"rule-studio {command}" in cli


def test_the_language_reference_names_every_keyword_persona_key_variable_and_expectation():
    language = text_of(ROOT / "docs" / "language.md")
    for word in [*KEYWORDS, *PERSONA_KEYS, *BUILTIN_VARIABLES, *EXPECT_KEYS]:
        assert f"`{word}" in language, f"docs/language.md does not mention {word}"
