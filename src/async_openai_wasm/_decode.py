"""Decoding what servers send: JSON bodies and stream events into types, and error bodies
(whatever their shape) into the fields of an :class:`~async_openai_wasm.error.APIError`."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby, repeat
from typing import TYPE_CHECKING, Any, TypeVar, get_args

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import from_json

from ._sse import NamedRun, Run, ServerSentEvent
from .error import APIError, JSONDeserializeError

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = [
    "ChoicesFinished",
    "cached_adapter",
    "decode_json",
    "error_fields",
    "error_from_event",
    "json_batches",
    "json_events",
    "json_or_text",
    "raise_error_event",
    "tagged_batches",
    "tagged_validator",
    "union_events",
    "validation_summary",
]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def json_events(cast: type[M]) -> Callable[[ServerSentEvent], M]:
    def decode(event: ServerSentEvent) -> M:
        data = event.data
        # A quoted "error" can only be a key or a value in JSON text (a quote inside a string
        # is escaped), so this cheap test sends only candidate error events to the JSON parser.
        if '"error"' in data:
            raise_error_event(data)
        return decode_json(
            cast.model_validate_json, data, f"a stream event is not a valid {cast.__name__}"
        )

    return decode


class ChoicesFinished:
    """The end rule of chat and completions streams (see :class:`~._stream.StreamEnd`):
    complete once each of ``choices`` gave a ``finish_reason``, or at the usage chunk (no
    choices, sent after them all)."""

    expected = "a finish_reason for every choice or the usage chunk"
    # A finish_reason or usage that is not null: only chunks with one can complete a stream.
    _MAY_END = re.compile(r'"(?:finish_reason|usage)"\s*:\s*[^\sn]')

    def __init__(self, choices: int) -> None:
        self._unfinished = choices
        self._finished: set[int | None] = set()

    def may_end(self, run: Run) -> bool:
        text = run.text
        # Counting is told first: in Pyodide the pattern costs about 2 µs an event (it tries a
        # match at every quote), a few counts about 0.4 µs, and nearly every batch is all null.
        if _all_null(text, '"finish_reason"') and _all_null(text, '"usage"'):
            return False
        return self._MAY_END.search(text) is not None

    def seen(self, chunk: Any) -> bool:
        choices = getattr(chunk, "choices", None) or ()
        if getattr(chunk, "usage", None) is not None and not choices:
            return True
        for choice in choices:
            if choice.finish_reason is not None and choice.index not in self._finished:
                self._finished.add(choice.index)
                self._unfinished -= 1
        return self._unfinished <= 0


def _all_null(text: str, key: str) -> bool:
    """Whether every ``key`` in the JSON ``text`` is a field set to null as servers write it
    (``:null`` or ``: null``); false when unsure. ``key: null`` cannot stand inside a string,
    whose quotes are escaped, so each one counted is a null field; a key with another value,
    another spacing or the key's text as a value makes the counts differ."""
    keys = text.count(key)
    if not keys:
        return True
    nulls = text.count(key + ":null")
    if nulls < keys:
        nulls += text.count(key + ": null")
    return nulls == keys


def union_events(union: Any, name: str) -> Callable[[ServerSentEvent], Any]:
    """Decodes each event as a member of ``union``, a union tagged by ``type`` (the image,
    speech and transcript streams); an error event raises."""

    def decode(event: ServerSentEvent) -> Any:
        data = event.data
        if '"error"' in data:  # see json_events
            raise_error_event(data)
        return decode_json(
            cached_adapter(union).validate_json, data, f"a stream event is not a valid {name}"
        )

    return decode


def json_batches(cast: type[M]) -> Callable[[Run], list[M] | None]:
    """A run of events validated as one JSON list: a single call into pydantic-core on one
    string, instead of an event, a string and a call per event, which more than halves the
    cost per event in WebAssembly.

    ``None`` hands the events to the per-event path (``json_events``), which reports errors
    event by event after the items before them: when one may be an error event, or when the
    batch does not validate. A malformed event fails the batch, or changes its number of
    items, so it goes that way too; only several malformed events that happen to add up to as
    many valid objects (a contrived stream, not a server's slip) could pass as a batch.
    """
    adapter = cached_adapter(list[cast])  # type: ignore[valid-type]

    def decode_batch(run: Run) -> list[M] | None:
        joined = run.joined(",")
        if '"error"' in joined:  # see json_events
            return None
        try:
            items = adapter.validate_json(f"[{joined}]")
        except ValidationError:
            return None
        return items if len(items) == len(run) else None

    return decode_batch


# The outer object's "type" when it is its first key, as OpenAI writes every event.
_LEADING_TYPE = re.compile(r'\s*\{\s*"type"\s*:\s*"([^"\\]*)"')


def tagged_validator(union: Any) -> Callable[[str], Any]:
    """``validate_json`` of ``union``, a union of ``Annotated[Model, Tag(type)]`` members
    chosen by ``type_discriminator``: JSON whose first key is a known ``type`` goes straight
    to its member model. The union's own validator must call the discriminator in Python on
    the parsed JSON, then validate those Python objects: about twice the cost per event.
    Anything else (another key first, an unknown type) goes through the union. Building it
    builds the union's validator: callers keep it."""
    members = {
        tag: (
            # The model's own validator: model_validate_json adds a Python call.
            model.__pydantic_validator__.validate_json
            if isinstance(model, type) and issubclass(model, BaseModel)
            else cached_adapter(model).validate_json
        )
        for tag, model in _tagged_members(union).items()
    }
    whole = cached_adapter(union).validate_json

    def validate(data: str) -> Any:
        leading = _LEADING_TYPE.match(data)
        member = members.get(leading.group(1)) if leading is not None else None
        return (member or whole)(data)

    return validate


