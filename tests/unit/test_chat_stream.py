"""client.chat.stream and the accumulator alone: typed events, and the completion a stream
adds up to, equal to what the non-streamed call returns for the same answer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from async_openai_wasm import (
    Client,
    JSONDeserializeError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
    StreamError,
)
from async_openai_wasm.lib import (
    ChatCompletionStreamState,
    ContentDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    _chat_stream,
    accumulate,
    pydantic_function_tool,
)
from async_openai_wasm.types.chat import (
    CreateChatCompletionResponse,
    CreateChatCompletionStreamResponse,
)
from support.chat_chunks import ARGUMENTS, SCENARIOS, chunk, delta, split_arguments, sse_body

MESSAGES = [{"role": "user", "content": "x"}]


class Weather(BaseModel):
    city: str
    days: int
    units: str | None


def streaming(*bodies: bytes, pieces: list[bytes] | None = None) -> tuple[Client, MockTransport]:
    """A client whose server answers each request with the next body (in ``pieces`` if given)."""
    answers = iter(bodies)

    def handler(request: Request) -> Response:
        return Response.from_chunks(
            200, pieces or [next(answers)], {"content-type": "text/event-stream"}
        )

    transport = MockTransport(handler)
    return Client(
        OpenAIConfig(api_key="sk-t", api_base="http://mock.test/v1"), transport=transport
    ), transport


def comparable(completion: BaseModel) -> dict[str, Any]:
    return CreateChatCompletionResponse.model_validate(completion.model_dump()).model_dump(
        exclude_none=True
    )


async def chunks_of(body: list[dict[str, Any]]) -> Any:
    for item in body:
        yield CreateChatCompletionStreamResponse.model_validate(item)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
async def test_accumulated_stream_equals_the_non_streamed_completion(name: str) -> None:
    scenario = SCENARIOS[name]
    accumulated = await accumulate(chunks_of(scenario["chunks"]))
    expected = CreateChatCompletionResponse.model_validate(scenario["completion"])
    assert isinstance(accumulated, CreateChatCompletionResponse)
    assert comparable(accumulated) == expected.model_dump(exclude_none=True)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
async def test_chat_stream_final_completion_at_every_byte_boundary(name: str) -> None:
    scenario = SCENARIOS[name]
    body = sse_body(scenario["chunks"])
    expected = CreateChatCompletionResponse.model_validate(scenario["completion"]).model_dump(
        exclude_none=True
    )
    kinds = None
    for cut in range(1, len(body)):
        client, _ = streaming(pieces=[body[:cut], body[cut:]])
        async with client.chat.stream(model="m", messages=MESSAGES) as stream:
            seen = [event.type async for event in stream]
            final = await stream.get_final_completion()
        assert comparable(final) == expected, cut
        assert kinds is None or seen == kinds, cut
        kinds = seen


async def test_events_of_a_text_stream() -> None:
    client, transport = streaming(sse_body(SCENARIOS["text"]["chunks"]))
    async with client.chat.stream(model="m", messages=MESSAGES) as stream:
        events = [event async for event in stream]
    assert [e.type for e in events] == [
        "chunk", "content.delta", "chunk", "content.delta", "chunk", "content.delta",
        "chunk", "content.delta", "chunk", "content.done", "chunk",
    ]  # fmt: skip
    deltas = [e for e in events if isinstance(e, ContentDeltaEvent)]
    assert [(e.delta, e.snapshot) for e in deltas] == [
        ("", ""),
        ("Hello", "Hello"),
        (", wörld", "Hello, wörld"),
        ("!", "Hello, wörld!"),
    ]
    done = events[-2]
    assert done.type == "content.done" and done.content == "Hello, wörld!" and done.parsed is None
    assert events[-1].snapshot.usage.total_tokens == 21  # the usage chunk, accumulated
    assert json.loads(transport.requests[0].body)["stream"] is True  # type: ignore[arg-type]


async def test_text_stream_and_until_done() -> None:
    client, _ = streaming(sse_body(SCENARIOS["n2"]["chunks"]), sse_body(SCENARIOS["n2"]["chunks"]))
    async with client.chat.stream(model="m", messages=MESSAGES, n=2) as stream:
        assert [text async for text in stream.text_stream] == ["", "Red", " sun"]  # choice 0
    async with client.chat.stream(model="m", messages=MESSAGES, n=2) as stream:
        await stream.until_done()
        snapshot = stream.current_completion_snapshot
    assert [c.message.content for c in snapshot.choices] == ["Red sun", "Blue sky"]


async def test_n2_events_name_their_choice() -> None:
    client, _ = streaming(sse_body(SCENARIOS["n2"]["chunks"]))
    async with client.chat.stream(model="m", messages=MESSAGES, n=2) as stream:
        done = [(e.choice_index, e.content) async for e in stream if e.type == "content.done"]
        final = await stream.get_final_completion()
    assert done == [(1, "Blue sky"), (0, "Red sun")]  # in the order each choice finished
    assert [(c.index, c.finish_reason) for c in final.choices] == [(0, "stop"), (1, "length")]


async def test_tool_call_events_in_order_with_parsed_arguments() -> None:
    client, _ = streaming(sse_body(SCENARIOS["tool_calls"]["chunks"]))
    tools = [
        pydantic_function_tool(Weather, name="weather"),
        {"type": "function", "function": {"name": "time", "parameters": {}, "strict": False}},
    ]
    async with client.chat.stream(model="m", messages=MESSAGES, tools=tools) as stream:
        events = [e async for e in stream if e.type != "chunk"]
        final = await stream.get_final_completion()
    assert [e.type for e in events] == [
        "tool_calls.function.arguments.delta", "tool_calls.function.arguments.delta",
        "tool_calls.function.arguments.delta", "tool_calls.function.arguments.done",
        "tool_calls.function.arguments.delta", "tool_calls.function.arguments.delta",
        "tool_calls.function.arguments.done",
    ]  # fmt: skip
    assert events[1].parsed_arguments == {"city": "Zü"}  # partial JSON, as far as it goes
    first_done, second_done = [
        e for e in events if isinstance(e, FunctionToolCallArgumentsDoneEvent)
    ]
    assert first_done.parsed_arguments == Weather(city="Zürich", days=3, units=None)
    assert (second_done.name, second_done.arguments, second_done.parsed_arguments) == (
        "time",
        '{"tz": "CET"}',
        None,  # not strict: not parsed
    )
    calls = final.choices[0].message.tool_calls
    assert [c.function.parsed_arguments for c in calls] == [first_done.parsed_arguments, None]


@pytest.mark.parametrize("at", range(len(ARGUMENTS) + 1))
async def test_tool_call_arguments_split_anywhere(at: int) -> None:
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState(
        tools=[pydantic_function_tool(Weather, name="weather")]
    )
    for item in split_arguments(ARGUMENTS, at):
        state.handle_chunk(CreateChatCompletionStreamResponse.model_validate(item))
    (call,) = state.get_final_completion().choices[0].message.tool_calls or []
    assert (call.id, call.function.name, call.function.arguments) == (
        "call_1",
        "weather",
        ARGUMENTS,
    )
    assert call.function.parsed_arguments == Weather(city="Zürich", days=3, units=None)


async def test_refusal_events_and_no_parsed_content() -> None:
    client, _ = streaming(sse_body(SCENARIOS["refusal"]["chunks"]))
    async with client.chat.stream(model="m", messages=MESSAGES, response_format=Weather) as stream:
        events = [e async for e in stream if e.type != "chunk"]
        final = await stream.get_final_completion()
    assert [(e.type, getattr(e, "snapshot", None)) for e in events] == [
        ("refusal.delta", ""),
        ("refusal.delta", "I can't "),
        ("refusal.delta", "I can't help with that."),
        ("refusal.done", None),
    ]
    message = final.choices[0].message
    assert (message.refusal, message.parsed, message.content) == (
        "I can't help with that.",
        None,
        None,
    )


async def test_logprobs_events() -> None:
    client, _ = streaming(sse_body(SCENARIOS["logprobs"]["chunks"]))
    async with client.chat.stream(model="m", messages=MESSAGES, logprobs=True) as stream:
        events = [e async for e in stream if e.type.startswith("logprobs")]
    assert [e.type for e in events] == [
        "logprobs.content.delta",
        "logprobs.content.delta",
        "logprobs.content.done",
    ]
    assert [t.token for t in events[1].snapshot] == ["Hi", " there"]
    assert [t.token for t in events[1].content] == [" there"]
    assert [t.token for t in events[2].content] == ["Hi", " there"]


async def test_response_format_model_streams_parsed_content() -> None:
    answer = json.dumps({"city": "Bern", "days": 2, "units": "metric"})
    body = sse_body([
        chunk(delta(role="assistant", content="")),
        chunk(delta(content=answer[:15])),
        chunk(delta(content=answer[15:])),
        chunk(delta(finish="stop")),
    ])  # fmt: skip
    client, transport = streaming(body)
    async with client.chat.stream(model="m", messages=MESSAGES, response_format=Weather) as stream:
        events = [e async for e in stream if e.type.startswith("content")]
        final = await stream.get_final_completion()
    assert events[1].parsed == {"city": "Bern"}
    assert events[-1].type == "content.done" and events[-1].parsed == Weather(
        city="Bern", days=2, units="metric"
    )
    assert final.choices[0].message.parsed == events[-1].parsed
    sent = json.loads(transport.requests[0].body)  # type: ignore[arg-type]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["strict"] is True


async def test_a_stream_cut_in_a_tool_call_raises_and_keeps_the_partial_snapshot() -> None:
    body = sse_body(SCENARIOS["tool_calls"]["chunks"][:3], done=False)
    for cut in (len(body), len(body) - 7):  # at an event's end, and inside the last event
        client, _ = streaming(body[:cut])
        async with client.chat.stream(model="m", messages=MESSAGES) as stream:
            seen = []
            with pytest.raises(StreamError):
                async for event in stream:
                    seen.append(event.type)
            snapshot = stream.current_completion_snapshot
            with pytest.raises(StreamError):
                await stream.get_final_completion()
        (call,) = snapshot.choices[0].message.tool_calls or []
        assert call.id == "call_a" and call.function.name == "weather"
        whole = cut == len(body)
        assert call.function.arguments == ('{"city": "Zü' if whole else "")
        assert snapshot.choices[0].finish_reason is None
        assert "tool_calls.function.arguments.done" not in seen


async def test_content_that_does_not_fit_the_model_is_a_typed_error() -> None:
    body = sse_body([chunk(delta(content='{"city": 1}')), chunk(delta(finish="stop"))])
    client, _ = streaming(body)
    async with client.chat.stream(model="m", messages=MESSAGES, response_format=Weather) as stream:
        with pytest.raises(JSONDeserializeError, match="Weather") as caught:
            await stream.get_final_completion()
    assert caught.value.raw == '{"city": 1}'


async def test_an_error_making_events_ends_them_and_raises_again_from_until_done() -> None:
    body = sse_body([
        chunk(delta(content='{"city": 1}')),
        chunk(delta(finish="stop")),  # its content.done event cannot be made
        chunk(delta(content="after")),
    ])  # fmt: skip
    client, _ = streaming(body)
    async with client.chat.stream(model="m", messages=MESSAGES, response_format=Weather) as stream:
        seen = []
        with pytest.raises(JSONDeserializeError) as first:
            async for event in stream:
                seen.append(event.type)
        assert seen == ["chunk", "content.delta"]
        assert [event async for event in stream] == []
        with pytest.raises(JSONDeserializeError) as again:
            await stream.until_done()
    assert again.value is first.value


class Body:
    """A response body that records being closed (which aborts a real fetch)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.closed = False

    async def __aiter__(self) -> Any:
        yield self.data

    async def aclose(self) -> None:
        self.closed = True


