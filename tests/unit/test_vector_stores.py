"""client.vector_stores (stores, .files and .file_batches) over MockTransport: bodies, paths,
queries, typed results, search filters, clearing fields with None, and refused bad input."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm.types.vector_stores import (
    StaticChunkingStrategy,
    StaticChunkingStrategyResponseParam,
    VectorStoreFileBatchObject,
    VectorStoreFileBatchStatus,
    VectorStoreFileErrorCode,
    VectorStoreFileObject,
    VectorStoreObject,
    VectorStoreSearchRequest,
    VectorStoreStatus,
)

BASE = "http://mock.test/v1"
STORE_URL = f"{BASE}/vector_stores/vs_abc"

STORE = {
    "id": "vs_abc",
    "object": "vector_store",
    "created_at": 1699061776,
    "name": "Support FAQ",
    "usage_bytes": 139920,
    "file_counts": {"in_progress": 0, "completed": 3, "failed": 0, "cancelled": 0, "total": 3},
    "status": "completed",
    "expires_after": {"anchor": "last_active_at", "days": 7},
    "last_active_at": 1699061776,
    "metadata": {},
}

STORE_FILE = {
    "id": "file-abc",
    "object": "vector_store.file",
    "usage_bytes": 1234,
    "created_at": 1699061776,
    "vector_store_id": "vs_abc",
    "status": "failed",
    "last_error": {"code": "unsupported_file", "message": "no"},
    "chunking_strategy": {
        "type": "static",
        "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
    },
    "attributes": {"lang": "en", "pages": 3, "draft": False},
}

BATCH = {
    "id": "vsfb_abc",
    "object": "vector_store.files_batch",
    "created_at": 1699061776,
    "vector_store_id": "vs_abc",
    "status": "in_progress",
    "file_counts": {"in_progress": 1, "completed": 1, "failed": 0, "cancelled": 0, "total": 2},
}


def client_with(transport: Any) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base=BASE), transport=transport)


def replying(body: Any) -> MockTransport:
    return MockTransport(lambda request: Response.from_json(200, body))


def sent(transport: MockTransport) -> list[tuple[str, str, Any]]:
    """(method, url, JSON body or None) of every request."""
    return [
        (r.method, r.url, None if r.body is None else json.loads(r.body))  # type: ignore[arg-type]
        for r in transport.requests
    ]


# --- stores ------------------------------------------------------------------------------------


async def test_create_sends_the_store_and_returns_it_typed() -> None:
    transport = replying(STORE)
    store = await client_with(transport).vector_stores.create(
        name="Support FAQ",
        file_ids=["file-1"],
        expires_after={"days": 7},
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
        },
    )
    assert isinstance(store, VectorStoreObject) and store.status is VectorStoreStatus.completed
    assert store.file_counts is not None and store.file_counts.completed == 3
    assert sent(transport) == [
        (
            "POST",
            f"{BASE}/vector_stores",
            {
                "name": "Support FAQ",
                "file_ids": ["file-1"],
                "expires_after": {"anchor": "last_active_at", "days": 7},
                "chunking_strategy": {
                    "type": "static",
                    "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
                },
            },
        )
    ]


async def test_retrieve_update_and_delete_address_the_store() -> None:
    def handler(request: Request) -> Response:
        if request.method == "DELETE":
            return Response.from_json(
                200, {"id": "vs_abc", "object": "vector_store.deleted", "deleted": True}
            )
        return Response.from_json(200, STORE)

    transport = MockTransport(handler)
    stores = client_with(transport).vector_stores
    assert (await stores.retrieve("vs_abc")).name == "Support FAQ"
    await stores.update("vs_abc", name="FAQ", expires_after=None)
    assert (await stores.delete("vs_abc")).deleted
    # expires_after=None is sent as null, which clears it; fields not given are not sent.
    assert sent(transport) == [
        ("GET", STORE_URL, None),
        ("POST", STORE_URL, {"name": "FAQ", "expires_after": None}),
        ("DELETE", STORE_URL, None),
    ]


async def test_list_sends_every_query_parameter() -> None:
    transport = replying({"object": "list", "data": [STORE], "has_more": False})
    page = await client_with(transport).vector_stores.list(
        limit=10, order="asc", after="vs_1", before="vs_9"
    )
    assert [s.id for s in page.data] == ["vs_abc"]
    assert transport.requests[0].url == (
        f"{BASE}/vector_stores?limit=10&order=asc&after=vs_1&before=vs_9"
    )


async def test_search_sends_nested_filters_and_returns_results() -> None:
    results = {
        "object": "vector_store.search_results.page",
        "search_query": ["return policy"],
        "data": [
            {
                "file_id": "file-1",
                "filename": "faq.md",
                "score": 0.9,
                "attributes": {"lang": "en"},
                "content": [{"type": "text", "text": "Returns within 30 days."}],
            }
        ],
        "has_more": False,
        "next_page": None,
    }
    transport = replying(results)
    filters = {
        "type": "and",
        "filters": [
            {"type": "eq", "key": "lang", "value": "en"},
            {"type": "or", "filters": [{"type": "gte", "key": "pages", "value": 2}]},
        ],
    }
    page = await client_with(transport).vector_stores.search(
        "vs_abc",
        query="return policy",
        max_num_results=5,
        filters=filters,
        ranking_options={"ranker": "auto", "score_threshold": 0.5},
    )
    assert page.data[0].content[0].text == "Returns within 30 days."
    assert page.search_query == ["return policy"]
    assert sent(transport) == [
        (
            "POST",
            f"{STORE_URL}/search",
            {
                "query": "return policy",
                "max_num_results": 5,
                "filters": filters,
                "ranking_options": {"ranker": "auto", "score_threshold": 0.5},
            },
        )
    ]


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"query": "q", "max_num_results": 51}, "max_num_results"),
        ({"query": []}, "query"),
        ({"query": "q", "filters": {"type": "xor", "filters": []}}, r"filters\.compound\.type"),
        ({"query": "q", "ranking_options": {"ranker": "best"}}, "ranker"),
    ],
)
async def test_bad_searches_are_refused(fields: dict[str, Any], named: str) -> None:
    transport = replying({})
    with pytest.raises(InvalidArgumentError, match=named):
        await client_with(transport).vector_stores.search("vs_abc", **fields)
    assert transport.requests == []


async def test_search_takes_a_request_object() -> None:
    transport = replying({"data": []})
    await client_with(transport).vector_stores.search(
        "vs_abc", VectorStoreSearchRequest(query=["a", "b"], rewrite_query=True)
    )
    assert sent(transport)[0][2] == {"query": ["a", "b"], "rewrite_query": True}


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"expires_after": {"days": 366}}, "days"),
        ({"file_ids": ["f"] * 501}, "file_ids"),
        (
            {
                "chunking_strategy": {
                    "type": "static",
                    "static": {"max_chunk_size_tokens": 99, "chunk_overlap_tokens": 0},
                }
            },
            "max_chunk_size_tokens",
        ),
        (
            {
                "chunking_strategy": {
                    "type": "static",
                    "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 401},
                }
            },
            "chunk_overlap_tokens",
        ),
        ({"chunking_strategy": {"type": "semantic"}}, "semantic"),
    ],
)
async def test_bad_stores_are_refused(fields: dict[str, Any], named: str) -> None:
    transport = replying(STORE)
    with pytest.raises(InvalidArgumentError, match=named):
        await client_with(transport).vector_stores.create(**fields)
    assert transport.requests == []


# --- files -------------------------------------------------------------------------------------


async def test_files_create_retrieve_update_delete() -> None:
    def handler(request: Request) -> Response:
        if request.method == "DELETE":
            return Response.from_json(
                200, {"id": "file-abc", "object": "vector_store.file.deleted", "deleted": True}
            )
        return Response.from_json(200, STORE_FILE)

    transport = MockTransport(handler)
    files = client_with(transport).vector_stores.files
    created = await files.create(
        "vs_abc", file_id="file-abc", attributes={"lang": "en", "pages": 3, "draft": False}
    )
    assert isinstance(created, VectorStoreFileObject)
    assert created.last_error is not None
    assert created.last_error.code is VectorStoreFileErrorCode.unsupported_file
    assert isinstance(created.chunking_strategy, StaticChunkingStrategyResponseParam)
    assert created.chunking_strategy.static == StaticChunkingStrategy(
        max_chunk_size_tokens=800, chunk_overlap_tokens=400
    )
    assert created.attributes == {"lang": "en", "pages": 3, "draft": False}
    await files.retrieve("vs_abc", "file-abc")
    await files.update("vs_abc", "file-abc", attributes=None)
    assert (await files.delete("vs_abc", "file-abc")).deleted
    assert sent(transport) == [
        (
            "POST",
            f"{STORE_URL}/files",
            {"file_id": "file-abc", "attributes": {"lang": "en", "pages": 3, "draft": False}},
        ),
        ("GET", f"{STORE_URL}/files/file-abc", None),
        ("POST", f"{STORE_URL}/files/file-abc", {"attributes": None}),
        ("DELETE", f"{STORE_URL}/files/file-abc", None),
    ]


async def test_files_list_filters_by_status_and_pages() -> None:
    def handler(request: Request) -> Response:
        after = httpx.URL(request.url).params.get("after")
        ids = ["file-1", "file-2"] if after is None else ["file-3"]
        data = [{**STORE_FILE, "id": i} for i in ids]
        return Response.from_json(
            200, {"object": "list", "data": data, "last_id": ids[-1], "has_more": after is None}
        )

    transport = MockTransport(handler)
    listing = client_with(transport).vector_stores.files.list("vs_abc", filter="failed", limit=2)
    assert [f.id async for f in listing] == ["file-1", "file-2", "file-3"]
    assert [r.url for r in transport.requests] == [
        f"{STORE_URL}/files?limit=2&filter=failed",
        f"{STORE_URL}/files?limit=2&filter=failed&after=file-2",
    ]


async def test_files_content_returns_the_parsed_text() -> None:
    content = {
        "object": "vector_store.file_content.page",
        "data": [{"type": "text", "text": "Hello"}],
        "has_more": False,
        "next_page": None,
    }
    transport = replying(content)
    page = await client_with(transport).vector_stores.files.content("vs_abc", "file-abc")
    assert [c.text for c in page.data] == ["Hello"]
    assert transport.requests[0].url == f"{STORE_URL}/files/file-abc/content"


@pytest.mark.parametrize(
    ("call", "args", "fields", "named"),
    [
        ("create", ("vs_abc",), {"attributes": {"a": "b"}}, "file_id"),
        ("create", ("vs_abc",), {"file_id": "f", "attributes": {"a": [1]}}, "attributes"),
        ("create", ("vs_abc",), {"file_id": "f", "attributes": {"k" * 65: "v"}}, "attributes"),
        ("update", ("vs_abc", "f"), {}, "attributes"),
        ("retrieve", ("", "f"), {}, "vector_store_id"),
        ("delete", ("vs_abc", ""), {}, "file_id"),
        ("content", ("vs_abc", ""), {}, "file_id"),
    ],
)
async def test_bad_file_calls_are_refused(
    call: str, args: tuple[str, ...], fields: dict[str, Any], named: str
) -> None:
    transport = replying(STORE_FILE)
    with pytest.raises(InvalidArgumentError, match=named):
        await getattr(client_with(transport).vector_stores.files, call)(*args, **fields)
    assert transport.requests == []


def test_a_bad_status_filter_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="filter"):
        client_with(replying({})).vector_stores.files.list("vs_abc", filter="done")


# --- file batches ------------------------------------------------------------------------------


async def test_file_batches_create_retrieve_cancel() -> None:
    transport = replying(BATCH)
    batches = client_with(transport).vector_stores.file_batches
    batch = await batches.create(
        "vs_abc", file_ids=["file-1", "file-2"], chunking_strategy={"type": "auto"}
    )
    assert isinstance(batch, VectorStoreFileBatchObject)
    assert batch.status is VectorStoreFileBatchStatus.in_progress
    assert batch.file_counts is not None and batch.file_counts.total == 2
    await batches.retrieve("vs_abc", "vsfb_abc")
    await batches.cancel("vs_abc", "vsfb_abc")
    assert sent(transport) == [
        (
            "POST",
            f"{STORE_URL}/file_batches",
            {"file_ids": ["file-1", "file-2"], "chunking_strategy": {"type": "auto"}},
        ),
        ("GET", f"{STORE_URL}/file_batches/vsfb_abc", None),
        ("POST", f"{STORE_URL}/file_batches/vsfb_abc/cancel", None),
    ]


async def test_file_batches_take_files_with_their_own_attributes() -> None:
    transport = replying(BATCH)
    await client_with(transport).vector_stores.file_batches.create(
        "vs_abc", files=[{"file_id": "file-1", "attributes": {"lang": "fr"}}]
    )
    assert sent(transport)[0][2] == {"files": [{"file_id": "file-1", "attributes": {"lang": "fr"}}]}


@pytest.mark.parametrize(
    "fields", [{}, {"file_ids": ["a"], "files": [{"file_id": "b"}]}, {"file_ids": []}]
)
async def test_a_batch_needs_file_ids_or_files(fields: dict[str, Any]) -> None:
    transport = replying(BATCH)
    with pytest.raises(InvalidArgumentError, match="file_ids"):
        await client_with(transport).vector_stores.file_batches.create("vs_abc", **fields)
    assert transport.requests == []


async def test_file_batches_list_files() -> None:
    transport = replying({"object": "list", "data": [STORE_FILE], "has_more": False})
    page = await client_with(transport).vector_stores.file_batches.list_files(
        "vs_abc", "vsfb_abc", order="desc", filter="completed"
    )
    assert [f.vector_store_id for f in page.data] == ["vs_abc"]
    assert transport.requests[0].url == (
        f"{STORE_URL}/file_batches/vsfb_abc/files?order=desc&filter=completed"
    )


@pytest.mark.parametrize("call", ["retrieve", "cancel", "list_files"])
async def test_an_empty_batch_id_is_refused(call: str) -> None:
    transport = replying(BATCH)
    with pytest.raises(InvalidArgumentError, match="batch_id"):
        await getattr(client_with(transport).vector_stores.file_batches, call)("vs_abc", "")
    assert transport.requests == []
