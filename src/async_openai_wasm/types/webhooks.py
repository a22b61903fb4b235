"""Webhook event types: what OpenAI POSTs to your endpoint when a background response, batch,
fine-tuning job or eval run ends, or a SIP call comes in (the spec's ``webhooks``).

``client.webhooks.unwrap(payload, headers)`` checks the signature and returns one of these,
chosen by ``type``; an event of a type these types do not know is an ``UnknownWebhookEvent``
with all its fields. Events carry ids only: fetch the object (``client.responses.retrieve``,
``client.batches.retrieve``, ...) for its contents.
"""

from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Field, Tag

from ._base import ResponseModel, type_discriminator

__all__ = [
    "UnknownWebhookEvent",
    "UnwrapWebhookEvent",
    "WebhookBatchCancelled",
    "WebhookBatchCompleted",
    "WebhookBatchExpired",
    "WebhookBatchFailed",
    "WebhookEvalRunCanceled",
    "WebhookEvalRunFailed",
    "WebhookEvalRunSucceeded",
    "WebhookFineTuningJobCancelled",
    "WebhookFineTuningJobFailed",
    "WebhookFineTuningJobSucceeded",
    "WebhookLiveCallIncoming",
    "WebhookLiveCallIncomingData",
    "WebhookObjectData",
    "WebhookRealtimeCallIncoming",
    "WebhookRealtimeCallIncomingData",
    "WebhookResponseCancelled",
    "WebhookResponseCompleted",
    "WebhookResponseFailed",
    "WebhookResponseIncomplete",
    "WebhookSipHeader",
]


class WebhookObjectData(ResponseModel):
    """The id of the object the event is about (a response, batch, job or eval run)."""

    id: str


class WebhookSipHeader(ResponseModel):
    """A header of the SIP INVITE of an incoming call."""

    name: str
    value: str


class WebhookRealtimeCallIncomingData(ResponseModel):
    """The incoming call to accept with ``client.realtime.calls.accept(call_id)``."""

    call_id: str
    sip_headers: list[WebhookSipHeader] = Field(default_factory=list)


class WebhookLiveCallIncomingData(ResponseModel):
    """The incoming SIP session, by id."""

    session_id: str
    sip_headers: list[WebhookSipHeader] = Field(default_factory=list)


class _WebhookEvent(ResponseModel):
    """Fields every webhook event has."""

    id: str
    created_at: int
    object: str | None = None


class WebhookBatchCancelled(_WebhookEvent):
    """A batch API request has been cancelled."""

    type: Literal["batch.cancelled"] = "batch.cancelled"
    data: WebhookObjectData


class WebhookBatchCompleted(_WebhookEvent):
    """A batch API request has been completed."""

    type: Literal["batch.completed"] = "batch.completed"
    data: WebhookObjectData


class WebhookBatchExpired(_WebhookEvent):
    """A batch API request has expired."""

    type: Literal["batch.expired"] = "batch.expired"
    data: WebhookObjectData


class WebhookBatchFailed(_WebhookEvent):
    """A batch API request has failed."""

    type: Literal["batch.failed"] = "batch.failed"
    data: WebhookObjectData


class WebhookEvalRunCanceled(_WebhookEvent):
    """An eval run has been canceled."""

    type: Literal["eval.run.canceled"] = "eval.run.canceled"
    data: WebhookObjectData


class WebhookEvalRunFailed(_WebhookEvent):
    """An eval run has failed."""

    type: Literal["eval.run.failed"] = "eval.run.failed"
    data: WebhookObjectData


class WebhookEvalRunSucceeded(_WebhookEvent):
    """An eval run has succeeded."""

    type: Literal["eval.run.succeeded"] = "eval.run.succeeded"
    data: WebhookObjectData


class WebhookFineTuningJobCancelled(_WebhookEvent):
    """A fine-tuning job has been cancelled."""

    type: Literal["fine_tuning.job.cancelled"] = "fine_tuning.job.cancelled"
    data: WebhookObjectData


class WebhookFineTuningJobFailed(_WebhookEvent):
    """A fine-tuning job has failed."""

    type: Literal["fine_tuning.job.failed"] = "fine_tuning.job.failed"
    data: WebhookObjectData


class WebhookFineTuningJobSucceeded(_WebhookEvent):
    """A fine-tuning job has succeeded."""

    type: Literal["fine_tuning.job.succeeded"] = "fine_tuning.job.succeeded"
    data: WebhookObjectData


class WebhookLiveCallIncoming(_WebhookEvent):
    """An incoming API SIP session is available for Live acceptance. The."""

    type: Literal["live.call.incoming"] = "live.call.incoming"
    data: WebhookLiveCallIncomingData


class WebhookRealtimeCallIncoming(_WebhookEvent):
    """An incoming API SIP session is available for Realtime acceptance."""

    type: Literal["realtime.call.incoming"] = "realtime.call.incoming"
    data: WebhookRealtimeCallIncomingData


class WebhookResponseCancelled(_WebhookEvent):
    """A background response has been cancelled."""

    type: Literal["response.cancelled"] = "response.cancelled"
    data: WebhookObjectData


class WebhookResponseCompleted(_WebhookEvent):
    """A background response has been completed."""

    type: Literal["response.completed"] = "response.completed"
    data: WebhookObjectData


class WebhookResponseFailed(_WebhookEvent):
    """A background response has failed."""

    type: Literal["response.failed"] = "response.failed"
    data: WebhookObjectData


class WebhookResponseIncomplete(_WebhookEvent):
    """A background response has been interrupted."""

    type: Literal["response.incomplete"] = "response.incomplete"
    data: WebhookObjectData


class UnknownWebhookEvent(_WebhookEvent):
    """A webhook event of a ``type`` these types do not know, with all its fields."""

    type: str
    data: dict[str, Any] | None = None


_WebhookEventChoices: TypeAlias = (
    Annotated[WebhookBatchCancelled, Tag("batch.cancelled")]
    | Annotated[WebhookBatchCompleted, Tag("batch.completed")]
    | Annotated[WebhookBatchExpired, Tag("batch.expired")]
    | Annotated[WebhookBatchFailed, Tag("batch.failed")]
    | Annotated[WebhookEvalRunCanceled, Tag("eval.run.canceled")]
    | Annotated[WebhookEvalRunFailed, Tag("eval.run.failed")]
    | Annotated[WebhookEvalRunSucceeded, Tag("eval.run.succeeded")]
    | Annotated[WebhookFineTuningJobCancelled, Tag("fine_tuning.job.cancelled")]
    | Annotated[WebhookFineTuningJobFailed, Tag("fine_tuning.job.failed")]
    | Annotated[WebhookFineTuningJobSucceeded, Tag("fine_tuning.job.succeeded")]
    | Annotated[WebhookLiveCallIncoming, Tag("live.call.incoming")]
    | Annotated[WebhookRealtimeCallIncoming, Tag("realtime.call.incoming")]
    | Annotated[WebhookResponseCancelled, Tag("response.cancelled")]
    | Annotated[WebhookResponseCompleted, Tag("response.completed")]
    | Annotated[WebhookResponseFailed, Tag("response.failed")]
    | Annotated[WebhookResponseIncomplete, Tag("response.incomplete")]
    | Annotated[UnknownWebhookEvent, Tag("UnknownWebhookEvent")]
)
UnwrapWebhookEvent: TypeAlias = Annotated[
    _WebhookEventChoices, type_discriminator(_WebhookEventChoices, "UnknownWebhookEvent")
]
