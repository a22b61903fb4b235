"""Run steps (``/threads/{thread_id}/runs/{run_id}/steps``) and their streamed deltas.

A step either creates a message or makes tool calls; ``step_details`` and each tool call are
unions tagged by ``type``.
"""

from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Field

from .._base import Echoed, Lenient, ResponseModel
from .assistant import FileSearchRankingOptions
from .message import ImageFile
from .run import LastError, RunCompletionUsage, RunStatus

__all__ = [
    "CodeInterpreter",
    "CodeInterpreterOutput",
    "DeltaCodeInterpreter",
    "DeltaCodeInterpreterOutput",
    "DeltaStepDetails",
    "MessageCreation",
    "RunStepCompletionUsage",
    "RunStepDelta",
    "RunStepDeltaObject",
    "RunStepDeltaStepDetailsMessageCreationObject",
    "RunStepDeltaStepDetailsToolCalls",
    "RunStepDeltaStepDetailsToolCallsCodeObject",
    "RunStepDeltaStepDetailsToolCallsCodeOutputImageObject",
    "RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject",
    "RunStepDeltaStepDetailsToolCallsFileSearchObject",
    "RunStepDeltaStepDetailsToolCallsFunctionObject",
    "RunStepDeltaStepDetailsToolCallsObject",
    "RunStepDetailsMessageCreationObject",
    "RunStepDetailsToolCalls",
    "RunStepDetailsToolCallsCodeObject",
    "RunStepDetailsToolCallsCodeOutputImageObject",
    "RunStepDetailsToolCallsCodeOutputLogsObject",
    "RunStepDetailsToolCallsFileSearchObject",
    "RunStepDetailsToolCallsFileSearchObjectFileSearch",
    "RunStepDetailsToolCallsFileSearchResultObject",
    "RunStepDetailsToolCallsFileSearchResultObjectContent",
    "RunStepDetailsToolCallsFunctionObject",
    "RunStepDetailsToolCallsObject",
    "RunStepFunctionObject",
    "RunStepFunctionObjectDelta",
    "RunStepObject",
    "RunStepType",
    "StepDetails",
]

# Same shape as a run's usage.
RunStepCompletionUsage: TypeAlias = RunCompletionUsage


class RunStepType(StrEnum):
    """What a run step does."""

    message_creation = "message_creation"
    tool_calls = "tool_calls"


# --- Step details -----------------------------------------------------------------------------


class MessageCreation(ResponseModel):
    """The message a step created."""

    message_id: str


class RunStepDetailsMessageCreationObject(ResponseModel):
    """A step that created a message."""

    type: Literal["message_creation"] = "message_creation"
    message_creation: MessageCreation


class RunStepDetailsToolCallsCodeOutputLogsObject(ResponseModel):
    """Text the code interpreter printed."""

    type: Literal["logs"] = "logs"
    logs: str


class RunStepDetailsToolCallsCodeOutputImageObject(ResponseModel):
    """An image the code interpreter made."""

    type: Literal["image"] = "image"
    image: Echoed[ImageFile]


CodeInterpreterOutput: TypeAlias = Annotated[
    RunStepDetailsToolCallsCodeOutputLogsObject | RunStepDetailsToolCallsCodeOutputImageObject,
    Field(discriminator="type"),
]


class CodeInterpreter(ResponseModel):
    """The code a code interpreter call ran, and what it output."""

    input: str
    outputs: list[CodeInterpreterOutput] = Field(default_factory=list)


class RunStepDetailsToolCallsCodeObject(ResponseModel):
    """A code interpreter call."""

    id: str | None = None
    type: Literal["code_interpreter"] = "code_interpreter"
    code_interpreter: CodeInterpreter


class RunStepDetailsToolCallsFileSearchResultObjectContent(ResponseModel):
    """The text of a file search result (only with the ``include[]`` query parameter)."""

    type: str = "text"
    text: str | None = None


class RunStepDetailsToolCallsFileSearchResultObject(ResponseModel):
    """A file search result."""

    file_id: str
    file_name: str
    score: float
    content: list[RunStepDetailsToolCallsFileSearchResultObjectContent] | None = None


class RunStepDetailsToolCallsFileSearchObjectFileSearch(ResponseModel):
    """The ranking options and results of a file search call."""

    ranking_options: Echoed[FileSearchRankingOptions] | None = None
    results: list[RunStepDetailsToolCallsFileSearchResultObject] | None = None


class RunStepDetailsToolCallsFileSearchObject(ResponseModel):
    """A file search call."""

    id: str | None = None
    type: Literal["file_search"] = "file_search"
    file_search: RunStepDetailsToolCallsFileSearchObjectFileSearch


class RunStepFunctionObject(ResponseModel):
    """A function call: name, arguments and, once submitted, output."""

    name: str
    arguments: str
    output: str | None = None


