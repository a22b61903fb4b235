"""Files: ``client.files.create(file=..., purpose=...)``, ``.list()``, ``.retrieve(id)``,
``.delete(id)`` and ``.content(id)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Unpack

from .._args import CallOptions, path_segment, split_body, wire_query
from .._files import multipart_form
from .._pagination import Paginator
from ..types.files import CreateFileRequest, DeleteFileResponse, ListFilesQuery, OpenAIFile
from ._base import APIGroup

__all__ = ["Files"]


class Files(APIGroup):
    """Files to use with features such as Assistants, fine-tuning and the Batch API."""

    async def create(
        self,
        request: CreateFileRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> OpenAIFile:
        """Uploads a file (multipart form data). ``file`` is bytes, ``(filename, bytes)``,
        ``(filename, bytes, content_type)``, or in Pyodide a JS ``File`` or ``Blob``."""
        body, options = split_body(CreateFileRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/files", OpenAIFile, body=multipart_form(body), options=options
        )

    def list(
        self,
        *,
        purpose: str | None = None,
        limit: int | None = None,
        order: Literal["asc", "desc"] | None = None,
        after: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[OpenAIFile]:
        """Lists your organization's files: ``await`` it for the first page, or ``async for``
        over it for every file of every page."""
        query = wire_query(
            ListFilesQuery,
            {"purpose": purpose, "limit": limit, "order": order, "after": after},
        )
        return self._pipeline.page("/files", OpenAIFile, query=query, options=options)

    async def retrieve(self, file_id: str, **options: Unpack[CallOptions]) -> OpenAIFile:
        """Returns information about a file."""
        path = f"/files/{path_segment(file_id, 'file_id')}"
        return await self._pipeline.json("GET", path, OpenAIFile, options=options)

    async def delete(self, file_id: str, **options: Unpack[CallOptions]) -> DeleteFileResponse:
        """Deletes a file."""
        path = f"/files/{path_segment(file_id, 'file_id')}"
        return await self._pipeline.json("DELETE", path, DeleteFileResponse, options=options)

    async def content(self, file_id: str, **options: Unpack[CallOptions]) -> bytes:
        """Returns the contents of a file, as bytes."""
        path = f"/files/{path_segment(file_id, 'file_id')}/content"
        return await self._pipeline.content("GET", path, options=options)
