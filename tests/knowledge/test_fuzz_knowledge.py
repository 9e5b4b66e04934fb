"""Whatever a knowledge file holds, loading it gives knowledge and diagnostics, never an exception,
and what it lets through can be checked, answered with, printed and saved.

Inputs: random text, knowledge-shaped JSON and YAML with random names
(lone surrogates and control characters included), random values where
names and lists belong, nesting past the limit, and those texts cut or
spliced at random.
"""
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.knowledge import Category, load_knowledge
from studio.knowledge.nesting import MAX_NESTING
from studio.project import Project
from tests.checks.checks_helpers import REPO

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HANG_GUARD = pytest.mark.timeout(300)   # a generous bound: one example takes milliseconds

RULES = ('RULE menu PRIORITY 3 WHEN INTENT_IS greet THEN SUGGEST_CATEGORIES\n'
         'RULE brands PRIORITY 2 WHEN USER_MENTIONS category THEN CAPTURE category SUGGEST_BRANDS\n'
         'RULE series PRIORITY 1 WHEN USER_MENTIONS brand THEN CAPTURE brand SUGGEST_SERIES\n'
         'RULE scenario WHEN USER_MENTIONS scenario THEN SUGGEST_BY_SCENARIO\n'
         'RULE typo WHEN ALWAYS THEN ADD_TO_CHAIN brand "华维" RESPOND "苹果、华维和小米"\n'
         'INTENT greet KEYWORDS "你好"\n')
MESSAGES = ["你好", "手机", "华为", "苹果手机", "游戏"]
SURROGATE = re.compile("[\ud800-\udfff]")
UNWRITABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")   # in a name

any_char = st.characters(exclude_categories=())   # lone surrogates and control characters too
odd_name = st.one_of(st.sampled_from(["", " 空格", "\udfff", "a\udc80b", "\x07", "a\nb", "\ud83d\ude00"]),
                     st.text(any_char, max_size=12))
scalar = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 20, 10 ** 20), st.text(any_char, max_size=12))
junk = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(odd_name, inner, max_size=3),
                    max_leaves=8)


def nested(levels: int, inner: object) -> list:
    for _ in range(levels):
        inner = [inner]
    return inner


deep = st.builds(nested, st.integers(MAX_NESTING - 8, MAX_NESTING + 8), scalar)   # around the limit


def mostly(shaped: st.SearchStrategy, other: st.SearchStrategy = junk) -> st.SearchStrategy:
    """`shaped` four times in five, else something else: most entries are read, some are refused."""
    return st.integers(0, 4).flatmap(lambda pick: other if pick == 0 else shaped)


name = mostly(st.sampled_from(["手机", "电脑", "苹果", "华为", "Apple", "HUAWEI", "iPhone 16", "游戏", "小米", "联想"]),
              odd_name)

names = mostly(st.lists(name, max_size=4))


def with_unknown_keys(known: dict) -> st.SearchStrategy:
    """An object with most of the `known` keys and at times a random one."""
    return st.builds(lambda extra, chosen: {**extra, **chosen},
                     st.dictionaries(name, junk, max_size=1), st.fixed_dictionaries(known))


brand = with_unknown_keys({
    "aliases": names, "series": names, "scenarios": names,
    "price_range": mostly(st.tuples(st.integers(0, 10 ** 5), st.integers(0, 10 ** 5)).map(list))})
category = with_unknown_keys({
    "description": mostly(st.text(any_char, max_size=12)), "icon": mostly(name), "subtypes": names,
    "brands": mostly(st.dictionaries(name, mostly(brand), min_size=1, max_size=4))})
knowledge_data = st.builds(lambda extra, categories: {**extra, "categories": categories},
                           st.dictionaries(name, mostly(junk, deep), max_size=2),
                           mostly(st.dictionaries(name, mostly(category), min_size=1, max_size=4)))


def as_yaml(data) -> str:
    stream = io.StringIO()
    YAML().dump(data, stream)
    return stream.getvalue()


def as_json(data, ascii_only: bool, indent) -> str:
    return json.dumps(data, ensure_ascii=ascii_only, indent=indent)


json_text = st.builds(as_json, knowledge_data, st.booleans(), st.sampled_from([None, 2]))
yaml_text = knowledge_data.map(as_yaml)


@st.composite
def spliced(draw, texts):
    """A text with a piece cut out and random characters put in its place."""
    text = draw(texts)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 20)))
    return text[:start] + draw(st.text(any_char, max_size=5)) + text[end:]


def texts(shaped: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly `shaped` texts, at times one spliced or random text."""
    return mostly(shaped, st.one_of(spliced(shaped), st.text(any_char, max_size=200)))


file_content = st.one_of(st.tuples(st.just(".json"), texts(json_text)), st.tuples(st.just(".yaml"), texts(yaml_text)))


def names_of(knowledge) -> list[str]:
    found = []
    for category_ in knowledge.categories.values():
        found += [category_.name, *category_.subtypes]
        for brand_ in category_.brands.values():
            found += [brand_.name, *brand_.aliases, *brand_.series, *brand_.scenarios]
    return found


@pytest.fixture(scope="module")
def project():
    return Project.open(str(REPO))


@HANG_GUARD
@FUZZ
@given(content=file_content)
def test_any_knowledge_file_loads_into_knowledge_that_can_be_checked_answered_and_saved(project, content):
    suffix, text = content
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"products{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))   # a raw surrogate makes it not UTF-8
        knowledge, diagnostics, documents = load_knowledge([path], root=Path(folder))
        assert all(d.code.startswith("K") and d.span.line >= 1 and d.span.column >= 1 for d in diagnostics)
        assert not any(UNWRITABLE.search(n) for n in names_of(knowledge))
        assert not any(SURROGATE.search(c.description + c.icon) for c in knowledge.categories.values())
        knowledge.copy()

        analysis = project.analyze(rule_texts={"rules/x.dsl": RULES}, knowledge=knowledge,
                                   test_texts=[], documents=documents)
        for d in analysis.diagnostics + diagnostics:
            d.format_text().encode("utf-8")   # printable as `rule-studio check` prints it
        assistant = Assistant(RuleBase.build(analysis.programs), knowledge)
        context = assistant.new_context()
        for message in MESSAGES:
            assistant.turn(context, message).reply.encode("utf-8")   # printable as `rule-studio chat` prints it

        if documents[0].can_save:   # and an edit is written back and read again
            knowledge.categories["新品类"] = Category("新品类")
            documents[0].save(knowledge)
            assert "新品类" in load_knowledge([path])[0].categories
