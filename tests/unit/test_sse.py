"""The event-stream decoder against the WHATWG rules, and its split-invariance."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from async_openai_wasm._sse import ServerSentEvent, SSEDecoder


def decode(*chunks: bytes) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    events = [e for c in chunks for e in decoder.feed(c)]
    decoder.close()
    return events


def test_data_lines_and_blank_line_dispatch() -> None:
    assert decode(b"data: a\n\ndata: b\n\n") == [ServerSentEvent("a"), ServerSentEvent("b")]


def test_multiline_data_is_joined_with_newlines() -> None:
    assert decode(b"data: one\ndata: two\ndata\n\n") == [ServerSentEvent("one\ntwo\n")]


def test_cr_lf_and_crlf_all_end_lines() -> None:
    expected = [ServerSentEvent("x"), ServerSentEvent("y"), ServerSentEvent("z")]
    assert decode(b"data: x\r\rdata: y\n\ndata: z\r\n\r\n") == expected


def test_crlf_split_across_chunks_is_one_line_end() -> None:
    # Were the LF taken as a second line end, it would dispatch an empty line early.
    assert decode(b"data: a\r", b"\ndata: b\r\n\r\n") == [ServerSentEvent("a\nb")]


def test_comments_event_id_retry() -> None:
    events = decode(b": keep-alive\nevent: thread.run.created\nid: 7\nretry: 1500\ndata: {}\n\n")
    assert events == [ServerSentEvent("{}", event="thread.run.created", id="7", retry=1500)]


def test_id_persists_and_event_type_resets() -> None:
    events = decode(b"id: 1\nevent: a\ndata: x\n\ndata: y\n\n")
    assert events == [ServerSentEvent("x", "a", "1"), ServerSentEvent("y", "message", "1")]


def test_bad_retry_and_nul_id_are_ignored() -> None:
    assert decode(b"retry: 12a\nid: a\0b\ndata: x\n\n") == [ServerSentEvent("x")]


def test_field_without_colon_and_without_space() -> None:
    assert decode(b"data:no-space\n\n") == [ServerSentEvent("no-space")]
    assert decode(b"data:  two spaces\n\n") == [ServerSentEvent(" two spaces")]


def test_event_without_data_is_not_dispatched() -> None:
    assert decode(b"event: ping\n\n") == []


def test_leading_bom_dropped_even_split_byte_by_byte() -> None:
    bom = b"\xef\xbb\xbf"
    assert decode(bom + b"data: x\n\n") == [ServerSentEvent("x")]
    assert decode(bom[:1], bom[1:2], bom[2:] + b"data: x\n\n") == [ServerSentEvent("x")]
    # Only at the very start: later, a BOM is part of the field name, so that line is
    # an unknown field and ignored.
    assert decode(b"data: x\n\n", bom + b"data: y\n\n") == [ServerSentEvent("x")]


def test_utf8_character_split_across_chunks() -> None:
    payload = "data: héllo 🌍\n\n".encode()
    cut = payload.index("🌍".encode()) + 2
    assert decode(payload[:cut], payload[cut:]) == [ServerSentEvent("héllo 🌍")]


def test_incomplete_event_at_end_is_discarded_and_reported() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: done\n\ndata: half") == [ServerSentEvent("done")]
    assert decoder.close() is False
    clean = SSEDecoder()
    clean.feed(b"data: done\n\n")
    assert clean.close() is True


# -- split invariance ------------------------------------------------------------------

_line = st.one_of(
    st.builds(lambda v: f"data: {v}", st.text(max_size=20)),
    st.builds(lambda v: f"event: {v}", st.text(alphabet="abc.", max_size=8)),
    st.builds(lambda v: f"id: {v}", st.text(alphabet="0123", max_size=3)),
    st.builds(lambda v: f"retry: {v}", st.integers(0, 9999)),
    st.builds(lambda v: f": {v}", st.text(max_size=10)),
    st.just(""),
)


@st.composite
def streams(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(_line, max_size=30))
    ends = draw(
        st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=len(lines), max_size=len(lines))
    )
    text = "".join(
        # A lone CR then a line starting with LF would merge; the spec reads CR LF as one end.
        line + end
        for line, end in zip(lines, ends, strict=True)
    )
    bom = draw(st.booleans())
    return (b"\xef\xbb\xbf" if bom else b"") + text.replace("\x00", "").encode()


@st.composite
def splits(draw: st.DrawFn, data: bytes) -> list[bytes]:
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=12)))
    bounds = [0, *cuts, len(data)]
    return [data[a:b] for a, b in itertools.pairwise(bounds)]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_same_events_however_the_bytes_are_split(data: st.DataObject) -> None:
    raw = data.draw(streams())
    chunks = data.draw(splits(raw))
    assert decode(*chunks) == decode(raw)
    assert decode(*chunks) == decode(*[raw[i : i + 1] for i in range(len(raw))])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.data())
def test_arbitrary_bytes_never_raise_and_stay_split_invariant(
    raw: bytes, data: st.DataObject
) -> None:
    chunks = data.draw(splits(raw))
    assert decode(*chunks) == decode(raw)
