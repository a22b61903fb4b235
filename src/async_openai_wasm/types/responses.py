"""Responses API types (``/responses``), named after the spec's schemas.

Wire shapes:

- Unions tagged by ``type`` are discriminated unions. Each member class carries its tag as a
  ``Literal`` field with a default, so ``InputTextContent(text="hi")`` is sent as
  ``{"type": "input_text", "text": "hi"}``.
- Items, tools, content parts and stream events of a ``type`` this module does not model are
  kept, not refused: as ``UnknownItem``, ``UnknownTool``, ``UnknownContent`` or
  ``UnknownResponseStreamEvent``, which hold the ``type`` and every other field as sent. So
  ``client.responses.create(tools=[{"type": "shell"}])`` is sent as given, and a new kind of
  output item does not fail a response.
- What a caller writes (messages, tool outputs, tools, settings) is strict: a misspelt field or
  an out-of-range value is an error naming it. What the model produces (output messages, tool
  calls, reasoning) is lenient, and the same classes are accepted back as input, so
  ``input=[*previous.output, FunctionCallOutputItemParam(...)]`` works.
- A :class:`Response` echoes the request's settings (``tools``, ``text``, ``reasoning``, ...) as
  ``Echoed[...]``: the typed setting when it fits the request type, else the JSON as received.
"""

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    SerializerFunctionWrapHandler,
    Tag,
    model_serializer,
)

from ._base import Echoed, FalseIfNull, Lenient, RequestModel, ResponseModel, type_discriminator
from .chat import (
    ReasoningEffort,
    ResponseFormatJsonObject,
    ResponseFormatText,
    ServiceTierResponse,
    Verbosity,
)
from .vector_stores import ComparisonFilter, CompoundFilter

__all__ = [
    "Annotation",
    "ApproximateLocation",
    "CallableToolAllowedCaller",
    "CodeInterpreterOutputImage",
    "CodeInterpreterOutputLogs",
    "CodeInterpreterTool",
    "CodeInterpreterToolAuto",
    "CodeInterpreterToolCall",
    "CompactResource",
    "CompactResponseMethodPublicBody",
    "ComputerAction",
    "ComputerCallOutputItemParam",
    "ComputerCallSafetyCheckParam",
    "ComputerEnvironment",
    "ComputerScreenshotImage",
    "ComputerTool",
    "ComputerToolCall",
    "ComputerToolCallOutputResource",
    "ComputerUsePreviewTool",
    "ContainerFileCitationBody",
    "ContextManagementParam",
    "ConversationParam",
    "ConversationParam2",
    "CreateResponse",
    "CustomGrammarFormatParam",
    "CustomTextFormatParam",
    "CustomToolCall",
    "CustomToolParam",
    "DirectToolCallCallerParam",
    "EasyInputMessage",
    "FileCitationBody",
    "FileInputDetail",
    "FilePath",
    "FileSearchTool",
    "FileSearchToolCall",
    "FileSearchToolCallResult",
    "FunctionCallItemStatus",
    "FunctionCallOutputItemParam",
    "FunctionTool",
    "FunctionToolCall",
    "FunctionToolCallOutputResource",
    "GetResponseQuery",
    "HybridSearchOptions",
    "ImageDetail",
    "ImageGenTool",
    "ImageGenToolCall",
    "ImageGenToolInputImageMask",
    "IncludeEnum",
    "IncompleteDetails",
    "InputContent",
    "InputFileContent",
    "InputImageContent",
    "InputItem",
    "InputMessage",
    "InputMessageResource",
    "InputParam",
    "InputTextContent",
    "InputTokensDetails",
    "ItemReferenceParam",
    "ItemResource",
    "ListInputItemsQuery",
    "LogProb",
    "MCPApprovalRequest",
    "MCPListTools",
    "MCPListToolsTool",
    "MCPTool",
    "MCPToolCall",
    "MCPToolFilter",
    "MessagePhase",
    "ModerationParam",
    "OutputContent",
    "OutputItem",
    "OutputMessage",
    "OutputMessageContent",
    "OutputTextContent",
    "OutputTokensDetails",
    "ProgramToolCallCallerParam",
    "Prompt",
    "PromptCacheBreakpointConfig",
    "PromptCacheOptionsParam",
    "RankingOptions",
    "Reasoning",
    "ReasoningItem",
    "ReasoningTextContent",
    "RefusalContent",
    "Response",
    "ResponseAudioDeltaEvent",
    "ResponseAudioDoneEvent",
    "ResponseAudioTranscriptDeltaEvent",
    "ResponseAudioTranscriptDoneEvent",
    "ResponseCodeInterpreterCallCodeDeltaEvent",
    "ResponseCodeInterpreterCallCodeDoneEvent",
    "ResponseCodeInterpreterCallCompletedEvent",
    "ResponseCodeInterpreterCallInProgressEvent",
    "ResponseCodeInterpreterCallInterpretingEvent",
    "ResponseCompletedEvent",
    "ResponseContentPartAddedEvent",
    "ResponseContentPartDoneEvent",
    "ResponseConversation",
    "ResponseCreatedEvent",
    "ResponseCustomToolCallInputDeltaEvent",
    "ResponseCustomToolCallInputDoneEvent",
    "ResponseError",
    "ResponseErrorCode",
    "ResponseErrorEvent",
    "ResponseFailedEvent",
    "ResponseFileSearchCallCompletedEvent",
    "ResponseFileSearchCallInProgressEvent",
    "ResponseFileSearchCallSearchingEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseFunctionCallArgumentsDoneEvent",
    "ResponseImageGenCallCompletedEvent",
    "ResponseImageGenCallGeneratingEvent",
    "ResponseImageGenCallInProgressEvent",
    "ResponseImageGenCallPartialImageEvent",
    "ResponseInProgressEvent",
    "ResponseIncompleteEvent",
    "ResponseItemList",
    "ResponseLogProb",
    "ResponseMCPCallArgumentsDeltaEvent",
    "ResponseMCPCallArgumentsDoneEvent",
    "ResponseMCPCallCompletedEvent",
    "ResponseMCPCallFailedEvent",
    "ResponseMCPCallInProgressEvent",
    "ResponseMCPListToolsCompletedEvent",
    "ResponseMCPListToolsFailedEvent",
    "ResponseMCPListToolsInProgressEvent",
    "ResponseOutputItemAddedEvent",
    "ResponseOutputItemDoneEvent",
    "ResponseOutputTextAnnotationAddedEvent",
    "ResponseQueuedEvent",
    "ResponseReasoningSummaryPartAddedEvent",
    "ResponseReasoningSummaryPartDoneEvent",
    "ResponseReasoningSummaryTextDeltaEvent",
    "ResponseReasoningSummaryTextDoneEvent",
    "ResponseReasoningTextDeltaEvent",
    "ResponseReasoningTextDoneEvent",
    "ResponseRefusalDeltaEvent",
    "ResponseRefusalDoneEvent",
    "ResponseStatus",
    "ResponseStreamEvent",
    "ResponseStreamOptions",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
    "ResponseTextParam",
    "ResponseUsage",
    "ResponseWebSearchCallCompletedEvent",
    "ResponseWebSearchCallInProgressEvent",
    "ResponseWebSearchCallSearchingEvent",
    "RetrieveStreamQuery",
    "SearchContextSize",
    "SummaryTextContent",
    "TextResponseFormatConfiguration",
    "TextResponseFormatJsonSchema",
    "TokenCountsBody",
    "TokenCountsResource",
    "Tool",
    "ToolCallCaller",
    "ToolCallCallerParam",
    "ToolChoiceAllowed",
    "ToolChoiceCustom",
    "ToolChoiceFunction",
    "ToolChoiceMCP",
    "ToolChoiceOptions",
    "ToolChoiceParam",
    "ToolChoiceTypes",
    "TopLogProb",
    "UnknownContent",
    "UnknownItem",
    "UnknownResponseStreamEvent",
    "UnknownTool",
    "UrlCitationBody",
    "WebSearchAction",
    "WebSearchActionFind",
    "WebSearchActionOpenPage",
    "WebSearchActionSearch",
    "WebSearchActionSearchSource",
    "WebSearchApproximateLocation",
    "WebSearchPreviewTool",
    "WebSearchTool",
    "WebSearchToolCall",
    "WebSearchToolFilters",
]


# --- Enums ------------------------------------------------------------------------------------


class IncludeEnum(StrEnum):
    """Additional output data to include in a response."""

    file_search_call_results = "file_search_call.results"
    web_search_call_results = "web_search_call.results"
    web_search_call_action_sources = "web_search_call.action.sources"
    message_input_image_image_url = "message.input_image.image_url"
    computer_call_output_output_image_url = "computer_call_output.output.image_url"
    code_interpreter_call_outputs = "code_interpreter_call.outputs"
    reasoning_encrypted_content = "reasoning.encrypted_content"
    message_output_text_logprobs = "message.output_text.logprobs"


