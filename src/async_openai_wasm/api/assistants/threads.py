"""Threads: ``client.threads``, with ``.messages``, ``.runs`` and ``.runs.steps`` below it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from ..._args import (
    CallOptions,
    not_streamed,
    path_segment,
    split_body,
    streamed,
)
from ..._stream import Stream
from ...types.assistants import (
    AssistantStreamEvent,
    CreateThreadAndRunRequest,
    CreateThreadRequest,
    DeleteThreadResponse,
    ModifyThreadRequest,
    RunObject,
    ThreadObject,
)
from .._base import APIGroup
from .messages import Messages
from .runs import RUN_STREAM_END, Runs, decode_assistant_stream_event

__all__ = ["Threads"]


class Threads(APIGroup):
    """Threads: conversations that assistants run on."""

    @property
    def messages(self) -> Messages:
        return Messages(self._pipeline)

    @property
    def runs(self) -> Runs:
        return Runs(self._pipeline)

    async def create(
        self,
        request: CreateThreadRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ThreadObject:
        """Creates a thread, empty or with first messages."""
        body, options = split_body(CreateThreadRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/threads", ThreadObject, body=body, options=options
        )

    async def retrieve(self, thread_id: str, **options: Unpack[CallOptions]) -> ThreadObject:
        """Retrieves a thread."""
        return await self._pipeline.json("GET", _path(thread_id), ThreadObject, options=options)

    async def update(
        self,
        thread_id: str,
        request: ModifyThreadRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ThreadObject:
        """Modifies a thread's tool resources or metadata."""
        body, options = split_body(ModifyThreadRequest, request, fields)
        return await self._pipeline.json(
            "POST", _path(thread_id), ThreadObject, body=body, options=options
        )

    async def delete(self, thread_id: str, **options: Unpack[CallOptions]) -> DeleteThreadResponse:
        """Deletes a thread."""
        return await self._pipeline.json(
            "DELETE", _path(thread_id), DeleteThreadResponse, options=options
        )

    async def create_and_run(
        self,
        request: CreateThreadAndRunRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> RunObject:
        """Creates a thread and runs an assistant on it, in one request."""
        body, options = split_body(CreateThreadAndRunRequest, request, fields)
        body = not_streamed(body, "threads.create_and_run")
        return await self._pipeline.json(
            "POST", "/threads/runs", RunObject, body=body, options=options
        )

    async def create_and_run_stream(
        self,
        request: CreateThreadAndRunRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[AssistantStreamEvent]:
        """Creates a thread and a run on it, and streams the run's events (the first is
        ``thread.created``). HTTP errors raise here, before the first event."""
        body, options = split_body(CreateThreadAndRunRequest, request, fields)
        body = streamed(body, "threads.create_and_run")
        return await self._pipeline.event_stream(
            "POST",
            "/threads/runs",
            decode_assistant_stream_event,
            body=body,
            end=RUN_STREAM_END,
            options=options,
        )


def _path(thread_id: str) -> str:
    return f"/threads/{path_segment(thread_id, 'thread_id')}"
