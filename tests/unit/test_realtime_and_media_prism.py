"""Realtime keys and calls, voice consents and custom voices, and the media streams (partial
images, speech audio deltas, transcript deltas) against Prism (the official spec's mock) over
httpx: each response or event parses into our types, every request we recorded validates
against the spec's schema for its operation. (Prism sends "string" for base64 data: decoding
is tested in test_media_streams.py.)"""

from __future__ import annotations

import json

from async_openai_wasm import Client, RecordingTransport
from async_openai_wasm.types.audio import (
    SpeechAudioDeltaEvent,
    SpeechAudioDoneEvent,
    TranscriptTextDeltaEvent,
    TranscriptTextDoneEvent,
    TranscriptTextSegmentEvent,
    VoiceConsentDeletedResource,
    VoiceConsentResource,
    VoiceResource,
)
from async_openai_wasm.types.images import (
    ImageEditCompletedEvent,
    ImageEditPartialImageEvent,
    ImageGenCompletedEvent,
    ImageGenPartialImageEvent,
)
from async_openai_wasm.types.realtime import (
    RealtimeCreateClientSecretResponse,
    RealtimeSessionCreateResponseGA,
    RealtimeTranscriptionSessionCreateResponseGA,
    RealtimeTranslationClientSecretCreateResponse,
)
from support.spec import example_event_names, operations, validate_recorded

WAV = ("hello.wav", b"RIFF0000WAVE", "audio/wav")
PNG = ("cat.png", b"\x89PNG\r\n\x1a\n", "image/png")


async def test_realtime_client_secrets_and_calls(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    key = await client.realtime.client_secrets.create(
        expires_after={"anchor": "created_at", "seconds": 600},
        session={"type": "realtime", "model": "gpt-realtime", "instructions": "Be brief."},
    )
    assert isinstance(key, RealtimeCreateClientSecretResponse) and key.value
    assert isinstance(
        key.session, RealtimeSessionCreateResponseGA | RealtimeTranscriptionSessionCreateResponseGA
    )
    transcription = await client.realtime.client_secrets.create(
        session={"type": "transcription", "audio": {"input": {"transcription": {"model": "m"}}}}
    )
    assert isinstance(transcription, RealtimeCreateClientSecretResponse)
    translation = await client.realtime.translations.client_secrets.create(
        session={"model": "gpt-realtime-translate", "audio": {"output": {"language": "fr"}}}
    )
    assert isinstance(translation, RealtimeTranslationClientSecretCreateResponse)
    assert translation.value
    answer = await client.realtime.calls.create(
        sdp="v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n", session={"model": "gpt-realtime"}
    )
    assert isinstance(answer, str) and answer  # the SDP answer, as text
    assert await client.realtime.calls.accept("rtc_1", model="gpt-realtime") is None
    assert await client.realtime.calls.refer("rtc_1", target_uri="tel:+14155550123") is None
    assert await client.realtime.calls.reject("rtc_1", status_code=486) is None
    assert await client.realtime.calls.hangup("rtc_1") is None
    assert operations(transport.requests, prism_url) == [
        ("POST", "/realtime/client_secrets"),
        ("POST", "/realtime/client_secrets"),
        ("POST", "/realtime/translations/client_secrets"),
        ("POST", "/realtime/calls"),
        ("POST", "/realtime/calls/rtc_1/accept"),
        ("POST", "/realtime/calls/rtc_1/refer"),
        ("POST", "/realtime/calls/rtc_1/reject"),
        ("POST", "/realtime/calls/rtc_1/hangup"),
    ]
    call = transport.requests[3].body
    assert dict(call.fields)["sdp"].startswith("v=0")  # type: ignore[union-attr]
    # The session travels as one field of JSON text, as OpenAI's WebRTC guide sends it.
    assert json.loads(dict(call.fields)["session"]) == {  # type: ignore[union-attr]
        "type": "realtime",
        "model": "gpt-realtime",
    }
    assert validate_recorded(transport.requests, prism_url) == 8


async def test_voice_consents_and_voices(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    consent = await client.audio.voice_consents.create(name="Ann", recording=WAV, language="en")
    assert isinstance(consent, VoiceConsentResource) and consent.id
    page = await client.audio.voice_consents.list(limit=5, after="cons_0")
    assert isinstance(page.data[0], VoiceConsentResource)
    assert isinstance(await client.audio.voice_consents.retrieve("cons_1"), VoiceConsentResource)
    renamed = await client.audio.voice_consents.update("cons_1", name="Ann B.")
    assert isinstance(renamed, VoiceConsentResource)
    deleted = await client.audio.voice_consents.delete("cons_1")
    assert isinstance(deleted, VoiceConsentDeletedResource) and deleted.deleted
    voice = await client.audio.voices.create(name="Ann", audio_sample=WAV, consent="cons_1")
    assert isinstance(voice, VoiceResource) and voice.id
    assert operations(transport.requests, prism_url) == [
        ("POST", "/audio/voice_consents"),
        ("GET", "/audio/voice_consents?after=cons_0&limit=5"),
        ("GET", "/audio/voice_consents/cons_1"),
        ("POST", "/audio/voice_consents/cons_1"),
        ("DELETE", "/audio/voice_consents/cons_1"),
        ("POST", "/audio/voices"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 6


async def test_image_streams(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    stream = await client.images.generate_stream(
        prompt="a cat", model="gpt-image-1", partial_images=2, size="1024x1024"
    )
    async with stream:
        events = [event async for event in stream]
    assert [event.type for event in events] == example_event_names("POST", "/images/generations")
    assert {type(event) for event in events} == {ImageGenPartialImageEvent, ImageGenCompletedEvent}
    edits = await client.images.edit_stream(image=PNG, prompt="a hat", partial_images=1)
    async with edits:
        edited = [event async for event in edits]
    assert {type(event) for event in edited} == {
        ImageEditPartialImageEvent,
        ImageEditCompletedEvent,
    }
    assert json.loads(transport.requests[0].body)["stream"] is True  # type: ignore[arg-type]
    assert ("stream", "true") in transport.requests[1].body.fields  # type: ignore[union-attr]
    assert validate_recorded(transport.requests, prism_url) == 2


async def test_audio_streams(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    speech = await client.audio.speech_stream(
        model="gpt-4o-mini-tts", input="Hello", voice="alloy", response_format="pcm"
    )
    async with speech:
        chunks = [event async for event in speech]
    assert [event.type for event in chunks] == example_event_names("POST", "/audio/speech")
    assert {type(event) for event in chunks} == {SpeechAudioDeltaEvent, SpeechAudioDoneEvent}
    transcript = await client.audio.transcribe_stream(file=WAV, model="gpt-4o-transcribe")
    async with transcript:
        parts = [event async for event in transcript]
    assert {type(event) for event in parts} == {
        TranscriptTextDeltaEvent,
        TranscriptTextSegmentEvent,
        TranscriptTextDoneEvent,
    }
    assert json.loads(transport.requests[0].body)["stream_format"] == "sse"  # type: ignore[arg-type]
    assert ("stream", "true") in transport.requests[1].body.fields  # type: ignore[union-attr]
    assert validate_recorded(transport.requests, prism_url) == 2
