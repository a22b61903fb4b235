"""The groups a browser app uses beyond chat: conversations, realtime and webhooks load on
first use with their own types only; the realtime event types cover every event the spec
names; conversation items and realtime keys parse into their types; bad calls are refused
before anything is sent."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import TypeAdapter

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm.types import realtime
from async_openai_wasm.types.realtime import (
    RealtimeClientEvent,
    RealtimeCreateClientSecretResponse,
    RealtimeTranscriptionSessionCreateResponseGA,
    UnknownRealtimeServerEvent,
    parse_server_event,
)
from async_openai_wasm.types.responses import FunctionToolCall, InputMessageResource, UnknownItem
from support.lazy import first_use
from support.spec import TRIMMED_SPEC, trim_script

BASE = "http://mock.test/v1"


def client_answering(body: Any) -> tuple[Client, MockTransport]:
    transport = MockTransport(lambda request: Response.from_json(200, body))
    return Client(OpenAIConfig(api_key="sk-x", api_base=BASE), transport=transport), transport


@pytest.mark.parametrize(
    ("group", "own_types"),
    [
        # The Responses types hold the item and tool unions (which reuse chat and
        # vector store types).
        ("conversations", {"conversations", "responses", "chat", "vector_stores"}),
        ("realtime", {"realtime", "responses", "chat", "vector_stores"}),
        ("webhooks", {"webhooks"}),
    ],
)
def test_each_group_loads_on_first_use_with_its_own_types(group: str, own_types: set[str]) -> None:
    loaded = first_use(group)
    assert loaded.module not in loaded.before and loaded.module in loaded.after
    assert loaded.types == own_types


def _union_members(schemas: dict[str, Any], name: str) -> list[str]:
    return [member["$ref"].rsplit("/", 1)[-1] for member in schemas[name]["anyOf"]]


def test_every_realtime_event_of_the_spec_has_its_type() -> None:
    schemas = json.loads(TRIMMED_SPEC.read_text(encoding="utf-8"))["components"]["schemas"]
    sampler = trim_script().Sampler(schemas)
    server = _union_members(schemas, "RealtimeServerEvent")
    client = _union_members(schemas, "RealtimeClientEvent")
    assert len(server) > 40 and len(client) > 10
    for name in server:
        event = parse_server_event(
            json.dumps(sampler.sample({"$ref": f"#/components/schemas/{name}"}))
        )
        assert not isinstance(event, UnknownRealtimeServerEvent), name
        assert type(event) is getattr(realtime, name), name
    adapter: TypeAdapter[Any] = TypeAdapter(RealtimeClientEvent)
    for name in client:
        sample = sampler.sample({"$ref": f"#/components/schemas/{name}"})
        assert type(adapter.validate_python(sample)).__name__ == name


async def test_conversation_items_are_the_responses_item_union() -> None:
    page = {
        "object": "list",
        "data": [
            {
                "type": "message",
                "id": "m1",
                "role": "user",
                "content": [{"type": "input_text", "text": "Hi"}],
            },
            {"type": "function_call", "id": "f1", "call_id": "c1", "name": "f", "arguments": "{}"},
            {"type": "shell_call", "id": "s1", "action": {"commands": ["ls"]}},
        ],
        "has_more": False,
        "first_id": "m1",
        "last_id": "s1",
    }
    client, transport = client_answering(page)
    items = [item async for item in client.conversations.items.list("conv_1", order="desc")]
    assert [type(item) for item in items] == [InputMessageResource, FunctionToolCall, UnknownItem]
    assert transport.requests[0].url == f"{BASE}/conversations/conv_1/items?order=desc"


async def test_a_client_secret_for_a_transcription_session() -> None:
    answer = {
        "value": "ek_1",
        "expires_at": 1756310470,
        "session": {"type": "transcription", "id": "sess_1", "audio": {"input": {}}},
    }
    client, transport = client_answering(answer)
    key = await client.realtime.client_secrets.create(
        session={"type": "transcription"}, expires_after={"seconds": 60}
    )
    assert isinstance(key, RealtimeCreateClientSecretResponse) and key.value == "ek_1"
    assert isinstance(key.session, RealtimeTranscriptionSessionCreateResponseGA)
    assert json.loads(transport.requests[0].body) == {  # type: ignore[arg-type]
        "expires_after": {"seconds": 60},
        "session": {"type": "transcription"},
    }


@pytest.mark.parametrize(
    ("call", "args", "fields", "named"),
    [
        ("conversations.create", (), {"items": [{"type": "message"}] * 21}, "items"),
        ("conversations.update", ("conv_1",), {}, "metadata"),
        ("conversations.items.create", ("conv_1",), {}, "items"),
        ("conversations.items.retrieve", ("", "msg_1"), {}, "conversation_id"),
        ("conversations.items.list", ("conv_1",), {"limit": 101}, "limit"),
        ("chat.update", ("chatcmpl_1",), {"metadata": {"a": 1}}, "metadata"),
        ("chat.list", (), {"order": "newest"}, "order"),
        ("chat.retrieve", ("",), {}, "completion_id"),
        ("responses.retrieve_stream", ("resp_1",), {"starting_after": -1}, "starting_after"),
        ("responses.compact", (), {"input": "Hi"}, "model"),
        ("responses.input_tokens", (), {"modle": "gpt-4o"}, "modle"),
        ("realtime.client_secrets.create", (), {"expires_after": {"seconds": 5}}, "seconds"),
        ("realtime.translations.client_secrets.create", (), {}, "session"),
        ("realtime.calls.create", (), {"session": {"model": "m"}}, "sdp"),
        ("realtime.calls.refer", ("rtc_1",), {}, "target_uri"),
        ("realtime.calls.hangup", ("",), {}, "call_id"),
        ("audio.voice_consents.create", (), {"name": "A", "language": "en"}, "recording"),
        (
            "audio.voices.create",
            (),
            {"name": "A", "audio_sample": "a.wav", "consent": "c"},
            "audio_sample",
        ),
    ],
)
async def test_bad_calls_are_refused_before_sending(
    call: str, args: tuple[Any, ...], fields: dict[str, Any], named: str
) -> None:
    client, transport = client_answering({})
    method: Any = client
    for name in call.split("."):
        method = getattr(method, name)
    with pytest.raises(InvalidArgumentError, match=named):
        result = method(*args, **fields)
        await result
    assert transport.requests == []


async def test_calls_that_answer_with_no_body_return_none() -> None:
    transport = MockTransport(lambda request: Response.from_chunks(200, [], {}))
    client = Client(OpenAIConfig(api_key="sk-x", api_base=BASE), transport=transport)
    assert await client.realtime.calls.hangup("rtc_1") is None
    assert await client.realtime.calls.reject("rtc_1") is None
    sent: list[Request] = transport.requests
    assert [(r.method, r.url) for r in sent] == [
        ("POST", f"{BASE}/realtime/calls/rtc_1/hangup"),
        ("POST", f"{BASE}/realtime/calls/rtc_1/reject"),
    ]


async def test_a_webrtc_call_gives_the_sdp_answer_and_its_id_in_location() -> None:
    def answer(request: Request) -> Response:
        headers = {"content-type": "application/sdp", "location": "/v1/realtime/calls/rtc_9"}
        return Response.from_chunks(201, [b"v=0\r\no=answer\r\n"], headers)

    client = Client(OpenAIConfig(api_key="sk-x", api_base=BASE), transport=MockTransport(answer))
    assert await client.realtime.calls.create(sdp="v=0\r\n") == "v=0\r\no=answer\r\n"
    raw = await client.realtime.calls.with_raw_response.create(sdp="v=0\r\n")
    assert raw.headers["location"].rsplit("/", 1)[-1] == "rtc_9"
    assert await raw.parse() == "v=0\r\no=answer\r\n"
