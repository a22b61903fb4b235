"""Every method of the assistants, threads, messages, runs and run steps groups against Prism
mocking OpenAI's spec, over httpx: each answer parses into our types, and each request we sent
validates against the spec's schema for its operation."""

from __future__ import annotations

from typing import Any

from async_openai_wasm import Client, RecordingTransport, Stream
from async_openai_wasm.types.assistants import (
    AssistantObject,
    AssistantStreamEvent,
    DeleteAssistantResponse,
    DeleteMessageResponse,
    DeleteThreadResponse,
    MessageObject,
    RunObject,
    RunStepObject,
    ThreadObject,
)
from support.spec import operations
from support.streams import check_run_stream

INCLUDE = "step_details.tool_calls[*].file_search.results[*].content"

TOOLS: list[dict[str, Any]] = [
    {"type": "code_interpreter"},
    {
        "type": "file_search",
        "file_search": {
            "max_num_results": 5,
            "ranking_options": {"ranker": "auto", "score_threshold": 0.2},
        },
    },
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather of a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
            "strict": True,
        },
    },
]

MESSAGES: list[dict[str, Any]] = [
    {"role": "user", "content": "Hi"},
    {
        "role": "user",
        "content": [
            {"type": "text", "text": "What is in this image?"},
            {"type": "image_file", "image_file": {"file_id": "file-2", "detail": "low"}},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        ],
        "attachments": [{"file_id": "file-1", "tools": [{"type": "file_search"}]}],
        "metadata": {"source": "test"},
    },
]

RUN_SETTINGS: dict[str, Any] = {
    "assistant_id": "asst_1",
    "model": "gpt-4o",
    "instructions": "Be brief.",
    "tools": TOOLS,
    "metadata": {"k": "v"},
    "temperature": 0.5,
    "top_p": 0.9,
    "max_prompt_tokens": 1000,
    "max_completion_tokens": 500,
    "truncation_strategy": {"type": "last_messages", "last_messages": 4},
    "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
    "parallel_tool_calls": False,
    "response_format": {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": {"type": "object"}, "strict": True},
    },
}


async def read(stream: Stream[AssistantStreamEvent]) -> list[AssistantStreamEvent]:
    """Every event of a run stream, to its end."""
    async with stream:
        return [event async for event in stream]


async def test_assistants(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    created = await client.assistants.create(
        model="gpt-4o",
        name="Tutor",
        description="Math tutor",
        instructions="Answer math questions.",
        reasoning_effort="low",
        tools=TOOLS,
        tool_resources={
            "code_interpreter": {"file_ids": ["file-1"]},
            "file_search": {
                "vector_stores": [
                    {
                        "file_ids": ["file-2"],
                        "chunking_strategy": {
                            "type": "static",
                            "static": {"max_chunk_size_tokens": 600, "chunk_overlap_tokens": 200},
                        },
                        "metadata": {"k": "v"},
                    }
                ]
            },
        },
        metadata={"team": "math"},
        temperature=0.7,
        top_p=0.9,
        response_format={"type": "json_object"},
    )
    assert isinstance(created, AssistantObject) and created.object == "assistant"
    assert isinstance(await client.assistants.retrieve("asst_1"), AssistantObject)
    updated = await client.assistants.update(
        "asst_1",
        model="gpt-4o-mini",
        tools=[{"type": "code_interpreter"}],
        tool_resources={"file_search": {"vector_store_ids": ["vs_1"]}},
        response_format="auto",
    )
    assert isinstance(updated, AssistantObject)
    deleted = await client.assistants.delete("asst_1")
    assert isinstance(deleted, DeleteAssistantResponse) and deleted.object == "assistant.deleted"
    page = await client.assistants.list(limit=5, order="asc", after="asst_0")
    assert page.data and all(isinstance(a, AssistantObject) for a in page.data)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/assistants"),
        ("GET", "/assistants/asst_1"),
        ("POST", "/assistants/asst_1"),
        ("DELETE", "/assistants/asst_1"),
        ("GET", "/assistants?limit=5&order=asc&after=asst_0"),
    ]


