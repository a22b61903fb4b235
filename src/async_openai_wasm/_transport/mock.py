"""A transport that answers from a function instead of the network, for tests."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable

from . import Request, Response

__all__ = ["MockTransport"]

Handler = Callable[[Request], Response | Awaitable[Response]]


class MockTransport:
    """Calls ``handler(request)`` for each request; the handler may be sync or async.

    Every request sent is kept in ``requests``, in order.
    """

    def __init__(self, handler: Handler) -> None:
        self._handler = handler
        self.requests: list[Request] = []

    async def send(self, request: Request) -> Response:
        self.requests.append(request)
        response = self._handler(request)
        if inspect.isawaitable(response):
            response = await response
        return response

    async def aclose(self) -> None:
        return None
