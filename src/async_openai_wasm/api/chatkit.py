"""ChatKit: ``client.chatkit.sessions.create/cancel`` and ``client.chatkit.threads.retrieve/
list/delete/list_items``. Every call sends ``OpenAI-Beta: chatkit_beta=v1``, as the API asks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from .._args import (
    CallOptions,
    Order,
    path_segment,
    split_body,
    wire_query,
)
from .._pagination import Paginator
from .._pipeline import Pipeline
from ..types.chatkit import (
    ChatSessionResource,
    CreateChatSessionBody,
    DeletedThreadResource,
    ListThreadItemsMethodQuery,
    ListThreadsMethodQuery,
    ThreadItem,
    ThreadResource,
)
from ._base import APIGroup

__all__ = ["ChatKit", "ChatKitSessions", "ChatKitThreads"]

BETA_HEADER = {"OpenAI-Beta": "chatkit_beta=v1"}


def _thread_path(thread_id: str) -> str:
    return f"/chatkit/threads/{path_segment(thread_id, 'thread_id')}"


class ChatKit(APIGroup):
    """ChatKit: sessions that let a page's ChatKit widget run an Agent Builder workflow, and
    the threads those chats leave."""

    def __init__(self, pipeline: Pipeline) -> None:
        # The beta header goes under the client's and the call's own extra headers.
        super().__init__(pipeline.with_options(extra_headers=BETA_HEADER))

    @property
    def sessions(self) -> ChatKitSessions:
        """Sessions: a client secret for the widget in a page."""
        return ChatKitSessions(self._pipeline)

    @property
    def threads(self) -> ChatKitThreads:
        """The threads of ChatKit chats, and their items."""
        return ChatKitThreads(self._pipeline)


class ChatKitSessions(APIGroup):
    """ChatKit sessions: each gives a page a short-lived client secret for one user."""

    async def create(
        self,
        request: CreateChatSessionBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ChatSessionResource:
        """Creates a session for ``user`` running ``workflow``; hand its ``client_secret``
        (not your API key) to the page."""
        body, options = split_body(CreateChatSessionBody, request, fields)
        return await self._pipeline.json(
            "POST", "/chatkit/sessions", ChatSessionResource, body=body, options=options
        )

    async def cancel(self, session_id: str, **options: Unpack[CallOptions]) -> ChatSessionResource:
        """Cancels a session: its client secret stops working."""
        path = f"/chatkit/sessions/{path_segment(session_id, 'session_id')}/cancel"
        return await self._pipeline.json("POST", path, ChatSessionResource, options=options)


class ChatKitThreads(APIGroup):
    """ChatKit threads: the conversations of ChatKit chats."""

    async def retrieve(self, thread_id: str, **options: Unpack[CallOptions]) -> ThreadResource:
        """Retrieves a thread."""
        return await self._pipeline.json(
            "GET", _thread_path(thread_id), ThreadResource, options=options
        )

    def list(
        self,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        before: str | None = None,
        user: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[ThreadResource]:
        """Lists threads, optionally only ``user``'s: ``await`` it for the first page, or
        ``async for`` over it for every thread of every page."""
        fields = {"limit": limit, "order": order, "after": after, "before": before, "user": user}
        query = wire_query(ListThreadsMethodQuery, fields)
        return self._pipeline.page("/chatkit/threads", ThreadResource, query=query, options=options)

    async def delete(self, thread_id: str, **options: Unpack[CallOptions]) -> DeletedThreadResource:
        """Deletes a thread and its items."""
        return await self._pipeline.json(
            "DELETE", _thread_path(thread_id), DeletedThreadResource, options=options
        )

    def list_items(
        self,
        thread_id: str,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        before: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[ThreadItem]:
        """Lists a thread's items (messages, tool calls, widgets, tasks), each typed by its
        ``type``: ``await`` it for the first page, or ``async for`` over it for every item."""
        fields = {"limit": limit, "order": order, "after": after, "before": before}
        query = wire_query(ListThreadItemsMethodQuery, fields)
        # ThreadItem is a union, which a type checker does not take for a `type[T]`.
        item_type: Any = ThreadItem
        return self._pipeline.page(
            f"{_thread_path(thread_id)}/items", item_type, query=query, options=options
        )
