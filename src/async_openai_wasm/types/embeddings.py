"""Embeddings types (``POST /embeddings``).

One response type whatever the ``encoding_format``: an embedding sent as base64 (little-endian
float32) is decoded while the response is parsed, so ``Embedding.embedding`` is always a
``list[float]``.
"""

import base64
import binascii
import sys
from array import array
from enum import StrEnum
from typing import Annotated, Any, TypeAlias

from pydantic import BeforeValidator, Discriminator, Field, Tag

from ._base import RequestModel, ResponseModel

__all__ = [
    "CreateEmbeddingRequest",
    "CreateEmbeddingResponse",
    "Embedding",
    "EmbeddingInput",
    "EmbeddingUsage",
    "EmbeddingVector",
    "EncodingFormat",
]

# Any token id >= 0, as tokenizers grow.
_TokenId: TypeAlias = Annotated[int, Field(ge=0)]

# The spec's limit on the number of inputs in one request.
_MAX_INPUTS = 2048


def _input_kind(value: Any) -> str:
    """Which form of input ``value`` is, from its first item, so that an error names the one
    form that was meant instead of all four."""
    if isinstance(value, str):
        return "text"
    first = value[0] if isinstance(value, list | tuple) and value else None
    if isinstance(first, list | tuple):
        return "token_arrays"
    if isinstance(first, int) and not isinstance(first, bool):
        return "tokens"
    return "texts"


# One text, texts, one token array, or token arrays.
EmbeddingInput: TypeAlias = Annotated[
    Annotated[str, Tag("text")]
    | Annotated[list[str], Field(min_length=1, max_length=_MAX_INPUTS), Tag("texts")]
    | Annotated[list[_TokenId], Field(min_length=1, max_length=_MAX_INPUTS), Tag("tokens")]
    | Annotated[
        list[Annotated[list[_TokenId], Field(min_length=1)]],
        Field(min_length=1, max_length=_MAX_INPUTS),
        Tag("token_arrays"),
    ],
    Discriminator(_input_kind),
]


class EncodingFormat(StrEnum):
    """How the server encodes each vector: JSON numbers, or base64 of float32s (smaller)."""

    float = "float"
    base64 = "base64"


class CreateEmbeddingRequest(RequestModel):
    """Body of ``POST /embeddings``."""

    model: str
    input: EmbeddingInput
    encoding_format: EncodingFormat | None = None
    dimensions: int | None = Field(default=None, ge=1)
    user: str | None = None


def _decode_base64_floats(value: Any) -> Any:
    """A base64 string of little-endian float32s as a list of floats; anything else as is."""
    if not isinstance(value, str):
        return value
    try:
        raw = base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"a base64 embedding that is not valid base64: {exc}") from None
    if len(raw) % 4:
        raise ValueError(f"a base64 embedding of {len(raw)} bytes, not a whole number of float32s")
    floats = array("f")
    floats.frombytes(raw)
    if sys.byteorder == "big":
        floats.byteswap()
    return floats.tolist()


# A vector as sent with either encoding_format, always parsed into floats.
EmbeddingVector: TypeAlias = Annotated[list[float], BeforeValidator(_decode_base64_floats)]


class Embedding(ResponseModel):
    """One embedding vector and the index of its input."""

    index: int | None = None
    object: str | None = None
    embedding: EmbeddingVector


class EmbeddingUsage(ResponseModel):
    """Tokens used by the request."""

    prompt_tokens: int = 0
    total_tokens: int = 0


class CreateEmbeddingResponse(ResponseModel):
    """The embeddings of the inputs, in input order."""

    object: str | None = None
    model: str | None = None
    data: list[Embedding]
    usage: EmbeddingUsage | None = None
