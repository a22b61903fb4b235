"""The OpenAI routes of the mock server, one function per route, registered with ``@route``.

Besides the echo (see ``mock_server``), chat and Responses requests get what the helpers need
(the answers' contents come from ``_mock_answers``):

- Tools: with function ``tools`` and the user's message last (``tool_choice`` not ``"none"``),
  a call of the tool ``tool_choice`` names, else of the first, its arguments a value of the
  tool's parameters' schema (streamed as scripted ``tool_calls`` are; ``finish_reason`` is
  ``"tool_calls"``). With ``tool_choice: "auto"``, only a tool the user's message names is
  called, its arguments taken from the words after the name (see ``_mock_answers``). With a
  tool result last, the text ``"The tool answered: <result>."``.
  A scripted reply (``mock`` options, or ``mock_openai`` replies) comes first.
- ``response_format`` (Responses: ``text.format``) of type ``json_schema``: a JSON value valid
  against the schema, generated from it, as the text (plain or streamed).
- ``POST /v1/responses``: a message or a function call, as a ``response`` object or as the
  Responses API's events (created, in_progress, the output item added, its deltas, the done
  events, completed; data-only events, no ``[DONE]``). ``mock`` takes ``chunks`` (a number),
  ``delay_ms``, ``text`` and the fault modes that replace the whole response.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import re
import struct
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ._http import SSE, ApiError, Exchange, Request, header_value, reason
from ._mock_answers import chat_text_override, chat_tool_call, response_answer, response_events

_FILLER = (
    "This reply comes from the mock server and is the same for the same input, so tests can "
    "check every streamed piece of it in order and count them."
)
_AZURE_PATH = re.compile(r"/openai/deployments/[^/]+(/chat/completions)")


# ---------------------------------------------------------------- state and the route table


@dataclass
class MockState:
    """What the routes share: the server's settings and what earlier requests left behind."""

    chunks: int
    delay: float
    models: tuple[str, ...]
    fail_counts: dict[str, int] = field(default_factory=dict)
    # Scripted replies, used in order by chat requests that carry no "mock" object of their own.
    replies: deque[MockOptions] = field(default_factory=deque)

    def reset(self) -> None:
        self.fail_counts.clear()
        self.replies.clear()


Route = Callable[[MockState, Exchange], Awaitable[None]]

ROUTES: dict[tuple[str, str], Route] = {}
"""``(method, path) -> route``; the path is the canonical one (see ``canonical_path``)."""


def route(method: str, path: str) -> Callable[[Route], Route]:
    """Register the decorated function as the handler of ``method path``."""

    def register(handler: Route) -> Route:
        ROUTES[(method, path)] = handler
        return handler

    return register


def canonical_path(path: str) -> str:
    """Azure OpenAI's deployment paths are served by the ``/v1`` routes."""
    return _AZURE_PATH.sub(r"/v1\1", path)


# ---------------------------------------------------------------- chat options


@dataclass
class MockOptions:
    """The ``"mock"`` object of a chat request; see ``mock_server``'s docstring."""

    chunks: int | list[str] | None = None
    delay_ms: float | None = None
    text: str | None = None
    json: Any = None
    tool_calls: list[dict[str, Any]] | None = None
    first_byte_delay_ms: float = 0
    error: dict[str, Any] | None = None
    fail_times: int = 0
    fail_status: int = 500
    key: str = ""
    retry_after: float | str | None = None
    retry_after_ms: float | None = None
    html_error: int | None = None
    stall_after: int | None = None
    drop_after: int | None = None
    malformed_after: int | None = None
    error_event_after: int | None = None
    comments: bool = False
    crlf: bool = False
    no_done: bool = False


_NUM = (int, float)
_MOCK_TYPES: dict[str, tuple[type, ...]] = {
    "chunks": (int, list),
    "delay_ms": _NUM,
    "text": (str,),
    "json": (object,),
    "tool_calls": (list,),
    "first_byte_delay_ms": _NUM,
    "error": (dict,),
    "fail_times": (int,),
    "fail_status": (int,),
    "key": (str,),
    "retry_after": (*_NUM, str),
    "retry_after_ms": _NUM,
    "html_error": (int,),
    "stall_after": (int,),
    "drop_after": (int,),
    "malformed_after": (int,),
    "error_event_after": (int,),
    "comments": (bool,),
    "crlf": (bool,),
    "no_done": (bool,),
}


