"""Files, uploads, fine-tuning, batches and vector stores from Pyodide (Node and Chrome) over
the fetch transport: every method against Prism, its response parsed into our types, and the
requests recorded in Pyodide handed back to the host and validated against the spec. An upload
of a JS ``File`` made in the page goes out as FormData; the mock server shows its bytes arrived.
"""

from __future__ import annotations

from typing import Any

from pytest_pyodide import run_in_pyodide

from support.spec import operations, validate_recorded


@run_in_pyodide(packages=["async-openai-wasm"])
async def _files_and_uploads(selenium, prism_url):
    from async_openai_wasm import (
        Client,
        FetchTransport,
        OpenAIConfig,
        RecordingTransport,
        StreamError,
    )
    from async_openai_wasm.types.files import DeleteFileResponse, OpenAIFile
    from async_openai_wasm.types.uploads import Upload, UploadPart

    transport = RecordingTransport()
    assert isinstance(transport.inner, FetchTransport)
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    created = await client.files.create(
        file=("batch.jsonl", b'{"custom_id": "1"}\n'),
        purpose="batch",
        expires_after={"seconds": 3600},
    )
    assert isinstance(created, OpenAIFile)
    page = await client.files.list(purpose="batch", order="asc")
    assert isinstance(page.data[0], OpenAIFile)
    # Prism always says has_more and hands out the same example cursor: the walk follows it
    # once, then stops with a typed error instead of looping forever.
    walked = []
    try:
        async for file in client.files.list(limit=1):
            walked.append(file.id)
    except StreamError as exc:
        assert "repeated the cursor 'string'" in str(exc)
    else:
        raise AssertionError("the walk did not stop")
    assert len(walked) == 2
    assert isinstance(await client.files.retrieve("file-abc"), OpenAIFile)
    assert isinstance(await client.files.delete("file-abc"), DeleteFileResponse)
    content = await client.files.content("file-abc")
    assert content == b'"string"', content  # Prism's body, byte for byte

    upload = await client.uploads.create(
        filename="train.jsonl", purpose="fine-tune", bytes=5, mime_type="text/jsonl"
    )
    assert isinstance(upload, Upload)
    assert isinstance(await client.uploads.add_part("upload_abc", data=b"hello"), UploadPart)
    assert isinstance(await client.uploads.complete("upload_abc", part_ids=["part_1"]), Upload)
    assert isinstance(await client.uploads.cancel("upload_abc"), Upload)
    return transport.requests


def test_files_and_uploads(selenium: Any, prism_url: str) -> None:
    requests = _files_and_uploads(selenium, prism_url)
    after = "?limit=1&after=string"
    assert operations(requests, prism_url) == [
        ("POST", "/files"),
        ("GET", "/files?purpose=batch&order=asc"),
        ("GET", "/files?limit=1"),
        ("GET", "/files" + after),
        ("GET", "/files/file-abc"),
        ("DELETE", "/files/file-abc"),
        ("GET", "/files/file-abc/content"),
        ("POST", "/uploads"),
        ("POST", "/uploads/upload_abc/parts"),
        ("POST", "/uploads/upload_abc/complete"),
        ("POST", "/uploads/upload_abc/cancel"),
    ]
    assert validate_recorded(requests, prism_url) == 11


