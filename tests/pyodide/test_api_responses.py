"""Every method of client.responses, called from Pyodide (Node and Chrome) over fetch against
Prism mocking OpenAI's spec: each answer parses into our types inside Pyodide; what was sent
comes back to the host, where each request is checked against the spec's schema for its
operation. And the realtime event types, used inside Pyodide as a page would use them with
the browser's WebSocket."""

import json

import pytest
from pytest_pyodide import run_in_pyodide

from support.spec import operations, validate_recorded
from support.streams import check_response_stream


@run_in_pyodide(packages=["async-openai-wasm"])
async def _every_method(selenium, prism_url):
    from async_openai_wasm import Client, FetchTransport, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.responses import (
        FunctionCallOutputItemParam,
        InputMessageResource,
        OutputMessage,
    )
    from async_openai_wasm.types.responses import Response as ModelResponse

    transport = RecordingTransport()
    assert isinstance(transport.inner, FetchTransport)
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    responses = client.responses

    response = await responses.create(
        model="gpt-4o",
        input=[
            {"role": "developer", "content": "Answer in one sentence."},
            {"role": "user", "content": "Weather in Paris?"},
            {"type": "function_call", "call_id": "call_1", "name": "weather", "arguments": "{}"},
            FunctionCallOutputItemParam(call_id="call_1", output='{"temp": 21}'),
        ],
        tools=[
            {"type": "function", "name": "weather", "parameters": {"type": "object"}},
            {"type": "web_search", "search_context_size": "low"},
            {"type": "file_search", "vector_store_ids": ["vs_1"]},
        ],
        text={"format": {"type": "json_schema", "name": "a", "schema": {"type": "object"}}},
        reasoning={"effort": "low"},
        include=["file_search_call.results"],
        store=False,
    )
    assert isinstance(response, ModelResponse) and isinstance(response.output[0], OutputMessage)
    assert response.output_text == "string"  # Prism fills every string with "string"

    stream = await responses.create_stream(model="gpt-4o", input="Hi")
    async with stream:
        events = [event async for event in stream]  # checked on the host

    retrieved = await responses.retrieve("resp_1", include=["message.output_text.logprobs"])
    assert isinstance(retrieved, ModelResponse)
    assert await responses.delete("resp_1") is None
    assert isinstance(await responses.cancel("resp_1"), ModelResponse)
    page = await responses.list_input_items("resp_1", limit=5, order="desc")
    assert page.data and isinstance(page.data[0], InputMessageResource)
    # Prism always says there is more: two pages show the cursor going out.
    pages = responses.list_input_items("resp_1").pages()
    first = await anext(pages)
    second = await anext(pages)
    await pages.aclose()
    assert second.data and first.last_id
    await client.aclose()
    return transport.requests, first.last_id, events


# Prism takes seconds to build each Response from the spec's large schema (about 5 s per
# POST /responses on a busy machine): more than the default script timeout for eight calls.
@pytest.mark.driver_timeout(240)
def test_every_method_against_prism(selenium, prism_url):
    requests, cursor, events = _every_method(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/responses"),
        ("POST", "/responses"),
        ("GET", "/responses/resp_1?include%5B%5D=message.output_text.logprobs"),
        ("DELETE", "/responses/resp_1"),
        ("POST", "/responses/resp_1/cancel"),
        ("GET", "/responses/resp_1/input_items?limit=5&order=desc"),
        ("GET", "/responses/resp_1/input_items"),
        ("GET", f"/responses/resp_1/input_items?after={cursor}"),
    ]
    stream_body = json.loads(requests[1].body)
    assert stream_body == {"model": "gpt-4o", "input": "Hi", "stream": True}
    check_response_stream(events)
    assert validate_recorded(requests, prism_url) == 8


@run_in_pyodide(packages=["async-openai-wasm"])
def _realtime_messages(selenium):
    from async_openai_wasm import JSONDeserializeError
    from async_openai_wasm.types.realtime import (
        RealtimeClientEventConversationItemCreate,
        RealtimeClientEventSessionUpdate,
        RealtimeServerEventResponseTextDelta,
        UnknownRealtimeServerEvent,
        parse_server_event,
    )

    update = RealtimeClientEventSessionUpdate(
        session={"type": "realtime", "instructions": "Be brief.", "output_modalities": ["text"]}
    ).to_message()
    item = RealtimeClientEventConversationItemCreate(
        item={
            "type": "message",
            "role": "user",
            "content": [{"type": "input_text", "text": "Ça va ?"}],
        }
    ).to_message()
    delta = parse_server_event(
        '{"type":"response.output_text.delta","event_id":"e1","response_id":"r","item_id":"i",'
        '"output_index":0,"content_index":0,"delta":"Très bien"}'
    )
    assert isinstance(delta, RealtimeServerEventResponseTextDelta)
    unknown = parse_server_event('{"type":"session.hologram","beam":1}')
    assert isinstance(unknown, UnknownRealtimeServerEvent)
    raw = None
    try:
        parse_server_event("{not json")
    except JSONDeserializeError as exc:
        raw = exc.raw
    return update, item, delta.delta, unknown.type, unknown.model_extra, raw


def test_realtime_events_to_and_from_websocket_messages(selenium):
    update, item, text, unknown_type, unknown_fields, raw = _realtime_messages(selenium)
    assert json.loads(update) == {
        "type": "session.update",
        "session": {"type": "realtime", "instructions": "Be brief.", "output_modalities": ["text"]},
    }
    assert json.loads(item)["item"]["content"] == [{"type": "input_text", "text": "Ça va ?"}]
    assert (text, unknown_type, unknown_fields, raw) == (
        "Très bien",
        "session.hologram",
        {"beam": 1},
        "{not json",
    )
