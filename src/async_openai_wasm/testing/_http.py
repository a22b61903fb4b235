"""HTTP/1.1 framing of the mock server: connections, request parsing, responses, event streams,
CORS, the request record, and the server's lifecycle. What each path answers is in _routes."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import json
import sys
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Self, TypeVar
from urllib.parse import parse_qsl

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


# ---------------------------------------------------------------- the record of a request


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


# ---------------------------------------------------------------- errors and helpers


class Disconnected(Exception):
    """The client went away before the response was finished."""


class ApiError(Exception):
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


def reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def header_value(value: object) -> str:
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


# ---------------------------------------------------------------- connection and parser


@dataclass
class Request:
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
                raise ApiError(431, "Request header fields too large.")
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
            raise Disconnected
        self.writer.write(data)
        try:
            await self.writer.drain()
        except ConnectionError:
            self.closed.set()
            raise Disconnected from None

    async def sleep(self, seconds: float) -> None:
        """Sleep, but raise ``Disconnected`` as soon as the client goes away."""
        if seconds > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.closed.wait(), seconds)
        else:
            await asyncio.sleep(0)
        if self.closed.is_set():
            raise Disconnected

    async def wait_gone(self) -> None:
        await self.closed.wait()
        raise Disconnected

    def abort(self) -> None:
        self.writer.transport.abort()

    async def close(self) -> None:
        if not self.writer.is_closing():
            self.writer.close()
        with contextlib.suppress(OSError):
            await self.writer.wait_closed()


async def _read_request(conn: _Conn) -> Request | None:
    """Read one request; None when the client closed the connection instead."""
    head = await conn.read_until(b"\r\n\r\n", _MAX_HEAD)
    if head is None:
        return None
    lines = head.decode("latin-1").lstrip("\r\n").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise ApiError(400, f"Malformed request line: {lines[0]!r}.")
    method, target, version = parts
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep:
            raise ApiError(400, f"Malformed header line: {line!r}.")
        name, value = name.strip().lower(), value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    if "chunked" in headers.get("transfer-encoding", "").lower():
        raise ApiError(411, "Chunked request bodies are not supported; send Content-Length.")
    try:
        length = int(headers.get("content-length", "0"))
    except ValueError:
        raise ApiError(400, "Invalid Content-Length.") from None
    if not 0 <= length <= _MAX_BODY:
        raise ApiError(413, "Request body too large.")
    if length and headers.get("expect", "").lower() == "100-continue":
        try:
            await conn.send(b"HTTP/1.1 100 Continue\r\n\r\n")
        except Disconnected:
            return None
    body = await conn.read_exactly(length)
    if body is None:
        return None
    path, _, query = target.partition("?")
    return Request(method.upper(), path, query, version, headers, body)


# ---------------------------------------------------------------- response and SSE writers


class Exchange:
    """Writes the response to one request and keeps its record up to date."""

    def __init__(
        self, conn: _Conn, req: Request, rec: RecordedRequest, keep_alive: bool, cors: bool
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
        lines = [f"HTTP/1.1 {status} {reason(status)}"]
        lines += [f"{k}: {header_value(v)}" for k, v in all_headers.items()]
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


class SSE:
    """An event stream in a chunked body, one HTTP chunk per event so each is flushed alone.

    ``deltas()`` sends many at full speed, still one HTTP chunk each but many per write: a
    write per event would make this server, not the client under test, the bottleneck.
    """

    def __init__(self, ex: Exchange, *, crlf: bool, comments: bool) -> None:
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

    async def event(self, data: Any, name: str | None = None) -> None:
        """Send one ``data:`` event, after an ``event: name`` line if named; a str is sent as
        is, anything else as JSON."""
        if self.comments:
            await self.ex.send(self._chunk(f": keep-alive{self.nl}{self.nl}"))
        await self.ex.send(self._chunk(self._text(data, name)))

    def _text(self, data: Any, name: str | None) -> str:
        text = data if isinstance(data, str) else json.dumps(data)
        named = f"event: {name}{self.nl}" if name is not None else ""
        return f"{named}data: {text}{self.nl}{self.nl}"

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

    async def events(self, items: list[dict[str, Any]], *, named: bool = False) -> None:
        """Send many ``data:`` events (as JSON) at full speed: one HTTP chunk each, in writes
        of ``_BATCH_EVENTS`` (see ``deltas``); ``named``: each after an ``event:`` line of its
        ``type``, as OpenAI sends Responses events."""
        for start in range(0, len(items), _BATCH_EVENTS):
            part = items[start : start + _BATCH_EVENTS]
            await self.ex.send(
                b"".join(self._chunk(self._text(e, e["type"] if named else None)) for e in part)
            )

    async def end(self, *, done: bool) -> None:
        # [DONE] and the last chunk go in one write: a client that hangs up right after
        # [DONE] must not look like a client that went away mid-stream.
        last = self._chunk(f"data: [DONE]{self.nl}{self.nl}") if done else b""
        await self.ex.send(last + b"0\r\n\r\n")
        self.ex.rec.completed = True


# ---------------------------------------------------------------- the server

Handler = Callable[[Exchange], Awaitable[None]]


class HTTPServer:
    """Serves ``self._routes`` (``(method, path) -> handler``) and records each request.

    Paths under ``/__mock__/`` are the server's own: not recorded, always present.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        keep_alive: bool = True,
        verbose: bool = False,
        cors: bool = True,
    ) -> None:
        self.host, self.port = host, port
        self.keep_alive, self.verbose, self.cors = keep_alive, verbose, cors
        self._records: list[RecordedRequest] = []
        self._ids = itertools.count(1)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._routes: dict[tuple[str, str], Handler] = {
            ("GET", "/__mock__/requests"): self._mock_requests,
            ("POST", "/__mock__/reset"): self._mock_reset,
            ("GET", "/__mock__/health"): self._mock_health,
        }

    def canonical_path(self, path: str) -> str:
        """The path a request's path is routed by (subclasses map aliases here)."""
        return path.rstrip("/") or "/"

    # -- lifecycle

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    async def start(self) -> Self:
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

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @contextlib.contextmanager
    def run_in_thread(self, timeout: float = 10.0) -> Iterator[Self]:
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
        """Forget the recorded requests."""
        self._records.clear()

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
        except ApiError as exc:
            # The request could not be framed, so the connection cannot be reused either.
            rec = RecordedRequest(f"req_{next(self._ids)}", "", "", {}, {}, None, time.time())
            ex = Exchange(conn, Request(), rec, keep_alive=False, cors=self.cors)
            with contextlib.suppress(Disconnected):
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
        ex = Exchange(conn, req, rec, keep_alive, self.cors)
        conn.watch()
        try:
            await self._dispatch(ex)
        except Disconnected:
            rec.disconnected = not rec.completed
            return False
        except Exception as exc:
            # A bug here should show up in the test that hit it, not hang it.
            traceback.print_exc()
            if not ex.head_sent:
                with contextlib.suppress(Disconnected):
                    await ex.json(500, ApiError(500, f"Mock server error: {exc!r}").body)
            return False
        finally:
            rec.time_end = time.time()
            await conn.unwatch()
            if self.verbose and recorded:
                outcome = "completed" if rec.completed else rec.fault or "incomplete"
                outcome = "client disconnected" if rec.disconnected else outcome
                print(f"{rec.id} {rec.method} {rec.path} {rec.status} {outcome}", file=sys.stderr)
        return ex.keep_alive and rec.completed and not conn.closed.is_set()

    async def _dispatch(self, ex: Exchange) -> None:
        req = ex.req
        try:
            if req.method == "OPTIONS":
                await self._preflight(ex)
                return
            path = self.canonical_path(req.path)
            handler = self._routes.get((req.method, path))
            if handler is None:
                if any(p == path for _, p in self._routes):
                    raise ApiError(405, f"Method {req.method} not allowed on {req.path}.")
                raise ApiError(404, f"Unknown path {req.method} {req.path}.", code="unknown_url")
            await handler(ex)
        except ApiError as exc:
            if ex.head_sent:
                raise
            await ex.json(exc.status, exc.body, exc.headers)

    # -- the server's own routes

    async def _preflight(self, ex: Exchange) -> None:
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

    async def _mock_requests(self, ex: Exchange) -> None:
        await ex.json(200, [r.to_dict() for r in self._records])

    async def _mock_reset(self, ex: Exchange) -> None:
        self.reset()
        await ex.json(200, {"ok": True})

    async def _mock_health(self, ex: Exchange) -> None:
        await ex.json(200, {"status": "ok"})
