"""The fast paths of streaming give exactly what the event-by-event paths give.

The SSE decoder turns a read of plain ``data:`` events into events with string methods over
the whole read, and a JSON stream validates all the events of one read in one call. Both must
be invisible: same events, same items, and the same errors, raised after the same items.
"""

from __future__ import annotations

import gc
import itertools
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from async_openai_wasm import Client, MockTransport, OpenAIConfig, Response, Stream
from async_openai_wasm._decode import ChoicesFinished
from async_openai_wasm._pipeline import Pipeline, RequestOptions
from async_openai_wasm._sse import DataRun, NamedRun, ServerSentEvent, SSEDecoder
from async_openai_wasm._stream import BATCH_EVENTS
from async_openai_wasm.error import APIError, JSONDeserializeError, OpenAIError, StreamError
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
    # Named events, as a Responses stream sends them (an empty name is the default type).
    st.builds(
        lambda name, v: f"event: {name}\ndata: {v}\n\n",
        st.sampled_from(["a", "b", "", " c", "event: d"]),
        st.text(alphabet='{}"ab :,', max_size=12),
    ),
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


@settings(max_examples=200, deadline=None)
@given(st.lists(_line, max_size=40), st.data())
def test_sse_events_are_the_same_however_the_bytes_are_split(
    lines: list[str], data: st.DataObject
) -> None:
    raw = "".join(lines).encode()
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), max_size=6)))
    decoder = SSEDecoder()
    pieces = [raw[a:b] for a, b in itertools.pairwise([0, *cuts, len(raw)])]
    split = [event for piece in pieces for event in decoder.feed(piece)]
    assert split == decode_bytewise(raw)


def test_reads_of_named_events_are_runs_even_when_cut_inside_an_event() -> None:
    body = b"".join(f"event: e{i}\ndata: {i}\n\n".encode() for i in range(6))
    decoder = SSEDecoder()
    # Cut after an event's name line: that event waits for its data and blank line.
    cut = body.index(b"data: 2")
    first, rest = decoder.feed_run(body[:cut])
    second, rest2 = decoder.feed_run(body[cut:])
    assert isinstance(first, NamedRun) and isinstance(second, NamedRun)
    assert rest == rest2 == []
    assert [(e.event, e.data) for e in first.events() + second.events()] == [
        (f"e{i}", str(i)) for i in range(6)
    ]
    assert decoder.close()


def test_a_stream_that_ends_after_a_comment_ends_cleanly() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"event: a\ndata: 1\n\n: keep-alive\n") == [ServerSentEvent("1", "a")]
    assert decoder.close()
    decoder = SSEDecoder()
    assert decoder.feed(b"event: a\ndata: 1\n\nevent: b\ndata: 2\n") == [ServerSentEvent("1", "a")]
    assert not decoder.close()  # the last event never ended


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


def assert_same_outcome(
    one_read: tuple[list[Any], Exception | None],
    per_event: tuple[list[Any], Exception | None],
    error: type[Exception] | None,
) -> None:
    """One read gave the items one event per read gave, then the same error, of type
    ``error`` (or none)."""
    assert one_read[0] == per_event[0]
    assert type(one_read[1]) is type(per_event[1])
    if error is None:
        assert one_read[1] is None
    else:
        assert isinstance(one_read[1], error)
        assert str(one_read[1]) == str(per_event[1])


CONFIG = OpenAIConfig(api_key="k", api_base="http://mock.test/v1")


async def received(
    body: bytes,
    per_event: bool,
    stream_of: Callable[[MockTransport], Awaitable[Stream[Any]]],
    described: Callable[[Any], Any],
) -> tuple[list[Any], Exception | None]:
    """What a stream of ``body`` yields (``described``) and the error it ends in, if any:
    served all in one read, or one event per read."""
    reads = [body] if not per_event else [e + b"\n\n" for e in body.split(b"\n\n") if e]
    items: list[Any] = []
    try:
        async with await stream_of(MockTransport(lambda r: Response.from_chunks(200, reads))) as s:
            async for item in s:
                items.append(described(item))
    except OpenAIError as exc:
        return items, exc
    return items, None


async def items_and_error(body: bytes, *, per_event: bool) -> tuple[list[Any], Exception | None]:
    """What a stream of ``Item`` events of ``body`` yields (see ``received``)."""

    def stream_of(transport: MockTransport) -> Awaitable[Stream[Item]]:
        return Pipeline(CONFIG, transport, RequestOptions()).stream("POST", "/s", Item)

    return await received(body, per_event, stream_of, lambda item: f"{item.id}:{item.n}")


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
    assert_same_outcome((batched, batch_error), (single, single_error), error)
    if error is None:
        assert len(batched) == datas.index("[DONE]")
    elif isinstance(batch_error, JSONDeserializeError):
        assert isinstance(single_error, JSONDeserializeError)
        assert batch_error.raw == single_error.raw


