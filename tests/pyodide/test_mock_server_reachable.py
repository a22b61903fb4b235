"""Pyodide reaches the host's mock server: from Node, and from a Chrome page on
another origin (the dist server's port), which needs the server's CORS replies.

Also the model for tests that talk to the mock server: the ``mock_url``
fixture's value is pickled into Pyodide as an ordinary argument.
"""

from pytest_pyodide import run_in_pyodide


@run_in_pyodide
async def test_simple_get(selenium, mock_url):
    from pyodide.http import pyfetch

    resp = await pyfetch(mock_url + "/__mock__/health")
    assert resp.status == 200
    assert (await resp.json()) == {"status": "ok"}


@run_in_pyodide
async def _chat_with_auth_header(selenium, url):
    import json
    import uuid

    from pyodide.http import pyfetch

    # Authorization + a JSON body: in Chrome a CORS preflight (OPTIONS) first. Chrome caches
    # a preflight's answer per URL for a few seconds: a URL of its own makes this one fresh.
    resp = await pyfetch(
        url + f"/v1/chat/completions?probe={uuid.uuid4().hex}",
        method="POST",
        headers={"Authorization": "Bearer sk-test", "Content-Type": "application/json"},
        body=json.dumps({"model": "mock-model", "messages": [{"role": "user", "content": "hi"}]}),
    )
    assert resp.status == 200, resp.status
    data = await resp.json()
    # A header the page may only read if the server exposes it.
    return data["choices"][0]["message"]["content"], resp.headers.get("x-request-id")


def test_preflighted_post(selenium, mock_server):
    mock_server.reset()
    content, request_id = _chat_with_auth_header(selenium, mock_server.url)
    assert content.startswith("You said: hi.")
    assert request_id
    # The host side sees what Pyodide sent; a browser's preflight shows up too.
    methods = [r.method for r in mock_server.requests]
    assert methods[-1] == "POST"
    if selenium.browser == "chrome":
        assert "OPTIONS" in methods
