"""client.responses over MockTransport: what goes over the wire, typed results and stream
events, items and events of unknown types kept, and bad input refused before sending."""

from __future__ import annotations

import json
from typing import Any

import pytest

from async_openai_wasm import (
    APIError,
    Client,
    InvalidArgumentError,
    JSONDeserializeError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm.types.responses import (
    CreateResponse,
    EasyInputMessage,
    FileSearchTool,
    FunctionCallOutputItemParam,
    FunctionTool,
    FunctionToolCall,
    FunctionToolCallOutputResource,
    IncludeEnum,
    InputImageContent,
    InputMessageResource,
    InputTextContent,
    OutputMessage,
    OutputTextContent,
    ReasoningItem,
    RefusalContent,
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseCreatedEvent,
    ResponseOutputItemAddedEvent,
    ResponseStatus,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
    TextResponseFormatJsonSchema,
    UnknownContent,
    UnknownItem,
    UnknownResponseStreamEvent,
    UnknownTool,
    WebSearchTool,
)
from support.lazy import first_use

BASE = "http://mock.test/v1"

MESSAGE = {
    "type": "message",
    "id": "msg_1",
    "status": "completed",
    "role": "assistant",
    "content": [
        {"type": "output_text", "text": "Silent circuits hum, ", "annotations": []},
        {"type": "output_text", "text": "digital dawn breaks.", "annotations": []},
    ],
}

RESPONSE: dict[str, Any] = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1741386163,
    "status": "completed",
    "error": None,
    "incomplete_details": None,
    "instructions": None,
    "model": "gpt-4o-2024-08-06",
    "output": [MESSAGE],
    "parallel_tool_calls": True,
    "previous_response_id": None,
    "reasoning": {"effort": None, "summary": None},
    "store": True,
    "temperature": 1.0,
    "text": {"format": {"type": "text"}},
    "tool_choice": "auto",
    "tools": [],
    "top_p": 1.0,
    "truncation": "disabled",
    "usage": {
        "input_tokens": 32,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": 18,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 50,
    },
    "metadata": {},
}


def client_with(transport: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base=BASE), transport=transport, max_retries=0)


def replying(body: Any, status: int = 200) -> MockTransport:
    return MockTransport(lambda request: Response.from_json(status, body))


def sent_json(request: Request) -> Any:
    assert isinstance(request.body, str)
    return json.loads(request.body)


def sse(*events: dict[str, Any]) -> bytes:
    """An event stream as OpenAI sends it: each event named after its type, no [DONE]."""
    return b"".join(
        f"event: {event['type']}\ndata: {json.dumps(event)}\n\n".encode() for event in events
    )


def streaming(*chunks: bytes) -> MockTransport:
    return MockTransport(
        lambda request: Response.from_chunks(
            200, list(chunks), {"content-type": "text/event-stream"}
        )
    )


# --- create -------------------------------------------------------------------------------------


async def test_create_posts_the_request_and_returns_the_typed_response() -> None:
    transport = replying(RESPONSE)
    response = await client_with(transport).responses.create(
        model="gpt-4o", input="Write a haiku", instructions="Be brief.", temperature=0.5
    )
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", f"{BASE}/responses")
    assert sent_json(request) == {
        "model": "gpt-4o",
        "input": "Write a haiku",
        "instructions": "Be brief.",
        "temperature": 0.5,
    }
    assert response.id == "resp_1"
    assert response.status == ResponseStatus.completed
    assert response.output_text == "Silent circuits hum, digital dawn breaks."
    assert response.usage is not None and response.usage.total_tokens == 50
    message = response.output[0]
    assert isinstance(message, OutputMessage)
    assert isinstance(message.content[0], OutputTextContent)


