"""The demo page, used as a person would: wait for Python to load, type, send, watch the
answer grow, press Stop, and check that the server saw the request aborted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pages import answers, send, stop_and_check_aborted, wait_ready, watch_answer_grow
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from async_openai_wasm.testing import MockServer


def test_chat_streams_then_stop_aborts_the_request(
    driver: Any, page_url: str, mock_server: MockServer, artifacts: Path
) -> None:
    wait_ready(driver, page_url)
    mock_server.reset()
    send(driver, "Hello from the browser test")

    # The answer grows while it streams.
    watch_answer_grow(driver)
    assert answers(driver)[-1].text.startswith("You said: Hello from the browser test.")
    stop_and_check_aborted(driver, mock_server, planned_chunks=150)
    driver.save_screenshot(str(artifacts / "demo-stopped.png"))

    # The conversation goes on, with the stopped answer in its history.
    send(driver, "Second question")
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "status").text == "Ready")
    second = mock_server.last("/v1/chat/completions")
    roles = [m["role"] for m in second.body["messages"]]
    assert roles == ["user", "assistant", "user"]
    assert second.completed
    assert len(answers(driver)) == 2
    driver.save_screenshot(str(artifacts / "demo-conversation.png"))


def test_server_error_is_shown_with_its_type(
    driver: Any, page_url: str, mock_server: MockServer
) -> None:
    wait_ready(driver, page_url)
    model = driver.find_element(By.ID, "model")
    model.clear()
    model.send_keys("")
    # An empty model is refused by the form itself; a key the server rejects reaches it.
    key = driver.find_element(By.ID, "api-key")
    key.clear()
    send(driver, "no key")
    assert driver.find_element(By.ID, "status").text == "Ready"  # nothing was sent
    model.send_keys("gpt-4o-mini")
    driver.find_element(By.ID, "send").click()
    WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".msg.error")))
    error = driver.find_element(By.CSS_SELECTOR, ".msg.error").text
    assert error.startswith("AuthenticationError:"), error
    assert driver.find_element(By.ID, "status").get_attribute("data-state") == "error"


def test_embeddings_panel_compares_two_texts(
    driver: Any, page_url: str, mock_server: MockServer
) -> None:
    wait_ready(driver, page_url)
    mock_server.reset()
    driver.find_element(By.CSS_SELECTOR, "#embed-panel summary").click()

    def compare(a: str, b: str) -> float:
        for field, text in (("text-a", a), ("text-b", b)):
            box = driver.find_element(By.ID, field)
            box.clear()
            box.send_keys(text)
        result = driver.find_element(By.ID, "similarity")
        previous = result.get_attribute("data-similarity")
        driver.find_element(By.ID, "compare").click()
        WebDriverWait(driver, 20).until(
            lambda d: (
                result.get_attribute("data-similarity") not in (None, previous)
                or "Error" in result.text
            )
        )
        assert result.text.startswith("Cosine similarity"), result.text
        return float(result.get_attribute("data-similarity"))

    assert compare("the same words", "the same words") == 1.0
    related = compare("the cat sat on the mat", "a cat sat on a mat")
    unrelated = compare("the cat sat on the mat", "quarterly revenue grew strongly")
    assert related > unrelated
    # One request per comparison, both texts in it, vectors asked for as base64.
    calls = [r for r in mock_server.requests if (r.method, r.path) == ("POST", "/v1/embeddings")]
    assert len(calls) == 3
    assert calls[1].body["input"] == ["the cat sat on the mat", "a cat sat on a mat"]
    assert calls[1].body["encoding_format"] == "base64"
