"""Tool runs: the model calls Python functions until it answers.

``client.chat.run_tools(...)`` sends the tools, runs each call the model makes, appends the
assistant message and the ``tool`` results, and asks again until an answer has no tool calls.
A plain function is a tool: its JSON schema comes from its signature, type hints and
docstring, and its arguments are validated before it runs.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import AsyncIterator, Callable, Generator, Iterable, Mapping, Sequence
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeAlias, get_type_hints

from pydantic import BaseModel, PrivateAttr, ValidationError, create_model

from .._args import CallOptions
from .._decode import validation_summary
from ..error import InvalidArgumentError
from ..types._base import RequestModel
from ..types.chat import (
    ChatCompletionMessageToolCall,
    ChatCompletionResponseMessage,
    ChatCompletionTool,
    CreateChatCompletionResponse,
    FunctionObject,
)
from ._chat_stream import (
    ChatCompletionStreamEvent,
    ChatCompletionStreamState,
    opened_chat_stream,
)
from ._parsing import ParsedChatCompletion, PydanticFunctionTool
from ._schema import to_strict_json_schema

if TYPE_CHECKING:
    from ..api.chat import Chat

__all__ = [
    "ToolResultEvent",
    "ToolRun",
    "ToolRunCompletion",
    "ToolRunEvent",
    "function_tool",
]

Handler: TypeAlias = Callable[..., Any]
ToolRunEvent: TypeAlias = "ChatCompletionStreamEvent | ToolResultEvent"
ToolError: TypeAlias = Literal["message", "raise"] | Callable[[Exception], str]


class ToolRunCompletion(ParsedChatCompletion[Any]):
    """The last completion of a tool run; ``messages`` is the whole conversation: the
    messages given, then each round's assistant message and tool results."""

    _messages: list[dict[str, Any]] = PrivateAttr(default_factory=list)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self._messages


class ToolResultEvent:
    """A tool ran: ``content`` is the ``tool`` message sent back (its result, or its error)."""

    type: ClassVar[Literal["tool.result"]] = "tool.result"
    __slots__ = ("arguments", "content", "error", "name", "tool_call_id")

    def __init__(
        self,
        tool_call_id: str,
        name: str,
        arguments: str,
        content: str,
        error: Exception | None,
    ) -> None:
        self.tool_call_id = tool_call_id
        self.name = name
        self.arguments = arguments
        self.content = content
        self.error = error


class _Tool:
    """A tool as sent (``spec``) and how to call it: arguments validated by ``model`` (or
    decoded JSON, for a tool given as a plain schema) then passed to ``handler``."""

    def __init__(
        self, spec: ChatCompletionTool, handler: Handler, model: type[BaseModel] | None, whole: bool
    ) -> None:
        self.spec = spec
        self.handler = handler
        self.model = model
        self.whole = whole  # the handler takes the model instance, not keywords

    async def call(self, arguments: str) -> Any:
        if self.model is not None:
            try:
                value = self.model.model_validate_json(arguments or "{}")
            except ValidationError as exc:
                raise InvalidArgumentError(
                    f"invalid arguments for {self.spec.function.name}: {validation_summary(exc)}"
                ) from exc
            result = (
                self.handler(value)
                if self.whole
                else self.handler(
                    **{name: getattr(value, name) for name in type(value).model_fields}
                )
            )
        else:
            try:
                decoded = json.loads(arguments or "{}")
            except ValueError as exc:
                raise InvalidArgumentError(
                    f"the arguments for {self.spec.function.name} are not JSON: {exc}"
                ) from exc
            if not isinstance(decoded, dict):
                raise InvalidArgumentError(
                    f"the arguments for {self.spec.function.name} are not a JSON object"
                )
            result = self.handler(**decoded)
        if inspect.isawaitable(result):
            result = await result
        return result


def function_tool(function: Handler, *, name: str | None = None) -> PydanticFunctionTool:
    """The tool a plain Python function makes: its parameters (type hints, defaults) as the
    JSON schema, described by its docstring (an ``Args:`` section describes each parameter).
    Strict when strict mode can express the parameters."""
    model = _parameters_model(function)
    description, documented = _docstring(function)
    schema = model.model_json_schema()
    try:
        parameters, strict = to_strict_json_schema(model), True
    except InvalidArgumentError:
        parameters, strict = schema, False  # e.g. a dict parameter: sent as it is, not strict
    parameters.pop("title", None)
    for key, text in documented.items():
        prop = parameters.get("properties", {}).get(key)
        if prop is not None and "description" not in prop:
            prop["description"] = text
    tool = PydanticFunctionTool(
        function=FunctionObject(
            name=name or function.__name__,
            description=description or None,
            parameters=parameters,
            strict=strict,
        )
    )
    tool._model = model
    return tool


