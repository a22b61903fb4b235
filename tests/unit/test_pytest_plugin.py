"""The pytest plugin (``async_openai_wasm.testing.pytest_plugin``), as a user's suite sees it:
each test here writes a user's test file and runs it with pytester, through the installed
``pytest11`` entry point (nothing loads the plugin explicitly), then checks the outcome."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
# A user's suite has no conftest of ours; pytest-pyodide is installed here but not needed.
ARGS = ("-p", "no:pytest_pyodide", "-p", "no:pytest_pyodide_hook", "-p", "no:cacheprovider")
# What a user of pytest-asyncio sets (else it warns about the default).
INI = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"

HEADER = """
import asyncio, json, time
import pytest
from async_openai_wasm import Client, OpenAIConfig
from async_openai_wasm.error import (
    APITimeoutError, BadRequestError, InvalidArgumentError, RateLimitError, StreamError,
)

def client(server, **kwargs):
    return Client(OpenAIConfig(api_key="sk-test", api_base=server.base_url), **kwargs)

async def ask(server, stream=False, **kwargs):
    async with client(server, **kwargs) as c:
        messages = [{"role": "user", "content": "Hi"}]
        if not stream:
            return await c.chat.create(model="gpt-4o-mini", messages=messages)
        chunks = []
        async with await c.chat.create_stream(model="gpt-4o-mini", messages=messages) as s:
            async for chunk in s:
                chunks.append(chunk)
        return chunks

def deltas(chunks):
    return [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
"""


def run(pytester: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    pytester.makeini(INI)
    pytester.makepyfile(test_user=HEADER + source)
    return pytester.runpytest_inprocess(*ARGS, *args)


def test_text_replies_are_used_in_order_by_plain_and_streamed_calls(
    pytester: pytest.Pytester,
) -> None:
    result = run(
        pytester,
        """
@pytest.mark.asyncio
async def test_it(mock_openai):
    mock_openai.reply("Hello there, user")
    mock_openai.reply(chunks=["Hel", "lo", "!"])
    mock_openai.reply("one two three four", chunks=2)
    assert (await ask(mock_openai)).choices[0].message.content == "Hello there, user"
    assert deltas(await ask(mock_openai, stream=True)) == ["Hel", "lo", "!"]
    assert deltas(await ask(mock_openai, stream=True)) == ["one two ", "three four"]
    # then the default reply again
    default = (await ask(mock_openai)).choices[0].message.content
    assert default.startswith("You said: Hi.")
    assert mock_openai.pending_replies == []
    assert [r.body.get("stream") for r in mock_openai.requests] == [None, True, True, None]
""",
    )
    result.assert_outcomes(passed=1)


def test_tool_calls_whole_and_streamed(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
CALL = {"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}

@pytest.mark.asyncio
async def test_it(mock_openai):
    mock_openai.reply(tool_calls=[CALL, {"name": "now", "id": "call_1"}])
    mock_openai.reply(tool_calls=[CALL])
    choice = (await ask(mock_openai)).choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    first, second = choice.message.tool_calls
    assert first.function.name == "get_weather"
    assert json.loads(first.function.arguments) == CALL["arguments"]
    assert (second.id, second.function.name, second.function.arguments) == ("call_1", "now", "{}")

    chunks = await ask(mock_openai, stream=True)
    pieces = [t for c in chunks if c.choices for t in c.choices[0].delta.tool_calls or []]
    assert len(pieces) > 2  # the arguments arrive in pieces, to be joined by index
    assert {p.index for p in pieces} == {0}
    assert pieces[0].function.name == "get_weather" and pieces[0].id
    arguments = "".join(p.function.arguments or "" for p in pieces)
    assert json.loads(arguments) == CALL["arguments"]
    assert chunks[-1].choices[0].finish_reason == "tool_calls"
""",
    )
    result.assert_outcomes(passed=1)


def test_json_reply_for_a_schema(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
SCHEMA = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "temp": {"type": "number"}},
    "required": ["city", "temp"],
    "additionalProperties": False,
}

@pytest.mark.asyncio
async def test_it(mock_openai):
    mock_openai.reply(json={"city": "Paris", "temp": 21.5})
    async with client(mock_openai) as c:
        resp = await c.chat.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Weather?"}],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "weather", "schema": SCHEMA, "strict": True},
            },
        )
    assert json.loads(resp.choices[0].message.content) == {"city": "Paris", "temp": 21.5}
    sent = mock_openai.last("/v1/chat/completions").body["response_format"]
    assert sent["json_schema"]["schema"] == SCHEMA
""",
    )
    result.assert_outcomes(passed=1)


def test_status_errors_and_retry_after(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
@pytest.mark.asyncio
async def test_429_with_retry_after_is_waited_for_then_retried(mock_openai):
    mock_openai.error(429, "Slow down", retry_after=0.5)
    mock_openai.reply("Made it")
    started = time.monotonic()
    assert (await ask(mock_openai)).choices[0].message.content == "Made it"
    assert time.monotonic() - started >= 0.5
    assert [r.status for r in mock_openai.requests] == [429, 200]

@pytest.mark.asyncio
async def test_errors_reach_the_caller_typed(mock_openai):
    mock_openai.error(429, "Slow down", code="rate_limit_exceeded", retry_after=7)
    mock_openai.error(400, "Bad field", param="messages")
    with pytest.raises(RateLimitError, match="Slow down") as caught:
        await ask(mock_openai, max_retries=0)
    assert caught.value.code == "rate_limit_exceeded"
    with pytest.raises(BadRequestError, match="Bad field") as caught:
        await ask(mock_openai, stream=True)
    assert caught.value.param == "messages"
    assert [r.status for r in mock_openai.requests] == [429, 400]
""",
    )
    result.assert_outcomes(passed=2)


