"""A replay partition passes over other partitions' JSON lines unparsed, yet every line is counted and
every error reported exactly once, as by one partition."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.project import SAMPLE_PROJECT
from studio.traffic.readers import LogMessage, _record
from studio.traffic.replay import partition_of, raw_partition_of, replay_partition
from tests.traffic.logs import INTERLEAVED


def owned_by(partition: int, partitions: int) -> str:
    """A conversation id of that partition."""
    return next(f"k{n}" for n in range(1000) if partition_of(f"k{n}", partitions) == partition)


def test_a_partition_leaves_another_partitions_broken_line_to_it(tmp_path):
    # a line cut short after its conversation id: only the partition of that id reads it and reports it
    theirs, mine = owned_by(1, 2), owned_by(0, 2)
    log = tmp_path / "log.jsonl"
    log.write_text(f'{{"conversation": "{theirs}", "text": "你\n'
                   + json.dumps({"conversation": mine, "text": "你好"}, ensure_ascii=False) + "\n", encoding="utf-8")
    first, second = (replay_partition(str(SAMPLE_PROJECT), [str(log)], index, 2) for index in range(2))
    assert (first.turns, first.errors) == (1, [])
    assert second.turns == 0 and [e.line for e in second.errors] == [1]


BROKEN_LINES = [
    '{"conversation": "a", "text": ',                              # cut short
    '{"conversation": "b"}',                                       # no message
    '{"conversation": "c", "text": ["x"]}',                        # not text
    '{"conversation": "  ", "text": "hi"}',                        # blank id
    '{"meta": {"conversation": "d"}, "text": "hi"}',               # the id is not at the top
    '{"conversation": "e", "conversation": "f", "text": "hi"}',    # the last one counts
    '{"\\u0063onversation": "g", "text": "hi"}',                   # an escaped key
    '{"conversation_id": "h", "text": "hi", "note": "conversation"}',
    '{"conversation": " i ", "text": "你好"}',                      # the id is stripped
    '{"conversation": "j", "text": "hi", "role": "assistant"}',
    '[1, 2]', 'not json', '',
]


def test_broken_and_tricky_lines_count_the_same_in_any_number_of_partitions(tmp_path):
    lines = [json.dumps({"conversation": c, "text": t}, ensure_ascii=False) for c, t in INTERLEAVED]
    lines[3:3] = BROKEN_LINES
    log = tmp_path / "log.jsonl"
    log.write_text("\n".join(lines * 3) + "\n", encoding="utf-8")
    whole = replay_partition(str(SAMPLE_PROJECT), [str(log)])
    assert whole.errors and whole.turns > len(INTERLEAVED)
    for partitions in (2, 3, 5):
        parts = [replay_partition(str(SAMPLE_PROJECT), [str(log)], index, partitions) for index in range(partitions)]
        assert sum(p.turns for p in parts) == whole.turns
        assert sum(p.conversations for p in parts) == whole.conversations
        assert sorted((e.line, e.message) for p in parts for e in p.errors) == [(e.line, e.message)
                                                                              for e in whole.errors]


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=6),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                       max_size=3), max_leaves=6)
key = st.sampled_from(["conversation", "conversation_id", "text", "message", "role", "conversationX", "meta"])
record = st.lists(st.tuples(key, json_value | st.text(max_size=8)), max_size=5)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=record, conversation=st.text(max_size=8), at=st.integers(0, 5), ascii_only=st.booleans(),
       spaces=st.sampled_from(["", " ", "  \t"]), partitions=st.integers(2, 4))
def test_the_partition_read_from_the_raw_line_is_the_one_of_its_message(pairs, conversation, at, ascii_only, spaces,
                                                                        partitions):
    pairs = [*pairs[:at], ("conversation", conversation), *pairs[at:], ("text", "你好")]
    body = ",".join(f"{json.dumps(k)}{spaces}:{spaces}{json.dumps(v, ensure_ascii=ascii_only)}" for k, v in pairs)
    raw = ("{" + body + "}\n").encode("utf-8", "surrogatepass")
    owner = raw_partition_of(raw, partitions)
    try:
        value = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError:
        return
    item = _record(value, "log.jsonl", 1) if isinstance(value, dict) else None
    if isinstance(item, LogMessage) and owner is not None:
        assert owner == partition_of(item.conversation, partitions)
