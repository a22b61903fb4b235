"""The one small interface between the request pipeline and the network.

A transport turns a :class:`Request` into a :class:`Response` whose body arrives as chunks of
bytes. It must be cancellation-safe: when the awaiting task is cancelled (which is how the
pipeline enforces timeouts) it aborts the underlying request, so the server sees it closed.
Failures to reach the server are raised as :class:`~async_openai_wasm.error.APIConnectionError`.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = [
    "ByteStream",
    "FilePart",
    "MultipartForm",
    "Request",
    "Response",
    "Transport",
    "default_transport",
]


@dataclass(frozen=True, slots=True)
class FilePart:
    """A file in a multipart form. ``content`` is bytes, or in Pyodide a JS ``Blob``/``File``."""

    filename: str
    content: Any
    content_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class MultipartForm:
    """A ``multipart/form-data`` body; each transport encodes it its own way."""

    fields: list[tuple[str, str]] = field(default_factory=list)
    files: list[tuple[str, FilePart]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Request:
    """An HTTP request, fully built: the URL includes the query string."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: str | bytes | MultipartForm | None = None

    def describe(self) -> str:
        """Method and URL without the query, for messages: a user's ``extra_query`` may
        carry a token, and nothing secret belongs in an error."""
        return f"{self.method} {self.url.split('?', 1)[0]}"


class ByteStream(Protocol):
    """A response body: an async iterator of chunks that can be closed early.

    A body may also have a synchronous ``abort()`` that closes it at once, without awaiting;
    :meth:`Response.close_soon` prefers it.
    """

    def __aiter__(self) -> AsyncIterator[bytes]: ...

    async def aclose(self) -> None: ...


class Response:
    """Status, lower-cased headers, and a body read as a stream of byte chunks."""

    __slots__ = ("_stream", "headers", "status_code")

    def __init__(self, status_code: int, headers: Mapping[str, str], stream: ByteStream) -> None:
        self.status_code = status_code
        self.headers = {k.lower(): v for k, v in headers.items()}
        self._stream = stream

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._stream.__aiter__()

    async def aread(self) -> bytes:
        try:
            return b"".join([chunk async for chunk in self._stream])
        finally:
            await self._stream.aclose()

    async def aclose(self) -> None:
        await self._stream.aclose()

    def close_soon(self) -> None:
        """Closes the body from synchronous code such as a finaliser: at once if the body can
        ``abort()``, else by scheduling ``aclose()`` on the running event loop."""
        abort = getattr(self._stream, "abort", None)
        if callable(abort):
            abort()
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop left to run it, e.g. at interpreter exit
            return
        task = loop.create_task(self._stream.aclose())
        _closing.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(_closing.discard)

    @classmethod
    def from_chunks(
        cls, status_code: int, chunks: Iterable[bytes], headers: Mapping[str, str] | None = None
    ) -> Response:
        """A response whose body is the given chunks, in order: for tests and mocks."""
        return cls(status_code, headers or {}, _ChunkStream(list(chunks)))

    @classmethod
    def from_json(
        cls, status_code: int, body: Any, headers: Mapping[str, str] | None = None
    ) -> Response:
        data = json.dumps(body).encode()
        return cls.from_chunks(
            status_code, [data], {"content-type": "application/json", **(headers or {})}
        )


_closing: set[asyncio.Task[None]] = set()


class _ChunkStream:
    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            if self.closed:
                return
            yield chunk

    async def aclose(self) -> None:
        self.closed = True


class Transport(Protocol):
    """Sends one request; the pipeline does everything else (auth, retries, errors, decoding)."""

    async def send(self, request: Request) -> Response: ...

    async def aclose(self) -> None: ...


def default_transport() -> Transport:
    """The browser's fetch in Pyodide; httpx on CPython."""
    if sys.platform == "emscripten":
        from .fetch import FetchTransport

        return FetchTransport()
    try:
        from .httpx import HttpxTransport
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from ..error import InvalidArgumentError

        raise InvalidArgumentError(
            "On CPython the client needs httpx: pip install 'async-openai-wasm[httpx]', "
            "or pass transport=..."
        ) from exc
    return HttpxTransport()
