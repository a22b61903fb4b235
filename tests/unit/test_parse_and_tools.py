"""client.chat.parse (structured outputs, parsed tool arguments) and client.chat.run_tools
(plain functions as tools, rounds until an answer, errors as tool messages, streamed)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    JSONDeserializeError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm.lib import ToolResultEvent, function_tool, pydantic_function_tool
from support.chat_chunks import chunk, delta, sse_body

USER = [{"role": "user", "content": "x"}]


class Weather(BaseModel):
    """The weather in a city."""

    city: str
    days: int


def completion(message: dict[str, Any], finish: str = "stop") -> dict[str, Any]:
    return {
        "id": "c",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [
            {"index": 0, "message": {"role": "assistant", **message}, "finish_reason": finish}
        ],
    }


def call(name: str, arguments: str, call_id: str = "call_1") -> dict[str, Any]:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


def client_answering(*answers: Any) -> tuple[Client, list[dict[str, Any]]]:
    """A client whose server gives the answers in turn (a dict: JSON; bytes: an event stream)."""
    queue = list(answers)
    bodies: list[dict[str, Any]] = []

    def handler(request: Request) -> Response:
        bodies.append(json.loads(request.body))  # type: ignore[arg-type]
        answer = queue.pop(0)
        if isinstance(answer, bytes):
            return Response.from_chunks(200, [answer], {"content-type": "text/event-stream"})
        return Response.from_json(200, answer, {"x-request-id": f"req_{len(bodies)}"})

    config = OpenAIConfig(api_key="sk-t", api_base="http://m/v1")
    return Client(config, transport=MockTransport(handler)), bodies


# -- parse -----------------------------------------------------------------------------------


async def test_parse_fills_parsed_and_keeps_refusals() -> None:
    client, bodies = client_answering(
        completion({"content": '{"city": "Oslo", "days": 2}'}),
        completion({"content": None, "refusal": "No."}),
    )
    done = await client.chat.parse(model="m", messages=USER, response_format=Weather)
    assert done.choices[0].message.parsed == Weather(city="Oslo", days=2)
    assert done._request_id == "req_1"
    schema = bodies[0]["response_format"]["json_schema"]
    assert (schema["name"], schema["strict"], schema["schema"]["required"]) == (
        "Weather",
        True,
        ["city", "days"],
    )
    refused = await client.chat.parse(model="m", messages=USER, response_format=Weather)
    assert (refused.choices[0].message.refusal, refused.choices[0].message.parsed) == ("No.", None)


async def test_parse_fills_parsed_arguments_of_strict_tools() -> None:
    client, bodies = client_answering(
        completion(
            {
                "content": None,
                "tool_calls": [
                    call("Weather", '{"city": "Rome", "days": 1}'),
                    call("lookup", '{"q": "a"}', "call_2"),
                    call("loose", '{"q": "b"}', "call_3"),
                ],
            },
            "tool_calls",
        )
    )
    tools = [
        pydantic_function_tool(Weather),
        {"type": "function", "function": {"name": "lookup", "parameters": {}, "strict": True}},
        {"type": "function", "function": {"name": "loose", "parameters": {}}},
    ]
    done = await client.chat.parse(model="m", messages=USER, tools=tools)
    parsed = [c.function.parsed_arguments for c in done.choices[0].message.tool_calls or []]
    assert parsed == [Weather(city="Rome", days=1), {"q": "a"}, None]
    sent = bodies[0]["tools"][0]["function"]
    assert (sent["name"], sent["strict"], sent["description"]) == (
        "Weather",
        True,
        "The weather in a city.",
    )


async def test_parse_errors_are_typed_and_name_what_was_wrong() -> None:
    client, bodies = client_answering(completion({"content": '{"city": "Oslo"}'}))
    with pytest.raises(JSONDeserializeError, match=r"choice 0.*Weather"):
        await client.chat.parse(model="m", messages=USER, response_format=Weather)
    with pytest.raises(InvalidArgumentError, match="response_format"):
        await client.chat.parse(model="m", messages=USER, response_format={"type": "json_object"})  # type: ignore[arg-type]
    assert len(bodies) == 1  # the second was refused before sending


# -- tool runs -------------------------------------------------------------------------------


def add(a: int, b: int = 0) -> int:
    """Adds two numbers.

    Args:
        a: The first number.
        b: The second number,
            zero unless given.
    """
    return a + b


async def clock(tz: str) -> str:
    return f"12:00 {tz}"


def test_a_function_tool_takes_its_schema_from_signature_and_docstring() -> None:
    tool = function_tool(add)
    function = tool.function
    assert (function.name, function.description, function.strict) == (
        "add",
        "Adds two numbers.",
        True,
    )
    assert function.parameters == {
        "type": "object",
        "properties": {
            "a": {"type": "integer", "title": "A", "description": "The first number."},
            "b": {
                "type": "integer",
                "title": "B",
                "description": "The second number, zero unless given.",
            },
        },
        "required": ["a", "b"],
        "additionalProperties": False,
    }


async def test_run_tools_runs_each_call_until_an_answer() -> None:
    client, bodies = client_answering(
        completion(
            {
                "content": None,
                "tool_calls": [
                    call("add", '{"a": 2, "b": 3}'),
                    call("clock", '{"tz": "UTC"}', "call_2"),
                ],
            },
            "tool_calls",
        ),
        completion(
            {"content": None, "tool_calls": [call("add", '{"a": 5, "b": 1}', "call_3")]},
            "tool_calls",
        ),
        completion({"content": "Six, at noon."}),
    )
    done = await client.chat.run_tools(model="m", messages=USER, tools=[add, clock])
    assert done.choices[0].message.content == "Six, at noon."
    assert [m["role"] for m in done.messages] == [
        "user",
        "assistant",
        "tool",
        "tool",
        "assistant",
        "tool",
        "assistant",
    ]
    assert [m["content"] for m in done.messages if m["role"] == "tool"] == ["5", "12:00 UTC", "6"]
    assert [m["tool_call_id"] for m in done.messages if m["role"] == "tool"] == [
        "call_1",
        "call_2",
        "call_3",
    ]
    assert len(bodies) == 3
    assert bodies[2]["messages"] == done.messages[:-1]  # each round sends the conversation so far
    assert [t["function"]["name"] for t in bodies[0]["tools"]] == ["add", "clock"]


async def test_a_tool_that_raises_or_gets_bad_arguments_becomes_a_tool_message() -> None:
    def explode(x: int) -> int:
        raise RuntimeError("no fuel")

    answers = [
        completion(
            {
                "content": None,
                "tool_calls": [
                    call("explode", '{"x": 1}'),
                    call("add", '{"a": "many"}', "call_2"),
                    call("nope", "{}", "call_3"),
                ],
            },
            "tool_calls",
        ),
        completion({"content": "Sorry."}),
    ]
    client, _ = client_answering(*answers)
    done = await client.chat.run_tools(model="m", messages=USER, tools=[explode, add])
    contents = [m["content"] for m in done.messages if m["role"] == "tool"]
    assert contents[0] == "Error: RuntimeError: no fuel"
    assert (
        contents[1].startswith("Error: InvalidArgumentError: invalid arguments for add")
        and "a" in contents[1]
    )
    assert contents[2] == "Error: InvalidArgumentError: there is no tool named 'nope'"

    client, _ = client_answering(*answers)
    done = await client.chat.run_tools(
        model="m", messages=USER, tools=[explode, add], on_tool_error=lambda exc: f"failed: {exc}"
    )
    assert next(m["content"] for m in done.messages if m["role"] == "tool") == "failed: no fuel"

    client, _ = client_answering(*answers)
    with pytest.raises(RuntimeError, match="no fuel"):
        await client.chat.run_tools(
            model="m", messages=USER, tools=[explode, add], on_tool_error="raise"
        )


async def test_tool_and_handler_pairs_and_max_rounds() -> None:
    seen: list[Any] = []

    async def weather(args: Weather) -> dict[str, Any]:
        seen.append(args)
        return {"temp": 21}

    looping = completion(
        {"content": None, "tool_calls": [call("Weather", '{"city": "Rome", "days": 1}')]},
        "tool_calls",
    )
    client, bodies = client_answering(looping, looping)
    done = await client.chat.run_tools(
        model="m", messages=USER, tools=[(pydantic_function_tool(Weather), weather)], max_rounds=2
    )
    assert seen == [Weather(city="Rome", days=1)]  # the last round's calls are not run
    assert done.choices[0].finish_reason == "tool_calls" and len(bodies) == 2
    assert [m["content"] for m in done.messages if m["role"] == "tool"] == ['{"temp": 21}']


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"tools": []}, "at least one tool"),
        ({"tools": [42]}, "a function or a"),
        ({"tools": [add, add]}, "two tools are named 'add'"),
        ({"tools": [add], "max_rounds": 0}, "max_rounds"),
        ({"tools": [add], "on_tool_error": "ignore"}, "on_tool_error"),
    ],
)
async def test_bad_tool_runs_are_refused_before_sending(kwargs: dict[str, Any], named: str) -> None:
    client, bodies = client_answering()
    with pytest.raises(InvalidArgumentError, match=named):
        await client.chat.run_tools(model="m", messages=USER, **kwargs)
    assert bodies == []


async def test_run_tools_stream_yields_every_rounds_events() -> None:
    first = sse_body(
        [
            chunk(
                delta(
                    role="assistant",
                    tool_calls=[
                        {
                            "index": 0,
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "add", "arguments": ""},
                        }
                    ],
                )
            ),
            chunk(delta(tool_calls=[{"index": 0, "function": {"arguments": '{"a": 1, "b": 1}'}}])),
            chunk(delta(finish="tool_calls")),
        ]
    )
    second = sse_body([chunk(delta(content="Two.")), chunk(delta(finish="stop"))])
    client, bodies = client_answering(first, second)
    async with client.chat.run_tools_stream(model="m", messages=USER, tools=[add]) as run:
        kinds = [e.type async for e in run if e.type != "chunk"]
        done = await run.get_final_completion()
    assert kinds == [
        "tool_calls.function.arguments.delta",
        "tool_calls.function.arguments.delta",
        "tool_calls.function.arguments.done",
        "tool.result",
        "content.delta",
        "content.done",
    ]
    assert done.choices[0].message.content == "Two."
    assert done.messages[2] == {"role": "tool", "tool_call_id": "call_1", "content": "2"}
    assert all(body["stream"] for body in bodies)
    assert ToolResultEvent.type == "tool.result"
