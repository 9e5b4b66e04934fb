"""`rule-studio check` on names far longer than any known one: answered at once, in memory linear in the text.

Did-you-mean once built every deletion variant of such a name (about n²/2
strings of n characters): a 1,500-character intent name took 1.8 GB.
"""
import json

import pytest

from tests.checks.checks_helpers import REPO, check_project, distinct_word, peak_bytes, write_project

FALLBACK = 'RULE fallback PRIORITY -100 WHEN ALWAYS THEN RESPOND "抱歉"\n'
MEMORY_BOUND = 30_000_000   # a check of a small project; the variants of a 600-character name alone took 150 MB


@pytest.fixture(scope="module", autouse=True)
def checker_warmed_up(tmp_path_factory):
    """Imports and first-use tables (pinyin readings) are loaded once, outside the measured checks."""
    root = tmp_path_factory.mktemp("warm")
    check_project(write_project(root, {"x.dsl": 'RULE r WHEN USER_MENTION_ANY "萍果" THEN RESPOND "hi"\n' + FALLBACK}))


@pytest.mark.parametrize("length", [600, 1500, 5000])
def test_a_long_undeclared_intent_name_is_reported_without_a_suggestion_at_once(tmp_path, length):
    name = distinct_word(length)
    project = write_project(tmp_path, {"x.dsl": f'INTENT ask KEYWORDS "买"\nRULE r WHEN INTENT_IS {name} '
                                                f'THEN RESPOND "hi"\n' + FALLBACK})
    (code, out, _), peak = peak_bytes(lambda: check_project(project))
    assert code == 1
    e110 = [line for line in out.splitlines() if " E110 " in line]
    assert len(e110) == 1 and e110[0].startswith("rules/x.dsl:2:") and "did you mean" not in e110[0]
    assert peak < MEMORY_BOUND


@pytest.mark.parametrize("length", [600, 1500, 5000])
def test_a_long_series_name_in_the_knowledge_keeps_did_you_mean_cheap_and_working(tmp_path, length):
    data = json.loads((REPO / "knowledge" / "products.json").read_text(encoding="utf-8"))
    long_series = distinct_word(length)
    data["categories"]["手机"]["brands"]["苹果"]["series"].append(long_series)
    near_miss = long_series[:length // 2] + long_series[length // 2 + 1:]
    rules = ('RULE r WHEN CONTEXT_EQ current_brand "苹果" THEN ADD_TO_CHAIN series "iPhone 61"\n'
             f'RULE s WHEN CONTEXT_EQ current_brand "苹果" THEN ADD_TO_CHAIN series "{near_miss}"\n' + FALLBACK)
    project = write_project(tmp_path, {"x.dsl": rules}, json.dumps(data, ensure_ascii=False, indent=2))
    (code, out, _), peak = peak_bytes(lambda: check_project(project, "json"))
    assert code == 1
    found = {d["line"]: d for d in json.loads(out) if d["code"] == "E202"}
    assert found[1]["suggestion"] == "iPhone 16"
    assert found[2]["suggestion"] == long_series   # one deletion from a long known name is still a typo
    assert peak < MEMORY_BOUND


@pytest.mark.parametrize("length", [600, 5000])
def test_a_long_brand_alternative_in_free_text_is_no_near_miss(tmp_path, length):
    word = distinct_word(length)
    project = write_project(tmp_path, {"x.dsl": f'RULE r WHEN USER_MENTION_ANY "苹果|{word}" THEN RESPOND "hi"\n'
                                                f'RULE s WHEN ALWAYS THEN RESPOND "{word}、{word}和华维"\n'})
    (code, out, _), peak = peak_bytes(lambda: check_project(project))
    assert code == 0, out
    assert peak < MEMORY_BOUND
