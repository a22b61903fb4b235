"""Embeddings: ``client.embeddings.create(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._args import split_body
from ..types.embeddings import CreateEmbeddingRequest, CreateEmbeddingResponse
from ._base import APIGroup

__all__ = ["Embeddings"]


class Embeddings(APIGroup):
    """A vector representation of a given input, for machine learning models and algorithms."""

    async def create(
        self,
        request: CreateEmbeddingRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateEmbeddingResponse:
        """Creates an embedding vector for each input.

        With ``encoding_format="base64"`` the server sends each vector as base64 (roughly a
        third of the size of JSON numbers); it is decoded here, so ``embedding`` is a list of
        floats either way."""
        body, options = split_body(CreateEmbeddingRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/embeddings", CreateEmbeddingResponse, body=body, options=options
        )
