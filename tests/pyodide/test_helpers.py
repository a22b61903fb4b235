"""The helpers (lib/) inside Pyodide, in Node and Chromium: chat streams accumulated into
events and the completion (recorded-shape streams, split at every byte boundary; n=2;
refusals; a stream cut inside a tool call), over fetch from the mock server too; parse of
each model in the schema corpus; tool runs; the Responses helpers.

The streams and models are the host's (tests/support), passed in as JSON and source text."""

import inspect
import json

import pytest
from pytest_pyodide import run_in_pyodide

import async_openai_wasm.testing._json_values as json_values
import support.schema_corpus as corpus
from support.chat_chunks import ARGUMENTS, SCENARIOS, sse_body

BODIES = {name: sse_body(s["chunks"]).decode() for name, s in SCENARIOS.items()}
CORPUS_SOURCE = inspect.getsource(corpus)
# The mock server's value for a schema (CPython's async_openai_wasm.testing is not in the
# package's wheel): the same module, run in Pyodide.
JSON_VALUES_SOURCE = inspect.getsource(json_values)


@run_in_pyodide(packages=["async-openai-wasm"])
async def _accumulate_everywhere(selenium, scenario_json, body_text, step):
    import json

    from async_openai_wasm import Client, MockTransport, OpenAIConfig, Response
    from async_openai_wasm.lib import accumulate
    from async_openai_wasm.types.chat import (
        CreateChatCompletionResponse,
        CreateChatCompletionStreamResponse,
    )

    def comparable(completion):
        dumped = completion.model_dump()
        return CreateChatCompletionResponse.model_validate(dumped).model_dump(exclude_none=True)

    async def chunks_of(items):
        for item in items:
            yield CreateChatCompletionStreamResponse.model_validate(item)

    scenario = json.loads(scenario_json)
    expected = CreateChatCompletionResponse.model_validate(scenario["completion"])
    expected = expected.model_dump(exclude_none=True)
    assert comparable(await accumulate(chunks_of(scenario["chunks"]))) == expected
    body = body_text.encode()
    # One client; each request gets the body cut at the next boundary.
    boundaries = range(1, len(body), step)
    cuts = iter(boundaries)

    def answer(request):
        cut = next(cuts)
        return Response.from_chunks(200, [body[:cut], body[cut:]])

    client = Client(
        OpenAIConfig(api_key="sk-t", api_base="http://m/v1"), transport=MockTransport(answer)
    )
    user = [{"role": "user", "content": "x"}]
    checked = 0
    for _ in boundaries:
        async with client.chat.stream(model="m", messages=user) as stream:
            final = await stream.get_final_completion()
        assert comparable(final) == expected, checked + 1
        checked += 1
    return checked


# The tool-call stream at every byte boundary (about two thousand streams: more than the default
# script timeout on a busy machine); the others at every 7th, which the CPython tests cover whole.
@pytest.mark.driver_timeout(300)
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_recorded_streams_accumulate_to_the_completion_at_byte_boundaries(selenium, name):
    step = 1 if name == "tool_calls" else 7
    checked = _accumulate_everywhere(selenium, json.dumps(SCENARIOS[name]), BODIES[name], step)
    assert checked == len(range(1, len(BODIES[name].encode()), step))


@run_in_pyodide(packages=["async-openai-wasm"])
async def _events(selenium, bodies, arguments):
    from pydantic import BaseModel

    from async_openai_wasm import Client, MockTransport, OpenAIConfig, Response, StreamError
    from async_openai_wasm.lib import ChatCompletionStreamState, pydantic_function_tool
    from async_openai_wasm.types.chat import CreateChatCompletionStreamResponse

    class Weather(BaseModel):
        city: str
        days: int
        units: str | None

    def client_for(body):
        transport = MockTransport(lambda request: Response.from_chunks(200, [body]))
        return Client(OpenAIConfig(api_key="sk-t", api_base="http://m/v1"), transport=transport)

    user = [{"role": "user", "content": "x"}]
    out = {}
    async with client_for(bodies["n2"].encode()).chat.stream(model="m", messages=user, n=2) as s:
        out["n2"] = [(e.choice_index, e.content) async for e in s if e.type == "content.done"]
    async with client_for(bodies["refusal"].encode()).chat.stream(
        model="m", messages=user, response_format=Weather
    ) as s:
        out["refusal_events"] = [e.type async for e in s if e.type != "chunk"]
        message = (await s.get_final_completion()).choices[0].message
        out["refusal"] = (message.refusal, message.parsed)
    tool = pydantic_function_tool(Weather, name="weather")
    async with client_for(bodies["tool_calls"].encode()).chat.stream(
        model="m", messages=user, tools=[tool]
    ) as s:
        done = [e async for e in s if e.type == "tool_calls.function.arguments.done"]
        out["parsed_arguments"] = done[0].parsed_arguments.model_dump()
    # Arguments split at every position.
    wholes = set()
    for at in range(len(arguments) + 1):
        state = ChatCompletionStreamState(tools=[tool])
        pieces = [
            {"index": 0, "id": "call_1", "type": "function", "function": {"name": "weather"}},
            {"index": 0, "function": {"arguments": arguments[:at]}},
            {"index": 0, "function": {"arguments": arguments[at:]}},
        ]
        for piece in pieces:
            state.handle_chunk(CreateChatCompletionStreamResponse.model_validate({
                "id": "c", "model": "m",
                "choices": [{"index": 0, "delta": {"tool_calls": [piece]}}],
            }))  # fmt: skip
        call = state.get_final_completion().choices[0].message.tool_calls[0]
        wholes.add((call.function.arguments, call.function.parsed_arguments.city))
    out["split"] = sorted(wholes)
    # A stream cut in the middle of a tool call.
    cut = bodies["tool_calls"].encode()
    cut = cut[: cut.index(b"rich")]
    async with client_for(cut).chat.stream(model="m", messages=user) as s:
        try:
            async for _ in s:
                pass
        except StreamError as exc:
            out["error"] = type(exc).__name__
        call = s.current_completion_snapshot.choices[0].message.tool_calls[0]
        out["partial"] = (call.id, call.function.name, call.function.arguments)
    return out


