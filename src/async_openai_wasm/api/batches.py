"""Batches: ``client.batches.create(...)``, ``.retrieve(id)``, ``.cancel(id)`` and ``.list()``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from .._args import CallOptions, path_segment, split_body, wire_query
from .._pagination import Paginator
from ..types.batches import Batch, CreateBatchRequest, ListBatchesQuery
from ._base import APIGroup

__all__ = ["Batches"]


class Batches(APIGroup):
    """Large batches of API requests, run asynchronously within 24 hours."""

    async def create(
        self,
        request: CreateBatchRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Batch:
        """Creates and runs a batch from an uploaded file of requests (purpose ``batch``)."""
        body, options = split_body(CreateBatchRequest, request, fields)
        return await self._pipeline.json("POST", "/batches", Batch, body=body, options=options)

    async def retrieve(self, batch_id: str, **options: Unpack[CallOptions]) -> Batch:
        """Retrieves a batch."""
        return await self._pipeline.json(
            "GET", f"/batches/{path_segment(batch_id, 'batch_id')}", Batch, options=options
        )

    async def cancel(self, batch_id: str, **options: Unpack[CallOptions]) -> Batch:
        """Cancels an in-progress batch: it is ``cancelling`` for up to 10 minutes, then
        ``cancelled`` with the results done so far in its output file."""
        return await self._pipeline.json(
            "POST", f"/batches/{path_segment(batch_id, 'batch_id')}/cancel", Batch, options=options
        )

    def list(
        self, *, limit: int | None = None, after: str | None = None, **options: Unpack[CallOptions]
    ) -> Paginator[Batch]:
        """Lists your organization's batches: ``await`` it for the first page, or
        ``async for`` over it for every batch of every page."""
        query = wire_query(ListBatchesQuery, {"limit": limit, "after": after})
        return self._pipeline.page("/batches", Batch, query=query, options=options)
