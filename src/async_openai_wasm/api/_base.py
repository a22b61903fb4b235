"""What every API group shares: its pipeline, and ``with_raw_response``."""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from .._args import split_params
from .._pagination import Paginator
from .._pipeline import Pipeline
from .._transport import Response
from ..types._base import RequestModel

__all__ = ["APIGroup", "RawResponse"]

T = TypeVar("T")


class APIGroup:
    """An API group: methods that each describe a call and hand it to the pipeline."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    def _page(
        self,
        path: str,
        item: type[T],
        query: type[RequestModel],
        params: Mapping[str, Any],
        cursor_param: str = "after",
    ) -> Paginator[T]:
        """A list call whose keyword ``params`` are its query (checked as a ``query``) and its
        per-call options."""
        fields, options = split_params(query, params)
        return self._pipeline.page(
            path, item, query=fields, options=options, cursor_param=cursor_param
        )

    @property
    def with_raw_response(self) -> Any:
        """This group with each method returning a :class:`RawResponse` (status, headers,
        request id, and ``await .parse()`` for what the method returns):
        ``await client.models.with_raw_response.retrieve("gpt-4o")``."""
        return _RawResponses(self)


class RawResponse(Generic[T]):
    """The HTTP response of a call, and its typed result from ``await parse()``.

    A list call's result is its first page; a streaming call's is the stream, not yet read.
    Error statuses raise, as for the method itself.
    """

    def __init__(self, response: Response, result: T, retries_taken: int) -> None:
        self.http_response = response
        self.status_code = response.status_code
        self.headers: Mapping[str, str] = response.headers
        self.retries_taken = retries_taken
        self._result = result

    @property
    def request_id(self) -> str | None:
        return self.headers.get("x-request-id")

    async def parse(self) -> T:
        return self._result

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] request_id={self.request_id!r}>"


class _RawResponses:
    def __init__(self, group: APIGroup) -> None:
        self._group = group

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._group, name)
        if isinstance(value, APIGroup):  # a sub-group: client.threads.with_raw_response.runs
            return value.with_raw_response
        if name.startswith("_") or not callable(value):
            raise AttributeError(f"{type(self._group).__name__}.{name} is not an API method")
        return self._raw(name)

    def _raw(self, name: str) -> Callable[..., Any]:
        async def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            seen: list[tuple[Response, int]] = []
            group = copy.copy(self._group)
            group._pipeline = self._group._pipeline.recording(seen)
            result = getattr(group, name)(*args, **kwargs)
            if isinstance(result, Paginator) or inspect.isawaitable(result):
                result = await result
            # Only successful responses are recorded; the last one answered the call.
            response, retries = seen[-1]
            return RawResponse(response, result, retries_taken=retries)

        call.__name__ = name
        return call
