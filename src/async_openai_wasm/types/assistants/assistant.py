"""Assistants (``/assistants``): tools, tool resources and the assistant object.

Tools, tool resources and the response format travel both ways: you send them when creating an
assistant, the server echoes them in the assistant (and in runs). They are strict request
models, so what you send is checked; responses hold them as ``Echoed[...]``, so an assistant
whose tool carries a field this package does not know is still returned (as a dict).
"""

from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Field, model_validator

from .._base import Echoed, RequestModel, ResponseModel
from ..chat import FunctionObject, ReasoningEffort, ResponseFormat
from ..vector_stores import StaticChunkingStrategy  # re-exported: one definition for both

__all__ = [
    "AssistantObject",
    "AssistantToolCodeInterpreterResources",
    "AssistantToolFileSearchResources",
    "AssistantToolResources",
    "AssistantTools",
    "AssistantToolsCode",
    "AssistantToolsFileSearch",
    "AssistantToolsFileSearchOverrides",
    "AssistantToolsFunction",
    "AssistantVectorStore",
    "AssistantVectorStoreChunkingStrategy",
    "AssistantVectorStoreChunkingStrategyAuto",
    "AssistantVectorStoreChunkingStrategyStatic",
    "AssistantsApiResponseFormatOption",
    "CreateAssistantRequest",
    "CreateAssistantToolFileSearchResources",
    "CreateAssistantToolResources",
    "DeleteAssistantResponse",
    "FileSearchRanker",
    "FileSearchRankingOptions",
    "Metadata",
    "ModifyAssistantRequest",
    "StaticChunkingStrategy",
]

# Up to 16 pairs; keys up to 64 characters, values up to 512 (the spec's `Metadata`).
Metadata: TypeAlias = Annotated[
    dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=512)]],
    Field(max_length=16),
]


# --- Tools ------------------------------------------------------------------------------------


class FileSearchRanker(StrEnum):
    """The ranker of file search results."""

    auto = "auto"
    default_2024_08_21 = "default_2024_08_21"


class FileSearchRankingOptions(RequestModel):
    """How file search ranks results; without it, the `auto` ranker and a threshold of 0."""

    ranker: FileSearchRanker | None = None
    score_threshold: float = Field(ge=0, le=1)


class AssistantToolsFileSearchOverrides(RequestModel):
    """Overrides for the file search tool."""

    max_num_results: int | None = Field(default=None, ge=1, le=50)
    ranking_options: FileSearchRankingOptions | None = None


class AssistantToolsCode(RequestModel):
    """The code interpreter tool."""

    type: Literal["code_interpreter"] = "code_interpreter"


class AssistantToolsFileSearch(RequestModel):
    """The file search tool."""

    type: Literal["file_search"] = "file_search"
    file_search: AssistantToolsFileSearchOverrides | None = None


class AssistantToolsFunction(RequestModel):
    """A function tool: the same function definition as in chat completions."""

    type: Literal["function"] = "function"
    function: FunctionObject


AssistantTools: TypeAlias = Annotated[
    AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction,
    Field(discriminator="type"),
]


# --- Tool resources ---------------------------------------------------------------------------


class AssistantToolCodeInterpreterResources(RequestModel):
    """Files made available to the code interpreter tool."""

    file_ids: list[str] = Field(default_factory=list, max_length=20)


class AssistantToolFileSearchResources(RequestModel):
    """The vector store attached for the file search tool."""

    vector_store_ids: list[str] = Field(default_factory=list, max_length=1)


class AssistantToolResources(RequestModel):
    """Resources for an assistant's or a thread's tools."""

    code_interpreter: AssistantToolCodeInterpreterResources | None = None
    file_search: AssistantToolFileSearchResources | None = None


class AssistantVectorStoreChunkingStrategyAuto(RequestModel):
    """The default chunking (800-token chunks, 400 tokens of overlap)."""

    type: Literal["auto"] = "auto"


class AssistantVectorStoreChunkingStrategyStatic(RequestModel):
    """Chunking with a size and overlap of your own."""

    type: Literal["static"] = "static"
    static: StaticChunkingStrategy


AssistantVectorStoreChunkingStrategy: TypeAlias = Annotated[
    AssistantVectorStoreChunkingStrategyAuto | AssistantVectorStoreChunkingStrategyStatic,
    Field(discriminator="type"),
]


class AssistantVectorStore(RequestModel):
    """A vector store to create from files and attach for file search."""

    file_ids: list[str] = Field(default_factory=list, max_length=100_000_000)
    chunking_strategy: AssistantVectorStoreChunkingStrategy | None = None
    metadata: Metadata | None = None


class CreateAssistantToolFileSearchResources(RequestModel):
    """The vector store for file search: an existing one, or one to create (exactly one)."""

    vector_store_ids: list[str] | None = Field(default=None, max_length=1)
    vector_stores: list[AssistantVectorStore] | None = Field(default=None, max_length=1)

    @model_validator(mode="after")
    def _exactly_one_source(self) -> "CreateAssistantToolFileSearchResources":
        if (self.vector_store_ids is None) == (self.vector_stores is None):
            raise ValueError("set exactly one of vector_store_ids and vector_stores")
        return self


class CreateAssistantToolResources(RequestModel):
    """Tool resources when creating an assistant or a thread: may create a vector store."""

    code_interpreter: AssistantToolCodeInterpreterResources | None = None
    file_search: CreateAssistantToolFileSearchResources | None = None


# --- Assistants -------------------------------------------------------------------------------

# `"auto"` or one of chat's response formats (text, json_object, json_schema).
AssistantsApiResponseFormatOption: TypeAlias = Literal["auto"] | ResponseFormat


class CreateAssistantRequest(RequestModel):
    """Body of ``POST /assistants``."""

    model: str
    name: str | None = Field(default=None, max_length=256)
    description: str | None = Field(default=None, max_length=512)
    instructions: str | None = Field(default=None, max_length=256_000)
    reasoning_effort: ReasoningEffort | None = None
    tools: list[AssistantTools] | None = Field(default=None, max_length=128)
    tool_resources: CreateAssistantToolResources | None = None
    metadata: Metadata | None = None
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    response_format: AssistantsApiResponseFormatOption | None = None


class ModifyAssistantRequest(RequestModel):
    """Body of ``POST /assistants/{assistant_id}``: the fields to change."""

    model: str | None = None
    reasoning_effort: ReasoningEffort | None = None
    name: str | None = Field(default=None, max_length=256)
    description: str | None = Field(default=None, max_length=512)
    instructions: str | None = Field(default=None, max_length=256_000)
    tools: list[AssistantTools] | None = Field(default=None, max_length=128)
    tool_resources: AssistantToolResources | None = None
    metadata: Metadata | None = None
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    response_format: AssistantsApiResponseFormatOption | None = None


class AssistantObject(ResponseModel):
    """An assistant: a model, instructions and tools that runs use."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    name: str | None = None
    description: str | None = None
    model: str | None = None
    instructions: str | None = None
    tools: list[Echoed[AssistantTools]] = Field(default_factory=list)
    tool_resources: Echoed[AssistantToolResources] | None = None
    metadata: dict[str, Any] | None = None
    temperature: float | None = None
    top_p: float | None = None
    response_format: Echoed[AssistantsApiResponseFormatOption] | None = None


class DeleteAssistantResponse(ResponseModel):
    """The answer to deleting an assistant."""

    id: str | None = None
    deleted: bool | None = None
    object: str | None = None
