#!/usr/bin/env python3
"""Runs the demo: chat with Python in a real browser page.

Started by ./scripts/demo.sh, which first builds what is missing (the venv, the wheel and the
offline Pyodide folder). Starts the mock OpenAI-compatible server and the static server on
127.0.0.1, and prints the URL to open.
By default the page talks to the mock server; ``--base-url`` (or the page's settings) points
it at any OpenAI-compatible endpoint instead.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "scripts")]

from async_openai_wasm.testing.mock_server import run_in_thread  # noqa: E402
from devserver import serve  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="the page's port")
    parser.add_argument("--mock-port", type=int, default=8787)
    parser.add_argument("--chunks", type=int, default=60, help="mock answer length in chunks")
    parser.add_argument("--delay-ms", type=float, default=40, help="mock delay between chunks")
    parser.add_argument("--base-url", help="an OpenAI-compatible endpoint instead of the mock")
    parser.add_argument("--model", default="gpt-4o-mini")
    parser.add_argument(
        "--worker",
        action="store_true",
        help="run Python in a Web Worker by default (the page's toggle and its remembered "
        "choice still win)",
    )
    args = parser.parse_args()

    if not (ROOT / "dist" / "pyodide" / "pyodide-lock.json").exists():
        sys.exit("dist/pyodide is missing: run ./scripts/demo.sh, which builds it")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with run_in_thread(
        host=args.host, port=args.mock_port, chunks=args.chunks, delay=args.delay_ms / 1000
    ) as mock:
        config = {
            "base_url": args.base_url or mock.base_url,
            "model": args.model,
            "mode": "worker" if args.worker else "main",
        }
        if not args.base_url:
            config["api_key"] = "mock-key"  # the mock wants some bearer token, any will do
        with serve(args.host, args.port, config) as url:
            print(f"mock OpenAI-compatible server: {mock.base_url}", flush=True)
            print(f"demo page: open {url}  (Ctrl-C to stop)", flush=True)
            print(f"the same chat in a PyScript page: {url}pyscript.html", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()


if __name__ == "__main__":
    main()
