import os
import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from tests.llm.fake_openai_server import drip, garbage, http_error, reply, slow, stall_after_first_chunk
from studio.llm.client import ChatClient, SecretMask
from studio.llm.config import LLMSettings, settings_from_env


@pytest.fixture
def client(llm_settings):
    return ChatClient(llm_settings)


def test_answer_and_prompt_are_recorded(client, fake_openai_server):
    fake_openai_server.script(reply("你好"))
    call = client.ask("intent", "系统说明", "用户消息")
    assert (call.purpose, call.raw, call.error) == ("intent", "你好", None)
    assert call.prompt == "系统说明\n\n用户消息"
    assert call.latency_ms > 0
    sent = fake_openai_server.last
    assert sent.path == "/v1/chat/completions"
    assert sent.messages == [{"role": "system", "content": "系统说明"}, {"role": "user", "content": "用户消息"}]
    assert sent.body["model"] == "fake-model" and sent.body["stream"] is False


def test_braces_in_user_authored_text_are_sent_literally(client, fake_openai_server):
    fake_openai_server.script(reply("ok"))
    call = client.ask("generate", "人设 {salesperson_name} {}", "历史 {input} {{x}}")
    assert call.error is None
    assert fake_openai_server.last.messages[0]["content"] == "人设 {salesperson_name} {}"
    assert fake_openai_server.last.messages[1]["content"] == "历史 {input} {{x}}"


def test_timeout_is_not_leaked_into_the_request_body(client, fake_openai_server):
    fake_openai_server.script(reply("ok"))
    client.ask("intent", "s", "u")
    assert "timeout" not in fake_openai_server.last.body


def test_streaming_passes_deltas_in_pieces_and_returns_the_whole_text(client, fake_openai_server):
    fake_openai_server.script(reply("一二三四五六", pieces=3))
    deltas = []
    call = client.ask("generate", "s", "u", on_delta=deltas.append)
    assert deltas == ["一二", "三四", "五六"]
    assert call.raw == "一二三四五六" and fake_openai_server.last.body["stream"] is True


def test_streamed_chunks_never_go_to_lazyllm_file_queue(client, fake_openai_server):
    import lazyllm
    fake_openai_server.script(reply("abc", pieces=3))
    client.ask("generate", "s", "u", on_delta=lambda _: None)
    assert not os.path.exists(os.path.join(lazyllm.config["home"], ".lazyllm_filesystem_queue.db"))


@pytest.mark.parametrize("answer, says", [
    (http_error(500), "HTTP status 500"),
    (garbage(), "invalid JSON"),
])
@pytest.mark.timeout(30)   # a hang guard: waiting for the 60 s timeout would trip it
def test_failures_come_back_at_once_as_an_error(fake_openai_server, llm_settings, answer, says):
    fake_openai_server.script(answer)
    call = ChatClient(replace(llm_settings, timeout_s=60)).ask("intent", "s", "u")
    assert call.raw is None and says in call.error
    assert len(fake_openai_server.requests) == 1   # no retry


def test_a_hung_server_times_out_at_the_timeout(client, fake_openai_server, llm_settings):
    fake_openai_server.script(slow("late", 5))
    call = client.ask("intent", "s", "u")
    assert call.raw is None and call.error == f"timed out: no complete answer within {llm_settings.timeout_s:g} s"
    assert len(fake_openai_server.requests) == 1


def test_unreachable_server_is_an_error_not_an_exception():
    with_no_server = LLMSettings(source="openai", model="m", url="http://127.0.0.1:9/v1/", timeout_s=1)
    call = ChatClient(with_no_server).ask("intent", "s", "u")
    assert call.raw is None and "cannot connect" in call.error


def test_settings_lazyllm_refuses_are_an_error_not_an_exception():
    call = ChatClient(LLMSettings(source="qwen")).ask("intent", "s", "u")   # no key, no URL
    assert call.raw is None and "ValueError" in call.error


