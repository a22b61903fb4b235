"""The demo's chat, in Python: replies streamed with ``client.chat.stream``, the page's own
tools run with ``client.chat.run_tools_stream``, a contact extracted with ``client.chat.parse``.

The same code runs on the page (main-thread mode, and the PyScript page) and in a Web Worker:
it never touches the chat's DOM. ``reply()`` and ``extract()`` report through ``emit(event)``,
and web/chat_view.js renders the events:

    {"type": "tokens", "text": "Hel", "chunks": 2}          # reply text; chunks: the count so far
    {"type": "tool.call", "name": ..., "arguments": ...}    # the model called a tool: it runs
    {"type": "tool", "name": ..., "arguments": ..., "result": ..., "error": false}  # it ran
    {"type": "stats", "ttft_ms": 41.0, "chunks": 60, "chunks_per_s": 25.3}
    {"type": "card", "title": "Contact", "fields": [["Name", "Ada"], ...]}  # or "refusal"

In a worker, async_openai_wasm.worker runs them (``FUNCTIONS``); on the page, ``page_bridge()``
runs the same bridge without one. Stop cancels the task, which aborts the fetch.
"""

from __future__ import annotations

import ast
import math
import operator
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field

from async_openai_wasm import Client, OpenAIConfig, OpenAIError, preload
from async_openai_wasm.worker import ChatBridge

Emit = Callable[[Mapping[str, Any]], None]


# -- the page's tools: plain functions; run_tools sends their schemas and runs the calls ---------


def current_time() -> str:
    """The current date and time where this page runs (ISO 8601, with the UTC offset)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def roll_dice(
    count: Annotated[int, Field(ge=1, le=100)], sides: Annotated[int, Field(ge=2, le=1000)]
) -> dict[str, Any]:
    """Rolls dice.

    Args:
        count: how many dice to roll
        sides: how many sides each die has
    """
    rolls = [random.randint(1, sides) for _ in range(count)]
    return {"rolls": rolls, "total": sum(rolls)}


_OPERATORS: dict[type, Callable[..., Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def calculate(expression: str) -> int | float:
    """Evaluates an arithmetic expression: numbers, + - * / // % **, and parentheses.

    Args:
        expression: the arithmetic, e.g. "2 * (3 + 4)"
    """
    if len(expression) > 200:
        raise ValueError("the expression is longer than 200 characters")
    # Parsed, never eval()'d: only numbers and arithmetic operators are accepted.
    return _arithmetic(ast.parse(expression.strip(), mode="eval").body)


def _arithmetic(node: ast.AST) -> int | float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        if isinstance(node.value, bool):
            raise ValueError(f"not a number: {node.value!r}")
        return node.value
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_arithmetic(node.operand))  # type: ignore[no-any-return]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _arithmetic(node.left), _arithmetic(node.right)
        if isinstance(node.op, ast.Pow) and (abs(right) > 100 or abs(left) > 1e6):
            raise ValueError("powers are limited to exponents up to 100 and bases up to 1e6")
        result = _OPERATORS[type(node.op)](left, right)
        if isinstance(result, complex) or (isinstance(result, float) and not math.isfinite(result)):
            raise ValueError("the result is not a finite real number")
        return result  # type: ignore[no-any-return]
    raise ValueError(f"not arithmetic: {ast.unparse(node)!r}")


TOOLS = [current_time, roll_dice, calculate]


# -- structured output ---------------------------------------------------------------------------


class Contact(BaseModel):
    """A person's contact details, as a text gives them."""

    name: str
    email: Annotated[str, Field(json_schema_extra={"format": "email"})] | None
    phone: str | None
    organization: str | None
    meeting_date: date | None = Field(description="the day the text says to meet, if any")


# -- what the page runs --------------------------------------------------------------------------


def _client(config: Mapping[str, Any]) -> Client:
    return Client(OpenAIConfig(**config))


