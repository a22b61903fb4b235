"""What the browser tests do on a chat page (web/index.html, web/pyscript.html): wait for
Python, type, send, read the answers."""

from __future__ import annotations

import time
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from async_openai_wasm.testing import MockServer
from support.chrome import CHROME_FLAGS, selenium_chrome

BOOT_TIMEOUT = 90  # Pyodide's first boot compiles 10 MB of WebAssembly

# A fixed window: screenshots of the demo page come out the same size.
DEMO_CHROME_FLAGS = [*CHROME_FLAGS, "--window-size=1000,800"]


def start_chrome() -> Any:
    return selenium_chrome(DEMO_CHROME_FLAGS)


def wait_loaded(driver: Any, url: str) -> str:
    """Opens url and waits until the page has left "loading"; returns its state."""
    driver.get(url)
    WebDriverWait(driver, BOOT_TIMEOUT).until(
        lambda d: d.find_element(By.ID, "status").get_attribute("data-state") != "loading"
    )
    return str(driver.find_element(By.ID, "status").get_attribute("data-state"))


def wait_ready(driver: Any, url: str) -> None:
    state = wait_loaded(driver, url)
    assert state == "ready", driver.find_element(By.ID, "status").text


def status(driver: Any) -> str:
    return str(driver.find_element(By.ID, "status").text)


def answers(driver: Any) -> list[Any]:
    return list(driver.find_elements(By.CSS_SELECTOR, ".msg.assistant"))


def send(driver: Any, text: str) -> None:
    box = driver.find_element(By.ID, "prompt")
    box.send_keys(text)
    driver.find_element(By.ID, "send").click()


def watch_answer_grow(driver: Any, sizes: int = 5, timeout: float = 10) -> list[int]:
    """Samples the last answer's length until it has taken ``sizes`` different values."""
    lengths: list[int] = []
    deadline = time.monotonic() + timeout
    while len(set(lengths)) < sizes and time.monotonic() < deadline:
        found = answers(driver)
        if found:
            lengths.append(len(found[-1].text))
        time.sleep(0.05)
    assert len(set(lengths)) >= sizes, lengths
    assert lengths == sorted(lengths), lengths
    return lengths


def stop_and_check_aborted(driver: Any, mock_server: MockServer, planned_chunks: int) -> Any:
    """Presses Stop while an answer streams; checks that the page says so, that the server saw
    the request go away before its end, and that the page shows no more than the server sent.
    Returns the server's record of the request."""
    driver.find_element(By.ID, "stop").click()
    WebDriverWait(driver, 10).until(lambda d: status(d) == "Stopped")
    record = mock_server.wait_for_sync(lambda: mock_server.last("/v1/chat/completions"))
    mock_server.wait_for_sync(lambda: record.disconnected, timeout=5)
    assert not record.completed
    assert record.chunks_sent < planned_chunks
    bubble = answers(driver)[-1]
    assert "stopped" in bubble.get_attribute("class")
    # The page shows exactly what arrived before Stop: no more, no less.
    assert int(bubble.get_attribute("data-chunks")) <= record.chunks_sent
    return record
