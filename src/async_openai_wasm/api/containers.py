"""Containers: ``client.containers.create/retrieve/list/delete``, and a container's files
(``client.containers.files``), whose content downloads as bytes."""

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
from .._files import form_if_files
from .._pagination import Paginator
from ..types.containers import (
    ContainerFileResource,
    ContainerResource,
    CreateContainerBody,
    CreateContainerFileBody,
    ListContainerFilesQuery,
    ListContainersQuery,
)
from ._base import APIGroup

__all__ = ["ContainerFiles", "Containers"]


def _container_path(container_id: str) -> str:
    return f"/containers/{path_segment(container_id, 'container_id')}"


def _file_path(container_id: str, file_id: str) -> str:
    return f"{_container_path(container_id)}/files/{path_segment(file_id, 'file_id')}"


class Containers(APIGroup):
    """Sandboxes where the code interpreter tool runs, with their own files."""

    @property
    def files(self) -> ContainerFiles:
        """The files of a container."""
        return ContainerFiles(self._pipeline)

    async def create(
        self,
        request: CreateContainerBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ContainerResource:
        """Creates a container, optionally with uploaded files, skills and a network policy."""
        body, options = split_body(CreateContainerBody, request, fields)
        return await self._pipeline.json(
            "POST", "/containers", ContainerResource, body=body, options=options
        )

    async def retrieve(
        self, container_id: str, **options: Unpack[CallOptions]
    ) -> ContainerResource:
        """Retrieves a container."""
        return await self._pipeline.json(
            "GET", _container_path(container_id), ContainerResource, options=options
        )

    def list(
        self,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        name: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[ContainerResource]:
        """Lists containers, optionally only those called ``name``: ``await`` it for the first
        page, or ``async for`` over it for every container of every page."""
        fields = {"limit": limit, "order": order, "after": after, "name": name}
        query = wire_query(ListContainersQuery, fields)
        return self._pipeline.page("/containers", ContainerResource, query=query, options=options)

    async def delete(self, container_id: str, **options: Unpack[CallOptions]) -> None:
        """Deletes a container and its files (the server answers with no body)."""
        await self._pipeline.content("DELETE", _container_path(container_id), options=options)


class ContainerFiles(APIGroup):
    """Files in a container: uploaded, copied from ``client.files``, or written by code."""

    async def create(
        self,
        container_id: str,
        request: CreateContainerFileBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> ContainerFileResource:
        """Adds a file to a container: ``file`` uploads one (bytes, ``(filename, bytes)``, or
        in Pyodide a JS ``File`` or ``Blob``, sent as a multipart form), ``file_id`` copies
        an uploaded file (sent as JSON)."""
        body, options = split_body(CreateContainerFileBody, request, fields)
        return await self._pipeline.json(
            "POST",
            f"{_container_path(container_id)}/files",
            ContainerFileResource,
            body=form_if_files(body),
            options=options,
        )

    async def retrieve(
        self, container_id: str, file_id: str, **options: Unpack[CallOptions]
    ) -> ContainerFileResource:
        """Retrieves a container file's metadata."""
        return await self._pipeline.json(
            "GET", _file_path(container_id, file_id), ContainerFileResource, options=options
        )

    def list(
        self,
        container_id: str,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[ContainerFileResource]:
        """Lists a container's files: ``await`` it for the first page, or ``async for`` over
        it for every file of every page."""
        fields = {"limit": limit, "order": order, "after": after}
        query = wire_query(ListContainerFilesQuery, fields)
        return self._pipeline.page(
            f"{_container_path(container_id)}/files",
            ContainerFileResource,
            query=query,
            options=options,
        )

    async def delete(self, container_id: str, file_id: str, **options: Unpack[CallOptions]) -> None:
        """Deletes a file from a container (the server answers with no body)."""
        await self._pipeline.content("DELETE", _file_path(container_id, file_id), options=options)

    async def content(
        self, container_id: str, file_id: str, **options: Unpack[CallOptions]
    ) -> bytes:
        """Downloads a container file's content, as bytes."""
        return await self._pipeline.content(
            "GET", f"{_file_path(container_id, file_id)}/content", options=options
        )
