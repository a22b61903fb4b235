"""Videos: ``client.videos.create/retrieve/list/delete``, ``.remix``, ``.edit``, ``.extend``,
``.download_content`` (the video, or its thumbnail or spritesheet, as bytes), and characters
(``client.videos.character``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from .._args import (
    CallOptions,
    Order,
    path_segment,
    split_body,
    wire_query,
)
from .._files import form_if_files, multipart_form
from .._pagination import Paginator
from ..types.videos import (
    CreateVideoCharacterBody,
    CreateVideoEditMultipartBody,
    CreateVideoExtendMultipartBody,
    CreateVideoMultipartBody,
    CreateVideoRemixBody,
    DeletedVideoResource,
    ListVideosQuery,
    RetrieveVideoContentQuery,
    VideoCharacterResource,
    VideoContentVariant,
    VideoResource,
)
from ._base import APIGroup

__all__ = ["VideoCharacter", "Videos"]


def _video_path(video_id: str) -> str:
    return f"/videos/{path_segment(video_id, 'video_id')}"


class Videos(APIGroup):
    """Video generation jobs (Sora): a prompt, optionally a reference image, becomes a video
    to download once the job is ``completed``."""

    @property
    def character(self) -> VideoCharacter:
        """Characters made from a video, to reuse in prompts."""
        return VideoCharacter(self._pipeline)

    async def create(
        self,
        request: CreateVideoMultipartBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VideoResource:
        """Starts a video generation job. ``input_reference`` is an image to start from: a file
        (bytes, ``(filename, bytes, content_type)``, or in Pyodide a JS ``File``; sent as a
        multipart form) or ``{"image_url": ...}`` / ``{"file_id": ...}`` (sent as JSON)."""
        body, options = split_body(CreateVideoMultipartBody, request, fields)
        return await self._pipeline.json(
            "POST", "/videos", VideoResource, body=form_if_files(body), options=options
        )

    async def retrieve(self, video_id: str, **options: Unpack[CallOptions]) -> VideoResource:
        """Retrieves a video job: its status, progress and, once failed, its error."""
        return await self._pipeline.json(
            "GET", _video_path(video_id), VideoResource, options=options
        )

    def list(
        self,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[VideoResource]:
        """Lists video jobs: ``await`` it for the first page, or ``async for`` over it for
        every video of every page."""
        query = wire_query(ListVideosQuery, {"limit": limit, "order": order, "after": after})
        return self._pipeline.page("/videos", VideoResource, query=query, options=options)

    async def delete(self, video_id: str, **options: Unpack[CallOptions]) -> DeletedVideoResource:
        """Deletes a video and its stored assets."""
        return await self._pipeline.json(
            "DELETE", _video_path(video_id), DeletedVideoResource, options=options
        )

    async def download_content(
        self,
        video_id: str,
        *,
        variant: VideoContentVariant | str | None = None,
        **options: Unpack[CallOptions],
    ) -> bytes:
        """Downloads a completed video (MP4), or with ``variant`` its ``thumbnail`` or
        ``spritesheet`` (WebP), as bytes."""
        query = wire_query(RetrieveVideoContentQuery, {"variant": variant})
        return await self._pipeline.content(
            "GET", f"{_video_path(video_id)}/content", query=query, options=options
        )

    async def remix(
        self,
        video_id: str,
        request: CreateVideoRemixBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VideoResource:
        """Starts a new video from a completed one, changed as ``prompt`` says."""
        body, options = split_body(CreateVideoRemixBody, request, fields)
        return await self._pipeline.json(
            "POST", f"{_video_path(video_id)}/remix", VideoResource, body=body, options=options
        )

    async def edit(
        self,
        request: CreateVideoEditMultipartBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VideoResource:
        """Starts a new video by editing one as ``prompt`` says. ``video`` is ``{"id": ...}``
        of a generated video (sent as JSON) or an uploaded file (sent as a multipart form)."""
        body, options = split_body(CreateVideoEditMultipartBody, request, fields)
        return await self._pipeline.json(
            "POST", "/videos/edits", VideoResource, body=form_if_files(body), options=options
        )

    async def extend(
        self,
        request: CreateVideoExtendMultipartBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VideoResource:
        """Starts a new video that continues one by ``seconds``, as ``prompt`` says; ``video``
        as for :meth:`edit`."""
        body, options = split_body(CreateVideoExtendMultipartBody, request, fields)
        return await self._pipeline.json(
            "POST", "/videos/extensions", VideoResource, body=form_if_files(body), options=options
        )


class VideoCharacter(APIGroup):
    """Characters cut from an uploaded video, named to appear in later prompts."""

    async def create(
        self,
        request: CreateVideoCharacterBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VideoCharacterResource:
        """Creates a character from a ``video`` file (multipart form data) and a ``name``."""
        body, options = split_body(CreateVideoCharacterBody, request, fields)
        return await self._pipeline.json(
            "POST",
            "/videos/characters",
            VideoCharacterResource,
            body=multipart_form(body),
            options=options,
        )

    async def get(
        self, character_id: str, **options: Unpack[CallOptions]
    ) -> VideoCharacterResource:
        """Retrieves a character."""
        path = f"/videos/characters/{path_segment(character_id, 'character_id')}"
        return await self._pipeline.json("GET", path, VideoCharacterResource, options=options)