async def reply(
    emit: Emit,
    *,
    config: Mapping[str, Any],
    model: str,
    messages: list[dict[str, Any]],
    tools: bool = False,
) -> None:
    """Streams the answer to ``messages``; with ``tools``, the model may call TOOLS first
    (each call is shown when the model has made it, then with its result), then the answer
    streams."""
    started = time.monotonic()
    first: float | None = None
    chunks = 0

    def on_event(event: Any) -> None:
        nonlocal first, chunks
        if event.type == "content.delta" and event.delta:
            first = first or time.monotonic()
            chunks += 1
            emit({"type": "tokens", "text": event.delta, "chunks": chunks})
        elif event.type == "tool_calls.function.arguments.done":
            emit({"type": "tool.call", "name": event.name, "arguments": event.arguments})
        elif event.type == "tool.result":
            emit(
                {
                    "type": "tool",
                    "name": event.name,
                    "arguments": event.arguments,
                    "result": event.content,
                    "error": event.error is not None,
                }
            )

    try:
        async with _client(config) as client:
            if tools:
                run = client.chat.run_tools_stream(
                    model=model, messages=messages, tools=TOOLS, tool_choice="auto"
                )
                async with run:
                    async for event in run:
                        on_event(event)
            else:
                async with client.chat.stream(model=model, messages=messages) as stream:
                    async for event in stream:
                        on_event(event)
    finally:  # a stopped reply gets its figures too
        if first is not None:
            streamed = time.monotonic() - first
            emit(
                {
                    "type": "stats",
                    "ttft_ms": round((first - started) * 1000, 1),
                    "chunks": chunks,
                    "chunks_per_s": round(chunks / streamed, 1) if streamed > 0 else None,
                }
            )


async def extract(emit: Emit, *, config: Mapping[str, Any], model: str, text: str) -> None:
    """The contact in ``text``, as a Contact, shown as a card."""
    instructions = "Extract the contact details of the person this text is about."
    async with _client(config) as client:
        completion = await client.chat.parse(
            model=model,
            messages=[
                {"role": "system", "content": instructions},
                {"role": "user", "content": text},
            ],
            response_format=Contact,
        )
    message = completion.choices[0].message
    card: dict[str, Any] = {"type": "card", "title": Contact.__name__}
    if message.parsed is None:
        card["refusal"] = message.refusal or "no answer"
    else:
        card["fields"] = [
            [name.replace("_", " ").capitalize(), None if value is None else str(value)]
            for name, value in message.parsed.model_dump().items()
        ]
    emit(card)


FUNCTIONS: dict[str, Callable[..., Awaitable[None]]] = {"reply": reply, "extract": extract}


async def warm_up() -> None:
    """Builds the chat and embeddings types while the page loads, so that the first message
    does not stop the page while they are built."""
    await preload("chat", "embeddings")


def to_page(receive: Any) -> Callable[[Mapping[str, Any]], None]:
    """``receive`` (a JavaScript function) called with messages made JavaScript objects."""
    import js  # type: ignore[import-not-found]
    from pyodide.ffi import to_js

    return lambda message: receive(to_js(dict(message), dict_converter=js.Object.fromEntries))


def page_bridge(receive: Any) -> Callable[[Any], None]:
    """The worker's bridge, run on the page (main-thread mode): what the page sends to
    ``handle`` and what ``receive`` gets are the worker's messages."""
    bridge = ChatBridge(to_page(receive), functions=FUNCTIONS)
    return lambda message: bridge.handle(message.to_py())


EMBEDDING_MODEL = "text-embedding-3-small"


async def compare(text_a: str, text_b: str, base_url: str, api_key: str) -> None:
    """Embeds both texts in one request and shows their cosine similarity."""
    import js

    out = js.document.getElementById("similarity")
    async with Client(
        OpenAIConfig(api_key=api_key, api_base=base_url, dangerously_allow_browser=True)
    ) as client:
        try:
            result = await client.embeddings.create(
                model=EMBEDDING_MODEL, input=[text_a, text_b], encoding_format="base64"
            )
        except OpenAIError as exc:
            out.textContent = f"{type(exc).__name__}: {exc}"
            return
    a, b = (item.embedding for item in sorted(result.data, key=lambda item: item.index))
    norms = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    similarity = sum(x * y for x, y in zip(a, b, strict=True)) / norms if norms else 0.0
    out.innerHTML = ""
    score = js.document.createElement("span")
    score.className = "score"
    score.textContent = f"{similarity:.3f}"
    out.append("Cosine similarity ", score, f" ({len(a)} dimensions, {result.model})")
    out.dataset.similarity = f"{similarity:.6f}"