def test_events_n2_refusals_split_arguments_and_a_cut_stream(selenium):
    out = _events(selenium, BODIES, ARGUMENTS)
    assert out["n2"] == [[1, "Blue sky"], [0, "Red sun"]] or out["n2"] == [
        (1, "Blue sky"),
        (0, "Red sun"),
    ]
    assert out["refusal_events"] == ["refusal.delta"] * 3 + ["refusal.done"]
    assert tuple(out["refusal"]) == ("I can't help with that.", None)
    assert out["parsed_arguments"] == {"city": "Zürich", "days": 3, "units": None}
    assert [tuple(x) for x in out["split"]] == [(ARGUMENTS, "Zürich")]
    assert out["error"] == "StreamError"
    assert tuple(out["partial"]) == ("call_a", "weather", '{"city": "Zü')


@run_in_pyodide(packages=["async-openai-wasm"])
async def _stream_over_fetch(selenium, mock_url):
    from async_openai_wasm import Client, FetchTransport, OpenAIConfig
    from async_openai_wasm.lib import accumulate

    client = Client(OpenAIConfig(api_key="sk-t", api_base=mock_url + "/v1"))
    assert isinstance(client._pipeline.transport, FetchTransport)
    user = [{"role": "user", "content": "Hello"}]
    mock = {"mock": {"chunks": 7}}
    plain = await client.chat.create(model="m", messages=user, extra_params=mock)
    async with client.chat.stream(model="m", messages=user, extra_params=mock) as s:
        pieces = [piece async for piece in s.text_stream]
        final = await s.get_final_completion()
    chunks = await client.chat.create_stream(model="m", messages=user, extra_params=mock)
    async with chunks:
        alone = await accumulate(chunks)
    keep = ("choices",)
    return (
        pieces,
        plain.model_dump(include=keep, exclude_none=True),
        final.model_dump(
            include=keep, exclude_none=True, exclude={"choices": {0: {"message": {"parsed"}}}}
        ),
        alone.model_dump(
            include=keep, exclude_none=True, exclude={"choices": {0: {"message": {"parsed"}}}}
        ),
    )


def test_chat_stream_over_fetch_gives_what_create_gives(selenium, mock_url):
    pieces, plain, streamed, alone = _stream_over_fetch(selenium, mock_url)
    assert len([piece for piece in pieces if piece]) == 7  # the content deltas asked for
    assert streamed == plain and alone == plain
    content = plain["choices"][0]["message"]["content"]
    assert content.startswith("You said: Hello.") and "".join(pieces) == content


@run_in_pyodide(packages=["async-openai-wasm"])
async def _corpus(selenium, source, json_values_source):
    import json
    import sys
    import types

    from async_openai_wasm import (
        Client,
        InvalidArgumentError,
        MockTransport,
        OpenAIConfig,
        Response,
    )

    values = types.ModuleType("json_values")
    exec(compile(json_values_source, "_json_values.py", "exec"), values.__dict__)
    example_value = values.example_value

    module = types.ModuleType("schema_corpus")
    sys.modules["schema_corpus"] = module
    exec(compile(source, "schema_corpus.py", "exec"), module.__dict__)

    def answer(request):
        schema = json.loads(request.body)["response_format"]["json_schema"]["schema"]
        message = {"role": "assistant", "content": json.dumps(example_value(schema))}
        return Response.from_json(200, {
            "id": "c", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        })  # fmt: skip

    transport = MockTransport(answer)
    client = Client(OpenAIConfig(api_key="sk-t", api_base="http://m/v1"), transport=transport)
    user = [{"role": "user", "content": "x"}]
    parsed = []
    for model in module.ACCEPTED:
        done = await client.chat.parse(model="m", messages=user, response_format=model)
        assert isinstance(done.choices[0].message.parsed, model), model
        parsed.append(model.__name__)
    refused = []
    for model, named in module.REFUSED:
        try:
            await client.chat.parse(model="m", messages=user, response_format=model)
        except InvalidArgumentError as exc:
            assert named in str(exc), (named, str(exc))
            refused.append(model.__name__)
    return parsed, refused, len(transport.requests)


