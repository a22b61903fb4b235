"""client.files and client.uploads over MockTransport: what goes over the wire (multipart forms,
queries, quoted path ids), typed results, raw bytes, pagination and refused bad input."""

from __future__ import annotations

import json
from typing import Any

import httpx
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
from async_openai_wasm._transport.httpx import HttpxTransport
from async_openai_wasm.types.files import (
    CreateFileRequest,
    FileExpirationAfter,
    FilePurpose,
    OpenAIFile,
    OpenAIFilePurpose,
    OpenAIFileStatus,
)
from async_openai_wasm.types.uploads import Upload, UploadStatus
from support.lazy import first_use

BASE = "http://mock.test/v1"

FILE = {
    "id": "file-abc",
    "object": "file",
    "bytes": 120,
    "created_at": 1700000000,
    "expires_at": 1700003600,
    "filename": "train.jsonl",
    "purpose": "fine-tune",
    "status": "processed",
}

UPLOAD = {
    "id": "upload_abc",
    "object": "upload",
    "bytes": 2147483648,
    "created_at": 1719184911,
    "filename": "training_examples.jsonl",
    "purpose": "fine-tune",
    "status": "pending",
    "expires_at": 1719127296,
}


def replying(body: Any) -> MockTransport:
    return MockTransport(lambda request: Response.from_json(200, body))


def client_with(transport: Any) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base=BASE), transport=transport)


def only_request(transport: MockTransport) -> Request:
    (request,) = transport.requests
    return request


def json_body(request: Request) -> Any:
    assert isinstance(request.body, str)
    return json.loads(request.body)


# --- files.create: multipart -------------------------------------------------------------------


async def test_create_uploads_a_multipart_form_and_returns_the_file() -> None:
    transport = replying(FILE)
    file = await client_with(transport).files.create(
        file=("train.jsonl", b'{"prompt": "x"}\n', "application/jsonl"),
        purpose="fine-tune",
        expires_after={"seconds": 3600},
    )
    assert isinstance(file, OpenAIFile)
    assert (file.id, file.bytes, file.filename) == ("file-abc", 120, "train.jsonl")
    assert file.purpose is OpenAIFilePurpose.fine_tune
    assert file.status is OpenAIFileStatus.processed
    request = only_request(transport)
    assert (request.method, request.url) == ("POST", f"{BASE}/files")
    assert isinstance(request.body, MultipartForm)
    assert request.body.files == [
        ("file", FilePart("train.jsonl", b'{"prompt": "x"}\n', "application/jsonl"))
    ]
    # Objects go as name[key] fields, as OpenAI documents for expires_after.
    assert request.body.fields == [
        ("purpose", "fine-tune"),
        ("expires_after[anchor]", "created_at"),
        ("expires_after[seconds]", "3600"),
    ]


async def test_create_takes_plain_bytes_and_a_request_object() -> None:
    transport = replying(FILE)
    request = CreateFileRequest(file=b"abc", purpose=FilePurpose.batch)
    await client_with(transport).files.create(request)
    body = only_request(transport).body
    assert isinstance(body, MultipartForm)
    assert body.files == [("file", FilePart("upload", b"abc"))]
    assert body.fields == [("purpose", "batch")]


async def test_create_over_httpx_sends_the_file_and_bracketed_fields() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=FILE)

    transport = HttpxTransport(httpx.AsyncClient(transport=httpx.MockTransport(handler)))
    await client_with(transport).files.create(
        file=("a.jsonl", b"line-1\n"),
        purpose="batch",
        expires_after=FileExpirationAfter(seconds=7200),
    )
    (request,) = seen
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    body = request.read()
    assert b'name="purpose"\r\n\r\nbatch\r\n' in body
    assert b'name="expires_after[seconds]"\r\n\r\n7200\r\n' in body
    assert b'filename="a.jsonl"' in body and b"line-1\n" in body


