"""The browser key rule on CPython: not a browser, so a secret key for api.openai.com is sent
as it is (tests/pyodide/test_browser_key.py has pages, workers and Node)."""

from __future__ import annotations

from async_openai_wasm import Client, MockTransport, OpenAIConfig, Response

KEY = "sk-proj-cpython-0123456789abcdefSECRET"


async def test_secret_key_to_openai_is_sent_from_cpython() -> None:
    transport = MockTransport(lambda request: Response.from_json(200, {"data": []}))
    client = Client(OpenAIConfig(api_key=KEY), transport=transport)
    assert (await client.models.list()).data == []
    assert transport.requests[0].url == "https://api.openai.com/v1/models"
    assert transport.requests[0].headers["Authorization"] == f"Bearer {KEY}"
