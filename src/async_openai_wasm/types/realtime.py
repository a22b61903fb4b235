"""Realtime API event types: what a client sends over the Realtime WebSocket and what the
server sends back, named after the spec's ``RealtimeClientEvent*`` and ``RealtimeServerEvent*``
schemas (the GA interface).

No WebSocket is bundled: open one with the browser's ``WebSocket`` (via
``js``) or any client library, then::

    ws.send(RealtimeClientEventSessionUpdate(session=RealtimeSessionCreateRequestGA(
        instructions="Be brief.", output_modalities=["text"])).to_message())
    event = parse_server_event(message_text)
    if isinstance(event, RealtimeServerEventResponseTextDelta):
        print(event.delta, end="")

Client events are strict (a misspelt field is an error naming it); server events are lenient:
unknown fields are kept, and an event of a ``type`` this module does not model parses as
``UnknownRealtimeServerEvent`` with all its fields. Conversation items, written by the client
and echoed by the server, are strict types the server events hold as ``Echoed[...]``.
"""

import json
from functools import cache
from typing import Annotated, Any, Literal, TypeAlias, cast

from pydantic import ConfigDict, Discriminator, Field, Tag, TypeAdapter

from .._decode import decode_json
from ._base import Echoed, RequestModel, ResponseModel, type_discriminator
from .responses import MCPTool, Prompt, ToolChoiceFunction, ToolChoiceMCP, ToolChoiceOptions

__all__ = [
    "AudioTranscription",
    "RealtimeAudioFormats",
    "RealtimeCallCreateRequest",
    "RealtimeCallReferRequest",
    "RealtimeCallRejectRequest",
    "RealtimeClientEvent",
    "RealtimeClientEventConversationItemCreate",
    "RealtimeClientEventConversationItemDelete",
    "RealtimeClientEventConversationItemRetrieve",
    "RealtimeClientEventConversationItemTruncate",
    "RealtimeClientEventInputAudioBufferAppend",
    "RealtimeClientEventInputAudioBufferClear",
    "RealtimeClientEventInputAudioBufferCommit",
    "RealtimeClientEventOutputAudioBufferClear",
    "RealtimeClientEventResponseCancel",
    "RealtimeClientEventResponseCreate",
    "RealtimeClientEventSessionUpdate",
    "RealtimeClientSecretExpiration",
    "RealtimeContentPart",
    "RealtimeConversationItem",
    "RealtimeConversationItemAssistantContent",
    "RealtimeConversationItemFunctionCall",
    "RealtimeConversationItemFunctionCallOutput",
    "RealtimeConversationItemMessageAssistant",
    "RealtimeConversationItemMessageSystem",
    "RealtimeConversationItemMessageUser",
    "RealtimeConversationItemSystemContent",
    "RealtimeConversationItemUserContent",
    "RealtimeCreateClientSecretRequest",
    "RealtimeCreateClientSecretResponse",
    "RealtimeCustomVoice",
    "RealtimeError",
    "RealtimeFunctionTool",
    "RealtimeNoiseReduction",
    "RealtimeRateLimit",
    "RealtimeReasoning",
    "RealtimeResponse",
    "RealtimeResponseAudio",
    "RealtimeResponseAudioOutput",
    "RealtimeResponseCreateParams",
    "RealtimeResponseUsage",
    "RealtimeSemanticVad",
    "RealtimeServerEvent",
    "RealtimeServerEventConversationCreated",
    "RealtimeServerEventConversationItemAdded",
    "RealtimeServerEventConversationItemCreated",
    "RealtimeServerEventConversationItemDeleted",
    "RealtimeServerEventConversationItemDone",
    "RealtimeServerEventConversationItemInputAudioTranscriptionCompleted",
    "RealtimeServerEventConversationItemInputAudioTranscriptionDelta",
    "RealtimeServerEventConversationItemInputAudioTranscriptionFailed",
    "RealtimeServerEventConversationItemInputAudioTranscriptionSegment",
    "RealtimeServerEventConversationItemRetrieved",
    "RealtimeServerEventConversationItemTruncated",
    "RealtimeServerEventError",
    "RealtimeServerEventInputAudioBufferCleared",
    "RealtimeServerEventInputAudioBufferCommitted",
    "RealtimeServerEventInputAudioBufferDtmfEventReceived",
    "RealtimeServerEventInputAudioBufferSpeechStarted",
    "RealtimeServerEventInputAudioBufferSpeechStopped",
    "RealtimeServerEventInputAudioBufferTimeoutTriggered",
    "RealtimeServerEventMCPListToolsCompleted",
    "RealtimeServerEventMCPListToolsFailed",
    "RealtimeServerEventMCPListToolsInProgress",
    "RealtimeServerEventOutputAudioBufferCleared",
    "RealtimeServerEventOutputAudioBufferStarted",
    "RealtimeServerEventOutputAudioBufferStopped",
    "RealtimeServerEventRateLimitsUpdated",
    "RealtimeServerEventResponseAudioDelta",
    "RealtimeServerEventResponseAudioDone",
    "RealtimeServerEventResponseAudioTranscriptDelta",
    "RealtimeServerEventResponseAudioTranscriptDone",
    "RealtimeServerEventResponseContentPartAdded",
    "RealtimeServerEventResponseContentPartDone",
    "RealtimeServerEventResponseCreated",
    "RealtimeServerEventResponseDone",
    "RealtimeServerEventResponseFunctionCallArgumentsDelta",
    "RealtimeServerEventResponseFunctionCallArgumentsDone",
    "RealtimeServerEventResponseMCPCallArgumentsDelta",
    "RealtimeServerEventResponseMCPCallArgumentsDone",
    "RealtimeServerEventResponseMCPCallCompleted",
    "RealtimeServerEventResponseMCPCallFailed",
    "RealtimeServerEventResponseMCPCallInProgress",
    "RealtimeServerEventResponseOutputItemAdded",
    "RealtimeServerEventResponseOutputItemDone",
    "RealtimeServerEventResponseTextDelta",
    "RealtimeServerEventResponseTextDone",
    "RealtimeServerEventSessionCreated",
    "RealtimeServerEventSessionUpdated",
    "RealtimeServerVad",
    "RealtimeSessionAudio",
    "RealtimeSessionAudioInput",
    "RealtimeSessionAudioOutput",
    "RealtimeSessionCreateRequestGA",
    "RealtimeSessionCreateResponseGA",
    "RealtimeTool",
    "RealtimeToolChoice",
    "RealtimeTracingConfiguration",
    "RealtimeTranscriptionLanguage",
    "RealtimeTranscriptionSessionAudio",
    "RealtimeTranscriptionSessionCreateRequestGA",
    "RealtimeTranscriptionSessionCreateResponseGA",
    "RealtimeTranslationAudio",
    "RealtimeTranslationAudioInput",
    "RealtimeTranslationAudioOutput",
    "RealtimeTranslationClientSecretCreateRequest",
    "RealtimeTranslationClientSecretCreateResponse",
    "RealtimeTranslationSession",
    "RealtimeTranslationSessionCreateRequest",
    "RealtimeTranslationTranscription",
    "RealtimeTruncation",
    "RealtimeTruncationRetentionRatio",
    "RealtimeTurnDetection",
    "UnknownRealtimeItem",
    "UnknownRealtimeServerEvent",
    "UnknownRealtimeTool",
    "parse_server_event",
]

