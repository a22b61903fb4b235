"""The demo page's features, in both modes (Python on the page, Python in a Web Worker): replies
streamed with chat.stream and rendered as sanitised Markdown, each with its time to first token
and chunks/s; the page's Python tools called and shown; a contact extracted with chat.parse
and shown as a card. The mock server scripts the model's side.

The tests of one mode share one page (booting Pyodide is most of a test's time): each starts
from a cleared conversation with tools on and the panels closed, as a person pressing Clear
would."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pages import answers, send, start_chrome, status, wait_ready, watch_answer_grow
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from async_openai_wasm.testing import MockServer

MODES = ["main", "worker"]

MARKDOWN = """# Title

Some **bold**, *italic* and `inline <b>code</b>`; see [the docs](https://example.com/docs).

- one
- two *too*

3. third
4. fourth

```python
print("<b>hi</b>")
```
"""

INJECTION = (
    'Look: <img src=x onerror="alert(1)"> and <script>window.pwned = 1</script> '
    "then [click me](javascript:alert(1)) and [data](data:text/html,<script>alert(1)</script>)."
)


def pieces(text: str, size: int) -> list[str]:
    """The text in pieces of ``size`` characters: the page renders them as they arrive."""
    return [text[i : i + size] for i in range(0, len(text), size)]


def until_ready(driver: Any, timeout: float = 30) -> None:
    WebDriverWait(driver, timeout).until(lambda d: status(d) != "Streaming…")
    assert status(driver) == "Ready"


class ModePage:
    """The demo page of one mode in a browser of its own, shared by the mode's tests; started
    again when its tab has crashed, so that a crash costs one test's rerun, not the module."""

    def __init__(self, url: str, mode: str) -> None:
        self.url = url
        self.mode = mode
        self.driver: Any = None

    def live(self) -> Any:
        if self.driver is not None:
            try:
                self.driver.execute_script("return 1")
            except WebDriverException:
                self.close()
        if self.driver is None:
            self.driver = start_chrome()
            wait_ready(self.driver, f"{self.url}?mode={self.mode}")
            assert self.driver.find_element(By.TAG_NAME, "body").get_attribute("data-mode") == (
                self.mode
            )
        return self.driver

    def close(self) -> None:
        driver, self.driver = self.driver, None
        if driver is not None:
            with contextlib.suppress(WebDriverException):
                driver.quit()


@pytest.fixture(
    scope="module",
    # One browser per mode; scripts/test.sh keeps a mode's tests on one xdist worker.
    params=[pytest.param(mode, marks=pytest.mark.xdist_group(f"demo-{mode}")) for mode in MODES],
)
def mode_page(request: pytest.FixtureRequest, page_url: str) -> Iterator[ModePage]:
    holder = ModePage(page_url, request.param)
    try:
        holder.live()
        yield holder
    finally:
        holder.close()


@pytest.fixture
def page(mode_page: ModePage) -> Any:
    """The mode's page, cleared: no conversation, tools on, the panels closed."""
    driver = mode_page.live()
    if driver.find_element(By.ID, "stop").is_enabled():  # a failed test left a reply streaming
        driver.find_element(By.ID, "stop").click()
        WebDriverWait(driver, 10).until(lambda d: status(d) != "Streaming…")
    driver.find_element(By.ID, "clear").click()
    assert not answers(driver) and status(driver) == "Ready"
    if not driver.find_element(By.ID, "tools").is_selected():
        driver.find_element(By.ID, "tools").click()
    driver.execute_script(
        "document.querySelectorAll('details:not(#settings)')"
        ".forEach((panel) => { panel.open = false; });"
    )
    return driver


@pytest.fixture
def mode(mode_page: ModePage) -> str:
    return mode_page.mode


def stats_of(bubble: Any) -> dict[str, Any]:
    """The figures shown under a reply: its time to first token and chunks/s."""
    line = bubble.find_element(By.XPATH, "following-sibling::*[1]")
    assert "stats" in line.get_attribute("class")
    assert re.fullmatch(
        r"first token after [\d.]+ ms · \d+ chunks at [\d.]+ chunks/s", line.text
    ), line.text
    return {
        "ttft_ms": float(line.get_attribute("data-ttft-ms")),
        "chunks": int(line.get_attribute("data-chunks")),
        "chunks_per_s": float(line.get_attribute("data-chunks-per-s")),
    }


def test_reply_streams_with_chat_stream_and_shows_its_figures(
    page: Any, mock_server: MockServer, mode: str
) -> None:
    driver = page
    driver.find_element(By.ID, "tools").click()  # off: a plain chat.stream
    mock_server.reset()
    # The server waits 300 ms before its first byte, then paces 30 chunks 60 ms apart.
    mock_server.reply(
        chunks=pieces("Streamed **word** by word. " * 10, 9), first_byte_delay_ms=300, delay_ms=60
    )
    send(driver, "Hello")
    watch_answer_grow(driver)
    until_ready(driver)
    bubble = answers(driver)[-1]
    assert bubble.text.rstrip() == ("Streamed word by word. " * 10).rstrip()
    assert len(bubble.find_elements(By.CSS_SELECTOR, "strong")) == 10
    request = mock_server.last("/v1/chat/completions")
    assert request.body["stream"] is True and "tools" not in request.body
    assert request.completed

    figures = stats_of(bubble)
    chunks = len(pieces("Streamed **word** by word. " * 10, 9))
    assert figures["chunks"] == chunks == int(bubble.get_attribute("data-chunks"))
    assert figures["ttft_ms"] >= 300
    # 60 ms apart at the server: no faster than that, and not absurdly slower.
    assert 1 < figures["chunks_per_s"] <= 1.5 * chunks / ((chunks - 1) * 0.06)


def test_markdown_is_rendered_and_html_stays_text(
    page: Any, mock_server: MockServer, mode: str, artifacts: Path
) -> None:
    driver = page
    mock_server.reply(chunks=pieces(MARKDOWN, 5), delay_ms=5)
    send(driver, "Show me Markdown")
    until_ready(driver)
    bubble = answers(driver)[-1]

    def found(css: str) -> list[str]:
        # One script for all the elements: a WebDriver call each is slow for 1,200 of them.
        texts: list[str] = driver.execute_script(
            "return [...arguments[0].querySelectorAll(arguments[1])].map((e) => e.textContent)",
            bubble,
            css,
        )
        return texts

    assert found("h1") == ["Title"]
    assert found("p > strong") == ["bold"] and found("p > em") == ["italic"]
    assert found("p > code") == ["inline <b>code</b>"]
    assert found("ul > li") == ["one", "two too"] and found("ul em") == ["too"]
    assert found("ol > li") == ["third", "fourth"]
    assert bubble.find_element(By.CSS_SELECTOR, "ol").get_attribute("start") == "3"
    assert found("pre > code.language-python") == ['print("<b>hi</b>")']
    links = bubble.find_elements(By.TAG_NAME, "a")
    assert [(a.text, a.get_attribute("href")) for a in links] == [
        ("the docs", "https://example.com/docs")
    ]
    assert not bubble.find_elements(By.TAG_NAME, "b")
    driver.save_screenshot(str(artifacts / f"features-markdown-{mode}.png"))

    # A long paragraph grows in segments: all of it arrives, once, in order.
    long = " ".join(f"w{i} **b{i}**" for i in range(1200))
    mock_server.reply(chunks=pieces(long, 40), delay_ms=0)
    send(driver, "A long paragraph")
    until_ready(driver)
    bubble = answers(driver)[-1]
    assert bubble.get_attribute("textContent") == long.replace("**", "")
    assert len(bubble.find_elements(By.CSS_SELECTOR, "p")) == 1
    assert len(bubble.find_elements(By.CSS_SELECTOR, "p > span")) > 3
    strong = found("strong")
    assert strong[-1] == "b1199" and len(strong) == 1200

    # Model text that tries HTML or script links stays inert text.
    mock_server.reply(chunks=pieces(INJECTION, 7), delay_ms=5)
    send(driver, "Try to inject")
    until_ready(driver)
    bubble = answers(driver)[-1]
    assert bubble.text == INJECTION
    for tag in ("img", "script", "a", "iframe"):
        assert not bubble.find_elements(By.TAG_NAME, tag), tag
    assert not EC.alert_is_present()(driver)
    assert driver.execute_script("return window.pwned") is None


def test_tool_calls_are_shown_as_they_run_then_the_answer(
    page: Any, mock_server: MockServer, mode: str, artifacts: Path
) -> None:
    driver = page
    assert driver.find_element(By.ID, "tools").is_selected()
    mock_server.reset()

    def ask(text: str) -> tuple[Any, Any]:
        before = len(driver.find_elements(By.CSS_SELECTOR, ".msg.tool"))
        send(driver, text)
        until_ready(driver)
        calls = driver.find_elements(By.CSS_SELECTOR, ".msg.tool")
        assert len(calls) == before + 1
        return calls[-1], answers(driver)[-1]

    def shown(call: Any) -> tuple[str, Any, str]:
        arguments = call.find_element(By.CSS_SELECTOR, ".arguments").text
        return (
            call.get_attribute("data-name"),
            json.loads(arguments),
            call.find_element(By.CSS_SELECTOR, ".value").text,
        )

    # What each tool box shows when it appears: the call, running, before its result.
    driver.execute_script(
        """window.toolBoxes = [];
        new MutationObserver((changes) => {
          for (const node of changes.flatMap((change) => [...change.addedNodes]))
            if (node.classList?.contains("tool"))
              window.toolBoxes.push([node.className, node.querySelector(".value").textContent]);
        }).observe(document.getElementById("history"), { childList: true });"""
    )
    call, answer = ask("calculate 2 * (3 + 4) ** 2")
    assert shown(call) == ("calculate", {"expression": "2 * (3 + 4) ** 2"}, "98")
    assert driver.execute_script("return window.toolBoxes") == [["msg tool running", "running"]]
    assert call.get_attribute("class") == "msg tool"
    # The call shows before the answer, which streams after it.
    assert call.location["y"] < answer.location["y"]
    assert answer.text == "The tool answered: 98."
    first, second = [r for r in mock_server.requests if r.path == "/v1/chat/completions"][-2:]
    names = [tool["function"]["name"] for tool in first.body["tools"]]
    assert names == ["current_time", "roll_dice", "calculate"]
    assert first.body["tool_choice"] == "auto" and first.body["stream"] is True
    assert [m["role"] for m in second.body["messages"]] == ["user", "assistant", "tool"]
    assert second.body["messages"][-1]["content"] == "98"

    call, answer = ask("roll dice 4 6")
    name, arguments, result = shown(call)
    rolled = json.loads(result)
    assert (name, arguments) == ("roll_dice", {"count": 4, "sides": 6})
    assert len(rolled["rolls"]) == 4 and all(1 <= r <= 6 for r in rolled["rolls"])
    assert rolled["total"] == sum(rolled["rolls"])
    assert answer.text == f"The tool answered: {result}."

    call, answer = ask("what is the current time?")
    name, arguments, result = shown(call)
    assert (name, arguments) == ("current_time", {})
    assert abs(datetime.fromisoformat(result).timestamp() - datetime.now().timestamp()) < 120
    driver.save_screenshot(str(artifacts / f"features-tools-{mode}.png"))

    # The calculator parses arithmetic only: code is refused, and the model is told so.
    call, answer = ask("calculate open('x')")
    assert "failed" in call.get_attribute("class")
    error = call.find_element(By.CSS_SELECTOR, ".value").text
    assert error == "Error: ValueError: not arithmetic: \"open('x')\"", error
    assert answer.text == f"The tool answered: {error}."

    # A message that names no tool gets a plain answer, and the figures of the last round.
    before = len(driver.find_elements(By.CSS_SELECTOR, ".msg.tool"))
    send(driver, "Just talk")
    until_ready(driver)
    assert len(driver.find_elements(By.CSS_SELECTOR, ".msg.tool")) == before
    assert answers(driver)[-1].text.startswith("You said: Just talk.")
    assert stats_of(answers(driver)[-1])["chunks"] == 150


def test_structured_output_is_shown_as_a_card(
    page: Any, mock_server: MockServer, mode: str, artifacts: Path
) -> None:
    driver = page
    driver.find_element(By.CSS_SELECTOR, "#extract-panel summary").click()
    mock_server.reset()

    def extract() -> dict[str, str]:
        previous = driver.find_elements(By.CSS_SELECTOR, "#card .card")
        driver.find_element(By.ID, "extract").click()
        WebDriverWait(driver, 30).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#card .card") not in ([], previous)
        )
        card = driver.find_element(By.CSS_SELECTOR, "#card .card")
        assert card.find_element(By.TAG_NAME, "h3").text == "Contact"
        terms = card.find_elements(By.TAG_NAME, "dt")
        values = card.find_elements(By.TAG_NAME, "dd")
        return {t.text: v.text for t, v in zip(terms, values, strict=True)}

    # The model's answer (scripted here) becomes a Contact; an empty field shows as a dash.
    ada = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "phone": None,
        "organization": "Analytical Engine Society",
        "meeting_date": "2026-12-10",
    }
    mock_server.reply(json=ada)
    assert extract() == {
        "Name": "Ada Lovelace",
        "Email": "ada@example.org",
        "Phone": "—",
        "Organization": "Analytical Engine Society",
        "Meeting date": "2026-12-10",
    }
    request = mock_server.last("/v1/chat/completions")
    response_format = request.body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Contact"
    assert response_format["json_schema"]["strict"] is True
    assert request.body["messages"][-1]["content"].startswith("Met Ada Lovelace")

    # Unscripted, the mock server answers a value of the schema: a date, an email, ...
    driver.save_screenshot(str(artifacts / f"features-card-{mode}.png"))
    shown = extract()
    assert shown["Meeting date"] == "2024-01-31" and shown["Email"] == "someone@example.com"

    # An answer that does not fit the model is an error, shown where the card would be.
    mock_server.reply(json={"name": 7})
    driver.find_element(By.ID, "extract").click()
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#card p.error"))
    error = driver.find_element(By.CSS_SELECTOR, "#card p.error").text
    assert error.startswith("JSONDeserializeError: the content of choice 0 is not a valid Contact")


