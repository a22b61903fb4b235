"""What every call can do: per-call options, raw responses, request ids, untyped calls."""

from __future__ import annotations

import inspect
import json
import pkgutil
from importlib import import_module
from typing import Any, get_args, get_type_hints

import pytest

import async_openai_wasm.api as api_package
from async_openai_wasm import (
    APITimeoutError,
    Client,
    InvalidArgumentError,
    JSONDeserializeError,
    MockTransport,
    NotFoundError,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm._args import OPTION_NAMES
from async_openai_wasm._sse import ServerSentEvent
from async_openai_wasm.api._base import APIGroup, RawResponse
from async_openai_wasm.types.models import Model

KEY = "sk-test-0123456789abcdef"
MODEL = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "openai"}
MESSAGES = [{"role": "user", "content": "x"}]
CHUNK = {
    "id": "c1",
    "object": "chat.completion.chunk",
    "created": 1,
    "model": "m",
    "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": None}],
}


def client(handler: Any, **kwargs: Any) -> tuple[Client, MockTransport]:
    transport = MockTransport(handler)
    config = OpenAIConfig(api_key=KEY, api_base="http://mock.test/v1")
    return Client(config, transport=transport, **kwargs), transport


def answer(body: Any, status: int = 200, request_id: str = "req_42") -> Any:
    return lambda request: Response.from_json(status, body, {"x-request-id": request_id})


def events(*datas: str, request_id: str = "req_7") -> Any:
    chunks = [f"data: {d}\n\n".encode() for d in datas]
    return lambda request: Response.from_chunks(
        200, chunks, {"content-type": "text/event-stream", "x-request-id": request_id}
    )


# -- per-call options ------------------------------------------------------------------------


async def test_extra_headers_query_and_body_reach_the_wire_of_a_json_call() -> None:
    c, transport = client(answer({"object": "list", "data": [], "model": "m", "usage": {}}))
    await c.embeddings.create(
        model="m",
        input="x",
        extra_headers={"X-Trace": "t1", "Authorization": "Bearer other"},
        extra_query={"tenant": "a"},
        extra_body={"provider_flag": True, "model": "m2"},
    )
    (request,) = transport.requests
    assert request.headers["X-Trace"] == "t1"
    assert request.headers["Authorization"] == "Bearer other"  # the call's headers win
    assert request.url == "http://mock.test/v1/embeddings?tenant=a"
    assert json.loads(request.body) == {  # type: ignore[arg-type]
        "model": "m2",
        "input": "x",
        "provider_flag": True,
    }


async def test_options_on_a_call_without_a_body_send_extra_body_as_json() -> None:
    c, transport = client(answer(MODEL))
    await c.models.retrieve("gpt-4o", extra_body={"a": 1}, extra_query={"b": "2"})
    (request,) = transport.requests
    assert request.url.endswith("/models/gpt-4o?b=2")
    assert json.loads(request.body) == {"a": 1}  # type: ignore[arg-type]


async def test_extra_body_goes_into_a_multipart_form() -> None:
    c, transport = client(answer({"id": "file-1", "object": "file", "bytes": 1, "created_at": 1}))
    await c.files.create(
        file=("a.jsonl", b"{}"), purpose="batch", extra_body={"expires": {"days": 1}, "tag": "x"}
    )
    form = transport.requests[0].body
    fields = dict(form.fields)  # type: ignore[union-attr]
    assert fields["tag"] == "x"
    assert json.loads(fields["expires"]) == {"days": 1}
    assert fields["purpose"] == "batch"


async def test_extra_query_and_headers_reach_every_page_of_a_list() -> None:
    pages = iter(
        [
            {"object": "list", "data": [{"id": "b1"}], "has_more": True},
            {"object": "list", "data": [{"id": "b2"}], "has_more": False},
        ]
    )
    c, transport = client(lambda r: Response.from_json(200, next(pages)))
    ids = [b.id async for b in c.batches.list(limit=1, extra_query={"t": "1"})]
    assert ids == ["b1", "b2"]
    assert [r.url.split("?")[1] for r in transport.requests] == [
        "limit=1&t=1",
        "limit=1&after=b1&t=1",
    ]


