"""A Pyodide runner that dies (a Chrome tab that crashes, a Node process that exits) fails
the test it happened in, and the next test of the module gets a new one (conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_pyodide import run_in_pyodide

from support.runner import ModuleRunner, is_alive

# It crashes its runners on purpose.
pytestmark = pytest.mark.own_runner

crashed: dict[str, Any] = {}


def crash(runner: Any) -> None:
    if runner.browser == "node":
        runner.p.kill(9)  # the Node process, as the OOM killer would
        runner.p.wait()
    else:
        # chrome://crash makes the tab's renderer crash, as running out of memory does.
        with pytest.raises(Exception, match="crash"):
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
