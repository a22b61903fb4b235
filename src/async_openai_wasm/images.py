"""Images: ``client.images.generate(...)``, ``.edit(...)`` and ``.create_variation(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._files import multipart_form
from ._pipeline import Pipeline, request_body
from .types.images import (
    CreateImageEditRequest,
    CreateImageRequest,
    CreateImageVariationRequest,
    ImagesResponse,
)

__all__ = ["Images"]


class Images:
    """Given a prompt and/or input images, the model will generate new images."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def generate(
        self,
        request: CreateImageRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ImagesResponse:
        """Creates images from a prompt."""
        body = request_body(CreateImageRequest, request, fields)
        return await self._pipeline.json("POST", "/images/generations", ImagesResponse, body=body)

    async def edit(
        self,
        request: CreateImageEditRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ImagesResponse:
        """Creates edited or extended images from one or more images, a prompt and an optional
        mask (uploaded as multipart form data)."""
        body = request_body(CreateImageEditRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/images/edits", ImagesResponse, body=multipart_form(body)
        )

    async def create_variation(
        self,
        request: CreateImageVariationRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ImagesResponse:
        """Creates variations of an image (uploaded as multipart form data; dall-e-2)."""
        body = request_body(CreateImageVariationRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/images/variations", ImagesResponse, body=multipart_form(body)
        )
