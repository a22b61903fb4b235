"""Uploads: a file of up to 8 GB sent in parts of up to 64 MB: ``client.uploads.create(...)``,
``.add_part(upload_id, data=...)``, ``.complete(upload_id, part_ids=[...])`` and
``.cancel(upload_id)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from .._args import CallOptions, path_segment, request_body, split_body, take_options
from .._files import multipart_form
from ..types.uploads import (
    AddUploadPartRequest,
    CompleteUploadRequest,
    CreateUploadRequest,
    Upload,
    UploadPart,
)
from ._base import APIGroup

__all__ = ["Uploads"]


class Uploads(APIGroup):
    """Large files uploaded in parts, which become one File when completed."""

    async def create(
        self,
        request: CreateUploadRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Upload:
        """Creates an upload to add parts to; it expires after an hour."""
        body, options = split_body(CreateUploadRequest, request, fields)
        return await self._pipeline.json("POST", "/uploads", Upload, body=body, options=options)

    async def add_part(
        self,
        upload_id: str,
        request: AddUploadPartRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> UploadPart:
        """Adds a part (multipart form data) to an upload. ``data`` is bytes, ``(filename,
        bytes)``, or in Pyodide a JS ``Blob``; parts may be added in parallel."""
        options = take_options(fields)
        path = f"/uploads/{path_segment(upload_id, 'upload_id')}/parts"
        body = request_body(AddUploadPartRequest, request, fields)
        return await self._pipeline.json(
            "POST", path, UploadPart, body=multipart_form(body), options=options
        )

    async def complete(
        self,
        upload_id: str,
        request: CompleteUploadRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Upload:
        """Completes an upload: its ``file`` is then the File made of the parts, in the order
        of ``part_ids``."""
        options = take_options(fields)
        path = f"/uploads/{path_segment(upload_id, 'upload_id')}/complete"
        body = request_body(CompleteUploadRequest, request, fields)
        return await self._pipeline.json("POST", path, Upload, body=body, options=options)

    async def cancel(self, upload_id: str, **options: Unpack[CallOptions]) -> Upload:
        """Cancels an upload; no parts can be added afterwards."""
        path = f"/uploads/{path_segment(upload_id, 'upload_id')}/cancel"
        return await self._pipeline.json("POST", path, Upload, options=options)
