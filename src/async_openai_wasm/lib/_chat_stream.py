"""Chat streams made whole: chunks accumulated into the completion they add up to, and typed
events (content, refusal, tool-call arguments, logprobs: each piece, then each whole).

Strings grow as lists of pieces, joined when read: an event's ``snapshot`` costs nothing
unless it is read, so accumulating stays O(n) in the pieces of a stream.
"""

from __future__ import annotations

from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Mapping,
)
from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeAlias, TypeVar

from .._args import CallOptions
from .._stream import Stream
from ..types.chat import (
    ChatCompletionTokenLogprob,
    CreateChatCompletionRequest,
    CreateChatCompletionStreamResponse,
)
from ._parsing import (
    ParsedChatCompletion,
    ToolParsers,
    model_of,
    parse_content,
    partial_json,
    with_response_format,
)
from ._streaming import EventStream, StreamManager

if TYPE_CHECKING:
    from ..api.chat import Chat

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
    "RefusalDeltaEvent",
    "RefusalDoneEvent",
    "accumulate",
]

T = TypeVar("T")
Chunk = CreateChatCompletionStreamResponse


class _Text:
    """A string that grows piece by piece; ``upto(n)`` is the string of its first n pieces."""

    __slots__ = ("_count", "_joined", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self._joined = ""
        self._count = 0

    def upto(self, count: int) -> str:
        if count == self._count:
            return self._joined
        if count < self._count:  # an old event read late
            return "".join(self.parts[:count])
        self._joined += "".join(self.parts[self._count : count])
        self._count = count
        return self._joined

    @property
    def value(self) -> str:
        return self.upto(len(self.parts))


# -- events (openai-python's names and ``type`` strings; ``choice_index`` tells n > 1 apart) ---


class ChunkEvent:
    """A chunk as it arrived. ``snapshot`` is the completion accumulated so far, built when
    read (read it when the event arrives: later it includes the chunks handled since)."""

    type: ClassVar[Literal["chunk"]] = "chunk"
    __slots__ = ("_state", "chunk")

    def __init__(self, chunk: Chunk, state: ChatCompletionStreamState[Any]) -> None:
        self.chunk = chunk
        self._state = state

    @property
    def snapshot(self) -> ParsedChatCompletion[Any]:
        return self._state.current_completion_snapshot


class ContentDeltaEvent:
    """A piece of a choice's content; ``snapshot`` is the content up to it, ``parsed`` that
    content parsed as far as it goes, when a ``response_format`` model was given."""

    type: ClassVar[Literal["content.delta"]] = "content.delta"
    __slots__ = ("_count", "_parse", "_text", "choice_index", "delta")

    def __init__(self, delta: str, choice_index: int, text: _Text, count: int, parse: bool) -> None:
        self.delta = delta
        self.choice_index = choice_index
        self._text = text
        self._count = count  # the pieces of ``text`` up to this one
        self._parse = parse

    @property
    def snapshot(self) -> str:
        return self._text.upto(self._count)

    @property
    def parsed(self) -> Any:
        return partial_json(self.snapshot) if self._parse else None


class ContentDoneEvent(Generic[T]):
    """A choice's whole content, and ``parsed``: it as the ``response_format`` model."""

    type: ClassVar[Literal["content.done"]] = "content.done"
    __slots__ = ("choice_index", "content", "parsed")

    def __init__(self, content: str, parsed: T | None, choice_index: int) -> None:
        self.content = content
        self.parsed = parsed
        self.choice_index = choice_index


class RefusalDeltaEvent:
    """A piece of a choice's refusal; ``snapshot`` is the refusal up to it."""

    type: ClassVar[Literal["refusal.delta"]] = "refusal.delta"
    __slots__ = ("_count", "_text", "choice_index", "delta")

    def __init__(self, delta: str, choice_index: int, text: _Text) -> None:
        self.delta = delta
        self.choice_index = choice_index
        self._text = text
        self._count = len(text.parts)

    @property
    def snapshot(self) -> str:
        return self._text.upto(self._count)


class RefusalDoneEvent:
    type: ClassVar[Literal["refusal.done"]] = "refusal.done"
    __slots__ = ("choice_index", "refusal")

    def __init__(self, refusal: str, choice_index: int) -> None:
        self.refusal = refusal
        self.choice_index = choice_index


class FunctionToolCallArgumentsDeltaEvent:
    """A piece of a tool call's arguments (``arguments_delta``); ``arguments`` is them up to
    it, ``parsed_arguments`` those parsed as far as they go when the tool is strict."""

    type: ClassVar[Literal["tool_calls.function.arguments.delta"]] = (
        "tool_calls.function.arguments.delta"
    )
    __slots__ = ("_call", "_count", "arguments_delta", "choice_index", "index", "name")

    def __init__(
        self, arguments_delta: str, call: _ToolCall, index: int, choice_index: int
    ) -> None:
        self.arguments_delta = arguments_delta
        self.name = call.name
        self.index = index
        self.choice_index = choice_index
        self._call = call
        self._count = len(call.arguments.parts)

    @property
    def arguments(self) -> str:
        return self._call.arguments.upto(self._count)

    @property
    def parsed_arguments(self) -> Any:
        return self._call.parsers.partial(self.name, self.arguments)


class FunctionToolCallArgumentsDoneEvent:
    """A tool call's whole arguments, and ``parsed_arguments``: them as the tool's model (a
    :func:`pydantic_function_tool`), as JSON for another strict tool, else ``None``."""

    type: ClassVar[Literal["tool_calls.function.arguments.done"]] = (
        "tool_calls.function.arguments.done"
    )
    __slots__ = ("arguments", "choice_index", "index", "name", "parsed_arguments")

    def __init__(
        self, name: str, arguments: str, parsed_arguments: Any, index: int, choice_index: int
    ) -> None:
        self.name = name
        self.arguments = arguments
        self.parsed_arguments = parsed_arguments
        self.index = index
        self.choice_index = choice_index


class _LogprobsEvent:
    __slots__ = ("_count", "_list", "choice_index", "pieces")

    def __init__(
        self, pieces: list[ChatCompletionTokenLogprob], so_far: list[Any], choice_index: int
    ) -> None:
        self.pieces = pieces
        self.choice_index = choice_index
        self._list = so_far
        self._count = len(so_far)

    @property
    def snapshot(self) -> list[ChatCompletionTokenLogprob]:
        return self._list[: self._count]


class LogprobsContentDeltaEvent(_LogprobsEvent):
    """The logprobs of a piece of content (``content``) and of the content so far."""

    type: ClassVar[Literal["logprobs.content.delta"]] = "logprobs.content.delta"
    __slots__ = ()

    @property
    def content(self) -> list[ChatCompletionTokenLogprob]:
        return self.pieces


class LogprobsRefusalDeltaEvent(_LogprobsEvent):
    """The logprobs of a piece of refusal (``refusal``) and of the refusal so far."""

    type: ClassVar[Literal["logprobs.refusal.delta"]] = "logprobs.refusal.delta"
    __slots__ = ()

    @property
    def refusal(self) -> list[ChatCompletionTokenLogprob]:
        return self.pieces


class LogprobsContentDoneEvent:
    type: ClassVar[Literal["logprobs.content.done"]] = "logprobs.content.done"
    __slots__ = ("choice_index", "content")

    def __init__(self, content: list[ChatCompletionTokenLogprob], choice_index: int) -> None:
        self.content = content
        self.choice_index = choice_index


class LogprobsRefusalDoneEvent:
    type: ClassVar[Literal["logprobs.refusal.done"]] = "logprobs.refusal.done"
    __slots__ = ("choice_index", "refusal")

    def __init__(self, refusal: list[ChatCompletionTokenLogprob], choice_index: int) -> None:
        self.refusal = refusal
        self.choice_index = choice_index


ChatCompletionStreamEvent: TypeAlias = (
    ChunkEvent
    | ContentDeltaEvent
    | ContentDoneEvent[Any]
    | RefusalDeltaEvent
    | RefusalDoneEvent
    | FunctionToolCallArgumentsDeltaEvent
    | FunctionToolCallArgumentsDoneEvent
    | LogprobsContentDeltaEvent
    | LogprobsContentDoneEvent
    | LogprobsRefusalDeltaEvent
    | LogprobsRefusalDoneEvent
)


# -- accumulation -------------------------------------------------------------------------------


class _ToolCall:
    __slots__ = ("arguments", "done", "extra", "id", "name", "parsed", "parsers", "type")

    def __init__(self, parsers: ToolParsers) -> None:
        self.id: str | None = None
        self.type: str | None = None
        self.name: str | None = None
        self.arguments = _Text()
        self.parsers = parsers
        self.done = False
        self.parsed: Any = None
        self.extra: dict[str, Any] = {}

    def wire(self) -> dict[str, Any]:
        return {
            **self.extra,
            "id": self.id or "",
            "type": self.type or "function",
            "function": {"name": self.name or "", "arguments": self.arguments.value},
        }


class _Choice:
    """One choice of a stream, accumulated, with the done events it has fired."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.role: str | None = None
        self.content: _Text | None = None
        self.refusal: _Text | None = None
        self.tool_calls: dict[int, _ToolCall] = {}
        self.current_tool: int | None = None
        self.function_call: dict[str, _Text] | None = None  # the deprecated single call
        self.extra: dict[str, Any] = {}  # fields a provider adds (reasoning_content, audio, ...)
        self.finish_reason: str | None = None
        self.logprobs: dict[str, list[Any]] | None = None
        self.content_done = False
        self.refusal_done = False
        self.logprobs_done: set[str] = set()

    def message(self) -> dict[str, Any]:
        message: dict[str, Any] = {name: _merged(value) for name, value in self.extra.items()}
        message["role"] = self.role or "assistant"
        message["content"] = self.content.value if self.content is not None else None
        if self.refusal is not None:
            message["refusal"] = self.refusal.value
        if self.tool_calls:
            message["tool_calls"] = [self.tool_calls[i].wire() for i in sorted(self.tool_calls)]
        if self.function_call is not None:
            message["function_call"] = {k: v.value for k, v in self.function_call.items()}
        return message

    def wire(self) -> dict[str, Any]:
        choice: dict[str, Any] = {
            "index": self.index,
            "message": self.message(),
            "finish_reason": self.finish_reason,
        }
        if self.logprobs is not None:
            choice["logprobs"] = dict(self.logprobs)
        return choice


def _merge(target: dict[str, Any], name: str, value: Any) -> None:
    """A field a provider adds to deltas: strings grow, objects merge field by field, and
    anything else is replaced (what openai-python's delta accumulation does)."""
    if value is None:
        target.setdefault(name, None)
        return
    held = target.get(name)
    if isinstance(value, str):
        if not isinstance(held, _Text):
            held = target[name] = _Text()
        held.parts.append(value)
    elif isinstance(value, dict):
        if not isinstance(held, dict):
            held = target[name] = {}
        for key, inner in value.items():
            _merge(held, key, inner)
    else:
        target[name] = value


def _merged(value: Any) -> Any:
    if isinstance(value, _Text):
        return value.value
    if isinstance(value, dict):
        return {key: _merged(inner) for key, inner in value.items()}
    return value


_CHUNK_FIELDS = ("id", "created", "model", "service_tier", "system_fingerprint")
_chunk_head = itemgetter(*_CHUNK_FIELDS)
# A chunk's head and usage, and a choice's fields: each read in one call, compared at once.
_head_and_usage = itemgetter(*_CHUNK_FIELDS, "usage")
_choice_fields = itemgetter("index", "delta", "finish_reason", "logprobs")
# The fields given in a delta of nothing but a piece of content (its model_fields_set, which
# has its unknown fields too).
_CONTENT_ONLY = frozenset({"content"})
# Per-chunk noise (openai's padding against length side channels), not part of an answer.
_NOT_ACCUMULATED = frozenset({"obfuscation"})


class ChatCompletionStreamState(Generic[T]):
    """Accumulates chat chunks into the completion they add up to, for any chunk iterator
    (``client.chat.create_stream(...)``, a recording, a test's list)::

        state = ChatCompletionStreamState()
        async for chunk in stream:
            for event in state.handle_chunk(chunk):
                ...
        completion = state.get_final_completion()

    ``response_format`` (a pydantic model) and ``tools`` (as sent) say what to parse: the
    content into ``message.parsed``, strict tools' arguments into ``parsed_arguments``.
    """

    def __init__(self, *, response_format: Any = None, tools: Iterable[Any] | None = None) -> None:
        self._model: Any = model_of(response_format)  # type[BaseModel] | None, parsing into T
        self._tools = ToolParsers(tools)
        self._choices: dict[int, _Choice] = {}
        self._content: dict[int, _Text] = {}  # the content of each choice whose content began
        self._fields: dict[str, Any] = {}
        self._extra: dict[str, Any] = {}
        self._usage: Any = None
        self._parse = self._model is not None  # content deltas' ``parsed``
        self._head: tuple[Any, ...] = ()  # the last chunk's _CHUNK_FIELDS, then a null usage
        self._chunks = 0
        self._snapshot: tuple[int, ParsedChatCompletion[T]] | None = None

    def handle_chunk(self, chunk: Chunk) -> list[ChatCompletionStreamEvent]:
        """Adds a chunk; returns the events it makes, the chunk's own first."""
        self._chunks += 1
        # The commonest chunk first: the last one's head, no usage, and one choice whose
        # content has begun, with a piece of it and nothing else. This runs for every chunk of
        # every stream: fields are read from the models' __dict__, several in one call, and
        # compared at once; each step costs a fraction of a microsecond in Pyodide.
        values = chunk.__dict__
        if _head_and_usage(values) == self._head:
            choices = values["choices"]
            if len(choices) == 1:
                index, delta, finish_reason, logprobs = _choice_fields(choices[0].__dict__)
                text = self._content.get(index)
                if (
                    text is not None
                    and finish_reason is None
                    and logprobs is None
                    and delta.__pydantic_fields_set__ == _CONTENT_ONLY
                    and (
                        not (extra := chunk.__pydantic_extra__) or extra.keys() <= _NOT_ACCUMULATED
                    )
                ):
                    content = delta.content
                    if content is not None:
                        parts = text.parts
                        parts.append(content)
                        return [
                            ChunkEvent(chunk, self),
                            ContentDeltaEvent(content, index, text, len(parts), self._parse),
                        ]
        return self._handle_any(chunk, values)

    def _handle_any(self, chunk: Chunk, values: dict[str, Any]) -> list[ChatCompletionStreamEvent]:
        head = _chunk_head(values)
        self._head = (*head, None)
        fields = self._fields
        for name, value in zip(_CHUNK_FIELDS, head, strict=True):
            if value is not None:
                fields[name] = value
        if values["usage"] is not None:
            self._usage = values["usage"]
        extra = chunk.__pydantic_extra__
        if extra:
            for name, value in extra.items():
                if name not in _NOT_ACCUMULATED:
                    self._extra[name] = value
        events: list[ChatCompletionStreamEvent] = [ChunkEvent(chunk, self)]
        states = self._choices
        for choice in values["choices"]:
            index = choice.index or 0  # a server that leaves the index out sends one choice
            state = states.get(index)
            if state is None:
                state = states[index] = _Choice(index)
            self._add(state, choice, events)
        return events

    def _add(self, state: _Choice, choice: Any, events: list[ChatCompletionStreamEvent]) -> None:
        delta = choice.delta
        values = delta.__dict__
        index = state.index
        if values["role"] is not None:
            state.role = values["role"]
        content = values["content"]
        if content is not None:
            text = state.content
            if text is None:
                text = state.content = self._content[index] = _Text()
            text.parts.append(content)
            events.append(ContentDeltaEvent(content, index, text, len(text.parts), self._parse))
        refusal = values["refusal"]
        if refusal is not None:
            if state.refusal is None:
                state.refusal = _Text()
            state.refusal.parts.append(refusal)
            events.append(RefusalDeltaEvent(refusal, index, state.refusal))
        if delta.tool_calls:
            for piece in delta.tool_calls:
                if state.current_tool != piece.index:
                    self._content_done(state, events)
                    self._tool_done(state, events)
                    state.current_tool = piece.index
                call = state.tool_calls.get(piece.index)
                if call is None:
                    call = state.tool_calls[piece.index] = _ToolCall(self._tools)
                if piece.id is not None:
                    call.id = piece.id
                if piece.type is not None:
                    call.type = piece.type
                if piece.model_extra:
                    call.extra.update(piece.model_extra)
                function = piece.function
                arguments = ""
                if function is not None:
                    if function.name is not None:
                        call.name = (call.name or "") + function.name
                    if function.arguments is not None:
                        arguments = function.arguments
                        call.arguments.parts.append(arguments)
                events.append(
                    FunctionToolCallArgumentsDeltaEvent(arguments, call, piece.index, index)
                )
        if values["function_call"] is not None:
            if state.function_call is None:
                state.function_call = {"name": _Text(), "arguments": _Text()}
            for name in ("name", "arguments"):
                value = getattr(delta.function_call, name)
                if value is not None:
                    state.function_call[name].parts.append(value)
        extra = delta.__pydantic_extra__
        if extra:
            for name, value in extra.items():
                if name not in _NOT_ACCUMULATED:
                    _merge(state.extra, name, value)
        if choice.logprobs is not None:
            self._add_logprobs(state, choice.logprobs, events)
        if choice.finish_reason is not None:
            state.finish_reason = choice.finish_reason
            self._content_done(state, events)
            self._tool_done(state, events)

    def _add_logprobs(self, state: _Choice, logprobs: Any, events: list[Any]) -> None:
        if state.logprobs is None:
            state.logprobs = {}
        for name, event in (
            ("content", LogprobsContentDeltaEvent),
            ("refusal", LogprobsRefusalDeltaEvent),
        ):
            pieces = getattr(logprobs, name)
            if pieces is not None:
                so_far = state.logprobs.setdefault(name, [])
                so_far.extend(pieces)
                if pieces:
                    events.append(event(pieces, so_far, state.index))

    def _content_done(self, state: _Choice, events: list[ChatCompletionStreamEvent]) -> None:
        """The done events of a choice's text: fired when a tool call or the finish begins."""
        index = state.index
        if state.content is not None and not state.content_done:
            state.content_done = True
            content = state.content.value
            parsed = None
            if self._model is not None and state.refusal is None:
                parsed = parse_content(self._model, content, index)
            events.append(ContentDoneEvent(content, parsed, index))
        if state.refusal is not None and not state.refusal_done:
            state.refusal_done = True
            events.append(RefusalDoneEvent(state.refusal.value, index))
        logprobs = state.logprobs or {}
        if "content" in logprobs and "content" not in state.logprobs_done:
            state.logprobs_done.add("content")
            events.append(LogprobsContentDoneEvent(list(logprobs["content"]), index))
        if "refusal" in logprobs and "refusal" not in state.logprobs_done:
            state.logprobs_done.add("refusal")
            events.append(LogprobsRefusalDoneEvent(list(logprobs["refusal"]), index))

    def _tool_done(self, state: _Choice, events: list[ChatCompletionStreamEvent]) -> None:
        call = state.tool_calls.get(state.current_tool) if state.current_tool is not None else None
        if call is None or call.done:
            return
        call.done = True
        arguments = call.arguments.value
        parsed = self._tools.parse(call.name, arguments)
        call.parsed = parsed
        assert state.current_tool is not None
        events.append(
            FunctionToolCallArgumentsDoneEvent(
                call.name or "", arguments, parsed, state.current_tool, state.index
            )
        )

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletion[T]:
        """The completion the chunks handled so far add up to (a new object per chunk)."""
        if self._snapshot is not None and self._snapshot[0] == self._chunks:
            return self._snapshot[1]
        completion: ParsedChatCompletion[T] = ParsedChatCompletion.model_validate(
            {
                **self._extra,
                "id": "",
                "model": "",
                **self._fields,
                "object": "chat.completion",
                "choices": [self._choices[i].wire() for i in sorted(self._choices)],
                "usage": self._usage,
            }
        )
        for choice in completion.choices:
            state = self._choices[choice.index or 0]
            for position, call in enumerate(choice.message.tool_calls or ()):
                held = state.tool_calls[sorted(state.tool_calls)[position]]
                call.function.parsed_arguments = held.parsed
        self._snapshot = (self._chunks, completion)
        return completion

    def get_final_completion(self) -> ParsedChatCompletion[T]:
        """The completion of a whole stream, every message's ``parsed`` and every strict tool
        call's ``parsed_arguments`` filled in."""
        completion = self.current_completion_snapshot
        for choice in completion.choices:
            message = choice.message
            if self._model is not None and message.parsed is None:
                message.parsed = parse_content(
                    self._model, message.content, choice.index or 0, message.refusal
                )
            for call in message.tool_calls or ():
                if call.function.parsed_arguments is None:
                    call.function.parsed_arguments = self._tools.parse(
                        call.function.name, call.function.arguments
                    )
        return completion


async def accumulate(
    chunks: AsyncIterable[Chunk], *, response_format: Any = None, tools: Iterable[Any] | None = None
) -> ParsedChatCompletion[Any]:
    """The completion a chunk iterator adds up to: ``await accumulate(await
    client.chat.create_stream(...))`` is what ``client.chat.create(...)`` would have returned."""
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState(
        response_format=response_format, tools=tools
    )
    async for chunk in chunks:
        state.handle_chunk(chunk)
    return state.get_final_completion()


# -- the stream of events ----------------------------------------------------------------------


class ChatCompletionStream(EventStream[ChatCompletionStreamEvent], Generic[T]):
    """A chat stream as typed events (``async for event in stream``), accumulating as it goes:
    ``await get_final_completion()``, ``text_stream``, ``await until_done()``,
    ``current_completion_snapshot``. Closing it (leaving ``async with``) aborts the request.

    An error mid-stream (a :class:`StreamError` when the body breaks off) raises from the
    iteration, and again from ``get_final_completion()``; ``current_completion_snapshot``
    keeps what arrived before it.
    """

    def __init__(self, chunks: Stream[Chunk], state: ChatCompletionStreamState[T]) -> None:
        super().__init__(chunks, state.handle_chunk)
        self._state = state

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletion[T]:
        return self._state.current_completion_snapshot

    @property
    def text_stream(self) -> AsyncIterator[str]:
        """The pieces of the first choice's content, as they arrive."""
        return self._text()

    async def _text(self) -> AsyncIterator[str]:
        async for event in self._events:
            if isinstance(event, ContentDeltaEvent) and event.choice_index == 0:
                yield event.delta

    async def get_final_completion(self) -> ParsedChatCompletion[T]:
        """Reads the rest of the stream; the completion it adds up to."""
        await self.until_done()
        return self._state.get_final_completion()


class ChatCompletionStreamManager(StreamManager[ChatCompletionStream[T]]):
    """What ``client.chat.stream(...)`` returns: ``async with`` it (or ``await`` it) to send
    the request and get the :class:`ChatCompletionStream`."""


def opened_chat_stream(
    open_chunks: Callable[[], Awaitable[Stream[Chunk]]], state: ChatCompletionStreamState[T]
) -> ChatCompletionStreamManager[T]:
    """A manager that opens the chunk stream, then accumulates it with ``state``."""

    async def start() -> ChatCompletionStream[T]:
        return ChatCompletionStream(await open_chunks(), state)

    return ChatCompletionStreamManager(start)


def chat_stream(
    chat: Chat,
    request: CreateChatCompletionRequest | Mapping[str, Any] | None,
    fields: dict[str, Any],
    response_format: Any,
    *,
    options: CallOptions,
) -> ChatCompletionStreamManager[Any]:
    """``client.chat.stream(...)``: ``create_stream``, its chunks accumulated into events."""
    fields, model = with_response_format(fields, response_format)
    source: Any = request if request is not None else fields
    tools = source.get("tools") if isinstance(source, Mapping) else source.tools
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState(
        response_format=model, tools=tools
    )
    return opened_chat_stream(lambda: chat.create_stream(request, **fields, **options), state)
