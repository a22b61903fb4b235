"""The Pyodide transport: the browser's (or Node's) ``fetch`` through ``pyodide.http.pyfetch``.

Bodies are read chunk by chunk with the JS ``ReadableStream`` reader, never buffered whole.
Closing a body early, or cancelling the task that reads it, cancels the reader and aborts the
fetch, so the server sees the connection closed. ``js`` and ``pyodide`` are imported here
only, and lazily, so the package imports and type-checks on CPython.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from ..error import APIConnectionError
from . import MultipartForm, Request, Response

__all__ = ["FetchTransport"]

_CORS_HINT = (
    "In a browser this usually means the server did not allow this page's origin (CORS: it "
    "must answer the preflight and send Access-Control-Allow-Origin), or it is unreachable."
)


class FetchTransport:
    """Sends requests with ``fetch``. ``fetch_options`` are added to every call's init
    (for example ``{"credentials": "include"}``)."""

    def __init__(self, fetch_options: dict[str, Any] | None = None) -> None:
        self._fetch_options = fetch_options or {}

    async def send(self, request: Request) -> Response:
        from pyodide.http import pyfetch

        init: dict[str, Any] = {
            **self._fetch_options,
            "method": request.method,
            "headers": dict(request.headers),
        }
        if isinstance(request.body, MultipartForm):
            init["body"] = _form_data(request.body)
        elif isinstance(request.body, bytes):
            from pyodide.ffi import to_js

            init["body"] = to_js(request.body)
        elif request.body is not None:
            init["body"] = request.body
        try:
            # pyfetch aborts its own AbortController when this await is cancelled.
            response = await pyfetch(request.url, **init)
        except OSError as exc:  # pyodide.http.AbortError wraps every rejection of fetch
            raise APIConnectionError(f"{request.describe()} failed: {exc}. {_CORS_HINT}") from exc
        return Response(response.status, response.headers, _FetchBody(response, request))

    async def aclose(self) -> None:
        return None


class _FetchBody:
    """Reads ``response.body`` with its reader; closing cancels the reader and the fetch."""

    def __init__(self, response: Any, request: Request) -> None:
        self._response = response
        self._request = request
        self._reader: Any = None
        self._finished = False

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._chunks()

    async def _chunks(self) -> AsyncIterator[bytes]:
        from pyodide.ffi import JsException

        body = self._response.js_response.body
        if body is None:
            self._finished = True
            return
        self._reader = body.getReader()
        try:
            pending = _read(self._reader)
            while True:
                result = await pending
                if result.done:
                    self._finished = True
                    return
                # The next read is asked for before this chunk is handed on: a fetch body
                # moves from the network into the page only while a read is pending, so the
                # network works while the chunk's events are decoded.
                pending = _read(self._reader)
                yield result.value.to_bytes()
        except JsException as exc:
            raise APIConnectionError(
                f"the response body of {self._request.describe()} broke off: {exc}"
            ) from exc
        except (asyncio.CancelledError, GeneratorExit):
            self.abort()
            raise

    async def aclose(self) -> None:
        if self._finished:
            return
        self._finished = True
        reader = self._reader
        self.abort()
        if reader is not None:
            # An aborted reader may reject cancel(); it is closed either way.
            with contextlib.suppress(Exception):
                await reader.cancel()

    def abort(self) -> None:
        """Aborts the fetch at once, without awaiting: finalisers call this."""
        # Aborting a fetch that already finished is harmless, but may raise.
        with contextlib.suppress(Exception):
            self._response.abort("closed by the client")


def _read(reader: Any) -> Any:
    """``reader.read()``, whose rejection counts as handled: a read still pending when the
    body is closed or aborted rejects, and nothing may await it any more."""
    pending = reader.read()
    pending.catch(_ignore)
    return pending


def _ignore(error: Any) -> None:
    return None


def _form_data(form: MultipartForm) -> Any:
    from js import Blob, FormData, Object
    from pyodide.ffi import JsProxy, to_js

    data = FormData.new()
    for name, value in form.fields:
        data.append(name, value)
    for name, part in form.files:
        content = part.content
        if not isinstance(content, JsProxy):  # bytes; a JS Blob or File goes in as it is
            content = Blob.new(
                to_js([to_js(bytes(content))]),
                to_js({"type": part.content_type}, dict_converter=Object.fromEntries),
            )
        data.append(name, content, part.filename)
    return data
