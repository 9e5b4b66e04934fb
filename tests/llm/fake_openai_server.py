"""A scripted OpenAI-compatible chat server on 127.0.0.1, for testing the LLM path end to end.

It speaks just enough of `POST /v1/chat/completions` for lazyllm's
OpenAI-compatible client: a JSON answer, or SSE chunks when the request has
`"stream": true`. Each request takes the next scripted `Answer` (or asks the
function given to `respond_with`); the JSON body and headers of every request
are recorded so tests can assert on the prompts.

Usable without pytest (`with FakeOpenAIServer() as server: ...`) and through
the fixtures at the end (`fake_openai_server`, the autouse `lazyllm_sandbox`),
which `tests/llm/conftest.py` re-exports in one import line; moving that line
to `tests/conftest.py` shares them with every test.
"""
from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

import pytest

# A slow answer never outlives this, so a forgotten script cannot hang teardown.
MAX_DELAY_S = 10.0


@dataclass(frozen=True)
class Answer:
    """What the server does with one request."""
    text: str = ""
    status: int = 200
    garbage: bool = False        # a 200 whose body (or SSE frame) is not JSON
    delay_s: float = 0.0         # wait this long before answering (bounded, interrupted on shutdown)
    pieces: int = 3              # how many content chunks a streamed answer is cut into
    error_message: str = ""      # the `error.message` of a non-200 answer
    drip_s: float = 0.0          # send the body one byte at a time, this long apart (until shutdown)
    stall_s: float = 0.0         # a streamed answer stops this long after its first chunk (bounded)
    release: threading.Event | None = None   # answer only once the test sets it (or MAX_DELAY_S passed)


def reply(text: str, *, pieces: int = 3) -> Answer:
    return Answer(text=text, pieces=pieces)


def slow(text: str, seconds: float) -> Answer:
    return Answer(text=text, delay_s=seconds)


def http_error(status: int = 500, message: str = "internal error") -> Answer:
    return Answer(status=status, error_message=message)


def garbage() -> Answer:
    return Answer(garbage=True)


def hang() -> Answer:
    """No answer at all until the client gives up (or MAX_DELAY_S)."""
    return Answer(text="too late", delay_s=MAX_DELAY_S)


def drip(text: str, every_s: float = 0.05, *, pieces: int = 3) -> Answer:
    """Headers at once, then the body one byte every `every_s`: each wait for bytes is short, the whole long."""
    return Answer(text=text, drip_s=every_s, pieces=pieces)


def held(text: str, release: threading.Event) -> Answer:
    """Answered when the test sets `release`: a request in flight for exactly as long as the test wants."""
    return Answer(text=text, release=release)


def stall_after_first_chunk(text: str, seconds: float, *, pieces: int = 3) -> Answer:
    return Answer(text=text, stall_s=seconds, pieces=pieces)


@dataclass(frozen=True)
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: dict

    @property
    def messages(self) -> list[dict]:
        return self.body.get("messages", [])

    @property
    def prompt_text(self) -> str:
        """All message contents joined, the way a test wants to search the prompt."""
        return "\n".join(str(m.get("content", "")) for m in self.messages)


