"""Pyodide calls Prism (the OpenAI spec's mock) from Node and from a Chrome page on another
origin, and hands what it sent back to the host to be checked against the spec.

The model for the API-group tests: a ``run_in_pyodide`` function makes the calls through a
``RecordingTransport`` and returns ``transport.requests``; the host test validates them.
"""

from pytest_pyodide import run_in_pyodide

from support.spec import validate_recorded


@run_in_pyodide(packages=["async-openai-wasm"])
async def _chat(selenium, prism_url):
    from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.chat import CreateChatCompletionResponse

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    response = await client.chat.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], max_tokens=5
    )
    assert isinstance(response, CreateChatCompletionResponse)
    assert response.choices[0].message.role == "assistant"
    # Prism streams the trimmed spec's example events (Accept: text/event-stream).
    stream = await client.chat.create_stream(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
    )
    chunks = [chunk async for chunk in stream]
    assert [chunk.object for chunk in chunks] == ["chat.completion.chunk"]
    return transport.requests


def test_chat_through_prism(selenium, prism_url):
    requests = _chat(selenium, prism_url)
    assert [(r.method, r.url) for r in requests] == [("POST", prism_url + "/chat/completions")] * 2
    assert validate_recorded(requests, prism_url) == 2


@run_in_pyodide(packages=["async-openai-wasm"])
async def _upload(selenium, prism_url):
    import json

    from async_openai_wasm import FetchTransport, MultipartForm, Request
    from async_openai_wasm._transport import FilePart

    # A multipart POST with Authorization and OpenAI-Beta, as the files group sends it: in
    # Chrome a preflighted cross-origin request with a FormData body.
    request = Request(
        "POST",
        prism_url + "/files",
        {"Authorization": "Bearer sk-test", "OpenAI-Beta": "assistants=v2"},
        MultipartForm([("purpose", "batch")], [("file", FilePart("a.jsonl", b"{}\n"))]),
    )
    response = await FetchTransport().send(request)
    assert response.status_code == 200, response.status_code
    body = json.loads(await response.aread())
    return body["object"], [request]


def test_multipart_upload_through_prism(selenium, prism_url):
    kind, requests = _upload(selenium, prism_url)
    assert kind == "file"
    assert validate_recorded(requests, prism_url) == 1
