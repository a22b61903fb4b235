"""The fast paths of streaming give exactly what the event-by-event paths give.

The SSE decoder turns a read of plain ``data:`` events into events with string methods over
the whole read, and a JSON stream validates all the events of one read in one call. Both must
be invisible: same events, same items, and the same errors, raised after the same items.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from async_openai_wasm import APIError, JSONDeserializeError, MockTransport, OpenAIConfig, Response
from async_openai_wasm._pipeline import Pipeline, RequestOptions
from async_openai_wasm._sse import ServerSentEvent, SSEDecoder
from async_openai_wasm._stream import MAX_BATCH
from async_openai_wasm.types._base import ResponseModel


class Item(ResponseModel):
    id: str
    n: int | None = None


def decode_whole(raw: bytes) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    return decoder.feed(raw)


def decode_bytewise(raw: bytes) -> list[ServerSentEvent]:
    """One byte per feed: never more than one line at a time, so never the fast path."""
    decoder = SSEDecoder()
    return [event for i in range(len(raw)) for event in decoder.feed(raw[i : i + 1])]


# Mostly the common shape (one data line, one blank line), with now and then a line that
# must send the read down the line-by-line path.
_line = st.one_of(
    st.builds(lambda v: f"data: {v}\n\n", st.text(max_size=12)),
    st.builds(lambda v: f"data: {v}\n\n", st.text(alphabet='{}"ab :,', max_size=12)),
    st.sampled_from(["id: 7\n", "event: x\n", "retry: 30\n", ": ping\n", "\n", "data\n"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_line, max_size=40), st.booleans())
def test_sse_fast_path_matches_the_line_by_line_path(lines: list[str], crlf: bool) -> None:
    text = "".join(lines)
    if crlf:
        text = text.replace("\n", "\r\n")
    raw = text.encode()
    assert decode_whole(raw) == decode_bytewise(raw)


def test_sse_fast_path_carries_the_last_id_and_retry() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id: 7\nretry: 30\ndata: a\n\n") == [
        ServerSentEvent("a", "message", "7", 30)
    ]
    # A read of plain events only: the fast path, which keeps the id and retry seen before.
    assert decoder.feed(b"data: b\n\ndata: c\n\ndata: d") == [
        ServerSentEvent("b", "message", "7", 30),
        ServerSentEvent("c", "message", "7", 30),
    ]
    assert decoder.feed(b"\n\n") == [ServerSentEvent("d", "message", "7", 30)]


def test_sse_fast_path_leaves_a_started_event_to_the_line_path() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n") == []
    # Starts inside an event (its first data line came before): not the fast path's case.
    assert decoder.feed(b"data: b\n\ndata: c\n\n") == [
        ServerSentEvent("a\nb"),
        ServerSentEvent("c"),
    ]


# -- one validation per read --------------------------------------------------------------


async def items_and_error(body: bytes, *, per_event: bool) -> tuple[list[str], Exception | None]:
    """What a stream of ``body`` yields: all in one read, or one event per read."""
    chunks = [body] if not per_event else [e + b"\n\n" for e in body.split(b"\n\n") if e]
    transport = MockTransport(lambda r: Response.from_chunks(200, chunks))
    config = OpenAIConfig(api_key="k", api_base="http://mock.test/v1")
    stream = await Pipeline(config, transport, RequestOptions()).stream("POST", "/s", Item)
    received: list[str] = []
    try:
        async for item in stream:
            received.append(f"{item.id}:{item.n}")
    except (APIError, JSONDeserializeError) as exc:
        return received, exc
    return received, None


def events(*datas: str) -> bytes:
    return b"".join(f"data: {d}\n\n".encode() for d in datas)


GOOD = [json.dumps({"id": f"c{i}", "n": i}) for i in range(5)]


@pytest.mark.parametrize(
    ("datas", "error"),
    [
        ([*GOOD, "[DONE]"], None),
        # Only the events before [DONE] count, in one read as in many.
        ([*GOOD[:2], "[DONE]", *GOOD[2:]], None),
        ([*GOOD[:3], "{not json", *GOOD[3:], "[DONE]"], JSONDeserializeError),
        # Two objects in one event would make the joined batch one item longer.
        ([*GOOD[:2], f"{GOOD[2]},{GOOD[3]}", GOOD[4], "[DONE]"], JSONDeserializeError),
        # A valid list of one item is not an object.
        ([*GOOD[:2], f"[{GOOD[2]}]", "[DONE]"], JSONDeserializeError),
        ([*GOOD[:1], '{"id": 5}', "[DONE]"], JSONDeserializeError),
        ([*GOOD[:4], '{"error": {"message": "overloaded"}}', "[DONE]"], APIError),
        # "error" inside a value: the batch goes the per-event way, and nothing is an error.
        ([*GOOD[:2], json.dumps({"id": 'say "error"', "n": 9}), "[DONE]"], None),
    ],
)
async def test_one_read_gives_what_one_event_per_read_gives(
    datas: list[str], error: type[Exception] | None
) -> None:
    body = events(*datas)
    batched, batch_error = await items_and_error(body, per_event=False)
    single, single_error = await items_and_error(body, per_event=True)
    assert batched == single
    assert type(batch_error) is type(single_error)
    if error is None:
        assert batch_error is None
        assert len(batched) == datas.index("[DONE]")
    else:
        assert isinstance(batch_error, error)
        assert str(batch_error) == str(single_error)
        if isinstance(batch_error, JSONDeserializeError):
            assert isinstance(single_error, JSONDeserializeError)
            assert batch_error.raw == single_error.raw


async def test_a_read_longer_than_one_batch_keeps_order_and_errors() -> None:
    many = [json.dumps({"id": f"c{i}", "n": i}) for i in range(MAX_BATCH * 2 + 100)]
    bad = MAX_BATCH + 40  # in the second batch of the read
    body = events(*many[:bad], "{not json", *many[bad:], "[DONE]")
    batched, batch_error = await items_and_error(body, per_event=False)
    assert batched == [f"c{i}:{i}" for i in range(bad)]
    assert isinstance(batch_error, JSONDeserializeError)
    assert batch_error.raw == "{not json"
    whole, error = await items_and_error(events(*many, "[DONE]"), per_event=False)
    assert error is None
    assert whole == [f"c{i}:{i}" for i in range(len(many))]
