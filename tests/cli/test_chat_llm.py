"""`chat --llm auto --json` end to end: the CLI in a subprocess, lazyllm, a loopback OpenAI-compatible server.

The server answers as a real model would (intent names, stage numbers, sales
replies); killing it mid-conversation must make the next turns answer offline,
without waiting on the dead server again, and say so.
"""
import json
import subprocess
import sys
import time

from tests.cli.helpers import REPO
from tests.llm.fake_openai_server import FakeOpenAIServer, hang, reply

INTENTS = {"你好": "greeting", "我想买个手机": "product_query", "太贵了": "objection", "苹果的": "product_query"}
TIMEOUT_S = 2


def model(body: dict):
    prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
    if "意图识别模块" in prompt:
        message = prompt.rsplit("用户最新消息：", 1)[-1].strip()
        return reply(INTENTS.get(message, "none"))
    if "销售对话接下来应该处于哪个阶段" in prompt:
        return reply("6" if "太贵了" in prompt else "4")
    return reply("理解您的顾虑！苹果 iPhone 15 价位更友好，要不要看看？<END_OF_TURN>", pieces=4)


def start_chat(server_url: str, tmp_path, timeout_s: float = TIMEOUT_S) -> subprocess.Popen:
    env = {"PYTHONIOENCODING": "utf-8", "RULE_STUDIO_LLM_URL": server_url, "RULE_STUDIO_LLM_MODEL": "fake-model",
           "RULE_STUDIO_LLM_TIMEOUT": str(timeout_s), "LAZYLLM_HOME": str(tmp_path / "lazyllm"),
           "PATH": "/usr/bin:/bin"}
    chat = subprocess.Popen([sys.executable, "-m", "studio.cli.main", "chat", "--llm", "auto", "--json"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", cwd=REPO, env=env)
    opening = json.loads(chat.stdout.readline())   # the sample speaks first, before any input
    assert opening["input"] is None and opening["rule"] == "opening_greeting"
    return chat


def say(chat: subprocess.Popen, message: str) -> tuple[dict, float]:
    started = time.monotonic()
    chat.stdin.write(message + "\n")
    chat.stdin.flush()
    line = chat.stdout.readline()
    try:
        return json.loads(line), time.monotonic() - started
    except ValueError:   # show what the chat said instead of a bare JSON error
        chat.kill()
        raise AssertionError(f"chat printed {line!r} for {message!r}; stderr:\n{chat.stderr.read()}") from None


def test_llm_session_then_server_killed_falls_back_offline(tmp_path):
    server = FakeOpenAIServer().start()
    server.respond_with(model)
    chat = start_chat(server.url, tmp_path)
    try:
        hello, _ = say(chat, "你好")
        assert (hello["intent"], hello["intent_source"]) == ("greeting", "llm")
        phone, _ = say(chat, "我想买个手机")
        assert phone["rule"] == "choose_category" and phone["sales_stage"] == 4
        objection, _ = say(chat, "太贵了")
        assert objection["intent_source"] == "llm" and objection["sales_stage"] == 6
        assert objection["reply"].startswith("理解您的顾虑！苹果 iPhone 15")
        assert "<END_OF_TURN>" not in objection["reply"]
        prompts = [r.prompt_text for r in server.requests]
        assert any("当前对话阶段：brand_select" in p and "手机" in p and "我想买个手机" in p for p in prompts)
        assert any("李销售" in p and "异议处理" in p for p in prompts)   # persona + sales stage in GENERATE

        server.stop()
        after, _ = say(chat, "苹果的")
        assert after["intent_source"] == "fallback" and after["rule"] == "choose_brand"
        again, _ = say(chat, "太贵了")
        assert again["reply"].startswith("理解您的顾虑。苹果也有更实惠的系列")   # the offline template
    finally:
        chat.stdin.close()
        chat.wait(timeout=30)
        server.stop()
    stderr = chat.stderr.read()
    assert "LLM intent call failed (cannot connect" in stderr and "Traceback" not in stderr
    # the turn after the failure did not try the dead server again, and said so once
    assert ("LLM intent call failed (skipped: LLM paused for 30 s more after a failure) "
            "(and 2 more call(s) skipped)") in stderr
    assert "LLM generate call failed (skipped" not in stderr


def test_a_hung_model_costs_a_turn_one_request_and_the_next_turn_none(tmp_path):
    with FakeOpenAIServer() as server:
        server.respond_with(lambda body: hang())
        chat = start_chat(server.url, tmp_path, timeout_s=1)
        try:
            first, _ = say(chat, "太贵了")   # intent, sales stage and GENERATE: three calls
            assert len(server.requests) == 1
            second, _ = say(chat, "太贵了")
            assert len(server.requests) == 1
        finally:
            chat.stdin.close()
            chat.wait(timeout=30)
    assert first["reply"] == second["reply"] == "理解您的顾虑，我们一定帮您找到性价比更高的选择。"   # offline
    stderr = chat.stderr.read()
    assert "LLM intent call failed (timed out" in stderr
    assert "LLM sales_stage call failed (skipped: the turn's 1 s of LLM time are used up)" in stderr
    assert "LLM intent call failed (skipped: LLM paused for 30 s more after a failure)" in stderr
    assert stderr.count("(skipped:") == 2   # one line a turn, however many calls were skipped


def test_conversation_test_with_llm_auto_runs_against_the_server(tmp_path):
    from tests.cli.helpers import copy_sample, rule_studio
    project = copy_sample(tmp_path / "shop")
    for path in (project / "conversations").glob("*.yaml"):
        path.unlink()
    (project / "conversations" / "llm.yaml").write_text(
        "name: 大模型异议处理\nllm: auto\nturns:\n"
        "  - user: 我想买个手机\n    expect: {intent: product_query, intent_source: llm, sales_stage: 4}\n"
        "  - user: 太贵了\n    expect: {intent: objection, intent_source: llm, sales_stage: 6, reply_contains: iPhone 15}\n",
        encoding="utf-8")
    with FakeOpenAIServer() as server:
        server.respond_with(model)
        env = {"RULE_STUDIO_LLM_URL": server.url, "RULE_STUDIO_LLM_MODEL": "fake-model",
               "RULE_STUDIO_LLM_TIMEOUT": str(TIMEOUT_S), "LAZYLLM_HOME": str(tmp_path / "lazyllm")}
        result = rule_studio("test", str(project), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS 大模型异议处理" in result.stdout


def test_a_project_without_intents_makes_no_intent_request(tmp_path):
    project = tmp_path / "p"
    (project / "rules").mkdir(parents=True)
    (project / "knowledge").mkdir()
    (project / "rules" / "r.dsl").write_text('RULE answer WHEN ALWAYS THEN RESPOND "好的"\n', encoding="utf-8")
    (project / "knowledge" / "products.json").write_text('{"categories": {}}', encoding="utf-8")
    env = {"PYTHONIOENCODING": "utf-8", "RULE_STUDIO_LLM_URL": "", "RULE_STUDIO_LLM_MODEL": "fake-model",
           "RULE_STUDIO_LLM_TIMEOUT": str(TIMEOUT_S), "LAZYLLM_HOME": str(tmp_path / "lazyllm"), "PATH": "/usr/bin:/bin"}
    with FakeOpenAIServer() as server:
        server.respond_with(model)
        env["RULE_STUDIO_LLM_URL"] = server.url
        done = subprocess.run([sys.executable, "-m", "studio.cli.main", "chat", str(project), "--llm", "auto",
                               "--json"], input="你好\n太贵了\n", capture_output=True, text=True, encoding="utf-8",
                              cwd=REPO, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert server.requests == []   # nothing to choose from: no intent call, and nothing else asks the model
    turns = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(t["intent"], t["intent_source"], t["reply"]) for t in turns] == [(None, "keywords", "好的")] * 2
