"""The PyScript page (web/pyscript.html): the chat is a ``<script type="py">`` whose
pyscript.json installs the package by name through PyScript's default ``packages``
handling (micropip, from dist/pyodide's lock), with PyScript and Pyodide served locally."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages import (
    BOOT_TIMEOUT,
    answers,
    send,
    status,
    stop_and_check_aborted,
    wait_loaded,
    wait_ready,
    watch_answer_grow,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from async_openai_wasm import Client, OpenAIConfig
from async_openai_wasm.testing import MockServer
from devserver import PYODIDE, PYSCRIPT, WEB, serve

PAGE = "pyscript.html"
ROOT = Path(__file__).resolve().parents[2]


def test_pyscript_chat_streams_and_stop_aborts_the_request(
    driver: Any, page_url: str, mock_server: MockServer, artifacts: Path
) -> None:
    wait_ready(driver, page_url + PAGE)
    mock_server.reset()
    send(driver, "Hello from PyScript")
    watch_answer_grow(driver)
    assert answers(driver)[-1].text.startswith("You said: Hello from PyScript.")
    stop_and_check_aborted(driver, mock_server, planned_chunks=150)
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


def readme_pyscript_page() -> str:
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## PyScript\n") :]
    match = re.search(r"```html\n(.*?)```", section, re.S)
    assert match, "no html block in the README's PyScript section"
    return match.group(1)


def offline(page: str, mock_base_url: str) -> str:
    """The README's online page, pointed at the local PyScript, Pyodide and mock server."""
    version = json.loads((ROOT / "package.json").read_text())["devDependencies"]["@pyscript/core"]
    cdn = f"https://cdn.jsdelivr.net/npm/@pyscript/core@{version}/dist/"
    assert page.count(cdn) == 2, f"the README's PyScript is not the pinned {version}"
    page = page.replace(cdn, "pyscript/")

    def add_interpreter(match: re.Match[str]) -> str:
        config = json.loads(match.group(1))
        config["interpreter"] = "pyodide/pyodide.mjs"
        return f"config='{json.dumps(config)}'"

    page, configs = re.subn(r"config='(\{.*?\})'", add_interpreter, page)
    assert configs == 1
    assert page.count('"https://api.openai.com/v1"') == 1
    return page.replace('"https://api.openai.com/v1"', json.dumps(mock_base_url))


def test_readme_pyscript_page_runs_offline(
    driver: Any, mock_server: MockServer, tmp_path: Path
) -> None:
    (tmp_path / "index.html").write_text(offline(readme_pyscript_page(), mock_server.base_url))
    (tmp_path / "pyodide").symlink_to(PYODIDE)
    (tmp_path / "pyscript").symlink_to(PYSCRIPT)
    messages = [{"role": "user", "content": "Tell me a story"}]
    with serve(mounts={"readme": tmp_path}) as url:
        driver.get(f"{url}readme/index.html")
        answer = driver.find_element(By.ID, "answer")
        # The mock server's answer depends on the messages only: the same request from here.
        expected = asyncio.run(streamed_text(mock_server.base_url, messages))
        WebDriverWait(driver, BOOT_TIMEOUT).until(lambda d: answer.text == expected.strip())
    assert expected.startswith("You said: Tell me a story. ")


async def streamed_text(base_url: str, messages: list[dict[str, str]]) -> str:
    async with Client(OpenAIConfig(api_key="mock-key", api_base=base_url)) as client:
        stream = await client.chat.create_stream(model="gpt-4o-mini", messages=messages)
        async with stream:
            return "".join([c.delta.content or "" async for chunk in stream for c in chunk.choices])