class ImageDetail(StrEnum):
    """Detail level of an image input (``original`` keeps the full resolution)."""

    low = "low"
    high = "high"
    auto = "auto"
    original = "original"


class FileInputDetail(StrEnum):
    """Detail level of a file input."""

    auto = "auto"
    low = "low"
    high = "high"


class MessagePhase(StrEnum):
    """Whether an assistant message is commentary on the way or the final answer."""

    commentary = "commentary"
    final_answer = "final_answer"


class FunctionCallItemStatus(StrEnum):
    """Status of an item: ``in_progress``, ``completed`` or ``incomplete``."""

    in_progress = "in_progress"
    completed = "completed"
    incomplete = "incomplete"


class ComputerEnvironment(StrEnum):
    """The environment a computer-use tool controls."""

    windows = "windows"
    mac = "mac"
    linux = "linux"
    ubuntu = "ubuntu"
    browser = "browser"


class SearchContextSize(StrEnum):
    """How much context window space a web search may use."""

    low = "low"
    medium = "medium"
    high = "high"


class ToolChoiceOptions(StrEnum):
    """Whether the model calls no tool, may call tools, or must call one."""

    none = "none"
    auto = "auto"
    required = "required"


class ResponseStatus(StrEnum):
    """The status of a response."""

    completed = "completed"
    failed = "failed"
    in_progress = "in_progress"
    cancelled = "cancelled"
    queued = "queued"
    incomplete = "incomplete"


class ResponseErrorCode(StrEnum):
    """The error code of a failed response."""

    server_error = "server_error"
    rate_limit_exceeded = "rate_limit_exceeded"
    invalid_prompt = "invalid_prompt"
    data_residency_mismatch = "data_residency_mismatch"
    bio_policy = "bio_policy"
    vector_store_timeout = "vector_store_timeout"
    invalid_image = "invalid_image"
    invalid_image_format = "invalid_image_format"
    invalid_base64_image = "invalid_base64_image"
    invalid_image_url = "invalid_image_url"
    image_too_large = "image_too_large"
    image_too_small = "image_too_small"
    image_parse_error = "image_parse_error"
    image_content_policy_violation = "image_content_policy_violation"
    invalid_image_mode = "invalid_image_mode"
    image_file_too_large = "image_file_too_large"
    unsupported_image_media_type = "unsupported_image_media_type"
    empty_image_file = "empty_image_file"
    failed_to_download_image = "failed_to_download_image"
    image_file_not_found = "image_file_not_found"


# --- Input content ----------------------------------------------------------------------------


class PromptCacheBreakpointConfig(RequestModel):
    """Marks the end of a prompt prefix to cache."""

    mode: Literal["explicit"] = "explicit"


class InputTextContent(RequestModel):
    """A text input to the model."""

    type: Literal["input_text"] = "input_text"
    text: str
    prompt_cache_breakpoint: PromptCacheBreakpointConfig | None = None


class InputImageContent(RequestModel):
    """An image input, by URL (or base64 data URL) or by file id."""

    type: Literal["input_image"] = "input_image"
    image_url: str | None = None
    file_id: str | None = None
    # Required by the spec, optional in practice: sent as `auto` unless set.
    detail: ImageDetail = ImageDetail.auto
    prompt_cache_breakpoint: PromptCacheBreakpointConfig | None = None


class InputFileContent(RequestModel):
    """A file input, by file id, URL or inline base64 data."""

    type: Literal["input_file"] = "input_file"
    file_id: str | None = None
    filename: str | None = None
    file_data: str | None = None
    file_url: str | None = None
    detail: FileInputDetail | None = None
    prompt_cache_breakpoint: PromptCacheBreakpointConfig | None = None


InputContent: TypeAlias = Annotated[
    InputTextContent | InputImageContent | InputFileContent, Field(discriminator="type")
]


# --- Output content ---------------------------------------------------------------------------


class FileCitationBody(ResponseModel):
    """A citation of a file."""

    type: Literal["file_citation"] = "file_citation"
    file_id: str
    index: int | None = None
    filename: str | None = None


class UrlCitationBody(ResponseModel):
    """A citation of a web page."""

    type: Literal["url_citation"] = "url_citation"
    url: str
    start_index: int | None = None
    end_index: int | None = None
    title: str | None = None


class ContainerFileCitationBody(ResponseModel):
    """A citation of a file in a code interpreter container."""

    type: Literal["container_file_citation"] = "container_file_citation"
    container_id: str
    file_id: str
    start_index: int | None = None
    end_index: int | None = None
    filename: str | None = None


class FilePath(ResponseModel):
    """A path to a file the model wrote."""

    type: Literal["file_path"] = "file_path"
    file_id: str
    index: int | None = None


class UnknownContent(ResponseModel):
    """A content part or annotation of a ``type`` this package does not model, kept as sent."""

    type: str


_AnnotationChoices: TypeAlias = (
    Annotated[FileCitationBody, Tag("file_citation")]
    | Annotated[UrlCitationBody, Tag("url_citation")]
    | Annotated[ContainerFileCitationBody, Tag("container_file_citation")]
    | Annotated[FilePath, Tag("file_path")]
    | Annotated[UnknownContent, Tag("UnknownContent")]
)
Annotation: TypeAlias = Annotated[
    _AnnotationChoices, type_discriminator(_AnnotationChoices, "UnknownContent")
]


class TopLogProb(ResponseModel):
    """One of the most likely tokens at a position, with its log probability."""

    token: str
    logprob: float
    bytes: list[int] | None = None


class LogProb(ResponseModel):
    """A generated token with its log probability and the most likely alternatives."""

    token: str
    logprob: float
    bytes: list[int] | None = None
    top_logprobs: list[TopLogProb] = Field(default_factory=list)


class OutputTextContent(ResponseModel):
    """Text the model wrote, with its annotations (citations) and log probabilities."""

    type: Literal["output_text"] = "output_text"
    text: str
    # Both required by the spec for an output_text given back as input: empty unless sent.
    annotations: list[Annotation] = Field(default_factory=list)
    logprobs: list[LogProb] = Field(default_factory=list)


class RefusalContent(ResponseModel):
    """The model's refusal to answer."""

    type: Literal["refusal"] = "refusal"
    refusal: str


class ReasoningTextContent(ResponseModel):
    """Reasoning text from the model."""

    type: Literal["reasoning_text"] = "reasoning_text"
    text: str


class SummaryTextContent(ResponseModel):
    """A summary of the model's reasoning."""

    type: Literal["summary_text"] = "summary_text"
    text: str


_OutputMessageContentChoices: TypeAlias = (
    Annotated[OutputTextContent, Tag("output_text")]
    | Annotated[RefusalContent, Tag("refusal")]
    | Annotated[UnknownContent, Tag("UnknownContent")]
)
OutputMessageContent: TypeAlias = Annotated[
    _OutputMessageContentChoices,
    type_discriminator(_OutputMessageContentChoices, "UnknownContent"),
]

_OutputContentChoices: TypeAlias = (
    Annotated[OutputTextContent, Tag("output_text")]
    | Annotated[RefusalContent, Tag("refusal")]
    | Annotated[ReasoningTextContent, Tag("reasoning_text")]
    | Annotated[UnknownContent, Tag("UnknownContent")]
)
OutputContent: TypeAlias = Annotated[
    _OutputContentChoices, type_discriminator(_OutputContentChoices, "UnknownContent")
]


# --- Items the model produces (also accepted back as input) -----------------------------------


class ToolCallCaller(ResponseModel):
    """Who made a tool call: the model (``direct``) or a program it wrote (``program``)."""

    type: str
    caller_id: str | None = None


class OutputMessage(ResponseModel):
    """A message the model wrote."""

    id: str | None = None
    type: Literal["message"] = "message"
    role: Literal["assistant"] = "assistant"
    content: list[OutputMessageContent] = Field(default_factory=list)
    phase: Lenient[MessagePhase] | None = None
    status: Lenient[FunctionCallItemStatus] | None = None


class FileSearchToolCallResult(ResponseModel):
    """A chunk a file search found."""

    file_id: str | None = None
    text: str | None = None
    filename: str | None = None
    attributes: dict[str, str | bool | int | float] | None = None
    score: float | None = None


class FileSearchToolCall(ResponseModel):
    """A file search the model ran, with its results when included."""

    id: str | None = None
    type: Literal["file_search_call"] = "file_search_call"
    status: str | None = None
    queries: list[str] = Field(default_factory=list)
    results: list[FileSearchToolCallResult] | None = None