def test_faults_slow_first_byte_stall_and_drop(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
@pytest.mark.asyncio
async def test_slow_first_byte(mock_openai):
    mock_openai.reply("late", first_byte_delay_ms=400)
    started = time.monotonic()
    assert (await ask(mock_openai)).choices[0].message.content == "late"
    assert time.monotonic() - started >= 0.4

@pytest.mark.asyncio
async def test_stall_times_out_after_the_first_delta(mock_openai):
    mock_openai.reply(chunks=["a", "b", "c"], stall_after=1)
    got = []
    async with client(mock_openai, timeout=0.5, max_retries=0) as c:
        stream = await c.chat.create_stream(model="m", messages=[{"role": "user", "content": "x"}])
        with pytest.raises(APITimeoutError):
            async with stream:
                async for chunk in stream:
                    got.append(chunk)
    assert deltas(got) == ["a"]
    await mock_openai.wait_for(lambda: mock_openai.last().disconnected)
    assert mock_openai.last().fault == "stall"

@pytest.mark.asyncio
async def test_drop_breaks_the_stream(mock_openai):
    mock_openai.reply(chunks=["a", "b", "c"], drop_after=2)
    with pytest.raises(StreamError):
        await ask(mock_openai, stream=True)
    assert mock_openai.last().chunks_sent == 2
""",
    )
    result.assert_outcomes(passed=3)


def test_each_test_starts_clean_on_the_same_server(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
seen = []

@pytest.mark.asyncio
async def test_first(mock_openai):
    mock_openai.reply("for the first test")
    assert (await ask(mock_openai)).choices[0].message.content == "for the first test"
    seen.append(mock_openai.url)

@pytest.mark.asyncio
async def test_second(mock_openai):
    assert mock_openai.requests == []
    assert (await ask(mock_openai)).choices[0].message.content.startswith("You said")
    seen.append(mock_openai.url)
    assert seen[0] == seen[1]  # one server per session
""",
    )
    result.assert_outcomes(passed=2)


def test_a_reply_no_request_used_fails_the_test(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
def test_forgot_to_call(mock_openai):
    mock_openai.reply("never asked for")

@pytest.mark.asyncio
async def test_next_is_not_affected(mock_openai):
    assert mock_openai.pending_replies == []
    assert (await ask(mock_openai)).choices[0].message.content.startswith("You said")
""",
    )
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_forgot_to_call*"])
    result.stdout.fnmatch_lines(["*mock_openai: 1 scripted reply(s) not used by any request*"])


def test_bad_reply_options_raise_at_once_naming_them(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        """
@pytest.mark.parametrize(
    "script, named",
    [
        (lambda m: m.reply(chunk=3), "'chunk'"),
        (lambda m: m.reply(chunks=[]), "'chunks'"),
        (lambda m: m.reply(chunks=["a", 1]), "'chunks'"),
        (lambda m: m.reply("a", json={"b": 1}), "text"),
        (lambda m: m.reply(tool_calls=[{"arguments": {}}]), "'tool_calls'"),
        (lambda m: m.reply(stall_after=-1), "'stall_after'"),
        (lambda m: m.error(200), "mock.error.status"),
    ],
)
def test_it(mock_openai, script, named):
    with pytest.raises(InvalidArgumentError, match=named):
        script(mock_openai)
    assert mock_openai.pending_replies == []
""",
    )
    result.assert_outcomes(passed=7)


def test_the_session_server_can_be_configured_by_overriding_its_fixture(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(
        """
import pytest
from async_openai_wasm.testing import MockServer

@pytest.fixture(scope="session")
def mock_openai_server():
    with MockServer(chunks=3).run_in_thread() as server:
        yield server
"""
    )
    result = run(
        pytester,
        """
@pytest.mark.asyncio
async def test_it(mock_openai):
    assert len(deltas(await ask(mock_openai, stream=True))) == 3
""",
    )
    result.assert_outcomes(passed=1)


def readme_examples() -> list[str]:
    text = README.read_text()
    section = text[text.index("## Testing your own code") : text.index("## Development")]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_readme_cpython_example_runs_as_written(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)
    pytester.makepyfile(test_readme_example=readme_examples()[0])
    pytester.runpytest_inprocess(*ARGS).assert_outcomes(passed=3)


def test_readme_pyodide_example_is_the_test_file_ci_runs() -> None:
    ci_file = README.parent / "tests" / "pyodide" / "test_readme_example.py"
    assert readme_examples()[1] == ci_file.read_text()


def test_the_package_wheel_needs_no_new_dependency_for_the_plugin() -> None:
    # The plugin ships in async-openai-wasm-testing (test_package.py checks that wheel).
    wheel = next((README.parent / "dist" / "pyodide").glob("async_openai_wasm-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        requires = [
            line.split(":", 1)[1].strip()
            for line in archive.read(info).decode().splitlines()
            if line.startswith("Requires-Dist:")
        ]
    assert [r.split(";")[0].split(">")[0].split("<")[0] for r in requires] == ["pydantic", "httpx"]
    assert 'extra == "httpx"' in requires[1]


def test_importing_the_testing_package_does_not_import_pytest() -> None:
    code = (
        "import sys, async_openai_wasm.testing.mock_server as m; m.MockServer().reply('x'); "
        "print('pytest' in sys.modules, '_pytest' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
