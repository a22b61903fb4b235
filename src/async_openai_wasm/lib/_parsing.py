"""Structured outputs for chat: ``response_format=SomeModel`` into a strict ``json_schema``
request, function tools from models, and answers parsed back into the models."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

from pydantic import BaseModel, PrivateAttr, ValidationError

from .._args import CallOptions, not_streamed, request_body
from .._decode import validation_summary
from ..error import InvalidArgumentError, JSONDeserializeError
from ..types.chat import (
    ChatChoice,
    ChatCompletionMessageToolCall,
    ChatCompletionResponseMessage,
    ChatCompletionTool,
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    FunctionCall,
    FunctionObject,
)
from ._schema import to_strict_json_schema

if TYPE_CHECKING:
    from .._pipeline import Pipeline

__all__ = [
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChoice",
    "ParsedFunction",
    "ParsedFunctionToolCall",
    "PydanticFunctionTool",
    "pydantic_function_tool",
]

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class ParsedFunction(FunctionCall):
    """A function call; ``parsed_arguments`` is its arguments as the tool's model (a tool made
    with :func:`pydantic_function_tool`), or as JSON for another strict tool, else ``None``."""

    parsed_arguments: Any = None


class ParsedFunctionToolCall(ChatCompletionMessageToolCall):
    function: ParsedFunction


class ParsedChatCompletionMessage(ChatCompletionResponseMessage, Generic[T]):
    """An answer; ``parsed`` is its content as the ``response_format`` model (``None`` when the
    model refused, or without a model)."""

    parsed: T | None = None
    tool_calls: list[ParsedFunctionToolCall] | None = None  # type: ignore[assignment]


class ParsedChoice(ChatChoice, Generic[T]):
    message: ParsedChatCompletionMessage[T]


class ParsedChatCompletion(CreateChatCompletionResponse, Generic[T]):
    """A chat completion whose messages carry ``parsed`` and tool calls ``parsed_arguments``."""

    choices: list[ParsedChoice[T]]  # type: ignore[assignment]


ModelClass: TypeAlias = type[BaseModel]  # (inside a tool class, `type` is the tool's field)


class PydanticFunctionTool(ChatCompletionTool):
    """A strict function tool made from a pydantic model, which parses its calls' arguments."""

    _model: ModelClass = PrivateAttr()

    @property
    def model(self) -> ModelClass:
        return self._model


def pydantic_function_tool(
    model: type[BaseModel], *, name: str | None = None, description: str | None = None
) -> PydanticFunctionTool:
    """A strict function tool whose parameters are ``model``'s fields (named after the model
    unless ``name`` is given; described by its docstring unless ``description`` is given)."""
    parameters = to_strict_json_schema(model)
    tool = PydanticFunctionTool(
        function=FunctionObject(
            name=name or model.__name__,
            description=description if description is not None else parameters.get("description"),
            parameters=parameters,
            strict=True,
        )
    )
    tool._model = model
    return tool


def json_schema_format(model: type[BaseModel]) -> dict[str, Any]:
    """The ``response_format`` that asks for ``model``: a strict ``json_schema``."""
    return {
        "type": "json_schema",
        "json_schema": {
            "name": model.__name__,
            "schema": to_strict_json_schema(model),
            "strict": True,
        },
    }


def model_of(response_format: Any) -> type[BaseModel] | None:
    """The pydantic model a ``response_format`` argument names, if it is one."""
    if isinstance(response_format, type) and issubclass(response_format, BaseModel):
        return response_format
    return None


def with_response_format(
    fields: dict[str, Any], response_format: Any
) -> tuple[dict[str, Any], type[BaseModel] | None]:
    """A chat call's fields with its ``response_format``: a model made into its strict schema
    (and returned, to parse into), anything else sent as given."""
    model = model_of(response_format)
    if model is not None:
        return {**fields, "response_format": json_schema_format(model)}, model
    if response_format is not None:
        return {**fields, "response_format": response_format}, None
    return fields, None


