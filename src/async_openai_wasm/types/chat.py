"""Chat Completions types (``POST /chat/completions``, and stored completions).

Field names are the JSON names. Shapes:

- Values of one of several shapes are plain unions (``Prompt``, ``Stop``, the ``...Content``
  unions, ``ChatCompletionToolChoiceOption``, ``ChatCompletionFunctionCall``).
- Enums tagged by ``role`` or ``type`` are discriminated unions; each member class carries its tag
  as a ``Literal`` field with a default, so ``ChatCompletionRequestUserMessage(content="hi")``
  is sent as ``{"role": "user", "content": "hi"}``.
- Unit enums are ``StrEnum`` subclasses whose member names equal the wire values.

Requests are strict (unknown fields are errors, ``None`` is not sent). Responses are lenient:
what real OpenAI-compatible servers omit is optional, enum fields keep values they do not know
as plain strings, and unknown fields are kept (see ``return_catchall``).
"""

from collections.abc import AsyncIterator
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

from ._base import Lenient, QueryModel, RequestModel, ResponseModel

__all__ = [
    "ChatChoice",
    "ChatChoiceLogprobs",
    "ChatChoiceStream",
    "ChatCompletionAudio",
    "ChatCompletionAudioFormat",
    "ChatCompletionAudioVoice",
    "ChatCompletionDeleted",
    "ChatCompletionFunctionCall",
    "ChatCompletionFunctions",
    "ChatCompletionMessageToolCall",
    "ChatCompletionMessageToolCallChunk",
    "ChatCompletionModalities",
    "ChatCompletionNamedToolChoice",
    "ChatCompletionRequestAssistantMessage",
    "ChatCompletionRequestAssistantMessageAudio",
    "ChatCompletionRequestAssistantMessageContent",
    "ChatCompletionRequestAssistantMessageContentPart",
    "ChatCompletionRequestDeveloperMessage",
    "ChatCompletionRequestDeveloperMessageContent",
    "ChatCompletionRequestFunctionMessage",
    "ChatCompletionRequestMessage",
    "ChatCompletionRequestMessageContentPartAudio",
    "ChatCompletionRequestMessageContentPartFile",
    "ChatCompletionRequestMessageContentPartImage",
    "ChatCompletionRequestMessageContentPartRefusal",
    "ChatCompletionRequestMessageContentPartText",
    "ChatCompletionRequestSystemMessage",
    "ChatCompletionRequestSystemMessageContent",
    "ChatCompletionRequestSystemMessageContentPart",
    "ChatCompletionRequestToolMessage",
    "ChatCompletionRequestToolMessageContent",
    "ChatCompletionRequestToolMessageContentPart",
    "ChatCompletionRequestUserMessage",
    "ChatCompletionRequestUserMessageContent",
    "ChatCompletionRequestUserMessageContentPart",
    "ChatCompletionResponseMessage",
    "ChatCompletionResponseMessageAnnotation",
    "ChatCompletionResponseMessageAudio",
    "ChatCompletionResponseStream",
    "ChatCompletionStoreMessage",
    "ChatCompletionStoreMessageContentPart",
    "ChatCompletionStreamOptions",
    "ChatCompletionStreamResponseDelta",
    "ChatCompletionTokenLogprob",
    "ChatCompletionTool",
    "ChatCompletionToolChoiceOption",
    "ChatCompletionToolType",
    "Choice",
    "CompletionFinishReason",
    "CompletionTokensDetails",
    "CompletionUsage",
    "CreateChatCompletionRequest",
    "CreateChatCompletionResponse",
    "CreateChatCompletionStreamResponse",
    "FinishReason",
    "FunctionCall",
    "FunctionCallStream",
    "FunctionName",
    "FunctionObject",
    "ImageDetail",
    "ImageUrl",
    "InputAudio",
    "InputAudioFormat",
    "InputFile",
    "ListChatCompletionMessagesQuery",
    "ListChatCompletionsQuery",
    "Logprobs",
    "PredictionContent",
    "PredictionContentContent",
    "Prompt",
    "PromptTokensDetails",
    "ReasoningEffort",
    "ResponseFormat",
    "ResponseFormatJsonObject",
    "ResponseFormatJsonSchema",
    "ResponseFormatJsonSchemaFormat",
    "ResponseFormatText",
    "Role",
    "ServiceTier",
    "ServiceTierResponse",
    "Stop",
    "TopLogprobs",
    "UpdateChatCompletionRequest",
    "UrlCitation",
    "Verbosity",
    "WebSearchContextSize",
    "WebSearchLocation",
    "WebSearchOptions",
    "WebSearchUserLocation",
    "WebSearchUserLocationType",
]


