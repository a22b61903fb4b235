"""Vector stores: ``client.vector_stores.create/retrieve/update/delete/list/search``, a store's
files (``client.vector_stores.files``) and file batches (``client.vector_stores.file_batches``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Unpack

from .._args import CallOptions, path_segment, split_body, wire_query
from .._pagination import Paginator
from ..types.vector_stores import (
    CreateVectorStoreFileBatchRequest,
    CreateVectorStoreFileRequest,
    CreateVectorStoreRequest,
    DeleteVectorStoreFileResponse,
    DeleteVectorStoreResponse,
    ListVectorStoreFilesQuery,
    ListVectorStoresQuery,
    UpdateVectorStoreFileAttributesRequest,
    UpdateVectorStoreRequest,
    VectorStoreFileBatchObject,
    VectorStoreFileContentResponse,
    VectorStoreFileObject,
    VectorStoreFileStatus,
    VectorStoreObject,
    VectorStoreSearchRequest,
    VectorStoreSearchResultsPage,
)
from ._base import APIGroup

__all__ = ["VectorStoreFileBatches", "VectorStoreFiles", "VectorStores"]

Order = Literal["asc", "desc"]


def _store_path(vector_store_id: str) -> str:
    return f"/vector_stores/{path_segment(vector_store_id, 'vector_store_id')}"


def _file_path(vector_store_id: str, file_id: str) -> str:
    return f"{_store_path(vector_store_id)}/files/{path_segment(file_id, 'file_id')}"


def _batch_path(vector_store_id: str, batch_id: str) -> str:
    return f"{_store_path(vector_store_id)}/file_batches/{path_segment(batch_id, 'batch_id')}"


class VectorStores(APIGroup):
    """Collections of processed files for the ``file_search`` tool."""

    @property
    def files(self) -> VectorStoreFiles:
        """The files of a vector store."""
        return VectorStoreFiles(self._pipeline)

    @property
    def file_batches(self) -> VectorStoreFileBatches:
        """Batches of files being added to a vector store."""
        return VectorStoreFileBatches(self._pipeline)

    async def create(
        self,
        request: CreateVectorStoreRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VectorStoreObject:
        """Creates a vector store, optionally from uploaded files."""
        body, options = split_body(CreateVectorStoreRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/vector_stores", VectorStoreObject, body=body, options=options
        )

    async def retrieve(
        self, vector_store_id: str, **options: Unpack[CallOptions]
    ) -> VectorStoreObject:
        """Retrieves a vector store."""
        return await self._pipeline.json(
            "GET", _store_path(vector_store_id), VectorStoreObject, options=options
        )

    async def update(
        self,
        vector_store_id: str,
        request: UpdateVectorStoreRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VectorStoreObject:
        """Modifies a vector store's name, expiration policy or metadata; a field given as
        ``None`` is cleared."""
        body, options = split_body(UpdateVectorStoreRequest, request, fields)
        return await self._pipeline.json(
            "POST", _store_path(vector_store_id), VectorStoreObject, body=body, options=options
        )

    async def delete(
        self, vector_store_id: str, **options: Unpack[CallOptions]
    ) -> DeleteVectorStoreResponse:
        """Deletes a vector store (its files stay uploaded)."""
        return await self._pipeline.json(
            "DELETE", _store_path(vector_store_id), DeleteVectorStoreResponse, options=options
        )

    def list(
        self,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        before: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[VectorStoreObject]:
        """Lists vector stores: ``await`` it for the first page, or ``async for`` over it for
        every store of every page."""
        fields = {"limit": limit, "order": order, "after": after, "before": before}
        query = wire_query(ListVectorStoresQuery, fields)
        return self._pipeline.page(
            "/vector_stores", VectorStoreObject, query=query, options=options
        )

    async def search(
        self,
        vector_store_id: str,
        request: VectorStoreSearchRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VectorStoreSearchResultsPage:
        """Searches a vector store for the chunks most relevant to a query, optionally
        filtered by file attributes."""
        body, options = split_body(VectorStoreSearchRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            f"{_store_path(vector_store_id)}/search",
            VectorStoreSearchResultsPage,
            body=body,
            options=options,
        )


class VectorStoreFiles(APIGroup):
    """Files attached to a vector store (the files themselves live in ``client.files``)."""

    async def create(
        self,
        vector_store_id: str,
        request: CreateVectorStoreFileRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VectorStoreFileObject:
        """Attaches an uploaded file to a vector store."""
        body, options = split_body(CreateVectorStoreFileRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            f"{_store_path(vector_store_id)}/files",
            VectorStoreFileObject,
            body=body,
            options=options,
        )

    async def retrieve(
        self, vector_store_id: str, file_id: str, **options: Unpack[CallOptions]
    ) -> VectorStoreFileObject:
        """Retrieves a vector store file."""
        return await self._pipeline.json(
            "GET", _file_path(vector_store_id, file_id), VectorStoreFileObject, options=options
        )

    async def update(
        self,
        vector_store_id: str,
        file_id: str,
        request: UpdateVectorStoreFileAttributesRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VectorStoreFileObject:
        """Replaces a vector store file's ``attributes`` (``None`` clears them)."""
        body, options = split_body(UpdateVectorStoreFileAttributesRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            _file_path(vector_store_id, file_id),
            VectorStoreFileObject,
            body=body,
            options=options,
        )

    async def delete(
        self, vector_store_id: str, file_id: str, **options: Unpack[CallOptions]
    ) -> DeleteVectorStoreFileResponse:
        """Removes a file from a vector store; the file stays uploaded."""
        return await self._pipeline.json(
            "DELETE",
            _file_path(vector_store_id, file_id),
            DeleteVectorStoreFileResponse,
            options=options,
        )

    def list(
        self,
        vector_store_id: str,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        before: str | None = None,
        filter: VectorStoreFileStatus | str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[VectorStoreFileObject]:
        """Lists a vector store's files, optionally only those with status ``filter``:
        ``await`` it for the first page, or ``async for`` over it for every file."""
        fields = {"limit": limit, "order": order, "after": after, "before": before}
        query = wire_query(ListVectorStoreFilesQuery, {**fields, "filter": filter})
        return self._pipeline.page(
            f"{_store_path(vector_store_id)}/files",
            VectorStoreFileObject,
            query=query,
            options=options,
        )

    async def content(
        self, vector_store_id: str, file_id: str, **options: Unpack[CallOptions]
    ) -> VectorStoreFileContentResponse:
        """The parsed text content of a vector store file."""
        return await self._pipeline.json(
            "GET",
            f"{_file_path(vector_store_id, file_id)}/content",
            VectorStoreFileContentResponse,
            options=options,
        )


class VectorStoreFileBatches(APIGroup):
    """Batches of files being attached to a vector store."""

    async def create(
        self,
        vector_store_id: str,
        request: CreateVectorStoreFileBatchRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VectorStoreFileBatchObject:
        """Attaches several uploaded files to a vector store at once."""
        body, options = split_body(CreateVectorStoreFileBatchRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            f"{_store_path(vector_store_id)}/file_batches",
            VectorStoreFileBatchObject,
            body=body,
            options=options,
        )

    async def retrieve(
        self, vector_store_id: str, batch_id: str, **options: Unpack[CallOptions]
    ) -> VectorStoreFileBatchObject:
        """Retrieves a file batch."""
        return await self._pipeline.json(
            "GET",
            _batch_path(vector_store_id, batch_id),
            VectorStoreFileBatchObject,
            options=options,
        )

    async def cancel(
        self, vector_store_id: str, batch_id: str, **options: Unpack[CallOptions]
    ) -> VectorStoreFileBatchObject:
        """Cancels a file batch: files not yet processed are not added."""
        return await self._pipeline.json(
            "POST",
            f"{_batch_path(vector_store_id, batch_id)}/cancel",
            VectorStoreFileBatchObject,
            options=options,
        )

    def list_files(
        self,
        vector_store_id: str,
        batch_id: str,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        before: str | None = None,
        filter: VectorStoreFileStatus | str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[VectorStoreFileObject]:
        """Lists the files of a batch, optionally only those with status ``filter``:
        ``await`` it for the first page, or ``async for`` over it for every file."""
        fields = {"limit": limit, "order": order, "after": after, "before": before}
        query = wire_query(ListVectorStoreFilesQuery, {**fields, "filter": filter})
        return self._pipeline.page(
            f"{_batch_path(vector_store_id, batch_id)}/files",
            VectorStoreFileObject,
            query=query,
            options=options,
        )
