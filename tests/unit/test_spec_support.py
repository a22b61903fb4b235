"""The spec test tools: the trimmed spec is what the official spec gives, request bodies are
checked against it (naming what is wrong), and Prism serves it to our client, with CORS."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest

from async_openai_wasm import (
    AuthenticationError,
    Client,
    MultipartForm,
    OpenAIConfig,
    RecordingTransport,
    Request,
)
from async_openai_wasm._transport import FilePart
from async_openai_wasm.types.chat import (
    CreateChatCompletionResponse,
    CreateChatCompletionStreamResponse,
)
from support.prism import PrismError, prism_for_session, start_prism
from support.spec import (
    TRIMMED_SPEC,
    example_events,
    operation_for,
    request_to_validation_args,
    to_record,
    trim_script,
    validate_recorded,
    validate_request,
    validate_schema,
)

ROOT = Path(__file__).resolve().parents[2]
MULTIPART = "multipart/form-data"

CHAT = {
    "model": "gpt-4o-mini",
    "messages": [
        {"role": "system", "content": [{"type": "text", "text": "Be brief."}]},
        {"role": "user", "content": "Weather in Paris?"},
        {
            "role": "assistant",
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "weather", "arguments": '{"city":"Paris"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "sunny"},
    ],
    "tools": [
        {
            "type": "function",
            "function": {
                "name": "weather",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
            },
        }
    ],
    "response_format": {"type": "json_schema", "json_schema": {"name": "w", "strict": True}},
    "temperature": 0.2,
    "stream_options": {"include_usage": True},
    "metadata": {"run": "test"},
}


def _failure(method: str, path: str, body: Any, content_type: str = "application/json") -> str:
    with pytest.raises(AssertionError) as info:
        validate_request(method, path, body, content_type=content_type)
    return str(info.value)


# ---------------------------------------------------------------- the trimmed spec


def _keys_named(key: str, node: Any, where: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Where ``key`` occurs as a key in a JSON tree, as paths of keys."""
    found = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key:
                found.append((*where, name))
            found.extend(_keys_named(key, value, (*where, name)))
    elif isinstance(node, list):
        for item in node:
            found.extend(_keys_named(key, item, where))
    return found


def test_trimmed_spec_keeps_every_covered_operation_and_no_documentation() -> None:
    trim = trim_script()
    spec = json.loads(TRIMMED_SPEC.read_text(encoding="utf-8"))
    for entries in trim.COVERED.values():
        for entry in entries:
            method, path = entry.split(" ", 1)
            assert method.lower() in spec["paths"][path], entry
    text = TRIMMED_SPEC.read_text(encoding="utf-8")
    assert '"examples"' not in text
    assert '"x-oaiMeta"' not in text
    # The only examples are the event streams the script builds for Prism.
    assert [
        where for where in _keys_named("example", spec) if where[-2] != "text/event-stream"
    ] == []
    # A property named "description" (an assistant's) is data, not documentation.
    assert "description" in spec["components"]["schemas"]["CreateAssistantRequest"]["properties"]
    assert "description" not in spec["components"]["schemas"]["CreateAssistantRequest"]


def test_every_stream_example_is_made_of_events_the_spec_describes() -> None:
    trim = trim_script()
    spec = json.loads(TRIMMED_SPEC.read_text(encoding="utf-8"))
    checked = set()
    for entry, (schema, framing) in trim.STREAMS.items():
        method, path = entry.split(" ", 1)
        content = spec["paths"][path][method.lower()]["responses"]["200"]["content"]
        assert content["text/event-stream"]["schema"] == {"type": "string"}
        example = content["text/event-stream"]["example"]
        if example in checked:  # the three run operations share one
            continue
        checked.add(example)
        events = example_events(method, path)
        assert len(events) >= 2, entry
        for name, data in events:
            if framing == "named":  # AssistantStreamEvent: {event, data} pairs
                value = data if data == "[DONE]" else json.loads(data)
                validate_schema(schema, {"event": name, "data": value})
            elif data != "[DONE]":
                validate_schema(schema, json.loads(data))
                assert framing == "data" or json.loads(data)["type"] == name, entry
        names = [name for name, _ in events]
        if framing == "data":
            assert events[-1] == (None, "[DONE]"), entry
        else:
            assert len(set(names)) == len(names), f"{entry}: one event of each kind"
            assert "error" not in names, entry  # a client raises on it: not a stream to read
    names = [name for name, _ in example_events("POST", "/threads/runs")]
    assert {"thread.run.created", "thread.message.delta", "thread.run.completed"} <= set(names)
    assert names[-1] == "done"


def test_validate_schema_checks_a_named_schema() -> None:
    validate_schema("RealtimeClientEvent", {"type": "input_audio_buffer.append", "audio": "AA=="})
    with pytest.raises(AssertionError, match="not a valid RealtimeClientEvent per the spec"):
        validate_schema("RealtimeClientEvent", {"type": "input_audio_buffer.append"})
    with pytest.raises(AssertionError, match="no schema 'NoSuchThing'"):
        validate_schema("NoSuchThing", {})