# Any token id >= 0: tokenizers such as o200k_base have ids above 65535.
_TokenId: TypeAlias = Annotated[int, Field(ge=0)]

# The spec says integer in -100..100; OpenAI-compatible servers such as vLLM also take floats.
_LogitBias: TypeAlias = (
    Annotated[int, Field(ge=-100, le=100)] | Annotated[float, Field(ge=-100, le=100)]
)


# --- Unit enums ------------------------------------------------------------------------------


class CompletionFinishReason(StrEnum):
    """Why a legacy completion stopped."""

    stop = "stop"
    length = "length"
    content_filter = "content_filter"


class Role(StrEnum):
    """The role of a message's author."""

    developer = "developer"
    system = "system"
    user = "user"
    assistant = "assistant"
    tool = "tool"
    function = "function"


class ImageDetail(StrEnum):
    """Detail level of an image input."""

    auto = "auto"
    low = "low"
    high = "high"


class InputAudioFormat(StrEnum):
    """Format of base64 audio input."""

    wav = "wav"
    mp3 = "mp3"


class ChatCompletionToolType(StrEnum):
    """The type of a tool; currently only `function`."""

    function = "function"


class WebSearchContextSize(StrEnum):
    """The amount of context window space to use for the search."""

    low = "low"
    medium = "medium"
    high = "high"


class WebSearchUserLocationType(StrEnum):
    """The type of location approximation; always `approximate`."""

    approximate = "approximate"


class ServiceTier(StrEnum):
    """Requested processing tier."""

    auto = "auto"
    default = "default"
    flex = "flex"
    scale = "scale"
    priority = "priority"
    fast = "fast"


class ServiceTierResponse(StrEnum):
    """Tier used to process a request, as reported back."""

    scale = "scale"
    default = "default"
    auto = "auto"
    flex = "flex"
    priority = "priority"
    fast = "fast"
    ultrafast = "ultrafast"


class ReasoningEffort(StrEnum):
    """Effort on reasoning for reasoning models."""

    none = "none"
    minimal = "minimal"
    low = "low"
    medium = "medium"
    high = "high"
    xhigh = "xhigh"
    max = "max"


class Verbosity(StrEnum):
    """Verbosity of the model's answer."""

    low = "low"
    medium = "medium"
    high = "high"


class ChatCompletionModalities(StrEnum):
    """An output type the model should generate."""

    text = "text"
    audio = "audio"


class ChatCompletionAudioVoice(StrEnum):
    """Built-in voice for audio output."""

    alloy = "alloy"
    ash = "ash"
    ballad = "ballad"
    coral = "coral"
    echo = "echo"
    fable = "fable"
    nova = "nova"
    onyx = "onyx"
    sage = "sage"
    shimmer = "shimmer"
    verse = "verse"
    marin = "marin"
    cedar = "cedar"


class ChatCompletionAudioFormat(StrEnum):
    """Output audio format (`aac` from the spec added)."""

    wav = "wav"
    aac = "aac"
    mp3 = "mp3"
    flac = "flac"
    opus = "opus"
    pcm16 = "pcm16"


class FinishReason(StrEnum):
    """Why the model stopped generating tokens."""

    stop = "stop"
    length = "length"
    tool_calls = "tool_calls"
    content_filter = "content_filter"
    function_call = "function_call"


# --- Legacy completions shapes (defined in chat.rs, used by /completions) ---------------------

Prompt: TypeAlias = str | list[str] | list[_TokenId] | list[list[_TokenId]]

