"""Every method of files, uploads, fine_tuning, batches and vector_stores against Prism (the
official spec's mock) over httpx: each response parses into our types, and every request we
recorded validates against the spec's schema for its operation."""

from __future__ import annotations

import pytest

from async_openai_wasm import Client, MockTransport, OpenAIConfig, RecordingTransport, Response
from async_openai_wasm.types.batches import Batch, BatchStatus
from async_openai_wasm.types.files import DeleteFileResponse, OpenAIFile, OpenAIFilePurpose
from async_openai_wasm.types.fine_tuning import (
    FineTuningIntegration,
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    FineTuningJobStatus,
)
from async_openai_wasm.types.uploads import Upload, UploadPart
from async_openai_wasm.types.vector_stores import (
    DeleteVectorStoreFileResponse,
    DeleteVectorStoreResponse,
    StaticChunkingStrategyResponseParam,
    VectorStoreExpirationAfter,
    VectorStoreFileBatchObject,
    VectorStoreFileContentResponse,
    VectorStoreFileObject,
    VectorStoreObject,
    VectorStoreSearchResultsPage,
)
from support.spec import operations, validate_recorded, validate_request

BASE = "http://mock.test/v1"


async def test_files(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    created = await client.files.create(
        file=("batch.jsonl", b'{"custom_id": "1"}\n', "application/jsonl"),
        purpose="batch",
        expires_after={"seconds": 86400},
    )
    assert isinstance(created, OpenAIFile) and created.object == "file"
    page = await client.files.list(purpose="batch", limit=2, order="asc", after="file-0")
    assert isinstance(page.data[0], OpenAIFile)
    assert isinstance(page.data[0].purpose, OpenAIFilePurpose)
    assert isinstance(await client.files.retrieve("file-abc"), OpenAIFile)
    assert isinstance(await client.files.delete("file-abc"), DeleteFileResponse)
    content = await client.files.content("file-abc")
    assert isinstance(content, bytes) and content  # the spec's JSON string, as raw bytes
    assert operations(transport.requests, prism_url) == [
        ("POST", "/files"),
        ("GET", "/files?purpose=batch&limit=2&order=asc&after=file-0"),
        ("GET", "/files/file-abc"),
        ("DELETE", "/files/file-abc"),
        ("GET", "/files/file-abc/content"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 5


async def test_uploads(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    upload = await client.uploads.create(
        filename="train.jsonl",
        purpose="fine-tune",
        bytes=11,
        mime_type="text/jsonl",
        expires_after={"seconds": 3600},
    )
    assert isinstance(upload, Upload)
    part = await client.uploads.add_part("upload_abc", data=("part-1", b"hello world"))
    assert isinstance(part, UploadPart)
    done = await client.uploads.complete("upload_abc", part_ids=["part_1"], md5="abc")
    assert isinstance(done, Upload)
    assert isinstance(await client.uploads.cancel("upload_abc"), Upload)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/uploads"),
        ("POST", "/uploads/upload_abc/parts"),
        ("POST", "/uploads/upload_abc/complete"),
        ("POST", "/uploads/upload_abc/cancel"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 4


async def test_fine_tuning(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    job = await client.fine_tuning.create(
        model="gpt-4o-mini",
        training_file="file-abc",
        validation_file="file-def",
        suffix="faq",
        seed=7,
        metadata={"team": "support"},
        integrations=[{"wandb": {"project": "ft", "tags": ["faq"]}}],
        method={
            "type": "reinforcement",
            "reinforcement": {
                "grader": {
                    "type": "multi",
                    "name": "both",
                    "calculate_output": "exact",
                    "graders": {
                        "type": "string_check",
                        "name": "exact",
                        "input": "{{sample.output_text}}",
                        "reference": "{{item.answer}}",
                        "operation": "eq",
                    },
                },
                "hyperparameters": {"n_epochs": 2, "reasoning_effort": "medium"},
            },
        },
    )
    assert isinstance(job, FineTuningJob)
    assert isinstance(job.status, FineTuningJobStatus)
    assert job.hyperparameters is not None and job.hyperparameters.n_epochs == "auto"
    assert job.integrations is not None
    assert isinstance(job.integrations[0], FineTuningIntegration)
    jobs = await client.fine_tuning.list(limit=3, after="ftjob-0", metadata={"team": "support"})
    assert isinstance(jobs.data[0], FineTuningJob)
    assert isinstance(await client.fine_tuning.retrieve("ftjob-abc"), FineTuningJob)
    assert isinstance(await client.fine_tuning.cancel("ftjob-abc"), FineTuningJob)
    events = await client.fine_tuning.list_events("ftjob-abc", limit=2)
    assert isinstance(events.data[0], FineTuningJobEvent)
    checkpoints = await client.fine_tuning.list_checkpoints("ftjob-abc", after="ckpt-0")
    assert isinstance(checkpoints.data[0], FineTuningJobCheckpoint)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/fine_tuning/jobs"),
        ("GET", "/fine_tuning/jobs?after=ftjob-0&limit=3&metadata%5Bteam%5D=support"),
        ("GET", "/fine_tuning/jobs/ftjob-abc"),
        ("POST", "/fine_tuning/jobs/ftjob-abc/cancel"),
        ("GET", "/fine_tuning/jobs/ftjob-abc/events?limit=2"),
        ("GET", "/fine_tuning/jobs/ftjob-abc/checkpoints?after=ckpt-0"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 6


async def test_batches(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    batch = await client.batches.create(
        input_file_id="file-abc",
        endpoint="/v1/embeddings",
        metadata={"run": "nightly"},
        output_expires_after={"seconds": 7200},
    )
    assert isinstance(batch, Batch) and isinstance(batch.status, BatchStatus)
    assert batch.usage is not None and batch.request_counts is not None
    assert isinstance(await client.batches.retrieve("batch_abc"), Batch)
    assert isinstance(await client.batches.cancel("batch_abc"), Batch)
    page = await client.batches.list(limit=5, after="batch_0")
    assert isinstance(page.data[0], Batch)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/batches"),
        ("GET", "/batches/batch_abc"),
        ("POST", "/batches/batch_abc/cancel"),
        ("GET", "/batches?limit=5&after=batch_0"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 4


async def test_vector_stores(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    stores = client.vector_stores
    store = await stores.create(
        name="faq",
        description="Support answers",
        file_ids=["file-1"],
        expires_after={"days": 30},
        chunking_strategy={"type": "auto"},
        metadata={"team": "support"},
    )
    assert isinstance(store, VectorStoreObject)
    assert isinstance(store.expires_after, VectorStoreExpirationAfter)
    assert isinstance(await stores.retrieve("vs_abc"), VectorStoreObject)
    assert isinstance(
        await stores.update("vs_abc", name="faq-2", expires_after=None), VectorStoreObject
    )
    assert isinstance(await stores.delete("vs_abc"), DeleteVectorStoreResponse)
    page = await stores.list(limit=2, order="desc", before="vs_9")
    assert isinstance(page.data[0], VectorStoreObject)
    # A comparison filter only: Prism does not resolve the $recursiveRef of compound filters
    # (see test_compound_search_filters_match_the_spec).
    results = await stores.search(
        "vs_abc",
        query=["refunds", "returns"],
        rewrite_query=True,
        max_num_results=3,
        filters={"type": "in", "key": "tag", "value": ["a", 1]},
        ranking_options={"ranker": "default-2024-11-15", "score_threshold": 0.2},
    )
    assert isinstance(results, VectorStoreSearchResultsPage)
    assert results.data[0].content[0].text is not None
    assert operations(transport.requests, prism_url) == [
        ("POST", "/vector_stores"),
        ("GET", "/vector_stores/vs_abc"),
        ("POST", "/vector_stores/vs_abc"),
        ("DELETE", "/vector_stores/vs_abc"),
        ("GET", "/vector_stores?limit=2&order=desc&before=vs_9"),
        ("POST", "/vector_stores/vs_abc/search"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 6


async def test_compound_search_filters_match_the_spec() -> None:
    # Prism cannot check nested filters (it leaves CompoundFilter's $recursiveRef unresolved
    # and then finds every nested filter matching two oneOf branches), so the body is checked
    # against the spec here, from a request recorded over a mock transport.
    transport = MockTransport(lambda request: Response.from_json(200, {"data": []}))
    client = Client(OpenAIConfig(api_key="sk-test", api_base=BASE), transport=transport)
    filters = {
        "type": "or",
        "filters": [
            {"type": "eq", "key": "lang", "value": "en"},
            {"type": "and", "filters": [{"type": "gte", "key": "pages", "value": 2}]},
        ],
    }
    await client.vector_stores.search("vs_abc", query="refunds", filters=filters)
    assert validate_recorded(transport.requests, BASE) == 1
    with pytest.raises(AssertionError, match="filters"):
        validate_request(
            "POST",
            "/vector_stores/vs_abc/search",
            {"query": "q", "filters": {"type": "and", "filters": [{"type": "eq", "key": "k"}]}},
        )


async def test_vector_store_files(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    files = client.vector_stores.files
    created = await files.create(
        "vs_abc",
        file_id="file-1",
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 600, "chunk_overlap_tokens": 300},
        },
        attributes={"lang": "en", "pages": 4, "public": True},
    )
    assert isinstance(created, VectorStoreFileObject)
    assert isinstance(created.chunking_strategy, StaticChunkingStrategyResponseParam)
    assert isinstance(await files.retrieve("vs_abc", "file-1"), VectorStoreFileObject)
    updated = await files.update("vs_abc", "file-1", attributes={"lang": "fr"})
    assert isinstance(updated, VectorStoreFileObject)
    assert isinstance(await files.delete("vs_abc", "file-1"), DeleteVectorStoreFileResponse)
    page = await files.list("vs_abc", limit=1, filter="completed", after="file-0")
    assert isinstance(page.data[0], VectorStoreFileObject)
    content = await files.content("vs_abc", "file-1")
    assert isinstance(content, VectorStoreFileContentResponse) and content.data
    assert operations(transport.requests, prism_url) == [
        ("POST", "/vector_stores/vs_abc/files"),
        ("GET", "/vector_stores/vs_abc/files/file-1"),
        ("POST", "/vector_stores/vs_abc/files/file-1"),
        ("DELETE", "/vector_stores/vs_abc/files/file-1"),
        ("GET", "/vector_stores/vs_abc/files?limit=1&after=file-0&filter=completed"),
        ("GET", "/vector_stores/vs_abc/files/file-1/content"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 6


async def test_vector_store_file_batches(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    batches = client.vector_stores.file_batches
    batch = await batches.create(
        "vs_abc",
        files=[
            {"file_id": "file-1", "attributes": {"lang": "en"}},
            {"file_id": "file-2", "chunking_strategy": {"type": "auto"}},
        ],
    )
    assert isinstance(batch, VectorStoreFileBatchObject)
    by_ids = await batches.create("vs_abc", file_ids=["file-3"], attributes={"v": 2})
    assert isinstance(by_ids, VectorStoreFileBatchObject)
    assert isinstance(await batches.retrieve("vs_abc", "vsfb_1"), VectorStoreFileBatchObject)
    assert isinstance(await batches.cancel("vs_abc", "vsfb_1"), VectorStoreFileBatchObject)
    page = await batches.list_files("vs_abc", "vsfb_1", limit=5, filter="failed")
    assert isinstance(page.data[0], VectorStoreFileObject)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/vector_stores/vs_abc/file_batches"),
        ("POST", "/vector_stores/vs_abc/file_batches"),
        ("GET", "/vector_stores/vs_abc/file_batches/vsfb_1"),
        ("POST", "/vector_stores/vs_abc/file_batches/vsfb_1/cancel"),
        ("GET", "/vector_stores/vs_abc/file_batches/vsfb_1/files?limit=5&filter=failed"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 5
