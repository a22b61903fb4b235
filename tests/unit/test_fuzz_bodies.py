"""Fuzzing the response parsing on CPython: hypothesis mutates recorded bodies and stream
events (tests/support/fuzz_bodies.py); every call ends in typed items, JSONDeserializeError with
the raw text kept, or StreamError, never another exception and never a hang.
tests/pyodide/test_fuzz_bodies.py runs the same mutations in Node and Chromium."""

from __future__ import annotations

from typing import Any
from unittest.mock import ANY

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.fuzz_bodies import as_recorded, check, mutated, outcome, recorded_answers
from support.spec import example_events

RECORDED = recorded_answers(example_events)


def chooser(data: st.DataObject) -> Any:
    def choose(*args: Any) -> Any:
        if len(args) == 2:
            return data.draw(st.integers(*args))
        return data.draw(st.sampled_from(args[0]))

    return choose


@pytest.mark.parametrize("recorded", RECORDED, ids=lambda r: f"{r['call']}")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
async def test_mutated_answers_end_typed_or_in_a_typed_error(
    recorded: dict[str, Any], data: st.DataObject
) -> None:
    case = mutated(recorded, chooser(data))
    check(case, await outcome(case))


async def test_the_recorded_answers_decode_as_they_are() -> None:
    # What the mutations start from is typed whole: a mutation is what fails a call.
    for recorded in RECORDED:
        case = as_recorded(recorded)
        assert await outcome(case) == {"end": "ok", "types": ANY}, recorded["call"]
        assert not [t for t in (await outcome(case))["types"] if t.startswith("Unknown")] or (
            recorded["call"] == "responses_stream"  # the shell tool's events are not modelled
        )
