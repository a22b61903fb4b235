"""The pytest plugin's ``mock_openai`` fixture from pytest-pyodide tests: the code under test
runs in Pyodide (Node, Chrome) and fetches the fixture's server; the test scripts it and
checks what arrived on the host. The README's example is test_readme_example.py."""

from __future__ import annotations

import json
from typing import Any

from pytest_pyodide import run_in_pyodide

from async_openai_wasm.testing import MockServer


@run_in_pyodide(packages=["async-openai-wasm"])
async def chat(selenium: Any, base_url: str, stream: bool, max_retries: int) -> Any:
    """One chat call in Pyodide: the message (plain), or every delta (streamed), or the error's
    class name and message."""
    from async_openai_wasm import Client, OpenAIConfig
    from async_openai_wasm.error import OpenAIError

    client = Client(OpenAIConfig(api_key="sk-test", api_base=base_url), max_retries=max_retries)
    messages = [{"role": "user", "content": "Weather in Paris?"}]
    try:
        if not stream:
            resp = await client.chat.create(model="gpt-4o-mini", messages=messages)
            return resp.choices[0].model_dump(mode="json")
        deltas = []
        async with await client.chat.create_stream(model="gpt-4o-mini", messages=messages) as s:
            async for chunk in s:
                if chunk.choices:
                    deltas.append(chunk.choices[0].model_dump(mode="json", exclude_none=True))
        return deltas
    except OpenAIError as exc:
        return [type(exc).__name__, str(exc)]


def sent(server: MockServer) -> list[tuple[str, int | None]]:
    return [(r.path, r.status) for r in server.requests if r.method != "OPTIONS"]


def test_tool_calls_whole_and_streamed(selenium: Any, mock_openai: MockServer) -> None:
    call = {"name": "get_weather", "arguments": {"city": "Paris"}}
    mock_openai.reply(tool_calls=[call])
    mock_openai.reply(tool_calls=[call])
    whole = chat(selenium, mock_openai.base_url, False, 0)
    assert whole["finish_reason"] == "tool_calls"
    [tool_call] = whole["message"]["tool_calls"]
    assert tool_call["function"]["name"] == "get_weather"
    assert json.loads(tool_call["function"]["arguments"]) == {"city": "Paris"}

    deltas = chat(selenium, mock_openai.base_url, True, 0)
    pieces = [t for d in deltas for t in d["delta"].get("tool_calls", [])]
    assert pieces[0]["function"]["name"] == "get_weather"
    arguments = "".join(p["function"].get("arguments", "") for p in pieces)
    assert json.loads(arguments) == {"city": "Paris"}
    assert deltas[-1]["finish_reason"] == "tool_calls"
    assert sent(mock_openai) == [("/v1/chat/completions", 200)] * 2


def test_rate_limit_then_reply(selenium: Any, mock_openai: MockServer) -> None:
    mock_openai.error(429, "Slow down", retry_after=0.2)
    mock_openai.reply(chunks=["Sunny", " and", " warm"])
    deltas = chat(selenium, mock_openai.base_url, True, 1)
    assert "".join(d["delta"].get("content", "") for d in deltas) == "Sunny and warm"
    assert sent(mock_openai) == [("/v1/chat/completions", 429), ("/v1/chat/completions", 200)]

    mock_openai.error(429, "Slow down")
    name, message = chat(selenium, mock_openai.base_url, False, 0)
    assert (name, message.split(" (")[0]) == ("RateLimitError", "Slow down")


def test_dropped_stream(selenium: Any, mock_openai: MockServer) -> None:
    mock_openai.reply(chunks=["a", "b", "c"], drop_after=2)
    name, _ = chat(selenium, mock_openai.base_url, True, 0)
    assert name == "StreamError"
    assert mock_openai.last().chunks_sent == 2
