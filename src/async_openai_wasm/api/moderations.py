"""Moderations: ``client.moderations.create(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._args import request_body, take_options
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
        options = take_options(fields)
        body = request_body(CreateModerationRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/moderations", CreateModerationResponse, body=body, options=options
        )
