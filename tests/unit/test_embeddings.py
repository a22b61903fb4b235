"""client.embeddings over MockTransport: float and base64 vectors, input forms, bad input."""

from __future__ import annotations

import base64
import json
import struct
from typing import Any

import pytest

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    JSONDeserializeError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm.types.embeddings import CreateEmbeddingRequest, EncodingFormat

# Exactly representable in float32, so a base64 round trip gives the same numbers.
VECTORS = [[0.5, -1.25, 3.0], [0.0, 0.125, -0.0625]]


def client_with(transport: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"), transport=transport)


def float32_base64(vector: list[float]) -> str:
    return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()


def answer(vectors: list[Any]) -> dict[str, Any]:
    return {
        "object": "list",
        "model": "text-embedding-3-small",
        "data": [
            {"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)
        ],
        "usage": {"prompt_tokens": 4, "total_tokens": 4},
    }


async def test_create_posts_the_request_and_returns_float_vectors() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, answer(VECTORS)))
    result = await client_with(transport).embeddings.create(
        model="text-embedding-3-small", input=["a", "b"], dimensions=3
    )
    assert [e.embedding for e in result.data] == VECTORS
    assert [e.index for e in result.data] == [0, 1]
    assert result.usage is not None and result.usage.prompt_tokens == 4
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/embeddings")
    assert json.loads(request.body) == {  # type: ignore[arg-type]
        "model": "text-embedding-3-small",
        "input": ["a", "b"],
        "dimensions": 3,
    }


async def test_base64_vectors_are_decoded_to_floats() -> None:
    def handler(request: Request) -> Response:
        assert json.loads(request.body)["encoding_format"] == "base64"  # type: ignore[arg-type]
        return Response.from_json(200, answer([float32_base64(v) for v in VECTORS]))

    request = CreateEmbeddingRequest(model="m", input="hi", encoding_format=EncodingFormat.base64)
    result = await client_with(MockTransport(handler)).embeddings.create(request)
    assert [e.embedding for e in result.data] == VECTORS
    assert all(isinstance(x, float) for x in result.data[0].embedding)


async def test_a_long_base64_vector_keeps_float32_precision() -> None:
    vector = [struct.unpack("<f", struct.pack("<f", i / 7))[0] for i in range(1536)]
    transport = MockTransport(lambda r: Response.from_json(200, answer([float32_base64(vector)])))
    result = await client_with(transport).embeddings.create(
        model="m", input="hi", encoding_format="base64"
    )
    assert result.data[0].embedding == vector


@pytest.mark.parametrize(
    "value",
    ["hello", ["a", "b"], [0, 100257, 200000], [[1, 2], [3]]],
    ids=["text", "texts", "token-ids", "token-id-arrays"],
)
async def test_every_input_form_is_sent_as_given(value: Any) -> None:
    transport = MockTransport(lambda r: Response.from_json(200, answer(VECTORS)))
    await client_with(transport).embeddings.create(model="m", input=value)
    assert json.loads(transport.requests[0].body)["input"] == value  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"input": []}, "input.texts: List should have at least 1 item"),
        ({"input": [5, -1]}, "input.tokens.1: Input should be greater than or equal to 0"),
        ({"input": [[1], []]}, "input.token_arrays.1: List should have at least 1 item"),
        ({"input": ["a", 1]}, "input.texts.1: Input should be a valid string"),
        ({"input": ["x"] * 2049}, "input.texts: List should have at most 2048 items"),
        ({"input": "x", "dimensions": 0}, "dimensions"),
        ({"input": "x", "encoding_format": "float16"}, "encoding_format"),
    ],
)
async def test_bad_input_is_refused_before_sending(fields: dict[str, Any], message: str) -> None:
    transport = MockTransport(lambda r: Response.from_json(200, answer(VECTORS)))
    with pytest.raises(InvalidArgumentError, match=message):
        await client_with(transport).embeddings.create(model="m", **fields)
    assert transport.requests == []


@pytest.mark.parametrize(
    ("vector", "message"),
    [("not base64!", "not valid base64"), (base64.b64encode(b"12345").decode(), "5 bytes")],
)
async def test_a_broken_base64_vector_is_a_deserialize_error(vector: str, message: str) -> None:
    transport = MockTransport(lambda r: Response.from_json(200, answer([vector])))
    with pytest.raises(JSONDeserializeError, match=message) as info:
        await client_with(transport).embeddings.create(model="m", input="x")
    assert vector in info.value.raw