async def test_per_call_timeout_and_max_retries_replace_the_clients() -> None:
    calls = 0

    def flaky(request: Request) -> Response:
        nonlocal calls
        calls += 1
        return Response.from_json(500, {"error": {"message": "boom"}}, {"retry-after-ms": "0"})

    c, _ = client(flaky, max_retries=5)
    with pytest.raises(Exception, match="boom"):
        await c.models.retrieve("m", max_retries=0)
    assert calls == 1

    async def slow(request: Request) -> Response:
        import asyncio

        await asyncio.sleep(1)
        return Response.from_json(200, MODEL)

    c, _ = client(slow)
    with pytest.raises(APITimeoutError):
        await c.models.retrieve("m", timeout=0.05, max_retries=0)


async def test_per_call_options_of_a_stream() -> None:
    c, transport = client(events(json.dumps(CHUNK), "[DONE]"))
    stream = await c.chat.create_stream(
        model="m", messages=[{"role": "user", "content": "x"}], extra_headers={"X-A": "1"}
    )
    async with stream:
        assert [chunk.choices[0].delta.content async for chunk in stream] == ["hi"]
    assert transport.requests[0].headers["X-A"] == "1"


async def test_client_with_options_merges_extras_under_the_calls() -> None:
    c, transport = client(answer(MODEL))
    scoped = c.with_options(extra_headers={"X-A": "client", "X-B": "client"}, timeout=5)
    await scoped.models.retrieve("m", extra_headers={"X-B": "call"})
    headers = transport.requests[0].headers
    assert (headers["X-A"], headers["X-B"]) == ("client", "call")
    assert c._pipeline.options.extra_headers == {}  # the original client is unchanged


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"extra_headers": ["X-A"]}, "extra_headers"),
        ({"extra_headers": {"X-A": 1}}, "extra_headers"),
        ({"extra_body": "x"}, "extra_body"),
        ({"timeout": -1}, "timeout"),
        ({"max_retries": 1.5}, "max_retries"),
    ],
)
async def test_a_bad_option_is_refused_before_sending(options: dict[str, Any], named: str) -> None:
    c, transport = client(answer(MODEL))
    with pytest.raises(InvalidArgumentError, match=named):
        await c.models.retrieve("m", **options)
    assert transport.requests == []


def test_with_options_refuses_an_unknown_option() -> None:
    c, _ = client(answer(MODEL))
    with pytest.raises(InvalidArgumentError, match="extra_header"):
        c.with_options(extra_header={"a": "b"})  # type: ignore[call-arg]


def _api_groups() -> list[type[APIGroup]]:
    groups = []
    for info in pkgutil.walk_packages(api_package.__path__, api_package.__name__ + "."):
        module = import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, APIGroup) and cls is not APIGroup and cls.__module__ == info.name:
                groups.append(cls)
    return groups


def test_every_method_of_every_group_takes_the_call_options() -> None:
    groups = _api_groups()
    assert len(groups) >= 20  # the walk finds the groups (and sub-groups)
    missing = []
    for group in groups:
        for name, method in inspect.getmembers(group, inspect.isfunction):
            if name.startswith("_"):
                continue
            kinds = {p.kind for p in inspect.signature(method).parameters.values()}
            source = inspect.getsource(method)
            if inspect.Parameter.VAR_KEYWORD not in kinds:
                missing.append(f"{group.__name__}.{name}")
            elif "options=options" not in source and not _splits_params(method, source):
                missing.append(f"{group.__name__}.{name} (options not passed on)")
    assert missing == []


