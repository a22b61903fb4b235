"""A pytest-pyodide runner (Node or Chrome) that is started again when it has died; the
``selenium`` fixture of tests/pyodide/conftest.py takes its runner from one of these."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from pytest_pyodide.runner import _BrowserBaseRunner

# pytest-pyodide gives each script 20 s, starting Pyodide included. A start takes 3-4 s alone
# but more than 20 s when other test runs keep the machine's cores busy; tests keep the 20 s.
START_TIMEOUT = 120


@contextlib.contextmanager
def start_timeout(seconds: float) -> Iterator[float]:
    """Runners created inside get ``seconds`` as their script timeout; yields the default."""
    default: float = _BrowserBaseRunner.script_timeout
    _BrowserBaseRunner.script_timeout = seconds
    try:
        yield default
    finally:
        _BrowserBaseRunner.script_timeout = default


class ModuleRunner:
    """The Pyodide runner (Node or Chrome) of the session or of one module, started again
    when it has died."""

    def __init__(self, start: Callable[[], contextlib.AbstractContextManager[Any]]) -> None:
        self._start = start
        self._stack: contextlib.ExitStack | None = None
        self.runner: Any = None
        self.restarts = 0

    def live(self) -> Any:
        """The runner, after a check that it still runs Python (cheap: a few ms)."""
        if self.runner is not None and not is_alive(self.runner):
            self.close()
            self.restarts += 1
        if self.runner is None:
            stack = contextlib.ExitStack()
            with start_timeout(START_TIMEOUT) as default:
                runner = stack.enter_context(self._start())
            runner.set_script_timeout(default)
            self.runner, self._stack = runner, stack
        return self.runner

    def close(self) -> None:
        stack, self._stack, self.runner = self._stack, None, None
        if stack is not None:
            # Quitting a crashed browser or an exited Node may fail: it is gone either way.
            with contextlib.suppress(Exception):
                stack.close()


def is_alive(runner: Any) -> bool:
    try:
        return bool(runner.run("1 + 1") == 2)
    except Exception:
        return False
