"""The mock server's answers for the helpers: tool calls, text after a tool result,
json_schema values generated from the schema (plain and streamed), and the Responses API
(create and stream). Streamed and plain answers to the same request add up to the same."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel

from async_openai_wasm import Client, OpenAIConfig
from async_openai_wasm.lib import accumulate, pydantic_function_tool, to_strict_json_schema
from async_openai_wasm.testing import MockServer
from async_openai_wasm.types.responses import FunctionToolCall
from support.schema_corpus import ACCEPTED


class Lookup(BaseModel):
    """Looks a word up."""

    word: str
    limit: int


@pytest.fixture
async def client() -> AsyncIterator[tuple[Client, MockServer]]:
    async with (
        MockServer(chunks=5) as server,
        Client(OpenAIConfig(api_key="sk-t", api_base=server.base_url)) as c,
    ):
        yield c, server


TOOL = pydantic_function_tool(Lookup, name="lookup")
USER = [{"role": "user", "content": "Define rain."}]


def same(a: BaseModel) -> dict[str, Any]:
    """A completion's choices as a comparison sees them (no ids, no parsed fields)."""
    dumped = a.model_dump(include={"choices"}, exclude_none=True)
    for choice in dumped["choices"]:
        choice["message"].pop("parsed", None)
        for call in choice["message"].get("tool_calls") or ():
            call["function"].pop("parsed_arguments", None)
            call.pop("id")
    return dumped


