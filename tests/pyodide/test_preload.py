"""preload() in Pyodide: what a first chat.stream needs is loaded beforehand (the helpers and
the fetch transport), so that the first message of a page (after the demo's memory snapshot,
which preloads) imports nothing. A runtime of its own: the checks start from nothing loaded."""

from __future__ import annotations

import pytest
from pytest_pyodide import run_in_pyodide

pytestmark = pytest.mark.own_runner


@run_in_pyodide(packages=["async-openai-wasm"])
async def test_preload_loads_what_a_first_chat_stream_needs(selenium, mock_url):
    import sys

    from async_openai_wasm import Client, OpenAIConfig, preload

    def loaded():
        return {m for m in sys.modules if m.startswith("async_openai_wasm") or m == "pyodide.http"}

    before = loaded()
    assert "pyodide.http" not in before
    assert "async_openai_wasm.types.chat" not in before

    await preload("chat")
    preloaded = loaded()
    needed = {"pyodide.http", "async_openai_wasm._transport.fetch", "async_openai_wasm.lib._tools"}
    assert needed | {"async_openai_wasm.lib._chat_stream"} <= preloaded
    assert "async_openai_wasm.types.responses" not in preloaded

    client = Client(OpenAIConfig(api_key="k", api_base=mock_url + "/v1"))
    async with client.chat.stream(model="m", messages=[{"role": "user", "content": "Hi"}]) as chat:
        completion = await chat.get_final_completion()
    assert completion.choices[0].message.content
    assert loaded() == preloaded