async def test_output_text_skips_refusals_and_items_other_than_messages() -> None:
    output = [
        {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "x"}]},
        {**MESSAGE, "content": [{"type": "refusal", "refusal": "No."}]},
        {**MESSAGE, "id": "msg_2", "content": [{"type": "output_text", "text": "Yes."}]},
    ]
    response = await client_with(replying({**RESPONSE, "output": output})).responses.create(
        model="m", input="q"
    )
    assert [type(item) for item in response.output] == [ReasoningItem, OutputMessage, OutputMessage]
    first_message = response.output[1]
    assert isinstance(first_message, OutputMessage)
    assert isinstance(first_message.content[0], RefusalContent)
    assert response.output_text == "Yes."


async def test_create_sends_typed_items_tools_and_settings() -> None:
    transport = replying(RESPONSE)
    request = CreateResponse(
        model="gpt-4o",
        input=[
            EasyInputMessage(
                role="user",
                content=[
                    InputTextContent(text="What is in this image?"),
                    InputImageContent(image_url="https://example.com/a.png"),
                ],
            ),
            FunctionCallOutputItemParam(call_id="call_1", output='{"temp": 21}'),
        ],
        tools=[
            FunctionTool(name="get_weather", parameters={"type": "object"}),
            FileSearchTool(vector_store_ids=["vs_1"], max_num_results=5),
            WebSearchTool(),
        ],
        tool_choice={"type": "function", "name": "get_weather"},
        text={"format": TextResponseFormatJsonSchema(name="answer", schema={"type": "object"})},
        reasoning={"effort": "low", "summary": "auto"},
        include=[IncludeEnum.reasoning_encrypted_content],
        store=False,
        previous_response_id="resp_0",
        metadata={"k": "v"},
    )
    await client_with(transport).responses.create(request)
    assert sent_json(transport.requests[0]) == {
        "model": "gpt-4o",
        "input": [
            {
                "type": "message",
                "role": "user",
                "content": [
                    {"type": "input_text", "text": "What is in this image?"},
                    {
                        "type": "input_image",
                        "image_url": "https://example.com/a.png",
                        "detail": "auto",
                    },
                ],
            },
            {"type": "function_call_output", "call_id": "call_1", "output": '{"temp": 21}'},
        ],
        "tools": [
            # The spec requires parameters and strict (nullable): strict goes as null.
            {
                "type": "function",
                "name": "get_weather",
                "parameters": {"type": "object"},
                "strict": None,
            },
            {"type": "file_search", "vector_store_ids": ["vs_1"], "max_num_results": 5},
            {"type": "web_search"},
        ],
        "tool_choice": {"type": "function", "name": "get_weather"},
        "text": {"format": {"type": "json_schema", "name": "answer", "schema": {"type": "object"}}},
        "reasoning": {"effort": "low", "summary": "auto"},
        "include": ["reasoning.encrypted_content"],
        "store": False,
        "previous_response_id": "resp_0",
        "metadata": {"k": "v"},
    }


async def test_dict_inputs_are_typed_by_type_and_by_shape() -> None:
    request = CreateResponse.model_validate(
        {
            "input": [
                {"role": "developer", "content": "Be brief."},
                {"type": "message", "role": "user", "status": "completed", "content": []},
                {"id": "msg_0"},
                MESSAGE,
                {"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}"},
            ]
        }
    )
    assert isinstance(request.input, list)
    assert [type(item).__name__ for item in request.input] == [
        "EasyInputMessage",
        "InputMessage",
        "ItemReferenceParam",
        "OutputMessage",
        "FunctionToolCall",
    ]
    assert request.to_wire()["input"][2] == {"type": "item_reference", "id": "msg_0"}


async def test_output_of_a_response_goes_back_as_input_unchanged() -> None:
    output = [
        {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "gAAA"},
        {
            "type": "function_call",
            "id": "fc_1",
            "call_id": "call_1",
            "name": "f",
            "arguments": "{}",
        },
        {"type": "shell_call", "id": "sh_1", "call_id": "call_2", "action": {"commands": ["ls"]}},
    ]
    first = await client_with(replying({**RESPONSE, "output": output})).responses.create(
        model="m", input="q"
    )
    assert isinstance(first.output[1], FunctionToolCall)
    assert isinstance(first.output[2], UnknownItem)
    transport = replying(RESPONSE)
    await client_with(transport).responses.create(
        model="m",
        input=[*first.output, FunctionCallOutputItemParam(call_id="call_1", output="ok")],
    )
    assert sent_json(transport.requests[0])["input"] == [
        *output,
        {"type": "function_call_output", "call_id": "call_1", "output": "ok"},
    ]


