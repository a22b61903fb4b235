"""Models: ``client.models.list()``, ``.retrieve(model)`` and ``.delete(model)``."""

from __future__ import annotations

from ._pagination import Paginator
from ._pipeline import Pipeline, path_segment
from .types.models import DeleteModelResponse, Model

__all__ = ["Models"]


class Models:
    """The models available with the API, and deleting fine-tuned ones."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    def list(self) -> Paginator[Model]:
        """Lists the currently available models: ``await`` it for the page (the whole list),
        or ``async for`` over it for each model."""
        return self._pipeline.page("/models", Model)

    async def retrieve(self, model: str) -> Model:
        """Retrieves a model instance: its owner and when it was created."""
        return await self._pipeline.json("GET", f"/models/{path_segment(model, 'model')}", Model)

    async def delete(self, model: str) -> DeleteModelResponse:
        """Deletes a fine-tuned model (needs the Owner role in the organization)."""
        return await self._pipeline.json(
            "DELETE", f"/models/{path_segment(model, 'model')}", DeleteModelResponse
        )