def test_parse_of_each_model_in_the_schema_corpus(selenium):
    parsed, refused, sent = _corpus(selenium, CORPUS_SOURCE, JSON_VALUES_SOURCE)
    assert parsed == [model.__name__ for model in corpus.ACCEPTED]
    assert refused == [model.__name__ for model, _ in corpus.REFUSED]
    assert sent == len(corpus.ACCEPTED)  # refused models sent nothing


@run_in_pyodide(packages=["async-openai-wasm"])
async def _tool_run_and_responses(selenium):
    import json

    from pydantic import BaseModel

    from async_openai_wasm import Client, MockTransport, OpenAIConfig, Response

    class Answer(BaseModel):
        title: str
        score: int

    def handler(request):
        body = json.loads(request.body)
        if request.url.endswith("/responses"):
            part = {
                "type": "output_text",
                "text": '{"title": "Rain", "score": 7}',
                "annotations": [],
            }
            item = {"id": "m1", "type": "message", "role": "assistant", "content": [part]}
            return Response.from_json(200, {"id": "r", "status": "completed", "output": [item]})
        last = body["messages"][-1]
        if last["role"] == "user":
            call = {"id": "call_1", "type": "function",
                    "function": {"name": "roll", "arguments": '{"sides": 6}'}}  # fmt: skip
            message = {"role": "assistant", "tool_calls": [call]}
        else:
            message = {"role": "assistant", "content": f"You rolled {last['content']}."}
        choice = {"index": 0, "message": message, "finish_reason": "stop"}
        return Response.from_json(200, {"id": "c", "model": "m", "choices": [choice]})

    def roll(sides: int) -> int:
        """Rolls a die."""
        return sides - 2

    client = Client(
        OpenAIConfig(api_key="sk-t", api_base="http://m/v1"), transport=MockTransport(handler)
    )
    done = await client.chat.run_tools(
        model="m", messages=[{"role": "user", "content": "Roll"}], tools=[roll]
    )
    parsed = await client.responses.parse(model="m", input="x", text_format=Answer)
    return (
        done.choices[0].message.content,
        [m["role"] for m in done.messages],
        parsed.output_parsed.score,
    )


def test_tool_runs_and_responses_parse(selenium):
    content, roles, score = _tool_run_and_responses(selenium)
    assert content == "You rolled 4."
    assert roles == ["user", "assistant", "tool", "assistant"]
    assert score == 7


@run_in_pyodide(packages=["async-openai-wasm"])
async def _helpers_over_fetch(selenium, mock_url):
    from pydantic import BaseModel

    from async_openai_wasm import Client, OpenAIConfig

    class Verdict(BaseModel):
        label: str
        score: int

    def roll_dice(sides: int) -> int:
        """Rolls a die."""
        return sides + 1

    client = Client(OpenAIConfig(api_key="sk-t", api_base=mock_url + "/v1"))
    user = [{"role": "user", "content": "Roll"}]
    out = {}
    async with client.chat.run_tools_stream(model="m", messages=user, tools=[roll_dice]) as run:
        out["events"] = [e.type async for e in run if e.type != "chunk"]
        done = await run.get_final_completion()
    out["answer"] = done.choices[0].message.content
    parsed = await client.chat.parse(model="m", messages=user, response_format=Verdict)
    out["parsed"] = parsed.choices[0].message.parsed.model_dump()
    async with client.responses.stream(model="m", input="Hi", text_format=Verdict) as stream:
        kinds = [e.type async for e in stream]
        final = await stream.get_final_response()
    out["responses"] = (kinds[0], kinds[-1], final.output_parsed.model_dump())
    return out


def test_tool_runs_parse_and_responses_over_fetch_from_the_mock_server(selenium, mock_url):
    out = _helpers_over_fetch(selenium, mock_url)
    events = out["events"]
    done_at = events.index("tool_calls.function.arguments.done")
    assert events[done_at + 1] == "tool.result" and events[-1] == "content.done"
    assert set(events[:done_at]) == {"tool_calls.function.arguments.delta"}
    assert out["answer"] == "The tool answered: 2."  # the mock rolled with sides=1
    assert out["parsed"] == {"label": "label", "score": 1}
    assert tuple(out["responses"])[:2] == ("response.created", "response.completed")
    assert out["responses"][2] == {"label": "label", "score": 1}
