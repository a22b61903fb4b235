"""Embeddings: ``client.embeddings.create(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._args import request_body, take_options
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
        options = take_options(fields)
        body = request_body(CreateEmbeddingRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/embeddings", CreateEmbeddingResponse, body=body, options=options
        )
