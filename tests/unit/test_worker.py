"""async_openai_wasm.worker's ChatBridge on CPython against the mock server: what a page
receives from a worker (batched tokens, one final message, typed errors) for what it sends.
The browser tests run the same bridge in a real Web Worker."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from async_openai_wasm.testing import MockServer
from async_openai_wasm.worker import ChatBridge

KEY = "sk-worker-secret"


class Page:
    """What the page receives: every message the bridge posts, in order."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.changed = asyncio.Event()

    def post(self, message: dict[str, Any]) -> None:
        self.messages.append(message)
        self.changed.set()

    async def until(self, kind: str) -> dict[str, Any]:
        async with asyncio.timeout(10):
            while True:
                found = [m for m in self.messages if m["type"] == kind]
                if found:
                    return found[-1]
                self.changed.clear()
                await self.changed.wait()

    def tokens(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if m["type"] == "tokens"]


@pytest.fixture
async def server() -> AsyncIterator[MockServer]:
    async with MockServer(chunks=40) as mock:
        yield mock


def chat(server: MockServer, id_: Any = 1, **request: Any) -> dict[str, Any]:
    return {
        "type": "chat",
        "id": id_,
        "config": {"api_key": KEY, "api_base": server.base_url},
        "request": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}
        | request,
    }


async def test_tokens_arrive_in_order_then_done(server: MockServer) -> None:
    page = Page()
    ChatBridge(page.post, interval=0).handle(chat(server))
    done = await page.until("done")
    assert done == {"type": "done", "id": 1, "finish_reason": "stop"}
    assert page.messages[-1] is done
    # interval=0: one message per content chunk, the text exactly the server's deltas.
    tokens = page.tokens()
    assert [t["chunks"] for t in tokens] == list(range(1, 41))
    record = server.last("/v1/chat/completions")
    assert record.completed
    text = "".join(t["text"] for t in tokens)
    assert text.startswith("You said: Hi. ")
    assert len(text.split()) >= 40


async def test_tokens_are_batched_by_interval(server: MockServer) -> None:
    page = Page()
    # A whole stream inside one interval: the first chunk goes at once, the rest in one batch
    # when the stream ends.
    ChatBridge(page.post, interval=60).handle(chat(server))
    await page.until("done")
    tokens = page.tokens()
    assert [t["chunks"] for t in tokens] == [1, 40]


async def test_a_batch_is_posted_when_due_even_if_the_stream_pauses(server: MockServer) -> None:
    page = Page()
    bridge = ChatBridge(page.post, interval=0.05)
    bridge.handle(chat(server, extra_params={"mock": {"stall_after": 5}}))
    # The server sends 5 deltas, then nothing: all 5 reach the page without another chunk.
    async with asyncio.timeout(10):
        while not page.tokens() or page.tokens()[-1]["chunks"] < 5:
            page.changed.clear()
            await page.changed.wait()
    assert not [m for m in page.messages if m["type"] != "tokens"]

    bridge.handle({"type": "stop", "id": 1})
    assert (await page.until("stopped")) == {"type": "stopped", "id": 1}
    record = server.last("/v1/chat/completions")
    await server.wait_for(lambda: record.disconnected)
    assert not record.completed


async def test_stop_before_the_chat_started_reports_stopped(server: MockServer) -> None:
    page = Page()
    bridge = ChatBridge(page.post)
    bridge.handle(chat(server, id_="a"))
    bridge.handle({"type": "stop", "id": "a"})
    assert (await page.until("stopped")) == {"type": "stopped", "id": "a"}
    # The id is free again.
    bridge.handle(chat(server, id_="a"))
    assert (await page.until("done"))["id"] == "a"


async def test_status_errors_arrive_typed_without_the_key(server: MockServer) -> None:
    page = Page()
    error = {"status": 429, "message": "Slow down", "type": "requests"}
    ChatBridge(page.post).handle(chat(server, id_=7, extra_params={"mock": {"error": error}}))
    message = await page.until("error")
    assert message["id"] == 7
    assert message["error"]["class"] == "RateLimitError"
    assert message["error"]["status"] == 429
    assert "Slow down" in message["error"]["message"]
    assert KEY not in repr(page.messages)


@pytest.mark.parametrize(
    ("message", "says"),
    [
        ({"type": "pause", "id": 1}, "unknown message type 'pause'"),
        ({"type": "chat", "id": 1, "config": {}}, "a chat message needs a request object"),
        (
            {"type": "chat", "id": 1, "config": {"api_kee": "x"}, "request": {}},
            "config: ",
        ),
        (
            {"type": "chat", "id": 1, "config": {}, "request": {"model": "m", "mesages": []}},
            "mesages",
        ),
    ],
)
async def test_bad_messages_get_an_invalid_argument_error(
    message: dict[str, Any], says: str
) -> None:
    page = Page()
    ChatBridge(page.post).handle(message)
    error = (await page.until("error"))["error"]
    assert error["class"] == "InvalidArgumentError"
    assert says in error["message"]
    assert error["status"] is None


async def test_a_second_chat_with_a_running_id_is_refused(server: MockServer) -> None:
    page = Page()
    bridge = ChatBridge(page.post)
    bridge.handle(chat(server, extra_params={"mock": {"stall_after": 1}}))
    bridge.handle(chat(server))
    error = (await page.until("error"))["error"]
    assert error == {
        "class": "InvalidArgumentError",
        "message": "chat id 1 is already streaming",
        "status": None,
    }
    bridge.handle({"type": "stop", "id": 1})
    await page.until("stopped")


def test_serve_says_where_it_runs() -> None:
    from async_openai_wasm.worker import serve

    with pytest.raises(RuntimeError, match="in Pyodide, in a Web Worker"):
        serve()


async def test_a_call_runs_a_function_and_posts_its_events_in_order() -> None:
    page = Page()
    release = asyncio.Event()

    async def reply(emit: Any, *, words: list[str]) -> None:
        for n, word in enumerate(words, 1):
            emit({"type": "tokens", "text": word, "chunks": n})
        emit({"type": "tool", "name": "clock"})  # the text before it is posted first
        emit({"type": "tokens", "text": "!", "chunks": len(words) + 1})
        await release.wait()

    bridge = ChatBridge(page.post, interval=60, functions={"reply": reply})
    bridge.handle({"type": "call", "id": 3, "function": "reply", "args": {"words": ["a", "b"]}})
    release.set()
    assert (await page.until("done")) == {"type": "done", "id": 3}
    assert page.messages == [
        {"type": "tokens", "id": 3, "text": "a", "chunks": 1},
        {"type": "tokens", "id": 3, "text": "b", "chunks": 2},
        {"type": "event", "id": 3, "event": {"type": "tool", "name": "clock"}},
        {"type": "tokens", "id": 3, "text": "!", "chunks": 3},
        {"type": "done", "id": 3},
    ]

    # Stop cancels the function; an unknown one is refused by name.
    release.clear()
    bridge.handle({"type": "call", "id": 4, "function": "reply", "args": {"words": ["c"]}})
    await page.until("tokens")
    bridge.handle({"type": "stop", "id": 4})
    assert (await page.until("stopped")) == {"type": "stopped", "id": 4}
    bridge.handle({"type": "call", "id": 5, "function": "replies"})
    error = (await page.until("error"))["error"]
    assert error["class"] == "InvalidArgumentError"
    assert "one of ['reply']" in error["message"] and "'replies'" in error["message"]