@run_in_pyodide(packages=["async-openai-wasm"])
async def _fine_tuning_and_batches(selenium, prism_url):
    from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.batches import Batch
    from async_openai_wasm.types.fine_tuning import (
        FineTuningJob,
        FineTuningJobCheckpoint,
        FineTuningJobEvent,
    )

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    job = await client.fine_tuning.create(
        model="gpt-4o-mini",
        training_file="file-abc",
        method={"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.2, "n_epochs": "auto"}}},
        metadata={"team": "support"},
    )
    assert isinstance(job, FineTuningJob)
    jobs = await client.fine_tuning.list(limit=2, metadata={"team": "support"})
    assert isinstance(jobs.data[0], FineTuningJob)
    assert isinstance(await client.fine_tuning.retrieve("ftjob-abc"), FineTuningJob)
    assert isinstance(await client.fine_tuning.cancel("ftjob-abc"), FineTuningJob)
    events = await client.fine_tuning.list_events("ftjob-abc", limit=5)
    assert isinstance(events.data[0], FineTuningJobEvent)
    checkpoints = await client.fine_tuning.list_checkpoints("ftjob-abc", after="ckpt-1")
    assert isinstance(checkpoints.data[0], FineTuningJobCheckpoint)

    batch = await client.batches.create(input_file_id="file-abc", endpoint="/v1/responses")
    assert isinstance(batch, Batch)
    assert isinstance(await client.batches.retrieve("batch_abc"), Batch)
    assert isinstance(await client.batches.cancel("batch_abc"), Batch)
    assert isinstance((await client.batches.list(limit=1)).data[0], Batch)
    return transport.requests


def test_fine_tuning_and_batches(selenium: Any, prism_url: str) -> None:
    requests = _fine_tuning_and_batches(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/fine_tuning/jobs"),
        ("GET", "/fine_tuning/jobs?limit=2&metadata%5Bteam%5D=support"),
        ("GET", "/fine_tuning/jobs/ftjob-abc"),
        ("POST", "/fine_tuning/jobs/ftjob-abc/cancel"),
        ("GET", "/fine_tuning/jobs/ftjob-abc/events?limit=5"),
        ("GET", "/fine_tuning/jobs/ftjob-abc/checkpoints?after=ckpt-1"),
        ("POST", "/batches"),
        ("GET", "/batches/batch_abc"),
        ("POST", "/batches/batch_abc/cancel"),
        ("GET", "/batches?limit=1"),
    ]
    assert validate_recorded(requests, prism_url) == 10


@run_in_pyodide(packages=["async-openai-wasm"])
async def _vector_stores(selenium, prism_url):
    from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.vector_stores import (
        DeleteVectorStoreFileResponse,
        DeleteVectorStoreResponse,
        VectorStoreFileBatchObject,
        VectorStoreFileContentResponse,
        VectorStoreFileObject,
        VectorStoreObject,
        VectorStoreSearchResultsPage,
    )

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    stores = client.vector_stores
    created = await stores.create(
        name="faq", file_ids=["file-1"], chunking_strategy={"type": "auto"}
    )
    assert isinstance(created, VectorStoreObject)
    assert isinstance(await stores.retrieve("vs_1"), VectorStoreObject)
    assert isinstance(await stores.update("vs_1", metadata={"v": "2"}), VectorStoreObject)
    assert isinstance(await stores.delete("vs_1"), DeleteVectorStoreResponse)
    assert isinstance((await stores.list(order="asc")).data[0], VectorStoreObject)
    found = await stores.search("vs_1", query="refunds", filters={"key": "lang", "value": "en"})
    assert isinstance(found, VectorStoreSearchResultsPage)

    files = stores.files
    assert isinstance(await files.create("vs_1", file_id="file-1"), VectorStoreFileObject)
    assert isinstance(await files.retrieve("vs_1", "file-1"), VectorStoreFileObject)
    updated = await files.update("vs_1", "file-1", attributes={"lang": "en", "n": 2})
    assert isinstance(updated, VectorStoreFileObject)
    assert isinstance(await files.delete("vs_1", "file-1"), DeleteVectorStoreFileResponse)
    assert isinstance((await files.list("vs_1", filter="completed")).data[0], VectorStoreFileObject)
    assert isinstance(await files.content("vs_1", "file-1"), VectorStoreFileContentResponse)

    batches = stores.file_batches
    batch = await batches.create("vs_1", file_ids=["file-1", "file-2"])
    assert isinstance(batch, VectorStoreFileBatchObject)
    assert isinstance(await batches.retrieve("vs_1", "vsfb_1"), VectorStoreFileBatchObject)
    assert isinstance(await batches.cancel("vs_1", "vsfb_1"), VectorStoreFileBatchObject)
    listed = await batches.list_files("vs_1", "vsfb_1", limit=3)
    assert isinstance(listed.data[0], VectorStoreFileObject)
    return transport.requests


def test_vector_stores(selenium: Any, prism_url: str) -> None:
    requests = _vector_stores(selenium, prism_url)
    store, batch = "/vector_stores/vs_1", "/vector_stores/vs_1/file_batches"
    assert operations(requests, prism_url) == [
        ("POST", "/vector_stores"),
        ("GET", store),
        ("POST", store),
        ("DELETE", store),
        ("GET", "/vector_stores?order=asc"),
        ("POST", f"{store}/search"),
        ("POST", f"{store}/files"),
        ("GET", f"{store}/files/file-1"),
        ("POST", f"{store}/files/file-1"),
        ("DELETE", f"{store}/files/file-1"),
        ("GET", f"{store}/files?filter=completed"),
        ("GET", f"{store}/files/file-1/content"),
        ("POST", batch),
        ("GET", f"{batch}/vsfb_1"),
        ("POST", f"{batch}/vsfb_1/cancel"),
        ("GET", f"{batch}/vsfb_1/files?limit=3"),
    ]
    assert validate_recorded(requests, prism_url) == 16


@run_in_pyodide(packages=["async-openai-wasm"])
async def _upload_a_js_file(selenium, prism_url, mock_url):
    from js import File, Object
    from pyodide.ffi import to_js

    from async_openai_wasm import Client, NotFoundError, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.files import OpenAIFile

    # A File as a page makes one (from an <input type=file> or a Blob): never bytes in Python.
    options = to_js({"type": "application/jsonl"}, dict_converter=Object.fromEntries)
    js_file = File.new(to_js([to_js(b'{"custom_id": "js-1"}\n')]), "picked.jsonl", options)

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    created = await client.files.create(file=js_file, purpose="batch")
    assert isinstance(created, OpenAIFile)
    (request,) = transport.requests
    ((name, part),) = request.body.files
    assert (name, part.filename, part.content_type) == ("file", "picked.jsonl", "application/jsonl")
    assert part.content is js_file  # handed to FormData as it is, not copied into Python
    # A JS File cannot be pickled back to the host: return the request as plain data.
    record = (
        request.method,
        request.url,
        {"fields": list(request.body.fields), "files": [(name, part.filename)]},
    )

    # The mock server has no /files route, but records what arrived before it answers 404.
    sink = Client(OpenAIConfig(api_key="sk-test", api_base=mock_url + "/v1"), max_retries=0)
    try:
        await sink.files.create(file=js_file, purpose="batch")
    except NotFoundError:
        pass
    else:
        raise AssertionError("the mock server has no /v1/files route")
    return record


def test_upload_of_a_js_file(selenium: Any, prism_url: str, mock_server: Any) -> None:
    mock_server.reset()
    record = _upload_a_js_file(selenium, prism_url, mock_server.url)
    assert operations([record], prism_url) == [("POST", "/files")]
    assert validate_recorded([record], prism_url) == 1
    arrived = mock_server.last("/v1/files")
    assert arrived.headers["content-type"].startswith("multipart/form-data; boundary=")
    body = arrived.body
    assert 'name="purpose"\r\n\r\nbatch\r\n' in body
    assert 'name="file"; filename="picked.jsonl"\r\nContent-Type: application/jsonl' in body
    assert '{"custom_id": "js-1"}\n' in body