crashed: dict[str, Any] = {}


def test_a_tab_that_crashes_under_a_test_runs_it_again_on_a_new_page(
    page: Any, mode_page: ModePage, mock_server: MockServer
) -> None:
    if mode_page.mode not in crashed:
        crashed[mode_page.mode] = page
        page.get("chrome://crash")  # the renderer crashes, as running out of memory does
    # The rerun (conftest.py), on the mode's page started again in a new browser.
    assert page is not crashed[mode_page.mode]
    mock_server.reset()
    mock_server.reply(chunks=["Back ", "again."])
    send(page, "Hello")
    until_ready(page)
    assert answers(page)[-1].text == "Back again."


def test_pyscript_page_streams_markdown_with_its_figures(
    driver: Any, page_url: str, mock_server: MockServer
) -> None:
    # The PyScript page runs chat_app.reply (chat.stream) and renders with chat_view.js too.
    wait_ready(driver, page_url + "pyscript.html")
    mock_server.reset()
    mock_server.reply(chunks=pieces("Some **bold** and <i>tags</i>:\n\n```\nx = 1\n```\n", 4))
    send(driver, "Markdown, please")
    until_ready(driver)
    bubble = answers(driver)[-1]
    assert [e.text for e in bubble.find_elements(By.CSS_SELECTOR, "p > strong")] == ["bold"]
    assert bubble.find_element(By.CSS_SELECTOR, "pre > code").text == "x = 1"
    assert not bubble.find_elements(By.TAG_NAME, "i")
    assert "<i>tags</i>" in bubble.text
    assert stats_of(bubble)["chunks"] == int(bubble.get_attribute("data-chunks")) == 12
    assert "tools" not in mock_server.last("/v1/chat/completions").body