# OpenAI takes at most 4 stop sequences; not enforced, as other servers accept more.
Stop: TypeAlias = str | list[str]


class Logprobs(ResponseModel):
    """Log probabilities of a legacy completion's tokens."""

    tokens: list[str]
    token_logprobs: list[float | None]
    top_logprobs: list[Any]
    text_offset: list[int]


class Choice(ResponseModel):
    """One legacy completion choice."""

    text: str
    index: int | None = None
    logprobs: Logprobs | None = None
    finish_reason: Lenient[CompletionFinishReason] | None = None


# --- Function calls and usage -----------------------------------------------------------------


class FunctionCall(ResponseModel):
    """The name and arguments of a function the model called.

    Received in responses and sent back in assistant messages, so it keeps unknown fields.
    """

    name: str
    arguments: str


class FunctionName(RequestModel):
    """The name of a function to call."""

    name: str


# `none`, `auto`, or a function by name: `{"name": ...}`.
ChatCompletionFunctionCall: TypeAlias = Literal["none", "auto"] | FunctionName


class PromptTokensDetails(ResponseModel):
    """Breakdown of tokens used in the prompt."""

    audio_tokens: int | None = None
    cached_tokens: int | None = None
    text_tokens: int | None = None
    image_tokens: int | None = None
    cache_write_tokens: int | None = None


class CompletionTokensDetails(ResponseModel):
    """Breakdown of tokens used in a completion."""

    accepted_prediction_tokens: int | None = None
    audio_tokens: int | None = None
    reasoning_tokens: int | None = None
    rejected_prediction_tokens: int | None = None
    text_tokens: int | None = None


class CompletionUsage(ResponseModel):
    """Usage statistics for the completion request."""

    # The spec gives these a default of 0; some servers leave one out.
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    prompt_tokens_details: PromptTokensDetails | None = None
    completion_tokens_details: CompletionTokensDetails | None = None


# --- Request message content parts ------------------------------------------------------------


class ChatCompletionRequestMessageContentPartText(RequestModel):
    """A text content part."""

    type: Literal["text"] = "text"
    text: str


class ChatCompletionRequestMessageContentPartRefusal(RequestModel):
    """A refusal content part (assistant messages)."""

    type: Literal["refusal"] = "refusal"
    refusal: str


class ImageUrl(RequestModel):
    """An image given by URL or base64 data URL."""

    url: str
    detail: ImageDetail | None = None


class ChatCompletionRequestMessageContentPartImage(RequestModel):
    """An image content part."""

    type: Literal["image_url"] = "image_url"
    image_url: ImageUrl


class InputAudio(RequestModel):
    """Base64 encoded audio input."""

    data: str
    format: InputAudioFormat


class ChatCompletionRequestMessageContentPartAudio(RequestModel):
    """An audio content part."""

    type: Literal["input_audio"] = "input_audio"
    input_audio: InputAudio


class InputFile(RequestModel):
    """A file input, by upload id or inline base64 data."""

    filename: str | None = None
    file_data: str | None = None
    file_id: str | None = None


class ChatCompletionRequestMessageContentPartFile(RequestModel):
    """A file content part."""

    type: Literal["file"] = "file"
    file: InputFile


ChatCompletionRequestUserMessageContentPart: TypeAlias = Annotated[
    ChatCompletionRequestMessageContentPartText
    | ChatCompletionRequestMessageContentPartImage
    | ChatCompletionRequestMessageContentPartAudio
    | ChatCompletionRequestMessageContentPartFile,
    Field(discriminator="type"),
]

# Unions of one member: the member class already pins `type`.
ChatCompletionRequestSystemMessageContentPart: TypeAlias = (
    ChatCompletionRequestMessageContentPartText
)
ChatCompletionRequestToolMessageContentPart: TypeAlias = ChatCompletionRequestMessageContentPartText

ChatCompletionRequestAssistantMessageContentPart: TypeAlias = Annotated[
    ChatCompletionRequestMessageContentPartText | ChatCompletionRequestMessageContentPartRefusal,
    Field(discriminator="type"),
]

