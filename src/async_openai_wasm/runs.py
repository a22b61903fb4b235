"""Runs of a thread (``client.threads.runs``) and their steps (``client.threads.runs.steps``).

The ``*_stream`` calls return a :class:`~async_openai_wasm.Stream` of typed
:data:`~async_openai_wasm.types.assistants.AssistantStreamEvent`, each chosen by its SSE
``event:`` name (see :mod:`async_openai_wasm.types.assistants.stream`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, cast, get_args

from ._pagination import Paginator
from ._pipeline import (
    Pipeline,
    Query,
    _json_events,
    error_from_event,
    not_streamed,
    path_segment,
    request_body,
    streamed,
)
from ._sse import ServerSentEvent
from ._stream import Stream
from .assistants import ListOrder, list_query
from .error import InvalidArgumentError
from .types._base import RequestModel
from .types.assistants import (
    AssistantStreamEvent,
    AssistantStreamEventBase,
    CreateRunRequest,
    ModifyRunRequest,
    RunObject,
    RunStepInclude,
    RunStepObject,
    SubmitToolOutputsRunRequest,
    UnknownAssistantStreamEvent,
)

__all__ = ["Runs", "Steps", "decode_assistant_stream_event"]

_R = TypeVar("_R", bound=RequestModel)


class Runs:
    """Runs: an assistant working on a thread, and the steps it takes."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    @property
    def steps(self) -> Steps:
        return Steps(self._pipeline)

    async def create(
        self,
        thread_id: str,
        request: CreateRunRequest | Mapping[str, Any] | None = None,
        /,
        *,
        include: Sequence[RunStepInclude | str] | None = None,
        **fields: Any,
    ) -> RunObject:
        """Creates a run of an assistant on a thread. ``include`` adds data to the run's
        steps (file search result content)."""
        body = not_streamed(request_body(CreateRunRequest, request, fields), "threads.runs.create")
        return await self._pipeline.json(
            "POST", _runs_path(thread_id), RunObject, body=body, query=_include_query(include)
        )

    async def create_stream(
        self,
        thread_id: str,
        request: CreateRunRequest | Mapping[str, Any] | None = None,
        /,
        *,
        include: Sequence[RunStepInclude | str] | None = None,
        **fields: Any,
    ) -> Stream[AssistantStreamEvent]:
        """Creates a run and streams its events until it ends or waits for tool outputs.

        HTTP errors raise here, before the first event; ``event: error`` raises while
        iterating."""
        body = streamed(request_body(CreateRunRequest, request, fields), "threads.runs.create")
        return await self._pipeline.event_stream(
            "POST",
            _runs_path(thread_id),
            decode_assistant_stream_event,
            body=body,
            query=_include_query(include),
        )

    async def retrieve(self, thread_id: str, run_id: str) -> RunObject:
        """Retrieves a run."""
        return await self._pipeline.json("GET", _run_path(thread_id, run_id), RunObject)

    async def update(
        self,
        thread_id: str,
        run_id: str,
        request: ModifyRunRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> RunObject:
        """Modifies a run's metadata."""
        body = request_body(ModifyRunRequest, request, fields)
        return await self._pipeline.json("POST", _run_path(thread_id, run_id), RunObject, body=body)

    async def cancel(self, thread_id: str, run_id: str) -> RunObject:
        """Cancels a run that is `in_progress`."""
        return await self._pipeline.json(
            "POST", f"{_run_path(thread_id, run_id)}/cancel", RunObject
        )

    async def submit_tool_outputs(
        self,
        thread_id: str,
        run_id: str,
        request: SubmitToolOutputsRunRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> RunObject:
        """Sends the outputs of the tool calls a run in `requires_action` waits for."""
        body = not_streamed(
            request_body(SubmitToolOutputsRunRequest, request, fields),
            "threads.runs.submit_tool_outputs",
        )
        return await self._pipeline.json(
            "POST", f"{_run_path(thread_id, run_id)}/submit_tool_outputs", RunObject, body=body
        )

    async def submit_tool_outputs_stream(
        self,
        thread_id: str,
        run_id: str,
        request: SubmitToolOutputsRunRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[AssistantStreamEvent]:
        """Sends tool outputs and streams the run's events from there."""
        body = streamed(
            request_body(SubmitToolOutputsRunRequest, request, fields),
            "threads.runs.submit_tool_outputs",
        )
        return await self._pipeline.event_stream(
            "POST",
            f"{_run_path(thread_id, run_id)}/submit_tool_outputs",
            decode_assistant_stream_event,
            body=body,
        )

    def list(
        self,
        thread_id: str,
        *,
        limit: int | None = None,
        order: ListOrder | None = None,
        after: str | None = None,
        before: str | None = None,
    ) -> Paginator[RunObject]:
        """Lists a thread's runs: ``await`` it for a page, ``async for`` over it for all."""
        query = list_query(limit=limit, order=order, after=after, before=before)
        return self._pipeline.page(_runs_path(thread_id), RunObject, query=query)


class Steps:
    """The steps of a run: messages it created and tool calls it made."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def retrieve(
        self,
        thread_id: str,
        run_id: str,
        step_id: str,
        *,
        include: Sequence[RunStepInclude | str] | None = None,
    ) -> RunStepObject:
        """Retrieves a run step."""
        path = f"{_run_path(thread_id, run_id)}/steps/{path_segment(step_id, 'step_id')}"
        return await self._pipeline.json("GET", path, RunStepObject, query=_include_query(include))

    def list(
        self,
        thread_id: str,
        run_id: str,
        *,
        limit: int | None = None,
        order: ListOrder | None = None,
        after: str | None = None,
        before: str | None = None,
        include: Sequence[RunStepInclude | str] | None = None,
    ) -> Paginator[RunStepObject]:
        """Lists a run's steps: ``await`` it for a page, ``async for`` over it for all."""
        query = {
            **list_query(limit=limit, order=order, after=after, before=before),
            **_include_query(include),
        }
        return self._pipeline.page(
            f"{_run_path(thread_id, run_id)}/steps", RunStepObject, query=query
        )


def _runs_path(thread_id: str) -> str:
    return f"/threads/{path_segment(thread_id, 'thread_id')}/runs"


def _run_path(thread_id: str, run_id: str) -> str:
    return f"{_runs_path(thread_id)}/{path_segment(run_id, 'run_id')}"


def _include_query(include: Sequence[RunStepInclude | str] | None) -> Query:
    if isinstance(include, str):  # a lone string would be read as its characters
        raise InvalidArgumentError(f"include must be a list of values, got the string {include!r}")
    try:
        chosen = {RunStepInclude(value) for value in include or ()}
    except ValueError:
        known = ", ".join(repr(value.value) for value in RunStepInclude)
        raise InvalidArgumentError(f"include takes {known}; got {list(include or ())!r}") from None
    if not chosen:
        return {}
    # The spec knows one value and a query holds one value per key: unpacking fails loudly,
    # rather than dropping one, if the spec ever adds a second.
    (value,) = chosen
    return {"include[]": value.value}


# --- The run stream ---------------------------------------------------------------------------


def _event_decoder(
    event_type: type[AssistantStreamEventBase],
) -> Callable[[ServerSentEvent], AssistantStreamEventBase]:
    parse_data = _json_events(event_type.model_fields["data"].annotation)  # type: ignore[arg-type]
    return lambda sse: event_type(event=sse.event, data=parse_data(sse))


# Event name -> decoder, from each event class's `event` literal.
_DECODERS: dict[str, Callable[[ServerSentEvent], AssistantStreamEventBase]] = {
    event_type.model_fields["event"].default: _event_decoder(event_type)
    for event_type in get_args(AssistantStreamEvent)
    if event_type is not UnknownAssistantStreamEvent
}


def decode_assistant_stream_event(sse: ServerSentEvent) -> AssistantStreamEvent:
    """The typed event for one SSE event of a run stream, chosen by its ``event:`` name.

    ``event: error`` raises :class:`~async_openai_wasm.error.APIError` with the server's
    message; a name this package does not know gives an :class:`UnknownAssistantStreamEvent`.
    """
    if sse.event == "error":
        raise error_from_event(sse.data)
    decode = _DECODERS.get(sse.event)
    if decode is None:
        try:
            data: Any = json.loads(sse.data)
        except ValueError:
            data = sse.data
        return UnknownAssistantStreamEvent(event=sse.event, data=data)
    return cast(AssistantStreamEvent, decode(sse))
