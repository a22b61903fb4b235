"""The PyScript page (web/pyscript.html): the chat is a ``<script type="py">`` whose
pyscript.json installs the package by name through PyScript's default ``packages``
handling (micropip, from dist/pyodide's lock), with PyScript and Pyodide served locally."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages import answers, send, status, wait_loaded, wait_ready, watch_answer_grow
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from async_openai_wasm.testing import MockServer
from devserver import PYODIDE, PYSCRIPT, WEB, serve

PAGE = "pyscript.html"


def test_pyscript_chat_streams_and_stop_aborts_the_request(
    driver: Any, page_url: str, mock_server: MockServer, artifacts: Path
) -> None:
    wait_ready(driver, page_url + PAGE)
    mock_server.reset()
    send(driver, "Hello from PyScript")
    watch_answer_grow(driver)
    assert answers(driver)[-1].text.startswith("You said: Hello from PyScript.")
    driver.find_element(By.ID, "stop").click()

    WebDriverWait(driver, 10).until(lambda d: status(d) == "Stopped")
    record = mock_server.wait_for_sync(lambda: mock_server.last("/v1/chat/completions"))
    mock_server.wait_for_sync(lambda: record.disconnected, timeout=5)
    assert not record.completed
    assert int(answers(driver)[-1].get_attribute("data-chunks")) <= record.chunks_sent < 150
    driver.save_screenshot(str(artifacts / "pyscript-stopped.png"))

    # A second visit: PyScript loads the lock that micropip.freeze() wrote on the first one
    # (kept in IndexedDB), with the wheels' absolute URLs, and the chat works again.
    wait_ready(driver, page_url + PAGE)
    send(driver, "Again")
    WebDriverWait(driver, 20).until(lambda d: status(d) == "Ready" and answers(d))
    assert answers(driver)[-1].text.startswith("You said: Again.")
    assert mock_server.last("/v1/chat/completions").completed


def test_pyscript_server_error_is_shown_with_its_type(driver: Any, page_url: str) -> None:
    wait_ready(driver, page_url + PAGE)
    driver.find_element(By.ID, "api-key").clear()  # the mock server answers 401
    send(driver, "no key")
    WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".msg.error")))
    error = driver.find_element(By.CSS_SELECTOR, ".msg.error").text
    assert error.startswith("AuthenticationError:"), error
    assert driver.find_element(By.ID, "status").get_attribute("data-state") == "error"


# Each case: a change to web/pyscript.json, and the line the page must show.
BROKEN_CONFIGS = {
    # A package that cannot be installed (offline, micropip's PyPI lookup fails; online it
    # would find no wheel): the install fails before any of the page's Python runs.
    "install-failure": (
        lambda config: config["packages"].append("no-such-package-for-tests"),
        "Failed to fetch",
    ),
    # No packages: the script starts, and its import of the package fails.
    "import-failure": (
        lambda config: config.pop("packages"),
        "ModuleNotFoundError: No module named 'async_openai_wasm'",
    ),
}


@pytest.fixture(scope="module")
def broken_pages_url(mock_server: MockServer, tmp_path_factory: Any) -> Iterator[str]:
    """Copies of the page, each beside a changed pyscript.json, at /<case>/pyscript.html."""
    mounts = {}
    for case, (change, _) in BROKEN_CONFIGS.items():
        folder = tmp_path_factory.mktemp(case)
        for item in WEB.iterdir():
            (folder / item.name).symlink_to(item)
        (folder / "pyodide").symlink_to(PYODIDE)
        (folder / "pyscript").symlink_to(PYSCRIPT)
        config = json.loads((WEB / "pyscript.json").read_text())
        change(config)
        (folder / "pyscript.json").unlink()
        (folder / "pyscript.json").write_text(json.dumps(config))
        mounts[case] = folder
    config = {"base_url": mock_server.base_url, "model": "gpt-4o-mini", "api_key": "mock-key"}
    with serve(demo_config=config, mounts=mounts) as url:
        yield url


@pytest.mark.parametrize("case", BROKEN_CONFIGS)
def test_pyscript_load_failure_is_shown_on_the_page(
    driver: Any, broken_pages_url: str, case: str, artifacts: Path
) -> None:
    assert wait_loaded(driver, f"{broken_pages_url}{case}/{PAGE}") == "error"
    assert status(driver) == "Failed to load Python"
    shown = driver.find_element(By.CSS_SELECTOR, ".msg.load-error strong").text
    assert BROKEN_CONFIGS[case][1] in shown, shown
    assert driver.find_element(By.ID, "send").get_attribute("disabled")
    driver.save_screenshot(str(artifacts / f"pyscript-{case}.png"))
