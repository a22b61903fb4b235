"""Legacy completions: ``client.completions.create(...)`` and ``.create_stream(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._args import not_streamed, split_body, streamed
from .._stream import Stream
from ..types.completions import CreateCompletionRequest, CreateCompletionResponse
from ._base import APIGroup

__all__ = ["Completions"]


class Completions(APIGroup):
    """Given a prompt, the model will return one or more predicted completions (legacy API)."""

    async def create(
        self,
        request: CreateCompletionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateCompletionResponse:
        """Creates a completion for the provided prompt and parameters."""
        body, options = split_body(CreateCompletionRequest, request, fields)
        body = not_streamed(body, "completions.create")
        return await self._pipeline.json(
            "POST", "/completions", CreateCompletionResponse, body=body, options=options
        )

    async def create_stream(
        self,
        request: CreateCompletionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[CreateCompletionResponse]:
        """Creates a streamed completion: chunks of the text as they are generated.

        HTTP errors raise here, before the first chunk."""
        body, options = split_body(CreateCompletionRequest, request, fields)
        body = streamed(body, "completions.create")
        return await self._pipeline.stream(
            "POST",
            "/completions",
            CreateCompletionResponse,
            body=body,
            options=options,
            choices=body.choice_count(),
        )
