"""A pure, incremental, byte-level decoder of ``text/event-stream`` (WHATWG HTML, 9.2).

Feed it bytes as they arrive, in any chunking; it returns the events completed so far. The
same bytes give the same events however they are split: lines end in CR, LF or CRLF (a CRLF
may be split across chunks), a leading UTF-8 BOM is dropped, and lines are decoded only once
whole, so a UTF-8 character split across chunks is never broken. No I/O happens here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["DataRun", "NamedRun", "Run", "SSEDecoder", "ServerSentEvent"]

_BOM = b"\xef\xbb\xbf"
# Events of one "event: name" line and one "data: ..." line each (OpenAI's Responses streams):
# the whole text, and each event's name and data.
_NAMED_EVENTS = re.compile(r"(?:event: [^\n]*\ndata: [^\n]*\n\n)*event: [^\n]*\ndata: [^\n]*")
_NAMED_EVENT = re.compile(r"event: ([^\n]*)\ndata: ([^\n]*)")


# A NamedTuple rather than a frozen dataclass: one is made per event, and a tuple is several
# times cheaper to create (this is the hot path of every stream, and slow in WebAssembly).
class ServerSentEvent(NamedTuple):
    """One dispatched event. ``event`` is ``"message"`` when the stream named none."""

    data: str
    event: str = "message"
    id: str | None = None
    retry: int | None = None


class SSEDecoder:
    """Turns chunks of bytes into events. ``feed`` as bytes arrive; ``close`` at the end."""

    __slots__ = ("_after_cr", "_at_start", "_data", "_event", "_last_id", "_pending", "_retry")

    def __init__(self) -> None:
        self._pending = b""  # an unterminated last line, kept until its end arrives
        self._after_cr = False  # the last chunk ended in CR: a leading LF is part of that CRLF
        self._at_start = True  # the BOM may only stand at the very start
        self._data: list[str] = []
        self._event = ""
        self._last_id: str | None = None  # persists across events, as the spec says
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        run, events = self.feed_run(chunk)
        return run.events() + events if run is not None else events

    def feed_run(self, chunk: bytes) -> tuple[Run | None, list[ServerSentEvent]]:
        """Like :meth:`feed`, with the leading events of the commonest kinds kept together
        rather than made into events one by one: one ``data: ...`` line each (OpenAI's chat
        streams) as a :class:`DataRun`, or an ``event: name`` and a ``data: ...`` line each
        (its Responses streams) as a :class:`NamedRun`. The events after them follow as a list."""
        if self._at_start:
            chunk = self._strip_bom(chunk)
        if self._after_cr and chunk:
            self._after_cr = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        if not chunk:
            return None, []
        buffer = self._pending + chunk
        if b"\r" in buffer:
            end = max(buffer.rfind(b"\n"), buffer.rfind(b"\r")) + 1  # after the last whole line
        else:
            # Up to the last blank line: the lines of an event not yet ended wait for the rest
            # of it (nothing they say counts before its blank line), so that every read starts
            # at an event's start and may be a run. CR line ends go line by line, as before.
            at = buffer.rfind(b"\n\n")
            # A blank line first, after whole lines of an earlier read, is an event's end too.
            end = at + 2 if at >= 0 else int(buffer[:1] == b"\n" and not self._pending)
        self._pending = buffer[end:]
        if not end:
            return None, []
        self._after_cr = end == len(buffer) and buffer.endswith(b"\r")
        # The whole lines are decoded at once: the same text as line by line, since no UTF-8
        # sequence contains a CR or LF byte. Then split on exactly CR, LF and CRLF (the spec's
        # line ends; str.splitlines would also split on others such as U+2028).
        text = buffer[:end].decode("utf-8", "replace")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        run, text = self._leading_run(text)
        return run, self._lines(text)

    def _lines(self, text: str) -> list[ServerSentEvent]:
        """The events that whole lines (``text`` ends with a line end) complete."""
        events: list[ServerSentEvent] = []
        lines = text.split("\n")
        lines.pop()  # the text ends with a line end: the piece after it is empty
        data = self._data
        for line in lines:
            # The two lines of nearly every event, inline; the rest goes through _field.
            if not line:
                event = self._dispatch()
                if event is not None:
                    events.append(event)
            elif line[:5] == "data:":
                data.append(line[6:] if line[5:6] == " " else line[5:])
            else:
                self._field(line)
        return events

    def _leading_run(self, text: str) -> tuple[Run | None, str]:
        """The events at the start of ``text`` if they are all of a common kind (see
        feed_run) and nothing else, and the text after them.

        With string methods and patterns that run in C for the whole read rather than a
        Python loop per line: the same events the line loop in feed_run() would make, several
        times faster.
        """
        last = text.rfind("\n\n")
        if last < 0 or self._data or self._event:
            return None, text
        head = text[:last]
        if not text.startswith("data: "):
            if not text.startswith("event: ") or _NAMED_EVENTS.fullmatch(head) is None:
                return None, text
            names, datas = zip(*_NAMED_EVENT.findall(head), strict=True)
            run = NamedRun(list(names), list(datas), self._last_id, self._retry)
            return run, text[last + 2 :]
        # Only "data: " lines, each followed by one blank line: n events have 2n line ends,
        # n - 1 of them right before another "data: ".
        count = head.count("\n\ndata: ") + 1
        if head.count("\n") != 2 * count - 2:
            return None, text
        return DataRun(head, count, self._last_id, self._retry), text[last + 2 :]

    def _strip_bom(self, chunk: bytes) -> bytes:
        """The chunk without a leading BOM; empty while the start could still be one."""
        chunk = self._pending + chunk
        self._pending = b""
        if len(chunk) < len(_BOM) and _BOM.startswith(chunk):
            self._pending = chunk
            return b""
        self._at_start = False
        return chunk[len(_BOM) :] if chunk.startswith(_BOM) else chunk

    def close(self) -> bool:
        """End of stream. True when it ended cleanly, between events.

        An event not yet ended by a blank line is discarded, as the spec says; the False this
        returns lets a caller tell a stream cut mid-event from one that finished.
        """
        whole = self._pending.rfind(b"\n") + 1  # lines waiting for their event's end
        if whole:
            self._lines(self._pending[:whole].decode("utf-8", "replace"))
            self._pending = self._pending[whole:]
        clean = not self._data and (self._at_start or not self._pending)
        self._pending = b""
        self._data.clear()
        self._event = ""
        return clean

    def _field(self, line: str) -> None:
        """A non-empty line other than ``data: ...``: another field, or a comment."""
        if line[0] == ":":
            return
        name, colon, value = line.partition(":")
        if colon and value[:1] == " ":
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)

    def _dispatch(self) -> ServerSentEvent | None:
        if not self._data:
            # The spec resets the event type even when nothing is dispatched.
            self._event = ""
            return None
        data = self._data
        event = ServerSentEvent(
            data[0] if len(data) == 1 else "\n".join(data),
            self._event or "message",
            self._last_id,
            self._retry,
        )
        data.clear()  # the same list: feed() holds it
        self._event = ""
        return event


class DataRun:
    r"""Consecutive events of one ``data: ...`` line each, as the text they arrived in:
    ``data: a\n\ndata: b``. Their data can be joined, or the run cut, with one string method
    over the whole run instead of an event and a string per event. No data line holds a line
    end, so ``\n\n`` stands only between events."""

    __slots__ = ("_last_id", "_retry", "_text", "count")

    def __init__(self, text: str, count: int, last_id: str | None, retry: int | None) -> None:
        self._text = text
        self.count = count
        self._last_id = last_id
        self._retry = retry

    def __len__(self) -> int:
        return self.count

    @property
    def text(self) -> str:
        """The run as it arrived: ``data: a\n\ndata: b``."""
        return self._text

    def joined(self, separator: str) -> str:
        """The events' data, joined with ``separator``."""
        return self._text[6:].replace("\n\ndata: ", separator)

    def events(self) -> list[ServerSentEvent]:
        new, last_id, retry = tuple.__new__, self._last_id, self._retry
        return [
            new(ServerSentEvent, (line[6:], "message", last_id, retry))
            for line in self._text.split("\n\n")
        ]

    def until(self, data: str) -> tuple[DataRun | None, bool]:
        """The events before the first one whose data is ``data`` (``None`` if there are
        none), and whether there is such an event (if not, the events are the whole run)."""
        if f"data: {data}" not in self._text:  # nearly every read: no copy of the run
            return self, False
        at = f"\n\n{self._text}\n\n".find(f"\n\ndata: {data}\n\n")
        if at < 0:
            return self, False
        return (self._with(self._text[: at - 2]) if at else None), True

    def parts(self, events: int) -> list[DataRun]:
        """The run cut between events into runs of about ``events`` events each: cut by
        length, at the run's average length of an event, so uneven events make uneven parts
        (and one long event may be a part of its own)."""
        text = self._text
        if self.count <= events:
            return [self]
        size = len(text) * events // self.count
        runs = []
        start = 0
        while start < len(text):
            if len(text) - start <= size:
                cut = len(text)
            else:
                cut = text.rfind("\n\n", start, start + size)
                if cut < 0:  # the first event alone is about ``size`` or longer
                    cut = text.find("\n\n", start)
                if cut < 0:
                    cut = len(text)
            runs.append(self._with(text[start:cut]))
            start = cut + 2
        return runs

    def _with(self, text: str) -> DataRun:
        # Every "\n\n" of a run comes before "data: ": the longer needle is counted about
        # twice as fast.
        return DataRun(text, text.count("\n\ndata: ") + 1, self._last_id, self._retry)


