"""client.threads (and .messages, .runs, .runs.steps) over MockTransport: each call on the
wire, typed results, the typed run stream, bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from async_openai_wasm import (
    APIError,
    Client,
    InvalidArgumentError,
    JSONDeserializeError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
    StreamError,
)
from async_openai_wasm.types.assistants import (
    AssistantsNamedToolChoice,
    CreateMessageRequest,
    DeleteMessageResponse,
    DeleteThreadResponse,
    FileSearchRankingOptions,
    ImageFile,
    MessageContentImageFileObject,
    MessageContentTextAnnotationsFileCitationObject,
    MessageContentTextObject,
    MessageDeltaContentTextObject,
    MessageObject,
    MessageRole,
    RunObject,
    RunStatus,
    RunStepDeltaStepDetailsToolCallsFunctionObject,
    RunStepDeltaStepDetailsToolCallsObject,
    RunStepDetailsMessageCreationObject,
    RunStepDetailsToolCallsCodeObject,
    RunStepDetailsToolCallsCodeOutputImageObject,
    RunStepDetailsToolCallsCodeOutputLogsObject,
    RunStepDetailsToolCallsFileSearchObject,
    RunStepDetailsToolCallsFunctionObject,
    RunStepDetailsToolCallsObject,
    RunStepObject,
    SubmitToolOutputsRunRequest,
    ThreadCreated,
    ThreadMessageCompleted,
    ThreadMessageCreated,
    ThreadMessageDelta,
    ThreadMessageInProgress,
    ThreadObject,
    ThreadRunCompleted,
    ThreadRunCreated,
    ThreadRunInProgress,
    ThreadRunQueued,
    ThreadRunRequiresAction,
    ThreadRunStepCompleted,
    ThreadRunStepCreated,
    ThreadRunStepDelta,
    ThreadRunStepInProgress,
    ToolsOutputs,
    UnknownAssistantStreamEvent,
)

BASE = "http://mock.test/v1"
INCLUDE = "step_details.tool_calls[*].file_search.results[*].content"
INCLUDE_QUERY = (
    "include%5B%5D=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content"
)

THREAD: dict[str, Any] = {
    "id": "thread_abc123",
    "object": "thread",
    "created_at": 1699012949,
    "metadata": {},
    "tool_resources": {"code_interpreter": {"file_ids": []}},
}

MESSAGE: dict[str, Any] = {
    "id": "msg_abc123",
    "object": "thread.message",
    "created_at": 1699017614,
    "assistant_id": "asst_abc123",
    "thread_id": "thread_abc123",
    "run_id": "run_abc123",
    "status": "completed",
    "incomplete_details": None,
    "completed_at": 1699017615,
    "incomplete_at": None,
    "role": "assistant",
    "content": [
        {
            "type": "text",
            "text": {
                "value": "The answer is 4 [1].",
                "annotations": [
                    {
                        "type": "file_citation",
                        "text": "[1]",
                        "file_citation": {"file_id": "file-1"},
                        "start_index": 16,
                        "end_index": 19,
                    }
                ],
            },
        },
        {"type": "image_file", "image_file": {"file_id": "file-2", "detail": "low"}},
    ],
    "attachments": [{"file_id": "file-1", "tools": [{"type": "file_search"}]}],
    "metadata": {},
}

RUN: dict[str, Any] = {
    "id": "run_abc123",
    "object": "thread.run",
    "created_at": 1699063290,
    "assistant_id": "asst_abc123",
    "thread_id": "thread_abc123",
    "status": "queued",
    "started_at": None,
    "expires_at": 1699063890,
    "cancelled_at": None,
    "failed_at": None,
    "completed_at": None,
    "required_action": None,
    "last_error": None,
    "model": "gpt-4o",
    "instructions": "You are a helpful assistant.",
    "tools": [{"type": "function", "function": {"name": "get_weather"}}],
    "metadata": {},
    "usage": None,
    "temperature": 1.0,
    "top_p": 1.0,
    "max_prompt_tokens": None,
    "max_completion_tokens": None,
    "truncation_strategy": {"type": "auto", "last_messages": None},
    "incomplete_details": None,
    "response_format": "auto",
    "tool_choice": "auto",
    "parallel_tool_calls": True,
}

STEP: dict[str, Any] = {
    "id": "step_abc123",
    "object": "thread.run.step",
    "created_at": 1699063291,
    "run_id": "run_abc123",
    "assistant_id": "asst_abc123",
    "thread_id": "thread_abc123",
    "type": "tool_calls",
    "status": "completed",
    "cancelled_at": None,
    "completed_at": 1699063292,
    "expired_at": None,
    "failed_at": None,
    "last_error": None,
    "step_details": {
        "type": "tool_calls",
        "tool_calls": [
            {
                "id": "call_1",
                "type": "code_interpreter",
                "code_interpreter": {
                    "input": "print(2 + 2)",
                    "outputs": [
                        {"type": "logs", "logs": "4\n"},
                        {"type": "image", "image": {"file_id": "file-3"}},
                    ],
                },
            },
            {
                "id": "call_2",
                "type": "file_search",
                "file_search": {
                    "ranking_options": {"ranker": "auto", "score_threshold": 0.5},
                    "results": [
                        {
                            "file_id": "file-1",
                            "file_name": "notes.md",
                            "score": 0.9,
                            "content": [{"type": "text", "text": "2 + 2 = 4"}],
                        }
                    ],
                },
            },
            {
                "id": "call_3",
                "type": "function",
                "function": {
                    "name": "get_weather",
                    "arguments": '{"city":"Paris"}',
                    "output": None,
                },
            },
        ],
    },
    "usage": {"prompt_tokens": 123, "completion_tokens": 456, "total_tokens": 579},
}


def client_with(transport: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base=BASE), transport=transport)


def answering(body: Any) -> MockTransport:
    return MockTransport(lambda request: Response.from_json(200, body))


def sent_json(request: Request) -> Any:
    assert isinstance(request.body, str)
    return json.loads(request.body)


def page_of(*items: dict[str, Any]) -> dict[str, Any]:
    return {
        "object": "list",
        "data": list(items),
        "first_id": items[0]["id"],
        "last_id": items[-1]["id"],
        "has_more": False,
    }


# --- threads ----------------------------------------------------------------------------------


async def test_create_without_arguments_posts_an_empty_object() -> None:
    transport = answering(THREAD)
    thread = await client_with(transport).threads.create()
    assert isinstance(thread, ThreadObject) and thread.id == "thread_abc123"
    (request,) = transport.requests
    assert (request.method, request.url, sent_json(request)) == ("POST", f"{BASE}/threads", {})
    assert request.headers["OpenAI-Beta"] == "assistants=v2"


async def test_create_sends_messages_with_content_parts_and_attachments() -> None:
    transport = answering(THREAD)
    await client_with(transport).threads.create(
        messages=[
            CreateMessageRequest(content="Hi"),
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is in this image?"},
                    {"type": "image_file", "image_file": {"file_id": "file-2"}},
                    {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}},
                ],
                "attachments": [{"file_id": "file-1", "tools": [{"type": "code_interpreter"}]}],
            },
        ],
        tool_resources={"file_search": {"vector_store_ids": ["vs_1"]}},
        metadata={"user": "u1"},
    )
    assert sent_json(transport.requests[0]) == {
        "messages": [
            {"role": "user", "content": "Hi"},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is in this image?"},
                    {"type": "image_file", "image_file": {"file_id": "file-2"}},
                    {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}},
                ],
                "attachments": [{"file_id": "file-1", "tools": [{"type": "code_interpreter"}]}],
            },
        ],
        "tool_resources": {"file_search": {"vector_store_ids": ["vs_1"]}},
        "metadata": {"user": "u1"},
    }


async def test_retrieve_update_and_delete_address_the_thread() -> None:
    deleted = {"id": "thread_abc123", "object": "thread.deleted", "deleted": True}
    transport = MockTransport(
        lambda r: Response.from_json(200, deleted if r.method == "DELETE" else THREAD)
    )
    threads = client_with(transport).threads
    thread = await threads.retrieve("thread_abc123")
    await threads.update("thread_abc123", metadata={"modified": "true"})
    result = await threads.delete("thread_abc123")
    assert thread.tool_resources is not None
    assert isinstance(result, DeleteThreadResponse) and result.deleted
    assert [(r.method, r.url) for r in transport.requests] == [
        ("GET", f"{BASE}/threads/thread_abc123"),
        ("POST", f"{BASE}/threads/thread_abc123"),
        ("DELETE", f"{BASE}/threads/thread_abc123"),
    ]
    assert sent_json(transport.requests[1]) == {"metadata": {"modified": "true"}}


async def test_create_and_run_posts_the_thread_and_the_run_settings() -> None:
    transport = answering(RUN)
    run = await client_with(transport).threads.create_and_run(
        assistant_id="asst_abc123",
        thread={"messages": [{"role": "user", "content": "Explain deep learning."}]},
        tool_choice=AssistantsNamedToolChoice(type="function", function={"name": "get_weather"}),
        truncation_strategy={"type": "last_messages", "last_messages": 5},
        max_completion_tokens=1000,
    )
    assert isinstance(run, RunObject) and run.status is RunStatus.queued
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", f"{BASE}/threads/runs")
    assert sent_json(request) == {
        "assistant_id": "asst_abc123",
        "thread": {"messages": [{"role": "user", "content": "Explain deep learning."}]},
        "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
        "truncation_strategy": {"type": "last_messages", "last_messages": 5},
        "max_completion_tokens": 1000,
    }


@pytest.mark.parametrize(
    ("call", "stream", "message"),
    [
        ("create_and_run", True, r"use client\.threads\.create_and_run_stream"),
        ("create_and_run_stream", False, r"use client\.threads\.create_and_run\("),
    ],
)
async def test_the_stream_flag_must_match_the_call(call: str, stream: bool, message: str) -> None:
    transport = answering(RUN)
    with pytest.raises(InvalidArgumentError, match=message):
        await getattr(client_with(transport).threads, call)(assistant_id="a", stream=stream)
    assert transport.requests == []


# --- messages ---------------------------------------------------------------------------------


async def test_messages_create_posts_to_the_thread_and_types_the_content() -> None:
    transport = answering(MESSAGE)
    message = await client_with(transport).threads.messages.create(
        "thread_abc123", role="user", content="How does AI work?"
    )
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", f"{BASE}/threads/thread_abc123/messages")
    assert sent_json(request) == {"role": "user", "content": "How does AI work?"}
    assert isinstance(message, MessageObject) and message.role is MessageRole.assistant
    text, image = message.content
    assert isinstance(text, MessageContentTextObject)
    assert text.text.value == "The answer is 4 [1]."
    (citation,) = text.text.annotations
    assert isinstance(citation, MessageContentTextAnnotationsFileCitationObject)
    assert citation.file_citation.file_id == "file-1" and citation.end_index == 19
    assert isinstance(image, MessageContentImageFileObject)
    assert image.image_file == ImageFile(file_id="file-2", detail="low")


async def test_messages_retrieve_update_delete_and_list() -> None:
    deleted = {"id": "msg_abc123", "object": "thread.message.deleted", "deleted": True}

    def handler(request: Request) -> Response:
        if request.method == "DELETE":
            return Response.from_json(200, deleted)
        if request.url.startswith(f"{BASE}/threads/thread_abc123/messages?"):
            return Response.from_json(200, page_of(MESSAGE))
        return Response.from_json(200, MESSAGE)

    transport = MockTransport(handler)
    messages = client_with(transport).threads.messages
    await messages.retrieve("thread_abc123", "msg_abc123")
    await messages.update("thread_abc123", "msg_abc123", metadata={"seen": "yes"})
    result = await messages.delete("thread_abc123", "msg_abc123")
    page = await messages.list("thread_abc123", order="asc", run_id="run_abc123", limit=10)
    assert isinstance(result, DeleteMessageResponse) and result.deleted
    assert [m.id for m in page.data] == ["msg_abc123"]
    assert isinstance(page.data[0], MessageObject)
    one = f"{BASE}/threads/thread_abc123/messages/msg_abc123"
    assert [(r.method, r.url) for r in transport.requests] == [
        ("GET", one),
        ("POST", one),
        ("DELETE", one),
        ("GET", f"{BASE}/threads/thread_abc123/messages?limit=10&order=asc&run_id=run_abc123"),
    ]
    assert sent_json(transport.requests[1]) == {"metadata": {"seen": "yes"}}


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"role": "system", "content": "x"}, "role"),
        ({"content": []}, "content"),
        ({"content": [{"type": "input_text", "text": "x"}]}, "content"),
        ({"content": "x", "attachments": [{"file_id": "f", "tools": [{"type": "web"}]}]}, "tools"),
    ],
)
async def test_a_bad_message_is_refused_naming_the_field(
    fields: dict[str, Any], named: str
) -> None:
    transport = answering(MESSAGE)
    with pytest.raises(InvalidArgumentError, match="CreateMessageRequest") as info:
        await client_with(transport).threads.messages.create("thread_abc123", **fields)
    assert named in str(info.value)
    assert transport.requests == []


# --- runs -------------------------------------------------------------------------------------


async def test_runs_create_posts_the_run_with_the_include_query() -> None:
    transport = answering(RUN)
    run = await client_with(transport).threads.runs.create(
        "thread_abc123",
        assistant_id="asst_abc123",
        additional_messages=[{"content": "And in French?"}],
        reasoning_effort="low",
        include=[INCLUDE],
    )
    assert run.id == "run_abc123" and run.tool_choice == "auto"
    (request,) = transport.requests
    assert (request.method, request.url) == (
        "POST",
        f"{BASE}/threads/thread_abc123/runs?{INCLUDE_QUERY}",
    )
    assert sent_json(request) == {
        "assistant_id": "asst_abc123",
        "additional_messages": [{"role": "user", "content": "And in French?"}],
        "reasoning_effort": "low",
    }


async def test_runs_retrieve_update_cancel_and_list() -> None:
    def handler(request: Request) -> Response:
        if request.method == "GET" and "/runs?" in request.url:
            return Response.from_json(200, page_of(RUN))
        return Response.from_json(200, RUN)

    transport = MockTransport(handler)
    runs = client_with(transport).threads.runs
    await runs.retrieve("thread_abc123", "run_abc123")
    await runs.update("thread_abc123", "run_abc123", metadata={"user_id": "user_abc123"})
    cancelled = await runs.cancel("thread_abc123", "run_abc123")
    page = await runs.list("thread_abc123", limit=1, after="run_0")
    assert isinstance(cancelled, RunObject)
    assert [r.id for r in page.data] == ["run_abc123"]
    one = f"{BASE}/threads/thread_abc123/runs/run_abc123"
    assert [(r.method, r.url) for r in transport.requests] == [
        ("GET", one),
        ("POST", one),
        ("POST", f"{one}/cancel"),
        ("GET", f"{BASE}/threads/thread_abc123/runs?limit=1&after=run_0"),
    ]
    assert sent_json(transport.requests[1]) == {"metadata": {"user_id": "user_abc123"}}
    assert transport.requests[2].body is None


async def test_a_run_waiting_for_tool_outputs_types_its_required_action() -> None:
    waiting = {
        **RUN,
        "status": "requires_action",
        "required_action": {
            "type": "submit_tool_outputs",
            "submit_tool_outputs": {
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                    }
                ]
            },
        },
    }
    run = await client_with(answering(waiting)).threads.runs.retrieve("thread_1", "run_1")
    assert run.status is RunStatus.requires_action and run.required_action is not None
    (call,) = run.required_action.submit_tool_outputs.tool_calls
    assert (call.id, call.function.name) == ("call_1", "get_weather")
    assert json.loads(call.function.arguments) == {"city": "Paris"}


async def test_submit_tool_outputs_posts_the_outputs() -> None:
    transport = answering({**RUN, "status": "in_progress"})
    run = await client_with(transport).threads.runs.submit_tool_outputs(
        "thread_abc123",
        "run_abc123",
        SubmitToolOutputsRunRequest(
            tool_outputs=[ToolsOutputs(tool_call_id="call_1", output="22C")]
        ),
    )
    assert run.status is RunStatus.in_progress
    (request,) = transport.requests
    assert (request.method, request.url) == (
        "POST",
        f"{BASE}/threads/thread_abc123/runs/run_abc123/submit_tool_outputs",
    )
    assert sent_json(request) == {"tool_outputs": [{"tool_call_id": "call_1", "output": "22C"}]}


async def test_a_run_in_a_state_this_package_does_not_know_keeps_it_as_a_string() -> None:
    run = await client_with(answering({**RUN, "status": "paused"})).threads.runs.retrieve("t", "r")
    assert run.status == "paused" and not isinstance(run.status, RunStatus)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"temperature": 3}, "temperature"),
        ({"max_prompt_tokens": 100}, "max_prompt_tokens"),
        ({"tool_choice": {"type": "function"}}, 'needs function={"name": ...}'),
        ({"tool_choice": "sometimes"}, "tool_choice"),
        ({"truncation_strategy": {"type": "last_messages", "last_messages": 0}}, "last_messages"),
        ({"tools": [{"type": "code_interpreter"}] * 21}, "tools"),
    ],
)
async def test_a_bad_run_is_refused_naming_the_field(fields: dict[str, Any], named: str) -> None:
    transport = answering(RUN)
    with pytest.raises(InvalidArgumentError, match="CreateRunRequest") as info:
        await client_with(transport).threads.runs.create("thread_1", assistant_id="a", **fields)
    assert named in str(info.value)
    assert transport.requests == []


@pytest.mark.parametrize(
    ("include", "message"),
    [
        (["step_details.everything"], "include takes 'step_details.tool_calls"),
        (INCLUDE, "include must be a list of values"),
    ],
)
async def test_a_bad_include_is_refused(include: Any, message: str) -> None:
    transport = answering(RUN)
    with pytest.raises(InvalidArgumentError, match=message):
        await client_with(transport).threads.runs.create("t", assistant_id="a", include=include)
    assert transport.requests == []


async def test_a_tool_output_needs_its_call_id() -> None:
    transport = answering(RUN)
    with pytest.raises(InvalidArgumentError, match="tool_call_id"):
        await client_with(transport).threads.runs.submit_tool_outputs(
            "t", "r", tool_outputs=[{"output": "22C"}]
        )
    assert transport.requests == []


@pytest.mark.parametrize(
    ("call", "args", "named"),
    [
        ("threads.retrieve", ("",), "thread_id"),
        ("threads.messages.retrieve", ("thread_1", ""), "message_id"),
        ("threads.messages.list", ("",), "thread_id"),
        ("threads.runs.retrieve", ("thread_1", ""), "run_id"),
        ("threads.runs.cancel", ("", "run_1"), "thread_id"),
        ("threads.runs.steps.retrieve", ("thread_1", "run_1", ""), "step_id"),
        ("threads.runs.steps.list", ("thread_1", ""), "run_id"),
    ],
)
async def test_an_empty_id_is_refused_before_sending(
    call: str, args: tuple[str, ...], named: str
) -> None:
    transport = answering(RUN)
    target: Any = client_with(transport)
    for name in call.split("."):
        target = getattr(target, name)
    with pytest.raises(InvalidArgumentError, match=f"{named} must be a non-empty string"):
        result = target(*args)
        if hasattr(result, "__await__"):
            await result
    assert transport.requests == []


# --- run steps --------------------------------------------------------------------------------


async def test_steps_retrieve_types_every_kind_of_tool_call() -> None:
    transport = answering(STEP)
    step = await client_with(transport).threads.runs.steps.retrieve(
        "thread_abc123", "run_abc123", "step_abc123", include=[INCLUDE]
    )
    assert transport.requests[0].url == (
        f"{BASE}/threads/thread_abc123/runs/run_abc123/steps/step_abc123?{INCLUDE_QUERY}"
    )
    assert isinstance(step, RunStepObject) and step.status is RunStatus.completed
    assert step.usage is not None and step.usage.total_tokens == 579
    details = step.step_details
    assert isinstance(details, RunStepDetailsToolCallsObject)
    code, search, function = details.tool_calls
    assert isinstance(code, RunStepDetailsToolCallsCodeObject)
    logs, image = code.code_interpreter.outputs
    assert isinstance(logs, RunStepDetailsToolCallsCodeOutputLogsObject) and logs.logs == "4\n"
    assert isinstance(image, RunStepDetailsToolCallsCodeOutputImageObject)
    assert image.image == ImageFile(file_id="file-3")
    assert isinstance(search, RunStepDetailsToolCallsFileSearchObject)
    assert search.file_search.ranking_options == FileSearchRankingOptions(
        ranker="auto", score_threshold=0.5
    )
    (result,) = search.file_search.results or []
    assert result.content is not None and result.content[0].text == "2 + 2 = 4"
    assert isinstance(function, RunStepDetailsToolCallsFunctionObject)
    assert function.function.output is None


async def test_steps_list_sends_the_cursor_and_include_query() -> None:
    created = {
        **STEP,
        "type": "message_creation",
        "step_details": {"type": "message_creation", "message_creation": {"message_id": "m1"}},
    }
    transport = answering(page_of(created))
    page = await client_with(transport).threads.runs.steps.list(
        "thread_abc123", "run_abc123", order="desc", include=[INCLUDE]
    )
    (step,) = page.data
    assert isinstance(step.step_details, RunStepDetailsMessageCreationObject)
    assert step.step_details.message_creation.message_id == "m1"
    assert transport.requests[0].url == (
        f"{BASE}/threads/thread_abc123/runs/run_abc123/steps?order=desc&{INCLUDE_QUERY}"
    )


# --- the run stream ---------------------------------------------------------------------------


def sse(event: str, data: Any) -> str:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return f"event: {event}\ndata: {text}\n\n"


def chunked(text: str, size: int) -> list[bytes]:
    raw = text.encode()
    return [raw[i : i + size] for i in range(0, len(raw), size)]


def streaming(text: str, size: int = 4096) -> MockTransport:
    headers = {"content-type": "text/event-stream"}
    return MockTransport(lambda r: Response.from_chunks(200, chunked(text, size), headers))


STEP_CREATING = {
    **STEP,
    "id": "step_001",
    "type": "message_creation",
    "status": "in_progress",
    "completed_at": None,
    "usage": None,
    "step_details": {"type": "message_creation", "message_creation": {"message_id": "msg_001"}},
}
MESSAGE_STARTED = {
    **MESSAGE,
    "id": "msg_001",
    "status": "in_progress",
    "completed_at": None,
    "content": [],
    "attachments": [],
}
ANSWER = "Hello, snowman ☃!"

# What POST /threads/runs with "stream": true sends, as OpenAI documents it.
CREATE_AND_RUN_STREAM = "".join(
    [
        sse("thread.created", THREAD),
        sse("thread.run.created", RUN),
        sse("thread.run.queued", RUN),
        sse("thread.run.in_progress", {**RUN, "status": "in_progress", "started_at": 1699063291}),
        sse("thread.run.step.created", STEP_CREATING),
        sse("thread.run.step.in_progress", STEP_CREATING),
        sse("thread.message.created", MESSAGE_STARTED),
        sse("thread.message.in_progress", MESSAGE_STARTED),
        sse(
            "thread.message.delta",
            {
                "id": "msg_001",
                "object": "thread.message.delta",
                "delta": {
                    "role": "assistant",
                    "content": [{"index": 0, "type": "text", "text": {"value": "Hello, "}}],
                },
            },
        ),
        sse(
            "thread.message.delta",
            {
                "id": "msg_001",
                "object": "thread.message.delta",
                "delta": {
                    "content": [
                        {
                            "index": 0,
                            "type": "text",
                            "text": {"value": "snowman ☃!", "annotations": []},
                        }
                    ]
                },
            },
        ),
        sse(
            "thread.message.completed",
            {
                **MESSAGE_STARTED,
                "status": "completed",
                "content": [{"type": "text", "text": {"value": ANSWER, "annotations": []}}],
            },
        ),
        sse(
            "thread.run.step.completed",
            {**STEP_CREATING, "status": "completed", "usage": STEP["usage"]},
        ),
        sse("thread.run.completed", {**RUN, "status": "completed", "usage": STEP["usage"]}),
        sse("done", "[DONE]"),
    ]
)


@pytest.mark.parametrize("chunk_size", [1, 7, 61, 4096])
async def test_create_and_run_stream_types_each_event_by_its_name(chunk_size: int) -> None:
    transport = streaming(CREATE_AND_RUN_STREAM, chunk_size)
    stream = await client_with(transport).threads.create_and_run_stream(
        assistant_id="asst_abc123", thread={"messages": [{"content": "Say hello"}]}
    )
    events = [event async for event in stream]
    assert [type(e) for e in events] == [
        ThreadCreated,
        ThreadRunCreated,
        ThreadRunQueued,
        ThreadRunInProgress,
        ThreadRunStepCreated,
        ThreadRunStepInProgress,
        ThreadMessageCreated,
        ThreadMessageInProgress,
        ThreadMessageDelta,
        ThreadMessageDelta,
        ThreadMessageCompleted,
        ThreadRunStepCompleted,
        ThreadRunCompleted,
    ]
    assert events[0].event == "thread.created" and isinstance(events[0].data, ThreadObject)
    assert isinstance(events[4].data, RunStepObject)
    assert isinstance(events[4].data.step_details, RunStepDetailsMessageCreationObject)
    deltas = [e.data for e in events if isinstance(e, ThreadMessageDelta)]
    text = ""
    for delta in deltas:
        for part in delta.delta.content or []:
            assert isinstance(part, MessageDeltaContentTextObject) and part.text is not None
            text += part.text.value or ""
    assert text == ANSWER
    completed = events[-1]
    assert isinstance(completed, ThreadRunCompleted)
    assert completed.data.status is RunStatus.completed
    assert completed.data.usage is not None and completed.data.usage.total_tokens == 579
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", f"{BASE}/threads/runs")
    assert request.headers["Accept"] == "text/event-stream"
    assert sent_json(request) == {
        "assistant_id": "asst_abc123",
        "thread": {"messages": [{"role": "user", "content": "Say hello"}]},
        "stream": True,
    }


TOOL_CALL_STREAM = "".join(
    [
        sse("thread.run.created", RUN),
        sse(
            "thread.run.step.delta",
            {
                "id": "step_abc123",
                "object": "thread.run.step.delta",
                "delta": {
                    "step_details": {
                        "type": "tool_calls",
                        "tool_calls": [
                            {
                                "index": 0,
                                "id": "call_1",
                                "type": "function",
                                "function": {"name": "get_weather", "arguments": '{"ci'},
                            }
                        ],
                    }
                },
            },
        ),
        sse(
            "thread.run.requires_action",
            {
                **RUN,
                "status": "requires_action",
                "required_action": {
                    "type": "submit_tool_outputs",
                    "submit_tool_outputs": {
                        "tool_calls": [
                            {
                                "id": "call_1",
                                "type": "function",
                                "function": {"name": "get_weather", "arguments": '{"city":"P"}'},
                            }
                        ]
                    },
                },
            },
        ),
        sse("done", "[DONE]"),
    ]
)


async def test_runs_create_stream_stops_at_requires_action_with_typed_step_deltas() -> None:
    transport = streaming(TOOL_CALL_STREAM, 13)
    runs = client_with(transport).threads.runs
    stream = await runs.create_stream("thread_abc123", assistant_id="asst_abc123")
    created, step_delta, requires_action = [event async for event in stream]
    assert isinstance(created, ThreadRunCreated)
    assert isinstance(step_delta, ThreadRunStepDelta)
    details = step_delta.data.delta.step_details
    assert isinstance(details, RunStepDeltaStepDetailsToolCallsObject)
    (call,) = details.tool_calls or []
    assert isinstance(call, RunStepDeltaStepDetailsToolCallsFunctionObject)
    assert call.function is not None and call.function.arguments == '{"ci'
    assert isinstance(requires_action, ThreadRunRequiresAction)
    assert requires_action.data.required_action is not None
    (request,) = transport.requests
    assert request.url == f"{BASE}/threads/thread_abc123/runs"
    assert sent_json(request) == {"assistant_id": "asst_abc123", "stream": True}


async def test_submit_tool_outputs_stream_posts_the_outputs_and_streams_on() -> None:
    body = "".join(
        [
            sse("thread.run.queued", {**RUN, "status": "queued"}),
            sse("thread.run.completed", {**RUN, "status": "completed"}),
            sse("done", "[DONE]"),
        ]
    )
    transport = streaming(body, 5)
    stream = await client_with(transport).threads.runs.submit_tool_outputs_stream(
        "thread_abc123", "run_abc123", tool_outputs=[{"tool_call_id": "call_1", "output": "22C"}]
    )
    async with stream:
        statuses = [event.data.status async for event in stream]
    assert statuses == [RunStatus.queued, RunStatus.completed]
    (request,) = transport.requests
    assert request.url == f"{BASE}/threads/thread_abc123/runs/run_abc123/submit_tool_outputs"
    assert sent_json(request) == {
        "tool_outputs": [{"tool_call_id": "call_1", "output": "22C"}],
        "stream": True,
    }


async def test_an_unknown_event_is_kept_with_its_data_and_the_stream_goes_on() -> None:
    body = "".join(
        [
            sse("thread.run.created", RUN),
            sse("thread.run.step.reasoning", {"id": "step_1", "summary": "thinking"}),
            sse("thread.heartbeat", "ping"),
            sse("thread.run.completed", {**RUN, "status": "completed"}),
            sse("done", "[DONE]"),
        ]
    )
    stream = await client_with(streaming(body, 3)).threads.runs.create_stream("t", assistant_id="a")
    events = [event async for event in stream]
    assert [type(e) for e in events] == [
        ThreadRunCreated,
        UnknownAssistantStreamEvent,
        UnknownAssistantStreamEvent,
        ThreadRunCompleted,
    ]
    assert (events[1].event, events[1].data) == (
        "thread.run.step.reasoning",
        {"id": "step_1", "summary": "thinking"},
    )
    assert (events[2].event, events[2].data) == ("thread.heartbeat", "ping")


@pytest.mark.parametrize(
    "error",
    [
        # The spec's ErrorEvent: the error object itself.
        {"code": "server_error", "message": "Sorry, something went wrong.", "param": None,
         "type": "server_error"},
        # The shape of an HTTP error body, which some servers send in the event.
        {"error": {"code": "server_error", "message": "Sorry, something went wrong.",
                   "type": "server_error"}},
    ],
)  # fmt: skip
async def test_an_error_event_raises_the_servers_message_after_the_events_before_it(
    error: dict[str, Any],
) -> None:
    body = sse("thread.run.created", RUN) + sse("error", error)
    stream = await client_with(streaming(body, 9)).threads.runs.create_stream("t", assistant_id="a")
    received = []
    with pytest.raises(APIError, match="Sorry, something went wrong") as info:
        async for event in stream:
            received.append(event)
    assert [type(e) for e in received] == [ThreadRunCreated]
    assert info.value.code == "server_error" and info.value.type == "server_error"


async def test_a_known_event_whose_data_does_not_fit_raises_a_deserialize_error() -> None:
    body = sse("thread.run.created", {"id": "run_1", "object": "thread.run"})
    stream = await client_with(streaming(body)).threads.runs.create_stream("t", assistant_id="a")
    with pytest.raises(JSONDeserializeError, match="not a valid RunObject") as info:
        await anext(stream)
    assert '"id": "run_1"' in info.value.raw


async def test_a_stream_cut_before_done_raises_after_the_events_received() -> None:
    body = sse("thread.run.created", RUN) + sse("thread.run.in_progress", RUN)
    stream = await client_with(streaming(body)).threads.runs.create_stream("t", assistant_id="a")
    received = []
    with pytest.raises(StreamError, match="ended before its end marker"):
        async for event in stream:
            received.append(event)
    assert [type(e) for e in received] == [ThreadRunCreated, ThreadRunInProgress]
