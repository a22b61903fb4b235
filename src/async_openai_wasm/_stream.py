"""A server-sent-event stream of typed items: an async iterator and an async context manager.

A stream is complete when its end marker arrives (``data: [DONE]``), or when its kind's
:class:`StreamEnd` rule saw the items that finish it (every choice's ``finish_reason``, a
terminal event): several servers never send the marker. A body that ends before either raises
:class:`StreamError` after the items received.

Leaving ``async with`` or calling ``aclose()`` closes the response body, which cancels the
reader and aborts the request, so the server stops generating. A stream dropped without
either (a ``break`` out of ``async for``) is closed when it is garbage-collected.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Callable
from types import TracebackType
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel

from ._sse import DataRun, NamedRun, Run, ServerSentEvent, SSEDecoder
from ._timeout import time_limit
from ._transport import Response
from .error import APIConnectionError, APITimeoutError, OpenAIError, StreamError, redact

__all__ = ["DONE", "Stream", "StreamEnd", "TerminalItem", "set_request_id"]

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)

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


class StreamEnd(Protocol[T_contra]):
    """A kind of stream's rule for when it is complete without its end marker.

    ``seen`` notes an item and says whether the stream is complete with it. Items are decoded
    in batches of events; ``may_end`` tells from a batch's run of events, cheaply (a string
    search in C rather than a Python call per item), whether any of its items can matter to
    ``seen``: only those batches' items go to it. ``expected`` names what completes the
    stream, for the error of one that ends without it.
    """

    @property
    def expected(self) -> str: ...

    def may_end(self, run: Run) -> bool: ...

    def seen(self, item: T_contra) -> bool: ...


class TerminalItem(Generic[T]):
    """The stream is complete once an item that ``is_terminal`` arrived. ``names``: the
    event names of such items, where each item's type is its event's name (a batch without
    them holds none)."""

    def __init__(
        self, is_terminal: Callable[[T], bool], expected: str, names: frozenset[str] = frozenset()
    ) -> None:
        self.seen = is_terminal
        self.expected = expected
        self._names = names

    def may_end(self, run: Run) -> bool:
        return not isinstance(run, NamedRun) or not self._names.isdisjoint(run.names)


class Stream(Generic[T]):
    """Typed items decoded from a response's events, in order.

    ``decode`` turns an event into an item, or ``None`` to skip it. ``decode_batch``, if given,
    turns a run of plain ``data:`` events from one read into their items at once (much
    cheaper per event), or returns ``None`` to have them decoded one by one. ``done`` is the
    data that marks the end (OpenAI's ``[DONE]``). ``end`` is the rule by which the stream is
    also complete without it (see :class:`StreamEnd`). With neither, the end of the body is the
    end. A body that ends before the stream is complete raises :class:`StreamError` after the
    items already received.
    """

    def __init__(
        self,
        response: Response,
        decode: Callable[[ServerSentEvent], T | None],
        *,
        decode_batch: Callable[[Run], list[T] | None] | None = None,
        done: str | None = DONE,
        end: StreamEnd[T] | None = None,
        read_timeout: float | None = None,
        secrets: tuple[str, ...] = (),
    ) -> None:
        self.response = response
        self._secrets = secrets
        self._request_id = response.headers.get("x-request-id")
        self._decode_event = decode
        self._decode_batch = decode_batch
        self._done = done
        self._end = end
        # Whether the body may end here: nothing marks the end, or the end rule is satisfied.
        self._complete = done is None and end is None
        self._body_ended = False
        self._cut_mid_event = False
        self._read_timeout = read_timeout
        self._decoder = SSEDecoder()
        self._chunks: AsyncIterator[bytes] = response.__aiter__()
        self._ready: deque[T] = deque()
        self._undecoded: deque[Run | list[ServerSentEvent]] = deque()  # batches, in order
        self._finished = False
        self._closed = False
        self._events_seen = 0
        self._failure: Exception | None = None

    @property
    def request_id(self) -> str | None:
        return self._request_id

    @property
    def decoded(self) -> deque[T]:
        """The items decoded and not handed out yet, in order: taking one from the left is
        what ``__anext__`` would return next, without a coroutine per item (the helpers'
        streams read them this way, and await ``__anext__`` when it is empty)."""
        return self._ready

    def __aiter__(self) -> Stream[T]:
        return self

    async def __anext__(self) -> T:
        while not self._ready:
            if self._finished and not self._undecoded:
                await self.aclose()
                failure = self._failure or self._ended_early()
                if failure is not None:
                    self._failure = failure
                    raise failure
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
            # Judged once the events before the end are decoded (see _ended_early): one of
            # them may be what completes the stream.
            self._finished = self._body_ended = True
            self._cut_mid_event = not self._decoder.close()
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
                self._complete = True
            for index, event in enumerate(events):
                if event.data == self._done:
                    self._finished = self._complete = True
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

    def _decode(self, batch: Run | list[ServerSentEvent]) -> None:
        """Decodes one batch into ``_ready``. One at a time, as items are wanted: the items
        of a batch are freed before the next is made, which keeps the garbage collector
        from running (new objects less those freed stay under its threshold)."""
        request_id = self._request_id
        end = self._end
        if isinstance(batch, (DataRun, NamedRun)):
            items = self._decode_batch(batch) if self._decode_batch and len(batch) > 1 else None
            if items is not None:
                if request_id is not None and items and isinstance(items[0], BaseModel):
                    # set_request_id's store, without a call and a type check per item (a
                    # batch's items are all one model): a few percent of a chunk's cost.
                    for item in items:
                        item.__dict__["_request_id"] = request_id
                self._ready.extend(items)
                if end is not None and not self._complete and end.may_end(batch):
                    self._complete = any(map(end.seen, items))
                return
            batch = batch.events()
        for event in batch:
            # One by one: an event that fails leaves the items before it to be handed out.
            decoded = self._decode_event(event)
            if decoded is not None:
                if request_id is not None and isinstance(decoded, BaseModel):
                    decoded.__dict__["_request_id"] = request_id  # set_request_id, inlined
                self._ready.append(decoded)
                if end is not None and not self._complete:
                    self._complete = end.seen(decoded)

    def _ended_early(self) -> StreamError | None:
        """The error of a body that ended before the stream was complete, if it did."""
        if not self._body_ended or (self._complete and not self._cut_mid_event):
            return None
        if self._cut_mid_event:
            reason = "in the middle of an event"
        else:
            marker = f"its end marker {self._done!r}" if self._done is not None else None
            expected = self._end.expected if self._end is not None else None
            reason = "before " + " or ".join(what for what in (marker, expected) if what)
        return StreamError(f"the stream ended {reason}, after {self._events_seen} events")

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