class ToolParsers:
    """How to parse the arguments of each function tool a request names: by its model (a
    :class:`PydanticFunctionTool`), as JSON (another strict tool), or not at all."""

    def __init__(self, tools: Iterable[Any] | None) -> None:
        self.models: dict[str, type[BaseModel] | None] = {}
        for tool in tools or ():
            if isinstance(tool, PydanticFunctionTool):
                self.models[tool.function.name] = tool.model
                continue
            function = tool.function if isinstance(tool, ChatCompletionTool) else None
            if function is None and isinstance(tool, Mapping):
                raw = tool.get("function")
                function = FunctionObject.model_validate(raw) if isinstance(raw, Mapping) else None
            if function is not None and function.strict:
                self.models[function.name] = None

    def parse(self, name: str | None, arguments: str) -> Any:
        """The arguments of a complete call to ``name``, or ``None`` for a tool not parsed."""
        if name is None or name not in self.models:
            return None
        model = self.models[name]
        what = f"the arguments of a call to {name!r}"
        try:
            return model.model_validate_json(arguments) if model else json.loads(arguments)
        except ValidationError as exc:
            raise JSONDeserializeError(
                f"{what} do not fit its model: {validation_summary(exc)}", raw=arguments
            ) from exc
        except ValueError as exc:
            raise JSONDeserializeError(f"{what} are not JSON: {exc}", raw=arguments) from exc

    def partial(self, name: str | None, arguments: str) -> Any:
        """The arguments of a call still streaming, as far as they go (``None`` for a tool not
        parsed, or before the first value)."""
        if name is None or name not in self.models or not arguments.strip():
            return None
        return partial_json(arguments)


def partial_json(text: str) -> Any:
    """JSON cut anywhere, parsed as far as it goes (``None`` if nothing is complete yet)."""
    from pydantic_core import from_json

    try:
        return from_json(text, allow_partial="trailing-strings")
    except ValueError:
        return None


def parse_content(
    model: type[M], content: str | None, index: int, refusal: str | None = None
) -> M | None:
    """The content of a finished answer as ``model``; ``None`` for a refusal or no content."""
    if refusal is not None or content is None:
        return None
    try:
        return model.model_validate_json(content)
    except ValidationError as exc:
        raise JSONDeserializeError(
            f"the content of choice {index} is not a valid {model.__name__}: "
            f"{validation_summary(exc)}",
            raw=content,
        ) from exc


def fill_parsed(
    completion: ParsedChatCompletion[Any], model: type[BaseModel] | None, tools: ToolParsers
) -> None:
    """Sets each message's ``parsed`` and each tool call's ``parsed_arguments``."""
    for choice in completion.choices:
        message = choice.message
        if model is not None:
            index = choice.index or 0
            message.parsed = parse_content(model, message.content, index, message.refusal)
        for call in message.tool_calls or ():
            call.function.parsed_arguments = tools.parse(
                call.function.name, call.function.arguments
            )


async def parse_chat(
    pipeline: Pipeline,
    request: CreateChatCompletionRequest | Mapping[str, Any] | None,
    fields: dict[str, Any],
    response_format: Any,
    *,
    options: CallOptions,
) -> ParsedChatCompletion[Any]:
    """``client.chat.parse(...)``: ``create``, with the answer parsed into ``response_format``
    and strict tools' arguments into ``parsed_arguments``."""
    if response_format is not None and model_of(response_format) is None:
        raise InvalidArgumentError(
            "response_format must be a pydantic model class for parse() (a dict "
            f"response_format goes to create()), got {response_format!r}"
        )
    fields, model = with_response_format(fields, response_format)
    body = not_streamed(request_body(CreateChatCompletionRequest, request, fields), "chat.create")
    completion: ParsedChatCompletion[Any] = await pipeline.json(
        "POST", "/chat/completions", ParsedChatCompletion, body=body, options=options
    )
    fill_parsed(completion, model, ToolParsers(body.tools))
    return completion
