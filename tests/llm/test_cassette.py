"""LLM answers recorded for replay: `test --record` against the loopback server, then replayed with it stopped."""
from __future__ import annotations

import json
import os

import pytest

from tests.cli.helpers import copy_sample, rule_studio
from tests.cli.test_chat_llm import model
from tests.llm.conftest import TEST_API_KEY
from tests.llm.fake_openai_server import FakeOpenAIServer, reply
from studio.llm.cassette import (CASSETTE_SUFFIX, REQUEST_CHANGED, Cassette, CassetteError, Entry, ReplayPort,
                                 cassette_path)

LLM_TEST = ("name: 大模型异议处理\nllm: auto\nturns:\n"
            "  - user: 我想买个手机\n    expect: {intent: product_query, intent_source: llm, sales_stage: 4}\n"
            "  - user: 太贵了\n"
            "    expect: {intent: objection, intent_source: llm, sales_stage: 6, reply_contains: iPhone 15}\n")
LLM_ENV_NAMES = ("RULE_STUDIO_LLM_URL", "RULE_STUDIO_LLM_SOURCE", "RULE_STUDIO_LLM_MODEL", "RULE_STUDIO_LLM_API_KEY",
                 "LAZYLLM_DEFAULT_SOURCE")


@pytest.fixture
def project(tmp_path):
    """The sample project with one conversation test, `llm: auto`."""
    shop = copy_sample(tmp_path / "shop")
    for path in (shop / "conversations").glob("*.yaml"):
        path.unlink()
    (shop / "conversations" / "objection.yaml").write_text(LLM_TEST, encoding="utf-8")
    return shop


def offline_env(tmp_path) -> dict:
    """No LLM configured at all (whatever the machine's environment says)."""
    env = {name: "" for name in LLM_ENV_NAMES}
    env.update({f"LAZYLLM_{name}_API_KEY": "" for name in ("QWEN", "OPENAI", "GLM", "KIMI", "DEEPSEEK")})
    env["LAZYLLM_HOME"] = str(tmp_path / "lazyllm")
    return env


def server_env(server: FakeOpenAIServer, tmp_path, key: str | None = None) -> dict:
    env = {**offline_env(tmp_path), "RULE_STUDIO_LLM_URL": server.url, "RULE_STUDIO_LLM_MODEL": "fake-model",
           "RULE_STUDIO_LLM_TIMEOUT": "5"}
    if key:
        env["RULE_STUDIO_LLM_API_KEY"] = key
    return env


def record(project, tmp_path, responder=model, key: str | None = None, *args: str):
    with FakeOpenAIServer() as server:
        server.respond_with(responder)
        result = rule_studio("test", str(project), "--record", *args, env=server_env(server, tmp_path, key))
    return result, server


def replay(project, tmp_path, *args: str):
    return rule_studio("test", str(project), *args, env=offline_env(tmp_path))


def test_recorded_llm_test_replays_offline_with_the_same_replies(project, tmp_path):
    recorded, server = record(project, tmp_path, model, None, "--format", "json")
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    cassette = project / "conversations" / f"objection{CASSETTE_SUFFIX}"
    live = json.loads(recorded.stdout)["tests"][0]
    assert f"recorded {len(server.requests)} LLM request(s) in conversations/objection.cassette.json" in live["notes"]

    first = replay(project, tmp_path, "--format", "json")
    second = replay(project, tmp_path, "--format", "json")   # the server is stopped: answers come from the cassette
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout == second.stdout
    turns = json.loads(first.stdout)["tests"][0]["turns"]
    assert [t["result"]["intent_source"] for t in turns] == ["llm", "llm"]
    assert [t["result"] for t in turns] == [t["result"] for t in live["turns"]]   # the same turns as live
    assert turns[1]["result"]["reply"] == "理解您的顾虑！苹果 iPhone 15 价位更友好，要不要看看？"
    assert "LLM answers replayed from conversations/objection.cassette.json" in json.loads(first.stdout)["tests"][0]["notes"]
    assert cassette.is_file()


