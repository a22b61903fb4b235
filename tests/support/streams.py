"""Checks of the event streams Prism sends, shared by the CPython tests and the host side of
the Pyodide tests.

For ``Accept: text/event-stream`` Prism answers with the example stream the trimmed spec gives
the operation: one event of each kind the spec describes, in the spec's order (built by
scripts/trim_spec.py; ``support.spec.example_events`` reads it). A ``run_in_pyodide`` function
returns the events it read: they pickle back to the host as the classes Pyodide parsed them
into, so the same checks serve both runtimes::

    stream = await client.responses.create_stream(model="gpt-4o", input="Hi")
    async with stream:
        events = [event async for event in stream]
    check_response_stream(events)
"""

from __future__ import annotations

from collections.abc import Sequence

from async_openai_wasm.types.assistants import (
    AssistantStreamEvent,
    RunObject,
    ThreadRunCreated,
    UnknownAssistantStreamEvent,
)
from async_openai_wasm.types.responses import (
    ResponseCompletedEvent,
    ResponseCreatedEvent,
    ResponseOutputItemDoneEvent,
    ResponseStreamEvent,
    UnknownResponseStreamEvent,
)
from support.spec import example_event_names

__all__ = ["check_response_stream", "check_run_stream"]


def check_run_stream(events: Sequence[AssistantStreamEvent], path: str) -> None:
    """AssertionError unless ``events`` are the example run stream of ``POST path``: each of
    its events, in order, up to ``done``, each as its own class (none unknown), the created
    run a RunObject."""
    assert [event.event for event in events] == example_event_names("POST", path)
    assert not [e.event for e in events if isinstance(e, UnknownAssistantStreamEvent)]
    created = [event for event in events if isinstance(event, ThreadRunCreated)]
    assert len(created) == 1 and isinstance(created[0].data, RunObject)


def check_response_stream(events: Sequence[ResponseStreamEvent]) -> None:
    """AssertionError unless ``events`` are the example stream of ``POST /responses``: each
    of its events, in order, typed by its ``type``. Only the shell tool's events, which this
    package does not model yet, come as UnknownResponseStreamEvent (kept, not dropped)."""
    assert [event.type for event in events] == example_event_names("POST", "/responses")
    by_type = {event.type: event for event in events}
    assert isinstance(by_type["response.created"], ResponseCreatedEvent)
    completed = by_type["response.completed"]
    assert isinstance(completed, ResponseCompletedEvent)
    assert completed.response.output_text == "string"  # Prism fills every string with "string"
    assert isinstance(by_type["response.output_item.done"], ResponseOutputItemDoneEvent)
    unknown = [event.type for event in events if isinstance(event, UnknownResponseStreamEvent)]
    assert unknown and all(name.startswith("response.shell_call") for name in unknown)