def test_config_json_in_lazyllm_home_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    code = ("from studio.llm.client import ChatClient; from studio.llm.config import LLMSettings; "
            "print(ChatClient(LLMSettings('openai', url='http://127.0.0.1:9/v1/')).ask('intent', 's', 'u').error)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "LAZYLLM_HOME": str(tmp_path)}, timeout=60)
    assert "config.json" in done.stdout and done.returncode == 0


def test_local_server_without_key_gets_no_authorization(fake_openai_server):
    settings = settings_from_env({"RULE_STUDIO_LLM_URL": fake_openai_server.url.removesuffix("v1/"),
                                  "RULE_STUDIO_LLM_MODEL": "qwen2.5"})
    fake_openai_server.script(reply("ok"))
    assert ChatClient(settings).ask("intent", "s", "u").raw == "ok"
    assert "Authorization" not in fake_openai_server.last.headers
    assert fake_openai_server.last.path == "/v1/chat/completions"


def test_loopback_server_is_reached_despite_a_proxy(client, fake_openai_server, monkeypatch):
    """lazyllm's patch.py bypasses env proxies for IP-address URLs: a guard against that changing."""
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    fake_openai_server.script(reply("direct"))
    assert client.ask("intent", "s", "u").raw == "direct"


def test_api_key_is_scrubbed_from_every_call_field(client, fake_openai_server, llm_settings):
    key = llm_settings.api_key
    fake_openai_server.script(reply(f"echo {key}"), http_error(401, f"invalid key {key}"))
    echoed, refused = client.ask("intent", "s", "u"), client.ask("intent", "s", "u")
    assert fake_openai_server.requests[0].headers["Authorization"] == f"Bearer {key}"  # the key was used
    assert echoed.raw == "echo ***" and refused.error
    assert all(key not in str(field) for call in (echoed, refused) for field in (call.prompt, call.raw, call.error))


def test_api_key_never_appears_in_logs(client, fake_openai_server, llm_settings, caplog, capsys):
    import lazyllm
    key = llm_settings.api_key
    lazyllm_lines: list[str] = []
    # lazyllm logs through loguru, not `logging`: listen at its most verbose level.
    sink = lazyllm.LOG.add(lambda message: lazyllm_lines.append(str(message)), level="DEBUG")
    try:
        fake_openai_server.script(reply("ok"), http_error(401, "invalid key"), garbage(), slow("late", 5))
        for _ in range(3):
            client.ask("intent", "s", "u")
        client.ask("generate", "s", "u", on_delta=lambda _: None)
    finally:
        lazyllm.LOG.remove(sink)
    assert lazyllm_lines   # the sink did hear lazyllm
    captured = capsys.readouterr()
    for text in (*lazyllm_lines, caplog.text, captured.out, captured.err):
        assert key not in text


# ---------------------------------------------------------------- one deadline per call, streaming included

@pytest.mark.timeout(60)
def test_a_dripping_answer_is_cut_at_the_timeout(client, fake_openai_server):
    """Each byte comes well within the read timeout; the whole answer would take over a minute."""
    fake_openai_server.script(drip("x" * 2000, every_s=0.03))
    call = client.ask("intent", "s", "u")
    assert call.raw is None and call.error.startswith("timed out")


@pytest.mark.timeout(60)
def test_a_dripping_stream_is_cut_at_the_timeout_and_forwards_nothing_afterwards(client, fake_openai_server):
    fake_openai_server.script(drip("好" * 600, every_s=0.01, pieces=600), reply("next"))
    deltas: list[str] = []
    call = client.ask("generate", "s", "u", on_delta=deltas.append)
    assert call.raw is None and call.error.startswith("timed out")
    forwarded = list(deltas)
    assert "".join(forwarded) != "好" * 600
    assert client.ask("intent", "s", "u").raw == "next"   # a fresh call works while the old stream drips on
    assert deltas == forwarded


def test_a_call_given_less_time_than_the_timeout_ends_by_then(client, fake_openai_server):
    fake_openai_server.script(slow("late", 0.8))
    call = client.ask("intent", "s", "u", timeout_s=0.2)
    assert call.raw is None and call.error.startswith("timed out")


def test_a_call_with_no_time_left_sends_nothing(client, fake_openai_server):
    call = client.ask("intent", "s", "u", timeout_s=0)
    assert call.raw is None and call.error.startswith("timed out")
    assert fake_openai_server.requests == []


@pytest.mark.timeout(60)
def test_a_stalled_stream_is_reported_as_timed_out_not_as_cannot_connect(client, fake_openai_server):
    fake_openai_server.script(stall_after_first_chunk("一二三四五六", 5))
    call = client.ask("generate", "s", "u", on_delta=lambda _: None)
    assert call.raw is None and "timed out" in call.error and "connect" not in call.error


@pytest.mark.timeout(60)
def test_a_stream_silent_for_the_read_timeout_says_so(client, fake_openai_server, llm_settings):
    """Given more time than the read timeout, the stall itself ends the call: lazyllm reports it."""
    fake_openai_server.script(stall_after_first_chunk("一二三四五六", 4))
    call = client.ask("generate", "s", "u", on_delta=lambda _: None, timeout_s=8)
    assert call.error == f"timed out: the model sent nothing for {llm_settings.timeout_s:g} s"


# ---------------------------------------------------------------- the API key in streamed chunks

@pytest.mark.parametrize("pieces", [2, 5, 9, 40])
def test_an_echoed_key_never_reaches_the_stream_callback(client, fake_openai_server, llm_settings, pieces):
    key = llm_settings.api_key
    text = f"您的密钥是 {key}，我再说一遍：{key}。"
    fake_openai_server.script(reply(text, pieces=pieces))
    deltas: list[str] = []
    call = client.ask("generate", "s", "u", on_delta=deltas.append)
    assert call.raw == text.replace(key, "***")
    assert "".join(deltas) == text.replace(key, "***")
    assert all(key not in delta for delta in deltas)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="sk-1ab*", max_size=40), st.lists(st.integers(0, 60), max_size=8))
def test_the_secret_mask_forwards_the_masked_text_however_it_is_cut(text, cuts):
    secret = "sk-1ab-sk-1ab"
    bounds = sorted({0, len(text), *(min(c, len(text)) for c in cuts)})
    mask = SecretMask(secret)
    out = [mask.feed(text[a:b]) for a, b in zip(bounds, bounds[1:])] + [mask.finish()]
    assert "".join(out) == text.replace(secret, "***")


def test_a_short_dummy_key_is_not_masked():
    mask = SecretMask("x")
    assert mask.feed("xyz") + mask.finish() == "xyz"


# ---------------------------------------------------------------- size caps

def test_an_answer_longer_than_the_cap_is_refused_and_clipped_in_the_record(client, fake_openai_server):
    fake_openai_server.script(reply("x" * 5_000_000))
    call = client.ask("intent", "s", "u", max_chars=100, timeout_s=10)   # 5 MB take a while
    assert call.error == "answer too long: 5000000 characters (at most 100)"
    assert call.raw.startswith("x" * 100) and len(call.raw) < 200


@pytest.mark.timeout(60)
def test_a_streamed_answer_is_stopped_once_it_passes_the_cap(client, fake_openai_server):
    fake_openai_server.script(reply("字" * 200_000, pieces=2000))
    deltas: list[str] = []
    call = client.ask("generate", "s", "u", on_delta=deltas.append, max_chars=8000, timeout_s=10)
    assert call.error == "answer too long: over 8000 characters"
    assert sum(map(len, deltas)) <= 8000
