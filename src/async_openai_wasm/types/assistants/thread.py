"""Threads (``/threads``): conversations an assistant runs on."""

from typing import Any

from .._base import Echoed, RequestModel, ResponseModel
from .assistant import AssistantToolResources, CreateAssistantToolResources, Metadata
from .message import CreateMessageRequest
from .run import _RunSettings

__all__ = [
    "CreateThreadAndRunRequest",
    "CreateThreadRequest",
    "DeleteThreadResponse",
    "ModifyThreadRequest",
    "ThreadObject",
]


class CreateThreadRequest(RequestModel):
    """Body of ``POST /threads``: the first messages and the tools' resources, all optional."""

    messages: list[CreateMessageRequest] | None = None
    tool_resources: CreateAssistantToolResources | None = None
    metadata: Metadata | None = None


class ModifyThreadRequest(RequestModel):
    """Body of ``POST /threads/{thread_id}``."""

    tool_resources: AssistantToolResources | None = None
    metadata: Metadata | None = None


class CreateThreadAndRunRequest(_RunSettings):
    """Body of ``POST /threads/runs``: a new thread and a run on it, in one call."""

    thread: CreateThreadRequest | None = None
    tool_resources: AssistantToolResources | None = None


class ThreadObject(ResponseModel):
    """A thread of messages."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    tool_resources: Echoed[AssistantToolResources] | None = None
    metadata: dict[str, Any] | None = None


class DeleteThreadResponse(ResponseModel):
    """The answer to deleting a thread."""

    id: str | None = None
    deleted: bool | None = None
    object: str | None = None
