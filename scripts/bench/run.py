#!/usr/bin/env python3
"""The benchmark driver behind ./scripts/bench.sh: cold start, streaming throughput and memory,
ours side by side with the official SDKs and with a plain JS loop, in headless Chromium and
on CPython. Prints a table and writes artifacts/bench.json (and bench.md, the table).

What runs where
* A mock server process (``python -m async_openai_wasm.testing.mock_server``) answers every
  call; its stream path alone is measured too, with a raw socket reader on the host.
* dist/pyodide-bench: dist/pyodide plus the official ``openai`` package and its dependencies
  from PyPI (built by scripts/build_pyodide.py --extra ...). scripts/devserver.py serves it at
  /pyodide/, scripts/bench/pages at /bench/ and node_modules at /node_modules/.
* Chromium (Selenium) loads /bench/index.html and calls ``window.bench.*`` (pages/bench.js);
  Python in the page runs pages/bench_pyodide.py.
* CPython: scripts/bench/cpython_stream.py in the bench venv (.cache/bench-venv, made by
  bench.sh from scripts/bench/requirements.txt).
* Time to first token (ttft.py): the demo page (web/, with dist/pyodide, as scripts/demo.py
  serves it), pages/ttft_node.html and pages/ttft_boot.html, under DevTools emulation.

Usage: python scripts/bench/run.py [--runs 5] [--chunks 20000] [--memory-mb 50]
[--ttft-runs 2] [--only cold|stream|cpython|ttft] [--readme]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import math
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

import ttft  # noqa: E402

from devserver import serve  # noqa: E402
from support.chrome import CHROME_FLAGS as TEST_CHROME_FLAGS  # noqa: E402
from support.chrome import selenium_chrome  # noqa: E402

PAGES = Path(__file__).resolve().parent / "pages"
DIST = ROOT / "dist" / "pyodide-bench"
ARTIFACTS = ROOT / "artifacts"
BENCH_VENV_PYTHON = ROOT / ".cache" / "bench-venv" / "bin" / "python"
README = ROOT / "README.md"

# The official Python SDK in Pyodide: openai 2.30.0 is the release Pyodide 314's own
# distribution ships (its lock names it). The newest release (3.x) needs httpx2, whose
# Emscripten build imports httpx2-jsfetch, an empty 0.0.0 placeholder on PyPI: it cannot even
# be imported in Pyodide. Every dependency is pinned, wheels from PyPI (jiter's is a Pyodide
# build: pyemscripten_2026_0_wasm32); pydantic is the one dist/pyodide already ships.
OFFICIAL_PY_WHEELS = {
    "openai": "2.30.0",
    "httpx": "0.28.1",
    "httpcore": "1.0.9",
    "anyio": "4.16.0",
    "sniffio": "1.3.1",
    "distro": "1.9.0",
    "jiter": "0.19.0",
    "tqdm": "4.70.1",
    "idna": "3.20",
    "certifi": "2026.10.19.post1",
    "h11": "0.16.0",
}

# The tests' flags, plus: precise (unquantised) performance.memory figures, and gc() for
# sampling the live JS heap.
CHROME_FLAGS = [
    *TEST_CHROME_FLAGS,
    "--window-size=1000,800",
    "--enable-precise-memory-info",
    "--js-flags=--expose-gc",
]

MB = 1_000_000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- setup


def build_dist() -> None:
    extra = [arg for name, v in OFFICIAL_PY_WHEELS.items() for arg in ("--extra", f"{name}=={v}")]
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_pyodide.py"), "--dist", str(DIST), *extra],
        check=True,
        stdout=sys.stderr,
    )


@contextlib.contextmanager
def mock_server() -> Iterator[str]:
    """The mock server in its own process (the host's GIL stays out of its way); yields its
    base URL (``http://127.0.0.1:PORT``)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "async_openai_wasm.testing.mock_server", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r"listening on (http://\S+)", line)
        if not found:
            raise RuntimeError(f"the mock server did not start: {line!r}")
        yield found.group(1)
    finally:
        proc.terminate()
        proc.wait(10)


def chrome() -> Any:
    driver = selenium_chrome(CHROME_FLAGS)
    driver.set_script_timeout(300)
    return driver


class Browser:
    """Headless Chromium, started again when its tab crashes (it did, once, on a machine
    loaded by other work): the step that was running is retried, up to ``ATTEMPTS`` times,
    and the crash is reported with the results instead of ending the run."""

    ATTEMPTS = 3

    def __init__(self) -> None:
        self.driver = chrome()
        self.crashes: list[str] = []

    def run(self, what: str, step: Callable[[Any], Any]) -> Any:
        from selenium.common.exceptions import WebDriverException

        for attempt in range(1, self.ATTEMPTS + 1):
            try:
                return step(self.driver)
            except WebDriverException as exc:
                message = str(exc.msg or exc).splitlines()[0]
                if attempt == self.ATTEMPTS or not any(m in message for m in CRASH_MARKS):
                    raise
                self.crashes.append(f"{what}: {message}")
                log(f"  {what}: the browser failed ({message}); starting it again")
                self.restart()
        raise AssertionError("unreachable")

    def restart(self) -> None:
        with contextlib.suppress(Exception):
            self.driver.quit()
        self.driver = chrome()

    def quit(self) -> None:
        self.driver.quit()


# What WebDriver says when the page's renderer or the browser died under it.
CRASH_MARKS = (
    "crashed",
    "session deleted",
    "disconnected",
    "not connected to DevTools",
    "invalid session id",
    "target window already closed",
    "no such window",
)


def open_page(driver: Any, url: str) -> None:
    driver.get(url)
    deadline = time.monotonic() + 30
    while not driver.execute_script("return window.benchReady === true"):
        if time.monotonic() > deadline:
            logs = driver.get_log("browser")
            raise RuntimeError(f"the bench page did not load: {logs}")
        time.sleep(0.05)


def call(driver: Any, function: str, *args: Any) -> Any:
    """``await window.bench.<function>(...args)`` in the page; a JS error raises here."""
    script = (
        "const done = arguments[arguments.length - 1];"
        f"window.bench.{function}(...Array.from(arguments).slice(0, -1))"
        ".then((value) => done({value}), (error) => done({error: String(error && error.stack"
        " || error)}));"
    )
    result = driver.execute_async_script(script, *args)
    if "error" in result:
        raise RuntimeError(f"bench.{function} failed in the page: {result['error']}")
    return result["value"]


# ---------------------------------------------------------------- measurements


def server_alone(server: str, chunks: int, runs: int) -> list[dict[str, float]]:
    """The mock server's stream path with nothing but a socket reader on the other end."""
    host, port = server.removeprefix("http://").split(":")
    body = json.dumps(
        {"model": "m", "messages": [{"role": "user", "content": "Benchmark"}], "stream": True}
        | {"mock": {"chunks": chunks}}
    ).encode()
    request = (
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer k\r\n"
        b"Content-Type: application/json\r\nConnection: close\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
    )
    results = []
    for _ in range(runs):
        with socket.create_connection((host, int(port))) as sock:
            started = time.perf_counter()
            sock.sendall(request)
            received = 0
            while data := sock.recv(1 << 20):
                received += len(data)
            elapsed = time.perf_counter() - started
        results.append({"seconds": elapsed, "bytes": received, "chunks_per_s": chunks / elapsed})
    return results


def wheel_sizes() -> dict[str, Any]:
    """Wheel bytes of each client, alone and with everything it depends on (from the lock)."""
    lock = json.loads((DIST / "pyodide-lock.json").read_text())["packages"]

    def closure(name: str) -> list[str]:
        seen: list[str] = []
        todo = [name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.append(current)
                todo.extend(lock[current]["depends"])
        return sorted(seen)

    def describe(name: str) -> dict[str, Any]:
        names = closure(name)
        sizes = {n: (DIST / lock[n]["file_name"]).stat().st_size for n in names}
        return {
            "version": lock[name]["version"],
            "wheel_bytes": sizes[name],
            "with_deps_bytes": sum(sizes.values()),
            "wheels": {lock[n]["file_name"]: size for n, size in sizes.items()},
        }

    sizes = {"ours": describe("async-openai-wasm"), "official": describe("openai")}
    # What each adds to a page that loads pydantic anyway (both build on it).
    shared = set(sizes["ours"]["wheels"]) & set(sizes["official"]["wheels"])
    for entry in sizes.values():
        entry["beyond_shared_bytes"] = sum(
            size for name, size in entry["wheels"].items() if name not in shared
        )
        entry["shared_wheels"] = sorted(shared)
    return sizes


def cold_starts(browser: Browser, page: str, server: str, runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {"ours": [], "official": [], "official_fetch_error": None}

    def cold_start(driver: Any, kind: str) -> Any:
        open_page(driver, page)
        return call(driver, "coldStart", kind, f"{server}/v1")

    for run in range(runs + 1):  # the first round warms the browser's caches; not counted
        for kind in ("ours", "official"):
            result = browser.run(
                f"cold start {kind}, round {run}",
                lambda driver, kind=kind: cold_start(driver, kind),
            )
            if run:
                out[kind].append(result["spans"])
            if kind == "official" and result["fetch_error"]:
                out["official_fetch_error"] = result["fetch_error"]
        log(f"  cold start round {run}/{runs} done")
    return out


WARM_UP_ROUNDS = 2
STREAMS = (
    "js_loop",
    "js_loop_replay",
    "ours",
    "ours_accumulating",
    "ours_replay",
    "validation_replay",
    "node",
    "official_replay",
    "js_loop_responses",
    "ours_responses",
    "ours_responses_helper",
    "node_responses",
    "node_responses_helper",
)
# Under CPU throttling: the streams over fetch (no replays), a quarter as long.
THROTTLED_STREAMS = tuple(name for name in STREAMS if "replay" not in name)
CPU_SLOWDOWN = 4
PARTS = ("cold", "stream", "cpython", "ttft")


def streaming(driver: Any, page: str, server: str, chunks: int, runs: int) -> dict[str, Any]:
    open_page(driver, page)
    setup = call(driver, "setupStreaming")
    base = f"{server}/v1"
    calls = stream_calls(driver, base, chunks)
    # Warm-up: imports, and the JIT, which in Chromium needs more than one stream to tier up
    # the WebAssembly of Pyodide and pydantic-core (the first round after a single warm-up
    # stream ran up to a third slower). The first stream records the bytes the replays use.
    recording = call(driver, "jsLoop", base, chunks, True)
    for _ in range(WARM_UP_ROUNDS):
        for name in STREAMS[1:]:
            calls[name]()
    out: dict[str, Any] = {"setup_seconds": setup["seconds"], "recording": recording}
    out |= {name: [] for name in STREAMS}
    for run in range(runs):
        # A new order each round (the same in every run of the benchmark): a client must not
        # always run right after the same one, whose garbage or warmth it may inherit.
        order = list(STREAMS)
        random.Random(run).shuffle(order)
        for name in order:
            result = calls[name]()
            result["chunks_per_s"] = result["chunks"] / result["seconds"]
            out[name].append(result)
        log(f"  streaming round {run + 1}/{runs} done")
    return out


def stream_calls(driver: Any, base: str, chunks: int) -> dict[str, Callable[[], Any]]:
    return {
        "js_loop": lambda: call(driver, "jsLoop", base, chunks, False),
        "js_loop_replay": lambda: call(driver, "jsLoopReplay"),
        "ours": lambda: call(driver, "ours", base, chunks),
        "ours_accumulating": lambda: call(driver, "oursAccumulating", base, chunks),
        "ours_replay": lambda: call(driver, "oursReplay"),
        "validation_replay": lambda: call(driver, "validationReplay"),
        "node": lambda: call(driver, "node", base, chunks),
        "official_replay": lambda: call(driver, "officialReplay"),
        "js_loop_responses": lambda: call(driver, "jsLoopResponses", base, chunks),
        "ours_responses": lambda: call(driver, "oursResponses", base, chunks, False),
        "ours_responses_helper": lambda: call(driver, "oursResponses", base, chunks, True),
        "node_responses": lambda: call(driver, "nodeResponses", base, chunks, False),
        "node_responses_helper": lambda: call(driver, "nodeResponses", base, chunks, True),
    }


def throttled_streaming(driver: Any, server: str, chunks: int, runs: int) -> dict[str, Any]:
    """The streams over fetch again, in the page streaming() set up, with the CPU slowed
    down ``CPU_SLOWDOWN`` times (DevTools' CPU throttling), after one warm-up round."""
    calls = stream_calls(driver, f"{server}/v1", max(1, chunks // CPU_SLOWDOWN))
    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    out: dict[str, Any] = {name: [] for name in THROTTLED_STREAMS}
    try:
        for run in range(runs + 1):
            for name in THROTTLED_STREAMS:
                result = calls[name]()
                result["chunks_per_s"] = result["chunks"] / result["seconds"]
                if run:
                    out[name].append(result)
            log(f"  throttled streaming round {run}/{runs} done")
    finally:
        driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})
    return out


def memory(driver: Any, page: str, server: str, chunks: int) -> dict[str, Any]:
    """Streams ``chunks`` chunks through our client in the streaming page (set up again if
    the browser was restarted), after a tenth as many unsampled, so that buffers and the
    allocator have their size."""
    if not driver.execute_script("return Boolean(window.bench && window.bench.ready())"):
        open_page(driver, page)
        call(driver, "setupStreaming")
    call(driver, "memory", f"{server}/v1", max(1, chunks // 10), chunks)
    return call(driver, "memory", f"{server}/v1", chunks, max(1, chunks // 50))  # type: ignore[no-any-return]


def first_tokens(browser: Browser, server: str, runs: int) -> dict[str, Any]:
    """Time to first token (see ttft.py): the demo as shipped, openai-node's page and a bare
    Pyodide boot, served with dist/pyodide as the demo is, on each emulated network."""
    config = {"base_url": f"{server}/v1", "model": "gpt-4o-mini", "mode": "main"}
    config["api_key"] = "mock-key"  # the mock wants some bearer token, any will do
    mounts = {"bench": PAGES, "node_modules": ROOT / "node_modules"}
    with serve(demo_config=config, mounts=mounts) as url:

        def load(page: str, condition: str, run: int) -> dict[str, float]:
            def step(driver: Any) -> dict[str, float]:
                ttft.emulate(driver, condition)
                try:
                    return ttft.load(driver, url + ttft.PATHS[page], ttft.timeout(condition))
                finally:
                    ttft.emulate(driver, "localhost")

            return browser.run(f"first token {page} ({condition}, round {run})", step)  # type: ignore[no-any-return]

        out = {}
        for index, condition in enumerate(ttft.CONDITIONS):
            out[condition] = ttft.rounds(load, condition, runs, warm_up=index == 0)
            log(f"  first token: {condition} done")
        return out


def cpython(server: str, chunks: int, runs: int, profile: Path | None) -> dict[str, Any]:
    cmd = [
        str(BENCH_VENV_PYTHON),
        str(ROOT / "scripts" / "bench" / "cpython_stream.py"),
        "--base-url",
        f"{server}/v1",
        "--chunks",
        str(chunks),
        "--runs",
        str(runs),
    ]
    if profile:
        cmd += ["--profile", str(profile)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- the report


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
    }


def summarize(raw: dict[str, Any]) -> dict[str, Any]:
    cold = raw["cold_start"]
    steps = ["boot", "pydantic", "wheels", "import", "client", "first_request"]
    cold_median = {
        kind: {step: median([run[step] for run in cold[kind]]) for step in steps}
        for kind in ("ours", "official")
    }
    stream = raw["streaming"]
    rates = {name: median([r["chunks_per_s"] for r in stream[name]]) for name in STREAMS}
    rates["server_alone"] = median([r["chunks_per_s"] for r in raw["server_alone"]])
    cpy = raw["cpython"]["runs"]
    cpy_rates = {name: median([r["chunks_per_s"] for r in cpy[name]]) for name in cpy}
    samples = raw["memory"]["samples"]
    # The first tenth of the stream warms up (buffers, the allocator's arenas; WASM memory
    # grows in steps and never shrinks); from there on, memory must not grow with the stream.
    total = raw["memory"]["chunks"]
    warm = next(s for s in samples if s["chunks"] >= total / 10)
    mem = {
        key: {
            "start": samples[0][key],
            "at_10_percent": warm[key],
            "peak": max(s[key] for s in samples),
            "end": samples[-1][key],
            "growth_after_10_percent": max(s[key] for s in samples if s["chunks"] >= warm["chunks"])
            - warm[key],
        }
        for key in ("wasm_bytes", "js_heap_bytes")
    }
    throttled = {
        name: median([r["chunks_per_s"] for r in runs])
        for name, runs in stream["throttled"].items()
    }
    first_token = ttft.summarize(raw["ttft"])
    sizes = raw["wheel_sizes"]
    summary = {
        "cold_start_s": cold_median,
        "chunks_per_s": rates,
        "ratio_to_js_loop": {name: rates[name] / rates["js_loop"] for name in rates},
        "ratio_to_js_loop_replay": {name: rates[name] / rates["js_loop_replay"] for name in rates},
        "throttled_chunks_per_s": throttled,
        "first_token": first_token,
        "cpython_chunks_per_s": cpy_rates,
        "cpython_ratio_ours_to_official": cpy_rates["ours"] / cpy_rates["official"],
        "memory": mem,
        "memory_stream_bytes": raw["memory_stream_bytes"],
        "wheel_ratio": sizes["ours"]["wheel_bytes"] / sizes["official"]["wheel_bytes"],
        "wheel_with_deps_ratio": sizes["ours"]["with_deps_bytes"]
        / sizes["official"]["with_deps_bytes"],
    }
    ours_import = cold_median["ours"]["import"]
    official_import = cold_median["official"]["import"]
    summary["targets"] = {
        "import <= 150 ms": ours_import <= 0.150,
        "import <= 1/5 of the official SDK's": ours_import <= official_import / 5,
        "wheel <= 1/5 of the official SDK's": summary["wheel_ratio"] <= 0.2,
        "streaming >= 1/3 of the plain-JS loop": rates["ours"] >= rates["js_loop"] / 3,
        "streaming >= 1/3 of the plain-JS loop, same bytes from memory": rates["ours_replay"]
        >= rates["js_loop_replay"] / 3,
        "streaming >= openai-node in the same page": rates["ours"] >= rates["node"],
        "chat.stream <= 15% slower than the plain stream": rates["ours"]
        <= 1.15 * rates["ours_accumulating"],
        "Responses stream >= openai-node's": rates["ours_responses"] >= rates["node_responses"],
        "Responses stream helper >= openai-node's": rates["ours_responses_helper"]
        >= rates["node_responses_helper"],
        "Responses stream >= 1/3 of the plain-JS loop": rates["ours_responses"]
        >= rates["js_loop_responses"] / 3,
        "streaming ahead of the official SDK in Pyodide": rates["ours"] > rates["official_replay"]
        and rates["ours_replay"] > rates["official_replay"],
        "streaming ahead of the official SDK on CPython": cpy_rates["ours"] > cpy_rates["official"],
        # Flat: after the first tenth, growth under half the bytes streamed meanwhile; keeping
        # the body would grow by at least all of them. (WASM memory grows in steps of a fifth
        # of its size, so one step may land there whatever the stream's length.)
        "flat memory": all(
            m["growth_after_10_percent"] < 0.5 * 0.9 * raw["memory_stream_bytes"]
            for m in mem.values()
        ),
    }
    for condition, result in first_token.items():
        name = f"first token, {ttft.LABELS[condition]}: our part <= 25% of the boot"
        summary["targets"][name] = result["ours_part_of_boot"] <= 0.25
    summary["target_details"] = stream_target_details(stream, rates)
    return summary


def stream_target_details(stream: dict[str, Any], rates: dict[str, float]) -> dict[str, str]:
    """What each streaming target compared, and how it went round by round: the middle half
    of the rounds' ratios (the clients take turns in each round, so a round pairs streams run
    seconds apart), which shows how far the ratio of the medians can be trusted."""

    def middle_half(values: list[float], form: str) -> str:
        low, _, high = statistics.quantiles(values, n=4, method="inclusive")
        return f"middle half of the rounds {low:{form}} to {high:{form}}"

    def rounds(a: str, b: str) -> list[float]:  # a's chunks/s over b's, round by round
        pairs = zip(stream[a], stream[b], strict=True)
        return [x["chunks_per_s"] / y["chunks_per_s"] for x, y in pairs]

    def ratio(a: str, b: str) -> str:
        return f"{rates[a] / rates[b]:.2f}; {middle_half(rounds(a, b), '.2f')}"

    def extra_time(a: str, b: str) -> str:  # a's time over b's, less one
        each = [1 / r - 1 for r in rounds(a, b)]
        return f"{rates[b] / rates[a] - 1:.0%} more time; {middle_half(each, '.0%')}"

    floor = rates["validation_replay"] / rates["js_loop_replay"]
    return {
        "streaming >= 1/3 of the plain-JS loop": ratio("ours", "js_loop"),
        "streaming >= 1/3 of the plain-JS loop, same bytes from memory": (
            f"{ratio('ours_replay', 'js_loop_replay')}; validation alone {floor:.2f}"
        ),
        "streaming >= openai-node in the same page": ratio("ours", "node"),
        "chat.stream <= 15% slower than the plain stream": extra_time("ours_accumulating", "ours"),
        "Responses stream >= openai-node's": ratio("ours_responses", "node_responses"),
        "Responses stream helper >= openai-node's": ratio(
            "ours_responses_helper", "node_responses_helper"
        ),
        "Responses stream >= 1/3 of the plain-JS loop": ratio(
            "ours_responses", "js_loop_responses"
        ),
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def kb(size: int) -> str:
    return f"{size / 1000:,.0f} kB"


def per_s(rate: float) -> str:
    return f"{rate:,.0f}"


def table(raw: dict[str, Any], summary: dict[str, Any]) -> str:
    env = raw["environment"]
    sizes = raw["wheel_sizes"]
    cold = summary["cold_start_s"]
    rates = summary["chunks_per_s"]
    ratio = summary["ratio_to_js_loop"]
    cpy = summary["cpython_chunks_per_s"]
    mem = summary["memory"]
    n = raw["settings"]["chunks"]
    runs = raw["settings"]["runs"]
    official = f"openai {sizes['official']['version']}"
    node_version = env["openai_node"]
    lines = [
        f"Run {env['date']} on {env['cpu']} ({env['nproc']} cores), Chromium {env['chromium']}, "
        f"Pyodide {env['pyodide']}, CPython {raw['cpython']['python']}; medians of {runs} runs "
        f"({raw['settings']['stream_rounds']} rounds of the streams in Chromium).",
        "",
        f"**Cold start in Chromium** (each step alone; ours vs the official {official})",
        "",
        f"| step | async-openai-wasm | {official} |",
        "| --- | ---: | ---: |",
    ]
    names = {
        "boot": "Pyodide boot",
        "pydantic": "+ pydantic (load + import)",
        "wheels": "+ the client's wheels (load)",
        "import": "+ import the client",
        "client": "+ construct a client",
        "first_request": "+ first chat request (official: httpx.MockTransport, no network)",
    }
    for step, label in names.items():
        lines.append(f"| {label} | {ms(cold['ours'][step])} | {ms(cold['official'][step])} |")
    total = {k: sum(v.values()) for k, v in cold.items()}
    lines.append(f"| total | {ms(total['ours'])} | {ms(total['official'])} |")
    if error := raw["cold_start"]["official_fetch_error"]:
        lines += ["", f"The official SDK's own request from the page fails: `{error}`."]
    lines += [
        "",
        "**Wheel sizes** (as served to Pyodide)",
        "",
        f"| | async-openai-wasm | {official} | ratio |",
        "| --- | ---: | ---: | ---: |",
        f"| the package's wheel | {kb(sizes['ours']['wheel_bytes'])} | "
        f"{kb(sizes['official']['wheel_bytes'])} | {summary['wheel_ratio']:.2f} |",
        f"| with its dependencies ({len(sizes['ours']['wheels'])} vs "
        f"{len(sizes['official']['wheels'])} wheels) | {kb(sizes['ours']['with_deps_bytes'])} | "
        f"{kb(sizes['official']['with_deps_bytes'])} | {summary['wheel_with_deps_ratio']:.2f} |",
        f"| beyond the wheels both need (pydantic and its dependencies) | "
        f"{kb(sizes['ours']['beyond_shared_bytes'])} | "
        f"{kb(sizes['official']['beyond_shared_bytes'])} | "
        f"{sizes['ours']['beyond_shared_bytes'] / sizes['official']['beyond_shared_bytes']:.2f} |",
        "",
        f"**Streaming {n:,} chat chunks in Chromium** (typed chunks per second)",
        "",
        "| client | chunks/s | ratio to (a) | ratio to (a') |",
        "| --- | ---: | ---: | ---: |",
    ]
    labels = {
        "js_loop": "(a) plain JS loop: read, decode, split, JSON.parse",
        "js_loop_replay": "(a') the same JS loop, the same bytes from memory",
        "ours": "(b) async-openai-wasm, fetch from the mock server",
        "ours_accumulating": "(b+) the same through chat.stream: events, accumulated",
        "ours_replay": "(b') async-openai-wasm, the same bytes from memory",
        "validation_replay": "(v) validation alone: (b')'s events into typed chunks, no stream",
        "node": f"(c) openai-node {node_version}, fetch from the mock server",
        "official_replay": f"(d) {official} (Python), the same bytes via httpx.MockTransport",
        "server_alone": "mock server alone (raw socket reader on the host)",
    }
    ratio_replay = summary["ratio_to_js_loop_replay"]
    for name, label in labels.items():
        lines.append(
            f"| {label} | {per_s(rates[name])} | {ratio[name]:.2f} | {ratio_replay[name]:.2f} |"
        )
    responses = {
        "js_loop_responses": "(ra) plain JS loop: read, decode, split, JSON.parse",
        "ours_responses": "(rb) async-openai-wasm, `responses.create_stream`",
        "ours_responses_helper": "(rb+) async-openai-wasm, `responses.stream` (accumulating)",
        "node_responses": f"(rc) openai-node {node_version}, `responses.create({{stream: true}})`",
        "node_responses_helper": f"(rc+) openai-node {node_version}, `responses.stream` "
        "(accumulating)",
    }
    lines += [
        "",
        f"**Streaming a Responses answer of {n:,} text deltas in Chromium** (typed events "
        "per second, fetch from the mock server)",
        "",
        "| client | events/s | ratio to (ra) |",
        "| --- | ---: | ---: |",
    ]
    for name, label in responses.items():
        lines.append(
            f"| {label} | {per_s(rates[name])} | {rates[name] / rates['js_loop_responses']:.2f} |"
        )
    throttled = summary["throttled_chunks_per_s"]
    lines += [
        "",
        f"**Streaming with the CPU throttled x{CPU_SLOWDOWN}** (DevTools; streams of "
        f"{max(1, n // CPU_SLOWDOWN):,}, fetch from the mock server)",
        "",
        "| client | chunks or events/s | ratio to its plain JS loop |",
        "| --- | ---: | ---: |",
    ]
    for name in THROTTLED_STREAMS:
        loop = "js_loop_responses" if "responses" in name else "js_loop"
        label = responses.get(name) or labels[name]
        lines.append(
            f"| {label} | {per_s(throttled[name])} | {throttled[name] / throttled[loop]:.2f} |"
        )
    lines += ["", *first_token_table(summary["first_token"], node_version)]
    lines += [
        "",
        f"**Streaming {n:,} chat chunks on CPython {raw['cpython']['python']}** "
        "(httpx, from the mock server)",
        "",
        f"| async-openai-wasm | async-openai-wasm, chat.stream (accumulating) | {official} "
        "| ratio (first to official) |",
        "| ---: | ---: | ---: | ---: |",
        f"| {per_s(cpy['ours'])} | {per_s(cpy['ours_accumulating'])} | {per_s(cpy['official'])} "
        f"| {summary['cpython_ratio_ours_to_official']:.2f} |",
        "",
        f"**Memory while streaming {summary['memory_stream_bytes'] / MB:.0f} MB "
        f"({raw['memory']['chunks']:,} chunks) through async-openai-wasm in Chromium**",
        "",
        "| | start | at 10% | peak | end | growth after 10% |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, label in (("wasm_bytes", "WASM memory"), ("js_heap_bytes", "JS heap (live)")):
        m = mem[key]
        cells = [m[k] / MB for k in ("start", "at_10_percent", "peak", "end")]
        lines.append(
            f"| {label} | "
            + " | ".join(f"{c:.1f} MB" for c in cells)
            + f" | {m['growth_after_10_percent'] / MB:+.1f} MB |"
        )
    if raw.get("crashes"):
        lines += [
            "",
            f"Chromium was started again after {len(raw['crashes'])} failure(s): "
            + "; ".join(raw["crashes"]),
        ]
    lines += ["", "**Targets**", ""]
    details = summary["target_details"]
    for name, ok in summary["targets"].items():
        detail = f" ({details[name]})" if name in details else ""
        lines.append(f"- {'met' if ok else 'MISSED'}: {name}{detail}")
    return "\n".join(lines) + "\n"


def first_token_table(first: dict[str, Any], node_version: str) -> list[str]:
    lines = [
        "**Time to first token in Chromium** (navigation to the first streamed token painted, a "
        "first visit: HTTP cache off; DevTools network and CPU emulation)",
        "",
        "| network | bare Pyodide boot | demo page: Python ready | demo page: first token "
        f"| our part (after the boot) | share of the boot | openai-node {node_version} |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for condition, result in first.items():
        med = result["median_ms"]
        lines.append(
            f"| {ttft.LABELS[condition]} | {med['boot']['token_ms']:,.0f} ms "
            f"| {med['demo']['ready_ms']:,.0f} ms | {med['demo']['token_ms']:,.0f} ms "
            f"| {result['ours_part_ms']:,.0f} ms | {result['ours_part_of_boot']:.0%} "
            f"| {med['node']['token_ms']:,.0f} ms |"
        )
    return lines


def update_readme(text: str) -> None:
    """Replace the generated table between the Benchmarks section's markers."""
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    readme = README.read_text()
    if begin not in readme or end not in readme:
        raise SystemExit(f"README.md has no {begin} ... {end} block to update")
    head, _, rest = readme.partition(begin)
    _, _, tail = rest.partition(end)
    README.write_text(f"{head}{begin}\n{text}{end}{tail}")


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--stream-rounds",
        type=int,
        default=15,
        help="rounds of the streams in Chromium (default 15: a stream takes under a second, "
        "and single streams on a shared machine vary by half)",
    )
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--memory-mb", type=float, default=50)
    parser.add_argument(
        "--ttft-runs", type=int, default=2, help="page loads per page and network (default 2)"
    )
    parser.add_argument("--skip-build", action="store_true", help="dist/pyodide-bench is fresh")
    parser.add_argument("--profile", action="store_true", help="pyinstrument on CPython too")
    parser.add_argument("--readme", action="store_true", help="copy the table into README.md")
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="run only this part (repeatable; 'stream' includes memory); prints raw medians",
    )
    args = parser.parse_args()
    parts = set(args.only or PARTS)
    started = time.monotonic()

    if not args.skip_build:
        log("building dist/pyodide-bench")
        build_dist()
    ARTIFACTS.mkdir(exist_ok=True)
    raw: dict[str, Any] = {"settings": vars(args)}
    raw["wheel_sizes"] = wheel_sizes()
    mounts = {"pyodide": DIST, "bench": PAGES, "node_modules": ROOT / "node_modules"}
    node_version = json.loads((ROOT / "node_modules" / "openai" / "package.json").read_text())
    pyodide_version = json.loads((DIST / "package.json").read_text())["version"]

    with mock_server() as server, serve(mounts=mounts) as url:
        page = f"{url}bench/index.html"
        log(f"mock server {server}; pages {page}")
        if "stream" in parts:
            raw["server_alone"] = server_alone(server, args.chunks, args.runs)
        browser = Browser()
        try:
            raw["environment"] = {
                "date": datetime.date.today().isoformat(),
                **machine(),
                "chromium": browser.driver.capabilities.get("browserVersion", "?"),
                "pyodide": pyodide_version,
                "openai_node": node_version["version"],
            }
            if "cold" in parts:
                log("1. cold start")
                raw["cold_start"] = cold_starts(browser, page, server, args.runs)
            if "stream" in parts:
                log("2. streaming in Chromium")

                def stream_part(driver: Any) -> dict[str, Any]:
                    out = streaming(driver, page, server, args.chunks, args.stream_rounds)
                    log(f"2b. streaming with the CPU throttled x{CPU_SLOWDOWN}")
                    out["throttled"] = throttled_streaming(driver, server, args.chunks, args.runs)
                    return out

                raw["streaming"] = browser.run("streaming", stream_part)
                recording = raw["streaming"]["recording"]
                bytes_per_chunk = recording["bytes"] / recording["chunks"]
                memory_chunks = math.ceil(args.memory_mb * MB / bytes_per_chunk)
                raw["memory_stream_bytes"] = round(memory_chunks * bytes_per_chunk)
                log(f"4. memory: {memory_chunks:,} chunks")
                raw["memory"] = browser.run(
                    "memory",
                    lambda driver: memory(driver, page, server, memory_chunks),
                )
            if "ttft" in parts:
                log("5. time to first token")
                raw["ttft"] = first_tokens(browser, server, args.ttft_runs)
        finally:
            raw["crashes"] = browser.crashes
            browser.quit()
        if "cpython" in parts:
            log("3. CPython")
            raw["cpython"] = cpython(
                server, args.chunks, args.runs, ARTIFACTS if args.profile else None
            )

    if parts != set(PARTS):
        medians = partial_medians(raw)
        (ARTIFACTS / "bench-partial.json").write_text(json.dumps(raw, indent=1) + "\n")
        print(json.dumps(medians, indent=1))
        log("wrote artifacts/bench-partial.json (a partial run: no table)")
        return
    summary = summarize(raw)
    text = table(raw, summary)
    (ARTIFACTS / "bench.json").write_text(
        json.dumps({"summary": summary, "raw": raw}, indent=1) + "\n"
    )
    (ARTIFACTS / "bench.md").write_text(text)
    if args.readme:
        update_readme(text)
    print(text)
    log(f"wrote artifacts/bench.json and artifacts/bench.md in {time.monotonic() - started:.0f} s")


def partial_medians(raw: dict[str, Any]) -> dict[str, Any]:
    """The medians of whatever parts ran, for quick looks while profiling."""
    out: dict[str, Any] = {}
    if "cold_start" in raw:
        out["cold_start_ms"] = {
            kind: {
                step: round(1000 * median([run[step] for run in raw["cold_start"][kind]]))
                for step in raw["cold_start"][kind][0]
            }
            for kind in ("ours", "official")
        }
    if "streaming" in raw:
        out["chunks_per_s"] = {
            name: round(median([r["chunks_per_s"] for r in raw["streaming"][name]]))
            for name in STREAMS
        }
        out["throttled_chunks_per_s"] = {
            name: round(median([r["chunks_per_s"] for r in runs]))
            for name, runs in raw["streaming"]["throttled"].items()
        }
        out["memory"] = {k: v for k, v in raw["memory"].items() if k != "samples"}
    if "ttft" in raw:
        out["first_token"] = ttft.summarize(raw["ttft"])
    out["crashes"] = raw.get("crashes", [])
    if "cpython" in raw:
        out["cpython_chunks_per_s"] = {
            name: round(median([r["chunks_per_s"] for r in runs]))
            for name, runs in raw["cpython"]["runs"].items()
        }
    return out


if __name__ == "__main__":
    main()