def _parameters_model(function: Handler) -> type[BaseModel]:
    signature = inspect.signature(function)
    try:
        hints = get_type_hints(function, include_extras=True)
    except Exception as exc:  # a hint naming something undefined
        raise InvalidArgumentError(
            f"the type hints of {getattr(function, '__name__', function)!r} do not resolve: {exc}"
        ) from exc
    fields: dict[str, Any] = {}
    for param in signature.parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD, param.POSITIONAL_ONLY):
            raise InvalidArgumentError(
                f"tool {function.__name__}: parameter {param.name!r} cannot be passed by "
                "keyword (tools take named arguments)"
            )
        annotation = hints.get(param.name, Any)
        default = ... if param.default is param.empty else param.default
        fields[param.name] = (annotation, default)
    name = "".join(part.capitalize() for part in function.__name__.split("_")) or "Arguments"
    model: type[BaseModel] = create_model(name, **fields)
    return model


_ARGS_HEADING = re.compile(r"^\s*(Args|Arguments|Parameters)\s*:\s*$")
_ARG_LINE = re.compile(r"^\s+(\w+)(?:\s*\([^)]*\))?\s*:\s*(.+)$")


def _docstring(function: Handler) -> tuple[str, dict[str, str]]:
    """A function's description (the docstring up to its ``Args:`` section) and the
    descriptions of its parameters (``name: text`` lines in that section)."""
    doc = inspect.getdoc(function) or ""
    description: list[str] = []
    arguments: dict[str, str] = {}
    in_arguments = False
    for line in doc.splitlines():
        if _ARGS_HEADING.match(line):
            in_arguments = True
            continue
        if in_arguments:
            match = _ARG_LINE.match(line)
            if match:
                arguments[match.group(1)] = match.group(2).strip()
            elif line.strip() and not line.startswith((" ", "\t")):
                in_arguments = False  # another section
            elif arguments and line.strip():
                last = next(reversed(arguments))
                arguments[last] += " " + line.strip()
        else:
            description.append(line)
    return "\n".join(description).strip(), arguments


def _tools(tools: Iterable[Any]) -> dict[str, _Tool]:
    """Each tool by name, from callables and ``(tool, handler)`` pairs."""
    by_name: dict[str, _Tool] = {}
    for item in tools:
        if isinstance(item, tuple) and len(item) == 2:
            spec, handler = item
            if isinstance(spec, PydanticFunctionTool):
                tool = _Tool(spec, handler, spec.model, whole=True)
            else:
                try:
                    spec = ChatCompletionTool.model_validate(spec)
                except ValidationError as exc:
                    raise InvalidArgumentError(f"invalid tool: {validation_summary(exc)}") from exc
                tool = _Tool(spec, handler, None, whole=False)
        elif callable(item) and not isinstance(item, type):
            spec = function_tool(item)
            tool = _Tool(spec, item, spec.model, whole=False)
        else:
            raise InvalidArgumentError(
                f"a tool is a function or a (tool, handler) pair, got {item!r}"
            )
        if not callable(tool.handler):
            raise InvalidArgumentError(
                f"the handler of tool {tool.spec.function.name} is not callable"
            )
        name = tool.spec.function.name
        if name in by_name:
            raise InvalidArgumentError(f"two tools are named {name!r}")
        by_name[name] = tool
    if not by_name:
        raise InvalidArgumentError("run_tools needs at least one tool")
    return by_name


def _message_dict(message: Any) -> dict[str, Any]:
    if isinstance(message, RequestModel):
        return message.to_wire()
    if isinstance(message, Mapping):
        return dict(message)
    raise InvalidArgumentError(f"a message is a dict or a message type, got {message!r}")


def _assistant_message(message: ChatCompletionResponseMessage) -> dict[str, Any]:
    """The answer as a message to send back (what the request accepts, no parsed fields)."""
    sent: dict[str, Any] = {"role": "assistant"}
    if message.content is not None:  # None is not sent (a request's unset fields never are)
        sent["content"] = message.content
    if message.refusal is not None:
        sent["refusal"] = message.refusal
    if message.tool_calls:
        sent["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.function.name, "arguments": call.function.arguments},
            }
            for call in message.tool_calls
        ]
    return sent


