"""client.responses.stream (typed events, the final response) and client.responses.parse
(text_format into a strict text.format, output_parsed, parsed function-call arguments)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
    StreamError,
)
from async_openai_wasm.lib import ParsedResponse, pydantic_function_tool
from async_openai_wasm.types.responses import FunctionToolCall, ResponseTextDeltaEvent


class Answer(BaseModel):
    title: str
    score: int


ANSWER = '{"title": "Rain", "score": 7}'


def response(output: list[dict[str, Any]], status: str = "completed") -> dict[str, Any]:
    return {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": status,
        "model": "m",
        "output": output,
    }


def message(text: str) -> dict[str, Any]:
    part = {"type": "output_text", "text": text, "annotations": []}
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "status": "completed",
        "content": [part],
    }


FUNCTION_CALL = {
    "id": "fc_1", "type": "function_call", "call_id": "call_1", "name": "Answer",
    "arguments": ANSWER, "status": "completed",
}  # fmt: skip


def events(text: str, *, completed: bool = True) -> bytes:
    pieces = [text[: len(text) // 2], text[len(text) // 2 :]]
    items: list[dict[str, Any]] = [
        {"type": "response.created", "response": response([], "in_progress")},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**message(""), "content": []}},
        *({"type": "response.output_text.delta", "item_id": "msg_1", "output_index": 0,
           "content_index": 0, "delta": piece} for piece in pieces),
        {"type": "response.output_text.done", "item_id": "msg_1", "output_index": 0,
         "content_index": 0, "text": text},
        {"type": "response.output_item.done", "output_index": 0, "item": message(text)},
    ]  # fmt: skip
    if completed:
        items.append({"type": "response.completed", "response": response([message(text)])})
    return "".join(
        f"event: {item['type']}\ndata: {json.dumps({**item, 'sequence_number': n})}\n\n"
        for n, item in enumerate(items)
    ).encode()


def client_answering(answer: Any) -> tuple[Client, list[dict[str, Any]]]:
    bodies: list[dict[str, Any]] = []

    def handler(request: Request) -> Response:
        bodies.append(json.loads(request.body))  # type: ignore[arg-type]
        if isinstance(answer, bytes):
            return Response.from_chunks(
                200, [answer], {"content-type": "text/event-stream", "x-request-id": "req_s"}
            )
        return Response.from_json(200, answer, {"x-request-id": "req_p"})

    return Client(
        OpenAIConfig(api_key="sk-t", api_base="http://m/v1"), transport=MockTransport(handler)
    ), bodies


async def test_parse_sends_a_strict_text_format_and_fills_output_parsed() -> None:
    client, bodies = client_answering(response([message(ANSWER)]))
    parsed = await client.responses.parse(model="m", input="Rate rain.", text_format=Answer)
    assert isinstance(parsed, ParsedResponse)
    assert parsed.output_parsed == Answer(title="Rain", score=7)
    assert parsed.output_text == ANSWER and parsed._request_id == "req_p"
    fmt = bodies[0]["text"]["format"]
    assert (fmt["type"], fmt["name"], fmt["strict"]) == ("json_schema", "Answer", True)
    assert fmt["schema"]["additionalProperties"] is False


async def test_parse_keeps_a_refusal_and_parses_function_calls() -> None:
    refusal = {**message(""), "content": [{"type": "refusal", "refusal": "No."}]}
    client, bodies = client_answering(response([refusal, FUNCTION_CALL]))
    parsed = await client.responses.parse(
        model="m", input="x", text_format=Answer, tools=[pydantic_function_tool(Answer)]
    )
    assert parsed.output_parsed is None
    call = parsed.output[1]
    assert isinstance(call, FunctionToolCall)
    assert call.parsed_arguments == Answer(title="Rain", score=7)  # type: ignore[attr-defined]
    tool = bodies[0]["tools"][0]
    assert (tool["type"], tool["name"], tool["strict"]) == ("function", "Answer", True)
    assert tool["parameters"]["required"] == ["title", "score"]


async def test_parse_refuses_a_text_format_that_is_not_a_model() -> None:
    client, bodies = client_answering(response([]))
    with pytest.raises(InvalidArgumentError, match="text_format"):
        await client.responses.parse(model="m", input="x", text_format={"type": "json_object"})  # type: ignore[arg-type]
    assert bodies == []


async def test_stream_yields_typed_events_and_the_final_response_parsed() -> None:
    client, bodies = client_answering(events(ANSWER))
    async with client.responses.stream(model="m", input="x", text_format=Answer) as stream:
        kinds = [event.type async for event in stream]
        final = await stream.get_final_response()
    assert kinds[0] == "response.created" and kinds[-1] == "response.completed"
    assert kinds.count("response.output_text.delta") == 2
    assert final.output_parsed == Answer(title="Rain", score=7)
    assert final._request_id == "req_s"
    assert bodies[0]["stream"] is True and bodies[0]["text"]["format"]["name"] == "Answer"


async def test_stream_text_stream_and_a_stream_without_its_completed_event() -> None:
    client, _ = client_answering(events("Hello there"))
    async with client.responses.stream(model="m", input="x") as stream:
        assert "".join([piece async for piece in stream.text_stream]) == "Hello there"
    client, _ = client_answering(events("Hello", completed=False))
    deltas = []
    async with client.responses.stream(model="m", input="x") as stream:
        with pytest.raises(StreamError, match=r"response\.completed"):
            async for event in stream:
                if isinstance(event, ResponseTextDeltaEvent):
                    deltas.append(event)
        with pytest.raises(StreamError, match=r"response\.completed"):
            await stream.get_final_response()
    assert len(deltas) == 2  # the events before the end arrived
