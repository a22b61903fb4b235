"""The demo's chat, in Python, in the page: streams the answer into the DOM chunk by chunk.

app.js calls warm_up() once, then send(), stop(), clear() and compare(); Stop cancels the task
that reads the stream, which cancels the fetch's reader and aborts the request, so the server
stops generating.
"""

from __future__ import annotations

import asyncio
import math
from typing import Any

import js  # type: ignore[import-not-found]

from async_openai_wasm import Client, OpenAIConfig, OpenAIError, preload

history: list[dict[str, str]] = []
_task: asyncio.Task[str] | None = None


def _bubble(kind: str, text: str = "") -> Any:
    element = js.document.createElement("div")
    element.className = f"msg {kind}"
    element.textContent = text
    js.document.getElementById("history").append(element)
    element.scrollIntoView(js.Object.fromEntries([["block", "end"]]))
    return element


def _note(element: Any, text: str) -> None:
    note = js.document.createElement("span")
    note.className = "note"
    note.textContent = text
    element.append(note)


async def _stream_answer(client: Client, model: str, bubble: Any) -> str:
    pieces: list[str] = []
    async with await client.chat.create_stream(model=model, messages=history) as stream:
        async for chunk in stream:
            for choice in chunk.choices:
                if choice.delta.content:
                    pieces.append(choice.delta.content)
                    # Appended, not replaced: the cost per chunk stays the same however long
                    # the answer grows.
                    bubble.firstChild.appendData(choice.delta.content)
                    bubble.dataset.chunks = str(len(pieces))
    return "".join(pieces)


async def send(prompt: str, base_url: str, api_key: str, model: str) -> str:
    """Sends the conversation plus ``prompt``; returns "done", "stopped" or "error"."""
    global _task
    history.append({"role": "user", "content": prompt})
    _bubble("user", prompt)
    bubble = _bubble("assistant streaming")
    bubble.append(js.document.createTextNode(""))
    client = Client(
        OpenAIConfig(api_key=api_key, api_base=base_url, dangerously_allow_browser=True)
    )
    _task = asyncio.ensure_future(_stream_answer(client, model, bubble))
    outcome = "done"
    try:
        answer = await _task
    except asyncio.CancelledError:
        answer = bubble.firstChild.data
        outcome = "stopped"
        bubble.classList.add("stopped")
        _note(bubble, "stopped")
    except OpenAIError as exc:
        bubble.remove()
        history.pop()
        _bubble("error", f"{type(exc).__name__}: {exc}")
        return "error"
    finally:
        bubble.classList.remove("streaming")
        _task = None
        await client.aclose()
    # A stopped answer stays in the conversation, as far as it got.
    history.append({"role": "assistant", "content": answer})
    return outcome


async def warm_up() -> None:
    """Builds the chat and embeddings types while the page loads, so that the first message
    does not stop the page while they are built."""
    await preload("chat", "embeddings")


def stop() -> None:
    if _task is not None:
        _task.cancel()


def clear() -> None:
    history.clear()
    js.document.getElementById("history").replaceChildren()


EMBEDDING_MODEL = "text-embedding-3-small"


async def compare(text_a: str, text_b: str, base_url: str, api_key: str) -> None:
    """Embeds both texts in one request and shows their cosine similarity."""
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
