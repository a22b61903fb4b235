"""Conversations: ``client.conversations.create/retrieve/update/delete`` and a conversation's
items, ``client.conversations.items.create/list/retrieve/delete``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Unpack

from .._args import (
    CallOptions,
    Order,
    Query,
    path_segment,
    split_body,
    wire_query,
)
from .._pagination import Paginator
from ..types.conversations import (
    ConversationItem,
    ConversationItemList,
    ConversationResource,
    CreateConversationBody,
    CreateConversationItemsBody,
    DeletedConversationResource,
    UpdateConversationBody,
)
from ..types.responses import GetResponseQuery, IncludeEnum, ListInputItemsQuery
from ._base import APIGroup

__all__ = ["ConversationItems", "Conversations"]


def _conversation_path(conversation_id: str) -> str:
    return f"/conversations/{path_segment(conversation_id, 'conversation_id')}"


def _item_path(conversation_id: str, item_id: str) -> str:
    return f"{_conversation_path(conversation_id)}/items/{path_segment(item_id, 'item_id')}"


def _include_query(include: Sequence[IncludeEnum | str] | None) -> Query:
    return wire_query(GetResponseQuery, {"include": include})


class Conversations(APIGroup):
    """Conversations that keep the items of a multi-turn exchange across responses."""

    @property
    def items(self) -> ConversationItems:
        """The items of a conversation."""
        return ConversationItems(self._pipeline)

    async def create(
        self,
        request: CreateConversationBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ConversationResource:
        """Creates a conversation, with up to 20 first ``items`` and ``metadata``."""
        body, options = split_body(CreateConversationBody, request, fields)
        return await self._pipeline.json(
            "POST", "/conversations", ConversationResource, body=body, options=options
        )

    async def retrieve(
        self, conversation_id: str, **options: Unpack[CallOptions]
    ) -> ConversationResource:
        """Retrieves a conversation."""
        return await self._pipeline.json(
            "GET", _conversation_path(conversation_id), ConversationResource, options=options
        )

    async def update(
        self,
        conversation_id: str,
        request: UpdateConversationBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ConversationResource:
        """Sets a conversation's ``metadata``."""
        body, options = split_body(UpdateConversationBody, request, fields)
        return await self._pipeline.json(
            "POST",
            _conversation_path(conversation_id),
            ConversationResource,
            body=body,
            options=options,
        )

    async def delete(
        self, conversation_id: str, **options: Unpack[CallOptions]
    ) -> DeletedConversationResource:
        """Deletes a conversation; its items are not deleted."""
        return await self._pipeline.json(
            "DELETE",
            _conversation_path(conversation_id),
            DeletedConversationResource,
            options=options,
        )


class ConversationItems(APIGroup):
    """The items of a conversation: messages, tool calls and their outputs, reasoning, ..."""

    async def create(
        self,
        conversation_id: str,
        request: CreateConversationItemsBody | Mapping[str, Any] | None = None,
        /,
        *,
        include: Sequence[IncludeEnum | str] | None = None,
        **fields: Any,
    ) -> ConversationItemList:
        """Adds up to 20 ``items`` to a conversation; returns them as stored."""
        body, options = split_body(CreateConversationItemsBody, request, fields)
        path = f"{_conversation_path(conversation_id)}/items"
        return await self._pipeline.json(
            "POST",
            path,
            ConversationItemList,
            body=body,
            query=_include_query(include),
            options=options,
        )

    def list(
        self,
        conversation_id: str,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        include: Sequence[IncludeEnum | str] | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[ConversationItem]:
        """Lists a conversation's items: ``await`` it for the first page, or ``async for``
        over it for every item."""
        query = wire_query(
            ListInputItemsQuery,
            {"limit": limit, "order": order, "after": after, "include": include},
        )
        path = f"{_conversation_path(conversation_id)}/items"
        # ConversationItem is a union, which a type checker does not take for a `type[T]`.
        item_type: Any = ConversationItem
        return self._pipeline.page(path, item_type, query=query, options=options)

    async def retrieve(
        self,
        conversation_id: str,
        item_id: str,
        *,
        include: Sequence[IncludeEnum | str] | None = None,
        **options: Unpack[CallOptions],
    ) -> ConversationItem:
        """Retrieves an item of a conversation."""
        item_type: Any = ConversationItem
        result: ConversationItem = await self._pipeline.request(
            "GET",
            _item_path(conversation_id, item_id),
            item_type,
            query=_include_query(include),
            options=options,
        )
        return result

    async def delete(
        self, conversation_id: str, item_id: str, **options: Unpack[CallOptions]
    ) -> ConversationResource:
        """Deletes an item from a conversation; returns the conversation."""
        return await self._pipeline.json(
            "DELETE", _item_path(conversation_id, item_id), ConversationResource, options=options
        )