async def test_unknown_tool_types_are_sent_as_given() -> None:
    transport = replying(RESPONSE)
    await client_with(transport).responses.create(
        model="m", input="q", tools=[{"type": "shell", "environment": {"type": "local"}}]
    )
    assert sent_json(transport.requests[0])["tools"] == [
        {"type": "shell", "environment": {"type": "local"}}
    ]
    request = CreateResponse(tools=[{"type": "apply_patch"}])
    assert request.tools is not None and isinstance(request.tools[0], UnknownTool)


async def test_unknown_output_items_and_parts_are_kept_with_their_fields() -> None:
    output = [
        {"type": "compaction", "id": "cmp_1", "encrypted_content": "zz"},
        {**MESSAGE, "content": [{"type": "output_audio", "data": "AAA"}]},
    ]
    response = await client_with(replying({**RESPONSE, "output": output})).responses.create(
        model="m", input="q"
    )
    item = response.output[0]
    assert isinstance(item, UnknownItem)
    assert (item.type, item.model_extra) == (
        "compaction",
        {"id": "cmp_1", "encrypted_content": "zz"},
    )
    message = response.output[1]
    assert isinstance(message, OutputMessage) and isinstance(message.content[0], UnknownContent)
    assert message.content[0].model_extra == {"data": "AAA"}


async def test_echoed_settings_a_server_extends_are_kept_as_json() -> None:
    tools = [
        {"type": "function", "name": "f", "parameters": None, "strict": True},
        {"type": "function", "name": "g", "parameters": None, "strict": True, "new": 1},
    ]
    body = {**RESPONSE, "tools": tools, "reasoning": {"effort": "extreme"}, "status": "paused"}
    response = await client_with(replying(body)).responses.create(model="m", input="q")
    assert isinstance(response.tools[0], FunctionTool)
    assert response.tools[1] == tools[1]
    assert response.reasoning == {"effort": "extreme"}
    assert response.status == "paused"


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"model": "m", "input": "q", "temprature": 1}, "temprature"),
        ({"model": "m", "input": "q", "temperature": 3}, "temperature"),
        ({"model": "m", "input": "q", "max_output_tokens": 8}, "max_output_tokens"),
        ({"model": "m", "input": [{"type": "function_call_output", "output": "x"}]}, "call_id"),
        ({"model": "m", "input": [{"role": "robot", "content": "x"}]}, "role"),
        ({"model": "m", "tools": [{"type": "function"}]}, "name"),
        ({"model": "m", "tools": [{"type": "web_search", "domains": []}]}, "domains"),
        ({"model": "m", "include": ["everything"]}, "include"),
        ({"model": "m", "reasoning": {"effort": "huge"}}, "effort"),
    ],
)
async def test_bad_input_is_refused_naming_the_field(fields: dict[str, Any], named: str) -> None:
    transport = replying(RESPONSE)
    with pytest.raises(InvalidArgumentError, match=named):
        await client_with(transport).responses.create(**fields)
    assert transport.requests == []


@pytest.mark.parametrize(
    ("call", "stream", "advice"),
    [("create", True, "create_stream"), ("create_stream", False, r"responses\.create\(")],
)
async def test_stream_flag_must_match_the_method(call: str, stream: bool, advice: str) -> None:
    transport = replying(RESPONSE)
    with pytest.raises(InvalidArgumentError, match=advice):
        await getattr(client_with(transport).responses, call)(model="m", input="q", stream=stream)
    assert transport.requests == []


# --- create_stream ------------------------------------------------------------------------------