_ItemStatus: TypeAlias = Literal["completed", "incomplete", "in_progress"]
_Modality: TypeAlias = Literal["text", "audio"]


# --- Conversation items (sent by the client, echoed by the server) ----------------------------


class RealtimeConversationItemSystemContent(RequestModel):
    """The text of a system message."""

    type: Literal["input_text"] = "input_text"
    text: str


class RealtimeConversationItemUserContent(RequestModel):
    """A part of a user message: text, base64 audio (with its transcript) or an image."""

    type: Literal["input_text", "input_audio", "input_image"]
    text: str | None = None
    audio: str | None = None
    transcript: str | None = None
    image_url: str | None = None
    detail: Literal["auto", "low", "high"] | None = None


class RealtimeConversationItemAssistantContent(RequestModel):
    """A part of an assistant message: text, or base64 audio with its transcript."""

    type: Literal["output_text", "output_audio"]
    text: str | None = None
    audio: str | None = None
    transcript: str | None = None


class _RealtimeItem(RequestModel):
    """Fields every conversation item has; the server sets them."""

    id: str | None = None
    object: Literal["realtime.item"] | None = None
    status: _ItemStatus | None = None


class RealtimeConversationItemMessageSystem(_RealtimeItem):
    """A system message: instructions to the model."""

    type: Literal["message"] = "message"
    role: Literal["system"] = "system"
    content: list[RealtimeConversationItemSystemContent]


class RealtimeConversationItemMessageUser(_RealtimeItem):
    """A user message: text, audio or images."""

    type: Literal["message"] = "message"
    role: Literal["user"] = "user"
    content: list[RealtimeConversationItemUserContent]


class RealtimeConversationItemMessageAssistant(_RealtimeItem):
    """An assistant message: text or audio."""

    type: Literal["message"] = "message"
    role: Literal["assistant"] = "assistant"
    content: list[RealtimeConversationItemAssistantContent]


class RealtimeConversationItemFunctionCall(_RealtimeItem):
    """A call of one of your functions by the model."""

    type: Literal["function_call"] = "function_call"
    call_id: str | None = None
    name: str
    arguments: str


class RealtimeConversationItemFunctionCallOutput(_RealtimeItem):
    """The output of a function call, for the call with the same ``call_id``."""

    type: Literal["function_call_output"] = "function_call_output"
    call_id: str
    output: str


class UnknownRealtimeItem(RequestModel):
    """A conversation item of a ``type`` this module does not model (MCP calls, approval
    requests, ...): its fields kept and sent as given."""

    model_config = ConfigDict(extra="allow")

    type: str


_ItemChoices: TypeAlias = (
    Annotated[RealtimeConversationItemMessageSystem, Tag("message.system")]
    | Annotated[RealtimeConversationItemMessageUser, Tag("message.user")]
    | Annotated[RealtimeConversationItemMessageAssistant, Tag("message.assistant")]
    | Annotated[RealtimeConversationItemFunctionCall, Tag("function_call")]
    | Annotated[RealtimeConversationItemFunctionCallOutput, Tag("function_call_output")]
    | Annotated[UnknownRealtimeItem, Tag("UnknownRealtimeItem")]
)
_item_by_type = cast(Any, type_discriminator(_ItemChoices, "UnknownRealtimeItem").discriminator)


def _item_tag(value: Any) -> str:
    """Messages share ``type: message``: their ``role`` tells them apart."""
    kind, role = (
        (value.get("type"), value.get("role"))
        if isinstance(value, dict)
        else (getattr(value, "type", None), getattr(value, "role", None))
    )
    if kind == "message" and role in ("system", "user", "assistant"):
        return f"message.{role}"
    tag: str = _item_by_type(value)
    return tag


RealtimeConversationItem: TypeAlias = Annotated[_ItemChoices, Discriminator(_item_tag)]


# --- Session and response settings ------------------------------------------------------------


class RealtimeAudioFormats(RequestModel):
    """An audio format: 24 kHz PCM, G.711 μ-law or G.711 A-law."""

    type: Literal["audio/pcm", "audio/pcmu", "audio/pcma"]
    rate: Literal[24000] | None = None


class AudioTranscription(RequestModel):
    """How input audio is transcribed."""

    model: str | None = None
    language: str | None = None
    languages: list[str] | None = Field(default=None, min_length=1)
    keywords: list[str] | None = None
    prompt: str | None = None
    delay: Literal["minimal", "low", "medium", "high", "xhigh"] | None = None


