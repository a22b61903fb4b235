"""Models types (``GET /models``, ``GET|DELETE /models/{model}``).

Listing returns ``Page[Model]`` (the spec's ``ListModelsResponse``): the list is not paginated,
so the page has no ``has_more`` and is the whole list.
"""

from ._base import ResponseModel

__all__ = ["DeleteModelResponse", "Model"]


class Model(ResponseModel):
    """A model offering that can be used with the API."""

    id: str | None = None
    # Required in the spec; OpenAI-compatible servers (Ollama, vLLM, LM Studio) differ on them.
    object: str | None = None
    created: int | None = None
    owned_by: str | None = None
    shutdown_date: str | None = None  # an ISO date


class DeleteModelResponse(ResponseModel):
    """The result of deleting a fine-tuned model."""

    id: str | None = None
    object: str | None = None
    deleted: bool | None = None
