"""``time_limit(seconds)`` and ``sleep(seconds)``: ``asyncio.timeout`` and ``asyncio.sleep``
whose timers go away when they end early.

Pyodide's event loop runs each timer on JS ``setTimeout`` and never clears one: cancelling
a timer only marks it. Every block under ``asyncio.timeout`` (each request, each read of a
stream) would leave a pending ``setTimeout`` of the whole timeout behind, which keeps a Node
process running for that long (ten minutes by default) after its work is done, and holds
the timeout's objects in a page. A retry's wait cut short by cancelling does the same. In
Pyodide these timers are JS ones, cleared on exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

__all__ = ["sleep", "time_limit"]

# setTimeout's longest delay (a signed 32-bit count of ms, about 24.8 days); a longer one
# fires at once.
_MAX_JS_DELAY_MS = 2**31 - 1


def time_limit(seconds: float) -> AbstractAsyncContextManager[object]:
    """Cancels the block after ``seconds`` and raises :class:`TimeoutError`, as
    ``asyncio.timeout`` does (which it is, outside Pyodide: no wrapper on the hot path)."""
    if sys.platform != "emscripten":
        return asyncio.timeout(seconds)
    if not seconds * 1000 <= _MAX_JS_DELAY_MS:  # as good as no limit (or inf, or nan)
        return asyncio.timeout(None)
    return _js_time_limit(seconds)


@asynccontextmanager
async def _js_time_limit(seconds: float) -> AsyncIterator[None]:
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


async def sleep(seconds: float) -> None:
    """``asyncio.sleep(seconds)``."""
    if sys.platform != "emscripten":
        await asyncio.sleep(seconds)
        return
    with contextlib.suppress(TimeoutError):
        async with time_limit(seconds):
            await asyncio.get_running_loop().create_future()  # never done: the limit ends it
