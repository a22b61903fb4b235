"""A mock OpenAI-compatible HTTP server for tests, the demo page and headless-browser tests.

Standard library only: asyncio streams and a minimal HTTP/1.1 (Content-Length request bodies,
keep-alive, JSON replies with Content-Length, event streams with ``Transfer-Encoding: chunked``
flushed per event, or in 64 KB batches when streaming without delay or faults). Every
response carries CORS headers and an ``x-request-id`` (``req_<n>``).

Routes
    POST /v1/chat/completions      also ``/openai/deployments/<name>/chat/completions``
    GET  /v1/models
    POST /v1/embeddings            hashed bag-of-words vectors: texts sharing words are similar
    POST /v1/responses             the Responses API: a message or a function call, whole or
                                   streamed as its events
    OPTIONS <any path>             CORS preflight: 204, echoes Access-Control-Request-Headers
    GET  /__mock__/requests        recorded requests as a JSON list (credentials masked)
    POST /__mock__/reset           forget recorded requests, ``fail_times`` counters, replies
    GET  /__mock__/health          ``{"status": "ok"}``

``/v1`` routes need ``Authorization: Bearer <anything>`` or ``api-key: <anything>`` (else 401).
A chat body must be a JSON object with a string ``model`` and a non-empty ``messages`` list
(else 400). The reply is ``"You said: <last user text>. "`` plus filler words, split into
``chunks`` content deltas. Streams send a role delta, the content deltas, a ``finish_reason``
chunk, a usage chunk when ``stream_options.include_usage`` is set, then ``data: [DONE]``.
With function ``tools`` and the user's message last, the reply is a tool call; with a tool
result last, text quoting it; with a ``json_schema`` response format, a value of the schema
(see ``_routes``).

Per-request control: a top-level ``"mock": {...}`` object in the chat body, or the same
options scripted on the host: ``server.reply(text, **options)`` and ``server.error(status, ...)``
queue replies that the next chat requests without a ``"mock"`` object use, in order
(``pending_replies`` lists those left). Unknown fields are a 400 (``InvalidArgumentError`` when
scripted), so a typo cannot silently test nothing. "After K" counts deltas: content, then
tool-call deltas.
    chunks: int | [str]         number of content deltas (default: the server's ``chunks``), or
                                the deltas themselves (their concatenation is the reply text)
    delay_ms: number            sleep before each delta (default: the server's ``delay``)
    text: str                   exact reply text, split by words (or characters if too short)
    json: any                   the reply text is this value as JSON (e.g. for a json_schema)
    tool_calls: [{name, arguments, id}]   the reply calls these tools (arguments: an object or
                                a JSON string; id: made up if absent); finish_reason
                                "tool_calls". Streamed: per call its id and name, then its
                                arguments in up to 3 pieces. Without text: content null.
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
    no_done: bool               end the stream after the finish (and usage) chunk, without
                                [DONE], as several OpenAI-compatible servers do
At most one of text, json and a list of chunks gives the reply text.
Without ``stream``, stall_after/drop_after send the headers and half the body, and
malformed_after sends an invalid JSON body. Checks run in this order: auth, JSON body, mock
options (or the next scripted reply), first_byte_delay_ms, html_error, error, fail_times,
model/messages.

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

The HTTP framing is in ``_http`` and the OpenAI routes in ``_routes`` (a route is a function
registered with ``@route(method, path)``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from collections.abc import Iterator
from functools import partial
from typing import Any

from ..error import InvalidArgumentError
from ._http import ApiError, HTTPServer, RecordedRequest
from ._routes import ROUTES, MockOptions, MockState, canonical_path, parse_mock

__all__ = ["MockOptions", "MockServer", "RecordedRequest", "main", "run_in_thread"]


class MockServer(HTTPServer):
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
        super().__init__(host, port, keep_alive=keep_alive, verbose=verbose, cors=cors)
        self.state = MockState(chunks, delay, models)
        for key, handler in ROUTES.items():
            self._routes[key] = partial(handler, self.state)

    def canonical_path(self, path: str) -> str:
        return canonical_path(super().canonical_path(path))

    def reset(self) -> None:
        """Forget recorded requests, ``fail_times`` counters and replies not used yet."""
        super().reset()
        self.state.reset()

    # -- scripted replies

    def reply(self, text: str | None = None, /, **options: Any) -> None:
        """Script the reply to the next chat completion request (that has no ``"mock"``
        object of its own); replies queue up and are used in order, then the default reply.

        ``options`` are those of the ``"mock"`` object (see the module docstring), e.g.
        ``reply("Hi")``, ``reply(chunks=["Hel", "lo"])``, ``reply(json={"a": 1})``,
        ``reply(tool_calls=[{"name": "f", "arguments": {"x": 1}}])``,
        ``reply("Hi there", stall_after=1)``. A plain call and a streamed call get the
        same reply, whole or in deltas. Unknown or invalid options raise InvalidArgumentError.
        """
        if text is not None:
            options["text"] = text
        try:
            opts = parse_mock(options)
        except ApiError as exc:
            raise InvalidArgumentError(f"reply(): {exc}") from None
        self.state.replies.append(opts)

    def error(
        self,
        status: int,
        message: str | None = None,
        *,
        type: str | None = None,
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
        retry_after: float | str | None = None,
        retry_after_ms: float | None = None,
    ) -> None:
        """Script an OpenAI-shaped error reply to the next chat completion request, e.g.
        ``error(429, retry_after=1)`` (a ``Retry-After: 1`` header) or ``error(400, "Bad")``."""
        fields = {"message": message, "type": type, "code": code, "param": param}
        error: dict[str, Any] = {k: v for k, v in fields.items() if v is not None}
        if headers is not None:
            error["headers"] = headers
        error["status"] = status
        self.reply(error=error, retry_after=retry_after, retry_after_ms=retry_after_ms)

    @property
    def pending_replies(self) -> list[MockOptions]:
        """The scripted replies not used yet, next first."""
        return list(self.state.replies)


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
