"""preload(): a group's types are built before its first request, and that request then
builds nothing new. Each check runs in a fresh interpreter, where nothing was built yet."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from async_openai_wasm import InvalidArgumentError, preload

# Prints what is built before and after preload("chat"), and after a first chat stream and a
# first chat.stream (the helper).
PROBE = textwrap.dedent(
    """
    import asyncio, json, sys
    from pydantic import BaseModel
    import async_openai_wasm
    from async_openai_wasm import Client, OpenAIConfig, preload
    from typing import get_args
    from async_openai_wasm import _decode
    from async_openai_wasm.testing import MockServer

    def built():
        types = sys.modules.get("async_openai_wasm.types.chat")
        models = [
            value for value in vars(types).values()
            if isinstance(value, type) and issubclass(value, BaseModel)
            and value.__module__ == types.__name__
        ] if types else []
        return {
            "modules": sorted(m for m in sys.modules if m.startswith("async_openai_wasm")),
            "models": len(models),
            "complete": sum(model.__pydantic_complete__ for model in models),
            "stream_validators": sorted(
                get_args(tp)[0].__name__ for tp in _decode._adapters if get_args(tp)
            ),
        }

    async def main():
        before = built()
        await preload("chat")
        preloaded = built()
        async with MockServer(chunks=5) as server:
            client = Client(OpenAIConfig(api_key="k", api_base=server.base_url))
            async with client:
                async with await client.chat.create_stream(
                    model="m", messages=[{"role": "user", "content": "Hi"}]
                ) as stream:
                    chunks = [chunk async for chunk in stream]
                after = built()
                async with client.chat.stream(
                    model="m", messages=[{"role": "user", "content": "Hi"}]
                ) as events:
                    completion = await events.get_final_completion()
        print(json.dumps({"before": before, "preloaded": preloaded, "after": after,
                          "after_helper": built(), "chunks": len(chunks),
                          "content": completion.choices[0].message.content}))

    asyncio.run(main())
    """
)


def test_preload_builds_what_the_first_request_would() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True
    ).stdout
    result = json.loads(out)
    before, preloaded, after = result["before"], result["preloaded"], result["after"]
    assert "async_openai_wasm.types.chat" not in before["modules"]
    assert before["stream_validators"] == []

    assert "async_openai_wasm.types.chat" in preloaded["modules"]
    assert "async_openai_wasm.api.chat" in preloaded["modules"]
    assert preloaded["models"] > 40
    assert preloaded["complete"] == preloaded["models"]  # every validator is built
    assert preloaded["stream_validators"] == ["CreateChatCompletionStreamResponse"]

    # The first request after it: no module of the package imported, no validator built.
    assert result["chunks"] >= 5
    assert after["stream_validators"] == preloaded["stream_validators"]
    new_modules = set(after["modules"]) - set(preloaded["modules"])
    assert new_modules == {"async_openai_wasm._transport.httpx"}  # the client's transport

    # The chat helpers are loaded too (they build models of their own), without the
    # Responses types: the first chat.stream imports nothing either.
    assert "async_openai_wasm.lib._chat_stream" in preloaded["modules"]
    assert "async_openai_wasm.lib._tools" in preloaded["modules"]
    assert "async_openai_wasm.types.responses" not in preloaded["modules"]
    assert result["content"]
    assert result["after_helper"]["modules"] == after["modules"]


async def test_preload_refuses_unknown_names() -> None:
    with pytest.raises(InvalidArgumentError, match=r"unknown API group 'chats'; one of .*chat"):
        await preload("models", "chats")
    with pytest.raises(InvalidArgumentError, match="needs API group names"):
        await preload()


async def test_preload_takes_every_group_of_a_client() -> None:
    await preload("models", "completions", "vector_stores", "threads")
    assert "async_openai_wasm.types.vector_stores" in sys.modules
