"""pytest-pyodide setup for the tests that run inside Pyodide (Node and Chrome).

Run with the dist folder built by scripts/build_pyodide.py::

    pytest tests/pyodide --dist-dir=dist/pyodide --runtime=node,chrome

How to write a test here
------------------------
* Decorate a function with ``@run_in_pyodide(packages=["async-openai-wasm"])``
  (from ``pytest_pyodide``). Its first argument is the ``selenium`` fixture (a
  handle on Pyodide in Node or Chrome, one per runtime, see below); the body
  runs inside Pyodide, so imports of the package go inside the body.
  ``packages`` takes names from dist/pyodide/pyodide-lock.json: loading
  ``async-openai-wasm`` also loads pydantic and its dependencies.
* Every other argument of a ``run_in_pyodide`` test is an ordinary pytest
  fixture, evaluated on the host and pickled into Pyodide: use plain values
  (str, int, dict). That is how a test gets the mock server's address::

      @run_in_pyodide(packages=["async-openai-wasm"])
      async def test_models(selenium, mock_url):
          from async_openai_wasm import Client, OpenAIConfig
          client = Client(OpenAIConfig(api_key="k", api_base=mock_url + "/v1"))
          ...

  To look at what the server recorded, split the test: a host function that
  takes ``mock_server`` calls a ``run_in_pyodide`` helper with
  ``mock_server.url`` and then inspects ``mock_server.requests``.
* Pyodide in Node has no ``js.location``: always pass absolute URLs in.
  ``selenium.base_url`` is the dist server (``http://127.0.0.1:PORT``), where
  every file of dist/pyodide, our wheel included, can be fetched.
* A test that only makes sense in one runtime checks ``selenium.browser``;
  none is skipped: CI runs every test in both runtimes.
* ``selenium`` here replaces pytest-pyodide's fixture of that name: one runner
  per runtime for the whole session (starting one and loading the package costs
  5-10 s, 44 times over with a runner per module), checked before each test and
  started again if it died (a crashed Chrome tab, a Node process that exited).
  A test during which its runner dies runs once more, on a new runner; pytest's
  summary counts it as a rerun. A second death fails it.
* A module that leaves the runtime changed for good (wraps ``fetch``, installs
  packages with micropip, crashes its runner on purpose) marks itself
  ``pytestmark = pytest.mark.own_runner`` and gets runners of its own.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_pyodide import get_global_config
from pytest_pyodide.fixture import selenium_common
from pytest_pyodide.utils import parse_driver_timeout

from async_openai_wasm.testing.mock_server import MockServer
from support.chrome import CHROME_FLAGS, TAB_CRASHED
from support.prism import prism_for_session
from support.runner import ModuleRunner

# pytest-pyodide adds --headless and --no-sandbox itself and appends these; keep its default
# --js-flags=--expose-gc, which its leak checks use. No fixed --user-data-dir: a second Chrome
# (next module) could not start with it.
get_global_config().set_flags("chrome", ["--js-flags=--expose-gc", *CHROME_FLAGS])
# pytest-pyodide runs Pyodide in Node inside a vm context that only has the globals it lists
# (fetch, AbortController, ...); Node itself has these, which multipart uploads need.
get_global_config().add_node_extra_globals(["Blob", "File", "FormData"])


@pytest.fixture(scope="session")
def dist_dir(request: pytest.FixtureRequest) -> Path:
    """The folder served to Pyodide (``--dist-dir``), as an absolute path."""
    return Path(request.config.option.dist_dir).resolve()


@pytest.fixture(scope="session")
def pyodide_lock(dist_dir: Path) -> dict[str, Any]:
    """The rewritten pyodide-lock.json: ``pyodide_lock["packages"][name]``."""
    lock: dict[str, Any] = json.loads((dist_dir / "pyodide-lock.json").read_text())
    return lock


@pytest.fixture(scope="session")
def own_wheel_name(pyodide_lock: dict[str, Any]) -> str:
    """File name of this project's wheel in the dist folder."""
    name: str = pyodide_lock["packages"]["async-openai-wasm"]["file_name"]
    return name


