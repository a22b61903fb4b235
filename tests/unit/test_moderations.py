"""client.moderations over MockTransport: text and multimodal input, typed categories."""

from __future__ import annotations

import json
from typing import Any

import pytest

from async_openai_wasm import Client, InvalidArgumentError, MockTransport, OpenAIConfig, Response
from async_openai_wasm.types.moderations import (
    ModerationContentPartImageUrl,
    ModerationContentPartText,
    ModerationImageUrl,
    ModInputType,
)

CATEGORIES = [
    "hate",
    "hate/threatening",
    "harassment",
    "harassment/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/intent",
    "self-harm/instructions",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
]


def result(flagged: str) -> dict[str, Any]:
    return {
        "flagged": True,
        "categories": {c: c == flagged for c in CATEGORIES},
        "category_scores": {c: 0.9 if c == flagged else 0.01 for c in CATEGORIES},
        "category_applied_input_types": {c: ["text", "image"] for c in CATEGORIES},
    }


ANSWER = {"id": "modr-1", "model": "omni-moderation-latest", "results": [result("self-harm")]}


def client_with(transport: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"), transport=transport)


async def test_create_classifies_text_into_typed_categories() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, ANSWER))
    moderation = await client_with(transport).moderations.create(input="I want to hurt myself")
    (outcome,) = moderation.results
    assert outcome.flagged
    assert outcome.categories.self_harm and not outcome.categories.hate_threatening
    assert outcome.category_scores.self_harm == 0.9
    assert outcome.category_scores.violence_graphic == 0.01
    applied = outcome.category_applied_input_types
    assert applied is not None and applied.self_harm == [ModInputType.text, ModInputType.image]
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/moderations")
    assert json.loads(request.body) == {"input": "I want to hurt myself"}  # type: ignore[arg-type]


async def test_multimodal_parts_are_sent_with_their_type_tags() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, ANSWER))
    await client_with(transport).moderations.create(
        model="omni-moderation-latest",
        input=[
            ModerationContentPartText(text="caption"),
            ModerationContentPartImageUrl(
                image_url=ModerationImageUrl(url="https://example.com/a.png")
            ),
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
        ],
    )
    assert json.loads(transport.requests[0].body) == {  # type: ignore[arg-type]
        "model": "omni-moderation-latest",
        "input": [
            {"type": "text", "text": "caption"},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
        ],
    }


async def test_answers_of_older_text_models_parse() -> None:
    # text-moderation-* send no applied input types and null illicit categories.
    old = result("hate")
    del old["category_applied_input_types"]
    old["categories"]["illicit"] = old["categories"]["illicit/violent"] = None
    del old["category_scores"]["illicit"]
    answer = {"id": "modr-2", "model": "text-moderation-007", "results": [old, result("violence")]}
    transport = MockTransport(lambda r: Response.from_json(200, answer))
    moderation = await client_with(transport).moderations.create(input=["a", "b"])
    first, second = moderation.results
    assert first.categories.hate and first.categories.illicit is None
    assert first.category_applied_input_types is None
    assert first.category_scores.illicit is None
    assert second.categories.violence
    assert json.loads(transport.requests[0].body) == {"input": ["a", "b"]}  # type: ignore[arg-type]


async def test_an_unknown_applied_input_type_is_kept_as_a_string() -> None:
    answer = json.loads(json.dumps(ANSWER))
    answer["results"][0]["category_applied_input_types"]["violence"] = ["video"]
    transport = MockTransport(lambda r: Response.from_json(200, answer))
    moderation = await client_with(transport).moderations.create(input="x")
    applied = moderation.results[0].category_applied_input_types
    assert applied is not None and applied.violence == ["video"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([{"type": "video", "url": "x"}], "input.parts.0: Input tag 'video'"),
        ([{"type": "text"}], r"input.parts.0.text.text: Field required"),
        (["a", {"type": "text", "text": "b"}], "input.texts.1: Input should be a valid string"),
        (42, "input.texts: Input should be a valid list"),
    ],
)
async def test_bad_input_is_refused_before_sending(value: Any, message: str) -> None:
    transport = MockTransport(lambda r: Response.from_json(200, ANSWER))
    with pytest.raises(InvalidArgumentError, match=message):
        await client_with(transport).moderations.create(input=value)
    assert transport.requests == []