class FakeOpenAIServer:
    """A real HTTP server in a daemon thread; `url` ends with `/v1/` as lazyllm wants."""

    def __init__(self) -> None:
        self._script: deque[Answer] = deque()
        self._responder: Callable[[dict], Answer] | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[ReceivedRequest] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        # A short poll keeps `shutdown()` (every test's teardown) fast.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="fake-openai", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1/"

    def script(self, *answers: Answer | str) -> None:
        """Queue answers for the next requests, in order (a str is a plain reply)."""
        with self._lock:
            self._script.extend(reply(a) if isinstance(a, str) else a for a in answers)

    def respond_with(self, responder: Callable[[dict], Answer]) -> None:
        """Answer every request (after the script runs out) with `responder(request_body)`."""
        self._responder = responder

    @property
    def last(self) -> ReceivedRequest:
        return self.requests[-1]

    def start(self) -> "FakeOpenAIServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()          # wakes handlers sleeping in a slow answer
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ handler side

    def _next_answer(self, body: dict) -> Answer:
        with self._lock:
            if self._script:
                return self._script.popleft()
        if self._responder is not None:
            return self._responder(body)
        return http_error(500, "fake server: no scripted answer left")

    def _record(self, request: ReceivedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _wait(self, seconds: float) -> None:
        self._stopping.wait(min(seconds, MAX_DELAY_S))

    def _wait_for(self, release: threading.Event) -> None:
        give_up = time.monotonic() + MAX_DELAY_S
        while not (release.is_set() or self._stopping.is_set()) and time.monotonic() < give_up:
            release.wait(0.02)


def _handler_for(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
            """Silent: test output stays clean."""

        def do_POST(self) -> None:  # noqa: N802 (stdlib naming)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {"unparsable": raw.decode("utf-8", "replace")}
            server._record(ReceivedRequest(self.path, dict(self.headers.items()), body))
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            answer = server._next_answer(body)
            if answer.delay_s:
                server._wait(answer.delay_s)
            if answer.release is not None:
                server._wait_for(answer.release)
            try:
                self._answer(answer, model=body.get("model", "fake"), stream=bool(body.get("stream")))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout): nothing left to do

        def _answer(self, answer: Answer, *, model: str, stream: bool) -> None:
            if answer.status != 200:
                error = {"error": {"message": answer.error_message, "type": "server_error"}}
                self._send(answer.status, json.dumps(error).encode())
            elif stream:
                self._send_stream(answer, model)
            elif answer.garbage:
                self._send(200, b"this is not json {")
            else:
                self._send(200, json.dumps(_completion(answer.text, model)).encode(),
                           drip_s=answer.drip_s)

        def _send(self, status: int, payload: bytes, content_type: str = "application/json",
                  drip_s: float = 0.0) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self._write(payload, drip_s)

        def _write(self, payload: bytes, drip_s: float) -> bool:
            """Send `payload`, byte by byte when dripping; False when the server stopped meanwhile."""
            if not drip_s:
                self.wfile.write(payload)
                self.wfile.flush()
                return True
            for at in range(len(payload)):
                self.wfile.write(payload[at:at + 1])
                self.wfile.flush()
                if server._stopping.wait(drip_s):
                    self.close_connection = True   # the body is cut short: end the connection, not wait on it
                    return False
            return True

        def _send_stream(self, answer: Answer, model: str) -> None:
            frames = [b"data: this is not json {\n\n"] if answer.garbage else [
                b"data: " + json.dumps(chunk, ensure_ascii=False).encode() + b"\n\n"
                for chunk in _stream_chunks(answer.text, answer.pieces, model)
            ] + [b"data: [DONE]\n\n"]
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Content-Length", str(sum(map(len, frames))))
            self.end_headers()
            for number, frame in enumerate(frames):
                if not self._write(frame, answer.drip_s):
                    return
                if number == 0 and answer.stall_s:
                    server._wait(answer.stall_s)
                    if server._stopping.is_set():
                        self.close_connection = True
                        return

    return Handler


def _completion(text: str, model: str) -> dict:
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _split(text: str, pieces: int) -> list[str]:
    size = max(1, -(-len(text) // max(1, pieces)))
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


def _stream_chunks(text: str, pieces: int, model: str) -> Iterator[dict]:
    def chunk(delta: dict, finish: str | None = None) -> dict:
        return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    parts = _split(text, pieces)
    yield chunk({"role": "assistant", "content": parts[0]})
    for part in parts[1:]:
        yield chunk({"content": part})
    yield chunk({}, "stop")


@pytest.fixture
def fake_openai_server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture(autouse=True)
def lazyllm_sandbox(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """lazyllm kept out of $HOME and quiet; undone after the test.

    lazyllm reads its environment once, when first imported, so these matter
    for the test that imports it first; they are set for every test so that
    is true whichever test runs first.
    """
    monkeypatch.setenv("LAZYLLM_HOME", str(tmp_path_factory.getbasetemp() / "lazyllm-home"))
    for name, value in {"LAZYLLM_TRACE_ENABLED": "0", "LAZYLLM_DISABLE_SYSTEM_PROMPT": "1",
                        "LAZYLLM_LOG_LEVEL": "CRITICAL", "LAZYLLM_LOG_FILE_MODE": "split"}.items():
        monkeypatch.setenv(name, value)
