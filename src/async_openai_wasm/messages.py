"""Messages of a thread: ``client.threads.messages``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._pagination import Paginator
from ._pipeline import Pipeline, path_segment, request_body
from .assistants import ListOrder, list_query
from .types.assistants import (
    CreateMessageRequest,
    DeleteMessageResponse,
    MessageObject,
    ModifyMessageRequest,
)

__all__ = ["Messages"]


class Messages:
    """The messages of a thread."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def create(
        self,
        thread_id: str,
        request: CreateMessageRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> MessageObject:
        """Adds a message to a thread."""
        body = request_body(CreateMessageRequest, request, fields)
        return await self._pipeline.json(
            "POST", _messages_path(thread_id), MessageObject, body=body
        )

    async def retrieve(self, thread_id: str, message_id: str) -> MessageObject:
        """Retrieves a message."""
        return await self._pipeline.json("GET", _message_path(thread_id, message_id), MessageObject)

    async def update(
        self,
        thread_id: str,
        message_id: str,
        request: ModifyMessageRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> MessageObject:
        """Modifies a message's metadata."""
        body = request_body(ModifyMessageRequest, request, fields)
        return await self._pipeline.json(
            "POST", _message_path(thread_id, message_id), MessageObject, body=body
        )

    async def delete(self, thread_id: str, message_id: str) -> DeleteMessageResponse:
        """Deletes a message."""
        return await self._pipeline.json(
            "DELETE", _message_path(thread_id, message_id), DeleteMessageResponse
        )

    def list(
        self,
        thread_id: str,
        *,
        limit: int | None = None,
        order: ListOrder | None = None,
        after: str | None = None,
        before: str | None = None,
        run_id: str | None = None,
    ) -> Paginator[MessageObject]:
        """Lists a thread's messages (``run_id``: only those a run made): ``await`` it for a
        page, ``async for`` over it for all."""
        query = {
            **list_query(limit=limit, order=order, after=after, before=before),
            "run_id": run_id,
        }
        return self._pipeline.page(_messages_path(thread_id), MessageObject, query=query)


def _messages_path(thread_id: str) -> str:
    return f"/threads/{path_segment(thread_id, 'thread_id')}/messages"


def _message_path(thread_id: str, message_id: str) -> str:
    return f"{_messages_path(thread_id)}/{path_segment(message_id, 'message_id')}"