class RunStepDetailsToolCallsFunctionObject(ResponseModel):
    """A function call."""

    id: str | None = None
    type: Literal["function"] = "function"
    function: RunStepFunctionObject


RunStepDetailsToolCalls: TypeAlias = Annotated[
    RunStepDetailsToolCallsCodeObject
    | RunStepDetailsToolCallsFileSearchObject
    | RunStepDetailsToolCallsFunctionObject,
    Field(discriminator="type"),
]


class RunStepDetailsToolCallsObject(ResponseModel):
    """A step that made tool calls."""

    type: Literal["tool_calls"] = "tool_calls"
    tool_calls: list[RunStepDetailsToolCalls] = Field(default_factory=list)


StepDetails: TypeAlias = Annotated[
    RunStepDetailsMessageCreationObject | RunStepDetailsToolCallsObject,
    Field(discriminator="type"),
]


class RunStepObject(ResponseModel):
    """A step of a run: a message created or tool calls made."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    assistant_id: str | None = None
    thread_id: str | None = None
    run_id: str | None = None
    type: Lenient[RunStepType]
    status: Lenient[RunStatus]
    step_details: StepDetails
    last_error: LastError | None = None
    expired_at: int | None = None
    cancelled_at: int | None = None
    failed_at: int | None = None
    completed_at: int | None = None
    metadata: dict[str, Any] | None = None
    usage: RunStepCompletionUsage | None = None


# --- Deltas (streamed) ------------------------------------------------------------------------


class RunStepDeltaStepDetailsMessageCreationObject(ResponseModel):
    """The message a step is creating."""

    type: Literal["message_creation"] = "message_creation"
    message_creation: MessageCreation | None = None


class RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject(ResponseModel):
    """Text the code interpreter printed, at `index` in its outputs."""

    index: int | None = None
    type: Literal["logs"] = "logs"
    logs: str | None = None


class RunStepDeltaStepDetailsToolCallsCodeOutputImageObject(ResponseModel):
    """An image the code interpreter made, at `index` in its outputs."""

    index: int | None = None
    type: Literal["image"] = "image"
    image: Echoed[ImageFile] | None = None


DeltaCodeInterpreterOutput: TypeAlias = Annotated[
    RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject
    | RunStepDeltaStepDetailsToolCallsCodeOutputImageObject,
    Field(discriminator="type"),
]


class DeltaCodeInterpreter(ResponseModel):
    """More input or outputs of a code interpreter call."""

    input: str | None = None
    outputs: list[DeltaCodeInterpreterOutput] | None = None


class RunStepDeltaStepDetailsToolCallsCodeObject(ResponseModel):
    """A part of the code interpreter call at `index` in the step's tool calls."""

    index: int | None = None
    id: str | None = None
    type: Literal["code_interpreter"] = "code_interpreter"
    code_interpreter: DeltaCodeInterpreter | None = None


class RunStepDeltaStepDetailsToolCallsFileSearchObject(ResponseModel):
    """The file search call at `index` in the step's tool calls."""

    index: int | None = None
    id: str | None = None
    type: Literal["file_search"] = "file_search"
    # Always an empty object for now (the spec says so).
    file_search: dict[str, Any] | None = None


class RunStepFunctionObjectDelta(ResponseModel):
    """More of a function call's name, arguments or output."""

    name: str | None = None
    arguments: str | None = None
    output: str | None = None


class RunStepDeltaStepDetailsToolCallsFunctionObject(ResponseModel):
    """A part of the function call at `index` in the step's tool calls."""

    index: int | None = None
    id: str | None = None
    type: Literal["function"] = "function"
    function: RunStepFunctionObjectDelta | None = None


RunStepDeltaStepDetailsToolCalls: TypeAlias = Annotated[
    RunStepDeltaStepDetailsToolCallsCodeObject
    | RunStepDeltaStepDetailsToolCallsFileSearchObject
    | RunStepDeltaStepDetailsToolCallsFunctionObject,
    Field(discriminator="type"),
]


class RunStepDeltaStepDetailsToolCallsObject(ResponseModel):
    """Tool calls of a step, as they are streamed."""

    type: Literal["tool_calls"] = "tool_calls"
    tool_calls: list[RunStepDeltaStepDetailsToolCalls] | None = None


DeltaStepDetails: TypeAlias = Annotated[
    RunStepDeltaStepDetailsMessageCreationObject | RunStepDeltaStepDetailsToolCallsObject,
    Field(discriminator="type"),
]


class RunStepDelta(ResponseModel):
    """The fields of a run step that changed."""

    step_details: DeltaStepDetails | None = None


class RunStepDeltaObject(ResponseModel):
    """A change to a run step while it is streamed (event `thread.run.step.delta`)."""

    id: str | None = None
    object: str | None = None
    delta: RunStepDelta
