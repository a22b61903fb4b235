"""File inputs for multipart uploads, and turning a request model into a multipart form.

A file may be given as bytes, a ``(filename, bytes)`` or ``(filename, bytes, content_type)``
tuple, or in Pyodide a JS ``File`` or ``Blob`` (passed to ``FormData`` as it is, so a file the
user picked in the page is never copied into Python).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator

from ._transport import FilePart, MultipartForm
from .types._base import RequestModel

__all__ = ["FileInput", "form_if_files", "multipart_form", "to_file_part"]

DEFAULT_CONTENT_TYPE = "application/octet-stream"


def to_file_part(value: Any, default_name: str = "upload") -> FilePart:
    """A :class:`FilePart` from any accepted file input; ``ValueError`` naming what it got."""
    if isinstance(value, FilePart):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return FilePart(default_name, bytes(value))
    if isinstance(value, tuple) and len(value) in (2, 3):
        name, content, *rest = value
        if isinstance(name, str) and isinstance(content, bytes | bytearray | memoryview):
            return FilePart(name, bytes(content), *rest)
    if _is_js_blob(value):
        name = getattr(value, "name", None) or default_name
        content_type = str(getattr(value, "type", "")) or DEFAULT_CONTENT_TYPE
        return FilePart(str(name), value, content_type)
    raise ValueError(
        "a file must be bytes, (filename, bytes), (filename, bytes, content_type), or in "
        f"Pyodide a JS File or Blob; got {type(value).__name__}"
    )


def _is_js_blob(value: Any) -> bool:
    # A JsProxy of a Blob (File is a Blob) has these; checked by shape so no js import is needed.
    return type(value).__name__.startswith("Js") and hasattr(value, "arrayBuffer")


# A request model's file field: validated into a FilePart when the request is built, so a bad
# input is an error naming the field before anything is sent.
FileInput = Annotated[Any, BeforeValidator(to_file_part)]


def multipart_form(request: RequestModel) -> MultipartForm:
    """The model as ``multipart/form-data``, encoded as OpenAI's SDKs do: files as parts, lists
    as repeated ``name[]`` fields, objects as ``name[key]`` fields (``expires_after[seconds]``),
    booleans as ``true``/``false``."""
    form = MultipartForm()
    for field_name, info in type(request).model_fields.items():
        value = getattr(request, field_name)
        if value is not None:
            _add(form, info.alias or field_name, value)
    return form


def form_if_files(request: RequestModel) -> RequestModel | MultipartForm:
    """The body of an operation that takes JSON or ``multipart/form-data``: a form when a file
    was given (it can travel only in one), else the model as JSON."""
    if any(_holds_file(getattr(request, name)) for name in type(request).model_fields):
        return multipart_form(request)
    return request


def _holds_file(value: Any) -> bool:
    return isinstance(value, FilePart) or (
        isinstance(value, list) and any(isinstance(item, FilePart) for item in value)
    )


def _add(form: MultipartForm, name: str, value: Any) -> None:
    if isinstance(value, FilePart):
        form.files.append((name, value))
    elif isinstance(value, list):
        for item in value:
            _add(form, f"{name}[]", item)
    elif isinstance(value, BaseModel | dict):
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json", by_alias=True, exclude_none=True)
        for key, item in value.items():
            if item is not None:
                _add(form, f"{name}[{key}]", item)
    else:
        form.fields.append((name, _text(value)))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)  # str, numbers, and StrEnum members (whose str is their value)