class NamedRun:
    """Consecutive events of one ``event: name`` line and one ``data: ...`` line each, as
    their names and data (``names[i]``, ``datas[i]``): what a :class:`DataRun` is for unnamed
    events, with the same methods."""

    __slots__ = ("_last_id", "_retry", "datas", "names")

    def __init__(
        self, names: list[str], datas: list[str], last_id: str | None, retry: int | None
    ) -> None:
        self.names = names
        self.datas = datas
        self._last_id = last_id
        self._retry = retry

    def __len__(self) -> int:
        return len(self.datas)

    @property
    def text(self) -> str:
        """The run as it arrived: ``event: a\ndata: 1\n\nevent: b\ndata: 2``."""
        pairs = zip(self.names, self.datas, strict=True)
        return "\n\n".join(f"event: {name}\ndata: {data}" for name, data in pairs)

    def joined(self, separator: str) -> str:
        return separator.join(self.datas)

    def events(self) -> list[ServerSentEvent]:
        new, last_id, retry = tuple.__new__, self._last_id, self._retry
        return [
            # An empty name is the default type, as the line loop makes it.
            new(ServerSentEvent, (data, name or "message", last_id, retry))
            for name, data in zip(self.names, self.datas, strict=True)
        ]

    def until(self, data: str) -> tuple[NamedRun | None, bool]:
        """See :meth:`DataRun.until`."""
        if data not in self.datas:
            return self, False
        at = self.datas.index(data)
        return (self._slice(0, at) if at else None), True

    def parts(self, events: int) -> list[NamedRun]:
        """The run cut into runs of ``events`` events (the last may have fewer)."""
        if len(self.datas) <= events:
            return [self]
        return [self._slice(at, at + events) for at in range(0, len(self.datas), events)]

    def _slice(self, start: int, stop: int) -> NamedRun:
        return NamedRun(self.names[start:stop], self.datas[start:stop], self._last_id, self._retry)


# A run of events of either kind: what feed_run gives and stream decoders batch.
Run = DataRun | NamedRun
