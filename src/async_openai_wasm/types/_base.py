"""Base classes shared by every API group's models.

Requests are strict: an unknown field is an error that names it, and fields left as ``None``
are not sent. Responses are lenient: servers differ, so unknown fields are kept (readable as
attributes and in ``model_extra``) and missing optional fields default to ``None``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class RequestModel(BaseModel):
    """A body we send. ``to_wire()`` is the JSON object that goes over the wire."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class ResponseModel(BaseModel):
    """A body we receive. Unknown fields are kept rather than dropped."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


_E = TypeVar("_E", bound=StrEnum)

# A response enum field: known values become the enum, unknown ones stay plain strings, because
# servers add values (new finish reasons, statuses, tiers) faster than clients learn them.
# left_to_right (not smart mode) so that a known string becomes the enum rather than the str.
Lenient: TypeAlias = Annotated[_E | str, Field(union_mode="left_to_right")]