class RealtimeNoiseReduction(RequestModel):
    """Noise reduction for a near (headset) or far (laptop, room) microphone."""

    type: Literal["near_field", "far_field"] | None = None


class RealtimeServerVad(RequestModel):
    """Turn detection by silence: a turn ends after ``silence_duration_ms`` of quiet."""

    type: Literal["server_vad"] = "server_vad"
    threshold: float | None = None
    prefix_padding_ms: int | None = None
    silence_duration_ms: int | None = None
    create_response: bool | None = None
    interrupt_response: bool | None = None
    idle_timeout_ms: int | None = Field(default=None, ge=5000, le=30000)


class RealtimeSemanticVad(RequestModel):
    """Turn detection by meaning: a turn ends when the user seems to have finished."""

    type: Literal["semantic_vad"] = "semantic_vad"
    eagerness: Literal["low", "medium", "high", "auto"] | None = None
    create_response: bool | None = None
    interrupt_response: bool | None = None


RealtimeTurnDetection: TypeAlias = Annotated[
    RealtimeServerVad | RealtimeSemanticVad, Field(discriminator="type")
]


class RealtimeSessionAudioInput(RequestModel):
    """Input audio: its format, transcription, noise reduction and turn detection."""

    format: RealtimeAudioFormats | None = None
    transcription: AudioTranscription | None = None
    noise_reduction: RealtimeNoiseReduction | None = None
    turn_detection: RealtimeTurnDetection | None = None


class RealtimeCustomVoice(RequestModel):
    """A custom voice, by id."""

    id: str


class RealtimeSessionAudioOutput(RequestModel):
    """Output audio: its format, voice and speed."""

    format: RealtimeAudioFormats | None = None
    voice: str | RealtimeCustomVoice | None = None
    speed: float | None = Field(default=None, ge=0.25, le=1.5)


class RealtimeSessionAudio(RequestModel):
    """Audio settings of a session."""

    input: RealtimeSessionAudioInput | None = None
    output: RealtimeSessionAudioOutput | None = None


class RealtimeTranscriptionSessionAudio(RequestModel):
    """Audio settings of a transcription session."""

    input: RealtimeSessionAudioInput | None = None


class RealtimeFunctionTool(RequestModel):
    """One of your functions the model may call."""

    type: Literal["function"] = "function"
    name: str
    description: str | None = None
    parameters: dict[str, Any] | None = None


class UnknownRealtimeTool(RequestModel):
    """A tool of a ``type`` this module does not model: sent with the fields given."""

    model_config = ConfigDict(extra="allow")

    type: str


_ToolChoices: TypeAlias = (
    Annotated[RealtimeFunctionTool, Tag("function")]
    | Annotated[MCPTool, Tag("mcp")]
    | Annotated[UnknownRealtimeTool, Tag("UnknownRealtimeTool")]
)
RealtimeTool: TypeAlias = Annotated[
    _ToolChoices, type_discriminator(_ToolChoices, "UnknownRealtimeTool")
]

RealtimeToolChoice: TypeAlias = (
    ToolChoiceOptions | Annotated[ToolChoiceFunction | ToolChoiceMCP, Field(discriminator="type")]
)


class RealtimeReasoning(RequestModel):
    """How much the model reasons before it answers."""

    effort: Literal["minimal", "low", "medium", "high", "xhigh"] | None = None


class RealtimeTracingConfiguration(RequestModel):
    """How a session is traced: the workflow name, group and metadata of its traces."""

    workflow_name: str | None = None
    group_id: str | None = None
    metadata: dict[str, Any] | None = None


class RealtimeTruncationRetentionRatio(RequestModel):
    """Truncate the conversation to this fraction of the context window when it is full."""

    type: Literal["retention_ratio"] = "retention_ratio"
    retention_ratio: float = Field(ge=0, le=1)
    token_limits: dict[str, int] | None = None


RealtimeTruncation: TypeAlias = Literal["auto", "disabled"] | RealtimeTruncationRetentionRatio


class RealtimeSessionCreateRequestGA(RequestModel):
    """Settings of a speech-to-speech session (``session.update``)."""

    type: Literal["realtime"] = "realtime"
    model: str | None = None
    instructions: str | None = None
    output_modalities: list[_Modality] | None = None
    audio: RealtimeSessionAudio | None = None
    include: list[Literal["item.input_audio_transcription.logprobs"]] | None = None
    tracing: Literal["auto"] | RealtimeTracingConfiguration | None = None
    tools: list[RealtimeTool] | None = None
    tool_choice: RealtimeToolChoice | None = None
    parallel_tool_calls: bool | None = None
    reasoning: RealtimeReasoning | None = None
    max_output_tokens: int | Literal["inf"] | None = None
    truncation: RealtimeTruncation | None = None
    prompt: Prompt | None = None


class RealtimeTranscriptionSessionCreateRequestGA(RequestModel):
    """Settings of a transcription session (``session.update``)."""

    type: Literal["transcription"] = "transcription"
    audio: RealtimeTranscriptionSessionAudio | None = None
    include: list[Literal["item.input_audio_transcription.logprobs"]] | None = None


class RealtimeResponseAudioOutput(RequestModel):
    """The format and voice of a response's audio."""

    format: RealtimeAudioFormats | None = None
    voice: str | RealtimeCustomVoice | None = None


class RealtimeResponseAudio(RequestModel):
    """Audio settings of a response."""

    output: RealtimeResponseAudioOutput | None = None


class RealtimeResponseCreateParams(RequestModel):
    """Settings of one response, overriding the session's (``response.create``)."""

    output_modalities: list[_Modality] | None = None
    instructions: str | None = None
    audio: RealtimeResponseAudio | None = None
    tools: list[RealtimeTool] | None = None
    tool_choice: RealtimeToolChoice | None = None
    parallel_tool_calls: bool | None = None
    reasoning: RealtimeReasoning | None = None
    max_output_tokens: int | Literal["inf"] | None = None
    # `auto` adds the response to the default conversation, `none` keeps it out of any.
    conversation: str | None = None
    metadata: dict[str, str] | None = None
    prompt: Prompt | None = None
    input: list[RealtimeConversationItem] | None = None


