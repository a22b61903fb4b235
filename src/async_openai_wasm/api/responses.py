"""Responses: ``client.responses.create(...)``, ``.create_stream(...)``, ``.retrieve(id)``,
``.delete(id)``, ``.cancel(id)``, ``.list_input_items(id)``, ``.retrieve_stream(id)``,
``.input_tokens(...)`` and ``.compact(...)``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Unpack, get_args

from .._args import (
    CallOptions,
    not_streamed,
    path_segment,
    split_body,
    streamed,
    take_options,
    wire_query,
)
from .._decode import (
    decode_json,
    error_from_event,
    raise_error_event,
    tagged_batches,
    tagged_validator,
)
from .._pagination import Paginator
from .._sse import Run, ServerSentEvent
from .._stream import Stream, TerminalItem
from ..error import JSONDeserializeError
from ..types.responses import (
    CompactResource,
    CompactResponseMethodPublicBody,
    CreateResponse,
    GetResponseQuery,
    IncludeEnum,
    ItemResource,
    ListInputItemsQuery,
    Response,
    ResponseCompletedEvent,
    ResponseErrorEvent,
    ResponseFailedEvent,
    ResponseIncompleteEvent,
    ResponseStreamEvent,
    RetrieveStreamQuery,
    TokenCountsBody,
    TokenCountsResource,
)
from ._base import APIGroup

if TYPE_CHECKING:
    from pydantic import BaseModel
    from typing_extensions import TypeVar

    from ..lib._responses import ParsedResponse, ResponseStreamManager

__all__ = ["Responses"]

if TYPE_CHECKING:
    # What a helper parses into; Any when no model is given (no annotation needed then).
    M = TypeVar("M", bound=BaseModel, default=Any)


class Responses(APIGroup):
    """Model responses to text, image and file inputs, with tools and multi-turn state."""

    async def create(
        self,
        request: CreateResponse | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Response:
        """Creates a model response. ``response.output_text`` is its text."""
        body, options = split_body(CreateResponse, request, fields)
        body = not_streamed(body, "responses.create")
        return await self._pipeline.json("POST", "/responses", Response, body=body, options=options)

    async def create_stream(
        self,
        request: CreateResponse | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[ResponseStreamEvent]:
        """Creates a model response and streams it as typed events (``ResponseTextDeltaEvent``,
        ..., ``ResponseCompletedEvent``). HTTP errors raise here, before the first event; an
        ``error`` event raises :class:`APIError` where it arrives."""
        body, options = split_body(CreateResponse, request, fields)
        body = streamed(body, "responses.create")
        # No [DONE]: the stream ends after its terminal event.
        return await self._pipeline.event_stream(
            "POST",
            "/responses",
            _decode_event,
            body=body,
            done=None,
            end=_STREAM_END,
            decode_batch=_batch_decoder(),
            options=options,
        )

    async def retrieve(
        self,
        response_id: str,
        *,
        include: Sequence[IncludeEnum | str] | None = None,
        **options: Unpack[CallOptions],
    ) -> Response:
        """Retrieves a model response, with the extra data named in ``include``."""
        query = wire_query(GetResponseQuery, {"include": include})
        return await self._pipeline.json(
            "GET", _response_path(response_id), Response, query=query, options=options
        )

    async def delete(self, response_id: str, **options: Unpack[CallOptions]) -> None:
        """Deletes a model response."""
        # The spec gives no body for the answer (OpenAI sends a deletion status): not decoded.
        await self._pipeline.content("DELETE", _response_path(response_id), options=options)

    async def cancel(self, response_id: str, **options: Unpack[CallOptions]) -> Response:
        """Cancels a response created with ``background=True``."""
        path = f"{_response_path(response_id)}/cancel"
        return await self._pipeline.json("POST", path, Response, options=options)

    def list_input_items(
        self,
        response_id: str,
        *,
        limit: int | None = None,
        order: Literal["asc", "desc"] | None = None,
        after: str | None = None,
        include: Sequence[IncludeEnum | str] | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[ItemResource]:
        """Lists the items that were input to a response: ``await`` it for a page, ``async
        for`` over it for every item of every page."""
        query = wire_query(
            ListInputItemsQuery,
            {"limit": limit, "order": order, "after": after, "include": include},
        )
        path = f"{_response_path(response_id)}/input_items"
        # ItemResource is a union, which a type checker does not take for a `type[T]`.
        item_type: Any = ItemResource
        return self._pipeline.page(path, item_type, query=query, options=options)

    # -- helpers (lib/): streams made whole, structured outputs ------------------------------

    def stream(
        self,
        request: CreateResponse | Mapping[str, Any] | None = None,
        /,
        *,
        text_format: type[M] | None = None,
        **fields: Any,
    ) -> ResponseStreamManager[M]:
        """``create_stream`` with the final response kept: ``async with
        client.responses.stream(...) as s:`` then ``async for event in s`` and ``await
        s.get_final_response()``. Leaving the block aborts the request."""
        from ..lib._responses import response_stream

        options = take_options(fields)
        return response_stream(self, request, fields, text_format, options=options)

    async def parse(
        self,
        request: CreateResponse | Mapping[str, Any] | None = None,
        /,
        *,
        text_format: type[M] | None = None,
        **fields: Any,
    ) -> ParsedResponse[M]:
        """``create`` with structured outputs: ``text_format=SomeModel`` sends its strict JSON
        schema as ``text.format``, and ``output_parsed`` is the answer as a ``SomeModel``;
        strict function tools' calls carry ``parsed_arguments``."""
        from ..lib._responses import parse_response

        options = take_options(fields)
        return await parse_response(self._pipeline, request, fields, text_format, options=options)

    async def retrieve_stream(
        self,
        response_id: str,
        *,
        starting_after: int | None = None,
        include: Sequence[IncludeEnum | str] | None = None,
        include_obfuscation: bool | None = None,
        **options: Unpack[CallOptions],
    ) -> Stream[ResponseStreamEvent]:
        """Streams the events of a response created with ``background=True, stream=True``:
        from the start, or after the event whose ``sequence_number`` is ``starting_after``
        (to resume a stream that was cut)."""
        query = wire_query(
            RetrieveStreamQuery,
            {
                "starting_after": starting_after,
                "include": include,
                "include_obfuscation": include_obfuscation,
            },
        )
        return await self._pipeline.event_stream(
            "GET",
            _response_path(response_id),
            _decode_event,
            query=query,
            done=None,
            decode_batch=_batch_decoder(),
            options=options,
        )

    async def input_tokens(
        self,
        request: TokenCountsBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> TokenCountsResource:
        """Counts the input tokens a response with this input, model and tools would take."""
        body, options = split_body(TokenCountsBody, request, fields)
        return await self._pipeline.json(
            "POST", "/responses/input_tokens", TokenCountsResource, body=body, options=options
        )

    async def compact(
        self,
        request: CompactResponseMethodPublicBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CompactResource:
        """Compacts a conversation into fewer items, to use as the input of the next response."""
        body, options = split_body(CompactResponseMethodPublicBody, request, fields)
        return await self._pipeline.json(
            "POST", "/responses/compact", CompactResource, body=body, options=options
        )


def _response_path(response_id: str) -> str:
    return f"/responses/{path_segment(response_id, 'response_id')}"


@cache
def _event_validator() -> Callable[[str], ResponseStreamEvent]:
    # Built on the first stream, not at import: a union of some sixty models takes a while.
    return tagged_validator(ResponseStreamEvent)


@cache
def _batch_decoder() -> Callable[[Run], list[ResponseStreamEvent] | None]:
    return tagged_batches(ResponseStreamEvent)


def _decode_event(event: ServerSentEvent) -> ResponseStreamEvent:
    """The typed event of an SSE event's JSON, chosen by its ``type``."""
    try:
        decoded = decode_json(
            _event_validator(),
            event.data,
            "a stream event is not a valid ResponseStreamEvent",
        )
    except JSONDeserializeError:
        raise_error_event(event.data)  # a bare {"error": {...}}, as some servers send
        raise
    if isinstance(decoded, ResponseErrorEvent):
        raise error_from_event(event.data)
    return decoded


# An error event raises where it arrives: it ends the stream too.
_TERMINAL = (ResponseCompletedEvent, ResponseFailedEvent, ResponseIncompleteEvent)
_STREAM_END = TerminalItem[ResponseStreamEvent](
    lambda event: isinstance(event, _TERMINAL),
    "a terminal event (response.completed, response.failed, response.incomplete or error)",
    frozenset(get_args(event.model_fields["type"].annotation)[0] for event in _TERMINAL),
)
