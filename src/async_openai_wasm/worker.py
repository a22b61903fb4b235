"""Streams chat answers from a Web Worker to its page: the Python half of the worker bridge.

In a dedicated worker running Pyodide (web/chat_worker.js starts one), ``serve()`` answers the
page's messages; the page only renders. Messages from the page::

    {"type": "chat", "id": 1, "config": {"api_key": "...", "api_base": "..."},
     "request": {"model": "gpt-4o-mini", "messages": [...]}}   # any chat.create_stream fields
    {"type": "stop", "id": 1}                                 # aborts that request's fetch

and to it, for each chat, some ``tokens`` then exactly one of ``done``, ``stopped``, ``error``::

    {"type": "tokens", "id": 1, "text": "Hello, wor", "chunks": 3}   # at most one per interval
    {"type": "done", "id": 1, "finish_reason": "stop"}
    {"type": "stopped", "id": 1}
    {"type": "error", "id": 1,
     "error": {"class": "RateLimitError", "message": "...", "status": 429}}

Tokens are batched: posting each one floods the page with messages at high rates, so text that
arrives within ``interval`` seconds of the last post waits for the next one. ``config`` takes
``OpenAIConfig``'s keyword arguments. Not imported by ``import async_openai_wasm``.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from .client import Client
from .config import OpenAIConfig
from .error import APIError, InvalidArgumentError

__all__ = ["ChatBridge", "serve"]

Message = dict[str, Any]

# About one frame: the page renders at most one batch per frame anyway.
DEFAULT_INTERVAL = 0.016


class ChatBridge:
    """Runs the chats that ``handle()`` receives and reports them through ``post``.

    ``serve()`` wires it to a worker's messages; it is plain Python, so it runs (and is
    tested) anywhere."""

    def __init__(self, post: Callable[[Message], None], interval: float = DEFAULT_INTERVAL) -> None:
        self._post = post
        self._interval = interval
        self._running: dict[Any, asyncio.Task[None]] = {}

    def handle(self, message: Mapping[str, Any]) -> None:
        """Starts or stops a chat; a message that is not one reports an error."""
        kind, id_ = message.get("type"), message.get("id")
        if kind == "stop":
            task = self._running.get(id_)
            if task is not None:
                task.cancel()
        elif kind == "chat":
            if id_ in self._running:
                self._error(id_, InvalidArgumentError(f"chat id {id_!r} is already streaming"))
                return
            config, request = message.get("config", {}), message.get("request")
            if not isinstance(config, Mapping) or not isinstance(request, Mapping):
                self._error(id_, InvalidArgumentError("a chat message needs a request object"))
                return
            task = asyncio.ensure_future(self._chat(id_, config, request))
            self._running[id_] = task
            task.add_done_callback(lambda task: self._finished(id_, task))
        else:
            self._error(id_, InvalidArgumentError(f"unknown message type {kind!r}"))

    async def _chat(self, id_: Any, config: Mapping[str, Any], request: Mapping[str, Any]) -> None:
        pending: list[str] = []
        chunks = 0
        last_post = 0.0
        timer: asyncio.TimerHandle | None = None

        def flush() -> None:
            nonlocal last_post, timer
            if timer is not None:
                timer.cancel()
                timer = None
            if pending:
                self._post(
                    {"type": "tokens", "id": id_, "text": "".join(pending), "chunks": chunks}
                )
                pending.clear()
            last_post = time.monotonic()

        finish_reason = None
        try:
            try:
                client = Client(OpenAIConfig(**config))
            except TypeError as exc:  # an unknown or missing config field
                raise InvalidArgumentError(f"config: {exc}") from None
            async with client, await client.chat.create_stream(**request) as stream:
                async for chunk in stream:
                    for choice in chunk.choices:
                        finish_reason = choice.finish_reason or finish_reason
                        if choice.delta.content:
                            pending.append(choice.delta.content)
                            chunks += 1
                    if not pending:
                        continue
                    wait = last_post + self._interval - time.monotonic()
                    if wait <= 0:
                        flush()
                    elif timer is None:
                        # Sent when it is due even if the stream pauses before the next chunk.
                        timer = asyncio.get_running_loop().call_later(wait, flush)
            flush()
            self._post({"type": "done", "id": id_, "finish_reason": finish_reason})
        except asyncio.CancelledError:
            flush()  # what arrived before Stop; _finished() reports "stopped"
            raise
        except Exception as exc:  # reported to the page, which would otherwise wait forever
            flush()
            self._error(id_, exc)
        finally:
            if timer is not None:
                timer.cancel()

    def _finished(self, id_: Any, task: asyncio.Task[None]) -> None:
        del self._running[id_]
        # Here, not in _chat: a chat stopped before it started never ran its except clause.
        if task.cancelled():
            self._post({"type": "stopped", "id": id_})

    def _error(self, id_: Any, exc: BaseException) -> None:
        status = exc.status_code if isinstance(exc, APIError) else None
        error = {"class": type(exc).__name__, "message": str(exc), "status": status}
        self._post({"type": "error", "id": id_, "error": error})


def serve(interval: float = DEFAULT_INTERVAL) -> ChatBridge:
    """Answers this worker's chat messages from now on (Pyodide in a Web Worker only)."""
    if sys.platform != "emscripten":
        raise RuntimeError("async_openai_wasm.worker.serve() runs in Pyodide, in a Web Worker")
    import js
    from pyodide.ffi import create_proxy, to_js

    def post(message: Message) -> None:
        js.postMessage(to_js(message, dict_converter=js.Object.fromEntries))

    bridge = ChatBridge(post, interval)

    def on_message(event: Any) -> None:
        data = event.data
        message = data.to_py() if hasattr(data, "to_py") else None
        bridge.handle(message if isinstance(message, dict) else {"type": data})

    # Kept alive by the listener for as long as the worker runs.
    js.addEventListener("message", create_proxy(on_message))
    return bridge