async def test_a_read_longer_than_one_batch_keeps_order_and_errors() -> None:
    many = [json.dumps({"id": f"c{i}", "n": i}) for i in range(5 * BATCH_EVENTS)]
    bad = len(many) // 2  # past the first batch of the read
    body = events(*many[:bad], "{not json", *many[bad:], "[DONE]")
    batched, batch_error = await items_and_error(body, per_event=False)
    assert batched == [f"c{i}:{i}" for i in range(bad)]
    assert isinstance(batch_error, JSONDeserializeError)
    assert batch_error.raw == "{not json"
    whole, error = await items_and_error(events(*many, "[DONE]"), per_event=False)
    assert error is None
    assert whole == [f"c{i}:{i}" for i in range(len(many))]


# -- runs of plain events -----------------------------------------------------------------


def run_of(*datas: str) -> DataRun:
    run, rest = SSEDecoder().feed_run(events(*datas))
    assert run is not None and rest == []
    return run


@given(st.lists(st.text(alphabet='ab "\\:,{}[]', max_size=8), min_size=1, max_size=30))
def test_a_run_is_its_events(datas: list[str]) -> None:
    run = run_of(*datas)
    assert len(run) == len(datas)
    assert [event.data for event in run.events()] == datas
    assert run.joined("|") == "|".join(datas)


@given(
    st.lists(st.sampled_from(["a", "[DONE]", "data: [DONE]", "[DONE] ", "x[DONE]"]), min_size=1),
)
def test_a_run_until_a_marker_stops_before_its_first_event(datas: list[str]) -> None:
    before, found = run_of(*datas).until("[DONE]")
    expected = datas[: datas.index("[DONE]")] if "[DONE]" in datas else datas
    assert found == ("[DONE]" in datas)
    assert (before.events() if before else []) == [ServerSentEvent(d) for d in expected]


@given(st.lists(st.text(alphabet="ab", max_size=40), min_size=1, max_size=60), st.integers(1, 70))
def test_a_run_cut_into_parts_keeps_every_event_once(datas: list[str], n: int) -> None:
    parts = run_of(*datas).parts(n)
    assert [event.data for part in parts for event in part.events()] == datas
    assert [len(part) for part in parts] == [len(part.events()) for part in parts]
    assert all(parts)


@given(st.integers(0, 30), st.integers(1, 300), st.integers(1, 70))
def test_a_run_of_even_events_is_cut_into_parts_of_at_most_n(
    length: int, count: int, n: int
) -> None:
    datas = [f"{i:0{length}d}"[-length:] if length else "" for i in range(count)]
    parts = run_of(*datas).parts(n)
    assert [event.data for part in parts for event in part.events()] == datas
    assert all(1 <= len(part) <= n for part in parts)
    assert len(parts) <= -(-count // max(1, n - 1))


async def test_a_big_read_is_made_into_items_a_batch_at_a_time() -> None:
    """Items are made as they are wanted, a batch at a time, and freed before the next batch:
    a big read (thousands of events from a fast server) must not keep the garbage collector
    running, which all its items made at once would (and did: a third of the time)."""
    many = [json.dumps({"id": f"c{i}", "n": i}) for i in range(100 * BATCH_EVENTS)]
    body = events(*many, "[DONE]")
    collections = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        received, error = await items_and_error(body, per_event=False)
    finally:
        gc.callbacks.remove(count)
    assert error is None
    assert len(received) == len(many)
    threshold = gc.get_threshold()[0]
    made_at_once = 3 * len(many)  # each Item: the object, its __dict__, its fields set
    assert made_at_once > 10 * threshold
    assert len(collections) <= 2, collections


# Chunks' JSON as servers space it, with finish_reason and usage null or set, the keys' text
# as string values too: the counting shortcut of may_end must answer what the pattern does.
_field = st.sampled_from([
    '"finish_reason":null', '"finish_reason": null', '"finish_reason":"stop"',
    '"finish_reason": "length"', '"finish_reason" : null', '"finish_reason":\\nnull',
    '"finish_reason":\\t"stop"', '"usage":null', '"usage": null', '"usage":{"total_tokens":3}',
    '"usage" :{}', '"content":"\\"finish_reason\\": 1"', '"content":"finish_reason"',
    '"content":"\\"usage\\""', '"content":"nul"', '"index":0',
])  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_field, max_size=4), min_size=1, max_size=6))
def test_may_end_counts_as_the_pattern_finds(chunks: list[list[str]]) -> None:
    text = "\n\ndata: ".join(
        "{" + ", ".join(fields).replace("\\n", "\n") + "}" for fields in chunks
    )
    rule = ChoicesFinished(1)
    run = DataRun("data: " + text, len(chunks), None, None)
    assert rule.may_end(run) == (ChoicesFinished._MAY_END.search(text) is not None)


