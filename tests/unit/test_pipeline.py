"""The request pipeline over MockTransport: URL, headers, body, retries, errors, streams."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable

import pytest

from async_openai_wasm import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    AzureConfig,
    BadRequestError,
    Client,
    InternalServerError,
    InvalidArgumentError,
    JSONDeserializeError,
    MockTransport,
    OpenAIConfig,
    OpenAIError,
    RateLimitError,
    Request,
    Response,
    StreamError,
)
from async_openai_wasm._pipeline import Pipeline, RequestOptions
from async_openai_wasm.types._base import ResponseModel

KEY = "sk-test-0123456789abcdef"


class Thing(ResponseModel):
    id: str
    n: int | None = None


def sse(*datas: str) -> list[bytes]:
    return [f"data: {d}\n\n".encode() for d in datas]


def pipeline(handler: Callable[[Request], Response], **options: object) -> Pipeline:
    config = OpenAIConfig(api_key=KEY, api_base="http://mock.test/v1", org_id="org-1")
    return Pipeline(config, MockTransport(handler), RequestOptions(**options))  # type: ignore[arg-type]


async def test_builds_url_headers_query_and_json_body() -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return Response.from_json(200, {"id": "x"})

    p = pipeline(handler)
    await p.json("POST", "/things", Thing, body={"a": 1, "é": "ü"}, query={"limit": 2, "b": True})
    (request,) = seen
    assert request.url == "http://mock.test/v1/things?limit=2&b=true"
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert request.headers["OpenAI-Organization"] == "org-1"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body) == {"a": 1, "é": "ü"}  # type: ignore[arg-type]


async def test_azure_url_query_and_key_header() -> None:
    seen: list[Request] = []
    transport = MockTransport(lambda r: seen.append(r) or Response.from_json(200, {"id": "x"}))
    config = AzureConfig(
        api_base="https://res.openai.azure.com/",
        deployment_id="gpt4",
        api_version="2024-10-21",
        api_key="azure-key",
    )
    await Pipeline(config, transport, RequestOptions()).json("GET", "/things", Thing)
    assert seen[0].url == (
        "https://res.openai.azure.com/openai/deployments/gpt4/things?api-version=2024-10-21"
    )
    assert seen[0].headers["api-key"] == "azure-key"
    assert "Authorization" not in seen[0].headers


async def test_unknown_response_fields_are_kept() -> None:
    p = pipeline(lambda r: Response.from_json(200, {"id": "x", "reasoning_content": "hmm"}))
    thing = await p.json("GET", "/t", Thing)
    assert thing.model_extra == {"reasoning_content": "hmm"}


async def test_undecodable_body_keeps_raw_text() -> None:
    p = pipeline(lambda r: Response.from_chunks(200, [b'{"n": "not an int"}']))
    with pytest.raises(JSONDeserializeError) as info:
        await p.json("GET", "/t", Thing)
    assert info.value.raw == '{"n": "not an int"}'
    assert "id" in str(info.value)


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (429, RateLimitError),
        (503, InternalServerError),
    ],
)
async def test_status_errors_carry_the_servers_fields(status: int, error_type: type) -> None:
    body = {"error": {"message": "nope", "type": "t", "param": "model", "code": "c"}}
    p = pipeline(
        lambda r: Response.from_json(status, body, {"x-request-id": "req_1"}), max_retries=0
    )
    with pytest.raises(error_type) as info:
        await p.json("GET", "/t", Thing)
    error = info.value
    assert (
        error.status_code,
        error.message,
        error.type,
        error.param,
        error.code,
        error.request_id,
    ) == (status, "nope", "t", "model", "c", "req_1")


async def test_html_error_page_is_named() -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    p = pipeline(
        lambda r: Response.from_chunks(502, [page], {"content-type": "text/html"}), max_retries=0
    )
    with pytest.raises(InternalServerError, match=r"HTML page.*502 Bad Gateway"):
        await p.json("GET", "/t", Thing)


async def test_key_echoed_by_a_server_is_masked_in_the_error() -> None:
    body = {"error": {"message": f"Incorrect API key provided: {KEY}"}}
    p = pipeline(lambda r: Response.from_json(401, body))
    with pytest.raises(AuthenticationError) as info:
        await p.json("GET", "/t", Thing)
    assert KEY not in str(info.value)
    assert KEY not in repr(info.value.body)


async def test_retries_5xx_then_succeeds_honouring_retry_after_ms() -> None:
    calls = 0

    def handler(request: Request) -> Response:
        nonlocal calls
        calls += 1
        if calls < 3:
            return Response.from_json(500, {"error": {"message": "boom"}}, {"retry-after-ms": "10"})
        return Response.from_json(200, {"id": "ok"})

    loop = asyncio.get_running_loop()
    start = loop.time()
    assert (await pipeline(handler).json("GET", "/t", Thing)).id == "ok"
    assert calls == 3
    assert 0.02 <= loop.time() - start < 0.5


async def test_gives_up_after_max_retries() -> None:
    calls = 0

    def handler(request: Request) -> Response:
        nonlocal calls
        calls += 1
        return Response.from_json(429, {"error": {"message": "slow"}}, {"retry-after": "0"})

    with pytest.raises(RateLimitError):
        await pipeline(handler, max_retries=3).json("GET", "/t", Thing)
    assert calls == 4


async def test_insufficient_quota_and_400_are_not_retried() -> None:
    calls = 0

    def handler(request: Request) -> Response:
        nonlocal calls
        calls += 1
        code = "insufficient_quota" if calls == 1 else None
        return Response.from_json(429 if code else 400, {"error": {"message": "x", "code": code}})

    with pytest.raises(RateLimitError):
        await pipeline(handler).json("GET", "/t", Thing)
    with pytest.raises(BadRequestError):
        await pipeline(handler).json("GET", "/t", Thing)
    assert calls == 2


async def test_connection_errors_are_retried() -> None:
    calls = 0

    def handler(request: Request) -> Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise APIConnectionError("refused")
        return Response.from_json(200, {"id": "ok"})

    p = pipeline(handler)
    p.options = RequestOptions(max_retries=1)
    import async_openai_wasm._pipeline as mod

    original = mod.INITIAL_RETRY_DELAY
    mod.INITIAL_RETRY_DELAY = 0.001
    try:
        assert (await p.json("GET", "/t", Thing)).id == "ok"
    finally:
        mod.INITIAL_RETRY_DELAY = original
    assert calls == 2


async def test_timeout_raises_timeout_error_and_cancels_the_send() -> None:
    cancelled = asyncio.Event()

    async def handler(request: Request) -> Response:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        raise AssertionError("not reached")

    with pytest.raises(APITimeoutError, match=r"timed out after 0\.05 s"):
        await pipeline(handler, timeout=0.05, max_retries=0).json("GET", "/t", Thing)
    assert cancelled.is_set()


async def test_stream_yields_typed_items_until_done() -> None:
    chunks = sse('{"id": "a"}', '{"id": "b", "n": 2}', "[DONE]")
    p = pipeline(lambda r: Response.from_chunks(200, chunks))
    async with await p.stream("POST", "/s", Thing, body={}) as stream:
        items = [item async for item in stream]
    assert [(i.id, i.n) for i in items] == [("a", None), ("b", 2)]


async def test_stream_http_error_raises_at_create_with_server_message() -> None:
    p = pipeline(lambda r: Response.from_json(400, {"error": {"message": "bad model"}}))
    with pytest.raises(BadRequestError, match="bad model"):
        await p.stream("POST", "/s", Thing, body={})


async def test_error_event_inside_a_200_stream_raises_api_error() -> None:
    chunks = sse('{"id": "a"}', '{"error": {"message": "overloaded", "type": "server_error"}}')
    stream = await pipeline(lambda r: Response.from_chunks(200, chunks)).stream("POST", "/s", Thing)
    assert (await anext(stream)).id == "a"
    with pytest.raises(APIError, match="overloaded") as info:
        await anext(stream)
    assert info.value.type == "server_error"


async def test_content_mentioning_error_is_not_an_error_event() -> None:
    chunks = sse(json.dumps({"id": 'say "error"', "n": 1}), "[DONE]")
    stream = await pipeline(lambda r: Response.from_chunks(200, chunks)).stream("POST", "/s", Thing)
    assert [i.id async for i in stream] == ['say "error"']


async def test_stream_cut_before_done_raises_after_the_items_received() -> None:
    stream = await pipeline(lambda r: Response.from_chunks(200, sse('{"id": "a"}'))).stream(
        "POST", "/s", Thing
    )
    received = []
    with pytest.raises(StreamError, match="before its end marker"):
        async for item in stream:
            received.append(item.id)
    assert received == ["a"]


async def test_malformed_event_keeps_raw_text() -> None:
    stream = await pipeline(lambda r: Response.from_chunks(200, sse("{not json"))).stream(
        "POST", "/s", Thing
    )
    with pytest.raises(JSONDeserializeError) as info:
        await anext(stream)
    assert info.value.raw == "{not json"


async def test_leaving_async_with_closes_the_response() -> None:
    closed = asyncio.Event()

    class Body:
        async def __aiter__(self):  # type: ignore[no-untyped-def]
            for chunk in sse('{"id": "a"}', '{"id": "b"}'):
                yield chunk

        async def aclose(self) -> None:
            closed.set()

    p = pipeline(lambda r: Response(200, {}, Body()))
    async with await p.stream("POST", "/s", Thing) as stream:
        async for _ in stream:
            break
    assert closed.is_set()


async def test_debug_log_masks_the_key(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="async_openai_wasm")
    await pipeline(lambda r: Response.from_json(200, {"id": "x"})).json("GET", "/t", Thing)
    assert "GET http://mock.test/v1/t" in caplog.text
    assert KEY not in caplog.text
    assert "sk-...ef" in caplog.text


def test_key_never_in_repr_of_config_or_client() -> None:
    config = OpenAIConfig(api_key=KEY)
    client = Client(config, transport=MockTransport(lambda r: Response.from_json(200, {})))
    for text in (repr(config), str(config), repr(client)):
        assert KEY not in text
    azure = AzureConfig(api_base="https://x.test", deployment_id="d", api_version="v", api_key=KEY)
    assert KEY not in repr(azure)


def test_config_defaults_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "env-key")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1/")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj")
    config = OpenAIConfig()
    assert (config.api_key, config.api_base, config.project_id) == (
        "env-key",
        "http://localhost:11434/v1",
        "proj",
    )
    assert config.headers()["OpenAI-Project"] == "proj"
    monkeypatch.delenv("OPENAI_BASE_URL")
    assert OpenAIConfig().api_base == "https://api.openai.com/v1"


def test_bad_base_url_is_named() -> None:
    from async_openai_wasm import InvalidArgumentError

    with pytest.raises(InvalidArgumentError, match="localhost:8080/v1"):
        OpenAIConfig(api_base="localhost:8080/v1")


@pytest.mark.parametrize(
    "chunks",
    [
        # an error event in a 200 stream that echoes the key
        sse(json.dumps({"error": {"message": f"bad key {KEY}", "code": KEY}})),
        # an undecodable event that echoes it
        sse(f'{{"id": 1, "n": "{KEY}"}}'),
    ],
)
async def test_key_echoed_inside_a_200_stream_is_masked(chunks: list[bytes]) -> None:
    stream = await pipeline(lambda r: Response.from_chunks(200, chunks)).stream("POST", "/s", Thing)
    with pytest.raises(OpenAIError) as info:
        await anext(stream)
    error = info.value
    assert KEY not in str(error)
    assert KEY not in repr(vars(error))
    assert "sk-...ef" in str(error)


async def test_key_echoed_in_an_undecodable_200_body_is_masked() -> None:
    body = json.dumps({"n": KEY}).encode()
    p = pipeline(lambda r: Response.from_chunks(200, [body]))
    with pytest.raises(JSONDeserializeError) as info:
        await p.json("GET", "/t", Thing)
    assert KEY not in str(info.value)
    assert KEY not in info.value.raw


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("timeout", 0),
        ("timeout", -1),
        ("timeout", float("nan")),
        ("timeout", "30"),
        ("timeout", True),
        ("max_retries", -1),
        ("max_retries", 1.5),
        ("max_retries", "2"),
        ("max_retries", True),
    ],
)
def test_a_wrong_timeout_or_retry_count_is_refused_naming_it(option: str, value: object) -> None:
    config = OpenAIConfig(api_key=KEY)
    with pytest.raises(InvalidArgumentError, match=f"^{option} must be .* got {value!r}$"):
        Client(config, **{option: value})  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=f"^{option} must be"):
        Client(config).with_options(**{option: value})  # type: ignore[arg-type]


async def test_with_options_changes_only_the_calls_made_through_it() -> None:
    calls = 0

    async def slow_then_fine(request: Request) -> Response:
        nonlocal calls
        calls += 1
        if request.url.endswith("/models/slow"):
            await asyncio.sleep(0.5)
        return Response.from_json(
            200, {"id": "m", "object": "model", "created": 1, "owned_by": "o"}
        )

    client = Client(
        OpenAIConfig(api_key=KEY, api_base="http://mock.test/v1"),
        transport=MockTransport(slow_then_fine),
        max_retries=3,
    )
    hurried = client.with_options(timeout=0.05, max_retries=0)
    with pytest.raises(APITimeoutError):
        await hurried.models.retrieve("slow")
    assert calls == 1  # max_retries=0 through `hurried`: one attempt
    # Unlimited (infinite) is a limit too: the call waits as long as it takes.
    assert (await client.with_options(timeout=float("inf")).models.retrieve("slow")).id == "m"
    assert (
        await client.models.retrieve("slow")
    ).id == "m"  # the client's own options are unchanged
    assert calls == 3
