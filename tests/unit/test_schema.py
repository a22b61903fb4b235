"""Strict JSON schemas from pydantic models, tested on a corpus: each accepted model's schema
has what strict mode requires, a value generated from the schema parses back into the model
through client.chat.parse, and what strict mode cannot express is refused before sending."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel, TypeAdapter

from async_openai_wasm import Client, InvalidArgumentError, MockTransport, OpenAIConfig, Response
from async_openai_wasm.lib import pydantic_function_tool, to_strict_json_schema
from async_openai_wasm.testing._json_values import example_value
from support.schema_corpus import ACCEPTED, REFUSED, Node


def walk(node: Any) -> Any:
    """Every schema object inside a schema."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for inner in value.values():
                    yield from walk(inner)
            elif key in ("items", "anyOf"):
                yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


@pytest.mark.parametrize("model", ACCEPTED, ids=lambda m: m.__name__)
def test_every_object_is_closed_with_every_property_required(model: type[BaseModel]) -> None:
    schema = to_strict_json_schema(model)
    assert schema["type"] == "object"
    objects = [node for node in walk(schema) if node.get("type") == "object"]
    assert objects
    for node in objects:
        assert node["additionalProperties"] is False
        assert node["required"] == list(node["properties"])
    for node in walk(schema):
        assert not {"oneOf", "default", "allOf", "discriminator"} & node.keys()
        assert len(node) == 1 or "$ref" not in node  # a $ref stands alone
    Draft202012Validator.check_schema(schema)
    assert to_strict_json_schema(model) == schema  # the model's own schema is left as it was


@pytest.mark.parametrize("model", ACCEPTED, ids=lambda m: m.__name__)
async def test_parse_gives_each_model_of_the_corpus(model: type[BaseModel]) -> None:
    sent: list[Any] = []

    def answer(request: Any) -> Response:
        body = json.loads(request.body)
        sent.append(body)
        schema = body["response_format"]["json_schema"]["schema"]
        value = example_value(schema)
        Draft202012Validator(schema).validate(value)  # the generator makes valid values
        message = {"role": "assistant", "content": json.dumps(value)}
        return Response.from_json(200, {
            "id": "c", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        })  # fmt: skip

    client = Client(
        OpenAIConfig(api_key="sk-t", api_base="http://m/v1"), transport=MockTransport(answer)
    )
    completion = await client.chat.parse(
        model="m", messages=[{"role": "user", "content": "x"}], response_format=model
    )
    parsed = completion.choices[0].message.parsed
    assert isinstance(parsed, model)
    (body,) = sent
    assert body["response_format"]["json_schema"]["name"] == model.__name__
    assert body["response_format"]["json_schema"]["strict"] is True


@pytest.mark.parametrize(("model", "named"), REFUSED, ids=lambda m: getattr(m, "__name__", ""))
async def test_what_strict_mode_cannot_express_is_refused_before_sending(
    model: type[BaseModel], named: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=named):
        to_strict_json_schema(model)
    transport = MockTransport(lambda request: Response.from_json(500, {}))
    client = Client(OpenAIConfig(api_key="sk-t", api_base="http://m/v1"), transport=transport)
    with pytest.raises(InvalidArgumentError, match=model.__name__):
        await client.chat.parse(
            model="m", messages=[{"role": "user", "content": "x"}], response_format=model
        )
    with pytest.raises(InvalidArgumentError):
        pydantic_function_tool(model)
    assert transport.requests == []


def test_a_root_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="object at the root"):
        to_strict_json_schema(TypeAdapter(int | str))
    with pytest.raises(InvalidArgumentError, match="pydantic model"):
        to_strict_json_schema(dict)  # type: ignore[arg-type]


def test_recursive_model_keeps_its_refs() -> None:
    schema = to_strict_json_schema(Node)
    assert schema["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert schema["$defs"]["Node"]["additionalProperties"] is False
    value = example_value(schema)
    assert Node.model_validate(value).label == "label"
