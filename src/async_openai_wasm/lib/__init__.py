"""Helpers above the API: chat streams accumulated into typed events and a final completion,
structured outputs (strict JSON schemas from pydantic models, answers parsed back), and tool
runs. Loaded on first use, like the API groups: importing the package imports none of this."""

from __future__ import annotations

from ._chat_stream import (
    ChatCompletionStream,
    ChatCompletionStreamEvent,
    ChatCompletionStreamManager,
    ChatCompletionStreamState,
    ChunkEvent,
    ContentDeltaEvent,
    ContentDoneEvent,
    FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    LogprobsContentDeltaEvent,
    LogprobsContentDoneEvent,
    LogprobsRefusalDeltaEvent,
    LogprobsRefusalDoneEvent,
    RefusalDeltaEvent,
    RefusalDoneEvent,
    accumulate,
)
from ._parsing import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
    ParsedFunction,
    ParsedFunctionToolCall,
    PydanticFunctionTool,
    pydantic_function_tool,
)
from ._responses import ParsedResponse, ResponseStream, ResponseStreamManager
from ._schema import to_strict_json_schema
from ._tools import ToolResultEvent, ToolRun, ToolRunCompletion, ToolRunEvent, function_tool

__all__ = [
    "ChatCompletionStream",
    "ChatCompletionStreamEvent",
    "ChatCompletionStreamManager",
    "ChatCompletionStreamState",
    "ChunkEvent",
    "ContentDeltaEvent",
    "ContentDoneEvent",
    "FunctionToolCallArgumentsDeltaEvent",
    "FunctionToolCallArgumentsDoneEvent",
    "LogprobsContentDeltaEvent",
    "LogprobsContentDoneEvent",
    "LogprobsRefusalDeltaEvent",
    "LogprobsRefusalDoneEvent",
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChoice",
    "ParsedFunction",
    "ParsedFunctionToolCall",
    "ParsedResponse",
    "PydanticFunctionTool",
    "RefusalDeltaEvent",
    "RefusalDoneEvent",
    "ResponseStream",
    "ResponseStreamManager",
    "ToolResultEvent",
    "ToolRun",
    "ToolRunCompletion",
    "ToolRunEvent",
    "accumulate",
    "function_tool",
    "pydantic_function_tool",
    "to_strict_json_schema",
]