# --- Client events ----------------------------------------------------------------------------


class _RealtimeClientEvent(RequestModel):
    """A client event: sent as one WebSocket text message."""

    event_id: str | None = Field(default=None, max_length=512)

    def to_message(self) -> str:
        """The text of the WebSocket message that sends this event."""
        return json.dumps(self.to_wire(), separators=(",", ":"), ensure_ascii=False)


class RealtimeClientEventSessionUpdate(_RealtimeClientEvent):
    """Updates the session's settings (any time; not the model or, once audio is sent, the
    voice)."""

    type: Literal["session.update"] = "session.update"
    session: Annotated[
        RealtimeSessionCreateRequestGA | RealtimeTranscriptionSessionCreateRequestGA,
        Field(discriminator="type"),
    ]


class RealtimeClientEventInputAudioBufferAppend(_RealtimeClientEvent):
    """Appends base64 audio bytes to the input audio buffer."""

    type: Literal["input_audio_buffer.append"] = "input_audio_buffer.append"
    audio: str


class RealtimeClientEventInputAudioBufferCommit(_RealtimeClientEvent):
    """Commits the input audio buffer as a user message (without server turn detection)."""

    type: Literal["input_audio_buffer.commit"] = "input_audio_buffer.commit"


class RealtimeClientEventInputAudioBufferClear(_RealtimeClientEvent):
    """Clears the input audio buffer."""

    type: Literal["input_audio_buffer.clear"] = "input_audio_buffer.clear"


class RealtimeClientEventOutputAudioBufferClear(_RealtimeClientEvent):
    """Cuts off the audio being played (WebRTC and SIP connections)."""

    type: Literal["output_audio_buffer.clear"] = "output_audio_buffer.clear"


class RealtimeClientEventConversationItemCreate(_RealtimeClientEvent):
    """Adds an item (a message, a function call output, ...) to the conversation."""

    type: Literal["conversation.item.create"] = "conversation.item.create"
    previous_item_id: str | None = None
    item: RealtimeConversationItem


class RealtimeClientEventConversationItemRetrieve(_RealtimeClientEvent):
    """Asks for an item of the conversation, such as a user message's audio."""

    type: Literal["conversation.item.retrieve"] = "conversation.item.retrieve"
    item_id: str


class RealtimeClientEventConversationItemTruncate(_RealtimeClientEvent):
    """Truncates an assistant message's audio at what the user heard."""

    type: Literal["conversation.item.truncate"] = "conversation.item.truncate"
    item_id: str
    content_index: int = Field(ge=0)
    audio_end_ms: int = Field(ge=0)


class RealtimeClientEventConversationItemDelete(_RealtimeClientEvent):
    """Removes an item from the conversation."""

    type: Literal["conversation.item.delete"] = "conversation.item.delete"
    item_id: str


class RealtimeClientEventResponseCreate(_RealtimeClientEvent):
    """Asks the model for a response, with the session's settings or these."""

    type: Literal["response.create"] = "response.create"
    response: RealtimeResponseCreateParams | None = None


class RealtimeClientEventResponseCancel(_RealtimeClientEvent):
    """Cancels the response in progress (or the one with ``response_id``)."""

    type: Literal["response.cancel"] = "response.cancel"
    response_id: str | None = None


RealtimeClientEvent: TypeAlias = Annotated[
    RealtimeClientEventSessionUpdate
    | RealtimeClientEventInputAudioBufferAppend
    | RealtimeClientEventInputAudioBufferCommit
    | RealtimeClientEventInputAudioBufferClear
    | RealtimeClientEventOutputAudioBufferClear
    | RealtimeClientEventConversationItemCreate
    | RealtimeClientEventConversationItemRetrieve
    | RealtimeClientEventConversationItemTruncate
    | RealtimeClientEventConversationItemDelete
    | RealtimeClientEventResponseCreate
    | RealtimeClientEventResponseCancel,
    Field(discriminator="type"),
]


# --- What server events carry -----------------------------------------------------------------


class RealtimeSessionCreateResponseGA(ResponseModel):
    """A speech-to-speech session's settings, as the server reports them."""

    type: str = "realtime"
    id: str | None = None
    object: str | None = None
    expires_at: int | None = None
    model: str | None = None
    instructions: str | None = None
    output_modalities: list[str] | None = None
    audio: Echoed[RealtimeSessionAudio] | None = None
    include: list[str] | None = None
    tracing: Echoed[RealtimeTracingConfiguration] | str | None = None
    tools: list[Echoed[RealtimeTool]] | None = None
    tool_choice: Echoed[RealtimeToolChoice] | str | None = None
    reasoning: Echoed[RealtimeReasoning] | None = None
    max_output_tokens: int | str | None = None
    truncation: Echoed[RealtimeTruncation] | str | None = None
    prompt: Echoed[Prompt] | None = None


class RealtimeTranscriptionSessionCreateResponseGA(ResponseModel):
    """A transcription session's settings, as the server reports them."""

    type: Literal["transcription"] = "transcription"
    id: str | None = None
    object: str | None = None
    expires_at: int | None = None
    audio: Echoed[RealtimeTranscriptionSessionAudio] | None = None
    include: list[str] | None = None


_SessionChoices: TypeAlias = (
    Annotated[RealtimeSessionCreateResponseGA, Tag("realtime")]
    | Annotated[RealtimeTranscriptionSessionCreateResponseGA, Tag("transcription")]
)
# A session of any other type is read as a speech-to-speech one (all its fields are optional).
_Session: TypeAlias = Annotated[_SessionChoices, type_discriminator(_SessionChoices, "realtime")]


class RealtimeResponseUsage(ResponseModel):
    """Tokens used by a response, with text, audio, image and cached breakdowns."""

    total_tokens: int | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    input_token_details: dict[str, Any] | None = None
    output_token_details: dict[str, Any] | None = None


