"""Chat streams as OpenAI sends them (chunk dicts), with the completion each adds up to, for
the accumulator's tests on CPython and, passed in as plain values, inside Pyodide.

Each stream follows the documented shapes: a role delta first, tool calls announced with their
id, type and name then their arguments in pieces, one choice per index (``n=2`` interleaves
them), ``finish_reason`` on a last delta, and with ``include_usage`` a final chunk with no
choices and the usage.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["SCENARIOS", "split_arguments", "sse_body"]

ARGUMENTS = '{"city": "Zürich", "days": 3, "units": null}'
USAGE = {"prompt_tokens": 9, "completion_tokens": 12, "total_tokens": 21}


def chunk(*choices: dict[str, Any], usage: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "gpt-4o-mini",
        "system_fingerprint": "fp_1",
        "choices": list(choices),
    }
    if usage is not None:
        body["usage"] = usage
    return body


def delta(
    index: int = 0, finish: str | None = None, logprobs: Any = None, **fields: Any
) -> dict[str, Any]:
    choice: dict[str, Any] = {"index": index, "delta": fields, "finish_reason": finish}
    if logprobs is not None:
        choice["logprobs"] = logprobs
    return choice


def completion(*choices: dict[str, Any], usage: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "gpt-4o-mini",
        "system_fingerprint": "fp_1",
        "choices": list(choices),
        "usage": usage,
    }


def split_arguments(arguments: str, at: int) -> list[dict[str, Any]]:
    """A tool call announced, then its arguments in two pieces cut at ``at``."""
    return [
        chunk(
            delta(
                tool_calls=[
                    {
                        "index": 0,
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "weather", "arguments": ""},
                    }
                ]
            )
        ),
        chunk(delta(tool_calls=[{"index": 0, "function": {"arguments": arguments[:at]}}])),
        chunk(delta(tool_calls=[{"index": 0, "function": {"arguments": arguments[at:]}}])),
        chunk(delta(finish="tool_calls")),
    ]


def _token(text: str) -> dict[str, Any]:
    return {"token": text, "logprob": -0.5, "bytes": list(text.encode()), "top_logprobs": []}


SCENARIOS: dict[str, dict[str, Any]] = {
    "text": {
        "chunks": [
            chunk(delta(role="assistant", content="", refusal=None)),
            chunk(delta(content="Hello")),
            chunk(delta(content=", wörld")),
            chunk(delta(content="!")),
            chunk(delta(finish="stop")),
            chunk(usage=USAGE),
        ],
        "completion": completion(
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Hello, wörld!"},
                "finish_reason": "stop",
            },
            usage=USAGE,
        ),
    },
    "tool_calls": {
        "chunks": [
            chunk(delta(role="assistant", content=None)),
            chunk(
                delta(
                    tool_calls=[
                        {
                            "index": 0,
                            "id": "call_a",
                            "type": "function",
                            "function": {"name": "weather", "arguments": ""},
                        }
                    ]
                )
            ),
            chunk(delta(tool_calls=[{"index": 0, "function": {"arguments": '{"city": "Zü'}}])),
            chunk(
                delta(
                    tool_calls=[
                        {"index": 0, "function": {"arguments": 'rich", "days": 3, "units": null}'}}
                    ]
                )
            ),
            chunk(
                delta(
                    tool_calls=[
                        {
                            "index": 1,
                            "id": "call_b",
                            "type": "function",
                            "function": {"name": "time", "arguments": ""},
                        }
                    ]
                )
            ),
            chunk(delta(tool_calls=[{"index": 1, "function": {"arguments": '{"tz": "CET"}'}}])),
            chunk(delta(finish="tool_calls")),
        ],
        "completion": completion(
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_a",
                            "type": "function",
                            "function": {"name": "weather", "arguments": ARGUMENTS},
                        },
                        {
                            "id": "call_b",
                            "type": "function",
                            "function": {"name": "time", "arguments": '{"tz": "CET"}'},
                        },
                    ],
                },
            },
        ),
    },
    "n2": {
        "chunks": [
            chunk(delta(0, role="assistant", content=""), delta(1, role="assistant", content="")),
            chunk(delta(0, content="Red")),
            chunk(delta(1, content="Blue")),
            chunk(delta(1, content=" sky")),
            chunk(delta(0, content=" sun")),
            chunk(delta(1, finish="length")),
            chunk(delta(0, finish="stop")),
        ],
        "completion": completion(
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Red sun"},
                "finish_reason": "stop",
            },
            {
                "index": 1,
                "message": {"role": "assistant", "content": "Blue sky"},
                "finish_reason": "length",
            },
        ),
    },
    "refusal": {
        "chunks": [
            chunk(delta(role="assistant", refusal="")),
            chunk(delta(refusal="I can't ")),
            chunk(delta(refusal="help with that.")),
            chunk(delta(finish="stop")),
        ],
        "completion": completion(
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "refusal": "I can't help with that.",
                },
            },
        ),
    },
    "logprobs": {
        "chunks": [
            chunk(delta(role="assistant", content="", logprobs={"content": [], "refusal": None})),
            chunk(delta(content="Hi", logprobs={"content": [_token("Hi")], "refusal": None})),
            chunk(
                delta(content=" there", logprobs={"content": [_token(" there")], "refusal": None})
            ),
            chunk(delta(finish="stop")),
        ],
        "completion": completion(
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "Hi there"},
                "logprobs": {"content": [_token("Hi"), _token(" there")], "refusal": None},
            },
        ),
    },
}


def sse_body(chunks: list[dict[str, Any]], done: bool = True) -> bytes:
    """The event stream that carries ``chunks``."""
    events = [f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in chunks]
    return ("".join(events) + ("data: [DONE]\n\n" if done else "")).encode()