ChatCompletionRequestDeveloperMessageContent: TypeAlias = (
    str | list[ChatCompletionRequestMessageContentPartText]
)
ChatCompletionRequestSystemMessageContent: TypeAlias = (
    str | list[ChatCompletionRequestSystemMessageContentPart]
)
ChatCompletionRequestUserMessageContent: TypeAlias = (
    str | list[ChatCompletionRequestUserMessageContentPart]
)
ChatCompletionRequestAssistantMessageContent: TypeAlias = (
    str | list[ChatCompletionRequestAssistantMessageContentPart]
)
ChatCompletionRequestToolMessageContent: TypeAlias = (
    str | list[ChatCompletionRequestToolMessageContentPart]
)


# --- Tool calls (received, and sent back in assistant messages) -------------------------------


class ChatCompletionMessageToolCall(ResponseModel):
    """A tool call generated by the model.

    A ResponseModel because it is parsed from responses and then passed back as-is in
    ``ChatCompletionRequestAssistantMessage.tool_calls``; fields a server added are echoed back.
    """

    id: str
    type: Lenient[ChatCompletionToolType] = ChatCompletionToolType.function
    function: FunctionCall


# --- Request messages -------------------------------------------------------------------------


class ChatCompletionRequestDeveloperMessage(RequestModel):
    """Developer-provided instructions the model should follow."""

    role: Literal["developer"] = "developer"
    content: ChatCompletionRequestDeveloperMessageContent
    name: str | None = None


class ChatCompletionRequestSystemMessage(RequestModel):
    """System instructions (use a developer message with o1 and newer models)."""

    role: Literal["system"] = "system"
    content: ChatCompletionRequestSystemMessageContent
    name: str | None = None


class ChatCompletionRequestUserMessage(RequestModel):
    """A message from the end user."""

    role: Literal["user"] = "user"
    content: ChatCompletionRequestUserMessageContent
    name: str | None = None


class ChatCompletionRequestAssistantMessageAudio(RequestModel):
    """Reference to a previous audio response from the model."""

    id: str


class ChatCompletionRequestAssistantMessage(RequestModel):
    """A message previously sent by the model."""

    role: Literal["assistant"] = "assistant"
    content: ChatCompletionRequestAssistantMessageContent | None = None
    refusal: str | None = None
    name: str | None = None
    audio: ChatCompletionRequestAssistantMessageAudio | None = None
    tool_calls: list[ChatCompletionMessageToolCall] | None = None
    function_call: FunctionCall | None = None  # deprecated: replaced by `tool_calls`


class ChatCompletionRequestToolMessage(RequestModel):
    """The result of a tool call."""

    role: Literal["tool"] = "tool"
    content: ChatCompletionRequestToolMessageContent
    tool_call_id: str


