"""Files types (``/files``).

``CreateFileRequest.file`` takes bytes, ``(filename, bytes)``, ``(filename, bytes,
content_type)`` or, in Pyodide, a JS ``File``/``Blob``; the request is sent as a multipart form.
Listing returns ``Page[OpenAIFile]`` (the spec's ``ListFilesResponse``).
"""

from enum import StrEnum
from typing import Annotated, Literal, TypeAlias

from pydantic import Field

from .._files import FileInput
from .._pagination import Page
from ._base import Lenient, RequestModel, ResponseModel

__all__ = [
    "CreateFileRequest",
    "DeleteFileResponse",
    "FileExpirationAfter",
    "FilePurpose",
    "ListFilesQuery",
    "ListFilesResponse",
    "OpenAIFile",
    "OpenAIFilePurpose",
    "OpenAIFileStatus",
]


class FilePurpose(StrEnum):
    """What an uploaded file is for."""

    assistants = "assistants"
    batch = "batch"
    fine_tune = "fine-tune"
    vision = "vision"
    user_data = "user_data"
    evals = "evals"


class OpenAIFilePurpose(StrEnum):
    """What a stored file is for, including the files OpenAI writes (outputs, results)."""

    assistants = "assistants"
    assistants_output = "assistants_output"
    batch = "batch"
    batch_output = "batch_output"
    fine_tune = "fine-tune"
    fine_tune_results = "fine-tune-results"
    vision = "vision"
    user_data = "user_data"
    evals = "evals"  # accepted on upload (FilePurpose), so it can come back too


class OpenAIFileStatus(StrEnum):
    """Deprecated processing status of a file."""

    uploaded = "uploaded"
    processed = "processed"
    error = "error"


class FileExpirationAfter(RequestModel):
    """When an uploaded file expires: ``seconds`` (1 hour to 30 days) after it was created."""

    anchor: Literal["created_at"] = "created_at"
    seconds: Annotated[int, Field(ge=3600, le=2592000)]


class CreateFileRequest(RequestModel):
    """Upload a file (sent as ``multipart/form-data``)."""

    file: FileInput
    purpose: FilePurpose
    expires_after: FileExpirationAfter | None = None


class OpenAIFile(ResponseModel):
    """A document uploaded to OpenAI (or written by it, such as batch output)."""

    id: str | None = None
    object: str | None = None
    # Required in the spec; OpenAI-compatible servers leave some of these out.
    bytes: int | None = None
    created_at: int | None = None
    expires_at: int | None = None
    filename: str | None = None
    purpose: Lenient[OpenAIFilePurpose] | None = None
    status: Lenient[OpenAIFileStatus] | None = None
    status_details: str | None = None


class DeleteFileResponse(ResponseModel):
    """The result of deleting a file."""

    id: str | None = None
    object: str | None = None
    deleted: bool | None = None


class ListFilesQuery(RequestModel):
    """The query of ``GET /files``: only files with ``purpose``, ``limit`` (1 to 10,000) per
    page, by creation time in ``order``, starting ``after`` a file id."""

    purpose: str | None = None
    limit: Annotated[int, Field(ge=1, le=10000)] | None = None
    order: Literal["asc", "desc"] | None = None
    after: str | None = None


ListFilesResponse: TypeAlias = Page[OpenAIFile]