def _splits_params(method: Any, source: str) -> bool:
    """A method whose ``**params`` (a TypedDict with every call option) go whole to the helper
    that splits them into the query and the options."""
    if "**params" not in source:
        return False
    (typed_dict,) = get_args(get_type_hints(method, include_extras=True)["params"])
    return typed_dict.__annotations__.keys() >= OPTION_NAMES and (
        "self._page(" in source or "split_params(" in source
    )


# -- raw responses and request ids -----------------------------------------------------------


async def test_with_raw_response_gives_status_headers_request_id_and_the_typed_result() -> None:
    c, _ = client(answer(MODEL, request_id="req_raw"))
    raw = await c.models.with_raw_response.retrieve("gpt-4o")
    assert isinstance(raw, RawResponse)
    assert (raw.status_code, raw.request_id, raw.retries_taken) == (200, "req_raw", 0)
    assert raw.headers["content-type"] == "application/json"
    model = await raw.parse()
    assert isinstance(model, Model) and model.id == "gpt-4o"
    assert model._request_id == "req_raw"


async def test_raw_response_counts_retries_and_works_for_lists_streams_and_sub_groups() -> None:
    attempts = 0

    def once_busy(request: Request) -> Response:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            return Response.from_json(429, {"error": {"message": "slow"}}, {"retry-after-ms": "0"})
        return Response.from_json(200, {"object": "list", "data": [MODEL]}, {"x-request-id": "r"})

    c, _ = client(once_busy)
    raw = await c.models.with_raw_response.list()
    assert raw.retries_taken == 1
    page = await raw.parse()
    assert [m.id for m in page.data] == ["gpt-4o"] and page._request_id == "r"

    c, _ = client(events(json.dumps(CHUNK), "[DONE]", request_id="req_s"))
    raw = await c.chat.with_raw_response.create_stream(model="m", messages=MESSAGES)
    assert raw.request_id == "req_s"
    async with await raw.parse() as stream:
        assert [chunk._request_id async for chunk in stream] == ["req_s"]

    # Many events in one read are validated in batches: each chunk still carries the id.
    body = "".join(f"data: {json.dumps(CHUNK)}\n\n" for _ in range(150)) + "data: [DONE]\n\n"
    c, _ = client(
        lambda request: Response.from_chunks(
            200, [body.encode()], {"content-type": "text/event-stream", "x-request-id": "req_b"}
        )
    )
    async with await c.chat.create_stream(model="m", messages=MESSAGES) as stream:
        chunks = [chunk async for chunk in stream]
    assert len(chunks) == 150 and {chunk._request_id for chunk in chunks} == {"req_b"}
    assert "req_b" not in chunks[-1].model_dump_json() and chunks[0] == chunks[-1]

    c, transport = client(answer({"object": "list", "data": []}, request_id="req_sub"))
    raw = await c.threads.with_raw_response.runs.steps.list("t1", "r1")
    assert raw.request_id == "req_sub" and (await raw.parse()).data == []
    assert transport.requests[0].url.endswith("/threads/t1/runs/r1/steps")


async def test_raw_response_of_an_error_raises_it() -> None:
    c, _ = client(answer({"error": {"message": "no such model"}}, status=404))
    with pytest.raises(NotFoundError, match="no such model"):
        await c.models.with_raw_response.retrieve("x")


def test_with_raw_response_names_what_is_not_a_method() -> None:
    c, _ = client(answer(MODEL))
    with pytest.raises(AttributeError, match="retreive"):
        c.models.with_raw_response.retreive  # noqa: B018


async def test_typed_results_carry_the_request_id_and_it_stays_out_of_dumps() -> None:
    c, _ = client(answer(MODEL, request_id="req_9"))
    model = await c.models.retrieve("gpt-4o")
    assert model._request_id == "req_9"
    assert "_request_id" not in model.model_dump() and "req_9" not in model.model_dump_json()
    assert model == Model.model_validate(MODEL)
    assert Model.model_validate(MODEL)._request_id is None