def parse_mock(raw: Any) -> MockOptions:
    """The ``"mock"`` object as MockOptions; ApiError(400) naming what is wrong."""
    if raw is None:
        return MockOptions()
    if not isinstance(raw, dict):
        raise ApiError(400, "'mock' must be an object.", param="mock")
    values: dict[str, Any] = {}
    for name, value in raw.items():
        kinds = _MOCK_TYPES.get(name)
        if kinds is None:
            raise ApiError(400, f"Unknown mock option {name!r}.", param=f"mock.{name}")
        if value is None:
            continue
        if kinds == (object,):  # json: any JSON value, sent as it is
            values[name] = value
            continue
        # bool is an int subclass; only bool fields may take true/false.
        ok = isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))
        if ok and isinstance(value, _NUM) and not isinstance(value, bool):
            ok = value >= (1 if name == "chunks" else 0)
        if ok and isinstance(value, list) and name in _ITEM_CHECKS:
            ok = bool(value) and all(map(_ITEM_CHECKS[name], value))
        if not ok:
            raise ApiError(400, f"Invalid mock option {name!r}: {value!r}.", param=f"mock.{name}")
        values[name] = value
    replies: list[str] = [name for name in ("text", "json") if name in values]
    if isinstance(values.get("chunks"), list):
        replies.append("chunks")
    if len(replies) > 1:
        raise ApiError(400, f"Mock options {replies} each give the reply: use one.", param="mock")
    opts = MockOptions(**values)
    # Statuses are checked here too, so that a scripted reply fails when it is queued.
    _status(opts.html_error or 500, "mock.html_error")
    _status(opts.fail_status, "mock.fail_status")
    _status((opts.error or {}).get("status", 500), "mock.error.status")
    return opts


def _is_tool_call(call: Any) -> bool:
    return (
        isinstance(call, dict)
        and set(call) <= {"name", "arguments", "id"}
        and isinstance(call.get("name"), str)
        and isinstance(call.get("arguments", ""), str | dict | list)
        and isinstance(call.get("id", ""), str)
    )


# What each element of a list-valued option must be.
_ITEM_CHECKS: dict[str, Callable[[Any], bool]] = {
    "chunks": lambda piece: isinstance(piece, str),
    "tool_calls": _is_tool_call,
}


def _number(value: float | str) -> str:
    if isinstance(value, str) or not float(value).is_integer():
        return str(value)
    return str(int(value))


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [p.get("text", "") for p in content if isinstance(p, dict)]
        return " ".join(p for p in parts if isinstance(p, str))
    return ""


def _split(text: str, n: int) -> list[str]:
    """Split ``text`` into ``n`` pieces that join back to it: by words, else by characters."""
    tokens = re.split(r"(?<=\s)(?=\S)", text) if text else []
    if len(tokens) < n:
        tokens = list(text)
    n = min(n, len(tokens))
    if n == 0:
        return []
    size, extra = divmod(len(tokens), n)
    pieces, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        pieces.append("".join(tokens[start:end]))
        start = end
    return pieces


# ---------------------------------------------------------------- routes


def require_auth(req: Request) -> None:
    """The real API's 401 without a key; any non-empty key is accepted."""
    scheme, _, token = req.headers.get("authorization", "").partition(" ")
    if (scheme.lower() == "bearer" and token.strip()) or req.headers.get("api-key", "").strip():
        return
    raise ApiError(
        401,
        "You didn't provide an API key. Use 'Authorization: Bearer <key>' or 'api-key: <key>'.",
    )


def authorized_json(req: Request) -> dict[str, Any] | None:
    """After the auth check: the JSON object in the body, None if the body is not one."""
    require_auth(req)
    try:
        body = json.loads(req.body)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


@route("GET", "/v1/models")
async def models(state: MockState, ex: Exchange) -> None:
    require_auth(ex.req)
    data = [
        {"id": m, "object": "model", "created": 1700000000, "owned_by": "mock"}
        for m in state.models
    ]
    await ex.json(200, {"object": "list", "data": data})


@route("POST", "/v1/embeddings")
async def embeddings(state: MockState, ex: Exchange) -> None:
    body = authorized_json(ex.req) or {}
    texts = body.get("input")
    if isinstance(texts, str):
        texts = [texts]
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
        raise ApiError(400, "input must be a string or a non-empty list of strings", param="input")
    dimensions = body.get("dimensions") or 64
    as_base64 = body.get("encoding_format") == "base64"
    data = []
    for index, text in enumerate(texts):
        vector = _bag_of_words(text, int(dimensions))
        encoded: Any = (
            base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
            if as_base64
            else vector
        )
        data.append({"object": "embedding", "index": index, "embedding": encoded})
    tokens = sum(len(t.split()) for t in texts)
    await ex.json(
        200,
        {
            "object": "list",
            "model": body.get("model", "mock-embedding"),
            "data": data,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        },
    )


