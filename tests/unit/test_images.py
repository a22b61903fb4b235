"""client.images over MockTransport: generate (JSON), edit and create_variation (multipart),
results as url or b64_json."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    MockTransport,
    MultipartForm,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm._transport import FilePart
from async_openai_wasm.types.images import (
    CreateImageRequest,
    Image,
    ImageOutputFormat,
    ImageQuality,
    ImageSize,
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
URL_ANSWER = {
    "created": 1700000000,
    "data": [{"url": "https://cdn.example/img.png", "revised_prompt": "a red cat, studio light"}],
}
B64_ANSWER = {
    "created": 1700000000,
    "data": [{"b64_json": base64.b64encode(PNG).decode()}],
    "output_format": "png",
    "quality": "high",
    "size": "1024x1024",
    "background": "opaque",
    "usage": {
        "input_tokens": 50,
        "output_tokens": 4160,
        "total_tokens": 4210,
        "input_tokens_details": {"text_tokens": 50, "image_tokens": 0},
    },
}


def client_with(transport: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"), transport=transport)


def form_of(request: Request) -> MultipartForm:
    assert isinstance(request.body, MultipartForm)
    return request.body


async def test_generate_posts_json_and_returns_url_images() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, URL_ANSWER))
    result = await client_with(transport).images.generate(
        prompt="a red cat", model="dall-e-3", size="1792x1024", style="natural", n=1
    )
    (image,) = result.data
    assert image.url == "https://cdn.example/img.png"
    assert image.revised_prompt == "a red cat, studio light"
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/images/generations")
    assert json.loads(request.body) == {  # type: ignore[arg-type]
        "prompt": "a red cat",
        "model": "dall-e-3",
        "size": "1792x1024",
        "style": "natural",
        "n": 1,
    }


async def test_b64_json_images_decode_to_the_file_bytes() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, B64_ANSWER))
    request = CreateImageRequest(
        prompt="a red cat", model="gpt-image-1", quality=ImageQuality.high, size="1024x1024"
    )
    result = await client_with(transport).images.generate(request)
    assert result.data[0].to_bytes() == PNG
    assert result.output_format is ImageOutputFormat.png
    assert result.size is ImageSize.S1024x1024
    assert result.usage is not None and result.usage.total_tokens == 4210


def test_a_url_image_has_no_bytes_to_decode() -> None:
    with pytest.raises(InvalidArgumentError, match='response_format="b64_json"'):
        Image(url="https://cdn.example/img.png").to_bytes()


async def test_edit_uploads_several_images_and_a_mask_as_multipart() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, B64_ANSWER))
    await client_with(transport).images.edit(
        image=[("a.png", PNG, "image/png"), ("b.webp", b"RIFF")],
        mask=("mask.png", PNG, "image/png"),
        prompt="put them together",
        model="gpt-image-1",
        input_fidelity="high",
        n=2,
    )
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/images/edits")
    form = form_of(request)
    assert form.files == [
        ("image[]", FilePart("a.png", PNG, "image/png")),
        ("image[]", FilePart("b.webp", b"RIFF")),
        ("mask", FilePart("mask.png", PNG, "image/png")),
    ]
    assert form.fields == [
        ("prompt", "put them together"),
        ("model", "gpt-image-1"),
        ("n", "2"),
        ("input_fidelity", "high"),
    ]


async def test_edit_with_one_image_sends_a_plain_image_field() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, URL_ANSWER))
    await client_with(transport).images.edit(image=PNG, prompt="add a hat", model="dall-e-2")
    assert form_of(transport.requests[0]).files == [("image", FilePart("upload", PNG))]


async def test_create_variation_uploads_the_image_with_its_options() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, URL_ANSWER))
    result = await client_with(transport).images.create_variation(
        image=("cat.png", PNG, "image/png"), n=3, size="256x256", response_format="url"
    )
    assert result.data[0].url == "https://cdn.example/img.png"
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/images/variations")
    form = form_of(request)
    assert form.files == [("image", FilePart("cat.png", PNG, "image/png"))]
    assert form.fields == [("n", "3"), ("response_format", "url"), ("size", "256x256")]


@pytest.mark.parametrize(
    ("call", "fields", "message"),
    [
        ("generate", {"prompt": "x", "n": 11}, "n: Input should be less than or equal to 10"),
        ("generate", {"prompt": "x", "style": "anime"}, "style"),
        ("generate", {"prompt": "x", "stream": True}, "generate_stream"),
        ("edit", {"prompt": "x", "image": PNG, "stream": True}, "edit_stream"),
        ("generate_stream", {"prompt": "x", "partial_images": 4}, "partial_images"),
        ("edit", {"prompt": "x", "image": "cat.png"}, "image.file: Value error, a file must be"),
        ("edit", {"prompt": "x", "image": []}, "image.files: List should have at least 1"),
        ("edit", {"prompt": "x", "image": [PNG] * 17}, "image.files: List should have at most"),
        ("edit", {"prompt": "x", "image": PNG, "quality": "hd"}, "quality 'hd'"),
        ("edit", {"image": PNG}, "prompt: Field required"),
        ("create_variation", {"image": PNG, "size": "1024x1792"}, "size"),
        ("create_variation", {"image": None}, "image"),
    ],
)
async def test_bad_calls_are_refused_before_sending(
    call: str, fields: dict[str, Any], message: str
) -> None:
    transport = MockTransport(lambda r: Response.from_json(200, URL_ANSWER))
    with pytest.raises(InvalidArgumentError, match=message):
        await getattr(client_with(transport).images, call)(**fields)
    assert transport.requests == []
