"""Load: 200 concurrent streaming chats from one Pyodide (one Chrome page, or Node), each
chunk received once and in order, against mock servers on the host. Prints the wall time.

Chrome opens at most 6 HTTP/1.1 connections per host and port, and a stream holds its
connection until it ends: against one server, 194 of the 200 would wait in Chrome's queue
rather than run. The streams are spread over enough servers (one port each) for every one to
have a connection, so all 200 are in flight at once in Chrome as in Node (which has no such
limit), and both runtimes assert the same thing.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_pyodide import run_in_pyodide

from async_openai_wasm.testing.mock_server import MockServer

STREAMS = 200
CHUNKS = 10
# Each stream lasts over a second, so that they overlap however slowly they are started.
DELAY_MS = 120
CHROME_CONNECTIONS_PER_HOST = 6


@pytest.fixture(scope="module")
def servers() -> Iterator[list[MockServer]]:
    count = math.ceil(STREAMS / CHROME_CONNECTIONS_PER_HOST)
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(MockServer().run_in_thread()) for _ in range(count)]


@run_in_pyodide(packages=["async-openai-wasm"])
async def _run_load(selenium, base_urls, streams, chunks, delay_ms):
    import asyncio
    import time

    from async_openai_wasm import Client, OpenAIConfig

    clients = [Client(OpenAIConfig(api_key="k", api_base=url)) for url in base_urls]

    def request(i):
        return {
            "model": "m",
            "messages": [{"role": "user", "content": f"stream {i}"}],
            "extra_params": {"mock": {"chunks": chunks, "delay_ms": delay_ms}},
        }

    async def stream(i):
        texts = []
        client = clients[i % len(clients)]
        async with await client.chat.create_stream(**request(i)) as chunks_of_i:
            async for chunk in chunks_of_i:
                if chunk.choices and chunk.choices[0].delta.content:
                    texts.append(chunk.choices[0].delta.content)
        return texts

    # Asked first, this loads the chat types, so the time below is the streams' alone.
    reference = await clients[0].chat.create(**request(0))

    start = time.monotonic()
    received = await asyncio.gather(*(stream(i) for i in range(streams)))
    wall = time.monotonic() - start
    return {"wall": wall, "received": received, "reference": reference.choices[0].message.content}


def most_at_once(servers: list[MockServer]) -> int:
    """The largest number of streams the servers were sending at the same moment."""
    edges = []
    for server in servers:
        for r in server.requests:
            if r.method == "POST" and r.body.get("stream") and r.time_end is not None:
                edges += [(r.time_received, 1), (r.time_end, -1)]
    level = peak = 0
    for _, step in sorted(edges):
        level += step
        peak = max(peak, level)
    return peak


def test_200_concurrent_streams_each_chunk_once_in_order(
    selenium: Any, servers: list[MockServer], capsys: pytest.CaptureFixture[str]
) -> None:
    for server in servers:
        server.reset()
    result = _run_load(selenium, [s.base_url for s in servers], STREAMS, CHUNKS, DELAY_MS)
    # The mock answers "You said: <prompt>. " and then filler words that depend only on the
    # chunk count, so the reply to prompt 0 gives the reply to every prompt.
    prefix = "You said: stream 0. "
    assert result["reference"].startswith(prefix)
    filler = result["reference"].removeprefix(prefix)
    received = result["received"]
    assert len(received) == STREAMS
    for i, texts in enumerate(received):
        assert len(texts) == CHUNKS, (i, texts)
        assert "".join(texts) == f"You said: stream {i}. {filler}", (i, texts)
    streamed = [
        r for s in servers for r in s.requests if r.method == "POST" and r.body.get("stream")
    ]
    assert len(streamed) == STREAMS
    assert all(r.completed and not r.disconnected for r in streamed)
    peak = most_at_once(servers)
    # More streams in flight at once than one server's worth of Chrome connections.
    assert peak > CHROME_CONNECTIONS_PER_HOST, peak
    with capsys.disabled():
        print(
            f"\n[{selenium.browser}] {STREAMS} concurrent streams of {CHUNKS} chunks "
            f"({DELAY_MS} ms apart) over {len(servers)} servers: {result['wall']:.2f} s wall, "
            f"up to {peak} at once"
        )