# -- Responses streams: runs of named events, one validation per group ---------------------


def delta(i: int, text: str = "w", **extra: object) -> dict[str, object]:
    return {
        "type": "response.output_text.delta",
        "item_id": "msg_1",
        "output_index": 0,
        "content_index": 0,
        "delta": f"{text}{i}",
        "sequence_number": i,
        **extra,
    }


def response_event(kind: str, i: int) -> dict[str, object]:
    body = {"id": "resp_1", "object": "response", "created_at": 1, "model": "m", "output": []}
    return {"type": kind, "sequence_number": i, "response": {**body, "status": "completed"}}


TEXT_DELTA = "response.output_text.delta"


def named(data: object, name: str = TEXT_DELTA, *, spaced: bool = False) -> bytes:
    compact = None if spaced else (",", ":")  # OpenAI writes compact JSON
    text = data if isinstance(data, str) else json.dumps(data, separators=compact)
    return f"event: {name}\ndata: {text}\n\n".encode()


DELTAS = [named(delta(i)) for i in range(1, 8)]
CREATED = named(response_event("response.created", 0), "response.created")
COMPLETED = named(response_event("response.completed", 99), "response.completed")
ERROR = {"type": "error", "code": "server_error", "message": "overloaded", "sequence_number": 5}
UNKNOWN = {"type": "response.new_kind", "x": 1}


async def responses_items(body: bytes, *, per_event: bool) -> tuple[list[Any], Exception | None]:
    """What a Responses stream of ``body`` yields (see ``received``)."""

    def stream_of(transport: MockTransport) -> Awaitable[Stream[Any]]:
        return Client(CONFIG, transport=transport).responses.create_stream(model="m", input="x")

    return await received(
        body, per_event, stream_of, lambda event: (type(event).__name__, event.model_dump())
    )


@pytest.mark.parametrize(
    ("parts", "error"),
    [
        ([CREATED, *DELTAS, COMPLETED], None),
        # As json.dumps spaces it.
        ([CREATED, *(named(delta(i), spaced=True) for i in range(9)), COMPLETED], None),
        # A name that is not the event's type; a type that is not the first key.
        ([*DELTAS[:3], named({**delta(4), "type": "response.output_text.done", "text": "t"}),
          *DELTAS[3:], COMPLETED], None),
        ([*DELTAS[:3], named({"item_id": "m", **delta(4)}), *DELTAS[3:], COMPLETED], None),
        # Kinds the client does not know yet, named or not.
        ([*DELTAS[:2], named(UNKNOWN, "response.new_kind"), named(UNKNOWN, ""), *DELTAS[2:],
          COMPLETED], None),
        # "error" as a delta's text: no error.
        ([*DELTAS[:2], named(delta(3, text='say "error" ')), named({**delta(4), "delta": "error"}),
          COMPLETED], None),
        ([*DELTAS[:4], named(ERROR, "error"), *DELTAS[4:]], APIError),
        ([*DELTAS[:4], named({**delta(5), "delta": 5}), *DELTAS[4:], COMPLETED],
         JSONDeserializeError),
        ([*DELTAS[:4], named("{not json"), *DELTAS[4:], COMPLETED], JSONDeserializeError),
        # The stream ends without its terminal event.
        ([CREATED, *DELTAS], StreamError),
    ],
)  # fmt: skip
@pytest.mark.parametrize("names", [True, False], ids=["named", "unnamed"])
async def test_a_responses_read_gives_what_one_event_per_read_gives(
    parts: list[bytes], error: type[Exception] | None, names: bool
) -> None:
    body = b"".join(parts)
    if not names:  # as some OpenAI-compatible servers send them: data lines only
        body = re.sub(rb"event: [^\n]*\n", b"", body)
    batched = await responses_items(body, per_event=False)
    assert_same_outcome(batched, await responses_items(body, per_event=True), error)
    if error is None:
        assert batched[0][-1][0] == "ResponseCompletedEvent"


async def test_a_responses_read_is_validated_a_group_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fast path is taken: one validation call for a run of deltas, not one per event."""
    from async_openai_wasm.api import responses

    runs: list[int] = []
    batch = responses._batch_decoder()

    def counting(run: object) -> object:
        items = batch(run)  # type: ignore[arg-type]
        runs.append(len(items) if items is not None else -1)
        return items

    monkeypatch.setattr(responses, "_batch_decoder", lambda: counting)
    body = b"".join([CREATED, *DELTAS, COMPLETED])
    for sent in (body, re.sub(rb"event: [^\n]*\n", b"", body)):  # named, and not
        items, error = await responses_items(sent, per_event=False)
        assert error is None and len(items) == len(DELTAS) + 2
    assert runs == [len(DELTAS) + 2] * 2
