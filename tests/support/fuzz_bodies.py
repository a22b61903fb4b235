"""Mutations of recorded bodies and stream events, and what the client must make of them.

A case is a recorded answer (a stream's events, or a JSON body) with mutations: a field
removed, a value of the wrong type, an extra field, a huge string, deep nesting, invalid UTF-8
bytes, the body split at odd places. Whatever the mutation, the call must end in typed items,
or in :class:`JSONDeserializeError` keeping the raw text of what did not decode, or in
:class:`StreamError` (or :class:`APIError` where the mutation made an ``{"error": ...}``)
within a time limit: never another exception, never a hang.

``mutated(recorded, choose)`` makes a case, ``choose`` deciding every choice: hypothesis
drives it on CPython, a seeded ``random.Random`` inside Pyodide, where this module's source
runs as it is (it imports only the package and the standard library, and pydantic-core).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from typing import Any

from pydantic_core import from_json

from async_openai_wasm import (
    APIError,
    Client,
    JSONDeserializeError,
    MockTransport,
    OpenAIConfig,
    Response,
    StreamError,
)

__all__ = [
    "CALLS",
    "as_recorded",
    "check",
    "mutated",
    "outcome",
    "recorded_answers",
    "run_seeded",
    "seeded",
]

# choose(options) -> one of them; choose(low, high) -> an int in [low, high].
Choose = Callable[..., Any]

_SLOT = "\u0000slot\u0000"  # where a value is spliced in as raw JSON text
WRONG_VALUES: list[Any] = [None, 0, -1, 1.5, True, "", "x", [], {}, [1, "a"], {"k": None}]
TIME_LIMIT = 20.0


async def _chat_stream(client: Client) -> Any:
    return await client.chat.create_stream(model="m", messages=[{"role": "user", "content": "x"}])


async def _completions_stream(client: Client) -> Any:
    return await client.completions.create_stream(model="m", prompt="x")


async def _responses_stream(client: Client) -> Any:
    return await client.responses.create_stream(model="m", input="x")


async def _run_stream(client: Client) -> Any:
    return await client.threads.runs.create_stream("thread_1", assistant_id="asst_1")


async def _chat(client: Client) -> Any:
    return await client.chat.create(model="m", messages=[{"role": "user", "content": "x"}])


async def _models(client: Client) -> Any:
    return [model async for model in client.models.list()]


async def _response(client: Client) -> Any:
    return await client.responses.retrieve("resp_1")


CALLS: dict[str, Callable[[Client], Any]] = {
    "chat_stream": _chat_stream,
    "completions_stream": _completions_stream,
    "responses_stream": _responses_stream,
    "run_stream": _run_stream,
    "chat": _chat,
    "models": _models,
    "response": _response,
}


def seeded(seed: int) -> Choose:
    """A ``choose`` from a seeded ``random.Random``: the same cases for the same seed."""
    import random

    rng = random.Random(seed)

    def choose(*args: Any) -> Any:
        return rng.randint(*args) if len(args) == 2 else rng.choice(args[0])

    return choose


async def run_seeded(recorded: list[dict[str, Any]], seed: int, count: int) -> list[Any]:
    """``count`` mutated cases of each recorded answer, and how each ended: ``[case, end]``."""
    choose = seeded(seed)
    out = []
    for answer in recorded:
        for _ in range(count):
            case = mutated(answer, choose)
            out.append([case, await outcome(case)])
    return out


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value`` (the root included)."""
    out = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*at, index))
    return out


def _replace(value: Any, path: tuple[Any, ...], new: Callable[[Any], Any]) -> Any:
    if not path:
        return new(value)
    copy: Any = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


