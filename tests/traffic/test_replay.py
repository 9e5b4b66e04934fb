"""Replay counts equal the engine's, turn by turn, whatever the format, the interleaving and the partitions."""
from __future__ import annotations

import json

import pytest

from studio.project import SAMPLE_PROJECT
from studio.traffic import replay as replay_module
from studio.traffic.replay import partition_of, replay, replay_partition
from tests.traffic.logs import INTERLEAVED, engine_counts, write_csv, write_jsonl, write_xlsx

SAMPLE_LOG = SAMPLE_PROJECT / "resources" / "sample_logs" / "customer_chats.jsonl"


def figures(counts) -> dict:
    return {"turns": counts.turns, "conversations": counts.conversations, "no_intent": counts.no_intent,
            "fallback": counts.fallback, "empty_reply": counts.empty_reply, "by_intent": dict(counts.by_intent),
            "by_rule": dict(counts.by_rule), "never_fired": counts.never_fired, "unhandled": dict(counts.unhandled)}


@pytest.mark.parametrize("writer", [write_jsonl, write_csv, write_xlsx], ids=["jsonl", "csv", "xlsx"])
def test_interleaved_conversations_count_as_the_engine_turn_by_turn(tmp_path, writer):
    suffix = {write_jsonl: ".jsonl", write_csv: ".csv", write_xlsx: ".xlsx"}[writer]
    log = writer(tmp_path / ("log" + suffix), INTERLEAVED)
    counts = replay(SAMPLE_PROJECT, [log])
    expected = engine_counts(INTERLEAVED)
    assert figures(counts) == expected
    assert counts.errors == []
    # what the interleaving must not break: conversation a goes through to checkout in its own context
    assert expected["by_rule"]["checkout"] == 1 and expected["conversations"] == 3


def test_each_conversation_starts_from_a_fresh_context(tmp_path):
    # the same two messages in two conversations: the second "苹果的" is a brand choice only after "我想买个手机"
    pairs = [("x", "我想买个手机"), ("y", "苹果的"), ("x", "苹果的")]
    counts = replay(SAMPLE_PROJECT, [write_jsonl(tmp_path / "log.jsonl", pairs)])
    assert figures(counts) == engine_counts(pairs)
    assert counts.by_rule["choose_brand"] == 1


def test_the_sample_log_counts_as_the_engine_and_skips_the_assistant_lines():
    lines = [json.loads(line) for line in SAMPLE_LOG.read_text(encoding="utf-8").splitlines()]
    pairs = [(line["conversation"], line["text"]) for line in lines if line["role"] == "user"]
    counts = replay(SAMPLE_PROJECT, [SAMPLE_LOG])
    assert figures(counts) == engine_counts(pairs)
    assert counts.turns == len(pairs) < len(lines)
    assert counts.unhandled and counts.never_fired   # the sample shows both


