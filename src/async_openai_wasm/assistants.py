"""Assistants v2: ``client.assistants.create/retrieve/update/delete/list``.

Threads, their messages, runs and run steps are ``client.threads`` (see :mod:`.threads`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from ._pagination import Paginator
from ._pipeline import Pipeline, Query, path_segment, request_body
from .error import InvalidArgumentError
from .types.assistants import (
    AssistantObject,
    CreateAssistantRequest,
    DeleteAssistantResponse,
    ModifyAssistantRequest,
)

__all__ = ["Assistants", "ListOrder"]

ListOrder = Literal["asc", "desc"]


class Assistants:
    """Assistants: a model, instructions and tools that runs on threads use."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def create(
        self,
        request: CreateAssistantRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> AssistantObject:
        """Creates an assistant with a model and instructions."""
        body = request_body(CreateAssistantRequest, request, fields)
        return await self._pipeline.json("POST", "/assistants", AssistantObject, body=body)

    async def retrieve(self, assistant_id: str) -> AssistantObject:
        """Retrieves an assistant."""
        return await self._pipeline.json("GET", _path(assistant_id), AssistantObject)

    async def update(
        self,
        assistant_id: str,
        request: ModifyAssistantRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> AssistantObject:
        """Modifies an assistant: only the fields given change."""
        body = request_body(ModifyAssistantRequest, request, fields)
        return await self._pipeline.json("POST", _path(assistant_id), AssistantObject, body=body)

    async def delete(self, assistant_id: str) -> DeleteAssistantResponse:
        """Deletes an assistant."""
        return await self._pipeline.json("DELETE", _path(assistant_id), DeleteAssistantResponse)

    def list(
        self,
        *,
        limit: int | None = None,
        order: ListOrder | None = None,
        after: str | None = None,
        before: str | None = None,
    ) -> Paginator[AssistantObject]:
        """Lists assistants: ``await`` it for a page, ``async for`` over it for every one."""
        query = list_query(limit=limit, order=order, after=after, before=before)
        return self._pipeline.page("/assistants", AssistantObject, query=query)


def _path(assistant_id: str) -> str:
    return f"/assistants/{path_segment(assistant_id, 'assistant_id')}"


def list_query(
    *, limit: int | None, order: str | None, after: str | None, before: str | None
) -> Query:
    """The cursor query of the Assistants API's lists (assistants, messages, runs, steps),
    checked before anything is sent."""
    if limit is not None and (
        isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100
    ):
        raise InvalidArgumentError(f"limit must be an integer from 1 to 100, got {limit!r}")
    if order is not None and order not in ("asc", "desc"):
        raise InvalidArgumentError(f'order must be "asc" or "desc", got {order!r}')
    return {"limit": limit, "order": order, "after": after, "before": before}