def _mutate_json(value: Any, choose: Choose) -> tuple[Any, str | None]:
    """One mutation at a chosen place; the raw JSON text to splice in at ``_SLOT``, if any."""
    path = choose(_paths(value))
    kind = choose(["remove", "wrong type", "extra field", "huge string", "deep nesting"])
    if kind == "remove" and path:
        parent = path[:-1]

        def without(container: Any) -> Any:
            if isinstance(container, dict):
                return {k: v for k, v in container.items() if k != path[-1]}
            return [v for i, v in enumerate(container) if i != path[-1]]

        return _replace(value, parent, without), None
    if kind == "extra field":
        key = choose(["extra", "id", "type", "choices", "error", "data", "delta", "usage"])
        extra = choose(WRONG_VALUES)
        return _replace(
            value, path, lambda v: {**v, key: extra} if isinstance(v, dict) else v
        ), None
    if kind == "huge string":
        size = choose([10_000, 1_000_000])
        return _replace(value, path, lambda _: "é" * size), None
    if kind == "deep nesting":
        depth = choose([100, 5_000, 100_000])
        raw = (
            "[" * depth + "]" * depth
            if choose([True, False])
            else '{"a":' * depth + "1" + "}" * depth
        )
        return _replace(value, path, lambda _: _SLOT), raw
    return _replace(value, path, lambda _: choose(WRONG_VALUES)), None


def _dumps(value: Any, raw: str | None) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if raw is None else text.replace(json.dumps(_SLOT), raw)


def _split(body: bytes, choose: Choose) -> list[bytes]:
    """The body in reads cut at chosen places (inside UTF-8 sequences and lines too)."""
    cuts = sorted({choose(0, len(body)) for _ in range(choose(0, 4))})
    return [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True) if b > a]


def as_recorded(recorded: dict[str, Any]) -> dict[str, Any]:
    """The case of ``recorded`` unmutated, in one read."""
    if "body" in recorded:
        return {
            "call": recorded["call"],
            "stream": False,
            "chunks": [recorded["body"].encode()],
            "sent": [recorded["body"]],
        }
    events = recorded["events"]
    body = "".join(f"event: {n}\ndata: {d}\n\n" if n else f"data: {d}\n\n" for n, d in events)
    return {
        "call": recorded["call"],
        "stream": True,
        "chunks": [body.encode()],
        "sent": [d for _, d in events],
    }


