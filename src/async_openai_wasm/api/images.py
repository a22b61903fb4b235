"""Images: ``client.images.generate(...)``, ``.edit(...)``, ``.create_variation(...)``, and
``.generate_stream(...)`` / ``.edit_stream(...)`` for partial images as they are made."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._args import not_streamed, split_body, streamed
from .._decode import union_events
from .._files import multipart_form
from .._stream import Stream
from ..types.images import (
    CreateImageEditRequest,
    CreateImageRequest,
    CreateImageVariationRequest,
    ImageEditStreamEvent,
    ImageGenStreamEvent,
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
        body, options = split_body(CreateImageRequest, request, fields)
        body = not_streamed(body, "images.generate")
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
        body, options = split_body(CreateImageEditRequest, request, fields)
        body = not_streamed(body, "images.edit")
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
        body, options = split_body(CreateImageVariationRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/images/variations", ImagesResponse, body=multipart_form(body), options=options
        )

    async def generate_stream(
        self,
        request: CreateImageRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[ImageGenStreamEvent]:
        """Generates an image and streams it: ``partial_images`` (0 to 3) partial images, then
        the final one, as ``ImageGenPartialImageEvent`` / ``ImageGenCompletedEvent`` (GPT image
        models). ``event.to_bytes()`` is the image file."""
        body, options = split_body(CreateImageRequest, request, fields)
        body = streamed(body, "images.generate")
        return await self._pipeline.event_stream(
            "POST",
            "/images/generations",
            union_events(ImageGenStreamEvent, "ImageGenStreamEvent"),
            body=body,
            done=None,
            options=options,
        )

    async def edit_stream(
        self,
        request: CreateImageEditRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[ImageEditStreamEvent]:
        """Edits images and streams the result: partial images, then the final one, as
        ``ImageEditPartialImageEvent`` / ``ImageEditCompletedEvent``."""
        body, options = split_body(CreateImageEditRequest, request, fields)
        body = streamed(body, "images.edit")
        return await self._pipeline.event_stream(
            "POST",
            "/images/edits",
            union_events(ImageEditStreamEvent, "ImageEditStreamEvent"),
            body=multipart_form(body),
            done=None,
            options=options,
        )
