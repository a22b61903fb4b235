"""Containers, evals, skills, videos, ChatKit, content provenance checks and the fine-tuning
controls from Pyodide (Node and Chrome) over the fetch transport: a sample of each group
against Prism, its response parsed into our types, binary downloads as bytes, uploads of JS
``File`` objects as FormData, and the requests recorded in Pyodide validated on the host
against the spec."""

from __future__ import annotations

from typing import Any

from pytest_pyodide import run_in_pyodide

from support.spec import operations, validate_recorded


@run_in_pyodide(packages=["async-openai-wasm"])
async def _evals_chatkit_and_fine_tuning(selenium, prism_url):
    from async_openai_wasm import Client, FetchTransport, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.chatkit import ChatSessionResource, ThreadResource
    from async_openai_wasm.types.evals import Eval, EvalRun, EvalRunOutputItem
    from async_openai_wasm.types.fine_tuning import FineTuningJob
    from async_openai_wasm.types.fine_tuning_permissions import FineTuningCheckpointPermission
    from async_openai_wasm.types.graders import RunGraderResponse

    transport = RecordingTransport()
    assert isinstance(transport.inner, FetchTransport)
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    grader = {
        "type": "string_check",
        "name": "exact",
        "input": "{{sample.output_text}}",
        "reference": "{{item.answer}}",
        "operation": "eq",
    }
    created = await client.evals.create(
        data_source_config={"type": "custom", "item_schema": {"type": "object"}},
        testing_criteria=[grader],
    )
    assert isinstance(created, Eval)
    run = await client.evals.runs.create(
        "eval_1",
        data_source={"type": "jsonl", "source": {"type": "file_id", "id": "file-1"}},
    )
    assert isinstance(run, EvalRun)
    items = await client.evals.runs.output_items.list("eval_1", "run_1", status="pass")
    assert isinstance(items.data[0], EvalRunOutputItem)

    assert isinstance(await client.fine_tuning.pause("ftjob-1"), FineTuningJob)
    page = await client.fine_tuning.checkpoints.permissions.list("ft:m:1", limit=2)
    assert isinstance(page.data[0], FineTuningCheckpointPermission)
    ran = await client.fine_tuning.alpha.graders.run(grader=grader, model_sample="Paris")
    assert isinstance(ran, RunGraderResponse)

    session = await client.chatkit.sessions.create(workflow={"id": "wf_1"}, user="user_1")
    assert isinstance(session, ChatSessionResource)
    threads = await client.chatkit.threads.list(user="user_1")
    assert isinstance(threads.data[0], ThreadResource)
    items = await client.chatkit.threads.list_items("cthr_1", limit=5)
    assert type(items.data[0]).__name__ == "UserMessageItem"
    beta = {r.headers["OpenAI-Beta"] for r in transport.requests if "/chatkit/" in r.url}
    assert beta == {"chatkit_beta=v1"}, beta
    return transport.requests


def test_evals_chatkit_and_fine_tuning(selenium: Any, prism_url: str) -> None:
    requests = _evals_chatkit_and_fine_tuning(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/evals"),
        ("POST", "/evals/eval_1/runs"),
        ("GET", "/evals/eval_1/runs/run_1/output_items?status=pass"),
        ("POST", "/fine_tuning/jobs/ftjob-1/pause"),
        ("GET", "/fine_tuning/checkpoints/ft%3Am%3A1/permissions?limit=2"),
        ("POST", "/fine_tuning/alpha/graders/run"),
        ("POST", "/chatkit/sessions"),
        ("GET", "/chatkit/threads?user=user_1"),
        ("GET", "/chatkit/threads/cthr_1/items?limit=5"),
    ]
    assert validate_recorded(requests, prism_url) == 9


@run_in_pyodide(packages=["async-openai-wasm"])
async def _files_of_the_page(selenium, prism_url):
    from js import File, Object
    from pyodide.ffi import to_js

    from async_openai_wasm import Client, MultipartForm, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.containers import ContainerFileResource, ContainerResource
    from async_openai_wasm.types.content_provenance import ProvenanceResource
    from async_openai_wasm.types.skills import SkillResource, SkillVersionResource
    from async_openai_wasm.types.videos import VideoCharacterResource, VideoResource

    def js_file(content, name, content_type):
        options = to_js({"type": content_type}, dict_converter=Object.fromEntries)
        return File.new(to_js([to_js(content)]), name, options)

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    png = js_file(b"\x89PNG\r\n\x1a\n", "frame.png", "image/png")
    mp4 = js_file(b"\x00\x00\x00\x18ftypmp42", "clip.mp4", "video/mp4")

    container = await client.containers.create(name="sandbox", memory_limit="1g")
    assert isinstance(container, ContainerResource)
    data = js_file(b"a,b\n1,2\n", "data.csv", "text/csv")
    added = await client.containers.files.create("cntr_1", file=data)
    assert isinstance(added, ContainerFileResource)
    assert isinstance(await client.containers.files.content("cntr_1", "cfile_1"), bytes)
    assert await client.containers.delete("cntr_1") is None

    zipped = js_file(b"PK\x05\x06", "skill.zip", "application/zip")
    assert isinstance(await client.skills.create(files=zipped), SkillResource)
    assert isinstance(await client.skills.versions.retrieve("skill_1", "1"), SkillVersionResource)
    assert isinstance(await client.skills.versions.content("skill_1", "1"), bytes)

    video = await client.videos.create(prompt="A boat", seconds="4", input_reference=png)
    assert isinstance(video, VideoResource)
    edited = await client.videos.edit(video={"id": "video_1"}, prompt="At night")
    assert isinstance(edited, VideoResource)
    thumbnail = await client.videos.download_content("video_1", variant="thumbnail")
    assert isinstance(thumbnail, bytes)
    character = await client.videos.character.create(name="Captain", video=mp4)
    assert isinstance(character, VideoCharacterResource)

    check = await client.content_provenance_checks.create(file=png)
    assert isinstance(check, ProvenanceResource)

    # A JS File cannot be pickled back to the host: forms go back as plain data.
    records = []
    for request in transport.requests:
        body = request.body
        if isinstance(body, MultipartForm):
            assert all(type(part.content).__name__.startswith("Js") for _, part in body.files)
            files = [(name, part.filename) for name, part in body.files]
            body = {"fields": list(body.fields), "files": files}
        records.append((request.method, request.url, body))
    return records


def test_files_of_the_page(selenium: Any, prism_url: str) -> None:
    records = _files_of_the_page(selenium, prism_url)
    assert operations(records, prism_url) == [
        ("POST", "/containers"),
        ("POST", "/containers/cntr_1/files"),
        ("GET", "/containers/cntr_1/files/cfile_1/content"),
        ("DELETE", "/containers/cntr_1"),
        ("POST", "/skills"),
        ("GET", "/skills/skill_1/versions/1"),
        ("GET", "/skills/skill_1/versions/1/content"),
        ("POST", "/videos"),
        ("POST", "/videos/edits"),
        ("GET", "/videos/video_1/content?variant=thumbnail"),
        ("POST", "/videos/characters"),
        ("POST", "/content_provenance_checks"),
    ]
    forms = {(method, url.split("?")[0]): body for method, url, body in records}
    assert forms[("POST", f"{prism_url}/videos")]["files"] == [("input_reference", "frame.png")]
    assert forms[("POST", f"{prism_url}/videos/characters")] == {
        "fields": [("name", "Captain")],
        "files": [("video", "clip.mp4")],
    }
    assert isinstance(forms[("POST", f"{prism_url}/videos/edits")], str)  # JSON: no file
    assert validate_recorded(records, prism_url) == 12