class RealtimeResponse(ResponseModel):
    """A response of the model: its status, output items and usage."""

    id: str | None = None
    object: str | None = None
    status: str | None = None
    # `type` (completed, cancelled, ...), `reason` and, on failure, `error`.
    status_details: dict[str, Any] | None = None
    output: list[Echoed[RealtimeConversationItem]] = Field(default_factory=list)
    metadata: dict[str, str] | None = None
    audio: Echoed[RealtimeResponseAudio] | None = None
    usage: RealtimeResponseUsage | None = None
    conversation_id: str | None = None
    output_modalities: list[str] | None = None
    max_output_tokens: int | str | None = None


class RealtimeContentPart(ResponseModel):
    """A content part of a response: text, or audio with its transcript."""

    type: str
    text: str | None = None
    audio: str | None = None
    transcript: str | None = None


class RealtimeError(ResponseModel):
    """What went wrong: type, code, message, the parameter and the client event at fault."""

    type: str | None = None
    code: str | None = None
    message: str
    param: str | None = None
    event_id: str | None = None


class RealtimeRateLimit(ResponseModel):
    """A rate limit: its limit, what remains, and when it resets."""

    name: str
    limit: int | None = None
    remaining: int | None = None
    reset_seconds: float | None = None


# --- Server events ----------------------------------------------------------------------------


class _RealtimeServerEvent(ResponseModel):
    """Fields every server event has."""

    event_id: str | None = None


class _ItemEvent(_RealtimeServerEvent):
    """An event about a conversation item."""

    item_id: str | None = None


class _ResponseItemEvent(_RealtimeServerEvent):
    """An event about an output item of a response."""

    response_id: str | None = None
    item_id: str | None = None
    output_index: int | None = None


class _ResponseContentEvent(_ResponseItemEvent):
    """An event about a content part of a response's output item."""

    content_index: int | None = None


class RealtimeServerEventError(_RealtimeServerEvent):
    """An error; the session stays open."""

    type: Literal["error"] = "error"
    error: RealtimeError


class RealtimeServerEventSessionCreated(_RealtimeServerEvent):
    """The session was created: the first event of a connection."""

    type: Literal["session.created"] = "session.created"
    session: _Session


class RealtimeServerEventSessionUpdated(_RealtimeServerEvent):
    """The session was updated by a ``session.update``."""

    type: Literal["session.updated"] = "session.updated"
    session: _Session


class RealtimeServerEventConversationCreated(_RealtimeServerEvent):
    """A conversation was created."""

    type: Literal["conversation.created"] = "conversation.created"
    conversation: dict[str, Any]


class RealtimeServerEventConversationItemCreated(_RealtimeServerEvent):
    """An item was added to the conversation."""

    type: Literal["conversation.item.created"] = "conversation.item.created"
    previous_item_id: str | None = None
    item: Echoed[RealtimeConversationItem]


class RealtimeServerEventConversationItemAdded(_RealtimeServerEvent):
    """An item was added to the conversation (its content may still be streaming)."""

    type: Literal["conversation.item.added"] = "conversation.item.added"
    previous_item_id: str | None = None
    item: Echoed[RealtimeConversationItem]


class RealtimeServerEventConversationItemDone(_RealtimeServerEvent):
    """An item of the conversation is complete."""

    type: Literal["conversation.item.done"] = "conversation.item.done"
    previous_item_id: str | None = None
    item: Echoed[RealtimeConversationItem]


class RealtimeServerEventConversationItemRetrieved(_RealtimeServerEvent):
    """The item a ``conversation.item.retrieve`` asked for."""

    type: Literal["conversation.item.retrieved"] = "conversation.item.retrieved"
    item: Echoed[RealtimeConversationItem]


class RealtimeServerEventConversationItemTruncated(_ItemEvent):
    """An assistant message's audio was truncated."""

    type: Literal["conversation.item.truncated"] = "conversation.item.truncated"
    content_index: int | None = None
    audio_end_ms: int


class RealtimeServerEventConversationItemDeleted(_ItemEvent):
    """An item was removed from the conversation."""

    type: Literal["conversation.item.deleted"] = "conversation.item.deleted"


class RealtimeServerEventConversationItemInputAudioTranscriptionDelta(_ItemEvent):
    """More of the transcript of a user message's audio."""

    type: Literal["conversation.item.input_audio_transcription.delta"] = (
        "conversation.item.input_audio_transcription.delta"
    )
    content_index: int | None = None
    delta: str | None = None
    logprobs: list[dict[str, Any]] | None = None


class RealtimeTranscriptionLanguage(ResponseModel):
    """A language detected in the audio."""

    code: str


class RealtimeServerEventConversationItemInputAudioTranscriptionCompleted(_ItemEvent):
    """The transcript of a user message's audio is complete."""

    type: Literal["conversation.item.input_audio_transcription.completed"] = (
        "conversation.item.input_audio_transcription.completed"
    )
    content_index: int | None = None
    transcript: str
    languages: list[RealtimeTranscriptionLanguage] | None = None
    logprobs: list[dict[str, Any]] | None = None
    usage: dict[str, Any] | None = None


class RealtimeServerEventConversationItemInputAudioTranscriptionSegment(_ItemEvent):
    """A segment of a diarized transcript: its speaker, text and times."""

    type: Literal["conversation.item.input_audio_transcription.segment"] = (
        "conversation.item.input_audio_transcription.segment"
    )
    content_index: int | None = None
    id: str | None = None
    text: str
    speaker: str
    start: float
    end: float


class RealtimeServerEventConversationItemInputAudioTranscriptionFailed(_ItemEvent):
    """Transcribing a user message's audio failed."""

    type: Literal["conversation.item.input_audio_transcription.failed"] = (
        "conversation.item.input_audio_transcription.failed"
    )
    content_index: int | None = None
    error: dict[str, Any]


class RealtimeServerEventInputAudioBufferCommitted(_ItemEvent):
    """The input audio buffer was committed as a user message."""

    type: Literal["input_audio_buffer.committed"] = "input_audio_buffer.committed"
    previous_item_id: str | None = None


