"""client.chat over MockTransport, and end to end over httpx against the mock server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest

from async_openai_wasm import (
    APIError,
    BadRequestError,
    Client,
    InvalidArgumentError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
    StreamError,
)
from async_openai_wasm.testing import MockServer
from async_openai_wasm.types.chat import (
    ChatCompletionRequestUserMessage,
    CreateChatCompletionRequest,
    FinishReason,
)

MESSAGES = [{"role": "user", "content": "Hi"}]

COMPLETION = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "gpt-4o-mini",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hello!"},
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
}


def client_with(handler: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"), transport=handler)


async def test_create_posts_the_request_and_returns_the_typed_response() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, COMPLETION))
    resp = await client_with(transport).chat.create(
        model="gpt-4o-mini", messages=MESSAGES, temperature=0.2
    )
    assert resp.choices[0].message.content == "Hello!"
    assert resp.choices[0].finish_reason == FinishReason.stop
    assert resp.usage is not None and resp.usage.total_tokens == 5
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/chat/completions")
    assert json.loads(request.body) == {  # type: ignore[arg-type]
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "Hi"}],
        "temperature": 0.2,
    }


async def test_create_takes_a_request_object() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, COMPLETION))
    request = CreateChatCompletionRequest(
        model="m", messages=[ChatCompletionRequestUserMessage(content="Hi")]
    )
    await client_with(transport).chat.create(request)
    assert json.loads(transport.requests[0].body)["messages"] == MESSAGES  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "fields", "message"),
    [
        ("create", {"stream": True}, "create_stream"),
        ("create_stream", {"stream": False}, r"chat\.create\("),
        ("create", {"temperature": 3}, "temperature"),
        ("create", {"temprature": 1}, "temprature"),
        ("create", {"messages": []}, "messages"),
        ("create", {"messages": [{"role": "wizard", "content": "x"}]}, "wizard"),
    ],
)
async def test_bad_calls_are_refused_before_sending(
    call: str, fields: dict[str, object], message: str
) -> None:
    transport = MockTransport(lambda r: Response.from_json(200, COMPLETION))
    method = getattr(client_with(transport).chat, call)
    with pytest.raises(InvalidArgumentError, match=message):
        await method(**{"model": "m", "messages": MESSAGES, **fields})
    assert transport.requests == []


async def test_request_object_and_fields_together_are_refused() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, COMPLETION))
    request = CreateChatCompletionRequest(model="m", messages=MESSAGES)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="not both"):
        await client_with(transport).chat.create(request, temperature=1)


async def test_create_stream_sets_stream_and_merges_extra_params() -> None:
    def handler(request: Request) -> Response:
        chunk = {"id": "c", "model": "m", "choices": [{"index": 0, "delta": {"content": "x"}}]}
        return Response.from_chunks(
            200, [f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()]
        )

    transport = MockTransport(handler)
    stream = await client_with(transport).chat.create_stream(
        model="m", messages=MESSAGES, extra_params={"top_k": 5}
    )
    assert [c.choices[0].delta.content async for c in stream] == ["x"]
    body = json.loads(transport.requests[0].body)  # type: ignore[arg-type]
    assert body["stream"] is True
    assert body["top_k"] == 5
    assert "extra_params" not in body
    assert transport.requests[0].headers["Accept"] == "text/event-stream"


# -- end to end against the mock server, over httpx ---------------------------------------------


@pytest.fixture
async def server() -> AsyncIterator[MockServer]:
    async with MockServer(chunks=8) as server:
        yield server


@pytest.fixture
async def client(server: MockServer) -> AsyncIterator[Client]:
    async with Client(OpenAIConfig(api_key="sk-e2e-secret", api_base=server.base_url)) as client:
        yield client


async def test_e2e_create(client: Client, server: MockServer) -> None:
    resp = await client.chat.create(model="gpt-4o-mini", messages=MESSAGES)
    assert resp.choices[0].message.content is not None
    assert resp.choices[0].message.content.startswith("You said: Hi.")
    assert server.requests[0].headers["authorization"] != "Bearer sk-e2e-secret"


async def test_e2e_stream_chunks_in_order_with_usage(client: Client) -> None:
    stream = await client.chat.create_stream(
        model="gpt-4o-mini",
        messages=MESSAGES,
        stream_options={"include_usage": True},
        extra_params={"mock": {"chunks": 30}},
    )
    async with stream:
        chunks = [chunk async for chunk in stream]
    deltas = [
        c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content
    ]
    assert len(deltas) == 30
    assert "".join(deltas).startswith("You said: Hi.")
    assert chunks[-1].usage is not None and chunks[-1].choices == []
    assert stream.request_id is not None and stream.request_id.startswith("req_")


async def test_e2e_http_error_raises_at_create_stream(client: Client) -> None:
    error = {"status": 400, "message": "model not found", "code": "model_not_found"}
    with pytest.raises(BadRequestError, match="model not found") as info:
        await client.chat.create_stream(
            model="nope", messages=MESSAGES, extra_params={"mock": {"error": error}}
        )
    assert info.value.code == "model_not_found"


async def test_e2e_closing_early_is_seen_by_the_server(client: Client, server: MockServer) -> None:
    stream = await client.chat.create_stream(
        model="m", messages=MESSAGES, extra_params={"mock": {"chunks": 200, "delay_ms": 20}}
    )
    async with stream:
        async for _ in stream:
            break
    record = await server.wait_for(lambda: server.last("/v1/chat/completions"))
    await server.wait_for(lambda: record.disconnected, timeout=3)
    assert not record.completed
    assert record.chunks_sent < 200


async def test_e2e_cancelling_the_task_is_seen_by_the_server(
    client: Client, server: MockServer
) -> None:
    async def consume() -> None:
        stream = await client.chat.create_stream(
            model="m", messages=MESSAGES, extra_params={"mock": {"chunks": 200, "delay_ms": 20}}
        )
        async with stream:
            async for _ in stream:
                pass

    task = asyncio.create_task(consume())
    record = await server.wait_for(lambda: server.last("/v1/chat/completions"))
    await server.wait_for(lambda: record.chunks_sent >= 2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await server.wait_for(lambda: record.disconnected, timeout=3)


async def test_e2e_dropped_stream_keeps_received_chunks(client: Client) -> None:
    received = []
    stream = await client.chat.create_stream(
        model="m", messages=MESSAGES, extra_params={"mock": {"chunks": 10, "drop_after": 4}}
    )
    with pytest.raises(StreamError):
        async for chunk in stream:
            received.append(chunk)
    contents = [c.choices[0].delta.content for c in received if c.choices]
    assert len([c for c in contents if c]) == 4


async def test_e2e_error_event_in_stream(client: Client) -> None:
    stream = await client.chat.create_stream(
        model="m", messages=MESSAGES, extra_params={"mock": {"error_event_after": 2}}
    )
    with pytest.raises(APIError):
        async for _ in stream:
            pass
