"""The small argument helpers API groups share: request bodies from a request object or
keyword fields, per-call options, ids in URL paths, list queries and the stream flag.
Everything here fails before anything is sent, with an error that names what was wrong."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, TypeVar

from pydantic import ValidationError

from ._decode import validation_summary
from .error import InvalidArgumentError
from .types._base import RequestModel

__all__ = [
    "CallOptions",
    "Order",
    "Query",
    "api_path",
    "list_query",
    "not_streamed",
    "path_segment",
    "request_body",
    "split_body",
    "split_params",
    "streamed",
    "take_options",
    "wire_query",
]

# A sequence value is sent as its key repeated (``include[]=a&include[]=b``).
Query = Mapping[str, str | int | float | bool | Sequence[str] | None]
Order = Literal["asc", "desc"]


class CallOptions(TypedDict, total=False):
    """Options every method takes for one call, after its own arguments.

    ``extra_headers``, ``extra_query`` and ``extra_body`` are merged over what the call sends
    (``extra_body`` into the JSON body or the multipart form); ``timeout`` and ``max_retries``
    replace the client's for this call.
    """

    extra_headers: Mapping[str, str]
    extra_query: Query
    extra_body: Mapping[str, Any]
    timeout: float | None
    max_retries: int


OPTION_NAMES = frozenset(CallOptions.__annotations__)


def take_options(fields: dict[str, Any]) -> CallOptions:
    """Moves the per-call options out of a method's keyword ``fields`` (the request's fields)."""
    options: Any = {name: fields.pop(name) for name in OPTION_NAMES & fields.keys()}
    return options  # type: ignore[no-any-return]


R = TypeVar("R", bound=RequestModel)


def request_body(
    cls: type[R], request: R | Mapping[str, Any] | None, fields: Mapping[str, Any]
) -> R:
    """The typed body of a call made with either a request object or keyword fields.

    Bad input becomes an :class:`InvalidArgumentError` naming each wrong field, before
    anything is sent.
    """
    if request is not None and fields:
        raise InvalidArgumentError(
            f"pass either a {cls.__name__} or keyword fields, not both "
            f"(got the keywords {', '.join(sorted(fields))})"
        )
    if isinstance(request, cls):
        return request
    try:
        return cls.model_validate(request if request is not None else fields)
    except ValidationError as exc:
        raise InvalidArgumentError(f"invalid {cls.__name__}: {validation_summary(exc)}") from exc


def path_segment(value: str, name: str) -> str:
    """An id for a URL path (``/models/{model}``), quoted whole so that a ``/``, ``?`` or ``#``
    in it stays part of the id; an empty or non-string id is an :class:`InvalidArgumentError`
    naming ``name``, before anything is sent (an empty one would address the parent path)."""
    from urllib.parse import quote  # see build()

    if not isinstance(value, str) or not value:
        raise InvalidArgumentError(f"{name} must be a non-empty string, got {value!r}")
    return quote(value, safe="")


_PATH_FIELD = re.compile(r"{(\w+)}")


def api_path(template: str, *ids: str) -> str:
    """``template`` (``/projects/{project_id}/users/{user_id}``) with its fields filled by
    ``ids`` in order, each through :func:`path_segment` under the field's name."""
    values = iter(ids)
    return _PATH_FIELD.sub(lambda field: path_segment(next(values), field[1]), template)


def wire_query(cls: type[RequestModel], fields: Mapping[str, Any]) -> Query:
    """The query string fields of a call: ``fields`` checked as a ``cls`` (unset ones not
    sent), an :class:`InvalidArgumentError` naming each wrong one (not ``cls``, which several
    calls with the same parameters share)."""
    try:
        return cls.model_validate(fields).to_wire()
    except ValidationError as exc:
        raise InvalidArgumentError(f"invalid arguments: {validation_summary(exc)}") from exc


def split_body(
    cls: type[R], request: R | Mapping[str, Any] | None, fields: dict[str, Any]
) -> tuple[R, CallOptions]:
    """A method's body (a ``cls`` from ``request`` or the keyword ``fields``, as
    :func:`request_body` makes it) and its per-call options, which ``fields`` may hold too."""
    options = take_options(fields)
    return request_body(cls, request, fields), options


def split_params(cls: type[RequestModel], params: Mapping[str, Any]) -> tuple[Query, CallOptions]:
    """A method's keyword ``params`` split into its query string fields (checked as a ``cls``,
    so an unknown keyword or a wrong value is an :class:`InvalidArgumentError` naming it) and
    its per-call options."""
    fields = dict(params)
    options = take_options(fields)
    return wire_query(cls, fields), options


def not_streamed(body: R, call: str) -> R:
    """The body of a call that returns one object: ``stream=True`` belongs to ``call``_stream."""
    if getattr(body, "stream", None):
        raise InvalidArgumentError(f"stream is true: use client.{call}_stream(...) to stream")
    return body


def streamed(body: R, call: str) -> R:
    """The body of a ``call``_stream call, with ``stream`` set to true."""
    if getattr(body, "stream", None) is False:
        raise InvalidArgumentError(f"stream is false: use client.{call}(...) for one object")
    return body.model_copy(update={"stream": True})


def list_query(
    *, limit: int | None, order: str | None, after: str | None, before: str | None = None
) -> Query:
    """The cursor query of the lists that take ``limit`` (1 to 100), ``order``, ``after`` and
    ``before``, checked before anything is sent."""
    if limit is not None and (
        isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100
    ):
        raise InvalidArgumentError(f"limit must be an integer from 1 to 100, got {limit!r}")
    if order is not None and order not in ("asc", "desc"):
        raise InvalidArgumentError(f'order must be "asc" or "desc", got {order!r}')
    return {"limit": limit, "order": order, "after": after, "before": before}
