"""``client.admin``: the admin key, paging by ``next``/``next_page``, typed usage buckets, and
bad input refused before anything is sent."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from async_openai_wasm import (
    AuthenticationError,
    Client,
    InvalidArgumentError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm.types.admin.projects import Project
from async_openai_wasm.types.admin.roles import Role
from async_openai_wasm.types.admin.usage import (
    CostsResult,
    UnknownUsageTimeBucketResults,
    UsageCompletionsResult,
    UsageTimeBucket,
)

API_KEY = "sk-proj-0123456789abcdef"
ADMIN_KEY = "sk-admin-fedcba9876543210"
BASE = "http://mock.test/v1"
PROJECT = {"id": "proj_1", "object": "organization.project", "name": "P", "status": "active"}


def client(handler: Any, **config: Any) -> tuple[Client, MockTransport]:
    transport = MockTransport(handler)
    settings = {"api_key": API_KEY, "api_base": BASE, **config}
    return Client(OpenAIConfig(**settings), transport=transport, max_retries=0), transport


def answer(body: Any, status: int = 200) -> Any:
    return lambda request: Response.from_json(status, body)


def query(request: Request) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(request.url).query)


async def test_admin_calls_send_the_admin_key_and_other_calls_the_api_key() -> None:
    c, transport = client(answer(PROJECT), admin_key=ADMIN_KEY)
    project = await c.admin.projects.retrieve("proj_1")
    await c.models.retrieve("gpt-4o")
    admin_call, api_call = transport.requests
    assert isinstance(project, Project) and project.name == "P"
    assert admin_call.url == f"{BASE}/organization/projects/proj_1"
    assert admin_call.headers["Authorization"] == f"Bearer {ADMIN_KEY}"
    assert api_call.headers["Authorization"] == f"Bearer {API_KEY}"


async def test_without_an_admin_key_admin_calls_send_the_api_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENAI_ADMIN_KEY", raising=False)
    c, transport = client(answer(PROJECT))
    await c.admin.projects.archive("proj_1")
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", f"{BASE}/organization/projects/proj_1/archive")
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"


async def test_the_admin_key_defaults_to_openai_admin_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_ADMIN_KEY", ADMIN_KEY)
    c, transport = client(answer(PROJECT))
    await c.admin.projects.retrieve("proj_1")
    assert transport.requests[0].headers["Authorization"] == f"Bearer {ADMIN_KEY}"


async def test_the_admin_key_never_shows_in_a_repr_or_an_error() -> None:
    echo = {"error": {"message": f"Incorrect API key provided: {ADMIN_KEY}", "type": "x"}}
    c, _ = client(answer(echo, status=401), admin_key=ADMIN_KEY)
    assert ADMIN_KEY not in repr(c.config) and ADMIN_KEY not in repr(c)
    assert "admin_key='sk-...10'" in repr(c.config)
    with pytest.raises(AuthenticationError) as caught:
        await c.admin.users.list()
    assert ADMIN_KEY not in str(caught.value) and ADMIN_KEY not in repr(caught.value.body)


def bucket(start: int, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {"object": "bucket", "start_time": start, "end_time": start + 86400, "results": results}


async def test_usage_pages_follow_next_page_and_results_are_typed_by_object() -> None:
    completions = {"object": "organization.usage.completions.result", "input_tokens": 5}
    costs = {"object": "organization.costs.result", "amount": {"value": 0.5, "currency": "usd"}}
    future = {"object": "organization.usage.teleports.result", "teleports": 2}
    pages = [
        {"object": "page", "data": [bucket(0, [completions])], "has_more": True, "next_page": "p2"},
        {"object": "page", "data": [bucket(86400, [costs, future])], "has_more": False},
    ]
    c, transport = client(lambda request: Response.from_json(200, pages.pop(0)))
    buckets = [
        b async for b in c.admin.usage.completions(start_time=0, group_by=["model", "project_id"])
    ]
    assert [type(b) for b in buckets] == [UsageTimeBucket, UsageTimeBucket]
    first, second = (b.results or [] for b in buckets)
    assert isinstance(first[0], UsageCompletionsResult) and first[0].input_tokens == 5
    assert isinstance(second[0], CostsResult) and second[0].amount is not None
    assert second[0].amount.value == 0.5
    # A kind of result this version does not know stays readable instead of failing the page.
    assert isinstance(second[1], UnknownUsageTimeBucketResults)
    assert second[1].object == "organization.usage.teleports.result"
    assert second[1].teleports == 2  # type: ignore[attr-defined]
    one, two = transport.requests
    assert query(one) == [("start_time", "0"), ("group_by", "model"), ("group_by", "project_id")]
    assert ("page", "p2") in query(two)


async def test_role_lists_follow_next() -> None:
    role = {"object": "role", "id": "role_1", "name": "reader", "permissions": ["api.read"]}
    pages = [
        {"object": "list", "data": [role], "has_more": True, "next": "cursor_2"},
        {"object": "list", "data": [{**role, "id": "role_2"}], "has_more": False, "next": None},
    ]
    c, transport = client(lambda request: Response.from_json(200, pages.pop(0)))
    roles = [r async for r in c.admin.projects.roles.list("proj_1", limit=1)]
    assert [r.id for r in roles] == ["role_1", "role_2"] and isinstance(roles[0], Role)
    assert query(transport.requests[1]) == [("limit", "1"), ("after", "cursor_2")]


async def test_audit_log_filters_are_sent_as_the_spec_names_them() -> None:
    c, transport = client(answer({"object": "list", "data": [], "has_more": False}))
    await c.admin.audit_logs.list(
        project_ids=["proj_1", "proj_2"], event_types=["project.created"], effective_at={"gt": 5}
    )
    assert query(transport.requests[0]) == [
        ("effective_at[gt]", "5"),
        ("project_ids[]", "proj_1"),
        ("project_ids[]", "proj_2"),
        ("event_types[]", "project.created"),
    ]


async def test_bad_admin_input_is_refused_before_sending() -> None:
    c, transport = client(answer(PROJECT))
    with pytest.raises(InvalidArgumentError, match="bucket_width"):
        await c.admin.usage.completions(start_time=0, bucket_width="1w")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="colour"):
        await c.admin.projects.create(name="P", colour="red")
    with pytest.raises(InvalidArgumentError, match="project_id"):
        await c.admin.projects.users.list("")
    assert transport.requests == []


async def test_a_wrong_or_missing_query_keyword_is_named_before_sending() -> None:
    c, transport = client(answer({"object": "page", "data": [], "has_more": False}))
    with pytest.raises(InvalidArgumentError, match="colour"):
        await c.admin.usage.embeddings(start_time=0, colour="red")  # type: ignore[call-arg]
    with pytest.raises(InvalidArgumentError, match="start_time"):
        await c.admin.usage.costs()  # type: ignore[call-arg]
    with pytest.raises(InvalidArgumentError, match="limit"):
        await c.admin.users.roles.list("user_1", limit="many")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="group_type"):
        await c.admin.projects.groups.retrieve("p", "g", group_type="team")  # type: ignore[arg-type]
    assert transport.requests == []


async def test_query_methods_take_the_call_options_beside_their_parameters() -> None:
    group = {"id": "group_1", "object": "project.group"}
    empty = {"object": "page", "data": [], "has_more": False}
    c, transport = client(lambda r: Response.from_json(200, empty if "usage" in r.url else group))
    await c.admin.projects.groups.retrieve(
        "proj_1", "group_1", group_type="group", extra_query={"x": "1"}, extra_headers={"X-A": "b"}
    )
    await c.admin.usage.vector_stores(start_time=5, limit=2, extra_query={"y": "2"}, timeout=9)
    retrieve, usage = transport.requests
    assert query(retrieve) == [("group_type", "group"), ("x", "1")]
    assert retrieve.headers["X-A"] == "b"
    assert query(usage) == [("start_time", "5"), ("limit", "2"), ("y", "2")]


async def test_each_id_of_a_path_is_quoted_whole_and_a_bad_one_is_named() -> None:
    c, transport = client(answer({"id": "role_3", "object": "role"}))
    await c.admin.projects.users.roles.retrieve("proj/1", "user?2", "role#3")
    assert transport.requests[0].url == f"{BASE}/projects/proj%2F1/users/user%3F2/roles/role%233"
    for ids, named in [(("", "u", "r"), "project_id"), (("p", "", "r"), "user_id")]:
        with pytest.raises(InvalidArgumentError, match=f"{named} must be a non-empty string"):
            await c.admin.projects.users.roles.delete(*ids)
    with pytest.raises(InvalidArgumentError, match="role_id must be a non-empty string"):
        await c.admin.projects.users.roles.retrieve("p", "u", 3)  # type: ignore[arg-type]
    assert len(transport.requests) == 1


async def test_a_request_object_and_keyword_fields_send_the_same_body() -> None:
    from async_openai_wasm.types.admin.projects import ProjectCreateRequest

    c, transport = client(answer(PROJECT))
    await c.admin.projects.create(ProjectCreateRequest(name="P", external_key_id="k1"))
    await c.admin.projects.create(name="P", external_key_id="k1")
    bodies = [json.loads(r.body) for r in transport.requests]  # type: ignore[arg-type]
    assert bodies == [{"name": "P", "external_key_id": "k1"}] * 2
