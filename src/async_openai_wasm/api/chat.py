"""Chat completions: ``client.chat.create(...)`` and ``client.chat.create_stream(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._args import not_streamed, request_body, streamed, take_options
from .._stream import Stream
from ..types.chat import (
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    CreateChatCompletionStreamResponse,
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