class FunctionToolCall(ResponseModel):
    """A call of one of your functions: run it and send back a ``function_call_output``."""

    id: str | None = None
    type: Literal["function_call"] = "function_call"
    call_id: str
    name: str
    arguments: str
    namespace: str | None = None
    caller: ToolCallCaller | None = None
    status: Lenient[FunctionCallItemStatus] | None = None


class WebSearchActionSearchSource(ResponseModel):
    """A source a web search consulted."""

    type: str = "url"
    url: str


class WebSearchActionSearch(ResponseModel):
    """A web search: the queries and the sources consulted."""

    type: Literal["search"] = "search"
    query: str | None = None  # deprecated: queries
    queries: list[str] | None = None
    sources: list[WebSearchActionSearchSource] | None = None


class WebSearchActionOpenPage(ResponseModel):
    """Opening a page found by a search."""

    type: Literal["open_page"] = "open_page"
    url: str | None = None


class WebSearchActionFind(ResponseModel):
    """Finding a pattern in a page."""

    type: Literal["find_in_page"] = "find_in_page"
    url: str | None = None
    pattern: str | None = None


_WebSearchActionChoices: TypeAlias = (
    Annotated[WebSearchActionSearch, Tag("search")]
    | Annotated[WebSearchActionOpenPage, Tag("open_page")]
    | Annotated[WebSearchActionFind, Tag("find_in_page")]
    | Annotated[UnknownContent, Tag("UnknownContent")]
)
WebSearchAction: TypeAlias = Annotated[
    _WebSearchActionChoices, type_discriminator(_WebSearchActionChoices, "UnknownContent")
]


class WebSearchToolCall(ResponseModel):
    """A web search the model ran."""

    id: str | None = None
    type: Literal["web_search_call"] = "web_search_call"
    status: str | None = None
    action: WebSearchAction | None = None


class ComputerAction(ResponseModel):
    """An action of a computer-use call: ``type`` says which (click, type, scroll, ...).

    The spec has one schema per action; they are merged here into one lenient model whose
    fields are those of every action, set as the action has them.
    """

    type: str
    x: int | None = None
    y: int | None = None
    button: str | None = None
    keys: list[str] | None = None
    text: str | None = None
    path: list[dict[str, int]] | None = None
    scroll_x: int | None = None
    scroll_y: int | None = None


class ComputerCallSafetyCheckParam(ResponseModel):
    """A safety check on a computer-use call, to acknowledge in the call's output."""

    id: str | None = None
    code: str | None = None
    message: str | None = None


class ComputerToolCall(ResponseModel):
    """A computer-use action the model asks you to perform."""

    id: str | None = None
    type: Literal["computer_call"] = "computer_call"
    call_id: str
    action: ComputerAction | None = None
    actions: list[ComputerAction] | None = None
    pending_safety_checks: list[ComputerCallSafetyCheckParam] = Field(default_factory=list)
    status: Lenient[FunctionCallItemStatus] | None = None


class ReasoningItem(ResponseModel):
    """The model's reasoning: summaries, text, or encrypted content to pass back."""

    id: str | None = None
    type: Literal["reasoning"] = "reasoning"
    summary: list[SummaryTextContent] = Field(default_factory=list)
    content: list[ReasoningTextContent] | None = None
    encrypted_content: str | None = None
    status: Lenient[FunctionCallItemStatus] | None = None


class ImageGenToolCall(ResponseModel):
    """An image the model generated: ``result`` is the base64 image."""

    id: str | None = None
    type: Literal["image_generation_call"] = "image_generation_call"
    status: str | None = None
    result: str | None = None


class CodeInterpreterOutputLogs(ResponseModel):
    """Logs a code interpreter run printed."""

    type: Literal["logs"] = "logs"
    logs: str


class CodeInterpreterOutputImage(ResponseModel):
    """An image a code interpreter run made."""

    type: Literal["image"] = "image"
    url: str


_CodeInterpreterOutputChoices: TypeAlias = (
    Annotated[CodeInterpreterOutputLogs, Tag("logs")]
    | Annotated[CodeInterpreterOutputImage, Tag("image")]
    | Annotated[UnknownContent, Tag("UnknownContent")]
)
_CodeInterpreterOutput: TypeAlias = Annotated[
    _CodeInterpreterOutputChoices,
    type_discriminator(_CodeInterpreterOutputChoices, "UnknownContent"),
]


class CodeInterpreterToolCall(ResponseModel):
    """Code the model ran in a code interpreter container, and its outputs."""

    id: str | None = None
    type: Literal["code_interpreter_call"] = "code_interpreter_call"
    status: str | None = None
    container_id: str | None = None
    code: str | None = None
    outputs: list[_CodeInterpreterOutput] | None = None


class MCPToolCall(ResponseModel):
    """A call of a tool on an MCP server, with its output or error."""

    id: str | None = None
    type: Literal["mcp_call"] = "mcp_call"
    server_label: str
    name: str
    arguments: str
    output: str | None = None
    # An object whose `type` says the kind of failure (protocol, tool execution, HTTP).
    error: dict[str, Any] | None = None
    status: str | None = None
    approval_request_id: str | None = None


class MCPListToolsTool(ResponseModel):
    """A tool an MCP server offers."""

    name: str
    input_schema: dict[str, Any] | None = None
    description: str | None = None
    annotations: dict[str, Any] | None = None


class MCPListTools(ResponseModel):
    """The tools an MCP server offers."""

    id: str | None = None
    type: Literal["mcp_list_tools"] = "mcp_list_tools"
    server_label: str
    tools: list[MCPListToolsTool] = Field(default_factory=list)
    error: str | None = None


class MCPApprovalRequest(ResponseModel):
    """A request for your approval of an MCP tool call."""

    id: str | None = None
    type: Literal["mcp_approval_request"] = "mcp_approval_request"
    server_label: str
    name: str
    arguments: str


class CustomToolCall(ResponseModel):
    """A call of one of your custom tools, with its free-form input."""

    id: str | None = None
    type: Literal["custom_tool_call"] = "custom_tool_call"
    call_id: str
    name: str
    input: str
    namespace: str | None = None
    caller: ToolCallCaller | None = None


class UnknownItem(ResponseModel):
    """An item of a ``type`` this package does not model, kept as sent (and sendable back)."""

    type: str


_OutputItemChoices: TypeAlias = (
    Annotated[OutputMessage, Tag("message")]
    | Annotated[FileSearchToolCall, Tag("file_search_call")]
    | Annotated[FunctionToolCall, Tag("function_call")]
    | Annotated[WebSearchToolCall, Tag("web_search_call")]
    | Annotated[ComputerToolCall, Tag("computer_call")]
    | Annotated[ReasoningItem, Tag("reasoning")]
    | Annotated[ImageGenToolCall, Tag("image_generation_call")]
    | Annotated[CodeInterpreterToolCall, Tag("code_interpreter_call")]
    | Annotated[MCPToolCall, Tag("mcp_call")]
    | Annotated[MCPListTools, Tag("mcp_list_tools")]
    | Annotated[MCPApprovalRequest, Tag("mcp_approval_request")]
    | Annotated[CustomToolCall, Tag("custom_tool_call")]
    | Annotated[UnknownItem, Tag("UnknownItem")]
)
OutputItem: TypeAlias = Annotated[
    _OutputItemChoices, type_discriminator(_OutputItemChoices, "UnknownItem")
]


# --- Items you write --------------------------------------------------------------------------


class EasyInputMessage(RequestModel):
    """A message to the model: text, or a list of text, image and file inputs."""

    type: Literal["message"] = "message"
    role: Literal["user", "assistant", "system", "developer"]
    content: str | list[InputContent]
    phase: MessagePhase | None = None


class InputMessage(RequestModel):
    """A message to the model as a list of inputs, with its status."""

    type: Literal["message"] = "message"
    role: Literal["user", "system", "developer"]
    content: list[InputContent]
    status: FunctionCallItemStatus | None = None


class DirectToolCallCallerParam(RequestModel):
    """A tool call the model made itself."""

    type: Literal["direct"] = "direct"


class ProgramToolCallCallerParam(RequestModel):
    """A tool call made by a program the model wrote."""

    type: Literal["program"] = "program"
    caller_id: str = Field(min_length=1, max_length=64)


ToolCallCallerParam: TypeAlias = Annotated[
    DirectToolCallCallerParam | ProgramToolCallCallerParam, Field(discriminator="type")
]


class FunctionCallOutputItemParam(RequestModel):
    """The output of a function call, for the call with the same ``call_id``."""

    type: Literal["function_call_output"] = "function_call_output"
    call_id: str = Field(min_length=1, max_length=64)
    output: Annotated[str, Field(max_length=10485760)] | list[InputContent]
    id: str | None = None
    name: str | None = Field(default=None, min_length=1, max_length=128)
    namespace: str | None = Field(
        default=None, min_length=1, max_length=64, pattern=r"^[a-zA-Z0-9_-]+$"
    )
    caller: ToolCallCallerParam | None = None
    status: FunctionCallItemStatus | None = None


