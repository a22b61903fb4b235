"""``await preload("chat", ...)``: build API groups' types before their first request."""

from __future__ import annotations

import asyncio
import importlib
import sys

from ._transport import Request, Response
from ._transport.mock import MockTransport
from .client import Client
from .config import OpenAIConfig
from .error import InvalidArgumentError

__all__ = ["preload"]

# The groups, by their name on a client (`client.chat`).
GROUPS = frozenset(
    name for name, attr in vars(Client).items() if isinstance(attr, property) and name != "config"
)

# The items a group's streams decode: a stream validates its events in batches, through a
# list validator built on the stream's first read.
STREAMED = {
    "chat": ("types.chat", "CreateChatCompletionStreamResponse"),
    "completions": ("types.completions", "CreateCompletionResponse"),
}

# The helpers' modules of a group (`client.chat.stream`, `client.responses.parse`, ...), which
# load on their first call: they build models of their own (the parsed completions).
HELPERS = {
    "chat": ("lib._chat_stream", "lib._tools"),
    "responses": ("lib._responses",),
}


def _never_sent(request: Request) -> Response:
    raise AssertionError("preload() sends no request")


async def preload(*groups: str) -> None:
    """Builds the types of these API groups now, and loads their helpers (and in Pyodide the
    fetch transport), e.g. while a page is idle, so that their first request does not (on a
    page's main thread, that blocks the page while it lasts).

    Yields to the event loop between groups and steps; one group's types module is built in
    one go. Unknown names raise :class:`InvalidArgumentError`, before anything is built.
    """
    if not groups:
        raise InvalidArgumentError("preload() needs API group names, e.g. preload('chat')")
    unknown = [group for group in groups if group not in GROUPS]
    if unknown:
        known = ", ".join(sorted(GROUPS))
        raise InvalidArgumentError(f"preload(): unknown API group {unknown[0]!r}; one of {known}")
    from ._decode import json_batches

    if sys.platform == "emscripten":
        # What the first request imports in Pyodide: the fetch transport, and pyodide.http
        # (a tenth of a second on a page).
        importlib.import_module(f"{__package__}._transport.fetch")
        importlib.import_module("pyodide.http")

    # A group loads its module and types when a client first hands it out.
    client = Client(
        OpenAIConfig(api_key="preload", api_base="http://preload.invalid/v1"),
        transport=MockTransport(_never_sent),
    )
    for group in groups:
        await asyncio.sleep(0)
        getattr(client, group)
        for module in HELPERS.get(group, ()):
            await asyncio.sleep(0)
            importlib.import_module(f"{__package__}.{module}")
        if group in STREAMED:
            module, name = STREAMED[group]
            await asyncio.sleep(0)
            json_batches(getattr(importlib.import_module(f"{__package__}.{module}"), name))
