"""A mock OpenAI-compatible HTTP server for tests, the demo page and headless-browser tests.

Standard library only: asyncio streams and a minimal HTTP/1.1 (Content-Length request bodies,
keep-alive, JSON replies with Content-Length, event streams with ``Transfer-Encoding: chunked``
flushed per event, or in 64 KB batches when streaming without delay or faults). Every
response carries CORS headers and an ``x-request-id`` (``req_<n>``).

Routes
    POST /v1/chat/completions      also ``/openai/deployments/<name>/chat/completions``
    GET  /v1/models
    POST /v1/embeddings            hashed bag-of-words vectors: texts sharing words are similar
    OPTIONS <any path>             CORS preflight: 204, echoes Access-Control-Request-Headers
    GET  /__mock__/requests        recorded requests as a JSON list (credentials masked)
    POST /__mock__/reset           forget recorded requests and ``fail_times`` counters
    GET  /__mock__/health          ``{"status": "ok"}``

``/v1`` routes need ``Authorization: Bearer <anything>`` or ``api-key: <anything>`` (else 401).
A chat body must be a JSON object with a string ``model`` and a non-empty ``messages`` list
(else 400). The reply is ``"You said: <last user text>. "`` plus filler words, split into
``chunks`` content deltas. Streams send a role delta, the content deltas, a ``finish_reason``
chunk, a usage chunk when ``stream_options.include_usage`` is set, then ``data: [DONE]``.

Per-request control: a top-level ``"mock": {...}`` object in the chat body. Unknown fields are
a 400, so a typo cannot silently test nothing. "After K" counts content deltas.
    chunks: int                 number of content deltas (default: the server's ``chunks``)
    delay_ms: number            sleep before each content delta (default: the server's ``delay``)
    text: str                   exact reply text, split by words (or characters if too short)
    first_byte_delay_ms: number sleep before the response headers
    error: {status, message, type, code, param, headers}   reply with that HTTP error
    fail_times: int, fail_status: int = 500, key: str = ""
                                the first N requests with this key fail, later ones succeed
    retry_after: number|str, retry_after_ms: number        headers added to error replies
    html_error: int             reply with an HTML page and this status, like a proxy would
    stall_after: int            send K deltas, then nothing until the client goes away
    drop_after: int             send K deltas, then close the socket (no last chunk, no [DONE])
    malformed_after: int        after K deltas send ``data: {not json``; the stream goes on
    error_event_after: int      after K deltas send ``data: {"error": ...}``, end without [DONE]
    comments: bool              send a ``: keep-alive`` comment before every event
    crlf: bool                  CRLF line endings in the event stream
Without ``stream``, stall_after/drop_after send the headers and half the body, and
malformed_after sends an invalid JSON body. Checks run in this order: auth, JSON body, mock
options, first_byte_delay_ms, html_error, error, fail_times, model/messages.

Each request except ``/__mock__/*`` (CORS preflights included) is recorded as a
``RecordedRequest``: id, method, path, query, headers (credentials masked), body, time_received,
then status, fault, chunks_sent (content deltas), completed (the whole planned response was
written; for a normal stream that includes [DONE]), disconnected (the client went away first;
noticed at once, also while the server sleeps or stalls), time_first_byte and time_end
(``time.time()``). Read them with ``server.requests``, ``server.last(path)`` and poll with
``await server.wait_for(lambda: server.last(path).disconnected)`` (``wait_for_sync`` too).

Use: ``async with MockServer(chunks=8) as server: ... server.base_url ...``, or
``with run_in_thread() as server:`` from sync code, or the CLI
``python -m async_openai_wasm.testing.mock_server --port 8787 [--chunks N --delay-ms D]``
(``--no-cors``: no CORS headers, as ``MockServer(cors=False)``)
which prints ``mock server listening on http://...`` and serves until SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import dataclasses
import hashlib
import itertools
import json
import math
import re
import signal
import struct
import sys
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, TypeVar
from urllib.parse import parse_qsl

__all__ = ["MockOptions", "MockServer", "RecordedRequest", "main", "run_in_thread"]

T = TypeVar("T")

_MAX_HEAD = 64 * 1024
_MAX_BODY = 32 * 1024 * 1024
_BATCH_EVENTS = 256  # about 60 KB of chat deltas per write at full speed
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "api-key", "x-api-key"})
_EXPOSE_HEADERS = "*, x-request-id, retry-after, retry-after-ms, openai-processing-ms"
# Used only when a preflight does not list its headers; "*" does not cover Authorization.
_ALLOW_HEADERS = (
    "*, authorization, content-type, openai-organization, openai-project, api-key, "
    "openai-beta, x-stainless-arch, x-stainless-lang, x-stainless-os, "
    "x-stainless-package-version, x-stainless-runtime, x-stainless-runtime-version, "
    "x-stainless-retry-count, x-stainless-timeout"
)
_FILLER = (
    "This reply comes from the mock server and is the same for the same input, so tests can "
    "check every streamed piece of it in order and count them."
)


# ---------------------------------------------------------------- data recorded and options


@dataclass
class RecordedRequest:
    """One request as the server saw it, and what the server did with it."""

    id: str
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    time_received: float
    status: int | None = None
    fault: str | None = None
    chunks_sent: int = 0
    completed: bool = False
    disconnected: bool = False
    time_first_byte: float | None = None
    time_end: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class MockOptions:
    """The ``"mock"`` object of a chat request; see the module docstring."""

    chunks: int | None = None
    delay_ms: float | None = None
    text: str | None = None
    first_byte_delay_ms: float = 0
    error: dict[str, Any] | None = None
    fail_times: int = 0
    fail_status: int = 500
    key: str = ""
    retry_after: float | str | None = None
    retry_after_ms: float | None = None
    html_error: int | None = None
    stall_after: int | None = None
    drop_after: int | None = None
    malformed_after: int | None = None
    error_event_after: int | None = None
    comments: bool = False
    crlf: bool = False


_NUM = (int, float)
_MOCK_TYPES: dict[str, tuple[type, ...]] = {
    "chunks": (int,),
    "delay_ms": _NUM,
    "text": (str,),
    "first_byte_delay_ms": _NUM,
    "error": (dict,),
    "fail_times": (int,),
    "fail_status": (int,),
    "key": (str,),
    "retry_after": (*_NUM, str),
    "retry_after_ms": _NUM,
    "html_error": (int,),
    "stall_after": (int,),
    "drop_after": (int,),
    "malformed_after": (int,),
    "error_event_after": (int,),
    "comments": (bool,),
    "crlf": (bool,),
}


def _parse_mock(raw: Any) -> MockOptions:
    if raw is None:
        return MockOptions()
    if not isinstance(raw, dict):
        raise _ApiError(400, "'mock' must be an object.", param="mock")
    values: dict[str, Any] = {}
    for name, value in raw.items():
        kinds = _MOCK_TYPES.get(name)
        if kinds is None:
            raise _ApiError(400, f"Unknown mock option {name!r}.", param=f"mock.{name}")
        if value is None:
            continue
        # bool is an int subclass; only bool fields may take true/false.
        ok = isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))
        if ok and isinstance(value, _NUM) and not isinstance(value, bool):
            ok = value >= (1 if name == "chunks" else 0)
        if not ok:
            raise _ApiError(400, f"Invalid mock option {name!r}: {value!r}.", param=f"mock.{name}")
        values[name] = value
    return MockOptions(**values)


# ---------------------------------------------------------------- errors and helpers


class _Disconnected(Exception):
    """The client went away before the response was finished."""


class _ApiError(Exception):
    """An error reply with an OpenAI-shaped body, raised from request handling."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str | None = None,
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = {
            "error": {
                "message": message,
                "type": type or _error_type(status),
                "param": param,
                "code": code,
            }
        }
        self.headers = headers or {}


