"""A static file server for the demo page and the browser tests (standard library only).

Serves ``web/`` at ``/``, the offline Pyodide folder at ``/pyodide/`` and PyScript's files at
``/pyscript/`` (both built by scripts/build_pyodide.py), with the MIME types
Pyodide needs (``.mjs`` as JavaScript, ``.wasm`` as ``application/wasm`` so it can be
compiled while it downloads) and ``demo-config.json`` telling the page where the mock is.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
PYODIDE = ROOT / "dist" / "pyodide"
PYSCRIPT = ROOT / "dist" / "pyscript"


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
        ".json": "application/json",
    }

    def __init__(
        self, *args: Any, demo_config: dict[str, Any], mounts: dict[str, Path], **kwargs: Any
    ) -> None:
        self.demo_config = demo_config
        self.mounts = mounts
        super().__init__(*args, directory=str(WEB), **kwargs)

    def translate_path(self, path: str) -> str:
        for prefix, folder in self.mounts.items():
            if path.startswith(f"/{prefix}/"):
                relative = super().translate_path(path[len(prefix) + 1 :])
                return str(folder / Path(relative).relative_to(WEB))
        return super().translate_path(path)

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == "/demo-config.json":
            body = json.dumps(self.demo_config).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self) -> None:
        # The page and its app change while developing; a stale cached copy misleads.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A page that drops a download half-way (the demo's snapshot on a slow network) is no
        # error; anything else is printed as usual.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(
    host: str = "127.0.0.1",
    port: int = 0,
    demo_config: dict[str, Any] | None = None,
    mounts: dict[str, Path] | None = None,
) -> Iterator[str]:
    """Serves on a background thread; yields the base URL (``http://host:port/``).

    ``mounts`` maps more URL prefixes to folders (``{"bench": Path(...)}`` serves it at
    ``/bench/``); ``"pyodide"`` there replaces dist/pyodide.
    """
    handler = partial(
        _Handler,
        demo_config=demo_config or {},
        mounts={"pyodide": PYODIDE, "pyscript": PYSCRIPT, **(mounts or {})},
    )
    server = _Server((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, name="devserver", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
