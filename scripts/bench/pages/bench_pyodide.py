"""The Python half of the browser benchmarks, run inside Pyodide by bench.js.

Each function times one thing and returns plain numbers (seconds, counts) for the page to
hand back to the driver. Nothing here is imported at module level except the standard
library: the cold-start measurements decide what gets imported when.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "Benchmark"}]
API_KEY = "bench-key"


# ---------------------------------------------------------------- cold start


async def first_call_ours(base_url: str) -> dict[str, float]:
    """Client construction, then the first (non-streamed) chat call over fetch."""
    from async_openai_wasm import Client, OpenAIConfig

    started = time.perf_counter()
    client = Client(OpenAIConfig(api_key=API_KEY, api_base=base_url), max_retries=0)
    constructed = time.perf_counter()
    completion = await client.chat.create(model=MODEL, messages=MESSAGES)
    answered = time.perf_counter()
    _check_answer(completion.choices[0].message.content)
    return {"client": constructed - started, "first_request": answered - constructed}


async def first_call_official(base_url: str, body: str) -> dict[str, Any]:
    """The official SDK: construction as a user writes it, then the same call.

    Its default transport (httpx over httpcore and anyio) opens sockets, which a browser does
    not have; the call is tried once to record the error, then made through
    ``httpx.MockTransport`` answering with ``body``, the mock server's reply to the same call.
    """
    import httpx
    import openai

    started = time.perf_counter()
    client = openai.AsyncOpenAI(api_key=API_KEY, base_url=base_url, max_retries=0)
    constructed = time.perf_counter()

    fetch_error = None
    try:
        await client.chat.completions.create(model=MODEL, messages=MESSAGES)
    except openai.APIConnectionError as exc:
        fetch_error = f"{type(exc).__name__}: {exc} <- {_root_cause(exc)}"

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, text=body)

    mocked = openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=base_url,
        max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)),
    )
    before = time.perf_counter()
    completion = await mocked.chat.completions.create(model=MODEL, messages=MESSAGES)
    answered = time.perf_counter()
    _check_answer(completion.choices[0].message.content)
    return {
        "client": constructed - started,
        "first_request": answered - before,
        "fetch_error": fetch_error,
    }


def _root_cause(exc: BaseException) -> str:
    """The innermost exception the traceback would show (``from None`` ends the chain)."""
    while True:
        if isinstance(exc, BaseExceptionGroup):
            exc = exc.exceptions[0]
        elif exc.__cause__ is not None:
            exc = exc.__cause__
        elif exc.__context__ is not None and not exc.__suppress_context__:
            exc = exc.__context__
        else:
            return f"{type(exc).__name__}: {exc}"


def _check_answer(content: str | None) -> None:
    if not content or not content.startswith("You said: Benchmark"):
        raise AssertionError(f"unexpected answer from the mock server: {content!r}")


# ---------------------------------------------------------------- streaming throughput


async def stream_ours(base_url: str, chunks: int) -> dict[str, float]:
    """Our client over fetch from the mock server: typed chunks per second."""
    from async_openai_wasm import Client, OpenAIConfig

    client = Client(OpenAIConfig(api_key=API_KEY, api_base=base_url), max_retries=0)
    started = time.perf_counter()
    count = 0
    stream = await client.chat.create_stream(
        model=MODEL, messages=MESSAGES, extra_params={"mock": {"chunks": chunks}}
    )
    async with stream:
        async for _ in stream:
            count += 1
    return {"chunks": count, "seconds": time.perf_counter() - started}


async def stream_ours_accumulating(base_url: str, chunks: int) -> dict[str, float]:
    """Our client's ``chat.stream`` over fetch: every chunk accumulated (events made), then
    the final completion built. Counts chunk events, so the figure compares with (b)'s."""
    from async_openai_wasm import Client, OpenAIConfig

    client = Client(OpenAIConfig(api_key=API_KEY, api_base=base_url), max_retries=0)
    started = time.perf_counter()
    count = 0
    async with client.chat.stream(
        model=MODEL, messages=MESSAGES, extra_params={"mock": {"chunks": chunks}}
    ) as stream:
        async for event in stream:
            if event.type == "chunk":
                count += 1
        completion = await stream.get_final_completion()
    _check_answer(completion.choices[0].message.content)
    return {"chunks": count, "seconds": time.perf_counter() - started}