# ---------------------------------------------------------------- operations


def test_operation_for_matches_path_templates() -> None:
    assert operation_for("GET", "/files/file-abc/content")["operationId"] == "downloadFile"
    assert operation_for("get", "/models/gpt-4o?x=1")["operationId"] == "retrieveModel"
    # A literal segment wins over a template that also matches.
    assert operation_for("POST", "/threads/runs")["operationId"] == "createThreadAndRun"
    assert operation_for("POST", "/threads/thread_1")["operationId"] == "modifyThread"


def test_operation_for_rejects_unknown_paths_and_methods() -> None:
    with pytest.raises(AssertionError, match="no operation of the trimmed spec"):
        operation_for("GET", "/v1/models")
    with pytest.raises(AssertionError, match="the spec has GET, POST for this path"):
        operation_for("PUT", "/files")


# ---------------------------------------------------------------- JSON bodies


def test_a_valid_chat_body_passes() -> None:
    validate_request("POST", "/chat/completions", CHAT)
    validate_request("POST", "/chat/completions", json.dumps(CHAT))  # as sent: JSON text


def test_a_wrong_type_names_the_field() -> None:
    message = _failure("POST", "/chat/completions", {**CHAT, "temperature": "hot"})
    assert "POST /chat/completions (createChatCompletion)" in message
    assert "at $.temperature:" in message
    assert "'hot' is not of type 'number'" in message


def test_a_missing_required_field_is_named() -> None:
    body = {k: v for k, v in CHAT.items() if k != "model"}
    assert "at $: 'model' is a required property" in _failure("POST", "/chat/completions", body)


def test_fields_the_spec_does_not_declare_are_rejected_at_any_depth() -> None:
    body = {**CHAT, "temprature": 1, "messages": [{"role": "user", "content": "hi", "nam": "x"}]}
    message = _failure("POST", "/chat/completions", body)
    assert "at $.temprature: 'temprature' is not a field" in message
    assert "at $.messages[0].nam: 'nam' is not a field" in message
    # A free-form map (metadata, logit_bias) takes any key.
    validate_request("POST", "/chat/completions", {**CHAT, "logit_bias": {"50256": -100}})


def test_nullable_fields_take_null_and_others_do_not() -> None:
    validate_request("POST", "/chat/completions", {**CHAT, "temperature": None})
    assert "at $.model:" in _failure("POST", "/chat/completions", {**CHAT, "model": None})


def test_overlapping_one_of_branches_accept_what_the_api_accepts() -> None:
    # A message matches both EasyInputMessage and Item in the spec's oneOf.
    body = {"model": "gpt-4o", "input": [{"role": "user", "content": "hi"}]}
    validate_request("POST", "/responses", body)


def test_a_discriminated_union_reports_the_chosen_branch() -> None:
    good = {"type": "eq", "key": "author", "value": "me"}
    nested = {"type": "and", "filters": [good, {"type": "or", "filters": [good]}]}
    validate_request("POST", "/vector_stores/vs_1/search", {"query": "q", "filters": nested})

    bad = {"type": "and", "filters": [{"type": "eq", "key": "author", "valu": "me"}]}
    message = _failure("POST", "/vector_stores/vs_1/search", {"query": "q", "filters": bad})
    assert "$.filters.filters[0]: 'value' is a required property" in message


def test_bodies_where_the_spec_has_none_or_requires_one() -> None:
    assert "defines no request body" in _failure("GET", "/models", {"x": 1})
    assert "requires a request body" in _failure("POST", "/embeddings", None)
    validate_request("DELETE", "/files/file-1")


def test_a_content_type_the_operation_does_not_take() -> None:
    assert "takes multipart/form-data, not application/json" in _failure("POST", "/files", {})


# ---------------------------------------------------------------- multipart bodies


def test_multipart_fields_are_read_per_the_schema() -> None:
    form = {
        "file": b"RIFF",
        "model": "whisper-1",
        "temperature": "0.5",  # a number, as text
        "stream": "false",  # a boolean, as text
        "timestamp_granularities[]": ["word", "segment"],
        "chunking_strategy": '{"type":"server_vad"}',  # an object, as JSON text
    }
    validate_request("POST", "/audio/transcriptions", form, content_type=MULTIPART)
    validate_request(
        "POST", "/files", {"file": "<file>", "purpose": "batch"}, content_type=MULTIPART
    )


def test_multipart_mistakes_are_named() -> None:
    message = _failure(
        "POST",
        "/audio/transcriptions",
        {"file": "<file>", "model": "whisper-1", "temperature": "warm", "language": b"x"},
        MULTIPART,
    )
    assert "at $.temperature: 'warm' is not of type 'number'" in message
    assert "at $.language: a file was sent where the spec has no binary field" in message

    message = _failure("POST", "/files", {"file": "<file>", "purpose": "x", "name": "a"}, MULTIPART)
    assert "at $.purpose: 'x' is not one of" in message
    assert "at $.name: 'name' is not a field" in message

    message = _failure("POST", "/files", {"file": "<file>", "purpose[]": ["batch"]}, MULTIPART)
    assert "at $.purpose: sent as a list (purpose[]) but not an array" in message

    assert "'file' is a required property" in _failure(
        "POST", "/files", {"purpose": "batch"}, MULTIPART
    )


