"""Fixtures for the CPython unit tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
from support.prism import prism_for_session
from support.spec import validate_recorded

# test_pytest_plugin.py runs users' test files through the package's pytest plugin.
pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of Prism mocking the trimmed OpenAI spec (no ``/v1``): the
    one scripts/test.sh started (``PRISM_URL``), else one started for this session."""
    with prism_for_session() as url:
        yield url


@pytest.fixture
async def recorded(prism_url: str) -> AsyncIterator[tuple[Client, RecordingTransport]]:
    """A client on Prism over httpx (no retries: a refused request fails the test at once)
    and the RecordingTransport that keeps what it sent. After the test, every request it
    recorded is checked against the spec's schema for its operation."""
    transport = RecordingTransport()
    client = Client(
        OpenAIConfig(api_key="sk-prism", api_base=prism_url), transport=transport, max_retries=0
    )
    async with client:
        yield client, transport
    validate_recorded(transport.requests, prism_url)
