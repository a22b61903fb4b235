"""List pagination and multipart file inputs, over mock transports."""

from __future__ import annotations

import httpx
import pytest
from pydantic import ValidationError

from async_openai_wasm import MockTransport, OpenAIConfig, Request, Response
from async_openai_wasm._files import FileInput, multipart_form, to_file_part
from async_openai_wasm._pipeline import Pipeline, RequestOptions
from async_openai_wasm._transport import FilePart
from async_openai_wasm._transport.httpx import HttpxTransport
from async_openai_wasm.types._base import RequestModel, ResponseModel


class Item(ResponseModel):
    id: str


def pipeline(transport: object) -> Pipeline:
    config = OpenAIConfig(api_key="k", api_base="http://mock.test/v1")
    return Pipeline(config, transport, RequestOptions())  # type: ignore[arg-type]


def paged_handler(total: int, size: int) -> MockTransport:
    def handler(request: Request) -> Response:
        query = httpx.URL(request.url).params
        start = int(query["after"][4:]) + 1 if "after" in query else 0
        ids = [f"item{i}" for i in range(start, min(start + size, total))]
        return Response.from_json(
            200,
            {
                "object": "list",
                "data": [{"id": i} for i in ids],
                "has_more": start + size < total,
                "first_id": ids[0] if ids else None,
                "last_id": ids[-1] if ids else None,
            },
        )

    return MockTransport(handler)


async def test_await_gives_the_first_page() -> None:
    page = await pipeline(paged_handler(7, 3)).page("/items", Item, query={"limit": 3})
    assert [i.id for i in page.data] == ["item0", "item1", "item2"]
    assert page.has_more


async def test_iterating_walks_every_page_with_after_cursors() -> None:
    transport = paged_handler(7, 3)
    items = [i.id async for i in pipeline(transport).page("/items", Item, query={"limit": 3})]
    assert items == [f"item{i}" for i in range(7)]
    urls = [r.url for r in transport.requests]
    assert urls == [
        "http://mock.test/v1/items?limit=3",
        "http://mock.test/v1/items?limit=3&after=item2",
        "http://mock.test/v1/items?limit=3&after=item5",
    ]


async def test_a_list_without_has_more_is_one_page() -> None:
    transport = MockTransport(lambda r: Response.from_json(200, {"data": [{"id": "a"}]}))
    assert [i.id async for i in pipeline(transport).page("/models", Item)] == ["a"]
    assert len(transport.requests) == 1


class Upload(RequestModel):
    file: FileInput
    purpose: str
    tags: list[str] | None = None
    stream: bool | None = None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b"abc", FilePart("upload", b"abc")),
        (("a.jsonl", b"{}"), FilePart("a.jsonl", b"{}")),
        (("a.png", b"x", "image/png"), FilePart("a.png", b"x", "image/png")),
    ],
)
def test_file_inputs(value: object, expected: FilePart) -> None:
    assert to_file_part(value) == expected


def test_bad_file_input_names_the_field() -> None:
    with pytest.raises(ValidationError, match="file"):
        Upload(file="not-bytes", purpose="x")


def test_multipart_form_fields() -> None:
    form = multipart_form(
        Upload(file=("a.txt", b"hi"), purpose="batch", tags=["x", "y"], stream=False)
    )
    assert form.files == [("file", FilePart("a.txt", b"hi"))]
    assert form.fields == [
        ("purpose", "batch"),
        ("tags[]", "x"),
        ("tags[]", "y"),
        ("stream", "false"),
    ]


async def test_httpx_transport_encodes_multipart() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": "file-1"})

    transport = HttpxTransport(httpx.AsyncClient(transport=httpx.MockTransport(handler)))
    form = multipart_form(Upload(file=("a.txt", b"hello"), purpose="batch"))
    item = await pipeline(transport).json("POST", "/files", Item, body=form)
    assert item.id == "file-1"
    body = seen[0].read()
    assert seen[0].headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="purpose"\r\n\r\nbatch' in body
    assert b'filename="a.txt"' in body and b"hello" in body


async def test_recording_transport_passes_on_and_keeps_requests() -> None:
    from async_openai_wasm import RecordingTransport

    inner = MockTransport(lambda r: Response.from_json(200, {"id": "x"}))
    recording = RecordingTransport(inner)
    item = await pipeline(recording).json("POST", "/items", Item, body={"a": 1})
    assert item.id == "x"
    assert [r.url for r in recording.requests] == ["http://mock.test/v1/items"]
    assert recording.requests == inner.requests


async def test_a_repeated_cursor_stops_with_an_error_instead_of_looping() -> None:
    from async_openai_wasm import StreamError

    page = {"data": [{"id": "a"}], "has_more": True, "last_id": "a"}
    transport = MockTransport(lambda r: Response.from_json(200, page))
    seen = []
    with pytest.raises(StreamError, match="repeated the cursor 'a'"):
        async for item in pipeline(transport).page("/items", Item):
            seen.append(item.id)
    assert seen == ["a", "a"]
    assert len(transport.requests) == 2
