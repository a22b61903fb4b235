"""client.completions (legacy) over MockTransport: create, create_stream, bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from async_openai_wasm import Client, InvalidArgumentError, MockTransport, OpenAIConfig, Response
from async_openai_wasm.types.completions import (
    CompletionFinishReason,
    CreateCompletionRequest,
    CreateCompletionResponse,
)

COMPLETION = {
    "id": "cmpl-1",
    "object": "text_completion",
    "created": 1700000000,
    "model": "gpt-3.5-turbo-instruct",
    "choices": [
        {
            "text": " world",
            "index": 0,
            "logprobs": {
                "tokens": [" world"],
                "token_logprobs": [-0.25],
                "top_logprobs": [{" world": -0.25, " there": -1.5}],
                "text_offset": [5],
            },
            "finish_reason": "length",
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


def client_with(transport: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"), transport=transport)


def sse(*events: dict[str, Any]) -> bytes:
    return b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in events) + b"data: [DONE]\n\n"


async def test_create_posts_the_request_and_returns_the_typed_completion() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, COMPLETION))
    completion = await client_with(transport).completions.create(
        model="gpt-3.5-turbo-instruct", prompt="Hello", max_tokens=1, logprobs=2, stop=["\n"]
    )
    assert isinstance(completion, CreateCompletionResponse)
    choice = completion.choices[0]
    assert choice.text == " world"
    assert choice.finish_reason is CompletionFinishReason.length
    assert choice.logprobs is not None and choice.logprobs.token_logprobs == [-0.25]
    assert completion.usage is not None and completion.usage.total_tokens == 2
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/completions")
    assert json.loads(request.body) == {  # type: ignore[arg-type]
        "model": "gpt-3.5-turbo-instruct",
        "prompt": "Hello",
        "max_tokens": 1,
        "logprobs": 2,
        "stop": ["\n"],
    }


async def test_prompts_may_be_token_ids_of_any_size() -> None:
    # o200k-style ids are above the Rust crate's u16 range.
    transport = MockTransport(lambda r: Response.from_json(200, COMPLETION))
    request = CreateCompletionRequest(model="m", prompt=[[9906, 200000], [1]])
    await client_with(transport).completions.create(request)
    assert json.loads(transport.requests[0].body)["prompt"] == [[9906, 200000], [1]]  # type: ignore[arg-type]


async def test_unknown_finish_reasons_and_fields_are_kept() -> None:
    answer = {**COMPLETION, "choices": [{"text": "", "index": 0, "finish_reason": "eos"}]}
    answer["created"] = None
    answer["kv_transfer_params"] = {"x": 1}  # a vLLM addition
    transport = MockTransport(lambda r: Response.from_json(200, answer))
    completion = await client_with(transport).completions.create(model="m", prompt="x")
    assert completion.choices[0].finish_reason == "eos"
    assert completion.created is None
    assert completion.model_extra == {"kv_transfer_params": {"x": 1}}


async def test_create_stream_sends_stream_true_and_yields_typed_chunks() -> None:
    chunk = {**COMPLETION, "choices": [{"text": " wor", "index": 0, "finish_reason": None}]}
    last = {**COMPLETION, "choices": [{"text": "ld", "index": 0, "finish_reason": "stop"}]}
    usage = {**COMPLETION, "choices": [], "usage": {"prompt_tokens": 1, "total_tokens": 3}}
    transport = MockTransport(lambda r: Response.from_chunks(200, [sse(chunk, last, usage)]))
    stream = await client_with(transport).completions.create_stream(
        model="m", prompt="Hello", stream_options={"include_usage": True}
    )
    async with stream:
        chunks = [c async for c in stream]
    assert "".join(c.choices[0].text for c in chunks if c.choices) == " world"
    assert chunks[1].choices[0].finish_reason is CompletionFinishReason.stop
    assert chunks[2].choices == [] and chunks[2].usage is not None
    assert chunks[2].usage.total_tokens == 3
    request = transport.requests[0]
    assert request.headers["Accept"] == "text/event-stream"
    assert json.loads(request.body) == {  # type: ignore[arg-type]
        "model": "m",
        "prompt": "Hello",
        "stream": True,
        "stream_options": {"include_usage": True},
    }


@pytest.mark.parametrize(
    ("call", "fields", "message"),
    [
        ("create", {"stream": True}, r"completions\.create_stream"),
        ("create_stream", {"stream": False}, r"completions\.create\("),
        ("create", {"temperature": 2.5}, "temperature"),
        ("create", {"logprobs": 6}, "logprobs"),
        ("create", {"best_of": 21}, "best_of"),
        ("create", {"prompt": [-1]}, "prompt"),
        ("create", {"logit_bias": {"50256": -101}}, "logit_bias"),
        ("create", {"max_token": 5}, "max_token"),
    ],
)
async def test_bad_calls_are_refused_before_sending(
    call: str, fields: dict[str, Any], message: str
) -> None:
    transport = MockTransport(lambda r: Response.from_json(200, COMPLETION))
    method = getattr(client_with(transport).completions, call)
    with pytest.raises(InvalidArgumentError, match=message):
        await method(**{"model": "m", "prompt": "x", **fields})
    assert transport.requests == []