class RealtimeServerEventInputAudioBufferCleared(_RealtimeServerEvent):
    """The input audio buffer was cleared."""

    type: Literal["input_audio_buffer.cleared"] = "input_audio_buffer.cleared"


class RealtimeServerEventInputAudioBufferSpeechStarted(_ItemEvent):
    """Speech was detected in the input audio."""

    type: Literal["input_audio_buffer.speech_started"] = "input_audio_buffer.speech_started"
    audio_start_ms: int


class RealtimeServerEventInputAudioBufferSpeechStopped(_ItemEvent):
    """The end of speech was detected in the input audio."""

    type: Literal["input_audio_buffer.speech_stopped"] = "input_audio_buffer.speech_stopped"
    audio_end_ms: int


class RealtimeServerEventInputAudioBufferTimeoutTriggered(_ItemEvent):
    """The user was silent for the idle timeout."""

    type: Literal["input_audio_buffer.timeout_triggered"] = "input_audio_buffer.timeout_triggered"
    audio_start_ms: int
    audio_end_ms: int


class RealtimeServerEventInputAudioBufferDtmfEventReceived(_RealtimeServerEvent):
    """A keypad tone (DTMF) was received on a SIP call."""

    type: Literal["input_audio_buffer.dtmf_event_received"] = (
        "input_audio_buffer.dtmf_event_received"
    )
    event: str
    received_at: int


class RealtimeServerEventOutputAudioBufferStarted(_RealtimeServerEvent):
    """The server started playing a response's audio (WebRTC and SIP)."""

    type: Literal["output_audio_buffer.started"] = "output_audio_buffer.started"
    response_id: str | None = None


class RealtimeServerEventOutputAudioBufferStopped(_RealtimeServerEvent):
    """The server finished playing a response's audio (WebRTC and SIP)."""

    type: Literal["output_audio_buffer.stopped"] = "output_audio_buffer.stopped"
    response_id: str | None = None


class RealtimeServerEventOutputAudioBufferCleared(_RealtimeServerEvent):
    """The audio being played was cut off (WebRTC and SIP)."""

    type: Literal["output_audio_buffer.cleared"] = "output_audio_buffer.cleared"
    response_id: str | None = None


class RealtimeServerEventResponseCreated(_RealtimeServerEvent):
    """A response started."""

    type: Literal["response.created"] = "response.created"
    response: RealtimeResponse


class RealtimeServerEventResponseDone(_RealtimeServerEvent):
    """A response is finished (completed, cancelled, failed or incomplete)."""

    type: Literal["response.done"] = "response.done"
    response: RealtimeResponse


class RealtimeServerEventResponseOutputItemAdded(_RealtimeServerEvent):
    """A response added an output item."""

    type: Literal["response.output_item.added"] = "response.output_item.added"
    response_id: str | None = None
    output_index: int | None = None
    item: Echoed[RealtimeConversationItem]


class RealtimeServerEventResponseOutputItemDone(_RealtimeServerEvent):
    """An output item of a response is complete."""

    type: Literal["response.output_item.done"] = "response.output_item.done"
    response_id: str | None = None
    output_index: int | None = None
    item: Echoed[RealtimeConversationItem]


class RealtimeServerEventResponseContentPartAdded(_ResponseContentEvent):
    """A content part was added to an output item."""

    type: Literal["response.content_part.added"] = "response.content_part.added"
    part: RealtimeContentPart


class RealtimeServerEventResponseContentPartDone(_ResponseContentEvent):
    """A content part of an output item is complete."""

    type: Literal["response.content_part.done"] = "response.content_part.done"
    part: RealtimeContentPart


class RealtimeServerEventResponseTextDelta(_ResponseContentEvent):
    """More text of a response."""

    type: Literal["response.output_text.delta"] = "response.output_text.delta"
    delta: str


class RealtimeServerEventResponseTextDone(_ResponseContentEvent):
    """A text part of a response is complete."""

    type: Literal["response.output_text.done"] = "response.output_text.done"
    text: str


class RealtimeServerEventResponseAudioDelta(_ResponseContentEvent):
    """More base64 audio of a response."""

    type: Literal["response.output_audio.delta"] = "response.output_audio.delta"
    delta: str


class RealtimeServerEventResponseAudioDone(_ResponseContentEvent):
    """An audio part of a response is complete."""

    type: Literal["response.output_audio.done"] = "response.output_audio.done"


class RealtimeServerEventResponseAudioTranscriptDelta(_ResponseContentEvent):
    """More of the transcript of a response's audio."""

    type: Literal["response.output_audio_transcript.delta"] = (
        "response.output_audio_transcript.delta"
    )
    delta: str


class RealtimeServerEventResponseAudioTranscriptDone(_ResponseContentEvent):
    """The transcript of a response's audio is complete."""

    type: Literal["response.output_audio_transcript.done"] = "response.output_audio_transcript.done"
    transcript: str


class RealtimeServerEventResponseFunctionCallArgumentsDelta(_ResponseItemEvent):
    """More of a function call's JSON arguments."""

    type: Literal["response.function_call_arguments.delta"] = (
        "response.function_call_arguments.delta"
    )
    call_id: str
    delta: str


class RealtimeServerEventResponseFunctionCallArgumentsDone(_ResponseItemEvent):
    """A function call's arguments are complete: run it and send its output back."""

    type: Literal["response.function_call_arguments.done"] = "response.function_call_arguments.done"
    call_id: str
    name: str | None = None
    arguments: str


class RealtimeServerEventResponseMCPCallArgumentsDelta(_ResponseItemEvent):
    """More of an MCP tool call's arguments."""

    type: Literal["response.mcp_call_arguments.delta"] = "response.mcp_call_arguments.delta"
    delta: str
    obfuscation: str | None = None


