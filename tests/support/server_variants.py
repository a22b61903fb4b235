"""What OpenAI-compatible servers send that OpenAI does not, and what the client makes of it.

Each case is one call answered with a fixed body (``MockTransport``): chunks without ids,
streams without ``[DONE]``, Responses events without indices, ``"has_more": null``, a JSON
error where a stream was asked for. ``run_cases()`` makes every call and returns what came
out as plain data; ``check(outcomes)`` asserts it. The module imports only the package and the
standard library, so the Pyodide tests run this same source inside Pyodide (Node and
Chromium) and check the outcomes on the host, as the CPython test does directly.
"""

from __future__ import annotations

import json
from typing import Any

from async_openai_wasm import Client, MockTransport, OpenAIConfig, OpenAIError, Response

__all__ = ["CASES", "check", "run_cases"]


def _sse(*events: Any, done: bool = False) -> list[bytes]:
    """One ``data:`` event per object (a ``(name, object)`` pair adds ``event: name``), as
    separate reads, then ``[DONE]`` if asked."""
    out = []
    for event in events:
        name, data = event if isinstance(event, tuple) else (None, event)
        head = f"event: {name}\n" if name else ""
        out.append(f"{head}data: {json.dumps(data)}\n\n".encode())
    if done:
        out.append(b"data: [DONE]\n\n")
    return out


def _chunk(content: str | None = None, finish: str | None = None, index: int = 0) -> dict:
    """A chat chunk as a bare local server sends it: no id, object, created or model."""
    delta = {} if content is None else {"content": content}
    return {"choices": [{"index": index, "delta": delta, "finish_reason": finish}]}


def _text_chunk(text: str, finish: str | None = None) -> dict:
    return {"choices": [{"index": 0, "text": text, "finish_reason": finish}]}


