"""A Pyodide runner that dies (a Chrome tab that crashes, a Node process that exits) is
noticed before the next test, which gets a new one; a test during which it dies runs once
more, on a new runner (conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_pyodide import run_in_pyodide

from support.runner import ModuleRunner, is_alive

# It crashes its runners on purpose.
pytestmark = pytest.mark.own_runner

crashed: dict[str, Any] = {}
attempts: dict[str, int] = {}


def crash(runner: Any) -> None:
    with pytest.raises(Exception, match=r"crash|EOF"):
        crash_unchecked(runner)


def crash_unchecked(runner: Any) -> None:
    """Kills the runner; the call that finds it dead raises what a test would see."""
    if runner.browser == "node":
        runner.p.kill(9)  # the Node process, as the OOM killer would
        runner.p.wait()
        runner.run("1 + 1")
    else:
        # chrome://crash makes the tab's renderer crash, as running out of memory does.
        runner.driver.get("chrome://crash")


def test_a_runner_that_dies_is_noticed(selenium: Any, module_runner: ModuleRunner) -> None:
    assert is_alive(selenium)
    crash(selenium)
    assert not is_alive(selenium)
    crashed[selenium.browser] = selenium


@run_in_pyodide(packages=["async-openai-wasm"])
def import_package(selenium: Any) -> str:
    import async_openai_wasm

    return async_openai_wasm.__name__


def test_the_next_test_gets_a_new_runner(selenium: Any, module_runner: ModuleRunner) -> None:
    assert selenium is not crashed[selenium.browser]
    assert module_runner.restarts == 1
    assert import_package(selenium) == "async_openai_wasm"


def test_a_runner_that_dies_during_a_test_runs_it_again(
    selenium: Any, module_runner: ModuleRunner
) -> None:
    attempts[selenium.browser] = attempts.get(selenium.browser, 0) + 1
    if attempts[selenium.browser] == 1:
        crash_unchecked(selenium)
    # The rerun, on the runner started for it.
    assert attempts[selenium.browser] == 2
    assert module_runner.restarts == 2
    assert import_package(selenium) == "async_openai_wasm"
