"""Batch types (``/batches``): many API requests from an uploaded JSONL file, run within 24 h.

Listing returns ``Page[Batch]`` (the spec's ``ListBatchesResponse``).
"""

from enum import StrEnum
from typing import Annotated, Literal, TypeAlias

from pydantic import Field

from .._pagination import Page
from ._base import Lenient, RequestModel, ResponseModel

__all__ = [
    "Batch",
    "BatchCompletionWindow",
    "BatchEndpoint",
    "BatchError",
    "BatchErrors",
    "BatchFileExpirationAfter",
    "BatchRequestCounts",
    "BatchStatus",
    "BatchUsage",
    "BatchUsageInputTokensDetails",
    "BatchUsageOutputTokensDetails",
    "CreateBatchRequest",
    "ListBatchesQuery",
    "ListBatchesResponse",
]


class BatchEndpoint(StrEnum):
    """The endpoint every request of a batch goes to."""

    v1_responses = "/v1/responses"
    v1_chat_completions = "/v1/chat/completions"
    v1_embeddings = "/v1/embeddings"
    v1_completions = "/v1/completions"
    v1_moderations = "/v1/moderations"
    v1_images_generations = "/v1/images/generations"
    v1_images_edits = "/v1/images/edits"
    v1_videos = "/v1/videos"


class BatchCompletionWindow(StrEnum):
    """Time frame within which a batch is processed; only 24 hours for now."""

    w24h = "24h"


class BatchFileExpirationAfter(RequestModel):
    """When a batch's output and error files expire: ``seconds`` (1 hour to 30 days) after
    they are created."""

    anchor: Literal["created_at"] = "created_at"
    seconds: Annotated[int, Field(ge=3600, le=2592000)]


class CreateBatchRequest(RequestModel):
    """Create and run a batch from an uploaded file of requests."""

    input_file_id: str
    endpoint: BatchEndpoint
    completion_window: BatchCompletionWindow = BatchCompletionWindow.w24h
    metadata: dict[str, str] | None = None
    output_expires_after: BatchFileExpirationAfter | None = None


class BatchStatus(StrEnum):
    """Where a batch stands."""

    validating = "validating"
    failed = "failed"
    in_progress = "in_progress"
    finalizing = "finalizing"
    completed = "completed"
    expired = "expired"
    cancelling = "cancelling"
    cancelled = "cancelled"


class BatchError(ResponseModel):
    """Why a batch (or one line of its input) failed."""

    code: str | None = None
    message: str | None = None
    param: str | None = None
    line: int | None = None


class BatchErrors(ResponseModel):
    """The errors of a batch that failed validation."""

    object: str | None = None
    data: list[BatchError] = Field(default_factory=list)


class BatchRequestCounts(ResponseModel):
    """How many of a batch's requests have completed and failed."""

    total: int = 0
    completed: int = 0
    failed: int = 0


class BatchUsageInputTokensDetails(ResponseModel):
    """Breakdown of a batch's input tokens."""

    cached_tokens: int = 0


class BatchUsageOutputTokensDetails(ResponseModel):
    """Breakdown of a batch's output tokens."""

    reasoning_tokens: int = 0


class BatchUsage(ResponseModel):
    """Tokens used by a batch (batches created after September 7, 2025)."""

    input_tokens: int = 0
    input_tokens_details: BatchUsageInputTokensDetails | None = None
    output_tokens: int = 0
    output_tokens_details: BatchUsageOutputTokensDetails | None = None
    total_tokens: int = 0


class Batch(ResponseModel):
    """A batch of requests and where it stands."""

    id: str | None = None
    object: str | None = None
    endpoint: str | None = None
    model: str | None = None
    errors: BatchErrors | None = None
    input_file_id: str | None = None
    completion_window: str | None = None
    status: Lenient[BatchStatus] | None = None
    output_file_id: str | None = None
    error_file_id: str | None = None
    created_at: int | None = None
    in_progress_at: int | None = None
    expires_at: int | None = None
    finalizing_at: int | None = None
    completed_at: int | None = None
    failed_at: int | None = None
    expired_at: int | None = None
    cancelling_at: int | None = None
    cancelled_at: int | None = None
    request_counts: BatchRequestCounts | None = None
    usage: BatchUsage | None = None
    metadata: dict[str, str] | None = None


class ListBatchesQuery(RequestModel):
    """The query of ``GET /batches``: ``limit`` (1 to 100) per page, starting ``after`` a
    batch id."""

    limit: Annotated[int, Field(ge=1, le=100)] | None = None
    after: str | None = None


ListBatchesResponse: TypeAlias = Page[Batch]
