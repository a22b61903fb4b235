"""A pure, incremental, byte-level decoder of ``text/event-stream`` (WHATWG HTML, 9.2).

Feed it bytes as they arrive, in any chunking; it returns the events completed so far. The
same bytes give the same events however they are split: lines end in CR, LF or CRLF (a CRLF
may be split across chunks), a leading UTF-8 BOM is dropped, and lines are decoded only once
whole, so a UTF-8 character split across chunks is never broken. No I/O happens here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SSEDecoder", "ServerSentEvent"]

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
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
        if self._at_start:
            chunk = self._strip_bom(chunk)
        if self._after_cr and chunk:
            self._after_cr = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        if not chunk:
            return []
        # bytes.splitlines splits on exactly CR, LF and CRLF: the spec's line ends.
        lines = (self._pending + chunk).splitlines(keepends=True)
        last = lines[-1]
        if last.endswith((b"\n", b"\r")):
            self._pending = b""
            self._after_cr = last.endswith(b"\r")
        else:
            self._pending = lines.pop()
        events: list[ServerSentEvent] = []
        for raw in lines:
            event = self._line(raw.rstrip(b"\r\n").decode("utf-8", "replace"))
            if event is not None:
                events.append(event)
        return events

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
        clean = not self._data and (self._at_start or not self._pending)
        self._pending = b""
        self._data = []
        self._event = ""
        return clean

    def _line(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line[0] == ":":
            return None
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
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        if not self._data:
            # The spec resets the event type even when nothing is dispatched.
            self._event = ""
            return None
        event = ServerSentEvent(
            data="\n".join(self._data),
            event=self._event or "message",
            id=self._last_id,
            retry=self._retry,
        )
        self._data = []
        self._event = ""
        return event
