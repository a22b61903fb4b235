"""Faults on CPython, over httpx against the mock server: what the client raises and what the
server saw. The same faults in Pyodide (fetch, Node and Chrome) are in tests/pyodide."""

from __future__ import annotations

import asyncio
import email.utils
import gc
import http.client
import itertools
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from async_openai_wasm import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    Client,
    JSONDeserializeError,
    MockTransport,
    OpenAIConfig,
    OpenAIError,
    Response,
    Stream,
    StreamError,
)
from async_openai_wasm._pipeline import MAX_RETRY_AFTER, Pipeline, RequestOptions, _backoff
from async_openai_wasm.testing import MockServer
from async_openai_wasm.testing.mock_server import RecordedRequest
from async_openai_wasm.types._base import ResponseModel

KEY = "sk-proj-faults-0123456789abcdefSECRET"
CHAT = "/v1/chat/completions"
PIECES = [f"w{i} " for i in range(10)]
TEXT = "".join(PIECES)


@pytest.fixture
async def server() -> AsyncIterator[MockServer]:
    async with MockServer() as server:
        yield server


def client(server: MockServer, **options: Any) -> Client:
    return Client(OpenAIConfig(api_key=KEY, api_base=server.base_url), **options)


def request(**mock: Any) -> dict[str, Any]:
    return {
        "model": "m",
        "messages": [{"role": "user", "content": "fault"}],
        "extra_params": {"mock": mock},
    }


async def read_stream(server: MockServer, texts: list[str], **mock: Any) -> None:
    """Streams a chat into ``texts``, so that what arrived before an error stays there."""
    async with client(server) as c, await c.chat.create_stream(**request(**mock)) as stream:
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                texts.append(chunk.choices[0].delta.content)


def assert_no_key(error: BaseException) -> None:
    """The key is in none of the error's message, repr, attributes or causes."""
    cause: BaseException | None = error
    while cause is not None:
        for text in (str(cause), repr(cause), repr(vars(cause))):
            assert KEY not in text, text
        cause = cause.__cause__ or cause.__context__


async def disconnected(server: MockServer) -> RecordedRequest:
    record = server.last(CHAT)
    await server.wait_for(lambda: record.disconnected)
    assert not record.completed
    return record


# -- closing a stream nobody closed ---------------------------------------------------------


@pytest.mark.parametrize("how", ["break", "break, stream kept", "never read"])
async def test_stream_dropped_without_closing_aborts_the_request(
    server: MockServer, how: str
) -> None:
    c = client(server)
    req = request(chunks=500, delay_ms=20)
    seen = 0
    if how == "break":
        async for _ in await c.chat.create_stream(**req):
            seen += 1
            if seen == 3:
                break
    elif how == "break, stream kept":
        stream = await c.chat.create_stream(**req)
        async for _ in stream:
            seen += 1
            if seen == 3:
                break
        await asyncio.sleep(0.2)
        assert not server.last(CHAT).disconnected  # still referenced: still open
        del stream
    else:
        stream = await c.chat.create_stream(**req)
        del stream
    gc.collect()
    record = await disconnected(server)
    assert record.chunks_sent < 50
    await c.aclose()


# -- timeouts -----------------------------------------------------------------------------


async def test_stall_mid_stream_times_out_keeps_chunks_and_aborts(server: MockServer) -> None:
    texts: list[str] = []
    with pytest.raises(APITimeoutError, match=r"no data arrived on the stream for 0\.3 s") as info:
        async with client(server, timeout=0.3) as c:
            async for chunk in await c.chat.create_stream(
                **request(text=TEXT, chunks=10, stall_after=3)
            ):
                if chunk.choices[0].delta.content:
                    texts.append(chunk.choices[0].delta.content)
    assert texts == PIECES[:3]
    record = await disconnected(server)
    assert (record.fault, record.chunks_sent, len(server.requests)) == ("stall", 3, 1)
    assert_no_key(info.value)


async def test_stalled_body_of_a_plain_call_times_out_and_aborts(server: MockServer) -> None:
    async with client(server, timeout=0.3) as c:
        with pytest.raises(APITimeoutError, match="reading the response timed out") as info:
            await c.chat.create(**request(stall_after=0))
    await disconnected(server)
    assert_no_key(info.value)


async def test_slow_first_byte_times_out_and_aborts_each_attempt(server: MockServer) -> None:
    async with client(server, timeout=0.3, max_retries=1) as c:
        with pytest.raises(APITimeoutError, match=r"timed out after 0\.3 s") as info:
            await c.chat.create(**request(first_byte_delay_ms=10_000))
    for record in server.requests:
        await server.wait_for(lambda r=record: r.disconnected)  # type: ignore[misc]
    assert len(server.requests) == 2
    assert_no_key(info.value)


# -- broken bodies ------------------------------------------------------------------------


async def test_stream_cut_before_done_keeps_the_chunks_received(server: MockServer) -> None:
    texts: list[str] = []
    with pytest.raises(StreamError, match="broke off after") as info:
        await read_stream(server, texts, text=TEXT, chunks=10, drop_after=4, delay_ms=30)
    assert texts == PIECES[:4]
    assert_no_key(info.value)