async def test_leaving_the_block_aborts_the_request() -> None:
    body = Body(sse_body(SCENARIOS["text"]["chunks"]))
    transport = MockTransport(lambda request: Response(200, {}, body))
    client = Client(
        OpenAIConfig(api_key="sk-t", api_base="http://mock.test/v1"), transport=transport
    )
    async with client.chat.stream(model="m", messages=MESSAGES) as stream:
        first = await anext(aiter(stream))
        assert first.type == "chunk" and not body.closed
    assert body.closed
    assert [event async for event in stream] == []  # the events made and not read are gone


async def test_stream_takes_the_call_options_and_is_awaitable() -> None:
    client, transport = streaming(sse_body(SCENARIOS["text"]["chunks"]))
    stream = await client.chat.stream(model="m", messages=MESSAGES, extra_headers={"X-A": "1"})
    assert (await stream.get_final_completion()).choices[0].message.content == "Hello, wörld!"
    assert transport.requests[0].headers["X-A"] == "1"
    await stream.close()


async def test_provider_fields_of_deltas_are_accumulated() -> None:
    chunks = [
        chunk(delta(role="assistant", reasoning_content="Let me ")),
        chunk(delta(reasoning_content="think.", content="42")),
        chunk(delta(finish="stop")),
    ]
    final = await accumulate(chunks_of(chunks))
    message = final.choices[0].message
    assert (message.content, message.model_extra) == ("42", {"reasoning_content": "Let me think."})