async def test_httpx_sends_a_form_of_text_fields_as_multipart_with_repeats_kept() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=FILE)

    transport = HttpxTransport(httpx.AsyncClient(transport=httpx.MockTransport(handler)))
    form = MultipartForm(fields=[("sdp", "v=0"), ("include[]", "a"), ("include[]", "b")])
    await transport.send(Request("POST", f"{BASE}/realtime/calls", {}, form))
    (request,) = seen
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    body = request.read()
    assert b'name="sdp"\r\n\r\nv=0\r\n' in body
    assert body.count(b'name="include[]"') == 2 and b"\r\n\r\nb\r\n" in body


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"file": "not bytes", "purpose": "batch"}, "file"),
        ({"file": b"x", "purpose": "training"}, "purpose"),
        ({"purpose": "batch"}, "file"),
        ({"file": b"x", "purpose": "batch", "expires_after": {"seconds": 60}}, "seconds"),
        ({"file": b"x", "purpose": "batch", "purpos": "batch"}, "purpos"),
    ],
)
async def test_bad_uploads_are_refused_before_sending(fields: dict[str, Any], named: str) -> None:
    transport = replying(FILE)
    with pytest.raises(InvalidArgumentError, match=named):
        await client_with(transport).files.create(**fields)
    assert transport.requests == []


# --- files: list, retrieve, delete, content ----------------------------------------------------


def paged_files(total: int, size: int) -> MockTransport:
    def handler(request: Request) -> Response:
        query = httpx.URL(request.url).params
        start = int(query["after"].removeprefix("file-")) + 1 if "after" in query else 0
        ids = [f"file-{i}" for i in range(start, min(start + size, total))]
        return Response.from_json(
            200,
            {
                "object": "list",
                "data": [{**FILE, "id": i} for i in ids],
                "first_id": ids[0],
                "last_id": ids[-1],
                "has_more": start + size < total,
            },
        )

    return MockTransport(handler)


async def test_list_sends_the_query_and_awaits_to_the_first_page() -> None:
    transport = paged_files(5, 2)
    page = await client_with(transport).files.list(purpose="batch", limit=2, order="asc")
    assert [f.id for f in page.data] == ["file-0", "file-1"]
    assert page.has_more and all(isinstance(f, OpenAIFile) for f in page.data)
    assert only_request(transport).url == f"{BASE}/files?purpose=batch&limit=2&order=asc"


async def test_list_iterates_every_page_with_after_cursors() -> None:
    transport = paged_files(5, 2)
    ids = [f.id async for f in client_with(transport).files.list(limit=2)]
    assert ids == [f"file-{i}" for i in range(5)]
    assert [r.url for r in transport.requests] == [
        f"{BASE}/files?limit=2",
        f"{BASE}/files?limit=2&after=file-1",
        f"{BASE}/files?limit=2&after=file-3",
    ]


@pytest.mark.parametrize(
    ("query", "named"),
    [({"limit": 0}, "limit"), ({"limit": 10001}, "limit"), ({"order": "newest"}, "order")],
)
def test_bad_list_queries_are_refused(query: dict[str, Any], named: str) -> None:
    transport = replying({})
    with pytest.raises(InvalidArgumentError, match=named):
        client_with(transport).files.list(**query)
    assert transport.requests == []


async def test_retrieve_and_delete_quote_the_id() -> None:
    transport = MockTransport(
        lambda r: Response.from_json(
            200, FILE if r.method == "GET" else {"id": "a/b?c", "object": "file", "deleted": True}
        )
    )
    files = client_with(transport).files
    assert (await files.retrieve("a/b?c")).id == "file-abc"
    deleted = await files.delete("a/b?c")
    assert deleted.deleted and deleted.id == "a/b?c"
    assert [(r.method, r.url, r.body) for r in transport.requests] == [
        ("GET", f"{BASE}/files/a%2Fb%3Fc", None),
        ("DELETE", f"{BASE}/files/a%2Fb%3Fc", None),
    ]


async def test_content_returns_the_raw_bytes() -> None:
    data = bytes(range(256)) * 3  # not text: must come back untouched
    transport = MockTransport(lambda r: Response.from_chunks(200, [data[:100], data[100:]]))
    assert await client_with(transport).files.content("file-abc") == data
    assert only_request(transport).url == f"{BASE}/files/file-abc/content"


@pytest.mark.parametrize("call", ["retrieve", "delete", "content"])
async def test_an_empty_file_id_is_refused(call: str) -> None:
    transport = replying(FILE)
    with pytest.raises(InvalidArgumentError, match="file_id"):
        await getattr(client_with(transport).files, call)("")
    assert transport.requests == []


async def test_a_file_of_unknown_shape_is_still_returned() -> None:
    transport = replying({"id": "f", "purpose": "something_new", "status": "x", "note": 1})
    file = await client_with(transport).files.retrieve("f")
    assert (file.purpose, file.status) == ("something_new", "x")
    assert file.model_extra == {"note": 1}


