"""Base classes shared by every API group's models.

Requests are strict: an unknown field is an error that names it, and fields left as ``None``
are not sent. Responses are lenient: servers differ, so unknown fields are kept (readable as
attributes and in ``model_extra``) and missing optional fields default to ``None``. The
bookkeeping fields OpenAI-compatible servers leave out in practice (ids, ``object``,
``created``, ``model``, indices, item ids) are optional even where the spec requires them;
what a caller acts on (a chunk's ``choices``, a delta's text, a tool call's id) stays required.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar, TypeAlias, TypeVar, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag

from ..error import JSONDeserializeError


class RequestModel(BaseModel):
    """A body we send. ``to_wire()`` is the JSON object that goes over the wire."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class QueryModel(RequestModel):
    """The query of a call. An object parameter is sent as ``name[key]`` fields (the spec's
    ``deepObject`` style: ``metadata[team]=x``, ``effective_at[gt]=5``)."""

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        for name, value in super().to_wire().items():
            if isinstance(value, dict):
                wire.update({f"{name}[{key}]": item for key, item in value.items()})
            else:
                wire[name] = value
        return wire


class ResponseModel(BaseModel):
    """A body we receive. Unknown fields are kept rather than dropped.

    ``_request_id`` is the server's ``x-request-id`` for results the client returns (set on
    the instance, outside the fields), ``None`` for models made otherwise.
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    _request_id: ClassVar[str | None] = None

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


_E = TypeVar("_E", bound=StrEnum)

# A response enum field: known values become the enum, unknown ones stay plain strings, because
# servers add values (new finish reasons, statuses, tiers) faster than clients learn them.
# left_to_right (not smart mode) so that a known string becomes the enum rather than the str.
Lenient: TypeAlias = Annotated[_E | str, Field(union_mode="left_to_right")]

# A response flag that some servers send as null where others leave it out: null is false.
FalseIfNull: TypeAlias = Annotated[bool, BeforeValidator(lambda value: value is not None and value)]

_M = TypeVar("_M")

# A response field that echoes a strict request type (settings the server sends back, such as a
# fine-tuning job's method): that type when the value fits it, else the JSON object as received,
# so a field the server adds does not make the whole response fail.
Echoed: TypeAlias = Annotated[_M | dict[str, Any], Field(union_mode="left_to_right")]


def type_discriminator(choices: object, fallback: str, key: str = "type") -> Discriminator:
    """A discriminator for ``choices``, a union of ``Annotated[Model, Tag(type_value)]`` members:
    the member tagged with the value's ``type`` (or ``key``), or the one tagged ``fallback`` for
    any other value, because servers add kinds of items and events faster than clients learn them
    and one new kind must not fail a whole response or stream."""
    known = frozenset(
        meta.tag
        for member in get_args(choices)
        for meta in getattr(member, "__metadata__", ())
        if isinstance(meta, Tag)
    )

    def tag(value: Any) -> str:
        kind = value.get(key) if isinstance(value, dict) else getattr(value, key, None)
        return kind if isinstance(kind, str) and kind in known else fallback

    return Discriminator(tag)


def base64_bytes(text: str, what: str) -> bytes:
    """The bytes ``text`` encodes in base64 (an image or audio the server sent as JSON); bad
    base64 is a :class:`JSONDeserializeError` naming ``what``, keeping the text."""
    import base64  # here: only media results need it, and the package's import stays lean
    import binascii

    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise JSONDeserializeError(f"{what} is not valid base64: {exc}", raw=text) from exc
