"""Files: ``client.files.create(file=..., purpose=...)``, ``.list()``, ``.retrieve(id)``,
``.delete(id)`` and ``.content(id)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from ._files import multipart_form
from ._pagination import Paginator
from ._pipeline import Pipeline, path_segment, request_body
from .types.files import CreateFileRequest, DeleteFileResponse, ListFilesQuery, OpenAIFile

__all__ = ["Files"]


class Files:
    """Files to use with features such as Assistants, fine-tuning and the Batch API."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def create(
        self,
        request: CreateFileRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> OpenAIFile:
        """Uploads a file (multipart form data). ``file`` is bytes, ``(filename, bytes)``,
        ``(filename, bytes, content_type)``, or in Pyodide a JS ``File`` or ``Blob``."""
        body = request_body(CreateFileRequest, request, fields)
        return await self._pipeline.json("POST", "/files", OpenAIFile, body=multipart_form(body))

    def list(
        self,
        *,
        purpose: str | None = None,
        limit: int | None = None,
        order: Literal["asc", "desc"] | None = None,
        after: str | None = None,
    ) -> Paginator[OpenAIFile]:
        """Lists your organization's files: ``await`` it for the first page, or ``async for``
        over it for every file of every page."""
        query = request_body(
            ListFilesQuery,
            None,
            {"purpose": purpose, "limit": limit, "order": order, "after": after},
        )
        return self._pipeline.page("/files", OpenAIFile, query=query.to_wire())

    async def retrieve(self, file_id: str) -> OpenAIFile:
        """Returns information about a file."""
        path = f"/files/{path_segment(file_id, 'file_id')}"
        return await self._pipeline.json("GET", path, OpenAIFile)

    async def delete(self, file_id: str) -> DeleteFileResponse:
        """Deletes a file."""
        path = f"/files/{path_segment(file_id, 'file_id')}"
        return await self._pipeline.json("DELETE", path, DeleteFileResponse)

    async def content(self, file_id: str) -> bytes:
        """Returns the contents of a file, as bytes."""
        path = f"/files/{path_segment(file_id, 'file_id')}/content"
        return await self._pipeline.content("GET", path)
