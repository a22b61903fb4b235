"""Chat types: the JSON a user sends and receives, and coverage of the crate's ``chat.rs``."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from async_openai_wasm.types import chat
from async_openai_wasm.types._base import RequestModel, ResponseModel
from async_openai_wasm.types.chat import (
    ChatCompletionAudio,
    ChatCompletionMessageToolCall,
    ChatCompletionNamedToolChoice,
    ChatCompletionRequestAssistantMessage,
    ChatCompletionRequestAssistantMessageAudio,
    ChatCompletionRequestDeveloperMessage,
    ChatCompletionRequestFunctionMessage,
    ChatCompletionRequestMessageContentPartAudio,
    ChatCompletionRequestMessageContentPartFile,
    ChatCompletionRequestMessageContentPartImage,
    ChatCompletionRequestMessageContentPartRefusal,
    ChatCompletionRequestMessageContentPartText,
    ChatCompletionRequestSystemMessage,
    ChatCompletionRequestToolMessage,
    ChatCompletionRequestUserMessage,
    ChatCompletionStreamOptions,
    ChatCompletionTool,
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    CreateChatCompletionStreamResponse,
    FinishReason,
    FunctionCall,
    FunctionName,
    FunctionObject,
    ImageDetail,
    ImageUrl,
    InputAudio,
    InputAudioFormat,
    InputFile,
    PredictionContent,
    ReasoningEffort,
    ResponseFormatJsonSchema,
    ResponseFormatJsonSchemaFormat,
    Role,
    ServiceTierResponse,
    WebSearchLocation,
    WebSearchOptions,
    WebSearchUserLocation,
)

SEED_TYPES = Path(__file__).parents[2] / "tests" / "spec" / "chat_seed.json"

USER = {"role": "user", "content": "hi"}


def minimal(**fields: Any) -> CreateChatCompletionRequest:
    return CreateChatCompletionRequest(model="gpt-4o", messages=[USER], **fields)


def error_locs(exc: ValidationError) -> list[tuple[int | str, ...]]:
    return [tuple(e["loc"]) for e in exc.errors()]


# --- Requests ---------------------------------------------------------------------------------

TOOL_CALL = {
    "id": "call_abc",
    "type": "function",
    "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
}

# Every role and every content-part kind, as the API documents them.
FULL_REQUEST = {
    "messages": [
        {"role": "developer", "content": "Be terse.", "name": "dev"},
        {"role": "system", "content": [{"type": "text", "text": "You are helpful."}]},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is in these?"},
                {
                    "type": "image_url",
                    "image_url": {"url": "https://example.com/a.png", "detail": "high"},
                },
                {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}},
                {"type": "file", "file": {"filename": "a.pdf", "file_data": "JVBERi0="}},
            ],
            "name": "alice",
        },
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "Let me check."}],
            "audio": {"id": "audio_1"},
            "tool_calls": [TOOL_CALL],
        },
        {"role": "assistant", "content": [{"type": "refusal", "refusal": "I can't."}]},
        {"role": "tool", "content": [{"type": "text", "text": "18C"}], "tool_call_id": "call_abc"},
        # Deprecated function message: the spec requires `content` even when null.
        {"role": "function", "content": None, "name": "get_weather"},
    ],
    "model": "gpt-4o",
    "temperature": 0.5,
}


def test_request_with_every_role_and_part_serialises_to_exact_json() -> None:
    request = CreateChatCompletionRequest(
        model="gpt-4o",
        temperature=0.5,
        messages=[
            ChatCompletionRequestDeveloperMessage(content="Be terse.", name="dev"),
            ChatCompletionRequestSystemMessage(
                content=[ChatCompletionRequestMessageContentPartText(text="You are helpful.")]
            ),
            ChatCompletionRequestUserMessage(
                name="alice",
                content=[
                    ChatCompletionRequestMessageContentPartText(text="What is in these?"),
                    ChatCompletionRequestMessageContentPartImage(
                        image_url=ImageUrl(url="https://example.com/a.png", detail=ImageDetail.high)
                    ),
                    ChatCompletionRequestMessageContentPartAudio(
                        input_audio=InputAudio(data="UklGRg==", format=InputAudioFormat.wav)
                    ),
                    ChatCompletionRequestMessageContentPartFile(
                        file=InputFile(filename="a.pdf", file_data="JVBERi0=")
                    ),
                ],
            ),
            ChatCompletionRequestAssistantMessage(
                content=[ChatCompletionRequestMessageContentPartText(text="Let me check.")],
                audio=ChatCompletionRequestAssistantMessageAudio(id="audio_1"),
                tool_calls=[
                    ChatCompletionMessageToolCall(
                        id="call_abc",
                        function=FunctionCall(name="get_weather", arguments='{"city": "Paris"}'),
                    )
                ],
            ),
            ChatCompletionRequestAssistantMessage(
                content=[ChatCompletionRequestMessageContentPartRefusal(refusal="I can't.")]
            ),
            ChatCompletionRequestToolMessage(
                content=[ChatCompletionRequestMessageContentPartText(text="18C")],
                tool_call_id="call_abc",
            ),
            ChatCompletionRequestFunctionMessage(name="get_weather"),
        ],
    )
    assert request.to_wire() == FULL_REQUEST


def test_request_json_round_trips_through_the_model() -> None:
    # What a user may write as plain dicts validates to the same wire JSON.
    request = CreateChatCompletionRequest.model_validate(FULL_REQUEST)
    assert request.to_wire() == FULL_REQUEST
    assert json.loads(json.dumps(request.to_wire())) == FULL_REQUEST
    # Tags pick the member class.
    kinds = [type(m).__name__ for m in request.messages]
    assert kinds == [
        "ChatCompletionRequestDeveloperMessage",
        "ChatCompletionRequestSystemMessage",
        "ChatCompletionRequestUserMessage",
        "ChatCompletionRequestAssistantMessage",
        "ChatCompletionRequestAssistantMessage",
        "ChatCompletionRequestToolMessage",
        "ChatCompletionRequestFunctionMessage",
    ]
    user = request.messages[2]
    assert isinstance(user, ChatCompletionRequestUserMessage)
    assert isinstance(user.content, list)
    assert [type(p).__name__ for p in user.content] == [
        "ChatCompletionRequestMessageContentPartText",
        "ChatCompletionRequestMessageContentPartImage",
        "ChatCompletionRequestMessageContentPartAudio",
        "ChatCompletionRequestMessageContentPartFile",
    ]


def test_unset_fields_are_not_sent() -> None:
    assert minimal().to_wire() == {"model": "gpt-4o", "messages": [USER]}
    # An assistant message with only tool calls sends no content/refusal/name keys.
    message = ChatCompletionRequestAssistantMessage(
        tool_calls=[ChatCompletionMessageToolCall.model_validate(TOOL_CALL)]
    )
    assert message.to_wire() == {"role": "assistant", "tool_calls": [TOOL_CALL]}


def test_web_search_options_unset_is_not_sent_and_set_is_nested() -> None:
    assert "web_search_options" not in minimal().to_wire()
    request = minimal(
        web_search_options=WebSearchOptions(
            search_context_size="low",
            user_location=WebSearchUserLocation(approximate=WebSearchLocation(country="FR")),
        )
    )
    assert request.to_wire()["web_search_options"] == {
        "search_context_size": "low",
        "user_location": {"type": "approximate", "approximate": {"country": "FR"}},
    }


def test_options_serialise_with_their_wire_shapes() -> None:
    wire = minimal(
        tools=[
            ChatCompletionTool(
                function=FunctionObject(
                    name="get_weather",
                    parameters={"type": "object", "properties": {}},
                    strict=True,
                )
            )
        ],
        prediction=PredictionContent(content="old text"),
        audio=ChatCompletionAudio(voice="alloy", format="wav"),
        modalities=["text", "audio"],
        reasoning_effort=ReasoningEffort.low,
        stop=["\n", "END"],
        stream=True,
        stream_options=ChatCompletionStreamOptions(include_usage=True),
        function_call=FunctionName(name="legacy"),
        seed=-1,
    ).to_wire()
    assert wire["tools"] == [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "parameters": {"type": "object", "properties": {}},
                "strict": True,
            },
        }
    ]
    assert wire["prediction"] == {"type": "content", "content": "old text"}
    assert wire["audio"] == {"voice": "alloy", "format": "wav"}
    assert wire["modalities"] == ["text", "audio"]
    assert wire["reasoning_effort"] == "low"
    assert wire["stop"] == ["\n", "END"]
    assert wire["stream_options"] == {"include_usage": True}
    assert wire["function_call"] == {"name": "legacy"}
    assert wire["seed"] == -1


def test_audio_voice_outside_the_enum_is_sent_as_given() -> None:
    # The spec allows any voice id; a known one becomes the enum member.
    assert ChatCompletionAudio(voice="my-voice", format="mp3").to_wire()["voice"] == "my-voice"
    known = ChatCompletionAudio(voice="ash", format="mp3")
    assert known.voice is chat.ChatCompletionAudioVoice.ash


@pytest.mark.parametrize("choice", ["none", "auto", "required"])
def test_tool_choice_string_forms(choice: str) -> None:
    assert minimal(tool_choice=choice).to_wire()["tool_choice"] == choice


def test_tool_choice_named_object_form() -> None:
    named = {"type": "function", "function": {"name": "get_weather"}}
    built = minimal(
        tool_choice=ChatCompletionNamedToolChoice(function=FunctionName(name="get_weather"))
    )
    assert built.to_wire()["tool_choice"] == named
    parsed = minimal(tool_choice=named)
    assert isinstance(parsed.tool_choice, ChatCompletionNamedToolChoice)
    assert parsed.to_wire()["tool_choice"] == named


def test_tool_choice_unknown_string_is_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        minimal(tool_choice="always")
    assert all(loc[0] == "tool_choice" for loc in error_locs(info.value))


@pytest.mark.parametrize("call", ["none", "auto", {"name": "f"}])
def test_deprecated_function_call_forms(call: Any) -> None:
    assert minimal(function_call=call).to_wire()["function_call"] == call


def test_response_format_json_schema_sends_schema_key() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}
    expected = {
        "type": "json_schema",
        "json_schema": {"name": "thing", "schema": schema, "strict": True},
    }
    built = minimal(
        response_format=ResponseFormatJsonSchemaFormat(
            json_schema=ResponseFormatJsonSchema(name="thing", schema=schema, strict=True)
        )
    )
    assert built.to_wire()["response_format"] == expected
    # The same JSON given as a dict validates (by the wire name "schema") and round-trips.
    parsed = minimal(response_format=expected)
    assert isinstance(parsed.response_format, ResponseFormatJsonSchemaFormat)
    assert parsed.response_format.json_schema.schema_ == schema
    assert parsed.to_wire()["response_format"] == expected


@pytest.mark.parametrize("kind", ["text", "json_object"])
def test_response_format_unit_kinds(kind: str) -> None:
    assert minimal(response_format={"type": kind}).to_wire()["response_format"] == {"type": kind}


def test_response_format_unknown_type_is_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        minimal(response_format={"type": "yaml"})
    assert error_locs(info.value)[0][0] == "response_format"


# --- extra_params (Rust #[serde(flatten)]) ----------------------------------------------------


def test_extra_params_are_merged_at_top_level() -> None:
    request = minimal(
        temperature=0.1,
        extra_params={"top_k": 40, "chat_template_kwargs": {"thinking": True}, "min_p": None},
    )
    wire = request.to_wire()
    assert wire == {
        "model": "gpt-4o",
        "messages": [USER],
        "temperature": 0.1,
        "top_k": 40,
        "chat_template_kwargs": {"thinking": True},
        # An explicit None in extra_params is a deliberate null, so it is sent.
        "min_p": None,
    }
    assert "extra_params" not in wire
    # The JSON dump path merges the same way.
    assert json.loads(request.model_dump_json(by_alias=True, exclude_none=True)) == wire


@pytest.mark.parametrize("key", ["temperature", "model", "top_logprobs"])
def test_extra_params_colliding_with_a_typed_field_is_an_error(key: str) -> None:
    # Even when the typed field is unset: the typed field is the one place for that value.
    # Refused when the request is built, before anything could be sent.
    with pytest.raises(ValidationError, match=repr(key)):
        minimal(extra_params={"ok": 1, key: 0})


# --- Request validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "bad", "good"),
    [
        ("n", 0, 1),
        ("n", 129, 128),
        ("temperature", 2.01, 2),
        ("temperature", -0.1, 0),
        ("top_p", 1.5, 1),
        ("top_logprobs", 21, 20),
        ("top_logprobs", -1, 0),
        ("presence_penalty", -2.5, -2),
        ("frequency_penalty", 2.5, 2),
    ],
)
def test_out_of_range_values_are_rejected_naming_the_field(field: str, bad: Any, good: Any) -> None:
    assert minimal(**{field: good}).to_wire()[field] == good
    with pytest.raises(ValidationError) as info:
        minimal(**{field: bad})
    assert error_locs(info.value) == [(field,)]


def test_unknown_request_field_is_rejected_naming_it() -> None:
    with pytest.raises(ValidationError) as info:
        minimal(temprature=1)
    assert error_locs(info.value) == [("temprature",)]
    assert info.value.errors()[0]["type"] == "extra_forbidden"


def test_unknown_field_in_a_message_is_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        CreateChatCompletionRequest(model="m", messages=[{**USER, "contnet": "x"}])
    assert ("messages", 0, "user", "contnet") in error_locs(info.value)


def test_message_without_or_with_unknown_role_is_rejected() -> None:
    for message in ({"content": "hi"}, {"role": "robot", "content": "hi"}):
        with pytest.raises(ValidationError) as info:
            CreateChatCompletionRequest(model="m", messages=[message])
        assert error_locs(info.value) == [("messages", 0)]


def test_empty_messages_are_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        CreateChatCompletionRequest(model="m", messages=[])
    assert error_locs(info.value) == [("messages",)]


def test_token_ids_above_u16_are_accepted() -> None:
    # o200k_base has ids up to ~200k; Rust's u16 would reject them.
    wire = minimal(logit_bias={199_999: -100, 70_000: 5.5}).to_wire()
    assert wire["logit_bias"] == {"199999": -100, "70000": 5.5}
    assert minimal(logit_bias={"100000": 1}).to_wire()["logit_bias"] == {"100000": 1}
    prompt = TypeAdapter(chat.Prompt)
    assert prompt.validate_python([100_000, 3]) == [100_000, 3]
    assert prompt.validate_python([[70_000], [1]]) == [[70_000], [1]]


def test_negative_token_ids_and_out_of_range_bias_are_rejected() -> None:
    with pytest.raises(ValidationError):
        minimal(logit_bias={-1: 1})
    with pytest.raises(ValidationError):
        minimal(logit_bias={1: 101})


# --- Responses --------------------------------------------------------------------------------

OPENAI_RESPONSE: dict[str, Any] = {
    "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
    "object": "chat.completion",
    "created": 1741570283,
    "model": "gpt-4o-2024-08-06",
    "choices": [
        {
            "index": 0,
            "message": {
                "role": "assistant",
                "content": None,
                "refusal": None,
                "tool_calls": [TOOL_CALL],
                "annotations": [],
            },
            "logprobs": {
                "content": [
                    {
                        "token": "Hi",
                        "logprob": -0.01,
                        "bytes": [72, 105],
                        "top_logprobs": [{"token": "Hi", "logprob": -0.01, "bytes": [72, 105]}],
                    }
                ],
                "refusal": None,
            },
            "finish_reason": "tool_calls",
        }
    ],
    "usage": {
        "prompt_tokens": 1117,
        "completion_tokens": 46,
        "total_tokens": 1163,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    },
    "service_tier": "default",
    "system_fingerprint": "fp_fc9f1d7035",
}


def test_full_openai_response_parses() -> None:
    resp = CreateChatCompletionResponse.model_validate_json(json.dumps(OPENAI_RESPONSE))
    assert resp.id == "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG"
    assert resp.created == 1741570283
    assert resp.service_tier is ServiceTierResponse.default
    choice = resp.choices[0]
    assert choice.finish_reason is FinishReason.tool_calls
    assert choice.message.role is Role.assistant
    assert choice.message.annotations == []
    assert choice.message.tool_calls is not None
    call = choice.message.tool_calls[0]
    assert (call.id, call.type, call.function.name) == ("call_abc", "function", "get_weather")
    assert json.loads(call.function.arguments) == {"city": "Paris"}
    assert choice.logprobs is not None and choice.logprobs.content is not None
    assert choice.logprobs.content[0].top_logprobs[0].bytes == [72, 105]
    assert resp.usage is not None and resp.usage.total_tokens == 1163
    assert resp.usage.completion_tokens_details is not None
    assert resp.usage.completion_tokens_details.reasoning_tokens == 0
    assert resp.return_catchall == {}
    # Nothing is lost: dumping gives the received JSON back (nulls aside).
    assert resp.model_dump(mode="json", by_alias=True) == {
        **OPENAI_RESPONSE,
        "choices": [
            {
                **OPENAI_RESPONSE["choices"][0],
                "message": {
                    **OPENAI_RESPONSE["choices"][0]["message"],
                    "function_call": None,
                    "audio": None,
                },
            }
        ],
        "usage": {
            **OPENAI_RESPONSE["usage"],
            "prompt_tokens_details": {
                **OPENAI_RESPONSE["usage"]["prompt_tokens_details"],
                "text_tokens": None,
                "image_tokens": None,
                "cache_write_tokens": None,
            },
            "completion_tokens_details": {
                **OPENAI_RESPONSE["usage"]["completion_tokens_details"],
                "text_tokens": None,
            },
        },
    }


def test_response_tool_calls_can_be_sent_straight_back() -> None:
    # Servers may add fields to tool calls (Gemini's thought signatures); they go back too.
    received = {
        **OPENAI_RESPONSE,
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [{**TOOL_CALL, "extra_content": {"sig": "abc"}}],
                },
                "finish_reason": "tool_calls",
            }
        ],
    }
    resp = CreateChatCompletionResponse.model_validate_json(json.dumps(received))
    follow_up = CreateChatCompletionRequest(
        model="gpt-4o",
        messages=[
            USER,
            ChatCompletionRequestAssistantMessage(tool_calls=resp.choices[0].message.tool_calls),
            ChatCompletionRequestToolMessage(content="18C", tool_call_id="call_abc"),
        ],
    )
    assert follow_up.to_wire()["messages"] == [
        USER,
        {"role": "assistant", "tool_calls": [{**TOOL_CALL, "extra_content": {"sig": "abc"}}]},
        {"role": "tool", "content": "18C", "tool_call_id": "call_abc"},
    ]


def test_minimal_ollama_style_response_parses() -> None:
    # No object, created, usage, system_fingerprint, logprobs, refusal or service_tier.
    body = (
        '{"id":"chatcmpl-1","model":"llama3",'
        '"choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}'
    )
    resp = CreateChatCompletionResponse.model_validate_json(body)
    assert resp.choices[0].message.content == "Hi"
    assert resp.choices[0].finish_reason is FinishReason.stop
    assert (resp.object, resp.created, resp.usage, resp.system_fingerprint) == (None,) * 4
    assert (resp.service_tier, resp.choices[0].logprobs, resp.choices[0].message.refusal) == (
        None,
    ) * 3


def test_unknown_fields_are_kept_and_visible_via_return_catchall() -> None:
    body = {
        "id": "x",
        "model": "deepseek-reasoner",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "4", "reasoning_content": "2+2"},
                "finish_reason": "stop",
            }
        ],
        "provider": "acme",
    }
    resp = CreateChatCompletionResponse.model_validate_json(json.dumps(body))
    message = resp.choices[0].message
    assert message.return_catchall == {"reasoning_content": "2+2"}
    assert message.reasoning_content == "2+2"  # type: ignore[attr-defined]
    assert resp.return_catchall == {"provider": "acme"}
    # A copy: changing it does not change the model.
    message.return_catchall["reasoning_content"] = "changed"
    assert message.return_catchall == {"reasoning_content": "2+2"}
    # Kept on the way out too.
    assert resp.to_wire()["choices"][0]["message"]["reasoning_content"] == "2+2"


def test_unknown_enum_values_in_responses_are_kept_as_strings() -> None:
    body = {
        "id": "x",
        "model": "m",
        "service_tier": "turbo",
        "choices": [
            {
                "index": 0,
                "message": {"role": "model", "content": "..."},
                "finish_reason": "eos_token",
            }
        ],
    }
    resp = CreateChatCompletionResponse.model_validate_json(json.dumps(body))
    choice = resp.choices[0]
    assert choice.finish_reason == "eos_token"
    assert type(choice.finish_reason) is str
    assert type(choice.message.role) is str and choice.message.role == "model"
    assert resp.service_tier == "turbo" and type(resp.service_tier) is str


# --- Streaming --------------------------------------------------------------------------------

_CHUNK_HEAD = (
    '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1741570283,'
    '"model":"gpt-4o","system_fingerprint":"fp_1","choices":'
)
STREAM = [
    _CHUNK_HEAD + '[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},'
    '"logprobs":null,"finish_reason":null}],"usage":null}',
    # Some servers leave out finish_reason (and logprobs) until the end.
    _CHUNK_HEAD + '[{"index":0,"delta":{"content":"Hel"}}]}',
    _CHUNK_HEAD + '[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}',
    _CHUNK_HEAD + '[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_abc",'
    '"type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}',
    _CHUNK_HEAD + '[{"index":0,"delta":{"tool_calls":[{"index":0,"function":'
    '{"arguments":"{\\"city\\": "}}]},"finish_reason":null}]}',
    _CHUNK_HEAD + '[{"index":0,"delta":{"tool_calls":[{"index":0,"function":'
    '{"arguments":"\\"Paris\\"}"}}]},"finish_reason":null}]}',
    _CHUNK_HEAD + '[{"index":0,"delta":{},"finish_reason":"tool_calls"}],'
    '"usage":{"prompt_tokens":10,"completion_tokens":7,"total_tokens":17}}',
    # OpenAI's include_usage chunk: no choices.
    _CHUNK_HEAD + '[],"usage":{"prompt_tokens":10,"completion_tokens":7,"total_tokens":17}}',
]


def test_stream_chunk_sequence_parses_and_accumulates() -> None:
    chunks = [CreateChatCompletionStreamResponse.model_validate_json(c) for c in STREAM]
    first = chunks[0].choices[0]
    assert first.delta.role is Role.assistant
    assert first.finish_reason is None
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Hello"
    calls = [call for c in chunks if c.choices for call in (c.choices[0].delta.tool_calls or [])]
    assert [c.index for c in calls] == [0, 0, 0]
    assert calls[0].id == "call_abc" and calls[0].type == "function"
    assert calls[0].function is not None and calls[0].function.name == "get_weather"
    arguments = "".join((c.function.arguments or "") if c.function else "" for c in calls)
    assert json.loads(arguments) == {"city": "Paris"}
    last = chunks[-2]
    assert last.choices[0].finish_reason is FinishReason.tool_calls
    assert last.usage is not None and last.usage.total_tokens == 17
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert all(c.usage is None for c in chunks[:-2])


def test_stream_delta_keeps_reasoning_content() -> None:
    chunk = CreateChatCompletionStreamResponse.model_validate_json(
        '{"id":"c","model":"m","created":1,"obfuscation":"xyz",'
        '"choices":[{"index":0,"delta":{"reasoning_content":"think"}}]}'
    )
    assert chunk.choices[0].delta.return_catchall == {"reasoning_content": "think"}
    assert chunk.return_catchall == {"obfuscation": "xyz"}
    assert chunk.object is None and chunk.choices[0].delta.content is None


def test_unknown_finish_reason_in_stream_is_kept() -> None:
    chunk = CreateChatCompletionStreamResponse.model_validate_json(
        '{"id":"c","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"abort"}]}'
    )
    assert chunk.choices[0].finish_reason == "abort"
    assert not isinstance(chunk.choices[0].finish_reason, FinishReason)


# --- The module's shape -----------------------------------------------------------------------


def test_all_lists_every_public_class() -> None:
    public = {
        name
        for name, value in vars(chat).items()
        if not name.startswith("_")
        and getattr(value, "__module__", None) == chat.__name__
        and isinstance(value, type)
    }
    assert set(chat.__all__) >= public
    assert all(hasattr(chat, name) for name in chat.__all__)
    assert len(chat.__all__) == len(set(chat.__all__))


def test_every_class_has_a_docstring() -> None:
    for name in chat.__all__:
        value = getattr(chat, name)
        if isinstance(value, type):
            assert value.__doc__ and value.__doc__.strip(), name


def test_enum_member_names_read_like_the_wire() -> None:
    enums = [v for v in map(chat.__dict__.get, chat.__all__) if isinstance(v, enum.EnumMeta)]
    assert len(enums) >= 15
    for cls in enums:
        assert issubclass(cls, enum.StrEnum), cls
        for member in cls:
            assert member.name == member.value, (cls, member)


def test_request_and_response_bases() -> None:
    # Requests are strict, responses lenient; tool calls and function calls go both ways.
    assert issubclass(CreateChatCompletionRequest, RequestModel)
    assert issubclass(ChatCompletionRequestUserMessage, RequestModel)
    for cls in (
        CreateChatCompletionResponse,
        CreateChatCompletionStreamResponse,
        ChatCompletionMessageToolCall,
        FunctionCall,
        chat.CompletionUsage,
    ):
        assert issubclass(cls, ResponseModel), cls


# --- Coverage of the Rust seed ----------------------------------------------------------------


# tests/spec/chat_seed.json lists the seed's structs (with their fields' wire names) and enums
# (with the wire values of plain unit variants); scripts/seed_types.py derives it from the
# seed, and scripts/test.sh checks that it is current when the seed is there.
SEED_ITEMS: list[dict[str, Any]] = json.loads(SEED_TYPES.read_text(encoding="utf-8"))["items"]


def test_seed_types_are_listed() -> None:
    # The other seed tests are parametrised over this list; an empty one must fail.
    kinds = [item["kind"] for item in SEED_ITEMS]
    assert kinds.count("struct") >= 40 and kinds.count("enum") >= 25
    names = {item["name"] for item in SEED_ITEMS}
    assert {"CreateChatCompletionRequest", "ChatCompletionRequestMessage", "Role"} <= names


def item_id(item: dict[str, Any]) -> str:
    return str(item["name"])


@pytest.mark.parametrize("item", SEED_ITEMS, ids=item_id)
def test_seed_type_exists(item: dict[str, Any]) -> None:
    name = item["name"]
    assert hasattr(chat, name), f"{item['kind']} {name} missing from types.chat"
    assert name in chat.__all__


STRUCTS = [item for item in SEED_ITEMS if item["kind"] == "struct"]


@pytest.mark.parametrize("item", STRUCTS, ids=item_id)
def test_seed_struct_fields_exist(item: dict[str, Any]) -> None:
    cls = getattr(chat, item["name"])
    assert isinstance(cls, type) and issubclass(cls, BaseModel), item["name"]
    wire_names = {f.alias or name for name, f in cls.model_fields.items()}
    for field in item["fields"]:
        name = field["name"]
        if field["flatten"]:
            # Flattened into the body: not a wire key, but the Rust name is there to use.
            assert name in cls.model_fields or isinstance(getattr(cls, name, None), property), (
                f"{item['name']}.{name}"
            )
        else:
            assert name in wire_names, f"{item['name']}.{name}"


UNIT_ENUMS = [
    item for item in SEED_ITEMS if item["kind"] == "enum" and item["unit_values"] is not None
]


def test_unit_enums_found() -> None:
    assert len(UNIT_ENUMS) >= 12


@pytest.mark.parametrize("item", UNIT_ENUMS, ids=item_id)
def test_seed_unit_enum_values_exist(item: dict[str, Any]) -> None:
    cls = getattr(chat, item["name"])
    assert issubclass(cls, enum.StrEnum), item["name"]
    for value in item["unit_values"]:
        assert cls(value).name == value, f"{item['name']}: {value}"
