"""Chaos in one page: 200 concurrent chat streams from one Pyodide (a Chromium page, or Node),
each with a fault of the mock server drawn at random (seeded): none, dropped mid stream, stalled
past the timeout, 429 then success, a 5xx every time, an error event, a malformed chunk, no
[DONE] after the finish. Every stream ends with its whole text or with its exact typed error
after the chunks before the fault, nothing hangs, and afterwards no fetch is pending and no JS
timer is left. A second identical round grows WASM memory by less than 10% (it never shrinks,
so the rounds are compared).

The streams are spread over servers as in test_load (Chrome opens at most 6 connections per
host and port), so that they all run at once in Chrome as in Node.
"""

from __future__ import annotations

import contextlib
import math
import random
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_pyodide import run_in_pyodide

from async_openai_wasm.testing.mock_server import MockServer

# It wraps fetch and the timers of its runtime for good.
pytestmark = pytest.mark.own_runner

STREAMS = 200
CHROME_CONNECTIONS_PER_HOST = 6
PIECES = [f"w{i} " for i in range(10)]
TEXT = "".join(PIECES)
AFTER = 4  # the faults in the stream come after this many content chunks
STALL_TIMEOUT = 3.0  # the client timeout of the stalled streams
# Each fault: the mock options of a stream (``{i}`` is the stream's number), and the outcome:
# the content received and the error's type (and, for some, a piece of its message).
FAULTS: dict[str, tuple[dict[str, Any], list[str], str | None]] = {
    "none": ({}, PIECES, None),
    "drop": ({"drop_after": AFTER}, PIECES[:AFTER], "StreamError"),
    "stall": ({"stall_after": AFTER}, PIECES[:AFTER], "APITimeoutError"),
    "429 then success": (
        {"fail_times": 1, "fail_status": 429, "key": "{i}", "retry_after_ms": 10},
        PIECES,
        None,
    ),
    "5xx": ({"error": {"status": 503}, "retry_after_ms": 10}, [], "InternalServerError"),
    "error event": ({"error_event_after": AFTER}, PIECES[:AFTER], "APIError"),
    "malformed chunk": ({"malformed_after": AFTER}, PIECES[:AFTER], "JSONDeserializeError"),
    "no [DONE] after finish": ({"no_done": True}, PIECES, None),
}


@pytest.fixture(scope="module")
def servers() -> Iterator[list[MockServer]]:
    count = math.ceil(STREAMS / CHROME_CONNECTIONS_PER_HOST)
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(MockServer().run_in_thread()) for _ in range(count)]


def plan(seed: int) -> list[dict[str, Any]]:
    """Each stream's fault and mock options."""
    rng = random.Random(seed)
    streams = []
    for i in range(STREAMS):
        fault = rng.choice(list(FAULTS))
        mock = {k: v.format(i=i) if isinstance(v, str) else v for k, v in FAULTS[fault][0].items()}
        streams.append(
            {"fault": fault, "mock": {"text": TEXT, "chunks": 10, "delay_ms": 20, **mock}}
        )
    return streams


# Counts, in the page or in Node, the fetches whose body is still open (not read to its end,
# cancelled, failed or aborted), the setTimeout timers set, and those not yet fired or cleared
# (which Node also lists itself: process.getActiveResourcesInfo(), used there).
COUNTERS = """
if (!globalThis.chaosCounters) {
  const counters = (globalThis.chaosCounters = {
    fetches: 0,
    open: 0,
    timersSet: 0,
    timers: new Set(),
  });
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (...args) => {
    counters.fetches++;
    counters.open++;
    let open = true;
    const close = () => {
      if (open) {
        open = false;
        counters.open--;
      }
    };
    // An aborted fetch is over too, read or not (a call cancelled as its headers arrive never
    // reads the body it was handed).
    const signal = args[1]?.signal ?? args[0]?.signal;
    signal?.addEventListener("abort", close);
    let response;
    try {
      response = await realFetch(...args);
    } catch (error) {
      close();
      throw error;
    }
    if (!response.body) {
      close();
      return response;
    }
    // Classes of the response itself: Node's vm context that runs Pyodide in the tests has
    // fetch but not every web global.
    const [ReadableStreamClass, ResponseClass] = [response.body.constructor, response.constructor];
    const reader = response.body.getReader();
    const body = new ReadableStreamClass({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            close();
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          close();
          controller.error(error);
        }
      },
      cancel(reason) {
        close();
        return reader.cancel(reason);
      },
    });
    const { status, statusText, headers } = response;
    return new ResponseClass(body, { status, statusText, headers });
  };
  {
    const set = globalThis.setTimeout;
    const clear = globalThis.clearTimeout;
    globalThis.setTimeout = (callback, ms, ...args) => {
      counters.timersSet++;
      const id = set(() => {
        counters.timers.delete(id);
        callback(...args);
      }, ms);
      counters.timers.add(id);
      return id;
    };
    globalThis.clearTimeout = (id) => {
      counters.timers.delete(id);
      clear(id);
    };
  }
}
"""