def tagged_batches(union: Any) -> Callable[[Run], list[Any] | None]:
    """A run of named events (a Responses stream's) decoded group by group: consecutive
    events of one name, each JSON starting with that name as its ``type`` (as OpenAI writes
    them; ``tagged_validator`` then takes the same member), validated as one JSON list of
    the member tagged with it: a single call into pydantic-core per group, at a fraction of
    the cost per event in WebAssembly (see ``json_batches``).

    Unnamed events are named by their JSON's leading ``type``. ``None`` hands the run to the
    per-event path: a name that is no member's tag, an event that does not start with its
    name as its type, any quoted ``"error"`` (see ``json_events``), a group that does not
    validate or gives another number of items."""
    models = _tagged_members(union)
    lists: dict[str, Callable[[str], list[Any]]] = {}

    def decode_batch(run: Run) -> list[Any] | None:
        if isinstance(run, NamedRun):
            names, datas = run.names, run.datas
        else:
            # Unnamed events (some OpenAI-compatible servers): named by their leading type.
            datas = run.joined("\n").split("\n")  # no data line holds a line end
            names = [m.group(1) if (m := _LEADING_TYPE.match(d)) else "" for d in datas]
        items: list[Any] = []
        start = 0
        for name, group in groupby(names):
            stop = start + len(list(group))
            validate = lists.get(name)
            if validate is None:
                if name not in models:
                    return None
                model = models[name]
                validate = lists[name] = cached_adapter(list[model]).validate_json  # type: ignore[valid-type]
            part = datas[start:stop]
            # Compact (OpenAI's) or as json.dumps writes it.
            leading = (f'{{"type":"{name}"', f'{{"type": "{name}"')
            if not all(map(str.startswith, part, repeat(leading))):
                return None
            joined = ",".join(part)
            if '"error"' in joined:
                return None
            try:
                decoded = validate(f"[{joined}]")
            except ValidationError:
                return None
            if len(decoded) != stop - start:
                return None
            items += decoded
            start = stop
        return items

    return decode_batch


def _tagged_members(union: Any) -> dict[str, Any]:
    """The members of a tagged union (see ``tagged_validator``) by tag."""
    members: dict[str, Any] = {}
    for member in get_args(get_args(union)[0]):
        model, *metadata = get_args(member)
        for tag in metadata:
            if isinstance(tag, Tag):
                members[tag.tag] = model
    return members


_adapters: dict[Any, Any] = {}


def cached_adapter(tp: Any) -> TypeAdapter[Any]:
    """A cached ``TypeAdapter(tp)``: building one costs milliseconds."""
    adapter = _adapters.get(tp)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _adapters[tp] = TypeAdapter(tp)
    return adapter


def decode_json(validate: Callable[[str], T], data: str, what: str) -> T:
    """``validate(data)``; JSON that does not parse or fit raises :class:`JSONDeserializeError`
    as ``what: <the first errors>``, keeping the raw text."""
    try:
        return validate(data)
    except ValidationError as exc:
        raise JSONDeserializeError(f"{what}: {validation_summary(exc)}", raw=data) from exc


def json_or_text(text: str) -> Any:
    """``text`` parsed as JSON, or ``text`` itself if it is not JSON or nests too deep.

    pydantic-core's parser rather than ``json.loads``: it stops at a fixed depth, where a
    server's text nested some ten thousand levels deep overflows the C stack under
    ``json.loads`` in Pyodide, a fatal error that kills the page's Python."""
    try:
        return from_json(text)
    except ValueError:
        return text


def raise_error_event(data: str) -> None:
    """Raises :class:`APIError` if the event's JSON is an ``{"error": ...}`` object."""
    parsed = json_or_text(data)
    if isinstance(parsed, dict) and parsed.get("error") is not None and len(parsed) <= 2:
        raise error_from_event(data)


def error_from_event(data: str) -> APIError:
    """The :class:`APIError` an error event carries, its JSON being ``{"error": {...}}`` or
    the error object itself (the Assistants stream's ``event: error``)."""
    fields = error_fields(data, "application/json")
    return APIError(fields.pop("message"), body=fields.pop("body"), **fields)


def error_fields(raw: str, content_type: str) -> dict[str, Any]:
    """message, type, param, code and body of an error response, whatever its shape."""
    body: Any = json_or_text(raw)
    error = body.get("error", body) if isinstance(body, dict) else None
    if isinstance(error, dict):
        return {
            "message": str(error.get("message") or error.get("detail") or raw or "(no message)"),
            "type": _str_or_none(error.get("type")),
            "param": _str_or_none(error.get("param")),
            "code": _str_or_none(error.get("code")),
            "body": body,
        }
    if isinstance(error, str):
        return {"message": error, "type": None, "param": None, "code": None, "body": body}
    if "html" in content_type or raw.lstrip()[:1] == "<":
        message = f"the server answered with an HTML page, not JSON (a proxy?): {_title(raw)}"
    else:
        message = raw.strip()[:500] or "(empty body)"
    return {"message": message, "type": None, "param": None, "code": None, "body": raw}


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _title(html: str) -> str:
    start = html.lower().find("<title>")
    end = html.lower().find("</title>")
    if 0 <= start < end:
        return html[start + 7 : end].strip()[:200]
    return html.strip()[:200]


def validation_summary(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False, include_input=False)
    shown = "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in errors[:3]
    )
    return shown + (f" (+{len(errors) - 3} more)" if len(errors) > 3 else "")
