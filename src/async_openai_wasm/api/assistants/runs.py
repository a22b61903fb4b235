"""Runs of a thread (``client.threads.runs``) and their steps (``client.threads.runs.steps``).

The ``*_stream`` calls return a :class:`~async_openai_wasm.Stream` of typed
:data:`~async_openai_wasm.types.assistants.AssistantStreamEvent`, each chosen by its SSE
``event:`` name (see :mod:`async_openai_wasm.types.assistants.stream`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, Unpack, cast, get_args

from ..._args import (
    CallOptions,
    Order,
    Query,
    list_query,
    not_streamed,
    path_segment,
    request_body,
    split_body,
    streamed,
    take_options,
)
from ..._decode import error_from_event, json_events, json_or_text
from ..._pagination import Paginator
from ..._sse import ServerSentEvent
from ..._stream import Stream, TerminalItem
from ...error import InvalidArgumentError
from ...types._base import RequestModel
from ...types.assistants import (
    AssistantStreamEvent,
    AssistantStreamEventBase,
    CreateRunRequest,
    ModifyRunRequest,
    RunObject,
    RunStepInclude,
    RunStepObject,
    SubmitToolOutputsRunRequest,
    ThreadRunCancelled,
    ThreadRunCompleted,
    ThreadRunExpired,
    ThreadRunFailed,
    ThreadRunIncomplete,
    ThreadRunRequiresAction,
    UnknownAssistantStreamEvent,
)
from .._base import APIGroup

__all__ = ["RUN_STREAM_END", "Runs", "Steps", "decode_assistant_stream_event"]

_R = TypeVar("_R", bound=RequestModel)


class Runs(APIGroup):
    """Runs: an assistant working on a thread, and the steps it takes."""

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
        body, options = split_body(CreateRunRequest, request, fields)
        body = not_streamed(body, "threads.runs.create")
        return await self._pipeline.json(
            "POST",
            _runs_path(thread_id),
            RunObject,
            body=body,
            query=_include_query(include),
            options=options,
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
        body, options = split_body(CreateRunRequest, request, fields)
        body = streamed(body, "threads.runs.create")
        return await self._pipeline.event_stream(
            "POST",
            _runs_path(thread_id),
            decode_assistant_stream_event,
            body=body,
            query=_include_query(include),
            end=RUN_STREAM_END,
            options=options,
        )

    async def retrieve(
        self, thread_id: str, run_id: str, **options: Unpack[CallOptions]
    ) -> RunObject:
        """Retrieves a run."""
        return await self._pipeline.json(
            "GET", _run_path(thread_id, run_id), RunObject, options=options
        )

    async def update(
        self,
        thread_id: str,
        run_id: str,
        request: ModifyRunRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> RunObject:
        """Modifies a run's metadata."""
        body, options = split_body(ModifyRunRequest, request, fields)
        return await self._pipeline.json(
            "POST", _run_path(thread_id, run_id), RunObject, body=body, options=options
        )

    async def cancel(
        self, thread_id: str, run_id: str, **options: Unpack[CallOptions]
    ) -> RunObject:
        """Cancels a run that is `in_progress`."""
        return await self._pipeline.json(
            "POST", f"{_run_path(thread_id, run_id)}/cancel", RunObject, options=options
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
        options = take_options(fields)
        body = not_streamed(
            request_body(SubmitToolOutputsRunRequest, request, fields),
            "threads.runs.submit_tool_outputs",
        )
        return await self._pipeline.json(
            "POST",
            f"{_run_path(thread_id, run_id)}/submit_tool_outputs",
            RunObject,
            body=body,
            options=options,
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
        options = take_options(fields)
        body = streamed(
            request_body(SubmitToolOutputsRunRequest, request, fields),
            "threads.runs.submit_tool_outputs",
        )
        return await self._pipeline.event_stream(
            "POST",
            f"{_run_path(thread_id, run_id)}/submit_tool_outputs",
            decode_assistant_stream_event,
            body=body,
            end=RUN_STREAM_END,
            options=options,
        )

    def list(
        self,
        thread_id: str,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        before: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[RunObject]:
        """Lists a thread's runs: ``await`` it for a page, ``async for`` over it for all."""
        query = list_query(limit=limit, order=order, after=after, before=before)
        return self._pipeline.page(_runs_path(thread_id), RunObject, query=query, options=options)


class Steps(APIGroup):
    """The steps of a run: messages it created and tool calls it made."""

    async def retrieve(
        self,
        thread_id: str,
        run_id: str,
        step_id: str,
        *,
        include: Sequence[RunStepInclude | str] | None = None,
        **options: Unpack[CallOptions],
    ) -> RunStepObject:
        """Retrieves a run step."""
        path = f"{_run_path(thread_id, run_id)}/steps/{path_segment(step_id, 'step_id')}"
        return await self._pipeline.json(
            "GET", path, RunStepObject, query=_include_query(include), options=options
        )

    def list(
        self,
        thread_id: str,
        run_id: str,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        before: str | None = None,
        include: Sequence[RunStepInclude | str] | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[RunStepObject]:
        """Lists a run's steps: ``await`` it for a page, ``async for`` over it for all."""
        query = {
            **list_query(limit=limit, order=order, after=after, before=before),
            **_include_query(include),
        }
        return self._pipeline.page(
            f"{_run_path(thread_id, run_id)}/steps", RunStepObject, query=query, options=options
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
    parse_data = json_events(event_type.model_fields["data"].annotation)  # type: ignore[arg-type]
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
        return UnknownAssistantStreamEvent(event=sse.event, data=json_or_text(sse.data))
    return cast(AssistantStreamEvent, decode(sse))


_RUN_ENDS = (
    ThreadRunCompleted,
    ThreadRunRequiresAction,
    ThreadRunIncomplete,
    ThreadRunFailed,
    ThreadRunCancelled,
    ThreadRunExpired,
)
# A run stream is complete at [DONE], or once the run ended or waits for tool outputs: a body
# that ends before that was cut short.
RUN_STREAM_END = TerminalItem[AssistantStreamEvent](
    lambda event: isinstance(event, _RUN_ENDS),
    "an event that ends the run (thread.run.completed, .requires_action, .incomplete, "
    ".failed, .cancelled or .expired)",
)