def test_cassette_is_readable_json_one_entry_per_request(project, tmp_path):
    _, server = record(project, tmp_path)
    text = (project / "conversations" / "objection.cassette.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert "用户最新消息：我想买个手机" in text   # not \u-escaped
    assert len(data["entries"]) == len(server.requests)
    first = data["entries"][0]
    assert list(first) == ["purpose", "model", "messages", "answer", "error"]
    assert (first["purpose"], first["model"], first["answer"]) == ("intent", "fake-model", "product_query")
    assert [m["content"] for m in first["messages"]] == [m["content"] for m in server.requests[0].messages]
    generate = [e for e in data["entries"] if e["purpose"] == "generate"]
    assert generate and generate[-1]["answer"].endswith("<END_OF_TURN>")   # a streamed reply, whole
    assert data["test"] == "conversations/objection.yaml"


def test_recording_again_with_the_same_answers_changes_no_byte(project, tmp_path):
    record(project, tmp_path)
    path = project / "conversations" / "objection.cassette.json"
    before = path.read_bytes()
    record(project, tmp_path)
    assert path.read_bytes() == before


def test_cassette_files_are_not_taken_for_tests(project, tmp_path):
    record(project, tmp_path)
    result = replay(project, tmp_path)
    assert "1 passed, 0 failed" in result.stdout and "ERROR" not in result.stdout


def test_a_changed_intent_description_fails_the_turn_with_the_changed_prompt(project, tmp_path):
    record(project, tmp_path)
    rules = project / "rules" / "ecommerce.dsl"
    rules.write_text(rules.read_text(encoding="utf-8").replace('"用户对价格或产品有顾虑"', '"用户嫌贵或担心质量"'),
                     encoding="utf-8")
    result = replay(project, tmp_path)
    assert result.returncode == 1
    out = result.stdout
    assert "FAIL 大模型异议处理" in out
    assert "turn 1 (conversations/objection.yaml:4) user: 我想买个手机" in out
    assert f"{REQUEST_CHANGED} (intent): the closest recorded request is entry 1 (intent)" in out
    assert "      -- objection：用户对价格或产品有顾虑" in out
    assert "      +- objection：用户嫌贵或担心质量" in out
    assert "Traceback" not in result.stderr


def test_a_changed_reply_prompt_fails_with_a_generate_request_diff(project, tmp_path):
    record(project, tmp_path)
    rules = project / "rules" / "ecommerce.dsl"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace('salesperson_name "李销售"', 'salesperson_name "王销售"'), encoding="utf-8")
    result = replay(project, tmp_path, "--format", "json")
    data = json.loads(result.stdout)
    failed = [m for t in data["tests"][0]["turns"] for m in t["mismatches"] if m["key"] == "llm_request"]
    assert failed and result.returncode == 1
    assert any(REQUEST_CHANGED + " (generate)" in m["message"] and "+你叫王销售" in m["message"] for m in failed)
    assert any("王销售" in m["actual"] and "李销售" in (m["expected"] or "") for m in failed)


def test_an_api_key_in_the_environment_never_reaches_the_cassette(project, tmp_path):
    def echoing_model(body):   # a provider that echoes the key back in its answers
        return reply(f"{model(body).text} {TEST_API_KEY}")

    result, server = record(project, tmp_path, responder=echoing_model, key=TEST_API_KEY)
    assert server.requests[0].headers.get("Authorization") == f"Bearer {TEST_API_KEY}"   # the key was in use
    text = (project / "conversations" / "objection.cassette.json").read_text(encoding="utf-8")
    assert TEST_API_KEY not in text and "***" in text
    assert "Authorization" not in text and "Bearer" not in text
    assert TEST_API_KEY not in result.stdout + result.stderr


def test_record_without_a_configured_llm_exits_2_and_writes_nothing(project, tmp_path):
    result = rule_studio("test", str(project), "--record", env=offline_env(tmp_path))
    assert result.returncode == 2
    assert "--record needs an LLM" in result.stderr and "Traceback" not in result.stderr
    assert not list((project / "conversations").glob(f"*{CASSETTE_SUFFIX}"))


def test_a_broken_cassette_is_a_load_error_with_its_place(project, tmp_path):
    (project / "conversations" / "objection.cassette.json").write_text('{"format": \n  oops}', encoding="utf-8")
    result = replay(project, tmp_path)
    assert result.returncode == 1
    assert "ERROR conversations/objection.cassette.json:2:3: not valid JSON" in result.stdout
    assert "Traceback" not in result.stderr


def test_replay_port_answers_a_request_recorded_twice_in_order_then_the_last_again():
    entries = tuple(Entry("intent", "m", "sys", "user", answer) for answer in ("greeting", "thanks"))
    port = ReplayPort(Cassette("t.yaml", entries))
    answers = [port.client.ask("intent", "sys", "user").raw for _ in range(3)]
    assert answers == ["greeting", "thanks", "thanks"] and port.take_misses() == []


