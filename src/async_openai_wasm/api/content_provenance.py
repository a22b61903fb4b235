"""Content provenance checks: ``client.content_provenance_checks.create(file=...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._args import split_body
from .._files import multipart_form
from ..types.content_provenance import CreateContentProvenanceBody, ProvenanceResource
from ._base import APIGroup

__all__ = ["ContentProvenanceChecks"]


class ContentProvenanceChecks(APIGroup):
    """Checks of an image or video for provenance marks (C2PA manifests, SynthID watermarks)."""

    async def create(
        self,
        request: CreateContentProvenanceBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ProvenanceResource:
        """Checks a ``file`` (multipart form data: bytes, ``(filename, bytes, content_type)``,
        or in Pyodide a JS ``File``) and returns one result per kind of mark."""
        body, options = split_body(CreateContentProvenanceBody, request, fields)
        return await self._pipeline.json(
            "POST",
            "/content_provenance_checks",
            ProvenanceResource,
            body=multipart_form(body),
            options=options,
        )
