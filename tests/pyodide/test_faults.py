"""Every fault of a real network, met by the client in Pyodide over fetch, in Node and in Chrome.

Each test makes a chat call against the mock server on the host with one fault switched on
(its ``"mock"`` options), then checks two sides: what the client raised (the exact error type
and what it carries) and what the server recorded (attempts, gaps between them, disconnects).
Every outcome passes through :func:`chat`, which also sweeps it for the API key: message,
repr, attributes and causes of each error raised here, in both runtimes.
"""

from __future__ import annotations

import itertools
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_pyodide import run_in_pyodide

from async_openai_wasm.error import mask_secret
from async_openai_wasm.testing.mock_server import MockServer, RecordedRequest

KEY = "sk-proj-faults-0123456789abcdefSECRET"
CHAT = "/v1/chat/completions"
# With the "text" option the mock splits its reply by words, one word per chunk here, so a
# test knows every chunk it should get, in order.
PIECES = [f"w{i} " for i in range(10)]
TEXT = "".join(PIECES)


@run_in_pyodide(packages=["async-openai-wasm"])
async def _chat(selenium, base_url, key, client_options, mock, stream):
    """One chat call; returns the content received and the error raised, as plain data."""
    import time

    from async_openai_wasm import Client, OpenAIConfig, OpenAIError

    client = Client(OpenAIConfig(api_key=key, api_base=base_url), **client_options)
    request = {
        "model": "m",
        "messages": [{"role": "user", "content": "fault"}],
        "extra_params": {"mock": mock},
    }
    texts = []
    outcome = {"texts": texts, "error": None}
    start = time.monotonic()
    try:
        if stream:
            async with await client.chat.create_stream(**request) as chunks:
                async for chunk in chunks:
                    if chunk.choices and chunk.choices[0].delta.content:
                        texts.append(chunk.choices[0].delta.content)
        else:
            reply = await client.chat.create(**request)
            texts.append(reply.choices[0].message.content)
    except OpenAIError as exc:
        causes = []
        cause = exc.__cause__ or exc.__context__
        while cause is not None and len(causes) < 10:
            causes.append(f"{type(cause).__name__}: {cause!r} {cause}")
            cause = cause.__cause__ or cause.__context__
        outcome["error"] = {
            "type": type(exc).__name__,
            "str": str(exc),
            "repr": repr(exc),
            "fields": dict(vars(exc)),
            "causes": causes,
        }
    outcome["elapsed"] = time.monotonic() - start
    return outcome


def chat(
    selenium: Any,
    url: str,
    mock: dict[str, Any],
    *,
    stream: bool = True,
    **client_options: Any,
) -> dict[str, Any]:
    outcome: dict[str, Any] = _chat(selenium, url + "/v1", KEY, client_options, mock, stream)
    assert KEY not in repr(outcome), outcome
    return outcome


def error_of(outcome: dict[str, Any], expected_type: str) -> dict[str, Any]:
    error = outcome["error"]
    assert error is not None, f"no error raised; received {outcome['texts']}"
    assert error["type"] == expected_type, error
    return dict(error)


def attempts(server: MockServer) -> list[RecordedRequest]:
    """The chat requests the server received, without the browser's CORS preflights."""
    return [r for r in server.requests if r.path == CHAT and r.method == "POST"]


def gaps(records: list[RecordedRequest]) -> list[float]:
    return [b.time_received - a.time_received for a, b in itertools.pairwise(records)]


def wait_disconnected(server: MockServer, record: RecordedRequest) -> None:
    server.wait_for_sync(lambda: record.disconnected, timeout=5)
    assert not record.completed


# -- retries ---------------------------------------------------------------------------------------


