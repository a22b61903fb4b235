"""A pytest-pyodide runner (Node or Chrome) that is started again when it has died; the
``selenium`` fixture of tests/pyodide/conftest.py takes its runner from one per module."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any


class ModuleRunner:
    """The Pyodide runner (Node or Chrome) of one module, started again when it has died."""

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
            self.runner = stack.enter_context(self._start())
            self._stack = stack
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
