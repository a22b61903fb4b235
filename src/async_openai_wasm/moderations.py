"""Moderations: ``client.moderations.create(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._pipeline import Pipeline, request_body
from .types.moderations import CreateModerationRequest, CreateModerationResponse

__all__ = ["Moderations"]


class Moderations:
    """Classifies whether text and images are potentially harmful."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def create(
        self,
        request: CreateModerationRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateModerationResponse:
        """Classifies each input (texts, or text and image parts) against the categories."""
        body = request_body(CreateModerationRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/moderations", CreateModerationResponse, body=body
        )
