"""The demo page booted from the memory snapshot that scripts/build_pyodide.py makes
(web/snapshot.js): restored, Python has the client imported and everything works as after a
plain boot; on a slow network, or with a snapshot that does not fit the runtime, the page says
so on the console and boots without it. The page judges the line by how fast the runtime's
script came: localhost is fast, a DevTools-emulated 10 Mbit/s line is not."""

from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path
from typing import Any

import pytest
from pages import answers, send, status, wait_ready, watch_answer_grow
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from async_openai_wasm.testing import MockServer
from devserver import serve  # conftest puts scripts/ on the path

DIST = Path(__file__).resolve().parents[2] / "dist" / "pyodide"
NO_SNAPSHOT = "Booting Python without its memory snapshot"


def booted_from(driver: Any) -> str:
    return str(driver.find_element(By.TAG_NAME, "body").get_attribute("data-boot"))


def console(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser")]


def rolled(driver: Any, count: int) -> list[int]:
    """Asks the page's roll_dice tool for ``count`` dice; what it rolled."""
    send(driver, f"roll dice {count} 6")
    WebDriverWait(driver, 30).until(lambda d: status(d) == "Ready")
    call = driver.find_elements(By.CSS_SELECTOR, ".msg.tool")[-1]
    rolls: list[int] = json.loads(call.find_element(By.CSS_SELECTOR, ".value").text)["rolls"]
    return rolls


def boots_plainly_and_chats(driver: Any, url: str, why: str) -> None:
    """Opens url; the page says once, naming ``why``, that it boots without the snapshot, then
    boots and chats as without one."""
    wait_ready(driver, url)
    assert booted_from(driver) == "boot"
    said = [line for line in console(driver) if NO_SNAPSHOT in line]
    assert len(said) == 1 and why in said[0], said
    send(driver, "Hello without the snapshot")
    WebDriverWait(driver, 30).until(lambda d: status(d) == "Ready")
    assert answers(driver)[-1].text.startswith("You said: Hello without the snapshot.")


@pytest.fixture(scope="module")
def snapshot_meta() -> dict[str, Any]:
    if not (DIST / "snapshot.json").exists():
        pytest.fail("dist/pyodide has no snapshot: scripts/build_pyodide.py makes it (needs Node)")
    meta: dict[str, Any] = json.loads((DIST / "snapshot.json").read_text())
    return meta


def test_page_boots_from_the_snapshot_and_chats(
    driver: Any, page_url: str, mock_server: MockServer, snapshot_meta: dict[str, Any]
) -> None:
    wait_ready(driver, f"{page_url}?snapshot=1")
    assert booted_from(driver) == "snapshot", console(driver)
    assert "from its memory snapshot" in driver.find_element(By.ID, "timing").text
    assert not [line for line in console(driver) if NO_SNAPSHOT in line]
    mock_server.reset()
    send(driver, "Hello from the snapshot")
    watch_answer_grow(driver)
    WebDriverWait(driver, 30).until(lambda d: status(d) == "Ready")
    assert answers(driver)[-1].text.startswith("You said: Hello from the snapshot.")
    assert mock_server.last("/v1/chat/completions").completed
    # pydantic-core's shared library works (every chunk went through it), and so do modules
    # first imported after the restore, read from the unpacked wheels: the tool loop's.
    first = rolled(driver, 20)
    assert len(first) == 20 and all(1 <= r <= 6 for r in first)

    # Each page draws its own random numbers: the snapshot's state is not shared. This time the
    # page chooses, and on localhost keeps the snapshot (a first visit: the HTTP cache off, or
    # the runtime's script would come from it, which counts as fast).
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    wait_ready(driver, page_url)
    assert booted_from(driver) == "snapshot", console(driver)
    assert rolled(driver, 20) != first


def test_worker_boots_from_the_snapshot_and_chats(
    driver: Any, page_url: str, mock_server: MockServer, snapshot_meta: dict[str, Any]
) -> None:
    wait_ready(driver, f"{page_url}?mode=worker&snapshot=1")
    assert booted_from(driver) == "snapshot"
    send(driver, "Hello from the worker")
    WebDriverWait(driver, 30).until(lambda d: status(d) == "Ready")
    assert answers(driver)[-1].text.startswith("You said: Hello from the worker.")
    assert rolled(driver, 3)


def test_on_a_slow_network_the_page_drops_the_snapshot_and_boots_plainly(
    driver: Any, page_url: str, mock_server: MockServer, snapshot_meta: dict[str, Any]
) -> None:
    # 10 Mbit/s (DevTools): the snapshot's 9.6 MB would take some 8 s, more than it saves.
    rate = 10_000_000 / 8
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": rate, "uploadThroughput": rate},
    )
    boots_plainly_and_chats(driver, page_url, "the runtime's script came at")
    # The plain boot downloads the wheels while Python starts: each once, asked for after the
    # runtime's wasm came (not beside it), before Python was up.
    entries = driver.execute_script(
        "return performance.getEntriesByType('resource').concat("
        "performance.getEntriesByName('pyodide-started'))"
        ".map((e) => [e.name.split('/').pop(), e.startTime, e.responseEnd || 0])"
    )
    wheels = [(name, start) for name, start, _ in entries if name.endswith(".whl")]
    assert sorted(name for name, _ in wheels) == sorted(snapshot_meta["wheels"])
    [wasm_end] = [end for name, _, end in entries if name == "pyodide.asm.wasm"]
    [python_up] = [start for name, start, _ in entries if name == "pyodide-started"]
    assert all(wasm_end <= start < python_up for _, start in wheels), (wasm_end, python_up, wheels)


def test_snapshot_for_another_runtime_falls_back_to_a_plain_boot(
    driver: Any, mock_server: MockServer, tmp_path: Path, snapshot_meta: dict[str, Any]
) -> None:
    # dist/pyodide as it is, but for the snapshot: its header names another Pyodide build.
    folder = tmp_path / "pyodide"
    folder.mkdir()
    for path in DIST.iterdir():
        if path.is_file() and path.name != "snapshot.bin.gz":
            (folder / path.name).symlink_to(path)
    image = bytearray(gzip.decompress((DIST / "snapshot.bin.gz").read_bytes()))
    image[16:48] = struct.pack("<8I", *range(8))  # the build id
    (folder / "snapshot.bin.gz").write_bytes(gzip.compress(bytes(image), compresslevel=1))

    config = {"base_url": mock_server.base_url, "model": "gpt-4o-mini", "api_key": "mock-key"}
    with serve(demo_config=config, mounts={"pyodide": folder}) as url:
        boots_plainly_and_chats(driver, f"{url}?snapshot=1", "Snapshot build id mismatch")
