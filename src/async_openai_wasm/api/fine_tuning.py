"""Fine-tuning: ``client.fine_tuning.create(...)``, ``.list()``, ``.retrieve(id)``,
``.cancel(id)``, ``.list_events(id)`` and ``.list_checkpoints(id)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from .._args import CallOptions, path_segment, request_body, take_options
from .._pagination import Paginator
from ..types.fine_tuning import (
    CreateFineTuningJobRequest,
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    ListFineTuningJobItemsQuery,
    ListFineTuningJobsQuery,
)
from ._base import APIGroup

__all__ = ["FineTuning"]


def _job_path(fine_tuning_job_id: str) -> str:
    return f"/fine_tuning/jobs/{path_segment(fine_tuning_job_id, 'fine_tuning_job_id')}"


class FineTuning(APIGroup):
    """Jobs that fine-tune a model on your training data."""

    async def create(
        self,
        request: CreateFineTuningJobRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> FineTuningJob:
        """Creates a job that fine-tunes a model from an uploaded training file; the job is
        queued and its status tells when the fine-tuned model is ready."""
        options = take_options(fields)
        body = request_body(CreateFineTuningJobRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/fine_tuning/jobs", FineTuningJob, body=body, options=options
        )

    def list(
        self,
        *,
        after: str | None = None,
        limit: int | None = None,
        metadata: Mapping[str, str] | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[FineTuningJob]:
        """Lists your organization's fine-tuning jobs:
        ``await`` it for the first page, or ``async for`` over it for every job."""
        query = request_body(
            ListFineTuningJobsQuery, None, {"after": after, "limit": limit, "metadata": metadata}
        )
        return self._pipeline.page(
            "/fine_tuning/jobs", FineTuningJob, query=query.to_wire(), options=options
        )

    async def retrieve(
        self, fine_tuning_job_id: str, **options: Unpack[CallOptions]
    ) -> FineTuningJob:
        """Retrieves a fine-tuning job."""
        return await self._pipeline.json(
            "GET", _job_path(fine_tuning_job_id), FineTuningJob, options=options
        )

    async def cancel(
        self, fine_tuning_job_id: str, **options: Unpack[CallOptions]
    ) -> FineTuningJob:
        """Cancels a fine-tuning job at once."""
        return await self._pipeline.json(
            "POST", f"{_job_path(fine_tuning_job_id)}/cancel", FineTuningJob, options=options
        )

    def list_events(
        self,
        fine_tuning_job_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[FineTuningJobEvent]:
        """A job's status updates: ``await`` for the first page, ``async for`` for all."""
        path = f"{_job_path(fine_tuning_job_id)}/events"
        query = request_body(ListFineTuningJobItemsQuery, None, {"after": after, "limit": limit})
        return self._pipeline.page(path, FineTuningJobEvent, query=query.to_wire(), options=options)

    def list_checkpoints(
        self,
        fine_tuning_job_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[FineTuningJobCheckpoint]:
        """A job's model checkpoints: ``await`` for the first page, ``async for`` for all."""
        path = f"{_job_path(fine_tuning_job_id)}/checkpoints"
        query = request_body(ListFineTuningJobItemsQuery, None, {"after": after, "limit": limit})
        return self._pipeline.page(
            path, FineTuningJobCheckpoint, query=query.to_wire(), options=options
        )
