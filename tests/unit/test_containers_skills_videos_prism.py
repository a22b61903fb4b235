"""Containers (and their files), skills (and their versions), videos (and characters), ChatKit
and content provenance checks against Prism (the official spec's mock) over httpx: each
response parses into our types, downloads come back as bytes, and every request we recorded
validates against the spec's schema for its operation (JSON or multipart, as sent)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    MockTransport,
    MultipartForm,
    OpenAIConfig,
    RecordingTransport,
    Request,
    Response,
)
from async_openai_wasm.types.chatkit import (
    ChatSessionResource,
    DeletedThreadResource,
    ThreadResource,
)
from async_openai_wasm.types.containers import ContainerFileResource, ContainerResource
from async_openai_wasm.types.content_provenance import ProvenanceResource
from async_openai_wasm.types.skills import (
    DeletedSkillResource,
    DeletedSkillVersionResource,
    SkillResource,
    SkillVersionResource,
)
from async_openai_wasm.types.videos import (
    DeletedVideoResource,
    VideoCharacterResource,
    VideoResource,
)
from support.spec import operations, validate_recorded

PNG = b"\x89PNG\r\n\x1a\n"
MP4 = b"\x00\x00\x00\x18ftypmp42"
API_BASE = "http://mock.test/v1"


async def test_containers(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    container = await client.containers.create(
        name="sandbox",
        file_ids=["file-1"],
        expires_after={"anchor": "last_active_at", "minutes": 20},
        memory_limit="4g",
        network_policy={"type": "allowlist", "allowed_domains": ["example.com"]},
        skills=[{"type": "skill_reference", "skill_id": "skill_1"}],
    )
    assert isinstance(container, ContainerResource)
    page = await client.containers.list(limit=3, order="asc", name="sandbox")
    assert isinstance(page.data[0], ContainerResource)
    assert isinstance(await client.containers.retrieve("cntr_1"), ContainerResource)
    assert await client.containers.delete("cntr_1") is None

    uploaded = await client.containers.files.create("cntr_1", file=("data.csv", b"a,b\n1,2\n"))
    assert isinstance(uploaded, ContainerFileResource)
    copied = await client.containers.files.create("cntr_1", file_id="file-1")
    assert isinstance(copied, ContainerFileResource)
    files = await client.containers.files.list("cntr_1", after="cfile_0")
    assert isinstance(files.data[0], ContainerFileResource)
    assert isinstance(
        await client.containers.files.retrieve("cntr_1", "cfile_1"), ContainerFileResource
    )
    assert await client.containers.files.delete("cntr_1", "cfile_1") is None
    content = await client.containers.files.content("cntr_1", "cfile_1")
    assert isinstance(content, bytes)
    sent = transport.requests
    assert isinstance(sent[4].body, MultipartForm)  # a file goes as a form
    assert json.loads(sent[5].body) == {"file_id": "file-1"}  # type: ignore[arg-type]
    assert operations(sent, prism_url) == [
        ("POST", "/containers"),
        ("GET", "/containers?limit=3&order=asc&name=sandbox"),
        ("GET", "/containers/cntr_1"),
        ("DELETE", "/containers/cntr_1"),
        ("POST", "/containers/cntr_1/files"),
        ("POST", "/containers/cntr_1/files"),
        ("GET", "/containers/cntr_1/files?after=cfile_0"),
        ("GET", "/containers/cntr_1/files/cfile_1"),
        ("DELETE", "/containers/cntr_1/files/cfile_1"),
        ("GET", "/containers/cntr_1/files/cfile_1/content"),
    ]
    assert validate_recorded(sent, prism_url) == 10


SKILL_FILES = [
    ("csv_tools/SKILL.md", b"---\nname: csv_tools\n---\n", "text/markdown"),
    ("csv_tools/stats.py", b"print(1)\n", "text/x-python"),
]


async def test_skills(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    zipped = ("skill.zip", b"PK\x05\x06", "application/zip")
    assert isinstance(await client.skills.create(files=zipped), SkillResource)
    page = await client.skills.list(limit=10, order="desc")
    assert isinstance(page.data[0], SkillResource)
    assert isinstance(await client.skills.retrieve("skill_1"), SkillResource)
    assert isinstance(await client.skills.update("skill_1", default_version="2"), SkillResource)
    assert isinstance(await client.skills.content("skill_1"), bytes)
    assert isinstance(await client.skills.delete("skill_1"), DeletedSkillResource)

    versions = client.skills.versions
    made = await versions.create("skill_1", files=zipped, default=True)
    assert isinstance(made, SkillVersionResource)
    assert isinstance((await versions.list("skill_1", after="1")).data[0], SkillVersionResource)
    assert isinstance(await versions.retrieve("skill_1", "2"), SkillVersionResource)
    assert isinstance(await versions.content("skill_1", "2"), bytes)
    assert isinstance(await versions.delete("skill_1", "2"), DeletedSkillVersionResource)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/skills"),
        ("GET", "/skills?limit=10&order=desc"),
        ("GET", "/skills/skill_1"),
        ("POST", "/skills/skill_1"),
        ("GET", "/skills/skill_1/content"),
        ("DELETE", "/skills/skill_1"),
        ("POST", "/skills/skill_1/versions"),
        ("GET", "/skills/skill_1/versions?after=1"),
        ("GET", "/skills/skill_1/versions/2"),
        ("GET", "/skills/skill_1/versions/2/content"),
        ("DELETE", "/skills/skill_1/versions/2"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 11


async def test_a_skill_directory_goes_as_repeated_files_parts() -> None:
    # As the spec says (multipart ``files[]``); Prism reads only a plain ``files`` field, so
    # this upload is checked against the spec's schema here rather than sent to Prism.
    client, transport = _mock({"id": "skill_1", "object": "skill"})
    await client.skills.create(files=SKILL_FILES)
    await client.skills.versions.create("skill_1", files=SKILL_FILES, default=False)
    for request in transport.requests:
        form = request.body
        assert isinstance(form, MultipartForm)
        assert [(name, part.filename) for name, part in form.files] == [
            ("files[]", "csv_tools/SKILL.md"),
            ("files[]", "csv_tools/stats.py"),
        ]
    assert dict(transport.requests[1].body.fields) == {"default": "false"}  # type: ignore[union-attr]
    assert validate_recorded(transport.requests, API_BASE) == 2


async def test_videos(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    video = await client.videos.create(
        prompt="A paper boat on a rainy street",
        model="sora-2",
        seconds="4",
        size="720x1280",
        input_reference=("first.png", PNG, "image/png"),
    )
    assert isinstance(video, VideoResource)
    by_url = await client.videos.create(
        prompt="The same, at night", input_reference={"image_url": "https://example.com/a.png"}
    )
    assert isinstance(by_url, VideoResource)
    assert isinstance((await client.videos.list(limit=5, order="asc")).data[0], VideoResource)
    assert isinstance(await client.videos.retrieve("video_1"), VideoResource)
    assert isinstance(await client.videos.download_content("video_1"), bytes)
    assert isinstance(await client.videos.download_content("video_1", variant="thumbnail"), bytes)
    assert isinstance(await client.videos.remix("video_1", prompt="In winter"), VideoResource)
    edited = await client.videos.edit(video={"id": "video_1"}, prompt="Add a cat")
    assert isinstance(edited, VideoResource)
    uploaded = await client.videos.edit(video=("clip.mp4", MP4, "video/mp4"), prompt="Brighter")
    assert isinstance(uploaded, VideoResource)
    extended = await client.videos.extend(video={"id": "video_1"}, prompt="Go on", seconds="8")
    assert isinstance(extended, VideoResource)
    assert isinstance(await client.videos.delete("video_1"), DeletedVideoResource)
    character = await client.videos.character.create(
        name="Captain Boat", video=("boat.mp4", MP4, "video/mp4")
    )
    assert isinstance(character, VideoCharacterResource)
    assert isinstance(await client.videos.character.get("char_1"), VideoCharacterResource)
    sent = transport.requests
    assert [type(r.body).__name__ for r in sent if r.method == "POST"] == [
        "MultipartForm",  # create with an image file
        "str",  # create with an image URL: JSON
        "str",  # remix
        "str",  # edit of a generated video
        "MultipartForm",  # edit of an uploaded one
        "str",  # extend
        "MultipartForm",  # character
    ]
    assert operations(sent, prism_url) == [
        ("POST", "/videos"),
        ("POST", "/videos"),
        ("GET", "/videos?limit=5&order=asc"),
        ("GET", "/videos/video_1"),
        ("GET", "/videos/video_1/content"),
        ("GET", "/videos/video_1/content?variant=thumbnail"),
        ("POST", "/videos/video_1/remix"),
        ("POST", "/videos/edits"),
        ("POST", "/videos/edits"),
        ("POST", "/videos/extensions"),
        ("DELETE", "/videos/video_1"),
        ("POST", "/videos/characters"),
        ("GET", "/videos/characters/char_1"),
    ]
    assert validate_recorded(sent, prism_url) == 13


async def test_chatkit(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    session = await client.chatkit.sessions.create(
        workflow={"id": "wf_1", "state_variables": {"plan": "pro"}},
        user="user_42",
        expires_after={"anchor": "created_at", "seconds": 600},
        rate_limits={"max_requests_per_1_minute": 10},
    )
    assert isinstance(session, ChatSessionResource)
    assert isinstance(await client.chatkit.sessions.cancel("cksess_1"), ChatSessionResource)
    threads = await client.chatkit.threads.list(limit=2, order="desc", user="user_42")
    assert isinstance(threads.data[0], ThreadResource)
    assert isinstance(await client.chatkit.threads.retrieve("cthr_1"), ThreadResource)
    items = await client.chatkit.threads.list_items("cthr_1", before="cthi_9")
    assert items.data[0].type == "chatkit.user_message"  # typed by its kind
    assert type(items.data[0]).__name__ == "UserMessageItem"
    assert isinstance(await client.chatkit.threads.delete("cthr_1"), DeletedThreadResource)
    assert {r.headers["OpenAI-Beta"] for r in transport.requests} == {"chatkit_beta=v1"}
    assert operations(transport.requests, prism_url) == [
        ("POST", "/chatkit/sessions"),
        ("POST", "/chatkit/sessions/cksess_1/cancel"),
        ("GET", "/chatkit/threads?limit=2&order=desc&user=user_42"),
        ("GET", "/chatkit/threads/cthr_1"),
        ("GET", "/chatkit/threads/cthr_1/items?before=cthi_9"),
        ("DELETE", "/chatkit/threads/cthr_1"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 6


async def test_content_provenance_checks(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    check = await client.content_provenance_checks.create(file=("photo.png", PNG, "image/png"))
    assert isinstance(check, ProvenanceResource)
    assert check.results and type(check.results[0]).__name__ == "C2PAProvenanceResult"
    assert operations(transport.requests, prism_url) == [("POST", "/content_provenance_checks")]
    assert validate_recorded(transport.requests, prism_url) == 1


def _mock(body: Any = None) -> tuple[Client, MockTransport]:
    transport = MockTransport(lambda request: Response.from_json(200, body or {"id": "x"}))
    return Client(
        OpenAIConfig(api_key="sk-test", api_base=API_BASE), transport=transport
    ), transport


async def test_a_calls_own_beta_header_wins_and_other_groups_keep_theirs() -> None:
    client, transport = _mock()
    await client.chatkit.threads.retrieve("cthr_1", extra_headers={"X-Trace": "1"})
    await client.chatkit.sessions.cancel("s", extra_headers={"OpenAI-Beta": "chatkit_beta=v2"})
    await client.videos.retrieve("video_1")
    beta = [(r.headers.get("X-Trace"), r.headers["OpenAI-Beta"]) for r in transport.requests]
    assert beta == [
        ("1", "chatkit_beta=v1"),
        (None, "chatkit_beta=v2"),
        (None, "assistants=v2"),
    ]


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda c: c.containers.create(file_ids=["f"]), "name"),
        (lambda c: c.containers.files.create("cntr_1", file="not bytes"), "file"),
        (lambda c: c.skills.create(files=[b"ok", 3]), "files"),
        (lambda c: c.videos.create(prompt="x", seconds="5"), "seconds"),
        (lambda c: c.videos.download_content("v", variant="poster"), "variant"),
        (lambda c: c.videos.extend(video={"id": "v"}, prompt="x"), "seconds"),
        (lambda c: c.videos.character.create(name="", video=b"x"), "name"),
        (lambda c: c.chatkit.sessions.create(workflow={"id": "wf"}), "user"),
        (lambda c: c.chatkit.threads.list(limit=500), "limit"),
        (lambda c: c.content_provenance_checks.create(), "file"),
        (lambda c: c.skills.versions.retrieve("skill_1", ""), "version"),
    ],
)
async def test_bad_arguments_are_refused_before_sending(call: Any, named: str) -> None:
    client, transport = _mock()
    with pytest.raises(InvalidArgumentError, match=named):
        await call(client)
    assert transport.requests == []


async def test_a_content_download_is_the_body_as_it_came() -> None:
    transport = MockTransport(
        lambda request: Response.from_chunks(200, [MP4[:5], MP4[5:]], {"content-type": "video/mp4"})
    )
    client = Client(OpenAIConfig(api_key="sk-test"), transport=transport)
    assert await client.videos.download_content("video_1", variant="video") == MP4
    request: Request = transport.requests[0]
    assert request.url.endswith("/videos/video_1/content?variant=video")
    assert request.headers["Accept"] == "*/*"
