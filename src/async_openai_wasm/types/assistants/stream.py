"""The events of a run stream (the spec's ``AssistantStreamEvent``).

Each SSE event is chosen by its ``event:`` name and becomes one class here, whose ``event`` is
that name and whose ``data`` is the typed object the line after it carries::

    event: thread.message.delta
    data: {"id": "msg_1", "object": "thread.message.delta", "delta": {...}}

becomes ``ThreadMessageDelta(event="thread.message.delta", data=MessageDeltaObject(...))``.
An event this package does not know (OpenAI adds events over time) becomes an
``UnknownAssistantStreamEvent`` with the data as received, rather than ending the stream.
``event: error`` raises :class:`~async_openai_wasm.error.APIError` with the server's message,
and ``event: done`` (``data: [DONE]``) ends the iteration.
"""

from typing import Any, Literal, TypeAlias

from .._base import ResponseModel
from .message import MessageDeltaObject, MessageObject
from .run import RunObject
from .step import RunStepDeltaObject, RunStepObject
from .thread import ThreadObject

__all__ = [
    "AssistantStreamEvent",
    "AssistantStreamEventBase",
    "ThreadCreated",
    "ThreadMessageCompleted",
    "ThreadMessageCreated",
    "ThreadMessageDelta",
    "ThreadMessageInProgress",
    "ThreadMessageIncomplete",
    "ThreadRunCancelled",
    "ThreadRunCancelling",
    "ThreadRunCompleted",
    "ThreadRunCreated",
    "ThreadRunExpired",
    "ThreadRunFailed",
    "ThreadRunInProgress",
    "ThreadRunIncomplete",
    "ThreadRunQueued",
    "ThreadRunRequiresAction",
    "ThreadRunStepCancelled",
    "ThreadRunStepCompleted",
    "ThreadRunStepCreated",
    "ThreadRunStepDelta",
    "ThreadRunStepExpired",
    "ThreadRunStepFailed",
    "ThreadRunStepInProgress",
    "UnknownAssistantStreamEvent",
]


class AssistantStreamEventBase(ResponseModel):
    """An event of a run stream: its SSE ``event:`` name and its data."""

    event: str
    data: Any


class ThreadCreated(AssistantStreamEventBase):
    """A thread was created (by ``create_and_run``)."""

    event: Literal["thread.created"] = "thread.created"
    data: ThreadObject


class ThreadRunCreated(AssistantStreamEventBase):
    """A run was created."""

    event: Literal["thread.run.created"] = "thread.run.created"
    data: RunObject


class ThreadRunQueued(AssistantStreamEventBase):
    """A run moved to `queued`."""

    event: Literal["thread.run.queued"] = "thread.run.queued"
    data: RunObject


class ThreadRunInProgress(AssistantStreamEventBase):
    """A run moved to `in_progress`."""

    event: Literal["thread.run.in_progress"] = "thread.run.in_progress"
    data: RunObject


class ThreadRunRequiresAction(AssistantStreamEventBase):
    """A run waits for tool outputs (`requires_action`)."""

    event: Literal["thread.run.requires_action"] = "thread.run.requires_action"
    data: RunObject


class ThreadRunCompleted(AssistantStreamEventBase):
    """A run completed."""

    event: Literal["thread.run.completed"] = "thread.run.completed"
    data: RunObject


class ThreadRunIncomplete(AssistantStreamEventBase):
    """A run ended with status `incomplete`."""

    event: Literal["thread.run.incomplete"] = "thread.run.incomplete"
    data: RunObject


class ThreadRunFailed(AssistantStreamEventBase):
    """A run failed."""

    event: Literal["thread.run.failed"] = "thread.run.failed"
    data: RunObject


class ThreadRunCancelling(AssistantStreamEventBase):
    """A run moved to `cancelling`."""

    event: Literal["thread.run.cancelling"] = "thread.run.cancelling"
    data: RunObject


class ThreadRunCancelled(AssistantStreamEventBase):
    """A run was cancelled."""

    event: Literal["thread.run.cancelled"] = "thread.run.cancelled"
    data: RunObject


class ThreadRunExpired(AssistantStreamEventBase):
    """A run expired."""

    event: Literal["thread.run.expired"] = "thread.run.expired"
    data: RunObject


class ThreadRunStepCreated(AssistantStreamEventBase):
    """A run step was created."""

    event: Literal["thread.run.step.created"] = "thread.run.step.created"
    data: RunStepObject


class ThreadRunStepInProgress(AssistantStreamEventBase):
    """A run step moved to `in_progress`."""

    event: Literal["thread.run.step.in_progress"] = "thread.run.step.in_progress"
    data: RunStepObject


class ThreadRunStepDelta(AssistantStreamEventBase):
    """Parts of a run step are being streamed."""

    event: Literal["thread.run.step.delta"] = "thread.run.step.delta"
    data: RunStepDeltaObject


class ThreadRunStepCompleted(AssistantStreamEventBase):
    """A run step completed."""

    event: Literal["thread.run.step.completed"] = "thread.run.step.completed"
    data: RunStepObject


class ThreadRunStepFailed(AssistantStreamEventBase):
    """A run step failed."""

    event: Literal["thread.run.step.failed"] = "thread.run.step.failed"
    data: RunStepObject


class ThreadRunStepCancelled(AssistantStreamEventBase):
    """A run step was cancelled."""

    event: Literal["thread.run.step.cancelled"] = "thread.run.step.cancelled"
    data: RunStepObject


class ThreadRunStepExpired(AssistantStreamEventBase):
    """A run step expired."""

    event: Literal["thread.run.step.expired"] = "thread.run.step.expired"
    data: RunStepObject


class ThreadMessageCreated(AssistantStreamEventBase):
    """A message was created."""

    event: Literal["thread.message.created"] = "thread.message.created"
    data: MessageObject


class ThreadMessageInProgress(AssistantStreamEventBase):
    """A message moved to `in_progress`."""

    event: Literal["thread.message.in_progress"] = "thread.message.in_progress"
    data: MessageObject


class ThreadMessageDelta(AssistantStreamEventBase):
    """Parts of a message are being streamed."""

    event: Literal["thread.message.delta"] = "thread.message.delta"
    data: MessageDeltaObject


class ThreadMessageCompleted(AssistantStreamEventBase):
    """A message completed."""

    event: Literal["thread.message.completed"] = "thread.message.completed"
    data: MessageObject


class ThreadMessageIncomplete(AssistantStreamEventBase):
    """A message ended before it was completed."""

    event: Literal["thread.message.incomplete"] = "thread.message.incomplete"
    data: MessageObject


class UnknownAssistantStreamEvent(AssistantStreamEventBase):
    """An event this package does not know: its name, and its data as parsed JSON (or as the
    text, if it is not JSON)."""


AssistantStreamEvent: TypeAlias = (
    ThreadCreated
    | ThreadRunCreated
    | ThreadRunQueued
    | ThreadRunInProgress
    | ThreadRunRequiresAction
    | ThreadRunCompleted
    | ThreadRunIncomplete
    | ThreadRunFailed
    | ThreadRunCancelling
    | ThreadRunCancelled
    | ThreadRunExpired
    | ThreadRunStepCreated
    | ThreadRunStepInProgress
    | ThreadRunStepDelta
    | ThreadRunStepCompleted
    | ThreadRunStepFailed
    | ThreadRunStepCancelled
    | ThreadRunStepExpired
    | ThreadMessageCreated
    | ThreadMessageInProgress
    | ThreadMessageDelta
    | ThreadMessageCompleted
    | ThreadMessageIncomplete
    | UnknownAssistantStreamEvent
)
