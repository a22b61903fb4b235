"""Time to first token: from navigation to the first streamed token painted, per page, on
localhost and under Chromium's network and CPU emulation (DevTools protocol). Used by run.py.

Three pages, served by scripts/devserver.py from the same origin as the demo, with the same
Pyodide folder (dist/pyodide) and demo-config.json pointing at the mock server:

* ``demo``: the demo page as shipped (web/index.html, Python on the main thread);
* ``node``: openai-node from node_modules streaming the same chat (pages/ttft_node.html);
* ``boot``: Pyodide booted, nothing else (pages/ttft_boot.html): the baseline.

Each page has the demo's elements: a #send button enabled when the page is ready, a
#composer form, a #prompt, and a ``.msg.assistant`` bubble the answer streams into. A probe
added to every new document (``Page.addScriptToEvaluateOnNewDocument``) submits a prompt as
soon as #send is enabled and takes the time of the first animation frame after the bubble
first holds text: the token painted. Every load is a first visit (HTTP cache disabled).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

PAGES = ("boot", "demo", "node")
PATHS = {"demo": "index.html", "node": "bench/ttft_node.html", "boot": "bench/ttft_boot.html"}

MBIT = 1_000_000 / 8  # bytes per second
# name: (latency ms, bytes per second down and up, CPU slowdown); None: no emulation.
CONDITIONS: dict[str, tuple[float, float, float] | None] = {
    "localhost": None,
    "fast": (20, 50 * MBIT, 1),
    "slow": (150, 5 * MBIT, 1),
    "localhost-cpu4": (0, 0, 4),
}
LABELS = {
    "localhost": "localhost",
    "fast": "fast network: 50 Mbit/s, 20 ms",
    "slow": "slow network: 5 Mbit/s, 150 ms",
    "localhost-cpu4": "localhost, CPU throttled x4",
}

PROBE = """
(() => {
  const marks = {};
  window.__ttft = marks;
  let asked = false;
  const check = () => {
    const send = document.getElementById("send");
    if (!asked && send && !send.disabled) {
      asked = true;
      marks.ready = performance.now();
      document.getElementById("prompt").value = "Hello";
      document.getElementById("composer").requestSubmit();
    }
    const error = document.querySelector(".msg.error");
    if (error && marks.error === undefined) marks.error = error.textContent;
    const bubble = document.querySelector(".msg.assistant");
    if (marks.text === undefined && bubble && bubble.textContent) {
      marks.text = performance.now();
      requestAnimationFrame(() => { marks.token = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
})();
"""


def emulate(driver: Any, condition: str) -> None:
    """Sets the tab's network and CPU emulation for ``condition`` (and a cold HTTP cache)."""
    if not getattr(driver, "ttft_probe", False):
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
        driver.ttft_probe = True
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    settings = CONDITIONS[condition]
    latency, throughput, cpu = settings if settings else (0, 0, 1)
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency,
            # 0 (or -1) leaves the throughput unthrottled.
            "downloadThroughput": throughput or -1,
            "uploadThroughput": throughput or -1,
        },
    )
    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": cpu})


def load(driver: Any, url: str, timeout: float) -> dict[str, float]:
    """Navigates to ``url`` and waits for the probe's token mark; its marks in ms."""
    driver.get("about:blank")
    driver.get(url)
    deadline = time.monotonic() + timeout
    while True:
        marks = driver.execute_script("return window.__ttft || null")
        if marks and "token" in marks:
            break
        if marks and "error" in marks:
            raise RuntimeError(f"{url} shows an error: {marks['error']}")
        if time.monotonic() > deadline:
            logs = driver.get_log("browser")
            raise RuntimeError(f"no first token on {url} in {timeout} s: {marks} {logs}")
        time.sleep(0.05)
    wheels = driver.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter((e) => e.name.endsWith('.whl'))"
        ".map((e) => [e.name.split('/').pop(), e.startTime, e.responseEnd])"
    )
    return {
        "ready_ms": marks["ready"],
        "token_ms": marks["token"],
        # When the first wheel was asked for and the last one arrived (none: the boot page).
        "wheels_start_ms": min((w[1] for w in wheels), default=0.0),
        "wheels_end_ms": max((w[2] for w in wheels), default=0.0),
    }


def timeout(condition: str) -> float:
    return 90 if CONDITIONS[condition] is None else 240


def rounds(
    load: Callable[[str, str, int], dict[str, float]], condition: str, runs: int, warm_up: bool
) -> dict[str, list[dict[str, float]]]:
    """``runs`` loads of each page, the pages interleaved within a round; with ``warm_up``,
    after a round that warms the servers and the disk cache (not counted; the HTTP cache is
    off either way). ``load(page, condition, round)``."""
    results: dict[str, list[dict[str, float]]] = {page: [] for page in PAGES}
    for run in range(0 if warm_up else 1, runs + 1):
        for page in PAGES:
            result = load(page, condition, run)
            if run:
                results[page].append(result)
    return results


def summarize(raw: dict[str, Any]) -> dict[str, Any]:
    """Medians per condition and page, and our part (demo - boot) as a share of the boot."""
    out: dict[str, Any] = {}
    for condition, pages in raw.items():
        med = {
            page: {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            for page, runs in pages.items()
        }
        boot = med["boot"]["token_ms"]
        out[condition] = {
            "median_ms": med,
            "ours_part_ms": med["demo"]["token_ms"] - boot,
            "ours_part_of_boot": (med["demo"]["token_ms"] - boot) / boot,
            "node_ms": med["node"]["token_ms"],
        }
    return out
