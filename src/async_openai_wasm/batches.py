"""Batches: ``client.batches.create(...)``, ``.retrieve(id)``, ``.cancel(id)`` and ``.list()``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._pagination import Paginator
from ._pipeline import Pipeline, path_segment, request_body
from .types.batches import Batch, CreateBatchRequest, ListBatchesQuery

__all__ = ["Batches"]


class Batches:
    """Large batches of API requests, run asynchronously within 24 hours."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def create(
        self,
        request: CreateBatchRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Batch:
        """Creates and runs a batch from an uploaded file of requests (purpose ``batch``)."""
        body = request_body(CreateBatchRequest, request, fields)
        return await self._pipeline.json("POST", "/batches", Batch, body=body)

    async def retrieve(self, batch_id: str) -> Batch:
        """Retrieves a batch."""
        return await self._pipeline.json(
            "GET", f"/batches/{path_segment(batch_id, 'batch_id')}", Batch
        )

    async def cancel(self, batch_id: str) -> Batch:
        """Cancels an in-progress batch: it is ``cancelling`` for up to 10 minutes, then
        ``cancelled`` with the results done so far in its output file."""
        return await self._pipeline.json(
            "POST", f"/batches/{path_segment(batch_id, 'batch_id')}/cancel", Batch
        )

    def list(self, *, limit: int | None = None, after: str | None = None) -> Paginator[Batch]:
        """Lists your organization's batches: ``await`` it for the first page, or
        ``async for`` over it for every batch of every page."""
        query = request_body(ListBatchesQuery, None, {"limit": limit, "after": after})
        return self._pipeline.page("/batches", Batch, query=query.to_wire())