CREATED = {"type": "response.created", "sequence_number": 0, "response": {**RESPONSE, "output": []}}
ADDED = {
    "type": "response.output_item.added",
    "sequence_number": 1,
    "output_index": 0,
    "item": {**MESSAGE, "status": "in_progress", "content": []},
}
PART = {
    "type": "response.content_part.added",
    "sequence_number": 2,
    "item_id": "msg_1",
    "output_index": 0,
    "content_index": 0,
    "part": {"type": "output_text", "text": "", "annotations": []},
}


def delta(text: str, n: int) -> dict[str, Any]:
    return {
        "type": "response.output_text.delta",
        "sequence_number": n,
        "item_id": "msg_1",
        "output_index": 0,
        "content_index": 0,
        "delta": text,
        "logprobs": [],
    }


TEXT_DONE = {
    "type": "response.output_text.done",
    "sequence_number": 5,
    "item_id": "msg_1",
    "output_index": 0,
    "content_index": 0,
    "text": "Hi there",
    "logprobs": [],
}
COMPLETED = {"type": "response.completed", "sequence_number": 6, "response": RESPONSE}


async def test_create_stream_yields_typed_events_until_the_body_ends() -> None:
    body = sse(CREATED, ADDED, PART, delta("Hi", 3), delta(" there", 4), TEXT_DONE, COMPLETED)
    # Split mid-event, as a network does: events do not depend on the chunking.
    transport = streaming(body[:100], body[100:])
    stream = await client_with(transport).responses.create_stream(model="m", input="Hi")
    async with stream:
        events = [event async for event in stream]
    assert [type(event) for event in events] == [
        ResponseCreatedEvent,
        ResponseOutputItemAddedEvent,
        ResponseContentPartAddedEvent,
        ResponseTextDeltaEvent,
        ResponseTextDeltaEvent,
        ResponseTextDoneEvent,
        ResponseCompletedEvent,
    ]
    text = "".join(e.delta for e in events if isinstance(e, ResponseTextDeltaEvent))
    assert text == "Hi there"
    completed = events[-1]
    assert isinstance(completed, ResponseCompletedEvent)
    assert completed.response.output_text == "Silent circuits hum, digital dawn breaks."
    added = events[1]
    assert isinstance(added, ResponseOutputItemAddedEvent)
    assert isinstance(added.item, OutputMessage)
    (request,) = transport.requests
    assert request.headers["Accept"] == "text/event-stream"
    assert sent_json(request) == {"model": "m", "input": "Hi", "stream": True}


async def test_unknown_stream_events_are_kept_with_their_fields() -> None:
    new_event = {"type": "response.hologram.delta", "sequence_number": 1, "delta": "~"}
    transport = streaming(sse(CREATED, new_event, COMPLETED))
    stream = await client_with(transport).responses.create_stream(model="m", input="Hi")
    events = [event async for event in stream]
    unknown = events[1]
    assert isinstance(unknown, UnknownResponseStreamEvent)
    assert (unknown.type, unknown.sequence_number, unknown.model_extra) == (
        "response.hologram.delta",
        1,
        {"delta": "~"},
    )
    assert isinstance(events[2], ResponseCompletedEvent)


@pytest.mark.parametrize(
    "error_event",
    [
        # What OpenAI sends: the error object nested.
        {
            "type": "error",
            "sequence_number": 2,
            "error": {
                "type": "insufficient_quota",
                "code": "credit_balance_exhausted",
                "message": "You have no credits remaining.",
                "param": None,
            },
        },
        # What the spec describes: the fields at the top level.
        {
            "type": "error",
            "sequence_number": 2,
            "code": "credit_balance_exhausted",
            "message": "You have no credits remaining.",
            "param": None,
        },
        # No event type at all, as some OpenAI-compatible servers send.
        {
            "error": {
                "code": "credit_balance_exhausted",
                "message": "You have no credits remaining.",
            }
        },
    ],
)
async def test_an_error_event_raises_api_error_after_the_events_before_it(
    error_event: dict[str, Any],
) -> None:
    body = sse(CREATED, delta("Hi", 1)) + f"data: {json.dumps(error_event)}\n\n".encode()
    stream = await client_with(streaming(body)).responses.create_stream(model="m", input="Hi")
    received = []
    with pytest.raises(APIError, match="no credits remaining") as caught:
        async for event in stream:
            received.append(event)
    assert [type(e) for e in received] == [ResponseCreatedEvent, ResponseTextDeltaEvent]
    assert caught.value.code == "credit_balance_exhausted"
    assert caught.value.status_code is None