@pytest.mark.parametrize(
    "fields",
    [
        {"messages": USER},
        {"messages": USER, "tools": [TOOL]},
        {"messages": USER, "response_format": Lookup},
        {
            "messages": [
                *USER,
                {
                    "role": "assistant",
                    "tool_calls": [
                        {
                            "id": "c1",
                            "type": "function",
                            "function": {"name": "lookup", "arguments": "{}"},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": "c1", "content": "water from clouds"},
            ],
            "tools": [TOOL],
        },
    ],
    ids=["text", "tool_call", "json_schema", "after_tool_result"],
)
async def test_streamed_answers_accumulate_to_the_plain_answer(
    client: tuple[Client, MockServer], fields: dict[str, Any]
) -> None:
    c, _ = client
    plain = await c.chat.parse(model="m", **fields)
    async with c.chat.stream(model="m", stream_options={"include_usage": True}, **fields) as s:
        streamed = await s.get_final_completion()
    raw_fields = dict(fields)
    if "response_format" in raw_fields:  # create_stream takes the format as the wire has it
        schema = to_strict_json_schema(Lookup)
        raw_fields["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": "Lookup", "schema": schema, "strict": True},
        }
    chunks = await c.chat.create_stream(model="m", **raw_fields)
    async with chunks:
        alone = await accumulate(chunks)
    assert same(streamed) == same(plain) == same(alone)
    assert streamed.usage == plain.usage
    message = plain.choices[0].message
    if "tools" in fields and fields["messages"][-1]["role"] == "user":
        (call,) = message.tool_calls or []
        assert call.function.name == "lookup" and plain.choices[0].finish_reason == "tool_calls"
        assert call.function.parsed_arguments == Lookup(word="word", limit=1)
        assert streamed.choices[0].message.tool_calls[0].id.startswith("call_mock")
    elif "response_format" in fields:
        assert message.parsed == Lookup(word="word", limit=1)
    elif "tools" in fields:
        assert message.content == "The tool answered: water from clouds."
    else:
        assert (message.content or "").startswith("You said: Define rain.")


@pytest.mark.parametrize("model", ACCEPTED, ids=lambda m: m.__name__)
async def test_json_schema_answers_are_valid_against_the_schema(
    client: tuple[Client, MockServer], model: type[BaseModel]
) -> None:
    c, _ = client
    done = await c.chat.parse(model="m", messages=USER, response_format=model)
    content = json.loads(done.choices[0].message.content or "")
    Draft202012Validator(to_strict_json_schema(model)).validate(content)
    assert isinstance(done.choices[0].message.parsed, model)


async def test_tool_choice_none_and_named(client: tuple[Client, MockServer]) -> None:
    c, _ = client
    parameters = {"type": "object", "properties": {}}
    other = {"type": "function", "function": {"name": "other", "parameters": parameters}}
    none = await c.chat.create(model="m", messages=USER, tools=[other, TOOL], tool_choice="none")
    named = await c.chat.create(
        model="m",
        messages=USER,
        tools=[other, TOOL],
        tool_choice={"type": "function", "function": {"name": "lookup"}},
    )
    assert none.choices[0].message.tool_calls is None
    assert named.choices[0].message.tool_calls[0].function.name == "lookup"  # type: ignore[index]


class Note(BaseModel):
    times: int
    text: str


async def test_tool_choice_auto_calls_only_a_named_tool(client: tuple[Client, MockServer]) -> None:
    # A model's choice: text unless the user names a tool; the words after the name are its
    # arguments, in order, a last string parameter taking the rest of the text.
    c, _ = client
    note = pydantic_function_tool(Note, name="write_note")
    tools = [TOOL, note]

    async def ask(text: str) -> Any:
        messages = [{"role": "user", "content": text}]
        done = await c.chat.create(model="m", messages=messages, tools=tools, tool_choice="auto")
        return done.choices[0].message

    plain = await ask("Define rain.")
    assert plain.tool_calls is None and (plain.content or "").startswith("You said: Define rain.")
    (call,) = (await ask("Please Write Note 3 buy milk, eggs")).tool_calls
    assert call.function.name == "write_note"
    assert json.loads(call.function.arguments) == {"times": 3, "text": "buy milk, eggs"}
    (call,) = (await ask("lookup rain 2")).tool_calls
    assert json.loads(call.function.arguments) == {"word": "rain", "limit": 2}
    # A word that does not fit its parameter leaves the generated values.
    (call,) = (await ask("write_note many")).tool_calls
    assert json.loads(call.function.arguments) == {"times": 1, "text": "text"}
    assert (await ask("writenote 3 x")).tool_calls is None  # the name, not a part of it


async def test_responses_create_and_stream(client: tuple[Client, MockServer]) -> None:
    c, server = client
    text = await c.responses.create(model="m", input="Hello")
    assert text.output_text.startswith("You said: Hello.") and text.status == "completed"
    async with c.responses.stream(model="m", input="Hello") as stream:
        kinds = [event.type async for event in stream]
        final = await stream.get_final_response()
    assert final.output_text == text.output_text
    assert kinds[:3] == ["response.created", "response.in_progress", "response.output_item.added"]
    assert kinds.count("response.output_text.delta") == 5 and kinds[-1] == "response.completed"
    assert server.last("/v1/responses").completed

    tools = [TOOL]
    called = await c.responses.parse(model="m", input="Define rain.", tools=tools)
    (call,) = called.output
    assert isinstance(call, FunctionToolCall) and call.name == "lookup"
    assert call.parsed_arguments == Lookup(word="word", limit=1)  # type: ignore[attr-defined]
    async with c.responses.stream(model="m", input="Define rain.", tools=tools) as stream:
        kinds = [event.type async for event in stream]
        streamed = await stream.get_final_response()
    assert "response.function_call_arguments.done" in kinds
    assert streamed.output[0].arguments == call.arguments  # type: ignore[union-attr]

    after = await c.responses.create(
        model="m",
        input=[
            {"role": "user", "content": "Define rain."},
            {"type": "function_call", "call_id": "c1", "name": "lookup", "arguments": "{}"},
            {"type": "function_call_output", "call_id": "c1", "output": "water"},
        ],
        tools=[{"type": "function", "name": "lookup", "parameters": {}}],
    )
    assert after.output_text == "The tool answered: water."

    parsed = await c.responses.parse(model="m", input="x", text_format=Lookup)
    assert parsed.output_parsed == Lookup(word="word", limit=1)
