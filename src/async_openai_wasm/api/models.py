"""Models: ``client.models.list()``, ``.retrieve(model)`` and ``.delete(model)``."""

from __future__ import annotations

from typing import Unpack

from .._args import CallOptions, path_segment
from .._pagination import Paginator
from ..types.models import DeleteModelResponse, Model
from ._base import APIGroup

__all__ = ["Models"]


class Models(APIGroup):
    """The models available with the API, and deleting fine-tuned ones."""

    def list(self, **options: Unpack[CallOptions]) -> Paginator[Model]:
        """Lists the currently available models: ``await`` it for the page (the whole list),
        or ``async for`` over it for each model."""
        return self._pipeline.page("/models", Model, options=options)

    async def retrieve(self, model: str, **options: Unpack[CallOptions]) -> Model:
        """Retrieves a model instance: its owner and when it was created."""
        return await self._pipeline.json(
            "GET", f"/models/{path_segment(model, 'model')}", Model, options=options
        )

    async def delete(self, model: str, **options: Unpack[CallOptions]) -> DeleteModelResponse:
        """Deletes a fine-tuned model (needs the Owner role in the organization)."""
        return await self._pipeline.json(
            "DELETE",
            f"/models/{path_segment(model, 'model')}",
            DeleteModelResponse,
            options=options,
        )
