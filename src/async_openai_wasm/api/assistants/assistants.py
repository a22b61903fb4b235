"""Assistants v2: ``client.assistants.create/retrieve/update/delete/list``.

Threads, their messages, runs and run steps are ``client.threads`` (see :mod:`.threads`).
"""

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
    AssistantObject,
    CreateAssistantRequest,
    DeleteAssistantResponse,
    ModifyAssistantRequest,
)
from .._base import APIGroup

__all__ = ["Assistants"]


class Assistants(APIGroup):
    """Assistants: a model, instructions and tools that runs on threads use."""

    async def create(
        self,
        request: CreateAssistantRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> AssistantObject:
        """Creates an assistant with a model and instructions."""
        body, options = split_body(CreateAssistantRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/assistants", AssistantObject, body=body, options=options
        )

    async def retrieve(self, assistant_id: str, **options: Unpack[CallOptions]) -> AssistantObject:
        """Retrieves an assistant."""
        return await self._pipeline.json(
            "GET", _path(assistant_id), AssistantObject, options=options
        )

    async def update(
        self,
        assistant_id: str,
        request: ModifyAssistantRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> AssistantObject:
        """Modifies an assistant: only the fields given change."""
        body, options = split_body(ModifyAssistantRequest, request, fields)
        return await self._pipeline.json(
            "POST", _path(assistant_id), AssistantObject, body=body, options=options
        )

    async def delete(
        self, assistant_id: str, **options: Unpack[CallOptions]
    ) -> DeleteAssistantResponse:
        """Deletes an assistant."""
        return await self._pipeline.json(
            "DELETE", _path(assistant_id), DeleteAssistantResponse, options=options
        )

    def list(
        self,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        before: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[AssistantObject]:
        """Lists assistants: ``await`` it for a page, ``async for`` over it for every one."""
        query = list_query(limit=limit, order=order, after=after, before=before)
        return self._pipeline.page("/assistants", AssistantObject, query=query, options=options)


def _path(assistant_id: str) -> str:
    return f"/assistants/{path_segment(assistant_id, 'assistant_id')}"
