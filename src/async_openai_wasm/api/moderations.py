"""Moderations: ``client.moderations.create(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._args import split_body
from ..types.moderations import CreateModerationRequest, CreateModerationResponse
from ._base import APIGroup

__all__ = ["Moderations"]


class Moderations(APIGroup):
    """Classifies whether text and images are potentially harmful."""

    async def create(
        self,
        request: CreateModerationRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateModerationResponse:
        """Classifies each input (texts, or text and image parts) against the categories."""
        body, options = split_body(CreateModerationRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/moderations", CreateModerationResponse, body=body, options=options
        )
