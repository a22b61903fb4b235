"""Chat completions: ``client.chat.create(...)`` and ``client.chat.create_stream(...)``; the
completions stored with ``store=True``: ``.list()``, ``.retrieve(id)``, ``.update(id,
metadata=...)``, ``.delete(id)`` and ``.list_messages(id)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from .._args import (
    CallOptions,
    Order,
    not_streamed,
    path_segment,
    request_body,
    streamed,
    take_options,
)
from .._pagination import Paginator
from .._stream import Stream
from ..types.chat import (
    ChatCompletionDeleted,
    ChatCompletionStoreMessage,
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    CreateChatCompletionStreamResponse,
    ListChatCompletionMessagesQuery,
    ListChatCompletionsQuery,
    UpdateChatCompletionRequest,
)
from ._base import APIGroup

__all__ = ["Chat"]


class Chat(APIGroup):
    """Given a list of messages comprising a conversation, the model will return a response."""

    async def create(
        self,
        request: CreateChatCompletionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateChatCompletionResponse:
        """Creates a model response for the given chat conversation."""
        options = take_options(fields)
        body = not_streamed(
            request_body(CreateChatCompletionRequest, request, fields), "chat.create"
        )
        return await self._pipeline.json(
            "POST", "/chat/completions", CreateChatCompletionResponse, body=body, options=options
        )

    async def create_stream(
        self,
        request: CreateChatCompletionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[CreateChatCompletionStreamResponse]:
        """Creates a streamed model response: chunks of the answer as they are generated.

        HTTP errors raise here, before the first chunk."""
        options = take_options(fields)
        body = streamed(request_body(CreateChatCompletionRequest, request, fields), "chat.create")
        return await self._pipeline.stream(
            "POST",
            "/chat/completions",
            CreateChatCompletionStreamResponse,
            body=body,
            options=options,
            choices=body.n or 1,
        )

    def list(
        self,
        *,
        model: str | None = None,
        metadata: Mapping[str, str] | None = None,
        after: str | None = None,
        limit: int | None = None,
        order: Order | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[CreateChatCompletionResponse]:
        """Lists the chat completions stored with ``store=True``: ``await`` it for the first
        page, or ``async for`` over it for every completion."""
        query = request_body(
            ListChatCompletionsQuery,
            None,
            {"model": model, "metadata": metadata, "after": after, "limit": limit, "order": order},
        )
        return self._pipeline.page(
            "/chat/completions",
            CreateChatCompletionResponse,
            query=query.to_wire(),
            options=options,
        )

    async def retrieve(
        self, completion_id: str, **options: Unpack[CallOptions]
    ) -> CreateChatCompletionResponse:
        """Retrieves a stored chat completion."""
        return await self._pipeline.json(
            "GET", _completion_path(completion_id), CreateChatCompletionResponse, options=options
        )

    async def update(
        self,
        completion_id: str,
        request: UpdateChatCompletionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateChatCompletionResponse:
        """Sets the ``metadata`` of a stored chat completion (the only field that changes)."""
        options = take_options(fields)
        body = request_body(UpdateChatCompletionRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            _completion_path(completion_id),
            CreateChatCompletionResponse,
            body=body,
            options=options,
        )

    async def delete(
        self, completion_id: str, **options: Unpack[CallOptions]
    ) -> ChatCompletionDeleted:
        """Deletes a stored chat completion."""
        return await self._pipeline.json(
            "DELETE", _completion_path(completion_id), ChatCompletionDeleted, options=options
        )

    def list_messages(
        self,
        completion_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        order: Order | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[ChatCompletionStoreMessage]:
        """Lists the messages of a stored chat completion: ``await`` it for the first page,
        or ``async for`` over it for every message."""
        query = request_body(
            ListChatCompletionMessagesQuery, None, {"after": after, "limit": limit, "order": order}
        )
        path = f"{_completion_path(completion_id)}/messages"
        return self._pipeline.page(
            path, ChatCompletionStoreMessage, query=query.to_wire(), options=options
        )


def _completion_path(completion_id: str) -> str:
    return f"/chat/completions/{path_segment(completion_id, 'completion_id')}"