@pytest.mark.parametrize(
    ("mock", "error_type"),
    [
        ({"malformed_after": 2}, JSONDeserializeError),
        ({"error_event_after": 2}, APIError),
    ],
)
async def test_bad_event_raises_after_the_chunks_before_it(
    server: MockServer, mock: dict[str, Any], error_type: type[OpenAIError]
) -> None:
    # No delay: the good chunks and the bad one arrive together, in one read.
    texts: list[str] = []
    with pytest.raises(error_type) as info:
        await read_stream(server, texts, text=TEXT, chunks=10, **mock)
    assert type(info.value) is error_type
    assert texts == PIECES[:2]
    assert_no_key(info.value)


class Item(ResponseModel):
    id: str


async def stream_of(chunks: list[bytes]) -> Stream[Item]:
    response = Response.from_chunks(200, chunks)
    config = OpenAIConfig(api_key=KEY, api_base="http://mock.test/v1")
    pipeline = Pipeline(config, MockTransport(lambda r: response), RequestOptions())
    return await pipeline.stream("POST", "/s", Item)


async def test_failure_in_a_chunk_comes_after_its_good_items() -> None:
    stream = await stream_of([b'data: {"id": "a"}\n\ndata: {"id": "b"}\n\ndata: {not json\n\n'])
    assert [(await anext(stream)).id, (await anext(stream)).id] == ["a", "b"]
    with pytest.raises(JSONDeserializeError) as info:
        await anext(stream)
    assert info.value.raw == "{not json"
    with pytest.raises(JSONDeserializeError):  # a failed stream stays failed
        await anext(stream)


async def test_plain_body_cut_short_is_a_connection_error(server: MockServer) -> None:
    async with client(server) as c:
        with pytest.raises(APIConnectionError, match="broke off") as info:
            await c.chat.create(**request(drop_after=0))
    assert type(info.value) is APIConnectionError
    assert_no_key(info.value)


async def test_connection_refused_is_a_connection_error() -> None:
    probe = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = probe.sockets[0].getsockname()[1]
    probe.close()
    await probe.wait_closed()
    config = OpenAIConfig(api_key=KEY, api_base=f"http://127.0.0.1:{port}/v1")
    async with Client(config, max_retries=0) as c:
        with pytest.raises(APIConnectionError, match=f"127.0.0.1:{port}{CHAT} failed") as info:
            await c.chat.create(**request())
    assert_no_key(info.value)


# -- whatever the network delivers -------------------------------------------------------------

# Lines of an event stream, good and bad, some of arbitrary bytes, with any line ends.
_line = st.sampled_from(
    [
        *(b'data: {"id": "a"}', b'data: {"id": "b"}', b"data: {not json", b'data: {"id": 1}'),
        *(b'data: {"error": {"message": "m"}}', b"data: [DONE]", b": c", b"event: e", b"data"),
    ]
) | st.binary(max_size=12)
_stream_bytes = st.lists(
    st.tuples(_line, st.sampled_from([b"\n", b"\r", b"\r\n", b"\n\n", b"\r\n\r\n"])).map(b"".join),
    max_size=12,
).map(b"".join)


async def outcome(chunks: list[bytes]) -> tuple[list[str], str | None]:
    """The items a stream yields, then the type of the error it ends with (if any)."""
    items: list[str] = []
    try:
        async for item in await stream_of(chunks):
            items.append(item.id)
    except OpenAIError as exc:
        return items, type(exc).__name__
    return items, None


@settings(max_examples=300, deadline=None)
@given(_stream_bytes, st.data())
def test_stream_outcome_is_typed_and_the_same_however_the_bytes_are_split(
    raw: bytes, data: st.DataObject
) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), max_size=8)))
    chunks = [raw[a:b] for a, b in itertools.pairwise([0, *cuts, len(raw)])]
    # Anything but an OpenAIError escapes and fails the test.
    assert asyncio.run(outcome(chunks)) == asyncio.run(outcome([raw]))


# -- Retry-After forms ----------------------------------------------------------------------


def test_retry_after_as_an_http_date_and_its_cap() -> None:
    later = email.utils.formatdate(time.time() + 5, usegmt=True)
    assert 3.5 < _backoff(0, {"retry-after": later}) <= 5
    # Asked for longer than the cap: our own backoff instead (0.5 s less up to a quarter).
    too_long = str(MAX_RETRY_AFTER + 1)
    assert 0.375 <= _backoff(0, {"retry-after": too_long}) <= 0.5
    assert _backoff(0, {"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert 0.375 <= _backoff(0, {"retry-after": "soon"}) <= 0.5


# -- the mock server without CORS -------------------------------------------------------------


def test_mock_server_without_cors_sends_no_cors_headers() -> None:
    with MockServer(cors=False).run_in_thread() as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        origin = {"Origin": "http://page.test"}
        conn.request("OPTIONS", CHAT, headers={**origin, "Access-Control-Request-Method": "POST"})
        preflight = conn.getresponse()
        preflight.read()
        conn.request("GET", "/v1/models", headers={**origin, "Authorization": "Bearer k"})
        models = conn.getresponse()
        models.read()
        conn.close()
    for response in (preflight, models):
        assert not [h for h in response.headers if h.lower().startswith("access-control-")]
    assert (preflight.status, models.status) == (204, 200)
