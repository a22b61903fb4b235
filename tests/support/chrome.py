"""The Chromium flags every test that starts Chromium uses (pytest-pyodide's Chrome runtime
in tests/pyodide, selenium on the demo page in tests/browser); each adds its own. And
selenium's Chromium (Debian's chromium and chromedriver), for tests/browser and the benchmark."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["CHROME_FLAGS", "TAB_CRASHED", "selenium_chrome"]

# The tests run as root on a machine without a network. --headless=new/--no-sandbox: as root
# Chromium refuses to start sandboxed. The --disable-* and --no-first-run flags stop its own
# background connections (updates, sync, ...), which fail loudly here and slow every start.
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


# What selenium raises when the page's renderer crashed under a test (pytest-rerunfailures'
# pattern: the tests that meet it run once more, on a new browser).
TAB_CRASHED = r"^WebDriverException: Message: tab crashed"


def selenium_chrome(flags: Iterable[str]) -> Any:
    """Debian's Chromium under selenium, with these flags and the browser's console kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in flags:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