# ---------------------------------------------------------------- recorded requests


def _form_request() -> Request:
    form = MultipartForm(
        fields=[("model", "dall-e-2"), ("prompt", "a cat"), ("n", "2")],
        files=[("image[]", FilePart("a.png", b"PNG")), ("image[]", FilePart("b.png", b"PNG"))],
    )
    return Request("POST", "http://api.test/v1/images/edits?x=1", {}, form)


def test_request_to_validation_args() -> None:
    json_request = Request(
        "POST", "http://api.test/v1/embeddings", {"Content-Type": "application/json"}, "{}"
    )
    args = request_to_validation_args(json_request, "http://api.test/v1/")
    assert args == ("POST", "/embeddings", {}, "application/json")

    method, path, body, content_type = request_to_validation_args(
        _form_request(), "http://api.test/v1"
    )
    assert (method, path, content_type) == ("POST", "/images/edits", MULTIPART)
    assert body == {
        "model": "dall-e-2",
        "prompt": "a cat",
        "n": "2",
        "image[]": ["<file>", "<file>"],
    }

    with pytest.raises(AssertionError, match=r"was not sent to the API at http://other\.test"):
        request_to_validation_args(json_request, "http://other.test")


def test_validate_recorded_takes_requests_and_plain_records() -> None:
    chat = Request(
        "POST", "http://api.test/chat/completions", {"Content-Type": "application/json"}, "{}"
    )
    records: list[Any] = [_form_request(), to_record(_form_request())]
    assert validate_recorded(records, "http://api.test/v1") == 2
    with pytest.raises(AssertionError, match="'model' is a required property"):
        validate_recorded([chat], "http://api.test")
    with pytest.raises(AssertionError, match="no requests were recorded"):
        validate_recorded([], "http://api.test")


# ---------------------------------------------------------------- Prism


async def test_chat_round_trip_through_prism(prism_url: str) -> None:
    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    async with client:
        response = await client.chat.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], temperature=0.5
        )
    assert isinstance(response, CreateChatCompletionResponse)
    assert response.choices[0].message.role == "assistant"
    assert [(r.method, r.url) for r in transport.requests] == [
        ("POST", prism_url + "/chat/completions")
    ]
    assert validate_recorded(transport.requests, prism_url) == 1


async def test_chat_stream_through_prism(prism_url: str) -> None:
    # Prism sends the trimmed spec's stream example for Accept: text/event-stream.
    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    async with client:
        stream = await client.chat.create_stream(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
        )
        chunks = [chunk async for chunk in stream]
    assert len(chunks) == 1
    assert isinstance(chunks[0], CreateChatCompletionStreamResponse)
    assert chunks[0].object == "chat.completion.chunk"
    assert validate_recorded(transport.requests, prism_url) == 1


async def test_prism_checks_the_api_key(prism_url: str) -> None:
    async with Client(OpenAIConfig(api_key="", api_base=prism_url), max_retries=0) as client:
        with pytest.raises(AuthenticationError):
            await client.chat.create(model="m", messages=[{"role": "user", "content": "Hi"}])


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/chat/completions", "authorization, content-type, openai-beta"),
        ("/files", "authorization, openai-beta"),  # multipart: the browser sets its own type
    ],
)
async def test_prism_allows_cross_origin_calls(prism_url: str, path: str, headers: str) -> None:
    origin = "http://127.0.0.1:1"  # a page on another origin, as the dist server's
    async with httpx.AsyncClient() as http:
        preflight = await http.options(
            prism_url + path,
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": headers,
            },
        )
        upload = await http.post(
            prism_url + "/files",
            headers={"Origin": origin, "Authorization": "Bearer sk-test"},
            data={"purpose": "batch"},
            files={"file": ("a.jsonl", b"{}")},
        )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == origin
    allowed = {h.strip() for h in preflight.headers["access-control-allow-headers"].split(",")}
    assert set(headers.split(", ")) <= allowed
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert upload.status_code == 200
    assert upload.headers["access-control-allow-origin"] in (origin, "*")
    assert upload.json()["object"] == "file"


def test_start_prism_reports_why_it_failed(tmp_path: Path) -> None:
    with pytest.raises(PrismError) as info:
        start_prism(tmp_path / "missing.json", timeout=60)
    message = str(info.value)
    assert "prism exited with status" in message
    assert "missing.json" in message  # Prism's own output, quoted


def test_a_prism_url_that_does_not_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    monkeypatch.setenv("PRISM_URL", closed)
    with (
        pytest.raises(PrismError, match=re.escape(f"PRISM_URL={closed} does not answer")),
        prism_for_session(),
    ):
        pass
