"""Fine-tuning: ``client.fine_tuning.create(...)``, ``.list()``, ``.retrieve(id)``,
``.cancel(id)``, ``.pause(id)``, ``.resume(id)``, ``.list_events(id)`` and
``.list_checkpoints(id)``; who may use a checkpoint (``client.fine_tuning.checkpoints.
permissions``); and graders tried out on their own (``client.fine_tuning.alpha.graders``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Unpack

from .._args import CallOptions, path_segment, split_body, wire_query
from .._pagination import Paginator
from ..types.fine_tuning import (
    CreateFineTuningJobRequest,
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    ListFineTuningJobItemsQuery,
    ListFineTuningJobsQuery,
)
from ..types.fine_tuning_permissions import (
    CreateFineTuningCheckpointPermissionRequest,
    DeleteFineTuningCheckpointPermissionResponse,
    FineTuningCheckpointPermission,
    ListFineTuningCheckpointPermissionResponse,
    ListFineTuningCheckpointPermissionsQuery,
)
from ..types.graders import (
    RunGraderRequest,
    RunGraderResponse,
    ValidateGraderRequest,
    ValidateGraderResponse,
)
from ._base import APIGroup

__all__ = [
    "CheckpointPermissions",
    "FineTuning",
    "FineTuningAlpha",
    "FineTuningCheckpoints",
    "Graders",
]


def _job_path(fine_tuning_job_id: str) -> str:
    return f"/fine_tuning/jobs/{path_segment(fine_tuning_job_id, 'fine_tuning_job_id')}"


class FineTuning(APIGroup):
    """Jobs that fine-tune a model on your training data."""

    @property
    def checkpoints(self) -> FineTuningCheckpoints:
        """Fine-tuned model checkpoints: who may use them."""
        return FineTuningCheckpoints(self._pipeline)

    @property
    def alpha(self) -> FineTuningAlpha:
        """Fine-tuning features in alpha: graders."""
        return FineTuningAlpha(self._pipeline)

    async def create(
        self,
        request: CreateFineTuningJobRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> FineTuningJob:
        """Creates a job that fine-tunes a model from an uploaded training file; the job is
        queued and its status tells when the fine-tuned model is ready."""
        body, options = split_body(CreateFineTuningJobRequest, request, fields)
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
        query = wire_query(
            ListFineTuningJobsQuery, {"after": after, "limit": limit, "metadata": metadata}
        )
        return self._pipeline.page("/fine_tuning/jobs", FineTuningJob, query=query, options=options)

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

    async def pause(self, fine_tuning_job_id: str, **options: Unpack[CallOptions]) -> FineTuningJob:
        """Pauses a running job; :meth:`resume` carries on from where it stopped."""
        return await self._pipeline.json(
            "POST", f"{_job_path(fine_tuning_job_id)}/pause", FineTuningJob, options=options
        )

    async def resume(
        self, fine_tuning_job_id: str, **options: Unpack[CallOptions]
    ) -> FineTuningJob:
        """Resumes a paused job."""
        return await self._pipeline.json(
            "POST", f"{_job_path(fine_tuning_job_id)}/resume", FineTuningJob, options=options
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
        query = wire_query(ListFineTuningJobItemsQuery, {"after": after, "limit": limit})
        return self._pipeline.page(path, FineTuningJobEvent, query=query, options=options)

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
        query = wire_query(ListFineTuningJobItemsQuery, {"after": after, "limit": limit})
        return self._pipeline.page(path, FineTuningJobCheckpoint, query=query, options=options)


class FineTuningCheckpoints(APIGroup):
    """Checkpoints of fine-tuned models."""

    @property
    def permissions(self) -> CheckpointPermissions:
        """The projects a checkpoint is shared with, sent with the config's ``admin_key``
        (else its API key), as the API asks for an admin key here."""
        return CheckpointPermissions(self._pipeline.for_admin())


def _permissions_path(fine_tuned_model_checkpoint: str) -> str:
    checkpoint = path_segment(fine_tuned_model_checkpoint, "fine_tuned_model_checkpoint")
    return f"/fine_tuning/checkpoints/{checkpoint}/permissions"


class CheckpointPermissions(APIGroup):
    """Which projects may use a fine-tuned model checkpoint."""

    async def create(
        self,
        fine_tuned_model_checkpoint: str,
        request: CreateFineTuningCheckpointPermissionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ListFineTuningCheckpointPermissionResponse:
        """Shares a checkpoint with the projects ``project_ids``; returns the permissions
        made."""
        body, options = split_body(CreateFineTuningCheckpointPermissionRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            _permissions_path(fine_tuned_model_checkpoint),
            ListFineTuningCheckpointPermissionResponse,
            body=body,
            options=options,
        )

    def list(
        self,
        fine_tuned_model_checkpoint: str,
        *,
        project_id: str | None = None,
        after: str | None = None,
        limit: int | None = None,
        order: Literal["ascending", "descending"] | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[FineTuningCheckpointPermission]:
        """Lists a checkpoint's permissions, optionally only ``project_id``'s: ``await`` it
        for the first page, or ``async for`` over it for every permission."""
        fields = {"project_id": project_id, "after": after, "limit": limit, "order": order}
        query = wire_query(ListFineTuningCheckpointPermissionsQuery, fields)
        return self._pipeline.page(
            _permissions_path(fine_tuned_model_checkpoint),
            FineTuningCheckpointPermission,
            query=query,
            options=options,
        )

    async def delete(
        self,
        fine_tuned_model_checkpoint: str,
        permission_id: str,
        **options: Unpack[CallOptions],
    ) -> DeleteFineTuningCheckpointPermissionResponse:
        """Stops sharing a checkpoint with a project."""
        path = _permissions_path(fine_tuned_model_checkpoint)
        return await self._pipeline.json(
            "DELETE",
            f"{path}/{path_segment(permission_id, 'permission_id')}",
            DeleteFineTuningCheckpointPermissionResponse,
            options=options,
        )


class FineTuningAlpha(APIGroup):
    """Fine-tuning features in alpha."""

    @property
    def graders(self) -> Graders:
        """Graders, run or checked on their own before a reinforcement fine-tuning job."""
        return Graders(self._pipeline)


class Graders(APIGroup):
    """Graders tried out on their own: run one on a sample, or check that one is valid."""

    async def run(
        self,
        request: RunGraderRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> RunGraderResponse:
        """Runs ``grader`` on ``model_sample`` (with the dataset row ``item``) and returns its
        reward and what went wrong, if anything."""
        body, options = split_body(RunGraderRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/fine_tuning/alpha/graders/run", RunGraderResponse, body=body, options=options
        )

    async def validate(
        self,
        request: ValidateGraderRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ValidateGraderResponse:
        """Checks that ``grader`` is valid; an invalid one is an error status."""
        body, options = split_body(ValidateGraderRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            "/fine_tuning/alpha/graders/validate",
            ValidateGraderResponse,
            body=body,
            options=options,
        )