@run_in_pyodide(packages=["async-openai-wasm"])
async def _round(selenium, counters_js, base_urls, streams, stall_timeout):
    import asyncio
    import gc
    import sys

    import js
    import pyodide_js

    js.eval(counters_js)
    # pyfetch looks fetch up once, when pyodide.http is first imported: it must be the counting
    # one (the counts below check that every stream went through it).
    if "pyodide.http" in sys.modules:
        sys.modules["pyodide.http._pyfetch"]._jsfetch = js.fetch

    from async_openai_wasm import Client, OpenAIConfig, OpenAIError
    from async_openai_wasm._timeout import time_limit  # a limit that leaves no timer behind

    counters = js.chaosCounters
    process = getattr(js, "process", None)

    def timers():
        if process is not None:
            return list(process.getActiveResourcesInfo()).count("Timeout")
        return counters.timers.size

    clients = [
        Client(OpenAIConfig(api_key="sk-chaos", api_base=url), max_retries=1) for url in base_urls
    ]

    async def stream(i, plan):
        client = clients[i % len(clients)]
        if plan["fault"] == "stall":
            client = client.with_options(timeout=stall_timeout)
        texts, error = [], None
        request = {
            "model": "m",
            "messages": [{"role": "user", "content": f"stream {i}"}],
            "extra_params": {"mock": plan["mock"]},
        }
        try:
            async with time_limit(120), await client.chat.create_stream(**request) as chunks:
                async for chunk in chunks:
                    if chunk.choices and chunk.choices[0].delta.content:
                        texts.append(chunk.choices[0].delta.content)
        except OpenAIError as exc:
            error = [type(exc).__name__, str(exc), getattr(exc, "raw", None)]
        except TimeoutError:
            error = ["hung", "", None]
        return {"texts": texts, "error": error}

    before = {"fetches": counters.fetches, "timers": timers(), "set": counters.timersSet}
    outcomes = await asyncio.gather(*(stream(i, plan) for i, plan in enumerate(streams)))
    # Aborted fetches settle and due timers fire soon after, later on a loaded machine: a
    # leak is what is still there after ten seconds.
    for _ in range(20):
        await asyncio.sleep(0.5)
        if counters.open == 0 and timers() == before["timers"]:
            break
    gc.collect()
    return {
        "outcomes": outcomes,
        "fetches": counters.fetches - before["fetches"],
        "open_fetches": counters.open,
        "timers_set": counters.timersSet - before["set"],
        "timers_before": before["timers"],
        "timers_after": timers(),
        "wasm_memory": pyodide_js._module.HEAP8.buffer.byteLength,
    }


def check_round(result: dict[str, Any], streams: list[dict[str, Any]]) -> None:
    outcomes = result["outcomes"]
    assert len(outcomes) == STREAMS
    for i, (plan, outcome) in enumerate(zip(streams, outcomes, strict=True)):
        _, texts, error = FAULTS[plan["fault"]]
        got_error = outcome["error"][0] if outcome["error"] else None
        if plan["fault"] == "drop":
            # A browser drops the chunks still queued in a body stream when it errors (see
            # test_faults): with 200 streams to read, the page may not have read them yet.
            assert got_error == error and "broke off" in outcome["error"][1], (i, outcome)
            assert outcome["texts"] == texts[: len(outcome["texts"])], (i, outcome)
            continue
        assert (outcome["texts"], got_error) == (texts, error), (i, plan["fault"], outcome)
        if got_error == "JSONDeserializeError":
            assert outcome["error"][2] == "{not json", outcome
        if got_error == "APIError":
            assert "The server had an error while processing your request." in outcome["error"][1]
    # Every request went through the counting fetch (a few more on a loaded machine: a stalled
    # stream's wait for its headers may time out too, and is retried), and none is left open.
    retried = sum(plan["fault"] in ("429 then success", "5xx") for plan in streams)
    assert result["fetches"] >= STREAMS + retried
    assert result["open_fetches"] == 0
    # The client's timeouts are JS timers here (one per request and stream read at least),
    # and every one of them was cleared or fired.
    assert result["timers_set"] >= STREAMS
    assert result["timers_after"] == result["timers_before"]


def test_200_streams_with_random_faults_in_one_page(
    selenium: Any, servers: list[MockServer], capsys: pytest.CaptureFixture[str]
) -> None:
    streams = plan(seed=2026)
    assert set(Counter(s["fault"] for s in streams)) == set(FAULTS)
    previous = selenium.script_timeout
    selenium.set_script_timeout(300)
    rounds = []
    try:
        for _ in range(2):
            for server in servers:
                server.reset()  # the "429 then success" counters start again
            urls = [s.base_url for s in servers]
            result = _round(selenium, COUNTERS, urls, streams, STALL_TIMEOUT)
            check_round(result, streams)
            # What the servers saw: each stream's requests all ended, none left running.
            requests = [r for s in servers for r in s.requests if r.method == "POST"]
            assert all(r.completed or r.disconnected or r.fault for r in requests)
            rounds.append(result)
    finally:
        selenium.set_script_timeout(previous)
    first, second = (r["wasm_memory"] for r in rounds)
    assert second < first * 1.1, (first, second)
    with capsys.disabled():
        print(
            f"\n[{selenium.browser}] chaos: {STREAMS} streams, faults "
            f"{dict(Counter(s['fault'] for s in streams))}; WASM memory after round 1 "
            f"{first / 2**20:.1f} MiB, after round 2 {second / 2**20:.1f} MiB "
            f"({(second - first) / first:+.1%}); timers before/after "
            f"{rounds[1]['timers_before']}/{rounds[1]['timers_after']} "
            f"({rounds[1]['timers_set']} set in the round), open fetches "
            f"{rounds[1]['open_fetches']}"
        )
