"""Legacy completions: ``client.completions.create(...)`` and ``.create_stream(...)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._pipeline import Pipeline, not_streamed, request_body, streamed
from ._stream import Stream
from .types.completions import CreateCompletionRequest, CreateCompletionResponse

__all__ = ["Completions"]


class Completions:
    """Given a prompt, the model will return one or more predicted completions (legacy API)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    async def create(
        self,
        request: CreateCompletionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateCompletionResponse:
        """Creates a completion for the provided prompt and parameters."""
        body = not_streamed(
            request_body(CreateCompletionRequest, request, fields), "completions.create"
        )
        return await self._pipeline.json(
            "POST", "/completions", CreateCompletionResponse, body=body
        )

    async def create_stream(
        self,
        request: CreateCompletionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[CreateCompletionResponse]:
        """Creates a streamed completion: chunks of the text as they are generated.

        HTTP errors raise here, before the first chunk."""
        body = streamed(
            request_body(CreateCompletionRequest, request, fields), "completions.create"
        )
        return await self._pipeline.stream(
            "POST", "/completions", CreateCompletionResponse, body=body
        )