class ChatCompletionRequestFunctionMessage(RequestModel):
    """The result of a function call (deprecated: use a tool message)."""

    role: Literal["function"] = "function"
    content: str | None = None
    name: str

    # The spec requires `content` (nullable): sent as null when None.
    @model_serializer(mode="wrap")
    def _keep_null_content(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        body: dict[str, Any] = handler(self)
        body.setdefault("content", None)
        return body


ChatCompletionRequestMessage: TypeAlias = Annotated[
    ChatCompletionRequestDeveloperMessage
    | ChatCompletionRequestSystemMessage
    | ChatCompletionRequestUserMessage
    | ChatCompletionRequestAssistantMessage
    | ChatCompletionRequestToolMessage
    | ChatCompletionRequestFunctionMessage,
    Field(discriminator="role"),
]


# --- Tools, tool choice, response format ------------------------------------------------------


class ChatCompletionFunctions(RequestModel):
    """A function the model may call (deprecated: use `tools`)."""

    name: str
    description: str | None = None
    # Optional in the spec: a function may take no parameters.
    parameters: dict[str, Any] | None = None


class FunctionObject(RequestModel):
    """A function the model may call: name, description and JSON Schema parameters."""

    name: str
    description: str | None = None
    parameters: dict[str, Any] | None = None
    strict: bool | None = None


class ChatCompletionTool(RequestModel):
    """A tool the model may call; currently only functions."""

    type: ChatCompletionToolType = ChatCompletionToolType.function
    function: FunctionObject


class ChatCompletionNamedToolChoice(RequestModel):
    """Forces the model to call a specific function."""

    type: ChatCompletionToolType = ChatCompletionToolType.function
    function: FunctionName


# `none` | `auto` | `required` | `{"type": "function", "function": {"name": ...}}`.
ChatCompletionToolChoiceOption: TypeAlias = (
    Literal["none", "auto", "required"] | ChatCompletionNamedToolChoice
)


class ResponseFormatJsonSchema(RequestModel):
    """Structured Outputs configuration: a named JSON Schema."""

    # `schema` would shadow BaseModel.schema, so the attribute is `schema_`; the wire name and
    # the constructor keyword stay `schema` (by alias only, so type checkers see `schema=`).
    model_config = ConfigDict(populate_by_name=False)

    description: str | None = None
    name: str
    schema_: dict[str, Any] | None = Field(default=None, alias="schema")
    strict: bool | None = None


class ResponseFormatText(RequestModel):
    """`ResponseFormat::Text`: plain text output."""

    type: Literal["text"] = "text"


class ResponseFormatJsonObject(RequestModel):
    """`ResponseFormat::JsonObject`: JSON mode."""

    type: Literal["json_object"] = "json_object"


class ResponseFormatJsonSchemaFormat(RequestModel):
    """``{"type": "json_schema", "json_schema": ...}``: Structured Outputs."""

    type: Literal["json_schema"] = "json_schema"
    json_schema: ResponseFormatJsonSchema


ResponseFormat: TypeAlias = Annotated[
    ResponseFormatText | ResponseFormatJsonObject | ResponseFormatJsonSchemaFormat,
    Field(discriminator="type"),
]


# --- Web search, prediction, audio output, streaming options ----------------------------------


class WebSearchLocation(RequestModel):
    """Approximate location parameters for the search."""

    country: str | None = None
    region: str | None = None
    city: str | None = None
    timezone: str | None = None


class WebSearchUserLocation(RequestModel):
    """The user's approximate location."""

    type: WebSearchUserLocationType = WebSearchUserLocationType.approximate
    approximate: WebSearchLocation


class WebSearchOptions(RequestModel):
    """Options for the web search tool."""

    search_context_size: WebSearchContextSize | None = None
    user_location: WebSearchUserLocation | None = None


PredictionContentContent: TypeAlias = str | list[ChatCompletionRequestMessageContentPartText]


class PredictionContent(RequestModel):
    """Static predicted output content (``{"type": "content", "content": ...}``)."""

    type: Literal["content"] = "content"
    content: PredictionContentContent


class ChatCompletionAudio(RequestModel):
    """Parameters for audio output."""

    # The spec allows any voice id; unknown names are sent as given.
    voice: Lenient[ChatCompletionAudioVoice]
    format: ChatCompletionAudioFormat


class ChatCompletionStreamOptions(RequestModel):
    """Options for streaming responses; only set with `stream: true`."""

    # Optional in the spec, which also has `include_obfuscation`.
    include_usage: bool | None = None
    include_obfuscation: bool | None = None


# --- The request ------------------------------------------------------------------------------


class CreateChatCompletionRequest(RequestModel):
    """Body of ``POST /chat/completions``.

    ``extra_params`` is merged into the top level of the body, for
    server-specific parameters; a key that names a typed field is an error.
    """

    messages: list[ChatCompletionRequestMessage] = Field(min_length=1)
    model: str
    store: bool | None = None
    reasoning_effort: ReasoningEffort | None = None
    # The spec: string keys to string values.
    metadata: dict[str, str] | None = None
    frequency_penalty: float | None = Field(default=None, ge=-2, le=2)
    # Token ids to biases; see _TokenId and _LogitBias.
    logit_bias: dict[_TokenId, _LogitBias] | None = None
    logprobs: bool | None = None
    top_logprobs: int | None = Field(default=None, ge=0, le=20)
    max_tokens: int | None = Field(default=None, ge=0)  # deprecated: max_completion_tokens
    max_completion_tokens: int | None = Field(default=None, ge=0)
    n: int | None = Field(default=None, ge=1, le=128)
    modalities: list[ChatCompletionModalities] | None = None
    prediction: PredictionContent | None = None
    audio: ChatCompletionAudio | None = None
    presence_penalty: float | None = Field(default=None, ge=-2, le=2)
    response_format: ResponseFormat | None = None
    seed: int | None = Field(default=None, ge=-(2**63), le=2**63 - 1)  # i64
    service_tier: ServiceTier | None = None
    stop: Stop | None = None
    stream: bool | None = None
    stream_options: ChatCompletionStreamOptions | None = None
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    tools: list[ChatCompletionTool] | None = None
    tool_choice: ChatCompletionToolChoiceOption | None = None
    parallel_tool_calls: bool | None = None
    user: str | None = None  # deprecated in the spec: safety_identifier / prompt_cache_key
    web_search_options: WebSearchOptions | None = None
    function_call: ChatCompletionFunctionCall | None = None  # deprecated: tool_choice
    functions: list[ChatCompletionFunctions] | None = None  # deprecated: tools
    verbosity: Verbosity | None = None
    safety_identifier: str | None = Field(default=None, max_length=64)
    prompt_cache_key: str | None = None
    # Merged into the body by the serialiser below, never sent as a key.
    extra_params: dict[str, Any] | None = Field(default=None, exclude=True)

    @field_validator("extra_params")
    @classmethod
    def _no_clash_with_typed_fields(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        # Checked when the request is built, so the error names the key before anything is sent.
        typed = {f.alias or name for name, f in cls.model_fields.items()} | set(cls.model_fields)
        clashes = sorted(key for key in value or {} if key in typed)
        if clashes:
            raise ValueError(
                f"extra_params key(s) {', '.join(map(repr, clashes))} collide with typed "
                "fields of CreateChatCompletionRequest; set the field itself instead"
            )
        return value

    @model_serializer(mode="wrap")
    def _merge_extra_params(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        body: dict[str, Any] = handler(self)
        if self.extra_params:
            body.update(self.extra_params)
        return body


# --- Responses --------------------------------------------------------------------------------


class _CatchAllResponse(ResponseModel):
    """A response type whose unknown fields are also a dict, ``return_catchall``."""

    @property
    def return_catchall(self) -> dict[str, Any]:
        """Fields the server sent that this model does not declare (empty dict if none).

        A copy of ``model_extra``, e.g. ``{"reasoning_content": "..."}``; they are also readable
        as attributes. Always a dict, so ``.get()`` needs no None check.
        """
        return dict(self.model_extra or {})


class TopLogprobs(ResponseModel):
    """One of the most likely tokens at a position, with its log probability."""

    token: str
    logprob: float
    bytes: list[int] | None = None


class ChatCompletionTokenLogprob(ResponseModel):
    """A generated token with its log probability and the most likely alternatives."""

    token: str
    logprob: float
    bytes: list[int] | None = None
    top_logprobs: list[TopLogprobs] = Field(default_factory=list)


class ChatChoiceLogprobs(ResponseModel):
    """Log probability information for a choice."""

    content: list[ChatCompletionTokenLogprob] | None = None
    refusal: list[ChatCompletionTokenLogprob] | None = None


class ChatCompletionResponseMessageAudio(ResponseModel):
    """Audio output generated by the model."""

    id: str | None = None
    expires_at: int | None = None
    data: str
    transcript: str


class UrlCitation(ResponseModel):
    """A URL cited by the model when using web search."""

    end_index: int
    start_index: int
    url: str
    title: str


class ChatCompletionResponseMessageAnnotation(ResponseModel):
    """An annotation on a message, e.g. a `url_citation`."""

    type: str
    url_citation: UrlCitation | None = None


class ChatCompletionResponseMessage(_CatchAllResponse):
    """A chat completion message generated by the model."""

    content: str | None = None
    refusal: str | None = None
    tool_calls: list[ChatCompletionMessageToolCall] | None = None
    # Always `assistant` in the spec; defaulted for servers that leave it out.
    role: Lenient[Role] = Role.assistant
    function_call: FunctionCall | None = None  # deprecated: replaced by `tool_calls`
    audio: ChatCompletionResponseMessageAudio | None = None
    annotations: list[ChatCompletionResponseMessageAnnotation] | None = None  # from the spec


class ChatChoice(ResponseModel):
    """One chat completion choice."""

    index: int | None = None
    message: ChatCompletionResponseMessage
    finish_reason: Lenient[FinishReason] | None = None
    logprobs: ChatChoiceLogprobs | None = None


class CreateChatCompletionResponse(_CatchAllResponse):
    """A chat completion returned by the model."""

    id: str | None = None
    choices: list[ChatChoice]
    # Required in the spec; Ollama/vLLM-style servers may omit them.
    created: int | None = None
    model: str | None = None
    service_tier: Lenient[ServiceTierResponse] | None = None
    system_fingerprint: str | None = None
    object: str | None = None
    usage: CompletionUsage | None = None


class FunctionCallStream(ResponseModel):
    """A fragment of a function call in a stream."""

    name: str | None = None
    arguments: str | None = None


class ChatCompletionMessageToolCallChunk(ResponseModel):
    """A fragment of a tool call in a stream, keyed by `index`."""

    index: int
    id: str | None = None
    type: Lenient[ChatCompletionToolType] | None = None
    function: FunctionCallStream | None = None


class ChatCompletionStreamResponseDelta(_CatchAllResponse):
    """A chat completion delta generated by streamed model responses."""

    content: str | None = None
    function_call: FunctionCallStream | None = None  # deprecated: replaced by `tool_calls`
    tool_calls: list[ChatCompletionMessageToolCallChunk] | None = None
    role: Lenient[Role] | None = None
    refusal: str | None = None


class ChatChoiceStream(ResponseModel):
    """One choice in a streamed chunk."""

    index: int | None = None
    delta: ChatCompletionStreamResponseDelta
    finish_reason: Lenient[FinishReason] | None = None
    logprobs: ChatChoiceLogprobs | None = None


class CreateChatCompletionStreamResponse(_CatchAllResponse):
    """A streamed chunk of a chat completion."""

    id: str | None = None
    choices: list[ChatChoiceStream]
    created: int | None = None
    model: str | None = None
    service_tier: Lenient[ServiceTierResponse] | None = None
    system_fingerprint: str | None = None
    object: str | None = None
    usage: CompletionUsage | None = None


# What create_stream yields; any async iterator of chunks fits.
ChatCompletionResponseStream: TypeAlias = AsyncIterator[CreateChatCompletionStreamResponse]


# --- Stored completions (``store=True``) ------------------------------------------------------


class ListChatCompletionsQuery(QueryModel):
    """The query of ``GET /chat/completions``: stored completions of a ``model`` and with
    this ``metadata``, ``limit`` per page in ``order`` of creation, starting ``after`` an id."""

    model: str | None = None
    after: str | None = None
    limit: int | None = Field(default=None, ge=1)
    order: Literal["asc", "desc"] | None = None
    metadata: dict[str, str] | None = None


class ListChatCompletionMessagesQuery(RequestModel):
    """The query of ``GET /chat/completions/{completion_id}/messages``."""

    after: str | None = None
    limit: int | None = Field(default=None, ge=1)
    order: Literal["asc", "desc"] | None = None


class UpdateChatCompletionRequest(RequestModel):
    """Body of ``POST /chat/completions/{completion_id}``: only the metadata can change."""

    metadata: dict[str, str]


class ChatCompletionDeleted(ResponseModel):
    """The result of deleting a stored chat completion."""

    id: str
    object: str | None = None
    deleted: bool


class ChatCompletionStoreMessageContentPart(ResponseModel):
    """A text or image part of a stored input message."""

    type: str
    text: str | None = None
    image_url: dict[str, Any] | None = None


class ChatCompletionStoreMessage(ChatCompletionResponseMessage):
    """A message of a stored chat completion, with its id and, for a message that was input,
    its content parts."""

    id: str
    content_parts: list[ChatCompletionStoreMessageContentPart] | None = None
