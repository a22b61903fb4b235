"""Responses made whole and parsed: ``client.responses.stream(...)`` (the typed events, and
the final response) and ``client.responses.parse(..., text_format=Model)``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from .._args import CallOptions, not_streamed, request_body
from .._stream import Stream
from ..error import InvalidArgumentError, StreamError
from ..types.responses import (
    CreateResponse,
    FunctionToolCall,
    OutputMessage,
    OutputTextContent,
    Response,
    ResponseCompletedEvent,
    ResponseFailedEvent,
    ResponseIncompleteEvent,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
)
from ._parsing import PydanticFunctionTool, ToolParsers, model_of, parse_content
from ._schema import to_strict_json_schema
from ._streaming import EventStream, StreamManager

if TYPE_CHECKING:
    from .._pipeline import Pipeline
    from ..api.responses import Responses

__all__ = ["ParsedResponse", "ResponseStream", "ResponseStreamManager"]

T = TypeVar("T")


class ParsedResponse(Response, Generic[T]):
    """A response whose text is parsed: ``output_parsed`` is it as the ``text_format`` model
    (``None`` without one, or for a refusal); each ``function_call`` item of a strict tool
    carries ``parsed_arguments``."""

    output_parsed: T | None = None


def _prepared(
    fields: dict[str, Any], text_format: Any
) -> tuple[dict[str, Any], type[BaseModel] | None, ToolParsers]:
    """The fields of a Responses call with ``text_format`` made a strict ``text.format`` and
    chat-style tools (``pydantic_function_tool``) made Responses function tools."""
    model = model_of(text_format)
    if text_format is not None and model is None:
        raise InvalidArgumentError(
            f"text_format must be a pydantic model class, got {text_format!r}"
        )
    if model is not None:
        text = dict(fields.get("text") or {})
        text["format"] = {
            "type": "json_schema",
            "name": model.__name__,
            "schema": to_strict_json_schema(model),
            "strict": True,
        }
        fields = {**fields, "text": text}
    tools = fields.get("tools")
    parsers = ToolParsers(())
    if tools:
        converted = []
        for tool in tools:
            if isinstance(tool, PydanticFunctionTool):
                parsers.models[tool.function.name] = tool.model
                function = tool.function
                tool = {
                    "type": "function",
                    "name": function.name,
                    "parameters": function.parameters,
                    "strict": True,
                    **({"description": function.description} if function.description else {}),
                }
            elif (
                isinstance(tool, Mapping) and tool.get("type") == "function" and tool.get("strict")
            ):
                parsers.models[tool["name"]] = None
            converted.append(tool)
        fields = {**fields, "tools": converted}
    return fields, model, parsers


def _parse(
    response: Response, model: type[BaseModel] | None, parsers: ToolParsers
) -> ParsedResponse[Any]:
    parsed: ParsedResponse[Any]
    if isinstance(response, ParsedResponse):
        parsed = response
    else:  # a stream's final response: its fields as they are, under the parsed type
        parsed = ParsedResponse.model_validate(dict(response))
    for item in parsed.output:
        if isinstance(item, FunctionToolCall) and item.name in parsers.models:
            # An extra field of the (lenient) item, named as openai-python names it.
            setattr(item, "parsed_arguments", parsers.parse(item.name, item.arguments))  # noqa: B010
    if model is not None:
        parts = [
            part
            for item in parsed.output
            if isinstance(item, OutputMessage)
            for part in item.content
        ]
        refused = any(getattr(part, "type", None) == "refusal" for part in parts)
        if not refused and any(isinstance(part, OutputTextContent) for part in parts):
            parsed.output_parsed = parse_content(model, parsed.output_text, 0)
    return parsed


async def parse_response(
    pipeline: Pipeline,
    request: CreateResponse | Mapping[str, Any] | None,
    fields: dict[str, Any],
    text_format: Any,
    *,
    options: CallOptions,
) -> ParsedResponse[Any]:
    """``client.responses.parse(...)``."""
    fields, model, parsers = _prepared(fields, text_format)
    body = not_streamed(request_body(CreateResponse, request, fields), "responses.create")
    response: ParsedResponse[Any] = await pipeline.json(
        "POST", "/responses", ParsedResponse, body=body, options=options
    )
    return _parse(response, model, parsers)


# The events that carry the finished response.
_FINAL_EVENTS = (ResponseCompletedEvent, ResponseIncompleteEvent, ResponseFailedEvent)


class ResponseStream(EventStream[ResponseStreamEvent], Generic[T]):
    """A Responses stream: ``async for`` yields its typed events; ``await
    get_final_response()`` reads the rest and returns the finished response, parsed.
    Leaving ``async with`` (or ``close()``) aborts the request."""

    def __init__(
        self,
        events: Stream[ResponseStreamEvent],
        model: type[BaseModel] | None,
        parsers: ToolParsers,
    ) -> None:
        super().__init__(events, self._events_of)
        self._model = model
        self._parsers = parsers
        self._final: Response | None = None

    def _events_of(self, item: ResponseStreamEvent) -> tuple[ResponseStreamEvent]:
        if isinstance(item, _FINAL_EVENTS):
            self._final = item.response
        return (item,)

    @property
    def text_stream(self) -> AsyncIterator[str]:
        """The pieces of the output text, as they arrive."""
        return self._text()

    async def _text(self) -> AsyncIterator[str]:
        async for event in self._events:
            if isinstance(event, ResponseTextDeltaEvent):
                yield event.delta

    async def get_final_response(self) -> ParsedResponse[T]:
        """The response of the stream's ``response.completed`` (or ``incomplete`` / ``failed``)
        event, with ``output_parsed`` and ``parsed_arguments`` filled in."""
        await self.until_done()
        if self._final is None:
            raise StreamError("the stream ended without a response.completed event")
        final = _parse(self._final, self._model, self._parsers)
        object.__setattr__(final, "_request_id", self.request_id)
        return final


class ResponseStreamManager(StreamManager[ResponseStream[T]]):
    """What ``client.responses.stream(...)`` returns: ``async with`` it (or ``await`` it) to
    send the request and get the :class:`ResponseStream`."""


def response_stream(
    responses: Responses,
    request: CreateResponse | Mapping[str, Any] | None,
    fields: dict[str, Any],
    text_format: Any,
    *,
    options: CallOptions,
) -> ResponseStreamManager[Any]:
    """``client.responses.stream(...)``."""
    fields, model, parsers = _prepared(fields, text_format)

    async def start() -> ResponseStream[Any]:
        events = await responses.create_stream(request, **fields, **options)
        return ResponseStream(events, model, parsers)

    return ResponseStreamManager(start)
