"""Media streams over a mock server: partial images, speech audio and transcript deltas come
as typed events whose base64 decodes to the bytes sent; an event of an unknown type is kept;
an error event raises where it arrives."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from async_openai_wasm import (
    APIError,
    Client,
    JSONDeserializeError,
    MockTransport,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm.types.audio import (
    SpeechAudioDeltaEvent,
    SpeechAudioDoneEvent,
    TranscriptTextDeltaEvent,
    TranscriptTextDoneEvent,
    UnknownAudioStreamEvent,
)
from async_openai_wasm.types.images import (
    ImageEditCompletedEvent,
    ImageGenCompletedEvent,
    ImageGenPartialImageEvent,
)

PNG = b"\x89PNG\r\n\x1a\n-image-"
IMAGE = {
    "b64_json": base64.b64encode(PNG).decode(),
    "created_at": 1,
    "size": "1024x1024",
    "quality": "low",
    "background": "opaque",
    "output_format": "png",
}


def streaming(*events: dict[str, Any]) -> tuple[Client, MockTransport]:
    body = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events).encode()

    def handler(request: Request) -> Response:
        # Split mid-event: a reader must join the pieces.
        return Response.from_chunks(
            200, [body[:37], body[37:]], {"content-type": "text/event-stream"}
        )

    transport = MockTransport(handler)
    return Client(
        OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"), transport=transport
    ), transport


async def test_generate_stream_yields_partial_images_then_the_image() -> None:
    client, transport = streaming(
        {"type": "image_generation.partial_image", "partial_image_index": 0, **IMAGE},
        {"type": "image_generation.partial_image", "partial_image_index": 1, **IMAGE},
        {"type": "image_generation.completed", **IMAGE, "usage": {"total_tokens": 9}},
    )
    stream = await client.images.generate_stream(prompt="a cat", partial_images=2)
    async with stream:
        events = [event async for event in stream]
    assert [type(event) for event in events] == [
        ImageGenPartialImageEvent,
        ImageGenPartialImageEvent,
        ImageGenCompletedEvent,
    ]
    assert [event.partial_image_index for event in events[:2]] == [0, 1]  # type: ignore[union-attr]
    assert all(event.to_bytes() == PNG for event in events)  # type: ignore[union-attr]
    assert events[2].usage.total_tokens == 9  # type: ignore[union-attr]
    body = json.loads(transport.requests[0].body)  # type: ignore[arg-type]
    assert body == {"prompt": "a cat", "partial_images": 2, "stream": True}
    assert transport.requests[0].headers["Accept"] == "text/event-stream"


async def test_edit_stream_sends_a_multipart_stream_request() -> None:
    client, transport = streaming({"type": "image_edit.completed", **IMAGE})
    async with await client.images.edit_stream(image=PNG, prompt="a hat") as stream:
        (event,) = [event async for event in stream]
    assert isinstance(event, ImageEditCompletedEvent) and event.to_bytes() == PNG
    assert ("stream", "true") in transport.requests[0].body.fields  # type: ignore[union-attr]


async def test_speech_stream_audio_deltas_join_into_the_audio() -> None:
    pcm = bytes(range(256)) * 4
    client, transport = streaming(
        {"type": "speech.audio.delta", "audio": base64.b64encode(pcm[:500]).decode()},
        {"type": "speech.audio.delta", "audio": base64.b64encode(pcm[500:]).decode()},
        {
            "type": "speech.audio.done",
            "usage": {"input_tokens": 3, "output_tokens": 9, "total_tokens": 12},
        },
    )
    stream = await client.audio.speech_stream(
        model="gpt-4o-mini-tts", input="Hi", voice="alloy", response_format="pcm"
    )
    async with stream:
        events = [event async for event in stream]
    audio = b"".join(e.to_bytes() for e in events if isinstance(e, SpeechAudioDeltaEvent))
    assert audio == pcm
    assert isinstance(events[-1], SpeechAudioDoneEvent) and events[-1].usage.total_tokens == 12  # type: ignore[union-attr]
    assert json.loads(transport.requests[0].body)["stream_format"] == "sse"  # type: ignore[arg-type]


async def test_transcribe_stream_gives_deltas_then_the_text() -> None:
    client, transport = streaming(
        {"type": "transcript.text.delta", "delta": "Hel"},
        {"type": "transcript.text.delta", "delta": "lo"},
        {"type": "transcript.text.speaker_changed", "speaker": "B"},
        {
            "type": "transcript.text.done",
            "text": "Hello",
            "usage": {"type": "tokens", "input_tokens": 1, "output_tokens": 2, "total_tokens": 3},
        },
    )
    stream = await client.audio.transcribe_stream(file=b"RIFF", model="gpt-4o-transcribe")
    async with stream:
        events = [event async for event in stream]
    deltas = [e.delta for e in events if isinstance(e, TranscriptTextDeltaEvent)]
    assert "".join(deltas) == "Hello"
    assert isinstance(events[2], UnknownAudioStreamEvent) and events[2].speaker == "B"  # type: ignore[attr-defined]
    assert isinstance(events[3], TranscriptTextDoneEvent) and events[3].text == "Hello"
    assert ("stream", "true") in transport.requests[0].body.fields  # type: ignore[union-attr]


async def test_an_error_event_raises_where_it_arrives() -> None:
    client, _ = streaming(
        {"type": "speech.audio.delta", "audio": "AAAA"},
        {"type": "error", "error": {"message": "the voice is gone", "code": "bad_voice"}},
    )
    stream = await client.audio.speech_stream(model="m", input="Hi", voice="alloy")
    async with stream:
        assert isinstance(await anext(stream), SpeechAudioDeltaEvent)
        with pytest.raises(APIError, match="the voice is gone"):
            await anext(stream)


async def test_bad_base64_is_a_typed_error() -> None:
    client, _ = streaming({"type": "image_generation.completed", **IMAGE, "b64_json": "n*t"})
    async with await client.images.generate_stream(prompt="x") as stream:
        (event,) = [event async for event in stream]
    with pytest.raises(JSONDeserializeError, match="b64_json is not valid base64"):
        event.to_bytes()  # type: ignore[union-attr]