@route("POST", "/v1/chat/completions")
async def chat_completions(state: MockState, ex: Exchange) -> None:
    body = authorized_json(ex.req)
    if body is None:
        raise ApiError(400, "We could not parse the JSON body of your request.")
    raw = body.get("mock")
    opts = state.replies.popleft() if raw is None and state.replies else parse_mock(raw)
    await ex.conn.sleep(opts.first_byte_delay_ms / 1000)
    await faults(state, ex, opts)
    if ex.head_sent:
        return
    model, messages = body.get("model"), body.get("messages")
    if not isinstance(model, str) or not model:
        raise ApiError(400, "You must provide a model parameter.", param="model")
    if not isinstance(messages, list):
        raise ApiError(400, "Missing required parameter: 'messages'.", param="messages")
    if not messages:
        raise ApiError(
            400, "Invalid 'messages': empty array.", param="messages", code="empty_array"
        )
    for i, msg in enumerate(messages):
        if not isinstance(msg, dict) or not isinstance(msg.get("role"), str):
            raise ApiError(400, f"Invalid 'messages[{i}]'.", param=f"messages[{i}]")

    text, pieces = _reply_text(opts, state, body)
    calls = _tool_calls(opts.tool_calls or _answer_calls(opts, body), ex.rec.id)
    prompt_tokens = sum(len(_text_of(m.get("content")).split()) + 4 for m in messages)
    completion_tokens = len(pieces) + sum(len(c["function"]["arguments"].split()) for c in calls)
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    base = {
        "id": f"chatcmpl-mock{ex.rec.id.removeprefix('req_')}",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": "fp_mock",
    }
    if body.get("stream"):
        stream_options = body.get("stream_options")
        include_usage = isinstance(stream_options, dict) and bool(
            stream_options.get("include_usage")
        )
        delay = state.delay if opts.delay_ms is None else opts.delay_ms / 1000
        reply = _StreamedReply(pieces, calls, usage if include_usage else None)
        await stream_chat(ex, opts, base, reply, delay)
        return
    message: dict[str, Any] = {"role": "assistant", "content": text, "refusal": None}
    if calls:
        message["tool_calls"] = calls
    completion = {
        **base,
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": "tool_calls" if calls else "stop",
            }
        ],
        "usage": usage,
    }
    await send_completion(ex, opts, json.dumps(completion).encode())


def _reply_text(
    opts: MockOptions, state: MockState, body: dict[str, Any]
) -> tuple[str | None, list[str]]:
    """The reply's text (None: only tool calls) and the content deltas it is streamed in."""
    if isinstance(opts.chunks, list):
        return "".join(opts.chunks), opts.chunks
    n = opts.chunks or state.chunks
    answer = None if _scripted(opts) else chat_text_override(body)
    if opts.json is not None:
        text = json.dumps(opts.json)
    elif opts.text is not None:
        text = opts.text
    elif opts.tool_calls or _answer_calls(opts, body):
        return None, []
    elif answer is not None:
        text = answer
    else:
        users = [m for m in body["messages"] if m.get("role") == "user"]
        text = _echo(_text_of(users[-1].get("content")) if users else "", n)
    return text, _split(text, n)


def _scripted(opts: MockOptions) -> bool:
    """Whether the reply is given by ``mock`` options (or a scripted reply)."""
    return (
        opts.json is not None
        or opts.text is not None
        or bool(opts.tool_calls)
        or isinstance(opts.chunks, list)
    )


def _answer_calls(opts: MockOptions, body: dict[str, Any]) -> list[dict[str, Any]]:
    """The tool call a request with tools gets when no reply is scripted (see the docstring)."""
    call = None if _scripted(opts) else chat_tool_call(body)
    return [call] if call is not None else []


def _echo(said: str, n: int) -> str:
    """The default reply: what the user said, then filler words (at least ``n`` pieces)."""
    filler = " ".join(itertools.islice(itertools.cycle(_FILLER.split()), max(n, 8)))
    return f"You said: {said}. {filler}."


def _tool_calls(calls: list[dict[str, Any]], request_id: str) -> list[dict[str, Any]]:
    """The ``tool_calls`` of the reply message, from the ``tool_calls`` option."""
    out = []
    for index, call in enumerate(calls):
        arguments = call.get("arguments", {})
        if not isinstance(arguments, str):
            arguments = json.dumps(arguments)
        call_id = call.get("id") or f"call_mock{request_id.removeprefix('req_')}_{index}"
        function = {"name": call["name"], "arguments": arguments}
        out.append({"id": call_id, "type": "function", "function": function})
    return out


