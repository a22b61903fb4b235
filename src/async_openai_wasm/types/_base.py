"""Base classes shared by every API group's models.

Requests are strict: an unknown field is an error that names it, and fields left as ``None``
are not sent. Responses are lenient: servers differ, so unknown fields are kept (readable as
attributes and in ``model_extra``) and missing optional fields default to ``None``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


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
