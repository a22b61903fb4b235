"""The client in Pyodide over the fetch transport, in Node and in Chrome, against the mock
server on the host: typed responses, streaming as it arrives, and what the server sees when
the client stops reading (the fetch must be aborted, not left running)."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_pyodide import run_in_pyodide


@run_in_pyodide(packages=["async-openai-wasm"])
async def test_create_uses_fetch_and_returns_typed_response(selenium, mock_url):
    from async_openai_wasm import Client, FetchTransport, OpenAIConfig
    from async_openai_wasm.types.chat import CreateChatCompletionResponse

    client = Client(OpenAIConfig(api_key="sk-pyodide", api_base=mock_url + "/v1"))
    assert isinstance(client._pipeline.transport, FetchTransport)
    resp = await client.chat.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi from Pyodide"}]
    )
    assert isinstance(resp, CreateChatCompletionResponse)
    assert resp.choices[0].message.content.startswith("You said: Hi from Pyodide.")
    assert resp.usage.total_tokens > 0


@run_in_pyodide(packages=["async-openai-wasm"])
async def test_stream_arrives_chunk_by_chunk_in_order(selenium, mock_url):
    import time

    from async_openai_wasm import Client, OpenAIConfig

    client = Client(OpenAIConfig(api_key="sk-pyodide", api_base=mock_url + "/v1"))
    stream = await client.chat.create_stream(
        model="m",
        messages=[{"role": "user", "content": "count"}],
        stream_options={"include_usage": True},
        extra_params={"mock": {"chunks": 12, "delay_ms": 40}},
    )
    arrivals = []
    texts = []
    async with stream:
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                texts.append(chunk.choices[0].delta.content)
                arrivals.append(time.monotonic())
            last = chunk
    assert len(texts) == 12
    assert "".join(texts).startswith("You said: count.")
    assert last.usage is not None
    # Read as it was sent (40 ms apart), not buffered until the end.
    assert arrivals[-1] - arrivals[0] > 0.25


@run_in_pyodide(packages=["async-openai-wasm"])
async def _read_two_chunks_then(selenium, url, how):
    import asyncio

    from async_openai_wasm import Client, OpenAIConfig

    client = Client(OpenAIConfig(api_key="sk-pyodide", api_base=url + "/v1"))
    mock = {"chunks": 500, "delay_ms": 20}
    if how == "leave":
        stream = await client.chat.create_stream(
            model="m", messages=[{"role": "user", "content": "x"}], extra_params={"mock": mock}
        )
        async with stream:
            seen = 0
            async for _ in stream:
                seen += 1
                if seen == 3:
                    break
        return seen
    got_two = asyncio.Event()

    async def consume():
        stream = await client.chat.create_stream(
            model="m", messages=[{"role": "user", "content": "x"}], extra_params={"mock": mock}
        )
        seen = 0
        async with stream:
            async for _ in stream:
                seen += 1
                if seen == 3:
                    got_two.set()

    task = asyncio.ensure_future(consume())
    await got_two.wait()
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        return "cancelled"
    return "not cancelled"


@pytest.mark.parametrize("how", ["leave", "cancel"])
def test_stopping_a_stream_aborts_the_fetch(selenium: Any, mock_server: Any, how: str) -> None:
    mock_server.reset()
    outcome = _read_two_chunks_then(selenium, mock_server.url, how)
    assert outcome == (3 if how == "leave" else "cancelled")
    record = mock_server.wait_for_sync(lambda: mock_server.last("/v1/chat/completions"))
    mock_server.wait_for_sync(lambda: record.disconnected, timeout=5)
    assert not record.completed
    assert record.chunks_sent < 100


@run_in_pyodide(packages=["async-openai-wasm"])
async def _unhandled_rejections_after_stopping(selenium, url, how):
    import asyncio
    import contextlib
    import gc

    import js
    from pyodide.ffi import create_proxy

    from async_openai_wasm import Client, OpenAIConfig

    rejections = []
    note = create_proxy(lambda *args: rejections.append(str(args[0])))
    # A read is asked for before the last chunk is handed on: it is pending when the stream
    # stops, and rejects when the fetch is aborted. Pyodide reports a rejection nothing
    # handled to the event loop's exception handler ("exception was never retrieved").
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda loop, context: rejections.append(context["message"]))
    if hasattr(js, "process"):
        js.process.on("unhandledRejection", note)
    else:
        js.addEventListener("unhandledrejection", note)
    try:
        client = Client(OpenAIConfig(api_key="k", api_base=url + "/v1"), max_retries=0)
        stream = await client.chat.create_stream(
            model="m",
            messages=[{"role": "user", "content": "x"}],
            extra_params={"mock": {"chunks": 500, "delay_ms": 20}},
        )
        three = asyncio.Event()

        async def consume():
            seen = 0
            async with stream:
                async for _ in stream:
                    seen += 1
                    if seen == 3:
                        if how == "leave":
                            break
                        three.set()

        task = asyncio.ensure_future(consume())
        if how == "cancel":
            await three.wait()
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        stream = task = None  # the generator and its pending read go now
        gc.collect()
        await asyncio.sleep(0.5)  # time for a rejection to be reported
    finally:
        loop.set_exception_handler(None)
        if hasattr(js, "process"):
            js.process.off("unhandledRejection", note)
        else:
            js.removeEventListener("unhandledrejection", note)
        note.destroy()
    return rejections


@pytest.mark.parametrize("how", ["leave", "cancel"])
def test_a_stream_stopped_with_a_read_pending_leaves_no_unhandled_rejection(
    selenium: Any, mock_server: Any, how: str
) -> None:
    mock_server.reset()
    assert _unhandled_rejections_after_stopping(selenium, mock_server.url, how) == []
    record = mock_server.wait_for_sync(lambda: mock_server.last("/v1/chat/completions"))
    mock_server.wait_for_sync(lambda: record.disconnected, timeout=5)


@run_in_pyodide(packages=["async-openai-wasm"])
async def test_http_error_raises_at_create_stream(selenium, mock_url):
    from async_openai_wasm import Client, OpenAIConfig, RateLimitError

    client = Client(OpenAIConfig(api_key="k", api_base=mock_url + "/v1"), max_retries=0)
    error = {"status": 429, "message": "slow down", "code": "rate_limit_exceeded"}
    try:
        await client.chat.create_stream(
            model="m",
            messages=[{"role": "user", "content": "x"}],
            extra_params={"mock": {"error": error}},
        )
    except RateLimitError as exc:
        assert exc.message == "slow down"
        assert exc.code == "rate_limit_exceeded"
        assert exc.request_id.startswith("req_")  # exposed to the page by CORS
    else:
        raise AssertionError("no error raised")


@run_in_pyodide(packages=["async-openai-wasm"])
async def _time_out(selenium, url):
    from async_openai_wasm import APITimeoutError, Client, OpenAIConfig

    client = Client(OpenAIConfig(api_key="k", api_base=url + "/v1"), timeout=0.5, max_retries=0)
    try:
        await client.chat.create(
            model="m",
            messages=[{"role": "user", "content": "x"}],
            extra_params={"mock": {"first_byte_delay_ms": 5000}},
        )
    except APITimeoutError as exc:
        return str(exc)
    return "no timeout"


def test_timeout_aborts_the_request(selenium: Any, mock_server: Any) -> None:
    mock_server.reset()
    message = _time_out(selenium, mock_server.url)
    assert "timed out after 0.5 s" in message
    record = mock_server.wait_for_sync(lambda: mock_server.last("/v1/chat/completions"))
    mock_server.wait_for_sync(lambda: record.disconnected, timeout=5)


@run_in_pyodide(packages=["async-openai-wasm"])
async def test_dropped_stream_raises_stream_error_after_received_chunks(selenium, mock_url):
    from async_openai_wasm import Client, OpenAIConfig, StreamError

    client = Client(OpenAIConfig(api_key="k", api_base=mock_url + "/v1"))
    stream = await client.chat.create_stream(
        model="m",
        messages=[{"role": "user", "content": "x"}],
        # Paced: a browser discards chunks still queued in a body stream when it errors, so
        # only chunks read before the drop can be counted on.
        extra_params={"mock": {"chunks": 10, "drop_after": 4, "delay_ms": 60}},
    )
    contents = []
    try:
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                contents.append(chunk.choices[0].delta.content)
    except StreamError:
        pass
    else:
        raise AssertionError("no StreamError")
    assert 3 <= len(contents) <= 4, contents


@run_in_pyodide(packages=["async-openai-wasm"])
async def test_finished_calls_leave_no_timer_pending(selenium, mock_url):
    """A Node script ends when its work ends: a finished or cancelled call must not leave a
    timer pending (its timeout's, or a retry's wait), which would keep Node running for that
    long (and, in a page, hold a timer per stream read for ten minutes)."""
    import asyncio

    import js

    from async_openai_wasm import Client, OpenAIConfig

    process = getattr(js, "process", None)
    if process is not None:
        # Node: the timers that keep the process running.
        def pending() -> int:
            return list(process.getActiveResourcesInfo()).count("Timeout")
    else:
        # A page: every setTimeout not yet fired or cleared.
        js.eval(
            """
            globalThis.pendingTimers = new Set();
            const set = globalThis.setTimeout, clear = globalThis.clearTimeout;
            globalThis.restoreTimers = () => {
              globalThis.setTimeout = set;
              globalThis.clearTimeout = clear;
            };
            globalThis.setTimeout = (callback, ms, ...args) => {
              const id = set(() => { pendingTimers.delete(id); callback(...args); }, ms);
              pendingTimers.add(id);
              return id;
            };
            globalThis.clearTimeout = (id) => { pendingTimers.delete(id); clear(id); };
            """
        )

        def pending() -> int:
            return js.pendingTimers.size

    try:
        await asyncio.sleep(0.1)
        before = pending()
        client = Client(OpenAIConfig(api_key="k", api_base=mock_url + "/v1"), timeout=300)
        messages = [{"role": "user", "content": "timers"}]
        reply = await client.chat.create(model="m", messages=messages)
        assert reply.choices[0].message.content
        during = pending()
        # Limits longer than a JS timer can count (about 24.8 days) mean none, not "at once".
        for endless in (float("inf"), 1e9):
            slow = {"mock": {"first_byte_delay_ms": 300}}
            unhurried = client.with_options(timeout=endless)
            assert await unhurried.chat.create(model="m", messages=messages, extra_params=slow)
        stream = await client.chat.create_stream(
            model="m", messages=messages, extra_params={"mock": {"chunks": 20, "delay_ms": 5}}
        )
        async with stream:
            chunks = [chunk async for chunk in stream]
        assert len(chunks) > 20
        assert [model.id async for model in client.models.list()]
        # A call cancelled while it waits 30 s to retry a 503.
        failing = client.chat.create(
            model="m",
            messages=messages,
            extra_params={"mock": {"error": {"status": 503}, "retry_after": 30}},
        )
        waiting = asyncio.ensure_future(failing)
        await asyncio.sleep(0.5)
        assert not waiting.done()
        waiting.cancel()
        await asyncio.gather(waiting, return_exceptions=True)
        assert waiting.cancelled()
        await asyncio.sleep(0.1)  # timers that were due fire
        assert (before, pending()) == (before, before), f"during the first call: {during}"
    finally:
        if process is None:
            js.restoreTimers()