def test_5xx_is_retried_with_growing_backoff_until_success(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    mock = {"fail_times": 2, "key": "5xx", "text": TEXT, "chunks": 10}
    outcome = chat(selenium, mock_url, mock, stream=False, max_retries=2)
    assert outcome["error"] is None
    assert outcome["texts"] == [TEXT]
    sent = attempts(mock_server)
    assert [r.status for r in sent] == [500, 500, 200]
    # 0.5 s then 1 s, each less up to a quarter at random.
    first, second = gaps(sent)
    assert 0.375 <= first < 1.5, first
    assert 0.75 <= second < 2.0, second


@pytest.mark.parametrize(
    ("header", "value", "wait"), [("retry_after", 1, 1.0), ("retry_after_ms", 800, 0.8)]
)
def test_retry_after_is_honoured(
    selenium: Any, mock_server: MockServer, mock_url: str, header: str, value: int, wait: float
) -> None:
    mock = {"fail_times": 1, "fail_status": 429, "key": header, header: value}
    outcome = chat(selenium, mock_url, mock, stream=False)
    assert outcome["error"] is None
    sent = attempts(mock_server)
    assert [r.status for r in sent] == [429, 200]
    # Longer than our own first backoff (at most 0.5 s): the server's wait, not ours.
    (gap,) = gaps(sent)
    assert wait <= gap < wait + 1.0, gap


def test_rate_limit_gives_up_after_max_retries_with_the_key_masked(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    # A proxy that echoes the key it got: the error must still not carry it.
    error = {"status": 429, "message": f"Rate limit reached for {KEY}", "code": "rate_limit"}
    mock = {"error": error, "retry_after_ms": 50}
    outcome = chat(selenium, mock_url, mock, max_retries=2)
    raised = error_of(outcome, "RateLimitError")
    assert raised["fields"]["message"] == f"Rate limit reached for {mask_secret(KEY)}"
    assert raised["fields"]["code"] == "rate_limit"
    assert raised["fields"]["request_id"] == attempts(mock_server)[-1].id
    assert [r.status for r in attempts(mock_server)] == [429, 429, 429]


def test_insufficient_quota_is_not_retried(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    error = {"status": 429, "message": "You exceeded your quota.", "code": "insufficient_quota"}
    outcome = chat(selenium, mock_url, {"error": error, "retry_after_ms": 0}, max_retries=2)
    assert error_of(outcome, "RateLimitError")["fields"]["code"] == "insufficient_quota"
    assert len(attempts(mock_server)) == 1


@pytest.mark.parametrize(
    ("status", "should_retry", "error_type", "tries"),
    [(400, "true", "BadRequestError", 2), (500, "false", "InternalServerError", 1)],
)
def test_x_should_retry_overrides_the_status(
    selenium: Any,
    mock_server: MockServer,
    mock_url: str,
    status: int,
    should_retry: str,
    error_type: str,
    tries: int,
) -> None:
    # In a browser the page sees this header only if CORS exposes it.
    error = {"status": status, "headers": {"x-should-retry": should_retry}}
    outcome = chat(selenium, mock_url, {"error": error, "retry_after_ms": 0}, max_retries=1)
    error_of(outcome, error_type)
    assert len(attempts(mock_server)) == tries


def test_stream_is_retried_before_its_first_byte(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    mock = {"fail_times": 1, "fail_status": 503, "key": "s", "retry_after_ms": 0, "text": TEXT}
    outcome = chat(selenium, mock_url, {**mock, "chunks": 10})
    assert outcome["error"] is None
    assert outcome["texts"] == PIECES
    assert [r.status for r in attempts(mock_server)] == [503, 200]


# -- timeouts --------------------------------------------------------------------------------------


def test_slow_first_byte_times_out_and_aborts_each_attempt(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    mock = {"first_byte_delay_ms": 10_000}
    outcome = chat(selenium, mock_url, mock, timeout=0.5, max_retries=1)
    assert "timed out after 0.5 s" in error_of(outcome, "APITimeoutError")["str"]
    sent = attempts(mock_server)
    assert len(sent) == 2  # a timeout is a connection failure: retried
    for record in sent:
        wait_disconnected(mock_server, record)
        assert record.time_first_byte is None


def test_stall_mid_stream_times_out_keeps_chunks_and_aborts(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    mock = {"text": TEXT, "chunks": 10, "stall_after": 3}
    outcome = chat(selenium, mock_url, mock, timeout=0.5, max_retries=1)
    assert "no data arrived on the stream for 0.5 s" in error_of(outcome, "APITimeoutError")["str"]
    assert outcome["texts"] == PIECES[:3]
    (record,) = attempts(mock_server)  # a stream is not retried once it has begun
    wait_disconnected(mock_server, record)
    assert (record.fault, record.chunks_sent) == ("stall", 3)


def test_stalled_body_of_a_plain_call_times_out_and_aborts(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    outcome = chat(selenium, mock_url, {"stall_after": 0}, stream=False, timeout=0.5)
    assert (
        "reading the response timed out after 0.5 s" in error_of(outcome, "APITimeoutError")["str"]
    )
    (record,) = attempts(mock_server)
    wait_disconnected(mock_server, record)
    assert record.status == 200  # the headers came; the body stalled halfway


# -- broken and malformed bodies -------------------------------------------------------------------


def test_stream_cut_before_done_keeps_the_chunks_received(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    # Paced: a browser drops chunks still queued in a body stream when the stream errors,
    # so only chunks read before the cut can be counted on.
    mock = {"text": TEXT, "chunks": 10, "drop_after": 4, "delay_ms": 60}
    outcome = chat(selenium, mock_url, mock)
    assert "broke off after" in error_of(outcome, "StreamError")["str"]
    texts = outcome["texts"]
    assert 3 <= len(texts) <= 4 and texts == PIECES[: len(texts)], texts
    (record,) = attempts(mock_server)
    assert (record.fault, record.chunks_sent, record.completed) == ("drop", 4, False)


def test_plain_body_cut_short_is_a_connection_error(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    outcome = chat(selenium, mock_url, {"drop_after": 0}, stream=False)
    assert "broke off" in error_of(outcome, "APIConnectionError")["str"]
    assert attempts(mock_server)[0].fault == "drop"


def test_malformed_chunk_mid_stream_keeps_raw_text_and_closes(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    mock = {"text": TEXT, "chunks": 10, "malformed_after": 2, "delay_ms": 50}
    outcome = chat(selenium, mock_url, mock)
    raised = error_of(outcome, "JSONDeserializeError")
    assert raised["fields"]["raw"] == "{not json"
    assert outcome["texts"] == PIECES[:2]
    (record,) = attempts(mock_server)
    wait_disconnected(mock_server, record)  # the error closed the stream
    assert record.fault == "malformed"


def test_malformed_json_body_keeps_raw_text(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    outcome = chat(selenium, mock_url, {"malformed_after": 0}, stream=False)
    raised = error_of(outcome, "JSONDeserializeError")
    assert (raised["fields"]["raw"], raised["fields"]["status_code"]) == ("{not json", 200)
    assert "{not json" in raised["str"]


@pytest.mark.parametrize("stream", [True, False])
def test_html_error_page_from_a_proxy_is_named(
    selenium: Any, mock_server: MockServer, mock_url: str, stream: bool
) -> None:
    outcome = chat(selenium, mock_url, {"html_error": 502}, stream=stream, max_retries=0)
    raised = error_of(outcome, "InternalServerError")
    assert "HTML page" in raised["str"] and "502 Bad Gateway" in raised["str"]
    assert raised["fields"]["status_code"] == 502
    assert "<html>" in raised["fields"]["body"]
    assert attempts(mock_server)[0].fault == "html_error"


def test_error_event_in_a_200_stream_raises_with_the_servers_message(
    selenium: Any, mock_server: MockServer, mock_url: str
) -> None:
    outcome = chat(selenium, mock_url, {"text": TEXT, "chunks": 10, "error_event_after": 2})
    raised = error_of(outcome, "APIError")
    fields = raised["fields"]
    assert fields["message"] == "The server had an error while processing your request."
    assert (fields["type"], fields["status_code"]) == ("server_error", None)
    assert outcome["texts"] == PIECES[:2]
    (record,) = attempts(mock_server)
    assert (record.status, record.fault) == (200, "error_event")


# -- cancellation ----------------------------------------------------------------------------------


@run_in_pyodide(packages=["async-openai-wasm"])
async def _abandon(selenium, base_url, how):
    """Stops using a stream without closing it: the finaliser must abort the fetch."""
    import asyncio

    from async_openai_wasm import Client, OpenAIConfig

    client = Client(OpenAIConfig(api_key="k", api_base=base_url))
    request = {
        "model": "m",
        "messages": [{"role": "user", "content": "x"}],
        "extra_params": {"mock": {"chunks": 500, "delay_ms": 20}},
    }
    seen = 0
    if how == "break":
        async for _ in await client.chat.create_stream(**request):
            seen += 1
            if seen == 3:
                break
    elif how == "break, stream kept":
        stream = await client.chat.create_stream(**request)
        async for _ in stream:
            seen += 1
            if seen == 3:
                break
        # Still referenced: nothing may close it yet.
        await asyncio.sleep(0.2)
        del stream
    else:  # "never read"
        stream = await client.chat.create_stream(**request)
        del stream
    return seen


@pytest.mark.parametrize("how", ["break", "break, stream kept", "never read"])
def test_stream_dropped_without_closing_aborts_the_fetch(
    selenium: Any, mock_server: MockServer, mock_url: str, how: str
) -> None:
    seen = _abandon(selenium, mock_url + "/v1", how)
    assert seen == (0 if how == "never read" else 3)
    (record,) = attempts(mock_server)
    wait_disconnected(mock_server, record)
    assert record.chunks_sent < 50


# -- unreachable servers and CORS ------------------------------------------------------------------


@pytest.fixture(scope="module")
def no_cors_server() -> Iterator[MockServer]:
    """A server that sends no CORS headers: it does not allow the test page's origin."""
    with MockServer(cors=False).run_in_thread() as server:
        yield server


def test_server_that_does_not_allow_the_origin(selenium: Any, no_cors_server: MockServer) -> None:
    no_cors_server.reset()
    outcome = chat(selenium, no_cors_server.url, {"text": TEXT}, stream=False, max_retries=1)
    preflights = [r for r in no_cors_server.requests if r.method == "OPTIONS"]
    if selenium.browser == "node":
        # Node's fetch knows nothing of CORS: the call goes through.
        assert outcome["error"] is None
        assert (len(attempts(no_cors_server)), preflights) == (1, [])
        return
    raised = error_of(outcome, "APIConnectionError")
    assert "CORS" in raised["str"] and f"{no_cors_server.url}{CHAT}" in raised["str"]
    # The browser asked (a preflight per attempt: a refusal is not cached) and, refused,
    # never sent the request itself.
    assert (len(preflights), attempts(no_cors_server)) == (2, [])


def test_connection_refused_is_a_connection_error(selenium: Any) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outcome = chat(selenium, f"http://127.0.0.1:{port}", {}, stream=False, max_retries=0)
    raised = error_of(outcome, "APIConnectionError")
    assert f"http://127.0.0.1:{port}{CHAT}" in raised["str"]
    if selenium.browser != "node":
        assert "CORS" in raised["str"]  # a browser cannot tell a refusal from a CORS one


# -- the key in logs and the browser warning -------------------------------------------------------


@run_in_pyodide(packages=["async-openai-wasm"])
async def _debug_log(selenium, base_url, key):
    import io
    import logging

    from async_openai_wasm import Client, OpenAIConfig

    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger = logging.getLogger("async_openai_wasm")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        client = Client(OpenAIConfig(api_key=key, api_base=base_url))
        mock = {"fail_times": 1, "key": "log", "retry_after_ms": 0}
        await client.chat.create(
            model="m", messages=[{"role": "user", "content": "x"}], extra_params={"mock": mock}
        )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    return out.getvalue()


def test_debug_log_masks_the_key(selenium: Any, mock_url: str) -> None:
    text = _debug_log(selenium, mock_url + "/v1", KEY)
    assert f"POST {mock_url}{CHAT} (attempt 1)" in text
    assert f"POST {mock_url}{CHAT} (attempt 2)" in text
    assert "retrying" in text
    assert f"Bearer {mask_secret(KEY)}" in text
    assert KEY not in text