async def test_every_streamed_chunk_carries_the_request_id_on_both_decoding_paths() -> None:
    # Several events in one read go through the batch path; one per read through the other.
    datas = [json.dumps({**CHUNK, "id": f"c{i}"}) for i in range(130)]
    c, _ = client(events(*datas, "[DONE]", request_id="req_b"))
    async with await c.chat.create_stream(model="m", messages=MESSAGES) as stream:
        ids = {chunk._request_id async for chunk in stream}
    assert ids == {"req_b"}

    joined = "".join(f"data: {d}\n\n" for d in datas[:3]) + "data: [DONE]\n\n"
    c, _ = client(
        lambda r: Response.from_chunks(200, [joined.encode()], {"x-request-id": "req_one"})
    )
    async with await c.chat.create_stream(model="m", messages=MESSAGES) as stream:
        assert [chunk._request_id async for chunk in stream] == ["req_one"] * 3


# -- untyped calls ---------------------------------------------------------------------------


async def test_untyped_calls_go_through_the_pipeline_with_auth_and_decode_as_asked() -> None:
    c, transport = client(answer({"id": "x", "extra": [1, 2]}))
    assert await c.get("/custom/thing", query={"a": 1}) == {"id": "x", "extra": [1, 2]}
    assert (
        await c.post("/custom", body={"q": "?"}, cast_to=bytes) == b'{"id": "x", "extra": [1, 2]}'
    )
    model = await c.patch("/models/x", body={}, cast_to=Model)
    assert isinstance(model, Model) and model.extra == [1, 2]  # type: ignore[attr-defined]
    assert await c.delete("/custom/x", cast_to=str) == '{"id": "x", "extra": [1, 2]}'
    methods = [(r.method, r.url) for r in transport.requests]
    assert methods == [
        ("GET", "http://mock.test/v1/custom/thing?a=1"),
        ("POST", "http://mock.test/v1/custom"),
        ("PATCH", "http://mock.test/v1/models/x"),
        ("DELETE", "http://mock.test/v1/custom/x"),
    ]
    assert all(r.headers["Authorization"] == f"Bearer {KEY}" for r in transport.requests)
    assert json.loads(transport.requests[1].body) == {"q": "?"}  # type: ignore[arg-type]


async def test_untyped_calls_raise_typed_errors_with_the_key_masked() -> None:
    c, _ = client(answer({"error": {"message": f"bad key {KEY}"}}, status=404))
    with pytest.raises(NotFoundError) as caught:
        await c.get("/nothing")
    assert KEY not in str(caught.value) and KEY not in repr(caught.value.body)

    c, _ = client(answer({"id": 3}))
    with pytest.raises(JSONDeserializeError, match="Model"):
        await c.get("/models/x", cast_to=Model)


@pytest.mark.parametrize("path", ["models", "http://evil.test/models", "", None])
async def test_untyped_call_paths_must_be_relative_to_api_base(path: Any) -> None:
    c, transport = client(answer({}))
    with pytest.raises(InvalidArgumentError, match="relative to api_base"):
        await c.get(path)
    assert transport.requests == []


async def test_post_stream_yields_decoded_events_or_raw_ones() -> None:
    c, _ = client(events('{"n": 1}', '{"n": 2}', "[DONE]"))
    async with await c.post_stream("/custom/stream", body={"a": 1}) as stream:
        assert [event async for event in stream] == [{"n": 1}, {"n": 2}]

    c, _ = client(events('{"n": 1}', "bye", request_id="r"))
    raw = await c.post_stream("/custom/stream", cast_to=ServerSentEvent, done="bye")
    async with raw:
        assert [event.data async for event in raw] == ['{"n": 1}']

    c, _ = client(events('{"error": {"message": "overloaded"}}'))
    async with await c.post_stream("/s") as stream:
        with pytest.raises(Exception, match="overloaded"):
            await anext(stream)
