"""Every method of client.responses against Prism mocking OpenAI's spec, over httpx: each answer
parses into our types, and each request we sent validates against the spec's schema for its
operation (the realtime types have no HTTP operation: see test_realtime.py)."""

from __future__ import annotations

import json
from typing import Any

from async_openai_wasm import Client, RecordingTransport
from async_openai_wasm.types.responses import (
    CreateResponse,
    InputMessageResource,
    OutputMessage,
)
from async_openai_wasm.types.responses import Response as ModelResponse
from support.spec import operations, validate_request
from support.streams import check_response_stream

# A message with a list of inputs matches two schemas of the spec's InputItem oneOf
# (EasyInputMessage and InputMessage), which its discriminator cannot tell apart: Prism, which
# checks oneOf strictly, refuses it (422), so it is checked against the spec here only.
MULTIPART_MESSAGE: dict[str, Any] = {
    "type": "message",
    "role": "user",
    "content": [
        {"type": "input_text", "text": "What is in this image and this file?"},
        {"type": "input_image", "image_url": "https://example.com/a.png", "detail": "low"},
        {"type": "input_file", "file_id": "file-1", "detail": "high"},
    ],
}

# One of each other kind of input item and each tool the types model, as a caller writes them.
INPUT: list[dict[str, Any]] = [
    {"role": "developer", "content": "Answer in one sentence."},
    {
        "type": "message",
        "id": "msg_0",
        "role": "assistant",
        "status": "completed",
        "content": [{"type": "output_text", "text": "Earlier answer.", "annotations": []}],
    },
    {
        "type": "function_call",
        "id": "fc_1",
        "call_id": "call_1",
        "name": "get_weather",
        "arguments": '{"city": "Paris"}',
    },
    {"type": "function_call_output", "call_id": "call_1", "output": '{"temp": 21}'},
    {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "Hm."}]},
    {"type": "item_reference", "id": "msg_00"},
]

TOOLS: list[dict[str, Any]] = [
    {
        "type": "function",
        "name": "get_weather",
        "description": "Weather of a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        "strict": True,
    },
    {
        "type": "file_search",
        "vector_store_ids": ["vs_1"],
        "max_num_results": 5,
        "ranking_options": {"ranker": "auto", "score_threshold": 0.2},
        "filters": {"type": "eq", "key": "lang", "value": "en"},
    },
    {
        "type": "web_search",
        "search_context_size": "low",
        "user_location": {"type": "approximate", "city": "Paris", "country": "FR"},
    },
    {"type": "web_search_preview"},
    {
        "type": "computer_use_preview",
        "environment": "browser",
        "display_width": 1024,
        "display_height": 768,
    },
    {"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com"},
    {"type": "code_interpreter", "container": {"type": "auto", "file_ids": ["file-1"]}},
    {"type": "image_generation", "quality": "low", "size": "1024x1024"},
    {"type": "custom", "name": "run_sql", "format": {"type": "text"}},
]


async def test_create_with_every_kind_of_input_and_tool(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    response = await client.responses.create(
        model="gpt-4o",
        input=INPUT,
        instructions="Be brief.",
        tools=TOOLS,
        tool_choice={"type": "function", "name": "get_weather"},
        parallel_tool_calls=False,
        max_tool_calls=3,
        text={
            "format": {
                "type": "json_schema",
                "name": "answer",
                "schema": {"type": "object", "properties": {"a": {"type": "string"}}},
                "strict": True,
            },
            "verbosity": "low",
        },
        reasoning={"effort": "low", "summary": "auto"},
        include=["reasoning.encrypted_content", "file_search_call.results"],
        store=False,
        background=False,
        metadata={"k": "v"},
        max_output_tokens=256,
        temperature=0.5,
        top_p=0.9,
        top_logprobs=2,
        truncation="auto",
        service_tier="auto",
        safety_identifier="user-1",
        prompt_cache_key="k1",
        previous_response_id="resp_0",
    )
    assert isinstance(response, ModelResponse) and response.object == "response"
    assert isinstance(response.output[0], OutputMessage)
    assert response.output_text == "string"  # Prism fills every string with "string"
    await client.responses.create(
        prompt={"id": "pmpt_1", "version": "2", "variables": {"city": "Paris"}},
        conversation={"id": "conv_1"},
        input="Hi",
        tool_choice="required",
        text={"format": {"type": "json_object"}},
    )
    assert operations(transport.requests, prism_url) == [("POST", "/responses")] * 2


def test_a_message_with_a_list_of_inputs_validates_against_the_spec() -> None:
    body = CreateResponse(model="gpt-4o", input=[MULTIPART_MESSAGE]).to_wire()
    assert body["input"] == [MULTIPART_MESSAGE]
    validate_request("POST", "/responses", body)


async def test_create_stream(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    stream = await client.responses.create_stream(model="gpt-4o", input=INPUT[:2], tools=TOOLS[:1])
    async with stream:
        events = [event async for event in stream]
    check_response_stream(events)
    assert json.loads(transport.requests[0].body)["stream"] is True  # type: ignore[arg-type]
    assert operations(transport.requests, prism_url) == [("POST", "/responses")]


async def test_retrieve_delete_cancel_and_input_items(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    retrieved = await client.responses.retrieve("resp_1", include=["file_search_call.results"])
    assert isinstance(retrieved, ModelResponse) and retrieved.id
    assert await client.responses.delete("resp_1") is None
    cancelled = await client.responses.cancel("resp_1")
    assert isinstance(cancelled, ModelResponse)
    page = await client.responses.list_input_items("resp_1", limit=10, order="asc")
    assert page.data and isinstance(page.data[0], InputMessageResource)
    # Prism always says there is more: walk two pages to see the cursor go out.
    pages = client.responses.list_input_items("resp_1", after="msg_0").pages()
    first, second = [await anext(pages), await anext(pages)]
    await pages.aclose()
    assert first.has_more and second.data
    assert operations(transport.requests, prism_url) == [
        ("GET", "/responses/resp_1?include%5B%5D=file_search_call.results"),
        ("DELETE", "/responses/resp_1"),
        ("POST", "/responses/resp_1/cancel"),
        ("GET", "/responses/resp_1/input_items?limit=10&order=asc"),
        ("GET", "/responses/resp_1/input_items?after=msg_0"),
        ("GET", f"/responses/resp_1/input_items?after={first.last_id}"),
    ]
