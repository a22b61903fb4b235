"""Images: ``client.images.generate(...)``, ``.edit(...)`` and ``.create_variation(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._args import request_body, take_options
from .._files import multipart_form
from ..types.images import (
    CreateImageEditRequest,
    CreateImageRequest,
    CreateImageVariationRequest,
    ImagesResponse,
)
from ._base import APIGroup

__all__ = ["Images"]


class Images(APIGroup):
    """Given a prompt and/or input images, the model will generate new images."""

    async def generate(
        self,
        request: CreateImageRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ImagesResponse:
        """Creates images from a prompt."""
        options = take_options(fields)
        body = request_body(CreateImageRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/images/generations", ImagesResponse, body=body, options=options
        )

    async def edit(
        self,
        request: CreateImageEditRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ImagesResponse:
        """Creates edited or extended images from one or more images, a prompt and an optional
        mask (uploaded as multipart form data)."""
        options = take_options(fields)
        body = request_body(CreateImageEditRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/images/edits", ImagesResponse, body=multipart_form(body), options=options
        )

    async def create_variation(
        self,
        request: CreateImageVariationRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ImagesResponse:
        """Creates variations of an image (uploaded as multipart form data; dall-e-2)."""
        options = take_options(fields)
        body = request_body(CreateImageVariationRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/images/variations", ImagesResponse, body=multipart_form(body), options=options
        )
