"""Helpers above the API: chat streams accumulated into typed events and a final completion,
structured outputs (strict JSON schemas from pydantic models, answers parsed back), and tool
runs. Loaded on first use, like the API groups: importing the package imports none of this."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
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

# Each name from its module on first use: a chat helper does not import the Responses types,
# nor a Responses helper the chat types (each costs about a second to build in Pyodide).
_MODULES = {
    "._chat_stream": (
        "ChatCompletionStream ChatCompletionStreamEvent ChatCompletionStreamManager "
        "ChatCompletionStreamState ChunkEvent ContentDeltaEvent ContentDoneEvent "
        "FunctionToolCallArgumentsDeltaEvent FunctionToolCallArgumentsDoneEvent "
        "LogprobsContentDeltaEvent LogprobsContentDoneEvent LogprobsRefusalDeltaEvent "
        "LogprobsRefusalDoneEvent RefusalDeltaEvent RefusalDoneEvent accumulate"
    ),
    "._parsing": (
        "ParsedChatCompletion ParsedChatCompletionMessage ParsedChoice ParsedFunction "
        "ParsedFunctionToolCall PydanticFunctionTool pydantic_function_tool"
    ),
    "._responses": "ParsedResponse ResponseStream ResponseStreamManager",
    "._schema": "to_strict_json_schema",
    "._tools": "ToolResultEvent ToolRun ToolRunCompletion ToolRunEvent function_tool",
}
__getattr__ = lazy_names(
    __name__, {name: module for module, names in _MODULES.items() for name in names.split()}
)