# --- uploads ----------------------------------------------------------------------------------


async def test_upload_create_sends_json() -> None:
    transport = replying(UPLOAD)
    upload = await client_with(transport).uploads.create(
        filename="training_examples.jsonl",
        purpose="fine-tune",
        bytes=2147483648,
        mime_type="text/jsonl",
    )
    assert isinstance(upload, Upload) and upload.status is UploadStatus.pending
    request = only_request(transport)
    assert (request.method, request.url) == ("POST", f"{BASE}/uploads")
    assert json_body(request) == {
        "filename": "training_examples.jsonl",
        "purpose": "fine-tune",
        "bytes": 2147483648,
        "mime_type": "text/jsonl",
    }


async def test_add_part_sends_the_data_as_a_multipart_file() -> None:
    part = {"id": "part_def", "object": "upload.part", "created_at": 1, "upload_id": "upload_abc"}
    transport = replying(part)
    result = await client_with(transport).uploads.add_part("upload_abc", data=b"\x00chunk")
    assert (result.id, result.upload_id) == ("part_def", "upload_abc")
    request = only_request(transport)
    assert (request.method, request.url) == ("POST", f"{BASE}/uploads/upload_abc/parts")
    assert request.body == MultipartForm([], [("data", FilePart("upload", b"\x00chunk"))])


async def test_complete_sends_the_part_ids_and_returns_the_file() -> None:
    transport = replying({**UPLOAD, "status": "completed", "file": FILE})
    upload = await client_with(transport).uploads.complete(
        "upload_abc", part_ids=["part_1", "part_2"], md5="d41d8cd98f00b204e9800998ecf8427e"
    )
    assert upload.status is UploadStatus.completed
    assert isinstance(upload.file, OpenAIFile) and upload.file.id == "file-abc"
    request = only_request(transport)
    assert request.url == f"{BASE}/uploads/upload_abc/complete"
    assert json_body(request) == {
        "part_ids": ["part_1", "part_2"],
        "md5": "d41d8cd98f00b204e9800998ecf8427e",
    }


async def test_cancel_posts_without_a_body() -> None:
    transport = replying({**UPLOAD, "status": "cancelled"})
    upload = await client_with(transport).uploads.cancel("upload_abc")
    assert upload.status is UploadStatus.cancelled
    request = only_request(transport)
    assert (request.method, request.url, request.body) == (
        "POST",
        f"{BASE}/uploads/upload_abc/cancel",
        None,
    )


@pytest.mark.parametrize(
    ("call", "args", "fields", "named"),
    [
        (
            "create",
            (),
            {"filename": "a", "purpose": "batch", "bytes": -1, "mime_type": "x"},
            "bytes",
        ),
        ("create", (), {"filename": "a", "purpose": "batch", "bytes": 1}, "mime_type"),
        ("add_part", ("upload_abc",), {"data": 12}, "data"),
        ("add_part", ("",), {"data": b"x"}, "upload_id"),
        ("complete", ("upload_abc",), {"md5": "x"}, "part_ids"),
        ("cancel", ("",), {}, "upload_id"),
    ],
)
async def test_bad_upload_calls_are_refused_before_sending(
    call: str, args: tuple[str, ...], fields: dict[str, Any], named: str
) -> None:
    transport = replying(UPLOAD)
    with pytest.raises(InvalidArgumentError, match=named):
        await getattr(client_with(transport).uploads, call)(*args, **fields)
    assert transport.requests == []


# --- lazy loading of the storage groups --------------------------------------------------------

# Type modules each group may load: its own (uploads return Files, so they load the file types;
# fine-tuning's sub-groups share checkpoint permissions and the graders with it).
STORAGE_TYPES = {
    "files": {"files"},
    "uploads": {"uploads", "files"},
    "fine_tuning": {"fine_tuning", "fine_tuning_permissions", "graders"},
    "batches": {"batches"},
    "vector_stores": {"vector_stores"},
}


@pytest.mark.parametrize("group", sorted(STORAGE_TYPES))
def test_a_storage_group_loads_on_first_use_with_only_its_types(group: str) -> None:
    loaded = first_use(group)
    assert loaded.module not in loaded.before and loaded.module in loaded.after
    assert loaded.types == STORAGE_TYPES[group]
