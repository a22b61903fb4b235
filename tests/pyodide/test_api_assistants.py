"""Every method of the assistants, threads, messages, runs and run steps groups, called from
Pyodide (Node and Chrome) over fetch against Prism mocking OpenAI's spec: each answer parses
into our types inside Pyodide; what was sent comes back to the host, where each request is
checked against the spec's schema for its operation. And a recorded-looking run stream, served
over HTTP in small flushed pieces, decoded into typed events through fetch's body reader."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pytest_pyodide import run_in_pyodide

from support.spec import operations, validate_recorded
from support.streams import check_run_stream

INCLUDE_QUERY = (
    "include%5B%5D=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content"
)


@run_in_pyodide(packages=["async-openai-wasm"])
async def _assistants_and_messages(selenium, prism_url):
    from async_openai_wasm import Client, FetchTransport, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.assistants import (
        AssistantObject,
        DeleteAssistantResponse,
        DeleteMessageResponse,
        MessageObject,
    )

    transport = RecordingTransport()
    assert isinstance(transport.inner, FetchTransport)
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    tools = [
        {"type": "code_interpreter"},
        {"type": "file_search", "file_search": {"max_num_results": 5}},
        {"type": "function", "function": {"name": "get_weather", "parameters": {}}},
    ]
    created = await client.assistants.create(
        model="gpt-4o",
        name="Tutor",
        tools=tools,
        tool_resources={"file_search": {"vector_stores": [{"file_ids": ["file-1"]}]}},
        response_format={"type": "json_object"},
    )
    assert isinstance(created, AssistantObject)
    assert isinstance(await client.assistants.retrieve("asst_1"), AssistantObject)
    assert isinstance(await client.assistants.update("asst_1", name="T2"), AssistantObject)
    assert isinstance(await client.assistants.delete("asst_1"), DeleteAssistantResponse)
    page = await client.assistants.list(limit=5, order="asc")
    assert page.data and all(isinstance(a, AssistantObject) for a in page.data)

    messages = client.threads.messages
    message = await messages.create(
        "thread_1",
        content=[
            {"type": "text", "text": "What is in this image?"},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        ],
        attachments=[{"file_id": "file-1", "tools": [{"type": "code_interpreter"}]}],
    )
    assert isinstance(message, MessageObject)
    assert isinstance(await messages.retrieve("thread_1", "msg_1"), MessageObject)
    assert isinstance(
        await messages.update("thread_1", "msg_1", metadata={"a": "b"}), MessageObject
    )
    assert isinstance(await messages.delete("thread_1", "msg_1"), DeleteMessageResponse)
    page = await messages.list("thread_1", run_id="run_1")
    assert page.data and all(isinstance(m, MessageObject) for m in page.data)
    return transport.requests


def test_assistants_and_messages(selenium, prism_url):
    requests = _assistants_and_messages(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/assistants"),
        ("GET", "/assistants/asst_1"),
        ("POST", "/assistants/asst_1"),
        ("DELETE", "/assistants/asst_1"),
        ("GET", "/assistants?limit=5&order=asc"),
        ("POST", "/threads/thread_1/messages"),
        ("GET", "/threads/thread_1/messages/msg_1"),
        ("POST", "/threads/thread_1/messages/msg_1"),
        ("DELETE", "/threads/thread_1/messages/msg_1"),
        ("GET", "/threads/thread_1/messages?run_id=run_1"),
    ]
    assert validate_recorded(requests, prism_url) == 10


@run_in_pyodide(packages=["async-openai-wasm"])
async def _threads_runs_and_steps(selenium, prism_url):
    from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.assistants import (
        DeleteThreadResponse,
        RunObject,
        RunStepObject,
        ThreadObject,
    )

    streamed = []  # the events of each run stream, checked on the host

    async def read(stream):
        async with stream:
            streamed.append([event async for event in stream])

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    threads = client.threads
    thread = await threads.create(messages=[{"content": "Hi"}], metadata={"user": "u1"})
    assert isinstance(thread, ThreadObject)
    assert isinstance(await threads.retrieve("thread_1"), ThreadObject)
    assert isinstance(await threads.update("thread_1", metadata={"a": "b"}), ThreadObject)
    assert isinstance(await threads.delete("thread_1"), DeleteThreadResponse)
    run = await threads.create_and_run(
        assistant_id="asst_1", thread={"messages": [{"content": "Hi"}]}, tool_choice="auto"
    )
    assert isinstance(run, RunObject)
    await read(await threads.create_and_run_stream(assistant_id="asst_1"))

    runs = threads.runs
    include = ["step_details.tool_calls[*].file_search.results[*].content"]
    run = await runs.create(
        "thread_1",
        assistant_id="asst_1",
        truncation_strategy={"type": "last_messages", "last_messages": 3},
        include=include,
    )
    assert isinstance(run, RunObject)
    await read(await runs.create_stream("thread_1", assistant_id="asst_1"))
    assert isinstance(await runs.retrieve("thread_1", "run_1"), RunObject)
    assert isinstance(await runs.update("thread_1", "run_1", metadata={"a": "b"}), RunObject)
    page = await runs.list("thread_1", limit=2)
    assert page.data and all(isinstance(r, RunObject) for r in page.data)
    assert isinstance(await runs.cancel("thread_1", "run_1"), RunObject)
    outputs = [{"tool_call_id": "call_1", "output": "22C"}]
    assert isinstance(
        await runs.submit_tool_outputs("thread_1", "run_1", tool_outputs=outputs), RunObject
    )
    await read(await runs.submit_tool_outputs_stream("thread_1", "run_1", tool_outputs=outputs))
    step = await runs.steps.retrieve("thread_1", "run_1", "step_1", include=include)
    assert isinstance(step, RunStepObject)
    steps = await runs.steps.list("thread_1", "run_1", order="asc")
    assert steps.data and all(isinstance(s, RunStepObject) for s in steps.data)
    return transport.requests, streamed


def test_threads_runs_and_steps(selenium, prism_url):
    requests, streamed = _threads_runs_and_steps(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/threads"),
        ("GET", "/threads/thread_1"),
        ("POST", "/threads/thread_1"),
        ("DELETE", "/threads/thread_1"),
        ("POST", "/threads/runs"),
        ("POST", "/threads/runs"),
        ("POST", f"/threads/thread_1/runs?{INCLUDE_QUERY}"),
        ("POST", "/threads/thread_1/runs"),
        ("GET", "/threads/thread_1/runs/run_1"),
        ("POST", "/threads/thread_1/runs/run_1"),
        ("GET", "/threads/thread_1/runs?limit=2"),
        ("POST", "/threads/thread_1/runs/run_1/cancel"),
        ("POST", "/threads/thread_1/runs/run_1/submit_tool_outputs"),
        ("POST", "/threads/thread_1/runs/run_1/submit_tool_outputs"),
        ("GET", f"/threads/thread_1/runs/run_1/steps/step_1?{INCLUDE_QUERY}"),
        ("GET", "/threads/thread_1/runs/run_1/steps?order=asc"),
    ]
    streams = [requests[5], requests[7], requests[13]]
    assert [json.loads(request.body).get("stream") for request in streams] == [True] * 3
    stream_paths = [
        "/threads/runs",
        "/threads/thread_1/runs",
        "/threads/thread_1/runs/run_1/submit_tool_outputs",
    ]
    for events, path in zip(streamed, stream_paths, strict=True):
        check_run_stream(events, path)
    assert validate_recorded(requests, prism_url) == 16


# --- a run stream over fetch ------------------------------------------------------------------

_RUN = {
    "id": "run_1",
    "object": "thread.run",
    "created_at": 1699063290,
    "thread_id": "thread_1",
    "assistant_id": "asst_1",
    "status": "queued",
    "model": "gpt-4o",
    "tools": [],
}
_MESSAGE = {
    "id": "msg_1",
    "object": "thread.message",
    "created_at": 1699063291,
    "thread_id": "thread_1",
    "status": "in_progress",
    "role": "assistant",
    "content": [],
}


def _delta(text):
    delta = {"content": [{"index": 0, "type": "text", "text": {"value": text}}]}
    return {"id": "msg_1", "object": "thread.message.delta", "delta": delta}


# (event name, data) as OpenAI sends them for POST /threads/runs with "stream": true.
_STREAM = [
    ("thread.created", {"id": "thread_1", "object": "thread", "created_at": 1699063290}),
    ("thread.run.created", _RUN),
    ("thread.run.in_progress", {**_RUN, "status": "in_progress"}),
    ("thread.message.created", _MESSAGE),
    ("thread.message.delta", _delta("Bonjour, ")),
    ("thread.message.delta", _delta("bonhomme de neige ☃ !")),
    ("thread.run.step.reasoning", {"id": "step_1", "effort": "low"}),
    ("thread.run.completed", {**_RUN, "status": "completed"}),
    ("done", "[DONE]"),
]


class _RunStreamHandler(BaseHTTPRequestHandler):
    """Answers ``POST /v1/threads/runs`` with ``_STREAM``, cut into 17-byte pieces sent 5 ms
    apart (so events and a UTF-8 character straddle reads), with CORS for Chrome's page."""

    def _cors(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        asked = self.headers.get("Access-Control-Request-Headers", "")
        self.send_header("Access-Control-Allow-Headers", asked)

    def do_OPTIONS(self):
        self.send_response(204)
        self._cors()
        self.end_headers()

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append((self.path, self.headers.get("Accept"), body))
        self.send_response(200)
        self._cors()
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        text = "".join(
            f"event: {name}\ndata: {data if isinstance(data, str) else json.dumps(data)}\n\n"
            for name, data in _STREAM
        )
        raw = text.encode()
        for start in range(0, len(raw), 17):
            self.wfile.write(raw[start : start + 17])
            self.wfile.flush()
            time.sleep(0.005)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def run_stream_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RunStreamHandler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@run_in_pyodide(packages=["async-openai-wasm"])
async def _run_stream(selenium, base_url):
    from async_openai_wasm import Client, FetchTransport, OpenAIConfig
    from async_openai_wasm.types.assistants import ThreadMessageDelta, UnknownAssistantStreamEvent

    client = Client(OpenAIConfig(api_key="sk-test", api_base=base_url), transport=FetchTransport())
    stream = await client.threads.create_and_run_stream(
        assistant_id="asst_1", thread={"messages": [{"content": "Say hello in French"}]}
    )
    async with stream:
        events = [event async for event in stream]
    text = "".join(
        part.text.value
        for event in events
        if isinstance(event, ThreadMessageDelta)
        for part in event.data.delta.content
    )
    unknown = [(e.event, e.data) for e in events if isinstance(e, UnknownAssistantStreamEvent)]
    return [type(e).__name__ for e in events], text, unknown, str(events[-1].data.status)


def test_a_run_stream_over_fetch_is_typed_event_by_event(selenium, run_stream_server):
    url = f"http://127.0.0.1:{run_stream_server.server_port}/v1"
    names, text, unknown, last_status = _run_stream(selenium, url)
    assert names == [
        "ThreadCreated",
        "ThreadRunCreated",
        "ThreadRunInProgress",
        "ThreadMessageCreated",
        "ThreadMessageDelta",
        "ThreadMessageDelta",
        "UnknownAssistantStreamEvent",
        "ThreadRunCompleted",
    ]
    assert text == "Bonjour, bonhomme de neige ☃ !"
    assert unknown == [("thread.run.step.reasoning", {"id": "step_1", "effort": "low"})]
    assert last_status == "completed"
    (path, accept, body) = run_stream_server.received[-1]
    assert (path, accept) == ("/v1/threads/runs", "text/event-stream")
    assert body == {
        "assistant_id": "asst_1",
        "thread": {"messages": [{"role": "user", "content": "Say hello in French"}]},
        "stream": True,
    }
