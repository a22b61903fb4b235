"""Fixtures for the CPython unit tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.prism import prism_for_session


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of Prism mocking the trimmed OpenAI spec (no ``/v1``): the
    one scripts/test.sh started (``PRISM_URL``), else one started for this session."""
    with prism_for_session() as url:
        yield url
