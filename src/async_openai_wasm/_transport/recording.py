"""A transport that passes requests on to another and keeps each one it sent, for tests that
check what went over the wire (for example against an API schema) while talking to a server."""

from __future__ import annotations

from . import Request, Response, Transport, default_transport

__all__ = ["RecordingTransport"]


class RecordingTransport:
    """Sends through ``inner`` (the platform's default transport if omitted); every request
    sent is appended to ``requests``, in order."""

    def __init__(self, inner: Transport | None = None) -> None:
        self.inner = inner if inner is not None else default_transport()
        self.requests: list[Request] = []

    async def send(self, request: Request) -> Response:
        self.requests.append(request)
        return await self.inner.send(request)

    async def aclose(self) -> None:
        await self.inner.aclose()