# -- the accumulator's fast path (a content piece of one choice) against the general path ------

_PIECES: dict[str, Any] = {
    "role": lambda i: delta(i, role="assistant", content=""),
    "content": lambda i: delta(i, content=f"c{i} "),
    "empty content": lambda i: delta(i, content=""),
    "refusal": lambda i: delta(i, refusal="no "),
    "content and refusal": lambda i: delta(i, content="x", refusal="y"),
    "tool call": lambda i: delta(
        i,
        tool_calls=[
            {"index": 0, "id": "call_1", "type": "function", "function": {"name": "weather"}}
        ],
    ),
    "arguments": lambda i: delta(i, tool_calls=[{"index": 0, "function": {"arguments": '{"a'}}]),
    "second tool": lambda i: delta(i, tool_calls=[{"index": 1, "function": {"name": "t"}}]),
    "logprobs": lambda i: delta(
        i,
        content="l",
        logprobs={"content": [{"token": "l", "logprob": -1.0, "top_logprobs": []}]},
    ),
    "provider field": lambda i: delta(i, content="p", reasoning_content="r"),
    "obfuscated": lambda i: delta(i, content="o", obfuscation="zz"),
    "function call": lambda i: delta(i, function_call={"name": "f", "arguments": "{}"}),
    "finish": lambda i: delta(i, finish="stop"),
}


