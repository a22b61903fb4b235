"""Messages of a thread: ``client.threads.messages``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from ..._args import (
    CallOptions,
    Order,
    list_query,
    path_segment,
    split_body,
)
from ..._pagination import Paginator
from ...types.assistants import (
    CreateMessageRequest,
    DeleteMessageResponse,
    MessageObject,
    ModifyMessageRequest,
)
from .._base import APIGroup

__all__ = ["Messages"]


class Messages(APIGroup):
    """The messages of a thread."""

    async def create(
        self,
        thread_id: str,
        request: CreateMessageRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> MessageObject:
        """Adds a message to a thread."""
        body, options = split_body(CreateMessageRequest, request, fields)
        return await self._pipeline.json(
            "POST", _messages_path(thread_id), MessageObject, body=body, options=options
        )

    async def retrieve(
        self, thread_id: str, message_id: str, **options: Unpack[CallOptions]
    ) -> MessageObject:
        """Retrieves a message."""
        return await self._pipeline.json(
            "GET", _message_path(thread_id, message_id), MessageObject, options=options
        )

    async def update(
        self,
        thread_id: str,
        message_id: str,
        request: ModifyMessageRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> MessageObject:
        """Modifies a message's metadata."""
        body, options = split_body(ModifyMessageRequest, request, fields)
        return await self._pipeline.json(
            "POST", _message_path(thread_id, message_id), MessageObject, body=body, options=options
        )

    async def delete(
        self, thread_id: str, message_id: str, **options: Unpack[CallOptions]
    ) -> DeleteMessageResponse:
        """Deletes a message."""
        return await self._pipeline.json(
            "DELETE", _message_path(thread_id, message_id), DeleteMessageResponse, options=options
        )

    def list(
        self,
        thread_id: str,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        before: str | None = None,
        run_id: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[MessageObject]:
        """Lists a thread's messages (``run_id``: only those a run made): ``await`` it for a
        page, ``async for`` over it for all."""
        query = {
            **list_query(limit=limit, order=order, after=after, before=before),
            "run_id": run_id,
        }
        return self._pipeline.page(
            _messages_path(thread_id), MessageObject, query=query, options=options
        )


def _messages_path(thread_id: str) -> str:
    return f"/threads/{path_segment(thread_id, 'thread_id')}/messages"


def _message_path(thread_id: str, message_id: str) -> str:
    return f"{_messages_path(thread_id)}/{path_segment(message_id, 'message_id')}"
