"""A server-sent-event stream of typed items: an async iterator and an async context manager.

Leaving ``async with`` or calling ``aclose()`` closes the response body, which cancels the
reader and aborts the request, so the server stops generating. A stream dropped without
either (a ``break`` out of ``async for``) is closed when it is garbage-collected.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Callable
from types import TracebackType
from typing import Generic, TypeVar

from pydantic import BaseModel

from ._sse import DataRun, ServerSentEvent, SSEDecoder
from ._timeout import time_limit
from ._transport import Response
from .error import APIConnectionError, APITimeoutError, OpenAIError, StreamError, redact

__all__ = ["DONE", "Stream", "set_request_id"]

T = TypeVar("T")

DONE = "[DONE]"
# Events per decode_batch call. A read from a fast server holds thousands of events; made into
# items all at once, their objects outnumber the garbage collector's threshold and it runs
# again and again over them. Batches this size stay under it: in Pyodide, chat streams go a
# third faster than with batches of 250 (64 KiB).
BATCH_EVENTS = 64


def set_request_id(result: object, request_id: str | None) -> None:
    """Gives a typed result the server's ``x-request-id`` as ``_request_id`` (openai-python's
    name); set on the instance, outside the model's fields, so dumps and equality ignore it."""
    if request_id is not None and isinstance(result, BaseModel):
        object.__setattr__(result, "_request_id", request_id)


class Stream(Generic[T]):
    """Typed items decoded from a response's events, in order.

    ``decode`` turns an event into an item, or ``None`` to skip it. ``decode_batch``, if given,
    turns a run of plain ``data:`` events from one read into their items at once (much
    cheaper per event), or returns ``None`` to have them decoded one by one. ``done`` is the
    data that marks the end (OpenAI's ``[DONE]``); with ``done=None`` the end of the body is
    the end. A body that ends before its ``done`` event raises :class:`StreamError` after the
    items already received.
    """

    def __init__(
        self,
        response: Response,
        decode: Callable[[ServerSentEvent], T | None],
        *,
        decode_batch: Callable[[DataRun], list[T] | None] | None = None,
        done: str | None = DONE,
        read_timeout: float | None = None,
        secrets: tuple[str, ...] = (),
    ) -> None:
        self.response = response
        self._secrets = secrets
        self._request_id = response.headers.get("x-request-id")
        self._decode_event = decode
        self._decode_batch = decode_batch
        self._done = done
        self._read_timeout = read_timeout
        self._decoder = SSEDecoder()
        self._chunks: AsyncIterator[bytes] = response.__aiter__()
        self._ready: deque[T] = deque()
        self._undecoded: deque[DataRun | list[ServerSentEvent]] = deque()  # batches, in order
        self._finished = False
        self._closed = False
        self._events_seen = 0
        self._failure: Exception | None = None

    @property
    def request_id(self) -> str | None:
        return self._request_id

    def __aiter__(self) -> Stream[T]:
        return self

    async def __anext__(self) -> T:
        while not self._ready:
            if self._finished and not self._undecoded:
                await self.aclose()
                if self._failure is not None:
                    raise self._failure
                raise StopAsyncIteration
            try:
                if not self._undecoded:
                    await self._read()
                if self._undecoded:
                    self._decode(self._undecoded.popleft())
            except BaseException as exc:
                await self.aclose()
                if isinstance(exc, OpenAIError):
                    redact(exc, self._secrets)  # events are the server's text: it may echo a key
                if not self._ready or not isinstance(exc, Exception):
                    raise
                # Items decoded from the same batch before the failure are handed out first.
                self._failure = exc
        return self._ready.popleft()

    async def _read(self) -> None:
        try:
            if self._read_timeout is None:
                chunk = await anext(self._chunks, None)
            else:
                async with time_limit(self._read_timeout):
                    chunk = await anext(self._chunks, None)
        except TimeoutError as exc:
            raise APITimeoutError(
                f"no data arrived on the stream for {self._read_timeout} s"
            ) from exc
        except APITimeoutError:
            raise
        except APIConnectionError as exc:
            raise StreamError(
                f"the stream broke off after {self._events_seen} events: {exc}"
            ) from exc
        if chunk is None:
            self._finished = True
            clean = self._decoder.close()
            if self._done is not None or not clean:
                raise StreamError(
                    f"the stream ended before its end marker {self._done or ''!r} "
                    f"after {self._events_seen} events"
                    + ("" if clean else ", in the middle of an event")
                )
            return
        run, events = self._decoder.feed_run(chunk)
        if run is not None and (len(run) == 1 or self._decode_batch is None):
            events[:0] = run.events()  # nothing to batch: the plain path costs less
            run = None
        if self._done is not None:
            if run is not None:
                run, self._finished = run.until(self._done)
            if self._finished:
                events = []
                self._events_seen += 1
            for index, event in enumerate(events):
                if event.data == self._done:
                    self._finished = True
                    del events[index:]
                    self._events_seen += 1
                    break
        self._events_seen += len(events) + (len(run) if run is not None else 0)
        if run is None:
            self._decode(events)  # no run to batch (one event from a slow server, or named ones)
            return
        self._undecoded.extend(run.parts(BATCH_EVENTS))
        if events:
            self._undecoded.append(events)

    def _decode(self, batch: DataRun | list[ServerSentEvent]) -> None:
        """Decodes one batch into ``_ready``. One at a time, as items are wanted: the items
        of a batch are freed before the next is made, which keeps the garbage collector
        from running (new objects less those freed stay under its threshold)."""
        request_id = self._request_id
        if isinstance(batch, DataRun):
            items = self._decode_batch(batch) if self._decode_batch and len(batch) > 1 else None
            if items is not None:
                if request_id is not None:
                    for item in items:
                        set_request_id(item, request_id)
                self._ready.extend(items)
                return
            batch = batch.events()
        for event in batch:
            # One by one: an event that fails leaves the items before it to be handed out.
            decoded = self._decode_event(event)
            if decoded is not None:
                set_request_id(decoded, request_id)
                self._ready.append(decoded)

    async def aclose(self) -> None:
        self._undecoded.clear()
        if not self._closed:
            self._closed = True
            self._finished = True
            await self.response.aclose()

    def __del__(self) -> None:
        # A `break` out of `async for` without `async with` (or a stream never read) leaves
        # the stream to the garbage collector: abort then, or the server keeps generating.
        if not self._closed:
            self._closed = True
            self.response.close_soon()

    async def __aenter__(self) -> Stream[T]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