USAGE = {"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}}
HELLO = [_chunk("Hello"), _chunk(" world")]
# Many chunks in one read: the stream decodes them in batches (the fast path).
MANY = [b"".join(_sse(*[_chunk(f"w{i} ") for i in range(300)]))]
MANY_TEXT = "".join(f"w{i} " for i in range(300))

_RESPONSE = {"object": "response", "status": "completed", "output": []}
# Deltas as loose Responses servers send them: no item_id, indices or sequence_number.
LOOSE_RESPONSE_EVENTS = [
    {"type": "response.created", "response": {**_RESPONSE, "status": "in_progress"}},
    {"type": "response.output_text.delta", "delta": "Hi"},
    {"type": "response.output_text.delta", "delta": " there"},
]
_RUN = {"id": "run_1", "object": "thread.run", "thread_id": "thread_1", "status": "queued"}
RUN_EVENTS = [
    ("thread.run.created", _RUN),
    ("thread.message.delta", {"id": "msg_1", "delta": {"content": []}}),
]
# Deeper than Python's JSON parser survives in Pyodide (a C stack overflow kills the runtime).
DEEP = b"[" * 100_000 + b"]" * 100_000
ERROR_BODY = {"error": {"message": "Proxy says no", "type": "proxy_error", "code": "blocked"}}
COMPLETION = {"object": "chat.completion", "choices": []}

# name: (call, status, content type, body chunks, expected outcome). An outcome is the items'
# text and, if the call raised, the error's class and a piece of its message.
CASES: dict[str, tuple[str, int, str, list[bytes], dict[str, Any]]] = {
    "chat chunks without id, object, created, model": (
        "chat_stream",
        200,
        "text/event-stream",
        _sse(*HELLO, _chunk(finish="stop"), done=True),
        {"items": 3, "text": "Hello world"},
    ),
    "chat stream without [DONE] after its finish_reason": (
        "chat_stream",
        200,
        "text/event-stream",
        _sse(*HELLO, _chunk(finish="stop")),
        {"items": 3, "text": "Hello world"},
    ),
    "chat stream without [DONE] after its usage chunk": (
        "chat_stream",
        200,
        "text/event-stream",
        _sse(*HELLO, _chunk(finish="length"), USAGE),
        {"items": 4, "text": "Hello world"},
    ),
    "chat stream cut before its finish_reason": (
        "chat_stream",
        200,
        "text/event-stream",
        _sse(*HELLO),
        {"items": 2, "text": "Hello world", "error": ("StreamError", "finish_reason")},
    ),
    "chat stream cut in the middle of an event after its finish": (
        "chat_stream",
        200,
        "text/event-stream",
        [*_sse(*HELLO, _chunk(finish="stop")), b'data: {"choices": ['],
        {"items": 3, "text": "Hello world", "error": ("StreamError", "middle of an event")},
    ),
    "chat stream of two choices, one finished": (
        "chat_stream_n2",
        200,
        "text/event-stream",
        _sse(_chunk("a", index=0), _chunk("b", index=1), _chunk(finish="stop", index=0)),
        {"items": 3, "text": "ab", "error": ("StreamError", "finish_reason")},
    ),
    "chat stream of two choices, both finished": (
        "chat_stream_n2",
        200,
        "text/event-stream",
        _sse(
            _chunk("a", index=0),
            _chunk("b", index=1),
            _chunk(finish="stop", index=1),
            _chunk(finish="stop", index=0),
        ),
        {"items": 4, "text": "ab"},
    ),
    "300 chunks in one read, then the finish, no [DONE]": (
        "chat_stream",
        200,
        "text/event-stream",
        [*MANY, *_sse(_chunk(finish="stop"))],
        {"items": 301, "text": MANY_TEXT},
    ),
    "300 chunks in one read, then the end": (
        "chat_stream",
        200,
        "text/event-stream",
        MANY,
        {"items": 300, "text": MANY_TEXT, "error": ("StreamError", "after 300 events")},
    ),
    "an error event nested 100,000 levels deep": (
        "chat_stream",
        200,
        "text/event-stream",
        [*_sse(*HELLO), b'data: {"error": ' + DEEP + b"}\n\n"],
        {"items": 2, "text": "Hello world", "error": ("JSONDeserializeError", "recursion limit")},
    ),
    "a run event of an unknown kind nested 100,000 levels deep": (
        "run_stream",
        200,
        "text/event-stream",
        [
            *_sse(*RUN_EVENTS),
            b"event: thread.future\ndata: " + DEEP + b"\n\n",
            *_sse(("thread.run.completed", {**_RUN, "status": "completed"})),
        ],
        {"items": 4, "text": "", "unknown": True},  # its data kept as the text it came as
    ),
    "completions stream without [DONE] after its finish_reason": (
        "completions_stream",
        200,
        "text/event-stream",
        _sse(_text_chunk("Hi"), _text_chunk("!", finish="stop")),
        {"items": 2, "text": "Hi!"},
    ),
    "completions stream cut before its finish_reason": (
        "completions_stream",
        200,
        "text/event-stream",
        _sse(_text_chunk("Hi")),
        {"items": 1, "text": "Hi", "error": ("StreamError", "finish_reason")},
    ),
    "chat completion without id, object, created, model": (
        "chat",
        200,
        "application/json",
        [
            json.dumps(
                {"choices": [{"message": {"content": "Hi"}, "finish_reason": "stop"}]}
            ).encode()
        ],
        {"items": 1, "text": "Hi"},
    ),
    "Responses events without item ids, indices, sequence numbers": (
        "responses_stream",
        200,
        "text/event-stream",
        _sse(*LOOSE_RESPONSE_EVENTS, {"type": "response.completed", "response": _RESPONSE}),
        {"items": 4, "text": "Hi there"},
    ),
    "Responses stream ending in response.failed": (
        "responses_stream",
        200,
        "text/event-stream",
        _sse(
            *LOOSE_RESPONSE_EVENTS,
            {"type": "response.failed", "response": {**_RESPONSE, "status": "failed"}},
        ),
        {"items": 4, "text": "Hi there"},
    ),
    "Responses stream cut before a terminal event": (
        "responses_stream",
        200,
        "text/event-stream",
        _sse(*LOOSE_RESPONSE_EVENTS),
        {"items": 3, "text": "Hi there", "error": ("StreamError", "response.completed")},
    ),
    "run stream ending at thread.run.completed, no [DONE]": (
        "run_stream",
        200,
        "text/event-stream",
        _sse(*RUN_EVENTS, ("thread.run.completed", {**_RUN, "status": "completed"})),
        {"items": 3, "text": ""},
    ),
    "run stream cut before the run ended": (
        "run_stream",
        200,
        "text/event-stream",
        _sse(*RUN_EVENTS),
        {"items": 2, "text": "", "error": ("StreamError", "thread.run.completed")},
    ),
    "chat stream answered 200 with a JSON error": (
        "chat_stream",
        200,
        "application/json",
        [json.dumps(ERROR_BODY).encode()],
        {
            "items": 0,
            "text": "",
            "error": ("APIError", "Proxy says no (HTTP 200, type=proxy_error"),
        },
    ),
    "Responses stream answered 200 with a JSON error": (
        "responses_stream",
        200,
        "application/json; charset=utf-8",
        [json.dumps(ERROR_BODY).encode()],
        {"items": 0, "text": "", "error": ("APIError", "Proxy says no")},
    ),
    "chat stream answered 200 with a whole completion": (
        "chat_stream",
        200,
        "application/json",
        [json.dumps(COMPLETION).encode()],
        {"items": 0, "text": "", "error": ("StreamError", '"object": "chat.completion"')},
    ),
    "models list with has_more null": (
        "models_list",
        200,
        "application/json",
        [json.dumps({"object": "list", "data": [{"id": "m1"}], "has_more": None}).encode()],
        {"items": 1, "text": "m1"},
    ),
    "files list with has_more null": (
        "files_list",
        200,
        "application/json",
        [json.dumps({"data": [{"id": "file-1"}], "has_more": None}).encode()],
        {"items": 1, "text": "file-1"},
    ),
}


def _text(item: Any) -> str:
    """The text an item carries: content deltas, completion text, Responses deltas, ids."""
    choices = getattr(item, "choices", None)
    if choices is not None:
        return "".join(
            getattr(getattr(c, "delta", None), "content", None)
            or getattr(getattr(c, "message", None), "content", None)
            or getattr(c, "text", None)
            or ""
            for c in choices
        )
    if getattr(item, "type", None) == "response.output_text.delta":
        return str(item.delta)
    return getattr(item, "id", None) or ""


async def _call(client: Client, call: str, items: list[Any]) -> None:
    """Makes ``call``, appending what it yields to ``items`` as it arrives."""
    messages = [{"role": "user", "content": "Hi"}]
    if call == "chat":
        items.append(await client.chat.create(model="m", messages=messages))
        return
    if call in ("models_list", "files_list"):
        group = client.models if call == "models_list" else client.files
        items.extend([item async for item in group.list()])
        return
    if call.startswith("chat_stream"):
        n = 2 if call.endswith("n2") else None
        stream = await client.chat.create_stream(model="m", messages=messages, n=n)
    elif call == "completions_stream":
        stream = await client.completions.create_stream(model="m", prompt="Hi")
    elif call == "responses_stream":
        stream = await client.responses.create_stream(model="m", input="Hi")
    else:
        stream = await client.threads.runs.create_stream("thread_1", assistant_id="asst_1")
    async with stream:
        async for item in stream:
            items.append(item)


async def run_cases() -> dict[str, dict[str, Any]]:
    outcomes = {}
    for name, (call, status, content_type, body, _) in CASES.items():

        def answer(
            _: Any, status: int = status, ct: str = content_type, body: Any = body
        ) -> Response:
            return Response.from_chunks(status, list(body), {"content-type": ct})

        config = OpenAIConfig(api_key="sk-test-0123456789abcdef", api_base="http://server.test/v1")
        client = Client(config, transport=MockTransport(answer), max_retries=0)
        items: list[Any] = []
        outcome: dict[str, Any] = {}
        try:
            await _call(client, call, items)
        except OpenAIError as exc:
            outcome["error"] = (type(exc).__name__, str(exc))
            outcome["status_code"] = getattr(exc, "status_code", None)
        outcome["items"] = len(items)
        outcome["text"] = "".join(_text(item) for item in items)
        outcome["types"] = sorted({type(item).__name__ for item in items})
        outcomes[name] = outcome
    return outcomes


def check(outcomes: dict[str, dict[str, Any]]) -> None:
    """AssertionError unless every case came out as expected: the items' number and text,
    the error's class and message, none an unknown type, a streaming JSON error an APIError
    of status 200."""
    assert set(outcomes) == set(CASES)
    for name, (*_, expected) in CASES.items():
        got = outcomes[name]
        assert (got["items"], got["text"]) == (expected["items"], expected["text"]), (name, got)
        unknown = [t for t in got["types"] if t.startswith("Unknown")]
        assert bool(unknown) == expected.get("unknown", False), (name, got)
        if "error" not in expected:
            assert "error" not in got, (name, got)
            continue
        kind, says = expected["error"]
        assert got.get("error", ("",))[0] == kind, (name, got)
        assert says in got["error"][1], (name, got)
        if kind == "APIError":
            assert got["status_code"] == 200, (name, got)
