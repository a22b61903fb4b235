"""client.assistants over MockTransport: each call on the wire, typed results, bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm.types.assistants import (
    AssistantObject,
    AssistantToolsCode,
    AssistantToolsFileSearch,
    AssistantToolsFunction,
    CreateAssistantRequest,
    DeleteAssistantResponse,
    FileSearchRanker,
)
from async_openai_wasm.types.chat import FunctionObject, ResponseFormatJsonSchemaFormat

ASSISTANT: dict[str, Any] = {
    "id": "asst_abc123",
    "object": "assistant",
    "created_at": 1698984975,
    "name": "Math Tutor",
    "description": None,
    "model": "gpt-4o",
    "instructions": "You are a personal math tutor.",
    "tools": [
        {"type": "code_interpreter"},
        {
            "type": "file_search",
            "file_search": {
                "max_num_results": 10,
                "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.0},
            },
        },
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Weather of a city",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
                "strict": False,
            },
        },
    ],
    "tool_resources": {"code_interpreter": {"file_ids": ["file-1"]}},
    "metadata": {"team": "math"},
    "top_p": 1.0,
    "temperature": 1.0,
    "response_format": "auto",
}


def client_with(transport: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"), transport=transport)


def answering(body: Any) -> MockTransport:
    return MockTransport(lambda request: Response.from_json(200, body))


def sent_json(request: Request) -> Any:
    assert isinstance(request.body, str)
    return json.loads(request.body)


async def test_create_sends_tools_resources_and_format_and_types_the_assistant() -> None:
    transport = answering(ASSISTANT)
    assistant = await client_with(transport).assistants.create(
        model="gpt-4o",
        name="Math Tutor",
        instructions="You are a personal math tutor.",
        tools=[
            {"type": "code_interpreter"},
            AssistantToolsFileSearch(file_search={"max_num_results": 10}),
            AssistantToolsFunction(function=FunctionObject(name="get_weather")),
        ],
        tool_resources={
            "file_search": {
                "vector_stores": [
                    {
                        "file_ids": ["file-1"],
                        "chunking_strategy": {
                            "type": "static",
                            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
                        },
                    }
                ]
            }
        },
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "answer", "schema": {"type": "object"}},
        },
        metadata={"team": "math"},
    )
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/assistants")
    assert request.headers["OpenAI-Beta"] == "assistants=v2"
    assert sent_json(request) == {
        "model": "gpt-4o",
        "name": "Math Tutor",
        "instructions": "You are a personal math tutor.",
        "tools": [
            {"type": "code_interpreter"},
            {"type": "file_search", "file_search": {"max_num_results": 10}},
            {"type": "function", "function": {"name": "get_weather"}},
        ],
        "tool_resources": {
            "file_search": {
                "vector_stores": [
                    {
                        "file_ids": ["file-1"],
                        "chunking_strategy": {
                            "type": "static",
                            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
                        },
                    }
                ]
            }
        },
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "answer", "schema": {"type": "object"}},
        },
        "metadata": {"team": "math"},
    }
    assert isinstance(assistant, AssistantObject) and assistant.id == "asst_abc123"
    code, search, function = assistant.tools
    assert isinstance(code, AssistantToolsCode)
    assert isinstance(search, AssistantToolsFileSearch) and search.file_search is not None
    assert search.file_search.ranking_options is not None
    assert search.file_search.ranking_options.ranker is FileSearchRanker.default_2024_08_21
    assert isinstance(function, AssistantToolsFunction)
    assert function.function.parameters == ASSISTANT["tools"][2]["function"]["parameters"]
    assert assistant.response_format == "auto"
    assert assistant.metadata == {"team": "math"}


async def test_create_takes_a_request_object() -> None:
    transport = answering(ASSISTANT)
    request = CreateAssistantRequest(
        model="gpt-4o",
        response_format=ResponseFormatJsonSchemaFormat(
            json_schema={"name": "answer", "schema": {"type": "object"}, "strict": True}
        ),
    )
    await client_with(transport).assistants.create(request)
    assert sent_json(transport.requests[0]) == {
        "model": "gpt-4o",
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "answer", "schema": {"type": "object"}, "strict": True},
        },
    }


async def test_retrieve_gets_the_quoted_id() -> None:
    transport = answering(ASSISTANT)
    assistant = await client_with(transport).assistants.retrieve("asst/1?")
    assert assistant.name == "Math Tutor"
    (request,) = transport.requests
    assert (request.method, request.url) == ("GET", "http://mock.test/v1/assistants/asst%2F1%3F")
    assert request.body is None


async def test_update_sends_only_the_fields_given() -> None:
    transport = answering({**ASSISTANT, "name": "Algebra Tutor"})
    assistant = await client_with(transport).assistants.update(
        "asst_abc123", name="Algebra Tutor", tool_resources={"code_interpreter": {}}
    )
    assert assistant.name == "Algebra Tutor"
    (request,) = transport.requests
    assert (request.method, request.url) == (
        "POST",
        "http://mock.test/v1/assistants/asst_abc123",
    )
    assert sent_json(request) == {
        "name": "Algebra Tutor",
        "tool_resources": {"code_interpreter": {"file_ids": []}},
    }


async def test_the_tools_an_assistant_returns_can_be_sent_back() -> None:
    transport = answering(ASSISTANT)
    client = client_with(transport)
    assistant = await client.assistants.retrieve("asst_abc123")
    await client.assistants.update("asst_abc123", tools=assistant.tools)
    assert sent_json(transport.requests[1])["tools"] == ASSISTANT["tools"]


async def test_delete_returns_the_typed_result() -> None:
    deleted = {"id": "asst_abc123", "object": "assistant.deleted", "deleted": True}
    transport = answering(deleted)
    result = await client_with(transport).assistants.delete("asst_abc123")
    assert isinstance(result, DeleteAssistantResponse) and result.deleted
    assert (transport.requests[0].method, transport.requests[0].url) == (
        "DELETE",
        "http://mock.test/v1/assistants/asst_abc123",
    )


async def test_list_sends_the_query_and_returns_a_typed_page() -> None:
    page_body = {
        "object": "list",
        "data": [ASSISTANT],
        "first_id": "asst_abc123",
        "last_id": "asst_abc123",
        "has_more": False,
    }
    transport = answering(page_body)
    page = await client_with(transport).assistants.list(limit=2, order="asc", before="asst_9")
    assert [a.id for a in page.data] == ["asst_abc123"]
    assert isinstance(page.data[0], AssistantObject)
    assert transport.requests[0].url == (
        "http://mock.test/v1/assistants?limit=2&order=asc&before=asst_9"
    )


async def test_iterating_the_list_follows_the_after_cursor() -> None:
    pages = {
        None: {
            "object": "list",
            "data": [{**ASSISTANT, "id": "asst_1"}, {**ASSISTANT, "id": "asst_2"}],
            "first_id": "asst_1",
            "last_id": "asst_2",
            "has_more": True,
        },
        "asst_2": {
            "object": "list",
            "data": [{**ASSISTANT, "id": "asst_3"}],
            "first_id": "asst_3",
            "last_id": "asst_3",
            "has_more": False,
        },
    }

    def handler(request: Request) -> Response:
        after = request.url.partition("after=")[2] or None
        return Response.from_json(200, pages[after])

    transport = MockTransport(handler)
    ids = [a.id async for a in client_with(transport).assistants.list(limit=2)]
    assert ids == ["asst_1", "asst_2", "asst_3"]
    assert [r.url for r in transport.requests] == [
        "http://mock.test/v1/assistants?limit=2",
        "http://mock.test/v1/assistants?limit=2&after=asst_2",
    ]


async def test_an_assistant_with_what_this_package_does_not_know_is_still_returned() -> None:
    newer = {
        **ASSISTANT,
        "tools": [
            {"type": "code_interpreter"},
            {"type": "web_browser", "web_browser": {"depth": 2}},
            {"type": "function", "function": {"name": "f", "cache": True}},
        ],
        "response_format": {"type": "xml"},
        "reasoning_effort": "high",
    }
    assistant = await client_with(answering(newer)).assistants.retrieve("asst_abc123")
    assert isinstance(assistant.tools[0], AssistantToolsCode)
    assert assistant.tools[1] == {"type": "web_browser", "web_browser": {"depth": 2}}
    assert assistant.tools[2] == {"type": "function", "function": {"name": "f", "cache": True}}
    assert assistant.response_format == {"type": "xml"}
    assert assistant.reasoning_effort == "high"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"temperature": 2.5}, "temperature"),
        ({"top_p": -0.1}, "top_p"),
        ({"name": "n" * 257}, "name"),
        ({"tools": [{"type": "file_search", "file_search": {"max_num_results": 51}}]}, "tools"),
        ({"tools": [{"type": "function", "function": {"description": "no name"}}]}, "name"),
        ({"tools": [{"type": "retrieval"}]}, "tools"),
        ({"metadata": {"k" * 65: "v"}}, "metadata"),
        ({"reasoning_effort": "extreme"}, "reasoning_effort"),
        ({"tool_resources": {"file_search": {}}}, "exactly one of vector_store_ids"),
        (
            {
                "tool_resources": {
                    "file_search": {
                        "vector_store_ids": ["vs_1"],
                        "vector_stores": [{"file_ids": ["file-1"]}],
                    }
                }
            },
            "exactly one of vector_store_ids",
        ),
        (
            {
                "tool_resources": {
                    "file_search": {
                        "vector_stores": [
                            {
                                "chunking_strategy": {
                                    "type": "static",
                                    "static": {
                                        "max_chunk_size_tokens": 800,
                                        "chunk_overlap_tokens": 401,
                                    },
                                }
                            }
                        ]
                    }
                }
            },
            "must not exceed half",
        ),
        ({"modle": "gpt-4o"}, "modle"),
    ],
)
async def test_bad_input_is_refused_before_sending_naming_the_field(
    fields: dict[str, Any], named: str
) -> None:
    transport = answering(ASSISTANT)
    with pytest.raises(InvalidArgumentError, match="CreateAssistantRequest") as info:
        await client_with(transport).assistants.create(**{"model": "gpt-4o", **fields})
    assert named in str(info.value)
    assert transport.requests == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": 0}, "limit must be an integer from 1 to 100"),
        ({"limit": 101}, "limit must be an integer from 1 to 100"),
        ({"order": "newest"}, 'order must be "asc" or "desc"'),
    ],
)
async def test_a_bad_list_query_is_refused(query: dict[str, Any], message: str) -> None:
    transport = answering(ASSISTANT)
    with pytest.raises(InvalidArgumentError, match=message):
        client_with(transport).assistants.list(**query)
    assert transport.requests == []


@pytest.mark.parametrize("call", ["retrieve", "update", "delete"])
async def test_an_empty_assistant_id_is_refused_before_sending(call: str) -> None:
    transport = answering(ASSISTANT)
    with pytest.raises(InvalidArgumentError, match="assistant_id must be a non-empty string"):
        await getattr(client_with(transport).assistants, call)("")
    assert transport.requests == []