class ComputerScreenshotImage(RequestModel):
    """A screenshot: the output of a computer-use call."""

    type: Literal["computer_screenshot"] = "computer_screenshot"
    image_url: str | None = None
    file_id: str | None = None


class ComputerCallOutputItemParam(RequestModel):
    """The output of a computer-use call: a screenshot after the action."""

    type: Literal["computer_call_output"] = "computer_call_output"
    call_id: str = Field(min_length=1, max_length=64)
    output: ComputerScreenshotImage
    # ResponseModel items: the checks are echoed from the call's pending_safety_checks.
    acknowledged_safety_checks: list[ComputerCallSafetyCheckParam] | None = None
    id: str | None = None
    status: FunctionCallItemStatus | None = None


class ItemReferenceParam(RequestModel):
    """A reference to an earlier item by its id."""

    type: Literal["item_reference"] = "item_reference"
    id: str


_InputItemChoices: TypeAlias = (
    Annotated[EasyInputMessage, Tag("EasyInputMessage")]
    | Annotated[InputMessage, Tag("InputMessage")]
    | Annotated[OutputMessage, Tag("OutputMessage")]
    | Annotated[FunctionCallOutputItemParam, Tag("function_call_output")]
    | Annotated[ComputerCallOutputItemParam, Tag("computer_call_output")]
    | Annotated[ItemReferenceParam, Tag("item_reference")]
    | Annotated[FileSearchToolCall, Tag("file_search_call")]
    | Annotated[FunctionToolCall, Tag("function_call")]
    | Annotated[WebSearchToolCall, Tag("web_search_call")]
    | Annotated[ComputerToolCall, Tag("computer_call")]
    | Annotated[ReasoningItem, Tag("reasoning")]
    | Annotated[ImageGenToolCall, Tag("image_generation_call")]
    | Annotated[CodeInterpreterToolCall, Tag("code_interpreter_call")]
    | Annotated[MCPToolCall, Tag("mcp_call")]
    | Annotated[MCPListTools, Tag("mcp_list_tools")]
    | Annotated[MCPApprovalRequest, Tag("mcp_approval_request")]
    | Annotated[CustomToolCall, Tag("custom_tool_call")]
    | Annotated[UnknownItem, Tag("UnknownItem")]
)
_input_item_by_type = cast(
    Callable[[Any], str], type_discriminator(_InputItemChoices, "UnknownItem").discriminator
)


def _input_item_tag(value: Any) -> str:
    """Three kinds of input share ``type: message``; they are told apart by their fields."""

    def field(name: str) -> Any:
        return value.get(name) if isinstance(value, dict) else getattr(value, name, None)

    kind = field("type")
    if kind is None and field("role") is None:
        return "item_reference"  # the spec lets a reference leave its type out
    if kind not in (None, "message"):
        return _input_item_by_type(value)
    if isinstance(value, BaseModel):
        return type(value).__name__
    if field("role") == "assistant" and "id" in value:
        return "OutputMessage"  # a message from an earlier response, passed back
    return "InputMessage" if "status" in value else "EasyInputMessage"


InputItem: TypeAlias = Annotated[_InputItemChoices, Discriminator(_input_item_tag)]

InputParam: TypeAlias = str | list[InputItem]


# --- Items listed by input_items --------------------------------------------------------------


class InputMessageResource(ResponseModel):
    """A message that was input to a response."""

    id: str | None = None
    type: Literal["message"] = "message"
    role: str
    content: list[Echoed[InputContent]] = Field(default_factory=list)
    status: Lenient[FunctionCallItemStatus] | None = None


class FunctionToolCallOutputResource(ResponseModel):
    """A function call output that was input to a response."""

    id: str | None = None
    type: Literal["function_call_output"] = "function_call_output"
    call_id: str
    output: str | list[Echoed[InputContent]]
    name: str | None = None
    namespace: str | None = None
    caller: ToolCallCaller | None = None
    status: Lenient[FunctionCallItemStatus] | None = None
    created_by: str | None = None


class ComputerToolCallOutputResource(ResponseModel):
    """A computer-use call output that was input to a response."""

    id: str | None = None
    type: Literal["computer_call_output"] = "computer_call_output"
    call_id: str
    output: Echoed[ComputerScreenshotImage]
    acknowledged_safety_checks: list[ComputerCallSafetyCheckParam] | None = None
    status: Lenient[FunctionCallItemStatus] | None = None
    created_by: str | None = None


_ItemResourceChoices: TypeAlias = (
    Annotated[InputMessageResource, Tag("InputMessageResource")]
    | Annotated[OutputMessage, Tag("message")]
    | Annotated[FunctionToolCallOutputResource, Tag("function_call_output")]
    | Annotated[ComputerToolCallOutputResource, Tag("computer_call_output")]
    | Annotated[FileSearchToolCall, Tag("file_search_call")]
    | Annotated[FunctionToolCall, Tag("function_call")]
    | Annotated[WebSearchToolCall, Tag("web_search_call")]
    | Annotated[ComputerToolCall, Tag("computer_call")]
    | Annotated[ReasoningItem, Tag("reasoning")]
    | Annotated[ImageGenToolCall, Tag("image_generation_call")]
    | Annotated[CodeInterpreterToolCall, Tag("code_interpreter_call")]
    | Annotated[MCPToolCall, Tag("mcp_call")]
    | Annotated[MCPListTools, Tag("mcp_list_tools")]
    | Annotated[MCPApprovalRequest, Tag("mcp_approval_request")]
    | Annotated[CustomToolCall, Tag("custom_tool_call")]
    | Annotated[UnknownItem, Tag("UnknownItem")]
)
_item_resource_by_type = cast(
    Callable[[Any], str], type_discriminator(_ItemResourceChoices, "UnknownItem").discriminator
)


def _item_resource_tag(value: Any) -> str:
    """Input and output messages share ``type: message``; the assistant's are output."""
    if isinstance(value, InputMessageResource):
        return "InputMessageResource"
    kind, role = (
        (value.get("type"), value.get("role"))
        if isinstance(value, dict)
        else (getattr(value, "type", None), getattr(value, "role", None))
    )
    if kind == "message" and role != "assistant":
        return "InputMessageResource"
    return _item_resource_by_type(value)


ItemResource: TypeAlias = Annotated[_ItemResourceChoices, Discriminator(_item_resource_tag)]


# --- Tools ------------------------------------------------------------------------------------

# Who may call a tool: the model itself, or programs it writes (programmatic tool calling).
CallableToolAllowedCaller: TypeAlias = Literal["direct", "programmatic"]


