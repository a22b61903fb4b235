"""The CPython transport, over httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from ..error import APIConnectionError, APITimeoutError
from . import MultipartForm, Request, Response

__all__ = ["HttpxTransport"]


class HttpxTransport:
    """Sends requests with an ``httpx.AsyncClient`` (yours, or one it owns and closes)."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        # The pipeline enforces timeouts itself, the same way on every transport.
        self._client = client or httpx.AsyncClient(timeout=None)
        self._owns_client = client is None

    async def send(self, request: Request) -> Response:
        body: dict[str, Any] = {}
        if isinstance(request.body, MultipartForm):
            # Text fields as parts without a filename: a form of text fields only is still
            # multipart (as `data=` it would be urlencoded), and a repeated field such as
            # include[] keeps every value, in order.
            body["files"] = [
                *((name, (None, value)) for name, value in request.body.fields),
                *(
                    (name, (part.filename, part.content, part.content_type))
                    for name, part in request.body.files
                ),
            ]
        elif request.body is not None:
            body["content"] = request.body
        built = self._client.build_request(
            request.method, request.url, headers=dict(request.headers), **body
        )
        try:
            response = await self._client.send(built, stream=True)
        except httpx.TimeoutException as exc:
            raise APITimeoutError(f"{request.describe()} timed out") from exc
        except httpx.TransportError as exc:
            raise APIConnectionError(
                f"{request.describe()} failed: {type(exc).__name__}: {exc}"
            ) from exc
        return Response(response.status_code, response.headers, _HttpxBody(response, request))

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()


class _HttpxBody:
    def __init__(self, response: httpx.Response, request: Request) -> None:
        self._response = response
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.aiter_bytes():
                yield chunk
        except httpx.TransportError as exc:
            raise APIConnectionError(
                f"the response body of {self._request.describe()} "
                f"broke off: {type(exc).__name__}: {exc}"
            ) from exc

    async def aclose(self) -> None:
        await self._response.aclose()
