"""Selenium tests of the demo page in headless Chromium (Debian's chromium + chromedriver).

The page is served by scripts/devserver.py (web/ and dist/pyodide/, built beforehand by
scripts/build_pyodide.py) and talks to the package's mock server on another port.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from async_openai_wasm.testing import MockServer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from pages import start_chrome  # noqa: E402 (tests/browser is on sys.path too)

from devserver import serve  # noqa: E402
from support.chrome import TAB_CRASHED  # noqa: E402

ARTIFACTS = ROOT / "artifacts"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "alone: measures the page's frame timing, so scripts/test.sh runs it after the other "
        "browser tests, with no other browser running beside it",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test whose tab crashed under it (Chromium's renderer, now and then; see tests/pyodide)
    # runs once more, on a new browser: its own driver, or its mode's page started again.
    for item in items:
        item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=[TAB_CRASHED]))


@pytest.fixture(scope="session")
def mock_server() -> Iterator[MockServer]:
    # Long, slow answers by default, so a test can press Stop while one is streaming.
    with MockServer(chunks=150, delay=0.03).run_in_thread() as server:
        yield server


@pytest.fixture(scope="session")
def page_url(mock_server: MockServer) -> Iterator[str]:
    if not (ROOT / "dist" / "pyodide" / "pyodide-lock.json").exists():
        pytest.fail("dist/pyodide is missing: run scripts/build_pyodide.py first")
    config = {"base_url": mock_server.base_url, "model": "gpt-4o-mini", "api_key": "mock-key"}
    with serve(demo_config=config) as url:
        yield url


@pytest.fixture
def driver() -> Iterator[Any]:
    chrome = start_chrome()
    try:
        yield chrome
    finally:
        chrome.quit()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
