"""Streams chat answers from a Web Worker to its page: the Python half of the worker bridge.

In a dedicated worker running Pyodide (web/chat_worker.js starts one), ``serve()`` answers the
page's messages; the page only renders. Messages from the page::

    {"type": "chat", "id": 1, "config": {"api_key": "...", "api_base": "..."},
     "request": {"model": "gpt-4o-mini", "messages": [...]}}   # any chat.create_stream fields
    {"type": "call", "id": 2, "function": "reply", "args": {...}}  # one of serve()'s functions
    {"type": "stop", "id": 1}                                 # aborts that request's fetch

and to it, for each chat or call, some ``tokens`` (and, for a call, ``event``) messages, then
exactly one of ``done``, ``stopped``, ``error``::

    {"type": "tokens", "id": 1, "text": "Hello, wor", "chunks": 3}   # at most one per interval
    {"type": "event", "id": 2, "event": {"type": "tool", ...}}       # what a call emits
    {"type": "done", "id": 1, "finish_reason": "stop"}
    {"type": "stopped", "id": 1}
    {"type": "error", "id": 1,
     "error": {"class": "RateLimitError", "message": "...", "status": 429}}

Tokens are batched: posting each one floods the page with messages at high rates, so text that
arrives within ``interval`` seconds of the last post waits for the next one. ``config`` takes
``OpenAIConfig``'s keyword arguments. A call runs ``await function(emit, **args)``: the
function reports through ``emit(event)``, an event of type ``"tokens"`` (``text`` and the
running count ``chunks``) batched as a chat's tokens are, any other posted as it comes.
Not imported by ``import async_openai_wasm``.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from .client import Client
from .config import OpenAIConfig
from .error import APIError, InvalidArgumentError

__all__ = ["ChatBridge", "serve"]

Message = dict[str, Any]
# A function a call runs: ``await function(emit, **args)``.
AppFunction = Callable[..., Awaitable[Any]]

# About one frame: the page renders at most one batch per frame anyway.
DEFAULT_INTERVAL = 0.016


class _Tokens:
    """Text on its way to the page: posted at most once per ``interval``, and when it is due
    even if the stream pauses before the next piece."""

    def __init__(self, post: Callable[[str, int], None], interval: float) -> None:
        self._post = post
        self._interval = interval
        self._pending: list[str] = []
        self._chunks = 0
        self._last_post = 0.0
        self._timer: asyncio.TimerHandle | None = None

    def add(self, text: str, chunks: int) -> None:
        """``text`` arrived; ``chunks`` is the running count of pieces."""
        self._pending.append(text)
        self._chunks = chunks
        wait = self._last_post + self._interval - time.monotonic()
        if wait <= 0:
            self.flush()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(wait, self.flush)

    def flush(self) -> None:
        self.close()
        if self._pending:
            self._post("".join(self._pending), self._chunks)
            self._pending.clear()
        self._last_post = time.monotonic()

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


class ChatBridge:
    """Runs the chats and calls that ``handle()`` receives and reports them through ``post``;
    ``functions`` are what calls may run, by name.

    ``serve()`` wires it to a worker's messages; it is plain Python, so it runs (and is
    tested) anywhere."""

    def __init__(
        self,
        post: Callable[[Message], None],
        interval: float = DEFAULT_INTERVAL,
        functions: Mapping[str, AppFunction] | None = None,
    ) -> None:
        self._post = post
        self._interval = interval
        self._functions = dict(functions or {})
        self._running: dict[Any, asyncio.Task[None]] = {}

    def handle(self, message: Mapping[str, Any]) -> None:
        """Starts or stops a chat or a call; a message that is not one reports an error."""
        kind, id_ = message.get("type"), message.get("id")
        if kind == "stop":
            task = self._running.get(id_)
            if task is not None:
                task.cancel()
            return
        if id_ in self._running:
            self._error(id_, InvalidArgumentError(f"chat id {id_!r} is already streaming"))
            return
        if kind == "chat":
            config, request = message.get("config", {}), message.get("request")
            if not isinstance(config, Mapping) or not isinstance(request, Mapping):
                self._error(id_, InvalidArgumentError("a chat message needs a request object"))
                return
            self._start(id_, lambda tokens: self._chat(tokens, config, request))
        elif kind == "call":
            function = self._functions.get(str(message.get("function")))
            args = message.get("args", {})
            if function is None or not isinstance(args, Mapping):
                self._error(
                    id_,
                    InvalidArgumentError(
                        f"a call names one of {sorted(self._functions)} and gives args as an "
                        f"object, got {message.get('function')!r}"
                    ),
                )
                return
            self._start(id_, lambda tokens: self._call(id_, tokens, function, args))
        else:
            self._error(id_, InvalidArgumentError(f"unknown message type {kind!r}"))

    def _start(self, id_: Any, work: Callable[[_Tokens], Awaitable[Message]]) -> None:
        task = asyncio.ensure_future(self._run(id_, work))
        self._running[id_] = task
        task.add_done_callback(lambda task: self._finished(id_, task))

    async def _run(self, id_: Any, work: Callable[[_Tokens], Awaitable[Message]]) -> None:
        tokens = _Tokens(
            lambda text, chunks: self._post(
                {"type": "tokens", "id": id_, "text": text, "chunks": chunks}
            ),
            self._interval,
        )
        try:
            done = await work(tokens)
            tokens.flush()
            self._post({"type": "done", "id": id_, **done})
        except asyncio.CancelledError:
            tokens.flush()  # what arrived before Stop; _finished() reports "stopped"
            raise
        except Exception as exc:  # reported to the page, which would otherwise wait forever
            tokens.flush()
            self._error(id_, exc)
        finally:
            tokens.close()

    async def _chat(
        self, tokens: _Tokens, config: Mapping[str, Any], request: Mapping[str, Any]
    ) -> Message:
        finish_reason = None
        chunks = 0
        try:
            client = Client(OpenAIConfig(**config))
        except TypeError as exc:  # an unknown or missing config field
            raise InvalidArgumentError(f"config: {exc}") from None
        async with client, await client.chat.create_stream(**request) as stream:
            async for chunk in stream:
                for choice in chunk.choices:
                    finish_reason = choice.finish_reason or finish_reason
                    if choice.delta.content:
                        chunks += 1
                        tokens.add(choice.delta.content, chunks)
        return {"finish_reason": finish_reason}

    async def _call(
        self, id_: Any, tokens: _Tokens, function: AppFunction, args: Mapping[str, Any]
    ) -> Message:
        def emit(event: Mapping[str, Any]) -> None:
            if event.get("type") == "tokens":
                tokens.add(event["text"], event["chunks"])
            else:
                tokens.flush()  # in order: the text before the event first
                self._post({"type": "event", "id": id_, "event": dict(event)})

        await function(emit, **args)
        return {}

    def _finished(self, id_: Any, task: asyncio.Task[None]) -> None:
        del self._running[id_]
        # Here, not in _chat: a chat stopped before it started never ran its except clause.
        if task.cancelled():
            self._post({"type": "stopped", "id": id_})

    def _error(self, id_: Any, exc: BaseException) -> None:
        status = exc.status_code if isinstance(exc, APIError) else None
        error = {"class": type(exc).__name__, "message": str(exc), "status": status}
        self._post({"type": "error", "id": id_, "error": error})


def serve(
    interval: float = DEFAULT_INTERVAL, functions: Mapping[str, AppFunction] | None = None
) -> ChatBridge:
    """Answers this worker's chat and call messages from now on (Pyodide in a Web Worker
    only); ``functions``: what calls may run, by name."""
    if sys.platform != "emscripten":
        raise RuntimeError("async_openai_wasm.worker.serve() runs in Pyodide, in a Web Worker")
    import js
    from pyodide.ffi import create_proxy, to_js

    def post(message: Message) -> None:
        js.postMessage(to_js(message, dict_converter=js.Object.fromEntries))

    bridge = ChatBridge(post, interval, functions)

    def on_message(event: Any) -> None:
        data = event.data
        message = data.to_py() if hasattr(data, "to_py") else None
        bridge.handle(message if isinstance(message, dict) else {"type": data})

    # Kept alive by the listener for as long as the worker runs.
    js.addEventListener("message", create_proxy(on_message))
    return bridge
