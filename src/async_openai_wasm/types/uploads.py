"""Uploads types (``/uploads``): a large file sent in parts, then completed into a File.

``AddUploadPartRequest.data`` takes the same inputs as a file upload (bytes, ``(filename,
bytes)``, or a JS ``Blob`` in Pyodide) and is sent as a multipart form.
"""

from enum import StrEnum

from pydantic import Field

from .._files import FileInput
from ._base import Lenient, RequestModel, ResponseModel
from .files import FileExpirationAfter, FilePurpose, OpenAIFile

__all__ = [
    "AddUploadPartRequest",
    "CompleteUploadRequest",
    "CreateUploadRequest",
    "Upload",
    "UploadPart",
    "UploadStatus",
]


class CreateUploadRequest(RequestModel):
    """Start an upload of ``bytes`` bytes, to be sent as parts of up to 64 MB each."""

    filename: str
    # The spec lists fewer purposes here than for /files; the API takes the same purposes
    # for both.
    purpose: FilePurpose
    bytes: int = Field(ge=0)
    mime_type: str
    expires_after: FileExpirationAfter | None = None


class AddUploadPartRequest(RequestModel):
    """One part of an upload (sent as ``multipart/form-data``)."""

    data: FileInput


class CompleteUploadRequest(RequestModel):
    """Finish an upload: its parts in order, and optionally the md5 of the whole file."""

    part_ids: list[str]
    md5: str | None = None


class UploadStatus(StrEnum):
    """Where an upload stands."""

    pending = "pending"
    completed = "completed"
    cancelled = "cancelled"
    expired = "expired"


class Upload(ResponseModel):
    """An upload that accepts parts; once completed, ``file`` is the File it made."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    filename: str | None = None
    bytes: int | None = None
    purpose: str | None = None
    status: Lenient[UploadStatus] | None = None
    expires_at: int | None = None
    file: OpenAIFile | None = None


class UploadPart(ResponseModel):
    """A part added to an upload."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    upload_id: str | None = None
