"""Runs (``/threads/{thread_id}/runs``): an assistant working on a thread.

A run that needs your functions' results stops in ``requires_action``: its
``required_action.submit_tool_outputs.tool_calls`` name the calls, and
``SubmitToolOutputsRunRequest`` sends their outputs back.
"""

from enum import StrEnum
from typing import Any, Literal, TypeAlias

from pydantic import Field, model_validator

from .._base import Echoed, Lenient, RequestModel, ResponseModel
from ..chat import FunctionCall, FunctionName, ReasoningEffort
from .assistant import AssistantsApiResponseFormatOption, AssistantTools, Metadata
from .message import CreateMessageRequest

__all__ = [
    "AssistantToolType",
    "AssistantsApiToolChoiceOption",
    "AssistantsNamedToolChoice",
    "CreateRunRequest",
    "LastError",
    "LastErrorCode",
    "ModifyRunRequest",
    "RequiredAction",
    "RunCompletionUsage",
    "RunObject",
    "RunObjectIncompleteDetails",
    "RunObjectIncompleteDetailsReason",
    "RunStatus",
    "RunStepInclude",
    "RunToolCallObject",
    "SubmitToolOutputs",
    "SubmitToolOutputsRunRequest",
    "ToolsOutputs",
    "TruncationObject",
    "TruncationObjectType",
]


class RunStatus(StrEnum):
    """Where a run (or a run step) stands."""

    queued = "queued"
    in_progress = "in_progress"
    requires_action = "requires_action"
    cancelling = "cancelling"
    cancelled = "cancelled"
    failed = "failed"
    completed = "completed"
    incomplete = "incomplete"
    expired = "expired"


class LastErrorCode(StrEnum):
    """The kind of error that ended a run or a step."""

    server_error = "server_error"
    rate_limit_exceeded = "rate_limit_exceeded"
    invalid_prompt = "invalid_prompt"


class RunObjectIncompleteDetailsReason(StrEnum):
    """Which token limit ended a run early."""

    max_completion_tokens = "max_completion_tokens"
    max_prompt_tokens = "max_prompt_tokens"


class TruncationObjectType(StrEnum):
    """How a thread is truncated before a run."""

    auto = "auto"
    last_messages = "last_messages"


class AssistantToolType(StrEnum):
    """A tool a run can be told to use."""

    function = "function"
    code_interpreter = "code_interpreter"
    file_search = "file_search"


class RunStepInclude(StrEnum):
    """Extra data for run steps (the ``include[]`` query parameter)."""

    file_search_result_content = "step_details.tool_calls[*].file_search.results[*].content"


# --- Run settings sent and echoed -------------------------------------------------------------


class TruncationObject(RequestModel):
    """How the thread is truncated to make the run's context."""

    type: TruncationObjectType
    last_messages: int | None = Field(default=None, ge=1)


class AssistantsNamedToolChoice(RequestModel):
    """Forces a run to use one tool (and for `function`, which one)."""

    type: AssistantToolType
    function: FunctionName | None = None

    @model_validator(mode="after")
    def _function_named(self) -> "AssistantsNamedToolChoice":
        if self.type is AssistantToolType.function and self.function is None:
            raise ValueError('type "function" needs function={"name": ...}')
        return self


# `none`, `auto`, `required`, or a named tool.
AssistantsApiToolChoiceOption: TypeAlias = (
    Literal["none", "auto", "required"] | AssistantsNamedToolChoice
)


class _RunSettings(RequestModel):
    """The run options shared by ``CreateRunRequest`` and ``CreateThreadAndRunRequest``."""

    assistant_id: str
    model: str | None = None
    instructions: str | None = None
    tools: list[AssistantTools] | None = Field(default=None, max_length=20)
    metadata: Metadata | None = None
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    stream: bool | None = None
    max_prompt_tokens: int | None = Field(default=None, ge=256)
    max_completion_tokens: int | None = Field(default=None, ge=256)
    truncation_strategy: TruncationObject | None = None
    tool_choice: AssistantsApiToolChoiceOption | None = None
    parallel_tool_calls: bool | None = None
    response_format: AssistantsApiResponseFormatOption | None = None


class CreateRunRequest(_RunSettings):
    """Body of ``POST /threads/{thread_id}/runs``."""

    reasoning_effort: ReasoningEffort | None = None
    additional_instructions: str | None = None
    additional_messages: list[CreateMessageRequest] | None = None


class ModifyRunRequest(RequestModel):
    """Body of ``POST /threads/{thread_id}/runs/{run_id}``."""

    metadata: Metadata | None = None


class ToolsOutputs(RequestModel):
    """The output of one tool call, for the call's id."""

    # Optional in the spec, but the API refuses an output it cannot match to a call.
    tool_call_id: str
    output: str


class SubmitToolOutputsRunRequest(RequestModel):
    """Body of ``POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs``."""

    tool_outputs: list[ToolsOutputs]
    stream: bool | None = None


# --- The run ----------------------------------------------------------------------------------


class RunToolCallObject(ResponseModel):
    """A function call whose output the run waits for."""

    id: str
    type: str = "function"
    function: FunctionCall


class SubmitToolOutputs(ResponseModel):
    """The tool calls a run waits for."""

    tool_calls: list[RunToolCallObject]


class RequiredAction(ResponseModel):
    """What a run in `requires_action` waits for; today always `submit_tool_outputs`."""

    type: str = "submit_tool_outputs"
    submit_tool_outputs: SubmitToolOutputs


class LastError(ResponseModel):
    """The error that ended a run or a step."""

    code: Lenient[LastErrorCode]
    message: str


class RunObjectIncompleteDetails(ResponseModel):
    """Why a run is incomplete."""

    reason: Lenient[RunObjectIncompleteDetailsReason] | None = None


class RunCompletionUsage(ResponseModel):
    """Tokens used by a run (or a run step)."""

    completion_tokens: int = 0
    prompt_tokens: int = 0
    total_tokens: int = 0


class RunObject(ResponseModel):
    """A run of an assistant on a thread."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    thread_id: str | None = None
    assistant_id: str | None = None
    status: Lenient[RunStatus]
    required_action: RequiredAction | None = None
    last_error: LastError | None = None
    expires_at: int | None = None
    started_at: int | None = None
    cancelled_at: int | None = None
    failed_at: int | None = None
    completed_at: int | None = None
    incomplete_details: RunObjectIncompleteDetails | None = None
    model: str | None = None
    instructions: str | None = None
    tools: list[Echoed[AssistantTools]] = Field(default_factory=list)
    metadata: dict[str, Any] | None = None
    usage: RunCompletionUsage | None = None
    temperature: float | None = None
    top_p: float | None = None
    max_prompt_tokens: int | None = None
    max_completion_tokens: int | None = None
    truncation_strategy: Echoed[TruncationObject] | None = None
    tool_choice: Echoed[AssistantsApiToolChoiceOption] | None = None
    parallel_tool_calls: bool | None = None
    response_format: Echoed[AssistantsApiResponseFormatOption] | None = None
