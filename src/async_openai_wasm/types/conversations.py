"""Conversations types (``/conversations``): a conversation keeps the items of a
multi-turn exchange across responses (``client.responses.create(conversation=...)``).

A conversation's items are the Responses item union (``ItemResource``: messages, tool calls
and their outputs, reasoning, ...); an item kind this package does not know is kept as an
``UnknownItem`` with all its fields. Item queries are those of a response's input items
(``GetResponseQuery``, ``ListInputItemsQuery``).
"""

from typing import Annotated, Any, TypeAlias

from pydantic import Field

from ._base import RequestModel, ResponseModel
from .responses import InputItem, ItemResource

__all__ = [
    "ConversationItem",
    "ConversationItemList",
    "ConversationResource",
    "CreateConversationBody",
    "CreateConversationItemsBody",
    "DeletedConversationResource",
    "UpdateConversationBody",
]

ConversationItem: TypeAlias = ItemResource

_Items: TypeAlias = Annotated[list[InputItem], Field(max_length=20)]


class CreateConversationBody(RequestModel):
    """Body of ``POST /conversations``: up to 20 first ``items`` and ``metadata``."""

    metadata: dict[str, str] | None = None
    items: _Items | None = None


class UpdateConversationBody(RequestModel):
    """Body of ``POST /conversations/{conversation_id}``: the new metadata."""

    metadata: dict[str, str]


class CreateConversationItemsBody(RequestModel):
    """Body of ``POST /conversations/{conversation_id}/items``: up to 20 items to add."""

    items: _Items


class ConversationResource(ResponseModel):
    """A conversation: its id, metadata and when it was created."""

    id: str
    object: str | None = None
    metadata: dict[str, Any] | None = None
    created_at: int | None = None


class DeletedConversationResource(ResponseModel):
    """The result of deleting a conversation."""

    id: str
    object: str | None = None
    deleted: bool


class ConversationItemList(ResponseModel):
    """Items of a conversation: those just added, or a page of them."""

    object: str | None = None
    data: list[ConversationItem]
    has_more: bool = False
    first_id: str | None = None
    last_id: str | None = None