async def test_a_malformed_event_raises_json_deserialize_error_with_the_raw_text() -> None:
    broken = {"type": "response.output_text.delta", "sequence_number": 1, "item_id": "msg_1"}
    body = sse(CREATED) + f"data: {json.dumps(broken)}\n\n".encode()
    stream = await client_with(streaming(body)).responses.create_stream(model="m", input="Hi")
    with pytest.raises(JSONDeserializeError, match="delta") as caught:
        async for _ in stream:
            pass
    assert caught.value.raw == json.dumps(broken)


async def test_an_http_error_raises_at_create_stream() -> None:
    error = {"error": {"message": "Invalid model", "type": "invalid_request_error", "code": None}}
    transport = replying(error, status=400)
    with pytest.raises(APIError, match="Invalid model") as caught:
        await client_with(transport).responses.create_stream(model="nope", input="Hi")
    assert caught.value.status_code == 400


# --- retrieve, delete, cancel -------------------------------------------------------------------


async def test_retrieve_gets_the_response_with_include_as_repeated_array_params() -> None:
    transport = replying(RESPONSE)
    response = await client_with(transport).responses.retrieve(
        "resp_1",
        include=[IncludeEnum.file_search_call_results, "message.output_text.logprobs"],
    )
    assert response.id == "resp_1"
    (request,) = transport.requests
    assert request.method == "GET"
    assert request.url == (
        f"{BASE}/responses/resp_1?include%5B%5D=file_search_call.results"
        "&include%5B%5D=message.output_text.logprobs"
    )
    assert request.body is None


async def test_retrieve_without_include_sends_no_query() -> None:
    transport = replying(RESPONSE)
    await client_with(transport).responses.retrieve("resp_1")
    assert transport.requests[0].url == f"{BASE}/responses/resp_1"


async def test_delete_sends_delete_and_accepts_any_body() -> None:
    for body in ({"id": "resp_1", "object": "response", "deleted": True}, None):
        transport = MockTransport(
            lambda r, body=body: Response.from_chunks(
                200, [json.dumps(body).encode()] if body else []
            )
        )
        assert await client_with(transport).responses.delete("resp_1") is None
        (request,) = transport.requests
        assert (request.method, request.url) == ("DELETE", f"{BASE}/responses/resp_1")


async def test_cancel_posts_to_cancel_and_returns_the_response() -> None:
    transport = replying({**RESPONSE, "status": "cancelled", "background": True})
    response = await client_with(transport).responses.cancel("resp_1")
    assert response.status == ResponseStatus.cancelled and response.background is True
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", f"{BASE}/responses/resp_1/cancel")


async def test_ids_are_quoted_and_an_empty_id_is_refused() -> None:
    transport = replying(RESPONSE)
    responses = client_with(transport).responses
    await responses.retrieve("a/b?c")
    assert transport.requests[0].url == f"{BASE}/responses/a%2Fb%3Fc"
    for call in (responses.retrieve, responses.delete, responses.cancel):
        with pytest.raises(InvalidArgumentError, match="response_id"):
            await call("")
    with pytest.raises(InvalidArgumentError, match="response_id"):
        responses.list_input_items("")
    assert len(transport.requests) == 1


async def test_a_bad_include_value_is_refused() -> None:
    transport = replying(RESPONSE)
    with pytest.raises(InvalidArgumentError, match="include"):
        await client_with(transport).responses.retrieve("resp_1", include=["everything"])
    assert transport.requests == []


# --- list_input_items ---------------------------------------------------------------------------