class RealtimeServerEventResponseMCPCallArgumentsDone(_ResponseItemEvent):
    """An MCP tool call's arguments are complete."""

    type: Literal["response.mcp_call_arguments.done"] = "response.mcp_call_arguments.done"
    arguments: str


class RealtimeServerEventResponseMCPCallInProgress(_ItemEvent):
    """An MCP tool call started."""

    type: Literal["response.mcp_call.in_progress"] = "response.mcp_call.in_progress"
    output_index: int | None = None


class RealtimeServerEventResponseMCPCallCompleted(_ItemEvent):
    """An MCP tool call is complete."""

    type: Literal["response.mcp_call.completed"] = "response.mcp_call.completed"
    output_index: int | None = None


class RealtimeServerEventResponseMCPCallFailed(_ItemEvent):
    """An MCP tool call failed."""

    type: Literal["response.mcp_call.failed"] = "response.mcp_call.failed"
    output_index: int | None = None


class RealtimeServerEventMCPListToolsInProgress(_ItemEvent):
    """Listing an MCP server's tools started."""

    type: Literal["mcp_list_tools.in_progress"] = "mcp_list_tools.in_progress"


class RealtimeServerEventMCPListToolsCompleted(_ItemEvent):
    """An MCP server's tools are listed."""

    type: Literal["mcp_list_tools.completed"] = "mcp_list_tools.completed"


class RealtimeServerEventMCPListToolsFailed(_ItemEvent):
    """Listing an MCP server's tools failed."""

    type: Literal["mcp_list_tools.failed"] = "mcp_list_tools.failed"


class RealtimeServerEventRateLimitsUpdated(_RealtimeServerEvent):
    """The rate limits after a response was created."""

    type: Literal["rate_limits.updated"] = "rate_limits.updated"
    rate_limits: list[RealtimeRateLimit]


class UnknownRealtimeServerEvent(_RealtimeServerEvent):
    """A server event of a ``type`` this module does not model, kept as sent."""

    type: str


_ServerEventChoices: TypeAlias = (
    Annotated[RealtimeServerEventError, Tag("error")]
    | Annotated[RealtimeServerEventSessionCreated, Tag("session.created")]
    | Annotated[RealtimeServerEventSessionUpdated, Tag("session.updated")]
    | Annotated[RealtimeServerEventConversationCreated, Tag("conversation.created")]
    | Annotated[RealtimeServerEventConversationItemCreated, Tag("conversation.item.created")]
    | Annotated[RealtimeServerEventConversationItemAdded, Tag("conversation.item.added")]
    | Annotated[RealtimeServerEventConversationItemDone, Tag("conversation.item.done")]
    | Annotated[RealtimeServerEventConversationItemRetrieved, Tag("conversation.item.retrieved")]
    | Annotated[RealtimeServerEventConversationItemTruncated, Tag("conversation.item.truncated")]
    | Annotated[RealtimeServerEventConversationItemDeleted, Tag("conversation.item.deleted")]
    | Annotated[
        RealtimeServerEventConversationItemInputAudioTranscriptionDelta,
        Tag("conversation.item.input_audio_transcription.delta"),
    ]
    | Annotated[
        RealtimeServerEventConversationItemInputAudioTranscriptionCompleted,
        Tag("conversation.item.input_audio_transcription.completed"),
    ]
    | Annotated[
        RealtimeServerEventConversationItemInputAudioTranscriptionSegment,
        Tag("conversation.item.input_audio_transcription.segment"),
    ]
    | Annotated[
        RealtimeServerEventConversationItemInputAudioTranscriptionFailed,
        Tag("conversation.item.input_audio_transcription.failed"),
    ]
    | Annotated[RealtimeServerEventInputAudioBufferCommitted, Tag("input_audio_buffer.committed")]
    | Annotated[RealtimeServerEventInputAudioBufferCleared, Tag("input_audio_buffer.cleared")]
    | Annotated[
        RealtimeServerEventInputAudioBufferSpeechStarted, Tag("input_audio_buffer.speech_started")
    ]
    | Annotated[
        RealtimeServerEventInputAudioBufferSpeechStopped, Tag("input_audio_buffer.speech_stopped")
    ]
    | Annotated[
        RealtimeServerEventInputAudioBufferTimeoutTriggered,
        Tag("input_audio_buffer.timeout_triggered"),
    ]
    | Annotated[
        RealtimeServerEventInputAudioBufferDtmfEventReceived,
        Tag("input_audio_buffer.dtmf_event_received"),
    ]
    | Annotated[RealtimeServerEventOutputAudioBufferStarted, Tag("output_audio_buffer.started")]
    | Annotated[RealtimeServerEventOutputAudioBufferStopped, Tag("output_audio_buffer.stopped")]
    | Annotated[RealtimeServerEventOutputAudioBufferCleared, Tag("output_audio_buffer.cleared")]
    | Annotated[RealtimeServerEventResponseCreated, Tag("response.created")]
    | Annotated[RealtimeServerEventResponseDone, Tag("response.done")]
    | Annotated[RealtimeServerEventResponseOutputItemAdded, Tag("response.output_item.added")]
    | Annotated[RealtimeServerEventResponseOutputItemDone, Tag("response.output_item.done")]
    | Annotated[RealtimeServerEventResponseContentPartAdded, Tag("response.content_part.added")]
    | Annotated[RealtimeServerEventResponseContentPartDone, Tag("response.content_part.done")]
    | Annotated[RealtimeServerEventResponseTextDelta, Tag("response.output_text.delta")]
    | Annotated[RealtimeServerEventResponseTextDone, Tag("response.output_text.done")]
    | Annotated[RealtimeServerEventResponseAudioDelta, Tag("response.output_audio.delta")]
    | Annotated[RealtimeServerEventResponseAudioDone, Tag("response.output_audio.done")]
    | Annotated[
        RealtimeServerEventResponseAudioTranscriptDelta,
        Tag("response.output_audio_transcript.delta"),
    ]
    | Annotated[
        RealtimeServerEventResponseAudioTranscriptDone, Tag("response.output_audio_transcript.done")
    ]
    | Annotated[
        RealtimeServerEventResponseFunctionCallArgumentsDelta,
        Tag("response.function_call_arguments.delta"),
    ]
    | Annotated[
        RealtimeServerEventResponseFunctionCallArgumentsDone,
        Tag("response.function_call_arguments.done"),
    ]
    | Annotated[
        RealtimeServerEventResponseMCPCallArgumentsDelta, Tag("response.mcp_call_arguments.delta")
    ]
    | Annotated[
        RealtimeServerEventResponseMCPCallArgumentsDone, Tag("response.mcp_call_arguments.done")
    ]
    | Annotated[RealtimeServerEventResponseMCPCallInProgress, Tag("response.mcp_call.in_progress")]
    | Annotated[RealtimeServerEventResponseMCPCallCompleted, Tag("response.mcp_call.completed")]
    | Annotated[RealtimeServerEventResponseMCPCallFailed, Tag("response.mcp_call.failed")]
    | Annotated[RealtimeServerEventMCPListToolsInProgress, Tag("mcp_list_tools.in_progress")]
    | Annotated[RealtimeServerEventMCPListToolsCompleted, Tag("mcp_list_tools.completed")]
    | Annotated[RealtimeServerEventMCPListToolsFailed, Tag("mcp_list_tools.failed")]
    | Annotated[RealtimeServerEventRateLimitsUpdated, Tag("rate_limits.updated")]
    | Annotated[UnknownRealtimeServerEvent, Tag("UnknownRealtimeServerEvent")]
)
RealtimeServerEvent: TypeAlias = Annotated[
    _ServerEventChoices, type_discriminator(_ServerEventChoices, "UnknownRealtimeServerEvent")
]