@pytest.fixture(scope="session")
def mock_server() -> Iterator[MockServer]:
    """The package's mock OpenAI server, on the host at ``http://127.0.0.1:PORT``.

    One per session, on a background thread. Pyodide reaches it from Node and
    from Chrome pages served by the dist server (another port: the server
    sends CORS headers). Attributes: ``url`` (no ``/v1``), ``base_url``
    (with ``/v1``), ``requests``, ``last()``, ``reset()``.
    """
    with MockServer(host="127.0.0.1", port=0).run_in_thread() as server:
        yield server


@pytest.fixture
def mock_url(mock_server: Any) -> str:
    """``mock_server.url`` after forgetting earlier tests' requests.

    A plain string, so it can be an argument of a ``run_in_pyodide`` test.
    """
    mock_server.reset()
    url: str = mock_server.url
    return url


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of Prism mocking the trimmed OpenAI spec (no ``/v1``): the
    one scripts/test.sh started (``PRISM_URL``), else one started for this session.

    A plain string: pass it into a ``run_in_pyodide`` test as an argument. Prism sends CORS
    headers, so Chrome pages on the dist server's origin can call it.
    """
    with prism_for_session() as url:
        yield url


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "own_runner: the module gets Pyodide runners of its own, not the session's"
    )


# What a test sees when its runner dies under it: Chrome's tab, Node's process (pexpect).
RUNNER_DIED = [TAB_CRASHED, r"^EOF: End Of File"]


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # With pytest-xdist's --dist loadgroup (scripts/test.sh), one worker runs every Node test
    # and another every Chrome test: one session runner each, the two side by side.
    for item in items:
        item.add_marker(pytest.mark.xdist_group(item_runtime(item)))
        # Now and then Chromium's renderer crashes in the middle of a test that passes on every
        # other run (seen once in CI: "tab crashed", in the first Chrome test). pytest-rerunfailures
        # runs such a test once more on a new runner; any other failure fails at once.
        item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=RUNNER_DIED))
    # pytest-pyodide keeps the runtimes in a set, whose order differs from one process to the
    # next; xdist needs every worker to collect the same list.
    items.sort(key=lambda item: (item.path, item_runtime(item)))


def item_runtime(item: pytest.Item) -> str:
    callspec = getattr(item, "callspec", None)
    return str(callspec.params.get("runtime", "")) if callspec is not None else ""


@pytest.fixture(scope="session")
def session_runners() -> Iterator[dict[str, ModuleRunner]]:
    """The runners shared by every module without ``own_runner``, by runtime, started on
    first use."""
    runners: dict[str, ModuleRunner] = {}
    try:
        yield runners
    finally:
        for runner in runners.values():
            runner.close()


@pytest.fixture(scope="module")
def module_runner(
    request: pytest.FixtureRequest,
    runtime: str,
    web_server_main: Any,
    playwright_browsers: Any,
    session_runners: dict[str, ModuleRunner],
) -> Iterator[ModuleRunner]:
    """What ``selenium`` takes its runner from: the session's for ``runtime``, or the module's
    own (``own_runner``); restartable either way."""

    def start() -> contextlib.AbstractContextManager[Any]:
        return selenium_common(request, runtime, web_server_main, browsers=playwright_browsers)

    if request.node.get_closest_marker("own_runner") is None:
        if runtime not in session_runners:
            session_runners[runtime] = ModuleRunner(start)
        yield session_runners[runtime]
        return
    holder = ModuleRunner(start)
    try:
        yield holder
    finally:
        holder.close()


@pytest.fixture
def selenium(request: pytest.FixtureRequest, module_runner: ModuleRunner) -> Iterator[Any]:
    """pytest-pyodide's ``selenium``, from a runner that is started again if it died."""
    runner = module_runner.live()
    runner.clean_logs()
    timeout = parse_driver_timeout(request.node)
    default_timeout = runner.script_timeout
    if timeout is not None:
        runner.set_script_timeout(timeout)
    try:
        yield runner
    finally:
        # After a crash there is no browser to ask: the test has failed already.
        with contextlib.suppress(Exception):
            if timeout is not None:
                runner.set_script_timeout(default_timeout)
            print(runner.logs)