USER_MESSAGE = {
    "type": "message",
    "id": "msg_u",
    "role": "user",
    "status": "completed",
    "content": [{"type": "input_text", "text": "Hi"}],
}
CALL_OUTPUT = {
    "type": "function_call_output",
    "id": "fco_1",
    "call_id": "call_1",
    "output": "21",
    "status": "completed",
}


async def test_list_input_items_pages_with_after_cursors_and_types_each_item() -> None:
    pages = [
        {
            "object": "list",
            "data": [USER_MESSAGE, MESSAGE],
            "first_id": "msg_u",
            "last_id": "msg_1",
            "has_more": True,
        },
        {
            "object": "list",
            "data": [CALL_OUTPUT, {"type": "tool_search_call", "id": "ts_1"}],
            "first_id": "fco_1",
            "last_id": "ts_1",
            "has_more": False,
        },
    ]
    transport = MockTransport(lambda r: Response.from_json(200, pages[len(transport.requests) - 1]))
    items = client_with(transport).responses.list_input_items(
        "resp_1", limit=2, order="asc", include=[IncludeEnum.message_input_image_image_url]
    )
    collected = [item async for item in items]
    assert [type(item) for item in collected] == [
        InputMessageResource,
        OutputMessage,
        FunctionToolCallOutputResource,
        UnknownItem,
    ]
    first = collected[0]
    assert isinstance(first, InputMessageResource)
    assert first.role == "user" and first.content[0] == InputTextContent(text="Hi")
    query = "include%5B%5D=message.input_image.image_url&limit=2&order=asc"
    assert [r.url for r in transport.requests] == [
        f"{BASE}/responses/resp_1/input_items?{query}",
        f"{BASE}/responses/resp_1/input_items?{query}&after=msg_1",
    ]


async def test_list_input_items_awaited_is_the_first_page() -> None:
    page_body = {"object": "list", "data": [USER_MESSAGE], "has_more": False}
    page = await client_with(replying(page_body)).responses.list_input_items("resp_1")
    assert len(page.data) == 1 and page.has_more is False


async def test_list_input_items_refuses_an_out_of_range_limit() -> None:
    with pytest.raises(InvalidArgumentError, match="limit"):
        client_with(replying({})).responses.list_input_items("resp_1", limit=101)


# --- packaging ----------------------------------------------------------------------------------


def test_the_group_and_its_types_load_only_when_used() -> None:
    loaded = first_use("responses")
    assert "async_openai_wasm.types.responses" not in loaded.before
    assert "responses" in loaded.types
    assert "realtime" not in loaded.types


def test_stream_events_decode_the_same_whatever_the_order_of_their_keys() -> None:
    """Events whose first key is their type take a shorter path to their model: it must give
    what the tagged union gives, and events that cannot take it still decode through it."""
    from pydantic import TypeAdapter

    from async_openai_wasm._decode import tagged_validator
    from async_openai_wasm.types.responses import ResponseStreamEvent, ResponseTextDeltaEvent

    delta = {
        "type": "response.output_text.delta",
        "item_id": "msg_1",
        "output_index": 0,
        "content_index": 0,
        "delta": "Hi",
        "sequence_number": 3,
        "logprobs": [],
    }
    type_last = {key: value for key, value in delta.items() if key != "type"} | {
        "type": "response.output_text.delta"
    }
    unknown = {"type": "response.something_new", "sequence_number": 4, "extra": [1]}
    validate = tagged_validator(ResponseStreamEvent)
    union = TypeAdapter(ResponseStreamEvent)
    for event in (delta, type_last, unknown):
        for text in (json.dumps(event), json.dumps(event, separators=(",", ":"))):
            assert validate(text) == union.validate_json(text)
    assert isinstance(validate(json.dumps(delta)), ResponseTextDeltaEvent)
    assert isinstance(validate(json.dumps(type_last)), ResponseTextDeltaEvent)
    assert isinstance(validate(json.dumps(unknown)), UnknownResponseStreamEvent)
    with pytest.raises(ValueError, match="delta"):
        validate(json.dumps({**delta, "delta": 5}))
