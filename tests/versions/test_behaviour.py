"""Replaying the same conversations on two versions and finding the first turn that differs."""
from __future__ import annotations

import pytest

from studio.versions.behaviour import (OPENING_TURN, Conversation, as_conversations, conversations_of, diff_versions,
                                       explore_both, explored_rules, first_difference, load_snapshot)
from studio.versions.logs import LogConversation
from studio.versions.sources import VersionError, folder_snapshot
from tests.versions.projects import KNOWLEDGE, replace_in, write_project


def version(root):
    return load_snapshot(folder_snapshot(root), root)


@pytest.fixture
def old_and_new(tmp_path):
    return write_project(tmp_path / "old"), write_project(tmp_path / "new")


def test_the_same_project_twice_changes_no_conversation(old_and_new):
    old, new = map(version, old_and_new)
    result = diff_versions(old, new)
    assert result.changed == [] and result.files == []
    assert result.unchanged == len(conversations_of(old, new)) > 1


def test_a_greeting_keyword_removed_sends_the_tests_first_turn_to_the_fallback(old_and_new):
    replace_in(old_and_new[1] / "rules" / "shop.dsl", 'KEYWORDS "你好"', 'KEYWORDS "您好"')
    result = diff_versions(*map(version, old_and_new))

    test_change = next(c for c in result.changed if c.source == "test:buy_phone.yaml")
    assert test_change.turn == 0
    assert (test_change.old.rule, test_change.new.rule) == ("greet", "fallback")
    assert (test_change.old.intent, test_change.new.intent) == ("greeting", None)
    assert test_change.differences == ["intent", "rule", "stage", "reply"]
    assert [f.file for f in result.files] == ["rules/shop.dsl"]


def test_an_opening_turn_added_is_a_change_before_the_first_message(old_and_new):
    rules = old_and_new[1] / "rules" / "shop.dsl"
    rules.write_text(rules.read_text(encoding="utf-8")
                     + '\nRULE opening PRIORITY 100 WHEN CONVERSATION_START THEN\n    RESPOND "欢迎光临"\n', encoding="utf-8")
    result = diff_versions(*map(version, old_and_new))
    assert result.changed and all(c.turn == OPENING_TURN for c in result.changed if not c.source.startswith("test:"))
    change = result.changed[0]
    assert change.turn == OPENING_TURN and change.new.input is None
    assert (change.old.rule, change.old.reply) == (None, "")
    assert (change.new.rule, change.new.reply) == ("opening", "欢迎光临")


def test_a_brand_removed_from_the_knowledge_changes_the_turn_that_names_it(old_and_new):
    knowledge = {"categories": {"手机": dict(KNOWLEDGE["categories"]["手机"])}}
    knowledge["categories"]["手机"]["brands"] = {"苹果": KNOWLEDGE["categories"]["手机"]["brands"]["苹果"]}
    write_project(old_and_new[1], knowledge=knowledge)

    result = diff_versions(*map(version, old_and_new))

    test_change = next(c for c in result.changed if c.source == "test:buy_phone.yaml")
    assert test_change.turn == 2 and test_change.new.input == "华为的"
    assert (test_change.old.rule, test_change.new.rule) == ("pick_brand", "fallback")
    assert "product_chain" in test_change.differences
    assert [f.file for f in result.files] == ["knowledge/products.json"]


def test_a_reply_changed_later_in_a_conversation_is_found_at_that_turn(old_and_new):
    replace_in(old_and_new[1] / "rules" / "shop.dsl", "的手机很受欢迎", "的手机卖得很好")
    old, new = map(version, old_and_new)
    change = first_difference(Conversation("test:x", ("你好", "我想买手机", "华为的", "你好")), old, new)
    assert change.turn == 2 and change.differences == ["reply"]
    assert change.new.reply == "华为的手机卖得很好。"


def test_a_conversation_starts_from_its_start_context(old_and_new):
    replace_in(old_and_new[1] / "rules" / "shop.dsl", "的手机很受欢迎", "的手机卖得很好")
    old, new = map(version, old_and_new)
    mid_flow = Conversation("test:x", ("苹果",), {"current_stage": "brand_select", "current_category": "手机"})
    assert first_difference(mid_flow, old, new).turn == 0
    assert first_difference(Conversation("test:x", ("苹果",)), old, new) is None


def test_a_test_that_only_the_old_version_has_is_still_replayed(old_and_new):
    (old_and_new[1] / "conversations" / "buy_phone.yaml").unlink()
    replace_in(old_and_new[1] / "rules" / "shop.dsl", 'KEYWORDS "你好"', 'KEYWORDS "您好"')
    result = diff_versions(*map(version, old_and_new))
    assert "test:buy_phone.yaml" in [c.source for c in result.changed]
    assert {"file": "conversations/buy_phone.yaml", "status": "deleted"} in [f.to_json() for f in result.files]


def test_the_same_messages_from_two_sources_are_replayed_once(old_and_new):
    old, new = map(version, old_and_new)
    logs = [LogConversation("chat.jsonl", "7", ("你好", "我想买手机", "华为的")),
            LogConversation("chat.jsonl", "8", ("随便聊聊",))]
    sources = [c.source for c in conversations_of(old, new, logs)]
    assert "log:chat.jsonl:7" not in sources   # the same turns as the test, which comes first
    assert "log:chat.jsonl:8" in sources
    assert sources.count("test:buy_phone.yaml") == 1
    assert any(s.startswith("explore:") for s in sources)


def test_a_version_that_does_not_parse_is_refused_with_its_errors(tmp_path):
    project = write_project(tmp_path / "p")
    replace_in(project / "rules" / "shop.dsl", "RULE fallback\nWHEN ALWAYS", "RULE fallback\nWHEN")
    with pytest.raises(VersionError, match=r"(?s)does not parse.*rules/shop\.dsl:29:1: error E100"):
        version(project)


def test_a_knowledge_file_that_is_not_json_is_refused(tmp_path):
    project = write_project(tmp_path / "p")
    (project / "knowledge" / "products.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(VersionError, match="K100"):
        version(project)


def test_a_conversation_test_that_does_not_load_is_refused(tmp_path):
    project = write_project(tmp_path / "p", test="turns: [")
    with pytest.raises(VersionError, match="conversations/buy_phone.yaml"):
        version(project)


def test_the_old_version_explored_in_a_second_process_finds_what_it_finds_here(old_and_new):
    replace_in(old_and_new[1] / "rules" / "shop.dsl", 'KEYWORDS "你好"', 'KEYWORDS "您好"')
    old, new = map(version, old_and_new)
    explored_old, explored_new = explore_both(old, new)
    assert explored_old == as_conversations(explored_rules(old.programs, old.knowledge))
    assert explored_new == as_conversations(explored_rules(new.programs, new.knowledge))
    assert Conversation("explore:greet", ("你好",)) in explored_old
    assert Conversation("explore:greet", ("您好",)) in explored_new
