"""``time_limit(seconds)``: ``asyncio.timeout`` whose timer goes away when the block ends.

Pyodide's event loop runs each timer on JS ``setTimeout`` and never clears one: cancelling
a timer only marks it. Every block under ``asyncio.timeout`` (each request, each read of a
stream) would leave a pending ``setTimeout`` of the whole timeout behind, which keeps a Node
process running for that long (ten minutes by default) after its work is done, and holds
the timeout's objects in a page. In Pyodide the timer is a JS one that is cleared on exit.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

__all__ = ["time_limit"]


@asynccontextmanager
async def time_limit(seconds: float) -> AsyncIterator[None]:
    """Cancels the block after ``seconds`` and raises :class:`TimeoutError`, as
    ``asyncio.timeout`` does."""
    if sys.platform != "emscripten":
        async with asyncio.timeout(seconds):
            yield
        return
    from js import clearTimeout, setTimeout
    from pyodide.ffi import create_proxy

    loop = asyncio.get_running_loop()
    async with asyncio.timeout(None) as scope:
        # Due now: asyncio's own machinery cancels the task and turns that into TimeoutError.
        expire = create_proxy(lambda: scope.reschedule(loop.time()))
        timer = setTimeout(expire, seconds * 1000)
        try:
            yield
        finally:
            clearTimeout(timer)
            expire.destroy()