def _content(result: Any) -> str:
    if isinstance(result, str):
        return result
    if isinstance(result, BaseModel):
        return result.model_dump_json()
    return json.dumps(result, default=str)


class ToolRun:
    """A tool run: ``await`` it for the final :class:`ToolRunCompletion`, or (from
    ``run_tools_stream``) ``async for`` over the events of every round. ``messages`` is the
    conversation so far."""

    def __init__(
        self,
        chat: Chat,
        fields: dict[str, Any],
        tools: Iterable[Any],
        *,
        max_rounds: int,
        on_tool_error: ToolError,
        options: CallOptions,
    ) -> None:
        if isinstance(max_rounds, bool) or not isinstance(max_rounds, int) or max_rounds < 1:
            raise InvalidArgumentError(
                f"max_rounds must be a whole number, 1 or more, got {max_rounds!r}"
            )
        if on_tool_error not in ("message", "raise") and not callable(on_tool_error):
            raise InvalidArgumentError(
                f'on_tool_error must be "message", "raise" or a function, got {on_tool_error!r}'
            )
        if "tools" in fields or "stream" in fields:
            raise InvalidArgumentError(
                "run_tools takes its tools as functions or pairs: `tools=[...]`"
            )
        messages = fields.pop("messages", None)
        if not isinstance(messages, Sequence) or isinstance(messages, str) or not messages:
            raise InvalidArgumentError("run_tools needs messages: a non-empty list")
        self._chat = chat
        self._fields = fields
        self._tools = _tools(tools)
        self._max_rounds = max_rounds
        self._on_tool_error = on_tool_error
        self._options = options
        self.messages: list[dict[str, Any]] = [_message_dict(m) for m in messages]
        self._completion: CreateChatCompletionResponse | None = None
        self._events: AsyncIterator[ToolRunEvent] | None = None

    def _request(self) -> dict[str, Any]:
        specs = [tool.spec for tool in self._tools.values()]
        return {**self._fields, "messages": list(self.messages), "tools": specs, **self._options}

    async def _rounds(self, streamed: bool) -> AsyncIterator[ToolRunEvent]:
        for round_number in range(1, self._max_rounds + 1):
            request = self._request()
            completion: CreateChatCompletionResponse
            if streamed:
                # Arguments are checked when each tool runs (a bad one becomes a tool message),
                # so the stream parses none.
                state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
                opened = opened_chat_stream(partial(self._chat.create_stream, **request), state)
                async with opened as stream:
                    async for event in stream:
                        yield event
                    completion = await stream.get_final_completion()
            else:
                completion = await self._chat.create(**request)
            self._completion = completion
            message = completion.choices[0].message
            self.messages.append(_assistant_message(message))
            if not message.tool_calls or round_number == self._max_rounds:
                return
            for call in message.tool_calls:
                result = await self._run(call)
                self.messages.append(
                    {"role": "tool", "tool_call_id": call.id, "content": result.content}
                )
                yield result

    async def _run(self, call: ChatCompletionMessageToolCall) -> ToolResultEvent:
        name, arguments = call.function.name, call.function.arguments
        tool = self._tools.get(name)
        try:
            if tool is None:
                raise InvalidArgumentError(f"there is no tool named {name!r}")
            content = _content(await tool.call(arguments))
            error = None
        except Exception as exc:
            if self._on_tool_error == "raise":
                raise
            error = exc
            if callable(self._on_tool_error):
                content = self._on_tool_error(exc)
            else:
                content = f"Error: {type(exc).__name__}: {exc}"
        return ToolResultEvent(call.id, name, arguments, content, error)

    def _result(self) -> ToolRunCompletion:
        assert self._completion is not None
        result = ToolRunCompletion.model_validate(self._completion.model_dump())
        result._messages = self.messages
        object.__setattr__(result, "_request_id", self._completion._request_id)
        return result

    async def _run_all(self) -> ToolRunCompletion:
        async for _ in self._rounds(streamed=False):
            pass
        return self._result()

    def __await__(self) -> Generator[Any, None, ToolRunCompletion]:
        return self._run_all().__await__()

    # -- streamed ---------------------------------------------------------------------------

    def __aiter__(self) -> AsyncIterator[ToolRunEvent]:
        if self._events is None:
            self._events = self._rounds(streamed=True)
        return self._events

    async def get_final_completion(self) -> ToolRunCompletion:
        """Runs the rest of the rounds; the last completion."""
        async for _ in self:
            pass
        return self._result()

    async def __aenter__(self) -> ToolRun:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._events is not None:
            await self._events.aclose()  # type: ignore[attr-defined]