def _kinds_of_chunk() -> Any:
    piece = st.sampled_from(sorted(_PIECES))
    one = st.tuples(piece, st.sampled_from([0, 1])).map(lambda p: chunk(_PIECES[p[0]](p[1])))
    two = st.tuples(piece, piece).map(lambda p: chunk(_PIECES[p[0]](0), _PIECES[p[1]](1)))
    other = st.sampled_from([
        chunk(usage={"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}),
        {**chunk(delta(content="m")), "model": "gpt-other", "service_tier": "default"},
        {**chunk(delta(content="n")), "id": None, "created": None, "extra_field": 1},
        {**chunk(delta(content="o")), "obfuscation": "a1"},  # as OpenAI pads its chunks
        {**chunk(delta(content="q")), "obfuscation": "b2", "extra_field": 2},
        chunk(delta(content="r", role=None, tool_calls=None)),  # nulls some servers send
        chunk({"delta": {"content": "s"}, "finish_reason": None}),  # no index
        chunk(delta(content=None)),
    ])  # fmt: skip
    return st.one_of(one, one, one, two, other)


def _described(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return (type(value).__name__, value.model_dump())
    if isinstance(value, list):
        return [_described(item) for item in value]
    return value


def _observed(events: list[Any]) -> list[dict[str, Any]]:
    """Every public attribute of every event, read when the event arrives (snapshots move on)."""
    return [
        {"class": type(event).__name__}
        | {
            name: _described(getattr(event, name))
            for name in dir(event)
            if not name.startswith("_") and not callable(getattr(event, name))
        }
        for event in events
    ]


def _accumulated(
    chunks: list[dict[str, Any]], response_format: Any = None
) -> tuple[list[dict[str, Any]], Any, int]:
    """The events and the final completion, and how many choices took the general path."""
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState(
        response_format=response_format
    )
    general = 0
    add = state._add

    def counted(*args: Any) -> None:
        nonlocal general
        general += 1
        add(*args)

    state._add = counted  # type: ignore[method-assign]
    seen: list[dict[str, Any]] = []
    for item in chunks:
        seen += _observed(
            state.handle_chunk(CreateChatCompletionStreamResponse.model_validate(item))
        )
    return seen, state.get_final_completion().model_dump(), general


def _assert_fast_path_changes_nothing(
    chunks: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, response_format: Any = None
) -> int:
    """Events and completion with the fast path, then with every chunk sent down the general
    path; returns how many choices the fast path handled."""
    fast = _accumulated(chunks, response_format)
    with monkeypatch.context() as patched:
        # No delta equals this, so no chunk is taken for a plain content piece.
        patched.setattr(_chat_stream, "_CONTENT_ONLY", ())
        general = _accumulated(chunks, response_format)
    assert fast[:2] == general[:2]
    return general[2] - fast[2]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_fast_path_gives_the_general_paths_events_for_each_scenario(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = _assert_fast_path_changes_nothing(SCENARIOS[name]["chunks"], monkeypatch)
    # Every stream with plain content pieces takes the fast path for them.
    assert (taken > 0) == (name in ("n2", "text"))


def test_fast_path_parses_content_as_the_general_path_does(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = json.dumps({"city": "Bern", "days": 2, "units": "metric"})
    chunks = [chunk(delta(role="assistant", content=""))]
    chunks += [chunk(delta(content=answer[at : at + 7])) for at in range(0, len(answer), 7)]
    chunks.append(chunk(delta(finish="stop")))
    assert _assert_fast_path_changes_nothing(chunks, monkeypatch, Weather) == len(chunks) - 2


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chunks=st.lists(_kinds_of_chunk(), max_size=30))
def test_fast_path_gives_the_general_paths_events_for_any_chunks(
    chunks: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _assert_fast_path_changes_nothing(chunks, monkeypatch)