@cache
def _server_event_adapter() -> TypeAdapter[RealtimeServerEvent]:
    # Built on the first message, not at import: a union of some fifty models takes a while.
    return TypeAdapter(RealtimeServerEvent)


def parse_server_event(text: str) -> RealtimeServerEvent:
    """The server event a WebSocket text message carries, typed by its ``type`` (an unknown
    type gives an ``UnknownRealtimeServerEvent``). Text that is not JSON, or an event without
    the fields its type requires, raises :class:`JSONDeserializeError` keeping the text."""
    return decode_json(
        _server_event_adapter().validate_json, text, "a message is not a valid RealtimeServerEvent"
    )


# --- REST: client secrets and SIP/WebRTC calls (``client.realtime``) --------------------------


class RealtimeClientSecretExpiration(RequestModel):
    """When a client secret expires: ``seconds`` (10 to 7200, 600 by default) after it is
    created. A session started before then may go on after it."""

    anchor: Literal["created_at"] | None = None
    seconds: int | None = Field(default=None, ge=10, le=7200)


_SessionRequestChoices: TypeAlias = (
    Annotated[RealtimeSessionCreateRequestGA, Tag("realtime")]
    | Annotated[RealtimeTranscriptionSessionCreateRequestGA, Tag("transcription")]
)


def _session_request_tag(value: Any) -> str:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return "transcription" if kind == "transcription" else "realtime"


class RealtimeCreateClientSecretRequest(RequestModel):
    """Body of ``POST /realtime/client_secrets``: the session a page may open with the
    ephemeral key, and when the key expires."""

    expires_after: RealtimeClientSecretExpiration | None = None
    session: Annotated[_SessionRequestChoices, Discriminator(_session_request_tag)] | None = None


class RealtimeCreateClientSecretResponse(ResponseModel):
    """An ephemeral key (``value``, ``ek_...``) for one realtime or transcription session:
    safe to hand to a page, unlike an API key."""

    value: str
    expires_at: int | None = None
    session: _Session | None = None


class RealtimeTranslationTranscription(RequestModel):
    """A transcript of the source speech, as ``session.input_transcript.delta`` events."""

    model: str


class RealtimeTranslationAudioInput(RequestModel):
    """How the source speech is heard."""

    transcription: RealtimeTranslationTranscription | None = None
    noise_reduction: RealtimeNoiseReduction | None = None


class RealtimeTranslationAudioOutput(RequestModel):
    """The language the speech is translated into."""

    language: str | None = None


class RealtimeTranslationAudio(RequestModel):
    """The audio of a translation session."""

    input: RealtimeTranslationAudioInput | None = None
    output: RealtimeTranslationAudioOutput | None = None


class RealtimeTranslationSessionCreateRequest(RequestModel):
    """A translation session: speech in, speech in ``audio.output.language`` out."""

    model: str
    audio: RealtimeTranslationAudio | None = None


class RealtimeTranslationClientSecretCreateRequest(RequestModel):
    """Body of ``POST /realtime/translations/client_secrets``."""

    expires_after: RealtimeClientSecretExpiration | None = None
    session: RealtimeTranslationSessionCreateRequest


class RealtimeTranslationSession(ResponseModel):
    """A translation session's settings, as the server reports them."""

    id: str | None = None
    type: str | None = None
    expires_at: int | None = None
    model: str | None = None
    audio: dict[str, Any] | None = None


class RealtimeTranslationClientSecretCreateResponse(ResponseModel):
    """An ephemeral key for one translation session."""

    value: str
    expires_at: int | None = None
    session: RealtimeTranslationSession | None = None


class RealtimeCallCreateRequest(RequestModel):
    """Body of ``POST /realtime/calls`` (multipart): the caller's WebRTC SDP offer, and the
    settings of the session that answers."""

    sdp: str
    session: RealtimeSessionCreateRequestGA | None = None


class RealtimeCallReferRequest(RequestModel):
    """Body of ``POST /realtime/calls/{call_id}/refer``: where to transfer a SIP call
    (``tel:+14155550123``, ``sip:agent@example.com``)."""

    target_uri: str


class RealtimeCallRejectRequest(RequestModel):
    """Body of ``POST /realtime/calls/{call_id}/reject``: the SIP status to answer with
    (603 Decline when unset)."""

    status_code: int | None = None