async def test_threads(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    thread = await client.threads.create(
        messages=MESSAGES,
        tool_resources={"file_search": {"vector_store_ids": ["vs_1"]}},
        metadata={"user": "u1"},
    )
    assert isinstance(thread, ThreadObject) and thread.object == "thread"
    assert isinstance(await client.threads.create(), ThreadObject)
    assert isinstance(await client.threads.retrieve("thread_1"), ThreadObject)
    updated = await client.threads.update(
        "thread_1", tool_resources={"code_interpreter": {"file_ids": ["f"]}}, metadata={"a": "b"}
    )
    assert isinstance(updated, ThreadObject)
    deleted = await client.threads.delete("thread_1")
    assert isinstance(deleted, DeleteThreadResponse) and deleted.deleted is not None
    run = await client.threads.create_and_run(
        **RUN_SETTINGS,
        thread={"messages": MESSAGES, "metadata": {"a": "b"}},
        tool_resources={"code_interpreter": {"file_ids": ["file-1"]}},
    )
    assert isinstance(run, RunObject) and run.object == "thread.run"
    stream = await client.threads.create_and_run_stream(
        assistant_id="asst_1", tool_choice="required"
    )
    check_run_stream(await read(stream), "/threads/runs")
    assert operations(transport.requests, prism_url) == [
        ("POST", "/threads"),
        ("POST", "/threads"),
        ("GET", "/threads/thread_1"),
        ("POST", "/threads/thread_1"),
        ("DELETE", "/threads/thread_1"),
        ("POST", "/threads/runs"),
        ("POST", "/threads/runs"),
    ]


async def test_messages(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    messages = client.threads.messages
    created = await messages.create("thread_1", **MESSAGES[1])
    assert isinstance(created, MessageObject) and created.object == "thread.message"
    assert isinstance(await messages.retrieve("thread_1", "msg_1"), MessageObject)
    assert isinstance(
        await messages.update("thread_1", "msg_1", metadata={"a": "b"}), MessageObject
    )
    deleted = await messages.delete("thread_1", "msg_1")
    assert isinstance(deleted, DeleteMessageResponse)
    page = await messages.list("thread_1", limit=3, order="desc", before="msg_9", run_id="run_1")
    assert page.data and all(isinstance(m, MessageObject) for m in page.data)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/threads/thread_1/messages"),
        ("GET", "/threads/thread_1/messages/msg_1"),
        ("POST", "/threads/thread_1/messages/msg_1"),
        ("DELETE", "/threads/thread_1/messages/msg_1"),
        ("GET", "/threads/thread_1/messages?limit=3&order=desc&before=msg_9&run_id=run_1"),
    ]


async def test_runs_and_steps(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    runs = client.threads.runs
    run = await runs.create(
        "thread_1",
        **RUN_SETTINGS,
        reasoning_effort="medium",
        additional_instructions="Use metric units.",
        additional_messages=MESSAGES,
        include=[INCLUDE],
    )
    assert isinstance(run, RunObject)
    stream = await runs.create_stream(
        "thread_1", assistant_id="asst_1", truncation_strategy={"type": "auto"}
    )
    check_run_stream(await read(stream), "/threads/thread_1/runs")
    assert isinstance(await runs.retrieve("thread_1", "run_1"), RunObject)
    assert isinstance(await runs.update("thread_1", "run_1", metadata={"a": "b"}), RunObject)
    page = await runs.list("thread_1", limit=2, order="asc")
    assert page.data and all(isinstance(r, RunObject) for r in page.data)
    assert isinstance(await runs.cancel("thread_1", "run_1"), RunObject)
    outputs = [{"tool_call_id": "call_1", "output": '{"temperature": 22}'}]
    assert isinstance(
        await runs.submit_tool_outputs("thread_1", "run_1", tool_outputs=outputs), RunObject
    )
    stream = await runs.submit_tool_outputs_stream("thread_1", "run_1", tool_outputs=outputs)
    check_run_stream(await read(stream), "/threads/thread_1/runs/run_1/submit_tool_outputs")
    step = await runs.steps.retrieve("thread_1", "run_1", "step_1", include=[INCLUDE])
    assert isinstance(step, RunStepObject) and step.object == "thread.run.step"
    steps = await runs.steps.list("thread_1", "run_1", limit=4, include=[INCLUDE])
    assert steps.data and all(isinstance(s, RunStepObject) for s in steps.data)
    include = "include%5B%5D=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content"
    assert operations(transport.requests, prism_url) == [
        ("POST", f"/threads/thread_1/runs?{include}"),
        ("POST", "/threads/thread_1/runs"),
        ("GET", "/threads/thread_1/runs/run_1"),
        ("POST", "/threads/thread_1/runs/run_1"),
        ("GET", "/threads/thread_1/runs?limit=2&order=asc"),
        ("POST", "/threads/thread_1/runs/run_1/cancel"),
        ("POST", "/threads/thread_1/runs/run_1/submit_tool_outputs"),
        ("POST", "/threads/thread_1/runs/run_1/submit_tool_outputs"),
        ("GET", f"/threads/thread_1/runs/run_1/steps/step_1?{include}"),
        ("GET", f"/threads/thread_1/runs/run_1/steps?limit=4&{include}"),
    ]
