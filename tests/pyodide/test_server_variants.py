"""What OpenAI-compatible servers send that OpenAI does not, in Node and Chromium: the cases of
tests/support/server_variants.py, whose source runs inside Pyodide as it is (it imports only
the package and the standard library), checked on the host as the CPython test does."""

from __future__ import annotations

import inspect
from typing import Any

from pytest_pyodide import run_in_pyodide

from support import server_variants


@run_in_pyodide(packages=["async-openai-wasm"])
async def _run_cases(selenium, source):
    namespace = {"__name__": "server_variants"}
    exec(compile(source, "server_variants.py", "exec"), namespace)
    return await namespace["run_cases"]()


def test_what_servers_send_decodes_or_fails_as_the_rules_say(selenium: Any) -> None:
    server_variants.check(_run_cases(selenium, inspect.getsource(server_variants)))
