"""Fuzzing the response parsing in Node and Chromium: the mutations of
tests/support/fuzz_bodies.py (its source runs inside Pyodide as it is), seeded, so each run
makes the same cases; every call ends in typed items, JSONDeserializeError with the raw text
kept, or StreamError, never another exception and never a hang."""

from __future__ import annotations

import inspect
from collections import Counter
from typing import Any

from pytest_pyodide import run_in_pyodide

from support import fuzz_bodies
from support.spec import example_events

CASES_PER_ANSWER = 40


@run_in_pyodide(packages=["async-openai-wasm"])
async def _fuzz(selenium, source, recorded, seed, count):
    namespace = {"__name__": "fuzz_bodies"}
    exec(compile(source, "fuzz_bodies.py", "exec"), namespace)
    ends, failures = [], []
    for case, end in await namespace["run_seeded"](recorded, seed, count):
        ends.append([case["call"], end["end"]])
        try:
            namespace["check"](case, end)
        except AssertionError as exc:
            failures.append(str(exc)[:2000])
    return ends, failures


def test_mutated_answers_end_typed_or_in_a_typed_error(selenium: Any) -> None:
    recorded = fuzz_bodies.recorded_answers(example_events)
    source = inspect.getsource(fuzz_bodies)
    previous = selenium.script_timeout
    selenium.set_script_timeout(600)  # some hundred calls, a few with megabytes of JSON
    try:
        ends, failures = _fuzz(selenium, source, recorded, 13, CASES_PER_ANSWER)
    finally:
        selenium.set_script_timeout(previous)
    assert failures == []
    assert len(ends) == len(recorded) * CASES_PER_ANSWER
    # The mutations reach every way a call may end, for streams and for plain bodies.
    kinds = Counter(end for _, end in ends)
    assert {"ok", "JSONDeserializeError", "StreamError"} <= set(kinds), kinds
    assert {call for call, end in ends if end == "ok"} == {r["call"] for r in recorded}