@route("POST", "/v1/responses")
async def responses(state: MockState, ex: Exchange) -> None:
    body = authorized_json(ex.req)
    if body is None:
        raise ApiError(400, "We could not parse the JSON body of your request.")
    opts = parse_mock(body.get("mock"))
    await ex.conn.sleep(opts.first_byte_delay_ms / 1000)
    await faults(state, ex, opts)
    if ex.head_sent:
        return
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise ApiError(400, "You must provide a model parameter.", param="model")
    n = opts.chunks if isinstance(opts.chunks, int) and opts.chunks else state.chunks
    number = ex.rec.id.removeprefix("req_")
    kind, answer = response_answer(body, lambda said: opts.text or _echo(said, n))
    item: dict[str, Any]
    if kind == "function_call":
        item = {
            "id": f"fc_mock{number}",
            "type": "function_call",
            "status": "completed",
            "call_id": f"call_mock{number}",
            **answer,
        }
        pieces = _split(answer["arguments"], n)
    else:
        part = {"type": "output_text", "text": answer, "annotations": [], "logprobs": []}
        item = {
            "id": f"msg_mock{number}",
            "type": "message",
            "role": "assistant",
            "status": "completed",
            "content": [part],
        }
        pieces = _split(answer, n)
    given = body.get("input")
    input_tokens = len(json.dumps(given).split()) if given is not None else 0
    response = {
        "id": f"resp_mock{number}",
        "object": "response",
        "created_at": int(time.time()),
        "status": "completed",
        "model": model,
        "output": [item],
        "usage": {
            "input_tokens": input_tokens,
            "output_tokens": len(pieces),
            "total_tokens": input_tokens + len(pieces),
        },
    }
    if not body.get("stream"):
        await ex.json(200, response)
        return
    delay = state.delay if opts.delay_ms is None else opts.delay_ms / 1000
    sse = SSE(ex, crlf=opts.crlf, comments=opts.comments)
    await sse.start()
    events = response_events(response, kind, answer, pieces)
    if not delay and not opts.comments:
        # At full speed in batched writes: a write per event would make this server, not the
        # client under test, a benchmark's bottleneck.
        ex.rec.chunks_sent += sum(event["type"].endswith(".delta") for event in events)
        await sse.events(events, named=True)
    else:
        for event in events:
            if event["type"].endswith(".delta"):
                await ex.conn.sleep(delay)
                ex.rec.chunks_sent += 1
            await sse.event(event, event["type"])
    await sse.end(done=False)  # the Responses API's stream just ends after its last event


async def faults(state: MockState, ex: Exchange, opts: MockOptions) -> None:
    """Apply the error modes that replace the whole response."""
    headers: dict[str, str] = {}
    if opts.retry_after is not None:
        headers["retry-after"] = _number(opts.retry_after)
    if opts.retry_after_ms is not None:
        headers["retry-after-ms"] = _number(opts.retry_after_ms)
    if opts.html_error is not None:
        status = _status(opts.html_error, "mock.html_error")
        title = f"{status} {reason(status)}"
        page = (
            f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
            f"<center><h1>{title}</h1></center>\r\n<hr><center>mock-proxy</center>\r\n"
            "</body>\r\n</html>\r\n"
        )
        ex.rec.fault = "html_error"
        await ex.respond(status, page.encode(), "text/html; charset=utf-8", headers)
        return
    if opts.error is not None:
        err = opts.error
        status = _status(err.get("status", 500), "mock.error.status")
        extra = err.get("headers")
        if isinstance(extra, dict):
            headers.update({str(k): header_value(v) for k, v in extra.items()})
        ex.rec.fault = "error"
        raise ApiError(
            status,
            str(err.get("message", f"Mock error {status}.")),
            type=err.get("type"),
            param=err.get("param"),
            code=err.get("code"),
            headers=headers,
        )
    if opts.fail_times:
        count = state.fail_counts[opts.key] = state.fail_counts.get(opts.key, 0) + 1
        if count <= opts.fail_times:
            status = _status(opts.fail_status, "mock.fail_status")
            ex.rec.fault = "fail"
            raise ApiError(
                status,
                f"Mock failure {count} of {opts.fail_times} for key {opts.key!r}.",
                code="rate_limit_exceeded" if status == 429 else None,
                headers=headers,
            )


