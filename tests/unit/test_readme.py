"""The README's examples run: the API-groups block against Prism (the official spec's mock),
the quick-start block against the package's mock server."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from async_openai_wasm import (
    Client,
    JSONDeserializeError,
    OpenAIConfig,
    RecordingTransport,
    Request,
    Response,
)
from async_openai_wasm.testing import MockServer

README = Path(__file__).resolve().parents[2] / "README.md"


def python_block(after_heading: str) -> str:
    text = README.read_text()
    section = text[text.index(after_heading) :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, f"no python block after {after_heading!r}"
    return match.group(1)


async def run_block(code: str, names: dict[str, Any]) -> dict[str, Any]:
    # The block is top-level await code, as users paste it into a Pyodide console or notebook.
    source = "async def __block():\n" + textwrap.indent(code, "    ") + "\n    return locals()\n"
    exec(compile(source, str(README), "exec"), names)
    result: dict[str, Any] = await names["__block"]()
    return result


class RealBase64Media:
    """Prism fills every string of its static examples with the word "string", which is not
    base64; an image's b64_json and a speech delta's audio get a real (tiny) payload, in JSON
    bodies and in event streams, so the README's decoding runs."""

    def __init__(self) -> None:
        self.inner = RecordingTransport()

    async def send(self, request: Request) -> Response:
        response = await self.inner.send(request)
        if "/images/" not in request.url and "/audio/speech" not in request.url:
            return response
        body = await response.aread()
        for field in (b"b64_json", b"audio"):
            for colon in (b":", b": "):  # a JSON body, and the example events' JSON
                body = body.replace(b'"%s"%s"string"' % (field, colon), b'"%s":"iVBORw=="' % field)
        return Response.from_chunks(response.status_code, [body], response.headers)

    async def aclose(self) -> None:
        await self.inner.aclose()


class FakeWebSocket:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, text: str) -> None:
        self.sent.append(text)


def signed_webhook(body: str, secret: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"wh_1.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return {
        "webhook-id": "wh_1",
        "webhook-timestamp": timestamp,
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }


async def test_api_groups_block_runs_against_the_spec_mock(
    prism_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = FakeWebSocket()
    secret = "whsec_" + base64.b64encode(b"endpoint secret").decode()
    monkeypatch.setenv("OPENAI_WEBHOOK_SECRET", secret)
    hook = '{"id": "evt_1", "type": "response.completed", "created_at": 1, "data": {"id": "r"}}'
    names = {
        "client": Client(
            OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=RealBase64Media()
        ),
        "data": b'{"messages": []}\n',
        "skill_zip": b"PK\x05\x06" + bytes(18),
        "offer_sdp": "v=0\r\n",
        "call_id": "rtc_1",
        "request_body": hook,
        "request_headers": signed_webhook(hook, secret),
        "ws": ws,
        "message_text": '{"type": "response.output_text.delta", "event_id": "e1", '
        '"response_id": "r", "item_id": "i", "output_index": 0, "content_index": 0, '
        '"delta": "Hi"}',
    }
    done = await run_block(python_block("## API groups"), names)
    assert done["png"] == b"\x89PNG"
    assert done["preview"] == b"\x89PNG" and done["pcm"].startswith(b"\x89PNG")
    assert done["page_key"] and done["answer_sdp"] and done["hook"].data.id == "r"
    assert done["counted"].input_tokens >= 0 and done["voice"].id
    assert all(isinstance(x, float) for x in done["r"].data[0].embedding)
    assert '"type":"response.create"' in ws.sent[0].replace(" ", "")
    assert type(done["event"]).__name__ != "UnknownRealtimeServerEvent"
    assert type(done["project"]).__name__ == "Project"
    assert type(done["result"]).__name__ == "UsageCompletionsResult"
    assert isinstance(done["graded"].reward, float)
    assert all(isinstance(x, bytes) for x in (done["csv"], done["zipped"], done["mp4"]))
    assert done["session"].client_secret is not None
    assert type(done["check"].results[0]).__name__ == "C2PAProvenanceResult"
    assert done["failed"].data[0].object is not None


async def test_quick_start_block_runs_against_the_mock_server() -> None:
    code = python_block("# async-openai-wasm")
    async with MockServer(chunks=5) as server:
        code = code.replace("http://127.0.0.1:8787/v1", server.base_url)
        done = await run_block(code, {})
    assert done["resp"].choices[0].message.content.startswith("You said: Hi.")


def test_invalid_base64_image_is_a_typed_error() -> None:
    from async_openai_wasm.types.images import Image

    try:
        Image(b64_json="string").to_bytes()
    except JSONDeserializeError as exc:
        assert exc.raw == "string"
    else:
        raise AssertionError("no error")


HELPER_BLOCKS = [
    "### Chat streams: `client.chat.stream`",
    "The accumulator works alone",
    "### Structured outputs: `client.chat.parse`",
    "### Tool runs: `client.chat.run_tools`",
    "### Responses: `client.responses.stream` and `client.responses.parse`",
]


async def test_helper_blocks_run_against_the_mock_server(capsys: Any) -> None:
    from pydantic import BaseModel

    async with MockServer(chunks=6) as server:
        client = Client(OpenAIConfig(api_key="sk-test", api_base=server.base_url))
        async with client:
            names: dict[str, Any] = {"client": client}
            blocks = []
            for heading in HELPER_BLOCKS:
                blocks.append(await run_block(python_block(heading), names))
                names.update(blocks[-1])  # later blocks use earlier ones' models
        paths = [r.path for r in server.requests]
    streams, alone, structured, tools, responses = blocks
    printed = capsys.readouterr().out
    # chat.stream printed the deltas, then the finish reason and the same text whole
    assert streams["completion"].choices[0].message.content.startswith("You said: Tell me")
    assert "stop You said: Tell me a story." in printed
    assert streams["text"].startswith("You said: Hi.")
    assert alone["whole"].choices[0].message.content.startswith("You said: Hi.")
    # structured outputs: the mock answered with values of the schemas, parsed into the models
    assert type(structured["event"]).__name__ == "CalendarEvent"
    assert isinstance(structured["event"], BaseModel)
    assert type(structured["forecast_for"]).__name__ == "GetWeather"
    # the tool run: the mock called roll_dice, then answered quoting the roll
    done = tools["done"]
    assert [m["role"] for m in done.messages] == ["user", "assistant", "tool", "assistant"]
    assert done.choices[0].message.content == f"The tool answered: {done.messages[2]['content']}."
    assert "roll_dice(" in printed and tools["last"].choices[0].finish_reason == "stop"
    # responses: streamed text, and a parsed answer
    assert responses["response"].output_text.startswith("You said: Write a haiku about rain.")
    assert type(responses["meeting"]).__name__ == "CalendarEvent"
    assert paths.count("/v1/responses") == 2 and "/v1/chat/completions" in paths
