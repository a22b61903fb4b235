"""pytest plugin for testing code that calls an OpenAI-compatible API: installed with the
package (entry point ``pytest11``), active in any suite that has the package installed.

Fixtures
    mock_openai_server  session-scoped: a ``MockServer`` on a background thread. Override
                        this fixture in a conftest.py to configure it (chunks, delay, ...).
    mock_openai         per test: that server with nothing recorded and nothing scripted.
                        Script what the next chat calls get with ``mock_openai.reply(...)``
                        and ``mock_openai.error(...)``; look at what arrived with
                        ``mock_openai.requests`` and ``mock_openai.last(path)``. A scripted
                        reply that no request used fails the test at teardown.

The server is on ``127.0.0.1`` with CORS on, so Python in a browser page (pytest-pyodide's
``run_in_pyodide``) can call ``mock_openai.base_url`` as CPython code can. This is the only
module of the package that imports pytest.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .mock_server import MockServer

__all__ = ["mock_openai", "mock_openai_server"]


@pytest.fixture(scope="session")
def mock_openai_server() -> Iterator[MockServer]:
    """A mock OpenAI-compatible server for the whole session (``url``, ``base_url``)."""
    with MockServer().run_in_thread() as server:
        yield server


@pytest.fixture
def mock_openai(mock_openai_server: MockServer) -> Iterator[MockServer]:
    """The session's mock server, reset for this test; fails it if a scripted reply is left."""
    mock_openai_server.reset()
    yield mock_openai_server
    unused = mock_openai_server.pending_replies
    mock_openai_server.reset()
    if unused:
        pytest.fail(
            f"mock_openai: {len(unused)} scripted reply(s) not used by any request: {unused}",
            pytrace=False,
        )
