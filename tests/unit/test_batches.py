"""client.batches over MockTransport: request bodies, paths, pagination, typed and unknown
results, and refused bad input."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from async_openai_wasm import Client, InvalidArgumentError, MockTransport, OpenAIConfig, Response
from async_openai_wasm.types.batches import Batch, BatchEndpoint, BatchStatus, CreateBatchRequest

BASE = "http://mock.test/v1"

BATCH = {
    "id": "batch_abc123",
    "object": "batch",
    "endpoint": "/v1/chat/completions",
    "errors": None,
    "input_file_id": "file-abc123",
    "completion_window": "24h",
    "status": "validating",
    "output_file_id": None,
    "error_file_id": None,
    "created_at": 1711471533,
    "request_counts": {"total": 0, "completed": 0, "failed": 0},
    "metadata": {"customer_id": "user_123456789"},
}


def client_with(transport: Any) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base=BASE), transport=transport)


def replying(body: Any) -> MockTransport:
    return MockTransport(lambda request: Response.from_json(200, body))


async def test_create_sends_the_body_with_the_24h_window() -> None:
    transport = replying(BATCH)
    batch = await client_with(transport).batches.create(
        input_file_id="file-abc123",
        endpoint="/v1/chat/completions",
        metadata={"customer_id": "user_123456789"},
        output_expires_after={"seconds": 86400},
    )
    assert isinstance(batch, Batch)
    assert batch.status is BatchStatus.validating
    assert batch.request_counts is not None and batch.request_counts.total == 0
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", f"{BASE}/batches")
    assert json.loads(request.body) == {  # type: ignore[arg-type]
        "input_file_id": "file-abc123",
        "endpoint": "/v1/chat/completions",
        "completion_window": "24h",
        "metadata": {"customer_id": "user_123456789"},
        "output_expires_after": {"anchor": "created_at", "seconds": 86400},
    }


async def test_create_takes_a_request_object() -> None:
    transport = replying(BATCH)
    request = CreateBatchRequest(input_file_id="f", endpoint=BatchEndpoint.v1_embeddings)
    await client_with(transport).batches.create(request)
    assert json.loads(transport.requests[0].body)["endpoint"] == "/v1/embeddings"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"endpoint": "/v1/chat"}, "endpoint"),
        ({"completion_window": "48h"}, "completion_window"),
        ({"output_expires_after": {"seconds": 3599}}, "seconds"),
        ({"metadata": {"n": 1}}, "metadata"),
    ],
)
async def test_bad_batches_are_refused_before_sending(fields: dict[str, Any], named: str) -> None:
    transport = replying(BATCH)
    with pytest.raises(InvalidArgumentError, match=named):
        await client_with(transport).batches.create(
            **{"input_file_id": "f", "endpoint": "/v1/chat/completions", **fields}
        )
    assert transport.requests == []


async def test_retrieve_and_cancel_address_the_batch() -> None:
    transport = replying({**BATCH, "status": "cancelling"})
    batches = client_with(transport).batches
    assert (await batches.retrieve("batch_abc123")).id == "batch_abc123"
    cancelled = await batches.cancel("batch_abc123")
    assert cancelled.status is BatchStatus.cancelling
    assert [(r.method, r.url, r.body) for r in transport.requests] == [
        ("GET", f"{BASE}/batches/batch_abc123", None),
        ("POST", f"{BASE}/batches/batch_abc123/cancel", None),
    ]


@pytest.mark.parametrize("call", ["retrieve", "cancel"])
async def test_an_empty_batch_id_is_refused(call: str) -> None:
    transport = replying(BATCH)
    with pytest.raises(InvalidArgumentError, match="batch_id"):
        await getattr(client_with(transport).batches, call)("")
    assert transport.requests == []


async def test_list_walks_every_page() -> None:
    def handler(request: Any) -> Response:
        after = httpx.URL(request.url).params.get("after")
        ids = ["batch_1", "batch_2"] if after is None else ["batch_3"]
        data = [{**BATCH, "id": i} for i in ids]
        return Response.from_json(
            200, {"object": "list", "data": data, "last_id": ids[-1], "has_more": after is None}
        )

    transport = MockTransport(handler)
    ids = [b.id async for b in client_with(transport).batches.list(limit=2)]
    assert ids == ["batch_1", "batch_2", "batch_3"]
    assert [r.url for r in transport.requests] == [
        f"{BASE}/batches?limit=2",
        f"{BASE}/batches?limit=2&after=batch_2",
    ]


def test_a_limit_over_100_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="limit"):
        client_with(replying({})).batches.list(limit=101)


async def test_a_batch_in_an_unknown_state_is_still_returned() -> None:
    transport = replying({"id": "b", "status": "paused", "errors": {"data": [{"line": 3}]}})
    batch = await client_with(transport).batches.retrieve("b")
    assert batch.status == "paused"
    assert batch.errors is not None and batch.errors.data[0].line == 3