class FunctionTool(RequestModel):
    """One of your functions the model may call, with its JSON Schema parameters."""

    type: Literal["function"] = "function"
    name: str
    description: str | None = None
    parameters: dict[str, Any] | None = None
    strict: bool | None = None
    output_schema: dict[str, Any] | None = None
    defer_loading: bool | None = None
    allowed_callers: list[CallableToolAllowedCaller] | None = None

    # The spec requires `parameters` and `strict` but lets them be null: sent as null if unset.
    @model_serializer(mode="wrap")
    def _keep_null_required(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        body: dict[str, Any] = handler(self)
        body.setdefault("parameters", None)
        body.setdefault("strict", None)
        return body


class HybridSearchOptions(RequestModel):
    """Weights of embedding and text matches in a hybrid file search."""

    embedding_weight: float
    text_weight: float


class RankingOptions(RequestModel):
    """How file search results are ranked."""

    ranker: Literal["auto", "default-2024-11-15"] | None = None
    score_threshold: float | None = Field(default=None, ge=0, le=1)
    hybrid_search: HybridSearchOptions | None = None


class FileSearchTool(RequestModel):
    """Search your vector stores for relevant chunks."""

    type: Literal["file_search"] = "file_search"
    vector_store_ids: list[str]
    max_num_results: int | None = Field(default=None, ge=1, le=50)
    ranking_options: RankingOptions | None = None
    filters: ComparisonFilter | CompoundFilter | None = None


class WebSearchApproximateLocation(RequestModel):
    """The user's approximate location, to localise web search results."""

    type: Literal["approximate"] = "approximate"
    country: str | None = None
    region: str | None = None
    city: str | None = None
    timezone: str | None = None


# The spec gives the preview tool's location another name for the same shape.
ApproximateLocation: TypeAlias = WebSearchApproximateLocation


class WebSearchToolFilters(RequestModel):
    """Domains a web search may use."""

    allowed_domains: list[str] | None = None


class WebSearchTool(RequestModel):
    """Search the web."""

    type: Literal["web_search", "web_search_2025_08_26"] = "web_search"
    filters: WebSearchToolFilters | None = None
    user_location: WebSearchApproximateLocation | None = None
    search_context_size: SearchContextSize | None = None
    external_web_access: bool | None = None


class WebSearchPreviewTool(RequestModel):
    """Search the web (preview version of the tool)."""

    type: Literal["web_search_preview", "web_search_preview_2025_03_11"] = "web_search_preview"
    user_location: ApproximateLocation | None = None
    search_context_size: SearchContextSize | None = None
    search_content_types: list[Literal["text", "image"]] | None = None


class ComputerUsePreviewTool(RequestModel):
    """Control a virtual computer (preview version of the tool)."""

    type: Literal["computer_use_preview"] = "computer_use_preview"
    environment: ComputerEnvironment
    display_width: int
    display_height: int


class ComputerTool(RequestModel):
    """Control a virtual computer."""

    type: Literal["computer"] = "computer"


class MCPToolFilter(RequestModel):
    """Which of an MCP server's tools a setting applies to."""

    tool_names: list[str] | None = None
    read_only: bool | None = None


class _MCPApprovalFilter(RequestModel):
    """Which MCP tools always or never need your approval."""

    always: MCPToolFilter | None = None
    never: MCPToolFilter | None = None


class MCPTool(RequestModel):
    """Give the model the tools of a remote MCP server or a connector."""

    type: Literal["mcp"] = "mcp"
    server_label: str
    server_url: str | None = None
    connector_id: str | None = None
    tunnel_id: str | None = Field(default=None, pattern=r"^tunnel_[a-z0-9]{32}$")
    authorization: str | None = None
    server_description: str | None = None
    headers: dict[str, str] | None = None
    allowed_tools: list[str] | MCPToolFilter | None = None
    require_approval: Literal["always", "never"] | _MCPApprovalFilter | None = None
    allowed_callers: list[CallableToolAllowedCaller] | None = Field(default=None, min_length=1)
    defer_loading: bool | None = None


class CodeInterpreterToolAuto(RequestModel):
    """A new container for the code interpreter, with these files (the spec's
    ``AutoCodeInterpreterToolParam``)."""

    type: Literal["auto"] = "auto"
    file_ids: list[str] | None = Field(default=None, max_length=50)
    memory_limit: Literal["1g", "4g", "16g", "64g"] | None = None
    # `{"type": "disabled"}` or `{"type": "allowlist", "allowed_domains": [...], ...}`.
    network_policy: dict[str, Any] | None = None


class CodeInterpreterTool(RequestModel):
    """Run Python code in a container: its id, or ``CodeInterpreterToolAuto`` for a new one."""

    type: Literal["code_interpreter"] = "code_interpreter"
    container: str | CodeInterpreterToolAuto
    allowed_callers: list[CallableToolAllowedCaller] | None = Field(default=None, min_length=1)


class ImageGenToolInputImageMask(RequestModel):
    """A mask for inpainting, by URL or file id."""

    image_url: str | None = None
    file_id: str | None = None


class ImageGenTool(RequestModel):
    """Generate images."""

    type: Literal["image_generation"] = "image_generation"
    model: str | None = None
    quality: Literal["low", "medium", "high", "auto"] | None = None
    size: str | None = None
    output_format: Literal["png", "webp", "jpeg"] | None = None
    output_compression: int | None = Field(default=None, ge=0, le=100)
    moderation: Literal["auto", "low"] | None = None
    background: Literal["transparent", "opaque", "auto"] | None = None
    input_fidelity: Literal["high", "low"] | None = None
    input_image_mask: ImageGenToolInputImageMask | None = None
    partial_images: int | None = Field(default=None, ge=0, le=3)
    action: Literal["generate", "edit", "auto"] | None = None


class CustomTextFormatParam(RequestModel):
    """Free-form text input for a custom tool."""

    type: Literal["text"] = "text"


class CustomGrammarFormatParam(RequestModel):
    """Input for a custom tool constrained by a grammar."""

    type: Literal["grammar"] = "grammar"
    syntax: Literal["lark", "regex"]
    definition: str


class CustomToolParam(RequestModel):
    """One of your tools that takes free-form text input rather than JSON arguments."""

    type: Literal["custom"] = "custom"
    name: str
    description: str | None = None
    format: (
        Annotated[CustomTextFormatParam | CustomGrammarFormatParam, Field(discriminator="type")]
        | None
    ) = None
    defer_loading: bool | None = None
    allowed_callers: list[CallableToolAllowedCaller] | None = Field(default=None, min_length=1)


class UnknownTool(RequestModel):
    """A tool of a ``type`` this package does not model: sent with the fields given."""

    model_config = ConfigDict(extra="allow")

    type: str


_ToolChoices: TypeAlias = (
    Annotated[FunctionTool, Tag("function")]
    | Annotated[FileSearchTool, Tag("file_search")]
    | Annotated[WebSearchTool, Tag("web_search")]
    | Annotated[WebSearchTool, Tag("web_search_2025_08_26")]
    | Annotated[WebSearchPreviewTool, Tag("web_search_preview")]
    | Annotated[WebSearchPreviewTool, Tag("web_search_preview_2025_03_11")]
    | Annotated[ComputerUsePreviewTool, Tag("computer_use_preview")]
    | Annotated[ComputerTool, Tag("computer")]
    | Annotated[MCPTool, Tag("mcp")]
    | Annotated[CodeInterpreterTool, Tag("code_interpreter")]
    | Annotated[ImageGenTool, Tag("image_generation")]
    | Annotated[CustomToolParam, Tag("custom")]
    | Annotated[UnknownTool, Tag("UnknownTool")]
)
Tool: TypeAlias = Annotated[_ToolChoices, type_discriminator(_ToolChoices, "UnknownTool")]


class ToolChoiceAllowed(RequestModel):
    """Limit the model to a subset of the tools."""

    type: Literal["allowed_tools"] = "allowed_tools"
    mode: Literal["auto", "required"]
    tools: list[dict[str, Any]]


class ToolChoiceTypes(RequestModel):
    """Make the model use a built-in tool."""

    type: Literal[
        "file_search",
        "web_search_preview",
        "computer",
        "computer_use_preview",
        "computer_use",
        "web_search_preview_2025_03_11",
        "image_generation",
        "code_interpreter",
    ]


class ToolChoiceFunction(RequestModel):
    """Make the model call a specific function."""

    type: Literal["function"] = "function"
    name: str


class ToolChoiceMCP(RequestModel):
    """Make the model call a tool on an MCP server."""

    type: Literal["mcp"] = "mcp"
    server_label: str
    name: str | None = None


class ToolChoiceCustom(RequestModel):
    """Make the model call a specific custom tool."""

    type: Literal["custom"] = "custom"
    name: str


ToolChoiceParam: TypeAlias = (
    ToolChoiceOptions
    | Annotated[
        ToolChoiceAllowed | ToolChoiceTypes | ToolChoiceFunction | ToolChoiceMCP | ToolChoiceCustom,
        Field(discriminator="type"),
    ]
)


# --- Request settings -------------------------------------------------------------------------


class TextResponseFormatJsonSchema(RequestModel):
    """Structured Outputs: the answer follows a named JSON Schema."""

    # `schema` would shadow BaseModel.schema: the attribute is `schema_`, the wire name and the
    # constructor keyword stay `schema`.
    model_config = ConfigDict(populate_by_name=False)

    type: Literal["json_schema"] = "json_schema"
    name: str
    schema_: dict[str, Any] = Field(alias="schema")
    description: str | None = None
    strict: bool | None = None


TextResponseFormatConfiguration: TypeAlias = Annotated[
    ResponseFormatText | TextResponseFormatJsonSchema | ResponseFormatJsonObject,
    Field(discriminator="type"),
]


class ResponseTextParam(RequestModel):
    """The format of the model's text output, and how verbose it is."""

    format: TextResponseFormatConfiguration | None = None
    verbosity: Verbosity | None = None


class Reasoning(RequestModel):
    """Reasoning settings for reasoning models: effort and summaries."""

    effort: ReasoningEffort | None = None
    summary: Literal["auto", "concise", "detailed"] | None = None
    # Which earlier turns' reasoning the model sees.
    context: Literal["auto", "current_turn", "all_turns"] | None = None
    mode: str | None = None  # `standard`, `pro` or another mode a model offers
    generate_summary: Literal["auto", "concise", "detailed"] | None = None  # deprecated: summary


class Prompt(RequestModel):
    """A stored prompt template, with values for its variables."""

    id: str
    version: str | None = None
    variables: dict[str, str | InputContent] | None = None


class ResponseStreamOptions(RequestModel):
    """Options for streamed responses."""

    include_obfuscation: bool | None = None


class ConversationParam2(RequestModel):
    """A conversation given by id (the spec's ``ConversationParam-2``)."""

    id: str


ConversationParam: TypeAlias = str | ConversationParam2


class ModerationParam(RequestModel):
    """Moderation of the input and the output by a moderation model."""

    model: str
    # Per-direction moderation settings, as the spec's ModerationPolicyParam.
    policy: dict[str, Any] | None = None


class ContextManagementParam(RequestModel):
    """How the context is compacted as a conversation grows."""

    type: str
    compact_threshold: int | None = Field(default=None, ge=1000)


class PromptCacheOptionsParam(RequestModel):
    """How the prompt is cached."""

    ttl: Literal["30m"] | None = None
    mode: Literal["implicit", "explicit"] | None = None


class CreateResponse(RequestModel):
    """Body of ``POST /responses``: the input, the model and how it should respond."""

    model: str | None = None
    input: InputParam | None = None
    instructions: str | None = None
    include: list[IncludeEnum] | None = None
    tools: list[Tool] | None = None
    tool_choice: ToolChoiceParam | None = None
    parallel_tool_calls: bool | None = None
    max_tool_calls: int | None = None
    text: ResponseTextParam | None = None
    reasoning: Reasoning | None = None
    previous_response_id: str | None = None
    conversation: ConversationParam | None = None
    store: bool | None = None
    background: bool | None = None
    stream: bool | None = None
    stream_options: ResponseStreamOptions | None = None
    metadata: dict[str, str] | None = None
    max_output_tokens: int | None = Field(default=None, ge=16)
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    top_logprobs: int | None = Field(default=None, ge=0, le=20)
    truncation: Literal["auto", "disabled"] | None = None
    service_tier: ServiceTierResponse | None = None
    prompt: Prompt | None = None
    safety_identifier: str | None = Field(default=None, max_length=64)
    prompt_cache_key: str | None = None
    prompt_cache_retention: Literal["in_memory", "24h"] | None = None  # deprecated
    prompt_cache_options: PromptCacheOptionsParam | None = None
    moderation: ModerationParam | None = None
    context_management: list[ContextManagementParam] | None = Field(default=None, min_length=1)
    user: str | None = None  # deprecated: safety_identifier and prompt_cache_key


# --- The response -----------------------------------------------------------------------------


class ResponseError(ResponseModel):
    """Why a response failed."""

    code: Lenient[ResponseErrorCode] | None = None
    message: str


class IncompleteDetails(ResponseModel):
    """Why a response is incomplete."""

    reason: str | None = None


class InputTokensDetails(ResponseModel):
    """A breakdown of the input tokens."""

    cached_tokens: int = 0
    cache_write_tokens: int | None = None


class OutputTokensDetails(ResponseModel):
    """A breakdown of the output tokens."""

    reasoning_tokens: int = 0


class ResponseUsage(ResponseModel):
    """Tokens used by a response."""

    input_tokens: int = 0
    input_tokens_details: InputTokensDetails | None = None
    output_tokens: int = 0
    output_tokens_details: OutputTokensDetails | None = None
    total_tokens: int = 0


class ResponseConversation(ResponseModel):
    """The conversation a response belongs to."""

    id: str | None = None


class Response(ResponseModel):
    """A model response: its status, its output items and the settings it was made with.

    ``output_text`` is the text of every ``output_text`` part, concatenated.
    """

    id: str | None = None
    object: str | None = None
    created_at: int | float | None = None
    completed_at: int | float | None = None
    status: Lenient[ResponseStatus] | None = None
    error: ResponseError | None = None
    incomplete_details: IncompleteDetails | None = None
    model: str | None = None
    output: list[OutputItem] = Field(default_factory=list)
    usage: ResponseUsage | None = None
    instructions: str | list[Echoed[InputItem]] | None = None
    previous_response_id: str | None = None
    conversation: ResponseConversation | None = None
    background: bool | None = None
    store: bool | None = None
    metadata: dict[str, str] | None = None
    # The request's settings, echoed.
    tools: list[Echoed[Tool]] = Field(default_factory=list)
    tool_choice: Lenient[ToolChoiceOptions] | Echoed[ToolChoiceParam] | None = None
    parallel_tool_calls: bool | None = None
    max_tool_calls: int | None = None
    max_output_tokens: int | None = None
    text: Echoed[ResponseTextParam] | None = None
    reasoning: Echoed[Reasoning] | None = None
    prompt: Echoed[Prompt] | None = None
    temperature: float | None = None
    top_p: float | None = None
    top_logprobs: int | None = None
    truncation: str | None = None
    service_tier: Lenient[ServiceTierResponse] | None = None
    safety_identifier: str | None = None
    prompt_cache_key: str | None = None
    prompt_cache_retention: str | None = None
    prompt_cache_options: dict[str, Any] | None = None
    # The moderation results of the input and the output, when moderation was asked for.
    moderation: dict[str, Any] | None = None
    user: str | None = None

    @property
    def output_text(self) -> str:
        """The text of every ``output_text`` part of every output message, concatenated."""
        return "".join(
            part.text
            for item in self.output
            if isinstance(item, OutputMessage)
            for part in item.content
            if isinstance(part, OutputTextContent)
        )


class ResponseItemList(ResponseModel):
    """A page of the items that were input to a response."""

    object: str | None = None
    data: list[ItemResource]
    has_more: FalseIfNull = False
    first_id: str | None = None
    last_id: str | None = None


# --- Queries ----------------------------------------------------------------------------------


class GetResponseQuery(RequestModel):
    """The query of ``GET /responses/{response_id}``: more data to ``include``."""

    # Sent as `include[]=...`, the array form OpenAI's own SDKs send (the spec says `include`).
    include: list[IncludeEnum] | None = Field(default=None, alias="include[]")


class ListInputItemsQuery(GetResponseQuery):
    """The query of ``GET /responses/{response_id}/input_items``: ``limit`` (1 to 100) items
    per page in ``order``, starting ``after`` an item id, and more data to ``include``."""

    limit: int | None = Field(default=None, ge=1, le=100)
    order: Literal["asc", "desc"] | None = None
    after: str | None = None


# --- Stream events ----------------------------------------------------------------------------


class _StreamEvent(ResponseModel):
    """Fields every stream event has."""

    # Required by the spec; OpenAI-compatible servers may leave it out.
    sequence_number: int | None = None


class _ResponseEvent(_StreamEvent):
    """An event carrying the whole response, at a change of its status."""

    response: Response


class _ItemEvent(_StreamEvent):
    """An event about one output item."""

    item_id: str | None = None
    output_index: int | None = None


class _ContentEvent(_ItemEvent):
    """An event about one content part of an output item."""

    content_index: int | None = None


class ResponseCreatedEvent(_ResponseEvent):
    """The response was created."""

    type: Literal["response.created"] = "response.created"


class ResponseQueuedEvent(_ResponseEvent):
    """The response is queued, waiting to be processed."""

    type: Literal["response.queued"] = "response.queued"


class ResponseInProgressEvent(_ResponseEvent):
    """The response is being generated."""

    type: Literal["response.in_progress"] = "response.in_progress"


class ResponseCompletedEvent(_ResponseEvent):
    """The response is complete: the last event of a successful stream."""

    type: Literal["response.completed"] = "response.completed"


class ResponseFailedEvent(_ResponseEvent):
    """The response failed; ``response.error`` says why."""

    type: Literal["response.failed"] = "response.failed"


class ResponseIncompleteEvent(_ResponseEvent):
    """The response ended incomplete; ``response.incomplete_details`` says why."""

    type: Literal["response.incomplete"] = "response.incomplete"


class ResponseOutputItemAddedEvent(_StreamEvent):
    """A new output item was added."""

    type: Literal["response.output_item.added"] = "response.output_item.added"
    output_index: int | None = None
    item: OutputItem


class ResponseOutputItemDoneEvent(_StreamEvent):
    """An output item is complete."""

    type: Literal["response.output_item.done"] = "response.output_item.done"
    output_index: int | None = None
    item: OutputItem


class ResponseContentPartAddedEvent(_ContentEvent):
    """A new content part was added to an output item."""

    type: Literal["response.content_part.added"] = "response.content_part.added"
    part: OutputContent


class ResponseContentPartDoneEvent(_ContentEvent):
    """A content part is complete."""

    type: Literal["response.content_part.done"] = "response.content_part.done"
    part: OutputContent


class ResponseLogProb(ResponseModel):
    """The log probability of a streamed token, with the most likely alternatives."""

    token: str
    logprob: float
    top_logprobs: list[TopLogProb] | None = None


class ResponseTextDeltaEvent(_ContentEvent):
    """More text of an ``output_text`` part."""

    type: Literal["response.output_text.delta"] = "response.output_text.delta"
    delta: str
    logprobs: list[ResponseLogProb] | None = None


class ResponseTextDoneEvent(_ContentEvent):
    """An ``output_text`` part is complete: its whole text."""

    type: Literal["response.output_text.done"] = "response.output_text.done"
    text: str
    logprobs: list[ResponseLogProb] | None = None


class ResponseOutputTextAnnotationAddedEvent(_ContentEvent):
    """An annotation (a citation) was added to an ``output_text`` part."""

    type: Literal["response.output_text.annotation.added"] = "response.output_text.annotation.added"
    annotation_index: int | None = None
    annotation: Annotation | None = None


class ResponseRefusalDeltaEvent(_ContentEvent):
    """More text of a refusal."""

    type: Literal["response.refusal.delta"] = "response.refusal.delta"
    delta: str


class ResponseRefusalDoneEvent(_ContentEvent):
    """A refusal is complete."""

    type: Literal["response.refusal.done"] = "response.refusal.done"
    refusal: str


class ResponseFunctionCallArgumentsDeltaEvent(_ItemEvent):
    """More of a function call's JSON arguments."""

    type: Literal["response.function_call_arguments.delta"] = (
        "response.function_call_arguments.delta"
    )
    delta: str


class ResponseFunctionCallArgumentsDoneEvent(_ItemEvent):
    """A function call's arguments are complete."""

    type: Literal["response.function_call_arguments.done"] = "response.function_call_arguments.done"
    name: str | None = None
    arguments: str


class ResponseFileSearchCallInProgressEvent(_ItemEvent):
    """A file search started."""

    type: Literal["response.file_search_call.in_progress"] = "response.file_search_call.in_progress"


class ResponseFileSearchCallSearchingEvent(_ItemEvent):
    """A file search is searching."""

    type: Literal["response.file_search_call.searching"] = "response.file_search_call.searching"


class ResponseFileSearchCallCompletedEvent(_ItemEvent):
    """A file search is complete."""

    type: Literal["response.file_search_call.completed"] = "response.file_search_call.completed"


class ResponseWebSearchCallInProgressEvent(_ItemEvent):
    """A web search started."""

    type: Literal["response.web_search_call.in_progress"] = "response.web_search_call.in_progress"


class ResponseWebSearchCallSearchingEvent(_ItemEvent):
    """A web search is searching."""

    type: Literal["response.web_search_call.searching"] = "response.web_search_call.searching"


class ResponseWebSearchCallCompletedEvent(_ItemEvent):
    """A web search is complete."""

    type: Literal["response.web_search_call.completed"] = "response.web_search_call.completed"


class ResponseReasoningSummaryPartAddedEvent(_ItemEvent):
    """A new reasoning summary part was added."""

    type: Literal["response.reasoning_summary_part.added"] = "response.reasoning_summary_part.added"
    summary_index: int | None = None
    part: SummaryTextContent


class ResponseReasoningSummaryPartDoneEvent(_ItemEvent):
    """A reasoning summary part is complete."""

    type: Literal["response.reasoning_summary_part.done"] = "response.reasoning_summary_part.done"
    summary_index: int | None = None
    part: SummaryTextContent
    status: str | None = None


class ResponseReasoningSummaryTextDeltaEvent(_ItemEvent):
    """More text of a reasoning summary."""

    type: Literal["response.reasoning_summary_text.delta"] = "response.reasoning_summary_text.delta"
    summary_index: int | None = None
    delta: str


class ResponseReasoningSummaryTextDoneEvent(_ItemEvent):
    """A reasoning summary's text is complete."""

    type: Literal["response.reasoning_summary_text.done"] = "response.reasoning_summary_text.done"
    summary_index: int | None = None
    text: str


class ResponseReasoningTextDeltaEvent(_ContentEvent):
    """More reasoning text."""

    type: Literal["response.reasoning_text.delta"] = "response.reasoning_text.delta"
    delta: str


class ResponseReasoningTextDoneEvent(_ContentEvent):
    """A reasoning text part is complete."""

    type: Literal["response.reasoning_text.done"] = "response.reasoning_text.done"
    text: str


class ResponseImageGenCallInProgressEvent(_ItemEvent):
    """An image generation started."""

    type: Literal["response.image_generation_call.in_progress"] = (
        "response.image_generation_call.in_progress"
    )


class ResponseImageGenCallGeneratingEvent(_ItemEvent):
    """An image is being generated."""

    type: Literal["response.image_generation_call.generating"] = (
        "response.image_generation_call.generating"
    )


class ResponseImageGenCallPartialImageEvent(_ItemEvent):
    """A partial image, while an image is generated."""

    type: Literal["response.image_generation_call.partial_image"] = (
        "response.image_generation_call.partial_image"
    )
    partial_image_index: int | None = None
    partial_image_b64: str
    size: str | None = None
    quality: str | None = None
    background: str | None = None
    output_format: str | None = None


class ResponseImageGenCallCompletedEvent(_ItemEvent):
    """An image generation is complete."""

    type: Literal["response.image_generation_call.completed"] = (
        "response.image_generation_call.completed"
    )


class ResponseCodeInterpreterCallInProgressEvent(_ItemEvent):
    """A code interpreter call started."""

    type: Literal["response.code_interpreter_call.in_progress"] = (
        "response.code_interpreter_call.in_progress"
    )


class ResponseCodeInterpreterCallInterpretingEvent(_ItemEvent):
    """A code interpreter is running code."""

    type: Literal["response.code_interpreter_call.interpreting"] = (
        "response.code_interpreter_call.interpreting"
    )


class ResponseCodeInterpreterCallCompletedEvent(_ItemEvent):
    """A code interpreter call is complete."""

    type: Literal["response.code_interpreter_call.completed"] = (
        "response.code_interpreter_call.completed"
    )


class ResponseCodeInterpreterCallCodeDeltaEvent(_ItemEvent):
    """More of the code a code interpreter runs."""

    type: Literal["response.code_interpreter_call_code.delta"] = (
        "response.code_interpreter_call_code.delta"
    )
    delta: str


class ResponseCodeInterpreterCallCodeDoneEvent(_ItemEvent):
    """The code a code interpreter runs is complete."""

    type: Literal["response.code_interpreter_call_code.done"] = (
        "response.code_interpreter_call_code.done"
    )
    code: str


class ResponseMCPCallArgumentsDeltaEvent(_ItemEvent):
    """More of an MCP tool call's arguments."""

    type: Literal["response.mcp_call_arguments.delta"] = "response.mcp_call_arguments.delta"
    delta: str


class ResponseMCPCallArgumentsDoneEvent(_ItemEvent):
    """An MCP tool call's arguments are complete."""

    type: Literal["response.mcp_call_arguments.done"] = "response.mcp_call_arguments.done"
    arguments: str


class ResponseMCPCallInProgressEvent(_ItemEvent):
    """An MCP tool call started."""

    type: Literal["response.mcp_call.in_progress"] = "response.mcp_call.in_progress"


class ResponseMCPCallCompletedEvent(_ItemEvent):
    """An MCP tool call is complete."""

    type: Literal["response.mcp_call.completed"] = "response.mcp_call.completed"


class ResponseMCPCallFailedEvent(_ItemEvent):
    """An MCP tool call failed."""

    type: Literal["response.mcp_call.failed"] = "response.mcp_call.failed"


class ResponseMCPListToolsInProgressEvent(_ItemEvent):
    """Listing an MCP server's tools started."""

    type: Literal["response.mcp_list_tools.in_progress"] = "response.mcp_list_tools.in_progress"


class ResponseMCPListToolsCompletedEvent(_ItemEvent):
    """An MCP server's tools are listed."""

    type: Literal["response.mcp_list_tools.completed"] = "response.mcp_list_tools.completed"


class ResponseMCPListToolsFailedEvent(_ItemEvent):
    """Listing an MCP server's tools failed."""

    type: Literal["response.mcp_list_tools.failed"] = "response.mcp_list_tools.failed"


class ResponseCustomToolCallInputDeltaEvent(_ItemEvent):
    """More of a custom tool call's input."""

    type: Literal["response.custom_tool_call_input.delta"] = "response.custom_tool_call_input.delta"
    delta: str


class ResponseCustomToolCallInputDoneEvent(_ItemEvent):
    """A custom tool call's input is complete."""

    type: Literal["response.custom_tool_call_input.done"] = "response.custom_tool_call_input.done"
    input: str


class ResponseAudioDeltaEvent(_StreamEvent):
    """More base64 audio of the response."""

    type: Literal["response.audio.delta"] = "response.audio.delta"
    delta: str


class ResponseAudioDoneEvent(_StreamEvent):
    """The response's audio is complete."""

    type: Literal["response.audio.done"] = "response.audio.done"


class ResponseAudioTranscriptDeltaEvent(_StreamEvent):
    """More of the transcript of the response's audio."""

    type: Literal["response.audio.transcript.delta"] = "response.audio.transcript.delta"
    delta: str


class ResponseAudioTranscriptDoneEvent(_StreamEvent):
    """The transcript of the response's audio is complete."""

    type: Literal["response.audio.transcript.done"] = "response.audio.transcript.done"


class ResponseErrorEvent(_StreamEvent):
    """An error in the stream; ``client.responses.create_stream`` raises it as an APIError.

    The spec puts ``code``, ``message`` and ``param`` at the top level; OpenAI sends them in a
    nested ``error`` object. Both shapes are accepted.
    """

    type: Literal["error"] = "error"
    code: str | None = None
    message: str | None = None
    param: str | None = None
    error: dict[str, Any] | None = None


class UnknownResponseStreamEvent(_StreamEvent):
    """A stream event of a ``type`` this package does not model, kept as sent."""

    type: str


_ResponseStreamEventChoices: TypeAlias = (
    Annotated[ResponseCreatedEvent, Tag("response.created")]
    | Annotated[ResponseQueuedEvent, Tag("response.queued")]
    | Annotated[ResponseInProgressEvent, Tag("response.in_progress")]
    | Annotated[ResponseCompletedEvent, Tag("response.completed")]
    | Annotated[ResponseFailedEvent, Tag("response.failed")]
    | Annotated[ResponseIncompleteEvent, Tag("response.incomplete")]
    | Annotated[ResponseOutputItemAddedEvent, Tag("response.output_item.added")]
    | Annotated[ResponseOutputItemDoneEvent, Tag("response.output_item.done")]
    | Annotated[ResponseContentPartAddedEvent, Tag("response.content_part.added")]
    | Annotated[ResponseContentPartDoneEvent, Tag("response.content_part.done")]
    | Annotated[ResponseTextDeltaEvent, Tag("response.output_text.delta")]
    | Annotated[ResponseTextDoneEvent, Tag("response.output_text.done")]
    | Annotated[
        ResponseOutputTextAnnotationAddedEvent, Tag("response.output_text.annotation.added")
    ]
    | Annotated[ResponseRefusalDeltaEvent, Tag("response.refusal.delta")]
    | Annotated[ResponseRefusalDoneEvent, Tag("response.refusal.done")]
    | Annotated[
        ResponseFunctionCallArgumentsDeltaEvent, Tag("response.function_call_arguments.delta")
    ]
    | Annotated[
        ResponseFunctionCallArgumentsDoneEvent, Tag("response.function_call_arguments.done")
    ]
    | Annotated[ResponseFileSearchCallInProgressEvent, Tag("response.file_search_call.in_progress")]
    | Annotated[ResponseFileSearchCallSearchingEvent, Tag("response.file_search_call.searching")]
    | Annotated[ResponseFileSearchCallCompletedEvent, Tag("response.file_search_call.completed")]
    | Annotated[ResponseWebSearchCallInProgressEvent, Tag("response.web_search_call.in_progress")]
    | Annotated[ResponseWebSearchCallSearchingEvent, Tag("response.web_search_call.searching")]
    | Annotated[ResponseWebSearchCallCompletedEvent, Tag("response.web_search_call.completed")]
    | Annotated[
        ResponseReasoningSummaryPartAddedEvent, Tag("response.reasoning_summary_part.added")
    ]
    | Annotated[ResponseReasoningSummaryPartDoneEvent, Tag("response.reasoning_summary_part.done")]
    | Annotated[
        ResponseReasoningSummaryTextDeltaEvent, Tag("response.reasoning_summary_text.delta")
    ]
    | Annotated[ResponseReasoningSummaryTextDoneEvent, Tag("response.reasoning_summary_text.done")]
    | Annotated[ResponseReasoningTextDeltaEvent, Tag("response.reasoning_text.delta")]
    | Annotated[ResponseReasoningTextDoneEvent, Tag("response.reasoning_text.done")]
    | Annotated[
        ResponseImageGenCallInProgressEvent, Tag("response.image_generation_call.in_progress")
    ]
    | Annotated[
        ResponseImageGenCallGeneratingEvent, Tag("response.image_generation_call.generating")
    ]
    | Annotated[
        ResponseImageGenCallPartialImageEvent,
        Tag("response.image_generation_call.partial_image"),
    ]
    | Annotated[ResponseImageGenCallCompletedEvent, Tag("response.image_generation_call.completed")]
    | Annotated[
        ResponseCodeInterpreterCallInProgressEvent,
        Tag("response.code_interpreter_call.in_progress"),
    ]
    | Annotated[
        ResponseCodeInterpreterCallInterpretingEvent,
        Tag("response.code_interpreter_call.interpreting"),
    ]
    | Annotated[
        ResponseCodeInterpreterCallCompletedEvent,
        Tag("response.code_interpreter_call.completed"),
    ]
    | Annotated[
        ResponseCodeInterpreterCallCodeDeltaEvent,
        Tag("response.code_interpreter_call_code.delta"),
    ]
    | Annotated[
        ResponseCodeInterpreterCallCodeDoneEvent, Tag("response.code_interpreter_call_code.done")
    ]
    | Annotated[ResponseMCPCallArgumentsDeltaEvent, Tag("response.mcp_call_arguments.delta")]
    | Annotated[ResponseMCPCallArgumentsDoneEvent, Tag("response.mcp_call_arguments.done")]
    | Annotated[ResponseMCPCallInProgressEvent, Tag("response.mcp_call.in_progress")]
    | Annotated[ResponseMCPCallCompletedEvent, Tag("response.mcp_call.completed")]
    | Annotated[ResponseMCPCallFailedEvent, Tag("response.mcp_call.failed")]
    | Annotated[ResponseMCPListToolsInProgressEvent, Tag("response.mcp_list_tools.in_progress")]
    | Annotated[ResponseMCPListToolsCompletedEvent, Tag("response.mcp_list_tools.completed")]
    | Annotated[ResponseMCPListToolsFailedEvent, Tag("response.mcp_list_tools.failed")]
    | Annotated[ResponseCustomToolCallInputDeltaEvent, Tag("response.custom_tool_call_input.delta")]
    | Annotated[ResponseCustomToolCallInputDoneEvent, Tag("response.custom_tool_call_input.done")]
    | Annotated[ResponseAudioDeltaEvent, Tag("response.audio.delta")]
    | Annotated[ResponseAudioDoneEvent, Tag("response.audio.done")]
    | Annotated[ResponseAudioTranscriptDeltaEvent, Tag("response.audio.transcript.delta")]
    | Annotated[ResponseAudioTranscriptDoneEvent, Tag("response.audio.transcript.done")]
    | Annotated[ResponseErrorEvent, Tag("error")]
    | Annotated[UnknownResponseStreamEvent, Tag("UnknownResponseStreamEvent")]
)
ResponseStreamEvent: TypeAlias = Annotated[
    _ResponseStreamEventChoices,
    type_discriminator(_ResponseStreamEventChoices, "UnknownResponseStreamEvent"),
]


# --- Input token counts and compaction --------------------------------------------------------


class TokenCountsBody(RequestModel):
    """Body of ``POST /responses/input_tokens``: what a response would be given, to count
    the input tokens it would take without running the model."""

    model: str | None = None
    input: InputParam | None = None
    previous_response_id: str | None = None
    tools: list[Tool] | None = None
    text: ResponseTextParam | None = None
    reasoning: Reasoning | None = None
    truncation: Literal["auto", "disabled"] | None = None
    instructions: str | None = None
    personality: str | None = None
    conversation: ConversationParam | None = None
    tool_choice: ToolChoiceParam | None = None
    parallel_tool_calls: bool | None = None


class TokenCountsResource(ResponseModel):
    """How many input tokens a response would take."""

    object: str | None = None
    input_tokens: int


class CompactResponseMethodPublicBody(RequestModel):
    """Body of ``POST /responses/compact``: a conversation (``input`` and/or
    ``previous_response_id``) to compact into fewer items."""

    model: str
    input: InputParam | None = None
    previous_response_id: str | None = None
    instructions: str | None = None
    prompt_cache_key: str | None = Field(default=None, max_length=64)
    prompt_cache_retention: Literal["in_memory", "24h"] | None = None  # deprecated
    prompt_cache_options: PromptCacheOptionsParam | None = None
    service_tier: ServiceTierResponse | None = None


class CompactResource(ResponseModel):
    """A compacted conversation: ``output`` replaces the items it was made from as the input
    of the next response."""

    id: str
    object: str | None = None
    output: list[ItemResource] = Field(default_factory=list)
    created_at: int | None = None
    usage: ResponseUsage | None = None


class RetrieveStreamQuery(GetResponseQuery):
    """The query of ``GET /responses/{response_id}`` streamed: the events after the one
    numbered ``starting_after``."""

    stream: Literal[True] = True
    starting_after: int | None = Field(default=None, ge=0)
    include_obfuscation: bool | None = None
