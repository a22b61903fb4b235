"""Realtime event types: client events become WebSocket message text, server messages parse
into typed events; the spec's own examples go through unchanged, unknown event types are kept,
and malformed messages or bad client events are refused naming what is wrong."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from async_openai_wasm import JSONDeserializeError
from async_openai_wasm.types.realtime import (
    RealtimeClientEvent,
    RealtimeClientEventConversationItemCreate,
    RealtimeClientEventInputAudioBufferAppend,
    RealtimeClientEventResponseCreate,
    RealtimeClientEventSessionUpdate,
    RealtimeConversationItemFunctionCallOutput,
    RealtimeConversationItemMessageAssistant,
    RealtimeConversationItemMessageUser,
    RealtimeConversationItemUserContent,
    RealtimeFunctionTool,
    RealtimeResponseCreateParams,
    RealtimeServerEventConversationItemAdded,
    RealtimeServerEventError,
    RealtimeServerEventRateLimitsUpdated,
    RealtimeServerEventResponseDone,
    RealtimeServerEventResponseFunctionCallArgumentsDone,
    RealtimeServerEventResponseTextDelta,
    RealtimeServerEventSessionCreated,
    RealtimeServerVad,
    RealtimeSessionAudio,
    RealtimeSessionCreateRequestGA,
    RealtimeSessionCreateResponseGA,
    RealtimeTranscriptionSessionCreateRequestGA,
    UnknownRealtimeItem,
    UnknownRealtimeServerEvent,
    parse_server_event,
)

# The spec's examples of client events (RealtimeClientEvent*), as JSON.
CLIENT_EXAMPLES: list[dict[str, Any]] = [
    {
        "type": "conversation.item.create",
        "item": {
            "type": "message",
            "role": "user",
            "content": [{"type": "input_text", "text": "hi"}],
        },
    },
    {"event_id": "event_901", "type": "conversation.item.delete", "item_id": "item_003"},
    {"event_id": "event_901", "type": "conversation.item.retrieve", "item_id": "item_003"},
    {
        "event_id": "event_678",
        "type": "conversation.item.truncate",
        "item_id": "item_002",
        "content_index": 0,
        "audio_end_ms": 1500,
    },
    {"event_id": "event_456", "type": "input_audio_buffer.append", "audio": "QmFzZTY0"},
    {"event_id": "event_012", "type": "input_audio_buffer.clear"},
    {"event_id": "event_789", "type": "input_audio_buffer.commit"},
    {"event_id": "optional_client_event_id", "type": "output_audio_buffer.clear"},
    {"type": "response.cancel", "response_id": "resp_12345"},
    {"type": "response.create"},
    {
        "type": "response.create",
        "response": {
            "instructions": "Provide a concise answer.",
            "tools": [],
            "conversation": "none",
            "output_modalities": ["text"],
            "metadata": {"response_purpose": "summarization"},
            "input": [
                {"type": "item_reference", "id": "item_12345"},
                {
                    "type": "message",
                    "role": "user",
                    "content": [{"type": "input_text", "text": "Summarize it in a sentence."}],
                },
            ],
        },
    },
    {
        "type": "session.update",
        "session": {
            "type": "realtime",
            "instructions": "You are a creative assistant that helps with design tasks.",
            "tools": [
                {
                    "type": "function",
                    "name": "display_color_palette",
                    "description": "Call this function when a user asks for a color palette.",
                    "parameters": {
                        "type": "object",
                        "properties": {"theme": {"type": "string"}},
                        "required": ["theme"],
                    },
                }
            ],
            "tool_choice": "auto",
        },
    },
]

CLIENT_EVENT = TypeAdapter(RealtimeClientEvent)


@pytest.mark.parametrize("example", CLIENT_EXAMPLES, ids=lambda e: e["type"])
def test_client_events_of_the_spec_examples_round_trip_to_the_same_message(
    example: dict[str, Any],
) -> None:
    event = CLIENT_EVENT.validate_python(example)
    assert type(event).__name__.startswith("RealtimeClientEvent")
    assert json.loads(event.to_message()) == example


def test_a_client_event_built_from_types_is_the_message_text_with_its_type() -> None:
    event = RealtimeClientEventSessionUpdate(
        session=RealtimeSessionCreateRequestGA(
            instructions="Be brief.",
            output_modalities=["text"],
            audio=RealtimeSessionAudio(
                input={"turn_detection": RealtimeServerVad(silence_duration_ms=500)},
                output={"voice": "marin"},
            ),
            tools=[RealtimeFunctionTool(name="get_weather", parameters={"type": "object"})],
        )
    )
    assert event.to_message() == (
        '{"type":"session.update","session":{"type":"realtime","instructions":"Be brief.",'
        '"output_modalities":["text"],"audio":{"input":{"turn_detection":{"type":"server_vad",'
        '"silence_duration_ms":500}},"output":{"voice":"marin"}},"tools":[{"type":"function",'
        '"name":"get_weather","parameters":{"type":"object"}}]}}'
    )


def test_messages_keep_non_ascii_text_as_is() -> None:
    item = RealtimeConversationItemMessageUser(
        content=[RealtimeConversationItemUserContent(type="input_text", text="Grüße, 世界")]
    )
    message = RealtimeClientEventConversationItemCreate(event_id="e1", item=item).to_message()
    assert "Grüße, 世界" in message
    assert json.loads(message)["item"]["content"][0]["text"] == "Grüße, 世界"


def test_items_are_typed_by_type_and_role() -> None:
    items = [
        {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "x"}]},
        {"type": "function_call_output", "call_id": "call_1", "output": "21"},
        {"type": "mcp_approval_response", "approval_request_id": "a", "approve": True},
    ]
    created = [RealtimeClientEventConversationItemCreate(item=item).item for item in items]
    assert [type(item) for item in created] == [
        RealtimeConversationItemMessageAssistant,
        RealtimeConversationItemFunctionCallOutput,
        UnknownRealtimeItem,
    ]
    event = RealtimeClientEventConversationItemCreate(item=items[2])
    assert json.loads(event.to_message())["item"] == items[2]


def test_a_transcription_session_is_chosen_by_its_type() -> None:
    event = CLIENT_EVENT.validate_python(
        {"type": "session.update", "session": {"type": "transcription", "include": []}}
    )
    assert isinstance(event, RealtimeClientEventSessionUpdate)
    assert isinstance(event.session, RealtimeTranscriptionSessionCreateRequestGA)


@pytest.mark.parametrize(
    ("build", "named"),
    [
        (lambda: RealtimeClientEventInputAudioBufferAppend(), "audio"),
        (lambda: RealtimeClientEventInputAudioBufferAppend(audio="x", extra=1), "extra"),
        (
            lambda: RealtimeClientEventResponseCreate(
                response=RealtimeResponseCreateParams(output_modalities=["video"])
            ),
            "output_modalities",
        ),
        (
            lambda: RealtimeClientEventSessionUpdate(
                session={"type": "realtime", "audio": {"output": {"speed": 4}}}
            ),
            "speed",
        ),
        (
            lambda: RealtimeClientEventConversationItemCreate(
                item={"type": "message", "role": "user", "content": [{"type": "input_video"}]}
            ),
            "content",
        ),
        (lambda: CLIENT_EVENT.validate_python({"type": "session.destroy"}), "session.destroy"),
        (
            lambda: RealtimeClientEventInputAudioBufferAppend(audio="x", event_id="e" * 513),
            "event_id",
        ),
    ],
)
def test_bad_client_events_are_refused_naming_the_field(build: Any, named: str) -> None:
    with pytest.raises(ValidationError, match=named):
        build()


# --- Server events ------------------------------------------------------------------------------

SESSION_CREATED = {
    "type": "session.created",
    "event_id": "event_C9G5RJeJ2gF77mV7f2B1j",
    "session": {
        "type": "realtime",
        "object": "realtime.session",
        "id": "sess_C9G5QPteg4UIbotdKLoYQ",
        "model": "gpt-realtime-2025-08-28",
        "output_modalities": ["audio"],
        "instructions": "You are a helpful, witty, and friendly AI.",
        "tools": [],
        "tool_choice": "auto",
        "max_output_tokens": "inf",
        "tracing": None,
        "prompt": None,
        "expires_at": 1756324625,
        "audio": {
            "input": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "transcription": None,
                "noise_reduction": None,
                "turn_detection": {
                    "type": "server_vad",
                    "threshold": 0.5,
                    "prefix_padding_ms": 300,
                    "silence_duration_ms": 200,
                    "idle_timeout_ms": None,
                    "create_response": True,
                    "interrupt_response": True,
                },
            },
            "output": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "voice": "marin",
                "speed": 1,
            },
        },
        "include": None,
    },
}

RESPONSE_DONE = {
    "type": "response.done",
    "event_id": "event_CCXHxcMy86rrKhBLDdqCh",
    "response": {
        "object": "realtime.response",
        "id": "resp_CCXHw0UJld10EzIUXQCNh",
        "status": "completed",
        "status_details": None,
        "output": [
            {
                "id": "item_CCXHwGjjDUfOXbiySlK7i",
                "type": "message",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_audio", "transcript": "Loud and clear!"}],
            }
        ],
        "conversation_id": "conv_CCXHsurMKcaVxIZvaCI5m",
        "output_modalities": ["audio"],
        "max_output_tokens": "inf",
        "audio": {"output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "alloy"}},
        "usage": {
            "total_tokens": 253,
            "input_tokens": 132,
            "output_tokens": 121,
            "input_token_details": {"text_tokens": 119, "audio_tokens": 13},
            "output_token_details": {"text_tokens": 30, "audio_tokens": 91},
        },
        "metadata": None,
    },
}


def message(event: dict[str, Any]) -> str:
    return json.dumps(event)


def test_session_created_parses_with_its_typed_settings() -> None:
    event = parse_server_event(message(SESSION_CREATED))
    assert isinstance(event, RealtimeServerEventSessionCreated)
    session = event.session
    assert isinstance(session, RealtimeSessionCreateResponseGA)
    assert (session.id, session.expires_at, session.max_output_tokens) == (
        "sess_C9G5QPteg4UIbotdKLoYQ",
        1756324625,
        "inf",
    )
    assert isinstance(session.audio, RealtimeSessionAudio)
    assert session.audio.input is not None
    assert isinstance(session.audio.input.turn_detection, RealtimeServerVad)
    assert session.audio.input.turn_detection.silence_duration_ms == 200


def test_response_done_parses_with_output_items_and_usage() -> None:
    event = parse_server_event(message(RESPONSE_DONE))
    assert isinstance(event, RealtimeServerEventResponseDone)
    (item,) = event.response.output
    assert isinstance(item, RealtimeConversationItemMessageAssistant)
    assert item.content[0].transcript == "Loud and clear!"
    assert event.response.usage is not None and event.response.usage.total_tokens == 253


@pytest.mark.parametrize(
    ("event", "cls"),
    [
        (
            {
                "event_id": "event_890",
                "type": "error",
                "error": {
                    "type": "invalid_request_error",
                    "code": "invalid_event",
                    "message": "The 'type' field is missing.",
                    "param": None,
                    "event_id": "event_567",
                },
            },
            RealtimeServerEventError,
        ),
        (
            {
                "event_id": "event_5758",
                "type": "rate_limits.updated",
                "rate_limits": [
                    {"name": "requests", "limit": 1000, "remaining": 999, "reset_seconds": 60}
                ],
            },
            RealtimeServerEventRateLimitsUpdated,
        ),
        (
            {
                "type": "conversation.item.added",
                "event_id": "event_C9G8pjSJCfRNEhMEnYAVy",
                "previous_item_id": None,
                "item": {
                    "id": "item_C9G8pGVKYnaZu8PH5YQ9O",
                    "type": "message",
                    "status": "completed",
                    "role": "user",
                    "content": [{"type": "input_text", "text": "hi"}],
                },
            },
            RealtimeServerEventConversationItemAdded,
        ),
        (
            {
                "event_id": "event_5556",
                "type": "response.function_call_arguments.done",
                "response_id": "resp_002",
                "item_id": "fc_001",
                "output_index": 0,
                "call_id": "call_001",
                "name": "get_weather",
                "arguments": '{"location": "San Francisco"}',
            },
            RealtimeServerEventResponseFunctionCallArgumentsDone,
        ),
        (
            {
                "event_id": "event_4142",
                "type": "response.output_text.delta",
                "response_id": "resp_001",
                "item_id": "msg_007",
                "output_index": 0,
                "content_index": 0,
                "delta": "Sure, I can h",
            },
            RealtimeServerEventResponseTextDelta,
        ),
    ],
    ids=lambda value: value["type"] if isinstance(value, dict) else "",
)
def test_server_events_parse_into_their_type_with_every_field(
    event: dict[str, Any], cls: type[Any]
) -> None:
    parsed = parse_server_event(message(event))
    assert type(parsed) is cls
    # Nothing lost, nothing added: the event dumps back to the message it came from.
    assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True) == event


def test_an_error_event_is_an_event_not_an_exception() -> None:
    event = parse_server_event(
        '{"type":"error","event_id":"e","error":{"type":"invalid_request_error",'
        '"message":"Unknown parameter","param":"session.foo","event_id":"c1"}}'
    )
    assert isinstance(event, RealtimeServerEventError)
    assert (event.error.message, event.error.param, event.error.event_id) == (
        "Unknown parameter",
        "session.foo",
        "c1",
    )


def test_unknown_server_events_and_fields_are_kept() -> None:
    event = parse_server_event('{"type":"session.hologram","event_id":"e1","beam":{"w":2}}')
    assert isinstance(event, UnknownRealtimeServerEvent)
    assert (event.type, event.event_id, event.model_extra) == (
        "session.hologram",
        "e1",
        {"beam": {"w": 2}},
    )
    delta = parse_server_event(
        '{"type":"response.output_text.delta","response_id":"r","item_id":"i",'
        '"output_index":0,"content_index":0,"delta":"Hi","obfuscation":"xyz"}'
    )
    assert isinstance(delta, RealtimeServerEventResponseTextDelta)
    assert delta.model_extra == {"obfuscation": "xyz"}


def test_an_echoed_item_the_types_do_not_fit_is_kept_as_json() -> None:
    item = {"type": "message", "role": "user", "content": [{"type": "input_video", "url": "v"}]}
    event = parse_server_event(
        json.dumps({"type": "conversation.item.added", "event_id": "e", "item": item})
    )
    assert isinstance(event, RealtimeServerEventConversationItemAdded)
    assert event.item == item


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{not json", "Invalid JSON"),
        ('{"type":"response.output_text.delta","response_id":"r"}', "delta"),
        ('["session.created"]', "RealtimeServerEvent"),
        ('{"event_id":"e"}', "type"),
    ],
)
def test_malformed_messages_raise_json_deserialize_error_with_the_text(
    text: str, says: str
) -> None:
    with pytest.raises(JSONDeserializeError, match=says) as caught:
        parse_server_event(text)
    assert caught.value.raw == text