async def send_completion(ex: Exchange, opts: MockOptions, body: bytes) -> None:
    if opts.malformed_after is not None:
        ex.rec.fault = "malformed"
        body = b"{not json"
    if opts.drop_after is None and opts.stall_after is None:
        await ex.respond(200, body, "application/json")
        return
    # Announce the full length, send half: the client must notice the short body.
    head = ex.head(200, {"content-type": "application/json", "content-length": str(len(body))})
    await ex.send(head + body[: len(body) // 2])
    if opts.drop_after is not None:
        ex.rec.fault = "drop"
        ex.conn.abort()
        return
    ex.rec.fault = "stall"
    await ex.conn.wait_gone()


@dataclass
class _StreamedReply:
    pieces: list[str]  # content deltas
    tool_calls: list[dict[str, Any]]  # as in a message; streamed after the content
    usage: dict[str, int] | None  # the usage chunk, if asked for

    def tool_call_deltas(self) -> list[dict[str, Any]]:
        """Per call: its id and name, then its arguments in up to 3 pieces, as OpenAI streams
        them (each keyed by the call's index), so clients must join them."""
        deltas = []
        for index, call in enumerate(self.tool_calls):
            head = {**call, "index": index, "function": {**call["function"], "arguments": ""}}
            deltas.append({"tool_calls": [head]})
            for part in _split(call["function"]["arguments"], 3):
                deltas.append({"tool_calls": [{"index": index, "function": {"arguments": part}}]})
        return deltas


async def stream_chat(
    ex: Exchange, opts: MockOptions, base: dict[str, Any], reply: _StreamedReply, delay: float
) -> None:
    pieces, usage = reply.pieces, reply.usage
    tool_deltas = reply.tool_call_deltas()
    total = len(pieces) + len(tool_deltas)

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        out = {**base, "object": "chat.completion.chunk", "choices": [choice]}
        if usage is not None:  # the real API sends "usage": null until the usage chunk
            out["usage"] = None
        return out

    def at(k: int | None, i: int) -> bool:
        return k is not None and min(k, total) == i

    faults = (opts.malformed_after, opts.error_event_after, opts.drop_after, opts.stall_after)
    # Content deltas differ only in their text: encode the rest once (json.dumps per delta
    # would be most of this server's time at full speed).
    before, empty, after = json.dumps(chunk({"content": ""})).rpartition('{"content": ""}')
    assert empty, "the delta must be in the encoded chunk"
    sse = SSE(ex, crlf=opts.crlf, comments=opts.comments)
    await sse.start()
    # A reply of tool calls alone has no content (null, as OpenAI streams it), not "".
    content = None if reply.tool_calls and not reply.pieces else ""
    await sse.event(chunk({"role": "assistant", "content": content, "refusal": None}))
    # A delay paces each delta and a fault needs the deltas before it on the wire; with
    # neither, all deltas go out at once, in big writes, and the loop only ends the stream.
    sent = 0
    if delay == 0 and all(k is None for k in faults):
        await sse.deltas(before, pieces, after)
        sent = len(pieces)
    for i in range(sent, total + 1):
        if at(opts.malformed_after, i):
            ex.rec.fault = "malformed"
            await sse.event("{not json")
        if at(opts.error_event_after, i):
            ex.rec.fault = "error_event"
            error = ApiError(500, "The server had an error while processing your request.")
            await sse.event(error.body)
            await sse.end(done=False)
            return
        if at(opts.drop_after, i):
            ex.rec.fault = "drop"
            ex.conn.abort()
            return
        if at(opts.stall_after, i):
            ex.rec.fault = "stall"
            await ex.conn.wait_gone()
        if i == total:
            break
        await ex.conn.sleep(delay)
        if i < len(pieces):
            await sse.event(f'{before}{{"content": {json.dumps(pieces[i])}}}{after}')
        else:
            await sse.event(chunk(tool_deltas[i - len(pieces)]))
        ex.rec.chunks_sent += 1
    await sse.event(chunk({}, "tool_calls" if reply.tool_calls else "stop"))
    if usage is not None:
        final = {**base, "object": "chat.completion.chunk", "choices": [], "usage": usage}
        await sse.event(final)
    if opts.no_done:
        ex.rec.fault = "no_done"
    await sse.end(done=not opts.no_done)


def _status(value: Any, param: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 400 <= value <= 599:
        return value
    raise ApiError(400, f"Invalid {param}: {value!r}; expected 400-599.", param=param)


# ---------------------------------------------------------------- embeddings


def _bag_of_words(text: str, dimensions: int) -> list[float]:
    """A unit vector from the text's words, each hashed to a signed dimension: deterministic,
    and texts that share words point the same way, so similarity means something in a demo."""
    vector = [0.0] * dimensions
    for word in re.findall(r"\w+", text.lower()):
        digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
        vector[digest[0] % dimensions] += 1.0 if digest[1] % 2 else -1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]
