"""``client.admin`` from Pyodide (Node and Chrome) over the fetch transport, against Prism: the
admin key goes out instead of the API key, responses parse into the generated types, usage
buckets page by ``page=``, and the requests recorded in Pyodide validate against the spec."""

from __future__ import annotations

from typing import Any

from pytest_pyodide import run_in_pyodide

from support.spec import operations, validate_recorded


@run_in_pyodide(packages=["async-openai-wasm"])
async def _admin(selenium, prism_url):
    from async_openai_wasm import (
        Client,
        FetchTransport,
        OpenAIConfig,
        RecordingTransport,
        StreamError,
    )
    from async_openai_wasm.types.admin.audit_logs import AuditLog
    from async_openai_wasm.types.admin.projects import Project, ProjectUser
    from async_openai_wasm.types.admin.usage import UsageCompletionsResult, UsageTimeBucket

    transport = RecordingTransport()
    assert isinstance(transport.inner, FetchTransport)
    config = OpenAIConfig(api_key="sk-proj-api", admin_key="sk-admin-key", api_base=prism_url)
    client = Client(config, transport=transport, max_retries=0)
    project = await client.admin.projects.create(name="Support bot")
    assert isinstance(project, Project)
    user = await client.admin.projects.users.create(project.id, user_id="user_1", role="member")
    assert isinstance(user, ProjectUser)
    logs = await client.admin.audit_logs.list(project_ids=["proj_1"], effective_at={"gte": 1})
    assert isinstance(logs.data[0], AuditLog)
    usage = await client.admin.usage.completions(start_time=1730419200, bucket_width="1h")
    assert isinstance(usage.data[0], UsageTimeBucket)
    assert isinstance(usage.data[0].results[0], UsageCompletionsResult)
    # Prism says has_more with the same example next_page every time: the walk asks for it
    # once with page=, then stops with a typed error instead of looping.
    walked = 0
    try:
        async for _ in client.admin.usage.costs(start_time=1730419200):
            walked += 1
    except StreamError as exc:
        assert "repeated the cursor" in str(exc)
    else:
        raise AssertionError("the walk did not stop")
    assert walked == 2
    auth = {request.headers["Authorization"] for request in transport.requests}
    assert auth == {"Bearer sk-admin-key"}, auth
    return transport.requests


def test_admin(selenium: Any, prism_url: str) -> None:
    requests = _admin(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/organization/projects"),
        ("POST", "/organization/projects/string/users"),
        ("GET", "/organization/audit_logs?effective_at%5Bgte%5D=1&project_ids%5B%5D=proj_1"),
        ("GET", "/organization/usage/completions?start_time=1730419200&bucket_width=1h"),
        ("GET", "/organization/costs?start_time=1730419200"),
        ("GET", "/organization/costs?start_time=1730419200&page=string"),
    ]
    assert validate_recorded(requests, prism_url) == 6