async def stream_ours_responses(base_url: str, chunks: int, helper: bool) -> dict[str, float]:
    """A Responses stream over fetch: every typed event, through ``responses.create_stream``
    or (``helper``) ``responses.stream``, which accumulates them into the final response."""
    from async_openai_wasm import Client, OpenAIConfig

    client = Client(OpenAIConfig(api_key=API_KEY, api_base=base_url), max_retries=0)
    request = {"model": MODEL, "input": "Benchmark", "extra_body": {"mock": {"chunks": chunks}}}
    started = time.perf_counter()
    count = 0
    if helper:
        async with client.responses.stream(**request) as stream:
            async for _ in stream:
                count += 1
            final = await stream.get_final_response()
        _check_answer(final.output_text)
    else:
        async with await client.responses.create_stream(**request) as events:
            async for _ in events:
                count += 1
    return {"chunks": count, "seconds": time.perf_counter() - started}


async def stream_ours_replay(recorded: Any) -> dict[str, float]:
    """Our client over the recorded bytes (same chunking), through our MockTransport."""
    from async_openai_wasm import Client, MockTransport, OpenAIConfig, Response

    body = _to_bytes(recorded)
    transport = MockTransport(
        lambda request: Response.from_chunks(200, body, {"content-type": "text/event-stream"})
    )
    client = Client(
        OpenAIConfig(api_key=API_KEY, api_base="http://replay.invalid/v1"),
        transport=transport,
        max_retries=0,
    )
    started = time.perf_counter()
    count = 0
    async with await client.chat.create_stream(model=MODEL, messages=MESSAGES) as stream:
        async for _ in stream:
            count += 1
    return {"chunks": count, "seconds": time.perf_counter() - started}


async def validation_replay(recorded: Any) -> dict[str, float]:
    """The floor under (b'): the recorded events validated into typed chunks as our stream
    validates them (runs of its batch size, one pydantic-core call each), with no stream
    around them: no reads, no end rule, no ``async for``. The bytes are cut into events
    before the clock starts."""
    from async_openai_wasm._decode import json_batches
    from async_openai_wasm._sse import SSEDecoder
    from async_openai_wasm._stream import BATCH_EVENTS, DONE
    from async_openai_wasm.types.chat import CreateChatCompletionStreamResponse

    decoder = SSEDecoder()
    batches = []
    for chunk in _to_bytes(recorded):
        run, events = decoder.feed_run(chunk)
        if [event.data for event in events] not in ([], [DONE]):
            raise RuntimeError(f"events outside a run of data events: {len(events)}")
        if run is not None:
            run, _ = run.until(DONE)
        if run is not None:
            batches += run.parts(BATCH_EVENTS)
    decode_batch = json_batches(CreateChatCompletionStreamResponse)
    started = time.perf_counter()
    count = 0
    for batch in batches:
        items = decode_batch(batch)
        if items is None:
            raise RuntimeError("a batch did not validate as chunks")
        count += len(items)
    return {"chunks": count, "seconds": time.perf_counter() - started}


async def stream_official_replay(recorded: Any) -> dict[str, float]:
    """The official SDK over the recorded bytes (same chunking), through httpx.MockTransport."""
    import httpx
    import openai

    body = _to_bytes(recorded)

    async def chunks() -> AsyncIterator[bytes]:
        for chunk in body:
            yield chunk

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=chunks())

    client = openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url="http://replay.invalid/v1",
        max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)),
    )
    started = time.perf_counter()
    count = 0
    stream = await client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True)
    async for _ in stream:
        count += 1
    return {"chunks": count, "seconds": time.perf_counter() - started}


def _to_bytes(recorded: Any) -> list[bytes]:
    """The page's recorded chunks (JS Uint8Arrays) as Python bytes, before any clock starts."""
    return [chunk.to_bytes() for chunk in recorded]


# ---------------------------------------------------------------- memory


async def stream_memory(base_url: str, chunks: int, every: int) -> dict[str, Any]:
    """Stream ``chunks`` chunks through our client, asking the page for a memory sample
    every ``every`` chunks (it forces a GC first, so the JS heap figure is what is live)."""
    import js

    from async_openai_wasm import Client, OpenAIConfig

    client = Client(OpenAIConfig(api_key=API_KEY, api_base=base_url), max_retries=0)
    js.benchSample(0)
    started = time.perf_counter()
    count = 0
    content_chars = 0
    stream = await client.chat.create_stream(
        model=MODEL, messages=MESSAGES, extra_params={"mock": {"chunks": chunks}}
    )
    async with stream:
        async for chunk in stream:
            count += 1
            if chunk.choices and chunk.choices[0].delta.content:
                content_chars += len(chunk.choices[0].delta.content)
            if count % every == 0:
                js.benchSample(count)
    seconds = time.perf_counter() - started
    js.benchSample(count)
    return {"chunks": count, "seconds": seconds, "content_chars": content_chars}
