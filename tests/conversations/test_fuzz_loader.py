"""Any text a conversation test file may hold loads as a test or a LoadError, and a loaded test runs."""
import io
import json
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from studio.cli.test_cmd import escape_surrogates, report_json, write_text
from studio.conversations.loader import parse_test
from studio.conversations.model import ConversationTest, LoadError
from studio.conversations.runner import run_tests
from studio.project import Project

REPO = Path(__file__).resolve().parents[2]

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=1)
def sample_analysis():
    return Project.open(REPO).analyze()


def load_and_run(text: str) -> None:
    loaded = parse_test(text, "conversations/fuzz.yaml", default_name="fuzz")
    assert isinstance(loaded, (ConversationTest, LoadError))
    if isinstance(loaded, LoadError):
        assert loaded.line >= 1 and loaded.column >= 1 and loaded.message
        return
    report = run_tests(sample_analysis(), [loaded])
    text_out = io.StringIO()
    write_text(report, True, text_out)
    for written in (text_out.getvalue(), json.dumps(report_json(report, True), ensure_ascii=False)):
        escape_surrogates(written).encode("utf-8")


# Random YAML-ish text: the punctuation YAML cares about, anchors, tags, escapes and a few words of the format.
PIECES = ["\n", "  ", "- ", ": ", "[", "]", "{", "}", ",", "&a ", "*a", "&b ", "*b", "<<: ", "!!str ", "!!int ",
          "!!binary ", "!x ", "? ", "|", ">", "#", "'", '"', "\\ud800", "\\U0001F600", "~", "null", "true",
          ".nan", "1", "9" * 120, "0x1F", "2024-01-01", "turns", "user", "expect", "start", "context", "stage",
          "sales_stage", "query_count", "product_chain", "budget_range", "category", "brand", "color", "llm",
          "auto", "name", "reply_contains", "你好", "我想买个手机", "苹果", "%YAML 1.1\n", "---\n", "...\n",
          "&a [*a]", "{<<: *a}", '"\\ud800"', "[[", "]]"]


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_yamlish_text_loads_or_is_a_load_error_and_runs(text):
    load_and_run(text)


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(lambda pieces: "turns:\n  - user: " + "".join(pieces)))
def test_text_after_a_valid_start_loads_or_is_a_load_error_and_runs(text):
    load_and_run(text)


# Random structures, shaped like the format often enough to reach the runner.
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8),
                    st.sampled_from(["手机", "电脑", "苹果", "category", "brand", "series", "color", "你好", "3"]))
anything = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=10)
pair = st.lists(st.sampled_from(["category", "subtype", "brand", "series", "color", "手机", "苹果"]),
                min_size=2, max_size=2)
chain = st.one_of(st.lists(pair, max_size=3), anything)
context = st.fixed_dictionaries({}, optional={
    "query_count": st.one_of(st.integers(-2, 10), anything), "sales_stage": st.one_of(st.integers(-1, 9), anything),
    "product_chain": chain, "budget_range": st.one_of(st.lists(st.integers(0, 9000), max_size=3), anything),
    "user_preferences": anything, "current_category": scalars, "self": scalars, "stage": scalars})
expect = st.fixed_dictionaries({}, optional={
    "intent": scalars, "rule": scalars, "stage": scalars, "sales_stage": st.one_of(st.integers(0, 9), anything),
    "product_chain": chain, "context": st.one_of(anything, context), "reply_contains": anything,
    "reply_not_contains": anything, "reply_equals": scalars, "intent_source": scalars})
turn = st.fixed_dictionaries({"user": st.one_of(st.sampled_from(["你好", "我想买个手机", "苹果的"]), scalars)},
                             optional={"expect": st.one_of(expect, anything)})
document = st.fixed_dictionaries({"turns": st.one_of(st.lists(turn, max_size=3), anything)}, optional={
    "name": scalars, "llm": st.sampled_from(["off", "auto", "maybe"]),
    "start": st.fixed_dictionaries({}, optional={"stage": scalars, "context": st.one_of(context, anything)})})


def dumped(data) -> str:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return out.getvalue()


@FUZZ
@given(document)
def test_random_structures_dumped_to_yaml_load_or_are_load_errors_and_run(data):
    load_and_run(dumped(data))