def mutated(recorded: dict[str, Any], choose: Choose) -> dict[str, Any]:
    """A case: ``recorded`` (``call`` and ``events``, a list of ``[name, data]``, or ``body``)
    with chosen mutations. Its ``sent`` holds every text that went out, for the raw check."""
    call = recorded["call"]
    if "body" in recorded:
        value, raw = _mutate_json(json.loads(recorded["body"]), choose)
        text = _dumps(value, raw)
        return {"call": call, "stream": False, "chunks": [text.encode()], "sent": [text]}
    events = [list(event) for event in recorded["events"]]
    for _ in range(choose(1, 3)):
        event = choose(events)
        try:
            # Not json.loads: a mutation may have nested the event past what it survives in
            # Pyodide (see _decode.json_or_text); pydantic-core's parser stops in time.
            value, raw = _mutate_json(from_json(event[1]), choose)
        except ValueError:  # [DONE], or nested too deep already
            continue
        event[1] = _dumps(value, raw)
    lines = [
        f"event: {name}\ndata: {data}\n\n" if name else f"data: {data}\n\n" for name, data in events
    ]
    body = "".join(lines).encode()
    if choose([False, False, True]):  # invalid UTF-8 in the middle of an event
        at = choose(0, len(body))
        body = body[:at] + choose([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80"]) + body[at:]
    if choose([False, False, True]):  # cut short
        body = body[: choose(0, len(body))]
    sent = [data for _, data in events]
    return {"call": call, "stream": True, "chunks": _split(body, choose), "sent": sent}


async def _run(case: dict[str, Any]) -> list[Any]:
    content_type = "text/event-stream" if case["stream"] else "application/json"

    def answer(_: Any) -> Response:
        return Response.from_chunks(200, list(case["chunks"]), {"content-type": content_type})

    config = OpenAIConfig(api_key="sk-test-0123456789abcdef", api_base="http://server.test/v1")
    client = Client(config, transport=MockTransport(answer), max_retries=0)
    result = await CALLS[case["call"]](client)
    if not case["stream"]:
        return result if isinstance(result, list) else [result]
    async with result:
        return [item async for item in result]


async def outcome(case: dict[str, Any]) -> dict[str, Any]:
    """How the case's call ended, as plain data: ``ok`` (and the item types), or the error's
    class, whether a JSONDeserializeError's raw text is what was sent, and for any other
    exception its repr."""
    try:
        items = await asyncio.wait_for(_run(case), TIME_LIMIT)
    except JSONDeserializeError as exc:
        body = b"".join(case["chunks"]).decode("utf-8", "replace")
        kept = (
            exc.raw == body
            if not case["stream"]
            # The event's data: its data lines as they came (joined with a line end when one
            # event has several, as a mutation that cuts out a blank line makes).
            else all(line in body for line in exc.raw.split("\n"))
        )
        return {"end": "JSONDeserializeError", "raw_kept": kept and bool(exc.raw)}
    except StreamError:
        return {"end": "StreamError"}
    except APIError as exc:
        return {"end": "APIError", "message": exc.message}
    except BaseException as exc:
        return {"end": "other", "error": repr(exc)[:2000]}
    return {"end": "ok", "types": sorted({type(item).__name__ for item in items})}


def check(case: dict[str, Any], ended: dict[str, Any]) -> None:
    """AssertionError unless the case ended as the rules allow (see the module docstring)."""
    where = (case["call"], [chunk[:300] for chunk in case["chunks"]][:3])
    assert ended["end"] in ("ok", "JSONDeserializeError", "StreamError", "APIError"), (ended, where)
    if ended["end"] == "JSONDeserializeError":
        assert ended["raw_kept"], where
    if ended["end"] == "APIError":  # only a mutation that made an error object gives one
        assert any('"error"' in text for text in case["sent"]) or b"event: error" in b"".join(
            case["chunks"]
        ), (ended, where)


def recorded_answers(
    example_events: Callable[[str, str], Sequence[tuple[str | None, str]]],
) -> list[dict[str, Any]]:
    """The recorded answers to mutate: the spec's example streams (what Prism sends) and
    bodies as OpenAI and the package's mock server send them."""
    chunk = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [
            {"index": 0, "delta": {"content": "Hi"}, "logprobs": None, "finish_reason": None}
        ],
    }
    finish = {**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    usage = {
        **chunk,
        "choices": [],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
    }
    chat_body = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": "Hi"}, "finish_reason": "stop"}
        ],
        "usage": usage["usage"],
    }
    response_body = json.loads(dict(example_events("POST", "/responses"))["response.completed"])[
        "response"
    ]
    return [
        {
            "call": "chat_stream",
            "events": [[None, json.dumps(c)] for c in (chunk, chunk, finish, usage)]
            + [[None, "[DONE]"]],
        },
        {
            "call": "chat_stream",
            "events": [list(e) for e in example_events("POST", "/chat/completions")],
        },
        {
            "call": "completions_stream",
            "events": [list(e) for e in example_events("POST", "/completions")],
        },
        {
            "call": "responses_stream",
            "events": [list(e) for e in example_events("POST", "/responses")],
        },
        {
            "call": "run_stream",
            "events": [list(e) for e in example_events("POST", "/threads/runs")],
        },
        {"call": "chat", "body": json.dumps(chat_body)},
        {
            "call": "models",
            "body": json.dumps(
                {
                    "object": "list",
                    "data": [{"id": "m", "object": "model", "created": 1, "owned_by": "o"}],
                }
            ),
        },
        {"call": "response", "body": json.dumps(response_body)},
    ]
