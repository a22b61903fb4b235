"""Tests for the mock OpenAI server, using a raw stdlib HTTP client (not our client library)."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from async_openai_wasm.testing import MockServer, run_in_thread

KEY = "sk-test-0123456789abcdefSECRET"
CHAT = "/v1/chat/completions"
SRC = str(Path(__file__).resolve().parents[2] / "src")


@dataclass
class Resp:
    status: int
    headers: dict[str, str]
    body: bytes = b""
    complete: bool = True  # False when the body was cut short
    chunks: list[bytes] = field(default_factory=list)

    def json(self) -> Any:
        return json.loads(self.body)

    def events(self) -> list[str]:
        """The ``data:`` payloads of an event stream, in order."""
        text = self.body.decode().replace("\r\n", "\n")
        out = []
        for block in text.split("\n\n"):
            data = [line[5:].lstrip() for line in block.split("\n") if line.startswith("data:")]
            if data:
                out.append("\n".join(data))
        return out


def encode_request(
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    auth: bool = True,
    close: bool = True,
) -> bytes:
    raw = b"" if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
    all_headers = {"host": "test", "content-length": str(len(raw))}
    if body is not None:
        all_headers["content-type"] = "application/json"
    if auth:
        all_headers["authorization"] = f"Bearer {KEY}"
    if close:
        all_headers["connection"] = "close"
    all_headers.update(headers or {})
    head = f"{method} {path} HTTP/1.1\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in all_headers.items())
    return head.encode() + b"\r\n" + raw


async def read_response(reader: asyncio.StreamReader) -> Resp:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    status_line, *lines = head.strip().split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    resp = Resp(int(status_line.split()[1]), headers)
    if headers.get("transfer-encoding") == "chunked":
        resp.complete = False
        while True:
            size_line = await reader.readline()
            if not size_line:
                break  # cut: no terminating 0-size chunk
            size = int(size_line.strip(), 16)
            if size == 0:
                await reader.readline()
                resp.complete = True
                break
            try:
                data = await reader.readexactly(size + 2)
            except asyncio.IncompleteReadError:
                break
            resp.chunks.append(data[:-2])
            resp.body += data[:-2]
    elif "content-length" in headers:
        want = int(headers["content-length"])
        resp.body = await reader.read(want)
        while len(resp.body) < want and (more := await reader.read(want)):
            resp.body += more
        resp.complete = len(resp.body) == want
    elif resp.status != 204:
        resp.body = await reader.read()
    return resp


async def request(server: MockServer, method: str, path: str, body: Any = None, **kw: Any) -> Resp:
    reader, writer = await asyncio.open_connection(server.host, server.port)
    try:
        writer.write(encode_request(method, path, body, **kw))
        await writer.drain()
        return await asyncio.wait_for(read_response(reader), 5)
    finally:
        writer.close()


def chat(mock: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"model": "mock-model", "messages": [{"role": "user", "content": "hi"}]}
    if mock is not None:
        body["mock"] = mock
    return body | extra


@pytest.fixture
async def server() -> AsyncIterator[MockServer]:
    async with MockServer(chunks=6) as s:
        yield s


async def test_non_stream_shape(server: MockServer) -> None:
    resp = await request(server, "POST", CHAT, chat())
    assert resp.status == 200
    assert resp.headers["content-type"] == "application/json"
    assert resp.headers["x-request-id"].startswith("req_")
    body = resp.json()
    assert body["object"] == "chat.completion"
    assert body["id"] and body["created"] and body["system_fingerprint"]
    assert body["model"] == "mock-model"
    choice = body["choices"][0]
    assert choice["message"]["role"] == "assistant"
    assert choice["message"]["content"].startswith("You said: hi. ")
    assert choice["finish_reason"] == "stop"
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0
    rec = server.last(CHAT)
    assert rec.status == 200 and rec.completed and not rec.disconnected
    assert rec.time_first_byte is not None and rec.time_end is not None
    assert rec.time_received <= rec.time_first_byte <= rec.time_end


async def test_stream_events_in_order(server: MockServer) -> None:
    body = chat({"chunks": 5}, stream=True, stream_options={"include_usage": True})
    resp = await request(server, "POST", CHAT, body)
    assert resp.status == 200 and resp.complete
    assert resp.headers["content-type"].startswith("text/event-stream")
    assert resp.headers["transfer-encoding"] == "chunked"
    events = resp.events()
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": "", "refusal": None}
    contents = [c["choices"][0]["delta"]["content"] for c in chunks[1:-2]]
    assert len(contents) == 5 and all(contents)
    assert "".join(contents).startswith("You said: hi. ")
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == 5
    # One HTTP chunk per event: each is flushed on its own.
    assert len(resp.chunks) == len(events)
    rec = server.last(CHAT)
    assert rec.chunks_sent == 5 and rec.completed and not rec.disconnected

    # The same text as without streaming; exact text option is split as asked.
    full = (await request(server, "POST", CHAT, chat({"chunks": 5}))).json()
    assert full["choices"][0]["message"]["content"] == "".join(contents)
    resp = await request(server, "POST", CHAT, chat({"text": "abc", "chunks": 3}, stream=True))
    pieces = [json.loads(e)["choices"][0]["delta"].get("content") for e in resp.events()[1:-2]]
    assert pieces == ["a", "b", "c"]


async def test_cors_on_response_and_preflight(server: MockServer) -> None:
    resp = await request(server, "POST", CHAT, chat(), headers={"origin": "http://page.test"})
    assert resp.headers["access-control-allow-origin"] in ("*", "http://page.test")
    exposed = resp.headers["access-control-expose-headers"]
    for name in ("*", "x-request-id", "retry-after", "retry-after-ms"):
        assert name in [h.strip() for h in exposed.split(",")]

    asked = "authorization, content-type, openai-organization, x-stainless-os, x-custom"
    preflight_headers = {
        "origin": "http://page.test",
        "access-control-request-method": "POST",
        "access-control-request-headers": asked,
    }
    resp = await request(server, "OPTIONS", CHAT, auth=False, headers=preflight_headers)
    assert resp.status == 204
    assert resp.headers["access-control-allow-headers"] == asked
    assert "POST" in resp.headers["access-control-allow-methods"]
    assert int(resp.headers["access-control-max-age"]) > 0
    assert resp.headers["access-control-allow-origin"] in ("*", "http://page.test")
    assert server.last(CHAT).method == "POST"  # last() skips preflights unless asked
    assert server.last(CHAT, "OPTIONS").headers["access-control-request-headers"] == asked


async def test_auth_required(server: MockServer) -> None:
    resp = await request(server, "POST", CHAT, chat(), auth=False)
    assert resp.status == 401
    assert resp.json()["error"]["type"] == "invalid_request_error"
    assert "x-request-id" in resp.headers
    resp = await request(server, "POST", CHAT, chat(), auth=False, headers={"api-key": "k"})
    assert resp.status == 200


@pytest.mark.parametrize(
    ("body", "param"),
    [
        (b"{not json", None),
        ({"model": "m"}, "messages"),
        ({"model": "m", "messages": []}, "messages"),
        ({"messages": [{"role": "user", "content": "x"}]}, "model"),
        (chat({"chunk": 3}), "mock.chunk"),
    ],
)
async def test_bad_body(server: MockServer, body: Any, param: str | None) -> None:
    resp = await request(server, "POST", CHAT, body)
    assert resp.status == 400
    error = resp.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["type"] == "invalid_request_error" and error["param"] == param


async def test_error_mode(server: MockServer) -> None:
    error = {"status": 429, "message": "slow down", "code": "rate_limit_exceeded"}
    mock = {"error": error | {"headers": {"x-extra": "1"}}, "retry_after": 2, "retry_after_ms": 150}
    resp = await request(server, "POST", CHAT, chat(mock))
    assert resp.status == 429
    assert resp.json()["error"]["message"] == "slow down"
    assert resp.json()["error"]["code"] == "rate_limit_exceeded"
    assert resp.headers["retry-after"] == "2" and resp.headers["retry-after-ms"] == "150"
    assert resp.headers["x-extra"] == "1"
    assert server.last(CHAT).fault == "error"


async def test_fail_times_then_success(server: MockServer) -> None:
    mock = {"fail_times": 2, "fail_status": 503, "key": "t1"}
    statuses = [(await request(server, "POST", CHAT, chat(mock))).status for _ in range(3)]
    assert statuses == [503, 503, 200]
    # Another key has its own count.
    other = await request(server, "POST", CHAT, chat(mock | {"key": "t2"}))
    assert other.status == 503


async def test_client_disconnect_mid_stream_is_seen(server: MockServer) -> None:
    reader, writer = await asyncio.open_connection(server.host, server.port)
    body = chat({"chunks": 10, "delay_ms": 3000}, stream=True)
    writer.write(encode_request("POST", CHAT, body))
    await reader.readuntil(b"\r\n\r\n")
    seen = b""
    while b'"role"' not in seen:
        seen += await reader.read(4096)
    # The server is now sleeping 3 s before the first content delta: only watching the socket
    # can notice the close in time.
    writer.close()
    closed_at = time.monotonic()
    await server.wait_for(lambda: server.last(CHAT).disconnected, 1.0)
    rec = server.last(CHAT)
    assert time.monotonic() - closed_at < 1.0
    assert rec.chunks_sent == 0 and not rec.completed


async def test_client_disconnect_during_stall_and_first_byte_delay(server: MockServer) -> None:
    for mock, wait_for_bytes in (
        ({"stall_after": 1}, True),
        ({"first_byte_delay_ms": 5000}, False),
    ):
        reader, writer = await asyncio.open_connection(server.host, server.port)
        writer.write(encode_request("POST", CHAT, chat(mock, stream=True)))
        seen = b""
        while wait_for_bytes and seen.count(b'"content"') < 2:  # role and first content delta
            seen += await reader.read(4096)
        await server.wait_for(lambda: server.last(CHAT).body["mock"] == mock)  # noqa: B023
        writer.close()
        await server.wait_for(lambda: server.last(CHAT).disconnected, 1.0)
        rec = server.last(CHAT)
        assert rec.time_end is not None and rec.time_end - rec.time_received < 1.0
        assert rec.chunks_sent == (1 if wait_for_bytes else 0)
        assert rec.time_first_byte is None or wait_for_bytes


async def test_drop_after_cuts_stream(server: MockServer) -> None:
    resp = await request(server, "POST", CHAT, chat({"drop_after": 2}, stream=True))
    assert resp.status == 200
    assert not resp.complete  # no terminating chunk
    assert "[DONE]" not in resp.events()
    assert len(resp.events()) == 3  # role delta + 2 content deltas
    rec = server.last(CHAT)
    assert rec.fault == "drop" and rec.chunks_sent == 2
    assert not rec.completed and not rec.disconnected

    resp = await request(server, "POST", CHAT, chat({"drop_after": 0}))
    assert resp.status == 200 and not resp.complete


async def test_malformed_error_event_and_html(server: MockServer) -> None:
    resp = await request(server, "POST", CHAT, chat({"malformed_after": 1}, stream=True))
    events = resp.events()
    assert events[2] == "{not json" and events[-1] == "[DONE]"

    resp = await request(server, "POST", CHAT, chat({"error_event_after": 1}, stream=True))
    events = resp.events()
    assert resp.status == 200 and resp.complete
    assert json.loads(events[-1])["error"]["message"] and "[DONE]" not in events

    resp = await request(server, "POST", CHAT, chat({"html_error": 502, "retry_after": 1}))
    assert resp.status == 502
    assert resp.headers["content-type"].startswith("text/html")
    assert b"<html>" in resp.body and resp.headers["retry-after"] == "1"
    assert resp.headers["access-control-allow-origin"]


async def test_comments_and_crlf(server: MockServer) -> None:
    body = chat({"comments": True, "crlf": True, "chunks": 2}, stream=True)
    resp = await request(server, "POST", CHAT, body)
    assert b": keep-alive\r\n\r\n" in resp.body
    assert b"\n" not in resp.body.replace(b"\r\n", b"")
    assert resp.events()[-1] == "[DONE]" and len(resp.events()) == 5


async def test_no_done_ends_after_the_finish_and_usage(server: MockServer) -> None:
    body = chat({"no_done": True, "chunks": 2}, stream=True)
    body["stream_options"] = {"include_usage": True}
    resp = await request(server, "POST", CHAT, body)
    events = [json.loads(event) for event in resp.events()]  # no [DONE] among them
    assert resp.status == 200 and resp.complete
    assert events[-2]["choices"][0]["finish_reason"] == "stop"
    assert events[-1]["choices"] == [] and events[-1]["usage"]["total_tokens"] > 0
    record = server.last(CHAT)
    assert record.completed and record.fault == "no_done"


async def test_control_endpoints_and_masking(server: MockServer) -> None:
    await request(server, "POST", CHAT, chat())
    await request(server, "POST", CHAT, chat(), auth=False, headers={"api-key": KEY})
    resp = await request(server, "GET", "/__mock__/requests")
    records = resp.json()
    assert [r["path"] for r in records] == [CHAT, CHAT]
    assert KEY not in resp.body.decode()
    assert records[0]["headers"]["authorization"].startswith("Bearer ***")
    assert records[1]["headers"]["api-key"].startswith("***")
    assert records[0]["body"]["messages"][0]["content"] == "hi"
    assert records[0]["completed"] is True and records[0]["status"] == 200

    assert (await request(server, "GET", "/__mock__/health")).json()["status"] == "ok"
    assert (await request(server, "POST", "/__mock__/reset")).status == 200
    assert (await request(server, "GET", "/__mock__/requests")).json() == []
    assert server.requests == []


async def test_models_404_and_405(server: MockServer) -> None:
    models = (await request(server, "GET", "/v1/models")).json()
    assert models["object"] == "list" and {m["id"] for m in models["data"]} >= {"mock-model"}
    resp = await request(server, "GET", "/v1/nothing")
    assert resp.status == 404 and resp.json()["error"]["type"] == "invalid_request_error"
    assert (await request(server, "GET", CHAT)).status == 405


async def test_keep_alive_serves_several_requests(server: MockServer) -> None:
    reader, writer = await asyncio.open_connection(server.host, server.port)
    try:
        for stream in (False, True, False):
            writer.write(encode_request("POST", CHAT, chat(stream=stream), close=False))
            resp = await asyncio.wait_for(read_response(reader), 5)
            assert resp.status == 200 and resp.complete
            assert resp.headers["connection"] == "keep-alive"
    finally:
        writer.close()
    assert len(server.requests) == 3


def test_run_in_thread_with_http_client() -> None:
    with run_in_thread(chunks=3, delay=0.2) as server:
        conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
        headers = {"authorization": f"Bearer {KEY}", "content-type": "application/json"}
        conn.request("POST", CHAT, json.dumps(chat(stream=True)), headers)
        resp = conn.getresponse()
        assert resp.status == 200
        resp.read1(1)
        conn.close()
        server.wait_for_sync(lambda: server.last(CHAT).disconnected, 1.0)
        server.reset()
        assert server.requests == []


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGTERM")
async def test_cli() -> None:
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    module = "async_openai_wasm.testing.mock_server"
    proc = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", module, "--port", "0", "--chunks", "2"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = (await asyncio.wait_for(proc.stdout.readline(), 10)).decode()
        assert line.startswith("mock server listening on http://127.0.0.1:")
        server = MockServer(port=int(line.rsplit(":", 1)[1]))
        resp = await request(server, "POST", CHAT, chat(stream=True))
        assert len(resp.events()) == 5  # role, 2 deltas, finish, [DONE]
    finally:
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), 10)
    assert proc.returncode == 0, stderr.decode()
    assert b"Warning" not in stderr


async def test_reply_options_in_the_body_and_scripted(server: MockServer) -> None:
    # The "mock" object of a body answers that request; scripted replies wait for requests
    # without one, in order; a reset forgets those not used.
    server.reply("scripted one")
    server.reply("scripted two")
    call = {"name": "lookup", "arguments": '{"q": "x"}', "id": "call_7"}
    resp = await request(server, "POST", CHAT, chat({"tool_calls": [call], "text": "Looking"}))
    message = resp.json()["choices"][0]["message"]
    assert message["content"] == "Looking"
    assert message["tool_calls"] == [
        {
            "id": "call_7",
            "type": "function",
            "function": {"name": "lookup", "arguments": '{"q": "x"}'},
        }
    ]
    assert resp.json()["choices"][0]["finish_reason"] == "tool_calls"
    resp = await request(server, "POST", CHAT, chat({"json": [1, "a"]}, stream=True))
    deltas = [json.loads(e)["choices"][0]["delta"] for e in resp.events()[:-1] if "choices" in e]
    assert "".join(d.get("content", "") for d in deltas) == '[1, "a"]'
    assert (await request(server, "POST", CHAT, chat())).json()["choices"][0]["message"][
        "content"
    ] == "scripted one"
    assert [o.text for o in server.pending_replies] == ["scripted two"]
    assert (await request(server, "POST", "/__mock__/reset")).status == 200
    assert server.pending_replies == []
    for value in (True, -1.5, "text"):  # any JSON value
        resp = await request(server, "POST", CHAT, chat({"json": value}))
        assert json.loads(resp.json()["choices"][0]["message"]["content"]) == value
    resp = await request(server, "POST", CHAT, chat({"text": "a", "chunks": ["b"]}))
    assert resp.status == 400
    assert resp.json()["error"]["param"] == "mock"