def test_replay_port_streams_a_recorded_reply_as_one_chunk_and_reports_a_miss_without_raising():
    port = ReplayPort(Cassette("t.yaml", (Entry("generate", "m", "sys", "user", "好的<END_OF_TURN>"),)))
    chunks = []
    call = port.client.ask("generate", "sys", "user", chunks.append)
    assert chunks == ["好的<END_OF_TURN>"] and call.raw == "好的<END_OF_TURN>" and call.error is None
    missed = port.client.ask("generate", "sys", "other user")
    assert missed.raw is None and missed.error.startswith(REQUEST_CHANGED)
    [miss] = port.take_misses()
    assert "-user" in miss.describe() and "+other user" in miss.describe()


def test_cassette_sits_beside_its_test_under_a_name_yaml_globbing_skips(tmp_path):
    path = cassette_path(tmp_path / "conversations" / "phone_purchase.yaml")
    assert path == tmp_path / "conversations" / "phone_purchase.cassette.json"
    assert not path.match("*.yaml") and not path.match("*.yml")


def test_a_cassette_of_another_format_is_refused_with_a_reason():
    with pytest.raises(CassetteError, match="not a cassette"):
        Cassette.from_text('{"entries": []}')
    with pytest.raises(CassetteError, match="entry 1"):
        Cassette.from_text(json.dumps({"format": "rule-studio LLM cassette 1", "entries": [{"purpose": 1}]}))


def test_sample_tests_without_llm_are_untouched_by_record(tmp_path):
    shop = copy_sample(tmp_path / "shop")
    with FakeOpenAIServer() as server:
        server.respond_with(model)
        result = rule_studio("test", str(shop), "--record", env=server_env(server, tmp_path))
    assert result.returncode == 0, result.stdout
    assert "nothing to record" in result.stderr
    assert not list((shop / "conversations").glob(f"*{CASSETTE_SUFFIX}")) and not server.requests
    assert os.listdir(shop / "conversations")


def test_a_changed_respond_text_fails_the_next_turn_whose_history_shows_it(project, tmp_path):
    record(project, tmp_path)
    rules = project / "rules" / "ecommerce.dsl"
    rules.write_text(rules.read_text(encoding="utf-8").replace('RESPOND "好的，为您挑选{current_category}。"',
                                                              'RESPOND "没问题，来看看{current_category}。"'),
                     encoding="utf-8")
    result = replay(project, tmp_path, "--format", "json")
    first, second = json.loads(result.stdout)["tests"][0]["turns"]
    assert first["passed"] and not second["passed"]
    messages = [m["message"] for m in second["mismatches"] if m["key"] == "llm_request"]
    assert messages and messages[0].startswith(REQUEST_CHANGED)
    assert "+" in messages[0] and "没问题，来看看手机。" in messages[0] and "好的，为您挑选手机。" in messages[0]


def test_a_lone_surrogate_in_a_prompt_is_saved_as_its_escape_and_reads_back_the_same(tmp_path):
    cassette = Cassette("t.yaml", (Entry("intent", "m", "系列：iPhone 15\ud800", "user", "greeting"),))
    path = tmp_path / f"t{CASSETTE_SUFFIX}"
    cassette.save(path)
    assert "\\ud800" in path.read_text(encoding="utf-8")
    assert Cassette.load(path) == cassette


def test_a_cassette_nested_past_the_parser_is_refused_with_a_reason():
    with pytest.raises(CassetteError, match="nested too deeply"):
        Cassette.from_text("[" * 100_000 + "]" * 100_000)


def test_recording_against_a_model_that_fails_keeps_the_failures_and_says_so(project, tmp_path):
    server = FakeOpenAIServer().start()
    env = server_env(server, tmp_path)
    server.stop()   # nothing listens there any more: every call fails at once
    result = rule_studio("test", str(project), "--record", env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    data = json.loads((project / "conversations" / "objection.cassette.json").read_text(encoding="utf-8"))
    assert data["entries"] and all(e["answer"] is None and e["error"] for e in data["entries"])
    assert f"({len(data['entries'])} of them failed: re-record when the model answers)" in result.stdout

    replayed = replay(project, tmp_path, "--format", "json")   # fails the same way, and offline
    turns = json.loads(replayed.stdout)["tests"][0]["turns"]
    assert [t["result"]["intent_source"] for t in turns] == ["fallback", "fallback"]
    assert not any(m["key"] == "llm_request" for t in turns for m in t["mismatches"])
