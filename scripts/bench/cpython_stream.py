"""Streaming throughput on CPython: our client against the official SDK, same mock server.

Run by scripts/bench/run.py with the bench venv's Python (which has the official ``openai``
package) and ``PYTHONPATH=src``. Prints one JSON object: per client, the chunks/s of each
run. ``--profile DIR`` also writes a pyinstrument profile of one run of each client.

Usage: python scripts/bench/cpython_stream.py --base-url URL [--chunks N] [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "Benchmark"}]
API_KEY = "bench-key"


async def ours(base_url: str, chunks: int) -> int:
    from async_openai_wasm import Client, OpenAIConfig

    count = 0
    async with Client(OpenAIConfig(api_key=API_KEY, api_base=base_url), max_retries=0) as client:
        stream = await client.chat.create_stream(
            model=MODEL, messages=MESSAGES, extra_params={"mock": {"chunks": chunks}}
        )
        async with stream:
            async for _ in stream:
                count += 1
    return count


async def ours_accumulating(base_url: str, chunks: int) -> int:
    """``chat.stream``: every chunk accumulated into events and the final completion."""
    from async_openai_wasm import Client, OpenAIConfig

    count = 0
    client = Client(OpenAIConfig(api_key=API_KEY, api_base=base_url), max_retries=0)
    async with client:
        stream = client.chat.stream(
            model=MODEL, messages=MESSAGES, extra_params={"mock": {"chunks": chunks}}
        )
        async with stream as events:
            async for event in events:
                if event.type == "chunk":
                    count += 1
            await events.get_final_completion()
    return count


async def official(base_url: str, chunks: int) -> int:
    import openai

    count = 0
    async with openai.AsyncOpenAI(api_key=API_KEY, base_url=base_url, max_retries=0) as client:
        stream = await client.chat.completions.create(
            model=MODEL,
            messages=MESSAGES,  # type: ignore[arg-type]
            stream=True,
            extra_body={"mock": {"chunks": chunks}},
        )
        async with stream:
            async for _ in stream:
                count += 1
    return count


CLIENTS: dict[str, Callable[[str, int], Awaitable[int]]] = {
    "ours": ours,
    "ours_accumulating": ours_accumulating,
    "official": official,
}


def timed(name: str, base_url: str, chunks: int) -> dict[str, float]:
    started = time.perf_counter()
    count = asyncio.run(CLIENTS[name](base_url, chunks))
    elapsed = time.perf_counter() - started
    return {"chunks": count, "seconds": elapsed, "chunks_per_s": count / elapsed}


def profile(name: str, base_url: str, chunks: int, folder: Path) -> Path:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005, async_mode="enabled")
    with profiler:
        asyncio.run(CLIENTS[name](base_url, chunks))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"profile-cpython-{name}.html"
    path.write_text(profiler.output_html())
    (folder / f"profile-cpython-{name}.txt").write_text(profiler.output_text(show_all=False))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the mock server's /v1 URL")
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="write pyinstrument profiles here")
    args = parser.parse_args()

    import openai

    import async_openai_wasm

    results: dict[str, list[dict[str, float]]] = {name: [] for name in CLIENTS}
    for name in CLIENTS:  # a warm-up run each: imports, connection setup
        timed(name, args.base_url, 200)
    # Alternate, so a noisy neighbour on the machine hits both clients alike.
    for _ in range(args.runs):
        for name in CLIENTS:
            results[name].append(timed(name, args.base_url, args.chunks))
    profiles = {}
    if args.profile:
        profiles = {
            name: str(profile(name, args.base_url, args.chunks, args.profile)) for name in CLIENTS
        }
    json.dump(
        {
            "python": sys.version.split()[0],
            "versions": {"ours": async_openai_wasm.__version__, "official": openai.__version__},
            "runs": results,
            "profiles": profiles,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