def test_several_files_are_one_traffic_and_errors_keep_their_file_and_line(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", INTERLEAVED[:8])
    broken = tmp_path / "b.jsonl"
    broken.write_text("not json\n" + "".join(json.dumps({"conversation": c, "text": t}, ensure_ascii=False) + "\n"
                                             for c, t in INTERLEAVED[8:]), encoding="utf-8")
    counts = replay(SAMPLE_PROJECT, [first, broken])
    assert figures(counts) == engine_counts(INTERLEAVED)
    assert [(e.file, e.line) for e in counts.errors] == [(str(broken), 1)]


def test_partitions_split_the_conversations_and_merge_to_the_same_counts(tmp_path):
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    whole = replay_partition(str(SAMPLE_PROJECT), [str(log)])
    parts = [replay_partition(str(SAMPLE_PROJECT), [str(log)], index, 3) for index in range(3)]
    assert sum(p.turns for p in parts) == whole.turns
    assert sum(p.conversations for p in parts) == whole.conversations
    for index, part in enumerate(parts):
        assert part.conversations == len({c for c, _ in INTERLEAVED if partition_of(c, 3) == index})


def test_two_worker_processes_give_what_one_gives(tmp_path):
    log = tmp_path / "log.jsonl"
    broken = "{oops\n"
    log.write_text(SAMPLE_LOG.read_text(encoding="utf-8") + broken, encoding="utf-8")
    one = replay(SAMPLE_PROJECT, [log], workers=1)
    two = replay(SAMPLE_PROJECT, [log], workers=2)
    assert figures(two) == figures(one)
    assert two.errors == one.errors and len(one.errors) == 1
    seen = []
    replay(SAMPLE_PROJECT, [log], workers=2, progress=seen.append)
    assert sum(seen) == one.turns


def test_a_conversation_that_comes_back_after_its_context_was_dropped_is_reported(tmp_path):
    pairs = [("a", "我想买个手机"), ("b", "你好"), ("c", "你好"), ("a", "苹果的")]
    log = write_jsonl(tmp_path / "log.jsonl", pairs)
    counts = replay_partition(str(SAMPLE_PROJECT), [str(log)], max_open=2)
    assert counts.conversations == 3 and counts.turns == 4
    assert [(e.line, "comes back" in e.message) for e in counts.errors] == [(4, True)]
    assert counts.by_rule["choose_brand"] == 0   # replayed on from a fresh context, as reported


def test_unhandled_messages_are_pruned_to_the_most_frequent_past_the_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(replay_module, "MAX_DISTINCT_UNHANDLED", 2)
    pairs = [("a", "快递几天能到")] * 3 + [(str(n), f"第{n}个问题") for n in range(10)]
    counts = replay(SAMPLE_PROJECT, [write_jsonl(tmp_path / "log.jsonl", pairs)])
    assert len(counts.unhandled) <= 4
    assert counts.unhandled["快递几天能到"] == 3
    assert counts.no_intent == 13   # the totals stay exact


def test_the_same_partitions_run_on_a_dask_local_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        counts = replay(SAMPLE_PROJECT, [log], workers=3, scheduler=cluster.scheduler_address)
        by_threads = replay(SAMPLE_PROJECT, [log], workers=0, scheduler=cluster.scheduler_address)
    assert figures(counts) == figures(by_threads) == engine_counts(INTERLEAVED)


def test_a_replay_stops_when_cancelled_is_true_and_says_so(tmp_path):
    log = write_jsonl(tmp_path / "log.jsonl", INTERLEAVED)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 5   # stop before the sixth line

    with pytest.raises(replay_module.ReplayCancelled):
        replay_partition(str(SAMPLE_PROJECT), [str(log)], cancelled=cancelled)
    assert len(asked) == 6   # asked before each line, and nothing read past the answer
    whole = replay_partition(str(SAMPLE_PROJECT), [str(log)], cancelled=lambda: False)
    assert figures(whole) == engine_counts(INTERLEAVED)


def test_an_analysis_made_already_is_replayed_with_its_unsaved_rules(tmp_path):
    from studio.project import Project

    project = Project.open(SAMPLE_PROJECT)
    texts = {file: text.replace('"你好', '"你好啊') for file, text in project.analyze().rule_texts.items()}
    edited = project.analyze(rule_texts=texts)   # "你好" no longer a greeting keyword, nothing on disk changed
    log = write_jsonl(tmp_path / "log.jsonl", [("a", "你好")])
    on_disk = replay_partition(str(SAMPLE_PROJECT), [str(log)])
    unsaved = replay_partition(edited, [str(log)])
    assert on_disk.by_intent != unsaved.by_intent


def test_each_unhandled_message_keeps_the_first_place_where_it_was_unhandled(tmp_path):
    pairs = [("a", "你好"), ("b", "快递几天能到"), ("c", "你好"), ("c", "快递几天能到")]
    log = write_jsonl(tmp_path / "log.jsonl", pairs)
    counts = replay(SAMPLE_PROJECT, [log])
    assert counts.unhandled == {"快递几天能到": 2}
    assert counts.unhandled_at == {"快递几天能到": ("b", str(log), 2)}


def test_each_conversation_begins_with_the_assistants_opening_turn_as_in_chat(tmp_path):
    project = tmp_path / "shop"
    (project / "rules").mkdir(parents=True)
    (project / "knowledge").mkdir()
    (project / "knowledge" / "k.json").write_text('{"categories": {}}', encoding="utf-8")
    (project / "rules" / "r.dsl").write_text(
        'INTENT hello KEYWORDS "你好"\n'
        'RULE open PRIORITY 9 WHEN CONVERSATION_START THEN RESPOND "欢迎" SET_STAGE "greeted"\n'
        'RULE after_opening WHEN INTENT_IS hello AND CONTEXT_STAGE_IS "greeted" THEN RESPOND "又见面了"\n'
        'RULE fallback WHEN ALWAYS THEN RESPOND "嗯"\n', encoding="utf-8")
    pairs = [("a", "你好"), ("b", "你好")]
    log = write_jsonl(tmp_path / "log.jsonl", pairs)
    counts = replay_partition(str(project), [str(log)])
    assert counts.turns == 2   # the opening turn is not a logged turn, but its rule answered
    assert counts.by_rule == {"open": 2, "after_opening": 2}
    assert figures(counts) == engine_counts(pairs, project)