def _error_type(status: int) -> str:
    if status == 429:
        return "requests"
    return "server_error" if status >= 500 else "invalid_request_error"


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _header_value(value: object) -> str:
    # User-supplied values must not be able to break the response framing.
    return str(value).replace("\r", " ").replace("\n", " ")


def _mask(name: str, value: str) -> str:
    if name not in _SECRET_HEADERS:
        return value
    scheme, _, secret = value.rpartition(" ")
    # Keep the last 4 characters of long secrets so tests can tell keys apart.
    hint = secret[-4:] if len(secret) >= 16 else ""
    return f"{scheme} ***{hint}" if scheme else f"***{hint}"


def _recorded_body(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


def _number(value: float | str) -> str:
    if isinstance(value, str) or not float(value).is_integer():
        return str(value)
    return str(int(value))


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [p.get("text", "") for p in content if isinstance(p, dict)]
        return " ".join(p for p in parts if isinstance(p, str))
    return ""


def _split(text: str, n: int) -> list[str]:
    """Split ``text`` into ``n`` pieces that join back to it: by words, else by characters."""
    tokens = re.split(r"(?<=\s)(?=\S)", text) if text else []
    if len(tokens) < n:
        tokens = list(text)
    n = min(n, len(tokens))
    if n == 0:
        return []
    size, extra = divmod(len(tokens), n)
    pieces, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        pieces.append("".join(tokens[start:end]))
        start = end
    return pieces


# ---------------------------------------------------------------- connection and parser


@dataclass
class _Request:
    method: str = ""
    path: str = ""
    query: str = ""
    version: str = "HTTP/1.1"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class _Conn:
    """One client socket: buffered reads, writes, and noticing when the client goes away.

    Only one coroutine reads at a time: the parser between requests, the watcher task while a
    response is being produced. Both read into ``buf`` so a pipelined request is not lost.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.buf = bytearray()
        self.closed = asyncio.Event()
        self._watcher: asyncio.Task[None] | None = None
        # drain() then waits until the kernel has every byte: "flushed per event" holds, and
        # drop_after does not lose the chunks it claims to have sent.
        writer.transport.set_write_buffer_limits(high=0)

    async def _fill(self) -> bool:
        try:
            data = await self.reader.read(65536)
        except ConnectionError:
            data = b""
        if not data:
            self.closed.set()
            return False
        self.buf += data
        return True

    async def read_until(self, sep: bytes, limit: int) -> bytes | None:
        while (end := self.buf.find(sep)) < 0:
            if len(self.buf) > limit:
                raise _ApiError(431, "Request header fields too large.")
            if not await self._fill():
                return None
        data = bytes(self.buf[:end])
        del self.buf[: end + len(sep)]
        return data

    async def read_exactly(self, n: int) -> bytes | None:
        while len(self.buf) < n:
            if not await self._fill():
                return None
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def watch(self) -> None:
        async def run() -> None:
            while len(self.buf) < _MAX_BODY and await self._fill():
                pass

        self._watcher = asyncio.create_task(run())

    async def unwatch(self) -> None:
        task, self._watcher = self._watcher, None
        if task is not None:
            task.cancel()
            # wait() rather than awaiting the task, so our own cancellation is not swallowed.
            await asyncio.wait([task])

    async def send(self, data: bytes) -> None:
        if self.closed.is_set() or self.writer.is_closing():
            raise _Disconnected
        self.writer.write(data)
        try:
            await self.writer.drain()
        except ConnectionError:
            self.closed.set()
            raise _Disconnected from None

    async def sleep(self, seconds: float) -> None:
        """Sleep, but raise ``_Disconnected`` as soon as the client goes away."""
        if seconds > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.closed.wait(), seconds)
        else:
            await asyncio.sleep(0)
        if self.closed.is_set():
            raise _Disconnected

    async def wait_gone(self) -> None:
        await self.closed.wait()
        raise _Disconnected

    def abort(self) -> None:
        self.writer.transport.abort()

    async def close(self) -> None:
        if not self.writer.is_closing():
            self.writer.close()
        with contextlib.suppress(OSError):
            await self.writer.wait_closed()


async def _read_request(conn: _Conn) -> _Request | None:
    """Read one request; None when the client closed the connection instead."""
    head = await conn.read_until(b"\r\n\r\n", _MAX_HEAD)
    if head is None:
        return None
    lines = head.decode("latin-1").lstrip("\r\n").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise _ApiError(400, f"Malformed request line: {lines[0]!r}.")
    method, target, version = parts
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep:
            raise _ApiError(400, f"Malformed header line: {line!r}.")
        name, value = name.strip().lower(), value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    if "chunked" in headers.get("transfer-encoding", "").lower():
        raise _ApiError(411, "Chunked request bodies are not supported; send Content-Length.")
    try:
        length = int(headers.get("content-length", "0"))
    except ValueError:
        raise _ApiError(400, "Invalid Content-Length.") from None
    if not 0 <= length <= _MAX_BODY:
        raise _ApiError(413, "Request body too large.")
    if length and headers.get("expect", "").lower() == "100-continue":
        try:
            await conn.send(b"HTTP/1.1 100 Continue\r\n\r\n")
        except _Disconnected:
            return None
    body = await conn.read_exactly(length)
    if body is None:
        return None
    path, _, query = target.partition("?")
    return _Request(method.upper(), path, query, version, headers, body)


# ---------------------------------------------------------------- response and SSE writers


class _Exchange:
    """Writes the response to one request and keeps its record up to date."""

    def __init__(
        self, conn: _Conn, req: _Request, rec: RecordedRequest, keep_alive: bool, cors: bool
    ) -> None:
        self.conn, self.req, self.rec, self.keep_alive = conn, req, rec, keep_alive
        self.cors = cors
        self.head_sent = False

    def head(self, status: int, headers: dict[str, str]) -> bytes:
        origin = self.req.headers.get("origin")
        all_headers = {
            "x-request-id": self.rec.id,
            # Echoing the origin (rather than "*") also works for credentialed requests.
            "access-control-allow-origin": origin or "*",
            "access-control-expose-headers": _EXPOSE_HEADERS,
            "connection": "keep-alive" if self.keep_alive else "close",
        }
        if origin:
            all_headers["access-control-allow-credentials"] = "true"
            all_headers["vary"] = "Origin"
        if not self.cors:
            all_headers = {k: v for k, v in all_headers.items() if not k.startswith("access-")}
        all_headers.update(headers)
        lines = [f"HTTP/1.1 {status} {_reason(status)}"]
        lines += [f"{k}: {_header_value(v)}" for k, v in all_headers.items()]
        self.rec.status = status
        self.head_sent = True
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")

    async def send(self, data: bytes) -> None:
        await self.conn.send(data)
        if self.rec.time_first_byte is None:
            self.rec.time_first_byte = time.time()

    async def respond(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        all_headers = {"content-type": content_type} if content_type else {}
        if status != 204:  # a 204 must not carry Content-Length
            all_headers["content-length"] = str(len(body))
        all_headers.update(headers or {})
        await self.send(self.head(status, all_headers) + body)
        self.rec.completed = True

    async def json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        await self.respond(status, json.dumps(obj).encode(), "application/json", headers)


class _SSE:
    """An event stream in a chunked body, one HTTP chunk per event so each is flushed alone.

    ``deltas()`` sends many at full speed, still one HTTP chunk each but many per write: a
    write per event would make this server, not the client under test, the bottleneck.
    """

    def __init__(self, ex: _Exchange, *, crlf: bool, comments: bool) -> None:
        self.ex, self.nl, self.comments = ex, "\r\n" if crlf else "\n", comments

    @staticmethod
    def _chunk(text: str) -> bytes:
        data = text.encode()
        return b"%x\r\n%s\r\n" % (len(data), data)

    async def start(self) -> None:
        headers = {
            "content-type": "text/event-stream; charset=utf-8",
            "cache-control": "no-cache",
            "transfer-encoding": "chunked",
        }
        await self.ex.send(self.ex.head(200, headers))

    async def event(self, data: Any) -> None:
        """Send one ``data:`` event; a str is sent as is, anything else as JSON."""
        if self.comments:
            await self.ex.send(self._chunk(f": keep-alive{self.nl}{self.nl}"))
        text = data if isinstance(data, str) else json.dumps(data)
        await self.ex.send(self._chunk(f"data: {text}{self.nl}{self.nl}"))

    async def deltas(self, before: str, pieces: list[str], after: str) -> None:
        """Send one content delta per piece, ``before + {"content": piece} + after`` (ASCII
        JSON, as json.dumps writes it), in writes of ``_BATCH_EVENTS``, counting them."""
        head = f'data: {before}{{"content": '.encode()
        tail = f"}}{after}{self.nl * 2}".encode()
        comment = self._chunk(f": keep-alive{self.nl * 2}") if self.comments else b""
        quote = json.encoder.encode_basestring_ascii  # json.dumps of a str, without its checks
        fixed = len(head) + len(tail)
        for start in range(0, len(pieces), _BATCH_EVENTS):
            part = [quote(piece).encode() for piece in pieces[start : start + _BATCH_EVENTS]]
            await self.ex.send(
                b"".join(
                    [b"%s%x\r\n%s%s%s\r\n" % (comment, fixed + len(t), head, t, tail) for t in part]
                )
            )
            self.ex.rec.chunks_sent += len(part)

    async def end(self, *, done: bool) -> None:
        # [DONE] and the last chunk go in one write: a client that hangs up right after
        # [DONE] must not look like a client that went away mid-stream.
        last = self._chunk(f"data: [DONE]{self.nl}{self.nl}") if done else b""
        await self.ex.send(last + b"0\r\n\r\n")
        self.ex.rec.completed = True


# ---------------------------------------------------------------- the server

_Handler = Callable[[_Exchange], Awaitable[None]]
_AZURE_PATH = re.compile(r"/openai/deployments/[^/]+(/chat/completions)")


class MockServer:
    """A mock OpenAI-compatible server; see the module docstring for routes and options."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        chunks: int = 24,
        delay: float = 0.0,
        models: tuple[str, ...] = ("mock-model", "gpt-4o-mini"),
        keep_alive: bool = True,
        verbose: bool = False,
        cors: bool = True,
    ) -> None:
        """``delay`` is in seconds, between content deltas; ``port=0`` picks a free port;
        ``cors=False`` sends no CORS headers, like a server that does not allow the page's
        origin, so that browsers refuse its responses."""
        self.host, self.port = host, port
        self.chunks, self.delay, self.models = chunks, delay, models
        self.keep_alive, self.verbose, self.cors = keep_alive, verbose, cors
        self._records: list[RecordedRequest] = []
        self._fail_counts: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._routes: dict[tuple[str, str], _Handler] = {
            ("POST", "/v1/chat/completions"): self._chat,
            ("GET", "/v1/models"): self._models,
            ("POST", "/v1/embeddings"): self._embeddings,
            ("GET", "/__mock__/requests"): self._mock_requests,
            ("POST", "/__mock__/reset"): self._mock_reset,
            ("GET", "/__mock__/health"): self._mock_health,
        }

    # -- lifecycle

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    async def start(self) -> MockServer:
        self._server = await asyncio.start_server(self._on_connect, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is None:
            return
        self._server.close()
        # Server.close() leaves open connections alone (and 3.12+ wait_closed() waits for them).
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()
        self._server = None

    async def __aenter__(self) -> MockServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @contextlib.contextmanager
    def run_in_thread(self, timeout: float = 10.0) -> Iterator[MockServer]:
        """Serve from an event loop on a background thread, for synchronous tests."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="mock-server", daemon=True)
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self.start(), loop).result(timeout)
            try:
                yield self
            finally:
                asyncio.run_coroutine_threadsafe(self.stop(), loop).result(timeout)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout)
            loop.close()

    # -- what tests look at

    @property
    def requests(self) -> list[RecordedRequest]:
        """Recorded requests, oldest first (a copy; the records themselves stay live)."""
        return list(self._records)

    def last(self, path: str | None = None, method: str | None = None) -> RecordedRequest:
        """The newest matching record; LookupError if there is none (yet).

        CORS preflights are skipped unless ``method="OPTIONS"`` is asked for, so that
        ``last(path)`` is the real request even while the browser is between the two.
        """
        for rec in reversed(self._records):
            if method is None and rec.method == "OPTIONS":
                continue
            if (path is None or rec.path == path) and (method is None or rec.method == method):
                return rec
        raise LookupError(f"no recorded request for {method or '*'} {path or '*'}")

    def reset(self) -> None:
        self._records.clear()
        self._fail_counts.clear()

    def _check(self, predicate: Callable[[], T]) -> T | None:
        try:
            return predicate()
        except LookupError:  # e.g. server.last() or requests[-1] before the request arrived
            return None

    def _timeout(self, timeout: float) -> TimeoutError:
        seen = [
            (r.id, r.method, r.path, r.status, r.chunks_sent, r.completed, r.disconnected)
            for r in self._records
        ]
        return TimeoutError(f"condition not met within {timeout}s; requests: {seen}")

    async def wait_for(
        self,
        predicate: Callable[[], T],
        timeout: float = 5.0,  # noqa: ASYNC109 -- the same signature as wait_for_sync
        interval: float = 0.01,
    ) -> T:
        """Poll ``predicate`` until it returns something truthy, and return that.

        A LookupError from the predicate counts as "not yet".
        """
        deadline = time.monotonic() + timeout
        while not (value := self._check(predicate)):
            if time.monotonic() >= deadline:
                raise self._timeout(timeout)
            await asyncio.sleep(interval)
        return value

    def wait_for_sync(
        self, predicate: Callable[[], T], timeout: float = 5.0, interval: float = 0.01
    ) -> T:
        """``wait_for`` for synchronous code, with the server in ``run_in_thread()``."""
        deadline = time.monotonic() + timeout
        while not (value := self._check(predicate)):
            if time.monotonic() >= deadline:
                raise self._timeout(timeout)
            time.sleep(interval)
        return value

    # -- connection handling

    async def _on_connect(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        conn = _Conn(reader, writer)
        try:
            while await self._serve_one(conn):
                pass
        finally:
            self._tasks.discard(task)
            await conn.close()

    async def _serve_one(self, conn: _Conn) -> bool:
        """Serve one request; True when the connection may carry another."""
        try:
            req = await _read_request(conn)
        except _ApiError as exc:
            # The request could not be framed, so the connection cannot be reused either.
            rec = RecordedRequest(f"req_{next(self._ids)}", "", "", {}, {}, None, time.time())
            ex = _Exchange(conn, _Request(), rec, keep_alive=False, cors=self.cors)
            with contextlib.suppress(_Disconnected):
                await ex.json(exc.status, exc.body, exc.headers)
            return False
        if req is None:
            return False
        rec = RecordedRequest(
            id=f"req_{next(self._ids)}",
            method=req.method,
            path=req.path,
            query=dict(parse_qsl(req.query, keep_blank_values=True)),
            headers={k: _mask(k, v) for k, v in req.headers.items()},
            body=_recorded_body(req.body),
            time_received=time.time(),
        )
        recorded = not req.path.startswith("/__mock__/")
        if recorded:
            self._records.append(rec)
        keep_alive = (
            self.keep_alive
            and req.version == "HTTP/1.1"
            and "close" not in req.headers.get("connection", "").lower()
        )
        ex = _Exchange(conn, req, rec, keep_alive, self.cors)
        conn.watch()
        try:
            await self._dispatch(ex)
        except _Disconnected:
            rec.disconnected = not rec.completed
            return False
        except Exception as exc:
            # A bug here should show up in the test that hit it, not hang it.
            traceback.print_exc()
            if not ex.head_sent:
                with contextlib.suppress(_Disconnected):
                    await ex.json(500, _ApiError(500, f"Mock server error: {exc!r}").body)
            return False
        finally:
            rec.time_end = time.time()
            await conn.unwatch()
            if self.verbose and recorded:
                outcome = "completed" if rec.completed else rec.fault or "incomplete"
                outcome = "client disconnected" if rec.disconnected else outcome
                print(f"{rec.id} {rec.method} {rec.path} {rec.status} {outcome}", file=sys.stderr)
        return ex.keep_alive and rec.completed and not conn.closed.is_set()

    async def _dispatch(self, ex: _Exchange) -> None:
        req = ex.req
        try:
            if req.method == "OPTIONS":
                await self._preflight(ex)
                return
            path = _AZURE_PATH.sub(r"/v1\1", req.path.rstrip("/") or "/")
            handler = self._routes.get((req.method, path))
            if handler is None:
                if any(p == path for _, p in self._routes):
                    raise _ApiError(405, f"Method {req.method} not allowed on {req.path}.")
                raise _ApiError(404, f"Unknown path {req.method} {req.path}.", code="unknown_url")
            await handler(ex)
        except _ApiError as exc:
            if ex.head_sent:
                raise
            await ex.json(exc.status, exc.body, exc.headers)

    # -- route handlers

    async def _preflight(self, ex: _Exchange) -> None:
        if not self.cors:
            await ex.respond(204)
            return
        headers = {
            "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
            "access-control-allow-headers": ex.req.headers.get(
                "access-control-request-headers", _ALLOW_HEADERS
            ),
            "access-control-max-age": "600",
            "vary": "Origin, Access-Control-Request-Headers",
        }
        # Chrome asks this when a public page calls a server on localhost.
        if ex.req.headers.get("access-control-request-private-network") == "true":
            headers["access-control-allow-private-network"] = "true"
        await ex.respond(204, headers=headers)

    def _require_auth(self, req: _Request) -> None:
        scheme, _, token = req.headers.get("authorization", "").partition(" ")
        if (scheme.lower() == "bearer" and token.strip()) or req.headers.get("api-key", "").strip():
            return
        raise _ApiError(
            401,
            "You didn't provide an API key. Use 'Authorization: Bearer <key>' or 'api-key: <key>'.",
        )

    async def _models(self, ex: _Exchange) -> None:
        self._require_auth(ex.req)
        data = [
            {"id": m, "object": "model", "created": 1700000000, "owned_by": "mock"}
            for m in self.models
        ]
        await ex.json(200, {"object": "list", "data": data})

    async def _embeddings(self, ex: _Exchange) -> None:
        self._require_auth(ex.req)
        try:
            body = json.loads(ex.req.body)
        except ValueError:
            body = None
        texts = body.get("input") if isinstance(body, dict) else None
        if isinstance(texts, str):
            texts = [texts]
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
            raise _ApiError(
                400, "input must be a string or a non-empty list of strings", param="input"
            )
        dimensions = body.get("dimensions") or 64
        as_base64 = body.get("encoding_format") == "base64"
        data = []
        for index, text in enumerate(texts):
            vector = _bag_of_words(text, int(dimensions))
            encoded: Any = (
                base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
                if as_base64
                else vector
            )
            data.append({"object": "embedding", "index": index, "embedding": encoded})
        tokens = sum(len(t.split()) for t in texts)
        await ex.json(
            200,
            {
                "object": "list",
                "model": body.get("model", "mock-embedding"),
                "data": data,
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            },
        )

    async def _mock_requests(self, ex: _Exchange) -> None:
        await ex.json(200, [r.to_dict() for r in self._records])

    async def _mock_reset(self, ex: _Exchange) -> None:
        self.reset()
        await ex.json(200, {"ok": True})

    async def _mock_health(self, ex: _Exchange) -> None:
        await ex.json(200, {"status": "ok"})

    async def _chat(self, ex: _Exchange) -> None:
        self._require_auth(ex.req)
        try:
            body = json.loads(ex.req.body)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise _ApiError(400, "We could not parse the JSON body of your request.")
        opts = _parse_mock(body.get("mock"))
        await ex.conn.sleep(opts.first_byte_delay_ms / 1000)
        await self._faults(ex, opts)
        if ex.head_sent:
            return
        model, messages = body.get("model"), body.get("messages")
        if not isinstance(model, str) or not model:
            raise _ApiError(400, "You must provide a model parameter.", param="model")
        if not isinstance(messages, list):
            raise _ApiError(400, "Missing required parameter: 'messages'.", param="messages")
        if not messages:
            raise _ApiError(
                400, "Invalid 'messages': empty array.", param="messages", code="empty_array"
            )
        for i, msg in enumerate(messages):
            if not isinstance(msg, dict) or not isinstance(msg.get("role"), str):
                raise _ApiError(400, f"Invalid 'messages[{i}]'.", param=f"messages[{i}]")

        n = opts.chunks or self.chunks
        if opts.text is not None:
            text = opts.text
        else:
            users = [m for m in messages if m.get("role") == "user"]
            said = _text_of(users[-1].get("content")) if users else ""
            filler = " ".join(itertools.islice(itertools.cycle(_FILLER.split()), max(n, 8)))
            text = f"You said: {said}. {filler}."
        pieces = _split(text, n)
        prompt_tokens = sum(len(_text_of(m.get("content")).split()) + 4 for m in messages)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": len(pieces),
            "total_tokens": prompt_tokens + len(pieces),
        }
        base = {
            "id": f"chatcmpl-mock{ex.rec.id.removeprefix('req_')}",
            "created": int(time.time()),
            "model": model,
            "system_fingerprint": "fp_mock",
        }
        if body.get("stream"):
            stream_options = body.get("stream_options")
            include_usage = isinstance(stream_options, dict) and bool(
                stream_options.get("include_usage")
            )
            delay = self.delay if opts.delay_ms is None else opts.delay_ms / 1000
            await self._stream(ex, opts, base, pieces, usage if include_usage else None, delay)
            return
        completion = {
            **base,
            "object": "chat.completion",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": None},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": usage,
        }
        await self._send_completion(ex, opts, json.dumps(completion).encode())

    async def _faults(self, ex: _Exchange, opts: MockOptions) -> None:
        """Apply the error modes that replace the whole response."""
        headers: dict[str, str] = {}
        if opts.retry_after is not None:
            headers["retry-after"] = _number(opts.retry_after)
        if opts.retry_after_ms is not None:
            headers["retry-after-ms"] = _number(opts.retry_after_ms)
        if opts.html_error is not None:
            status = _status(opts.html_error, "mock.html_error")
            title = f"{status} {_reason(status)}"
            page = (
                f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
                f"<center><h1>{title}</h1></center>\r\n<hr><center>mock-proxy</center>\r\n"
                "</body>\r\n</html>\r\n"
            )
            ex.rec.fault = "html_error"
            await ex.respond(status, page.encode(), "text/html; charset=utf-8", headers)
            return
        if opts.error is not None:
            err = opts.error
            status = _status(err.get("status", 500), "mock.error.status")
            extra = err.get("headers")
            if isinstance(extra, dict):
                headers.update({str(k): _header_value(v) for k, v in extra.items()})
            ex.rec.fault = "error"
            raise _ApiError(
                status,
                str(err.get("message", f"Mock error {status}.")),
                type=err.get("type"),
                param=err.get("param"),
                code=err.get("code"),
                headers=headers,
            )
        if opts.fail_times:
            count = self._fail_counts[opts.key] = self._fail_counts.get(opts.key, 0) + 1
            if count <= opts.fail_times:
                status = _status(opts.fail_status, "mock.fail_status")
                ex.rec.fault = "fail"
                raise _ApiError(
                    status,
                    f"Mock failure {count} of {opts.fail_times} for key {opts.key!r}.",
                    code="rate_limit_exceeded" if status == 429 else None,
                    headers=headers,
                )

    async def _send_completion(self, ex: _Exchange, opts: MockOptions, body: bytes) -> None:
        if opts.malformed_after is not None:
            ex.rec.fault = "malformed"
            body = b"{not json"
        if opts.drop_after is None and opts.stall_after is None:
            await ex.respond(200, body, "application/json")
            return
        # Announce the full length, send half: the client must notice the short body.
        head = ex.head(200, {"content-type": "application/json", "content-length": str(len(body))})
        await ex.send(head + body[: len(body) // 2])
        if opts.drop_after is not None:
            ex.rec.fault = "drop"
            ex.conn.abort()
            return
        ex.rec.fault = "stall"
        await ex.conn.wait_gone()

    async def _stream(
        self,
        ex: _Exchange,
        opts: MockOptions,
        base: dict[str, Any],
        pieces: list[str],
        usage: dict[str, int] | None,
        delay: float,
    ) -> None:
        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
            out = {**base, "object": "chat.completion.chunk", "choices": [choice]}
            if usage is not None:  # the real API sends "usage": null until the usage chunk
                out["usage"] = None
            return out

        def at(k: int | None, i: int) -> bool:
            return k is not None and min(k, len(pieces)) == i

        faults = (opts.malformed_after, opts.error_event_after, opts.drop_after, opts.stall_after)
        # Content deltas differ only in their text: encode the rest once (json.dumps per delta
        # would be most of this server's time at full speed).
        before, empty, after = json.dumps(chunk({"content": ""})).rpartition('{"content": ""}')
        assert empty, "the delta must be in the encoded chunk"
        sse = _SSE(ex, crlf=opts.crlf, comments=opts.comments)
        await sse.start()
        await sse.event(chunk({"role": "assistant", "content": "", "refusal": None}))
        # A delay paces each delta and a fault needs the deltas before it on the wire; with
        # neither, all deltas go out at once, in big writes, and the loop only ends the stream.
        sent = 0
        if delay == 0 and all(k is None for k in faults):
            await sse.deltas(before, pieces, after)
            sent = len(pieces)
        for i in range(sent, len(pieces) + 1):
            if at(opts.malformed_after, i):
                ex.rec.fault = "malformed"
                await sse.event("{not json")
            if at(opts.error_event_after, i):
                ex.rec.fault = "error_event"
                error = _ApiError(500, "The server had an error while processing your request.")
                await sse.event(error.body)
                await sse.end(done=False)
                return
            if at(opts.drop_after, i):
                ex.rec.fault = "drop"
                ex.conn.abort()
                return
            if at(opts.stall_after, i):
                ex.rec.fault = "stall"
                await ex.conn.wait_gone()
            if i == len(pieces):
                break
            await ex.conn.sleep(delay)
            await sse.event(f'{before}{{"content": {json.dumps(pieces[i])}}}{after}')
            ex.rec.chunks_sent += 1
        await sse.event(chunk({}, "stop"))
        if usage is not None:
            final = {**base, "object": "chat.completion.chunk", "choices": [], "usage": usage}
            await sse.event(final)
        await sse.end(done=True)


def _status(value: Any, param: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 400 <= value <= 599:
        return value
    raise _ApiError(400, f"Invalid {param}: {value!r}; expected 400-599.", param=param)


# ---------------------------------------------------------------- helpers for users and the CLI


def _bag_of_words(text: str, dimensions: int) -> list[float]:
    """A unit vector from the text's words, each hashed to a signed dimension: deterministic,
    and texts that share words point the same way, so similarity means something in a demo."""
    vector = [0.0] * dimensions
    for word in re.findall(r"\w+", text.lower()):
        digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
        vector[digest[0] % dimensions] += 1.0 if digest[1] % 2 else -1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


@contextlib.contextmanager
def run_in_thread(**kwargs: Any) -> Iterator[MockServer]:
    """``with run_in_thread(chunks=5) as server:`` -- a MockServer on a background thread."""
    with MockServer(**kwargs).run_in_thread() as server:
        yield server


async def _serve_until_signal(server: MockServer) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C raises instead
            loop.add_signal_handler(sig, stop.set)
    async with server:
        print(f"mock server listening on {server.url}", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Mock OpenAI-compatible HTTP server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8787, help="0 picks a free port")
    parser.add_argument("--chunks", type=int, default=24, help="content deltas per stream")
    parser.add_argument("--delay-ms", type=float, default=0.0, help="sleep between deltas")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    parser.add_argument(
        "--no-cors", action="store_true", help="send no CORS headers: browsers refuse replies"
    )
    args = parser.parse_args(argv)
    server = MockServer(
        args.host,
        args.port,
        chunks=args.chunks,
        delay=args.delay_ms / 1000,
        verbose=args.verbose,
        cors=not args.no_cors,
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_until_signal(server))


if __name__ == "__main__":
    main()
