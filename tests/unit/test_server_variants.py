"""What OpenAI-compatible servers send that OpenAI does not (tests/support/server_variants.py),
on CPython; tests/pyodide/test_server_variants.py runs the same cases in Node and Chromium."""

from __future__ import annotations

from support.server_variants import check, run_cases


async def test_what_servers_send_decodes_or_fails_as_the_rules_say() -> None:
    check(await run_cases())
