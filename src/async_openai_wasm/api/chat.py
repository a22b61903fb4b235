"""Chat completions: ``client.chat.create(...)`` and ``client.chat.create_stream(...)``; the
completions stored with ``store=True``: ``.list()``, ``.retrieve(id)``, ``.update(id,
metadata=...)``, ``.delete(id)`` and ``.list_messages(id)``; the helpers above them
(``stream``, ``parse``, ``run_tools``) live in :mod:`..lib`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from .._args import (
    CallOptions,
    Order,
    not_streamed,
    path_segment,
    split_body,
    streamed,
    take_options,
    wire_query,
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

if TYPE_CHECKING:
    from pydantic import BaseModel
    from typing_extensions import TypeVar

    from ..lib._chat_stream import ChatCompletionStreamManager
    from ..lib._parsing import ParsedChatCompletion
    from ..lib._tools import ToolError, ToolRun, ToolRunCompletion

__all__ = ["Chat"]

if TYPE_CHECKING:
    # What a helper parses into; Any when no model is given (no annotation needed then).
    M = TypeVar("M", bound=BaseModel, default=Any)


class Chat(APIGroup):
    """Given a list of messages comprising a conversation, the model will return a response."""

    async def create(
        self,
        request: CreateChatCompletionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateChatCompletionResponse:
        """Creates a model response for the given chat conversation."""
        body, options = split_body(CreateChatCompletionRequest, request, fields)
        body = not_streamed(body, "chat.create")
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
        body, options = split_body(CreateChatCompletionRequest, request, fields)
        body = streamed(body, "chat.create")
        return await self._pipeline.stream(
            "POST",
            "/chat/completions",
            CreateChatCompletionStreamResponse,
            body=body,
            options=options,
            choices=body.n or 1,
        )

    # -- helpers (lib/): streams made whole, structured outputs, tool runs --------------------

    def stream(
        self,
        request: CreateChatCompletionRequest | Mapping[str, Any] | None = None,
        /,
        *,
        response_format: type[M] | Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> ChatCompletionStreamManager[M]:
        """``create_stream`` as typed events, accumulated: ``async with client.chat.stream(...)
        as s:`` then ``async for event in s``, ``s.text_stream``, ``await
        s.get_final_completion()``. ``response_format`` may be a pydantic model (as for
        ``parse``). Leaving the block aborts the request."""
        from ..lib._chat_stream import chat_stream

        options = take_options(fields)
        return chat_stream(self, request, fields, response_format, options=options)

    async def parse(
        self,
        request: CreateChatCompletionRequest | Mapping[str, Any] | None = None,
        /,
        *,
        response_format: type[M] | None = None,
        **fields: Any,
    ) -> ParsedChatCompletion[M]:
        """``create`` with structured outputs: ``response_format=SomeModel`` sends its strict
        JSON schema, and ``choices[i].message.parsed`` is the answer as a ``SomeModel`` (None
        for a refusal); strict tools' calls get ``function.parsed_arguments``."""
        from ..lib._parsing import parse_chat

        options = take_options(fields)
        return await parse_chat(self._pipeline, request, fields, response_format, options=options)

    async def run_tools(
        self,
        *,
        tools: Sequence[Any],
        max_rounds: int = 10,
        on_tool_error: ToolError = "message",
        **fields: Any,
    ) -> ToolRunCompletion:
        """Runs the tools the model calls until it answers without calling one (at most
        ``max_rounds`` requests). ``tools``: functions (their schema from the signature, type
        hints and docstring) or ``(tool, handler)`` pairs. A tool that raises becomes a ``tool``
        message saying so (``on_tool_error="raise"``: the error propagates; a function: its
        text is sent). Returns the last completion; its ``messages`` is the conversation."""
        from ..lib._tools import ToolRun

        options = take_options(fields)
        run = ToolRun(
            self, fields, tools, max_rounds=max_rounds, on_tool_error=on_tool_error, options=options
        )
        return await run

    def run_tools_stream(
        self,
        *,
        tools: Sequence[Any],
        max_rounds: int = 10,
        on_tool_error: ToolError = "message",
        **fields: Any,
    ) -> ToolRun:
        """``run_tools`` streamed: ``async with client.chat.run_tools_stream(...) as run:`` then
        ``async for event in run`` yields every round's stream events and a
        ``ToolResultEvent`` per tool run; ``await run.get_final_completion()``."""
        from ..lib._tools import ToolRun

        options = take_options(fields)
        return ToolRun(
            self, fields, tools, max_rounds=max_rounds, on_tool_error=on_tool_error, options=options
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
        query = wire_query(
            ListChatCompletionsQuery,
            {"model": model, "metadata": metadata, "after": after, "limit": limit, "order": order},
        )
        return self._pipeline.page(
            "/chat/completions",
            CreateChatCompletionResponse,
            query=query,
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
        body, options = split_body(UpdateChatCompletionRequest, request, fields)
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
        query = wire_query(
            ListChatCompletionMessagesQuery, {"after": after, "limit": limit, "order": order}
        )
        path = f"{_completion_path(completion_id)}/messages"
        return self._pipeline.page(path, ChatCompletionStoreMessage, query=query, options=options)


def _completion_path(completion_id: str) -> str:
    return f"/chat/completions/{path_segment(completion_id, 'completion_id')}"
