"""client.audio over MockTransport: speech (bytes), transcriptions and translations
(multipart) with a return type fixed by each method's response_format."""

from __future__ import annotations

import json
from typing import Any

import pytest

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    MockTransport,
    MultipartForm,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm._transport import FilePart
from async_openai_wasm.types.audio import (
    CreateTranscriptionRequest,
    CreateTranscriptionResponseVerboseJson,
    TranscriptTextUsageDuration,
    TranscriptTextUsageTokens,
    VadConfig,
)

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00"  # not valid UTF-8
SRT = "1\n00:00:00,000 --> 00:00:01,500\nHello there.\n"
SEGMENT = {
    "id": 0,
    "seek": 0,
    "start": 0.0,
    "end": 1.5,
    "text": " Hello there.",
    "tokens": [50364, 2425, 456, 13],
    "temperature": 0.0,
    "avg_logprob": -0.2,
    "compression_ratio": 0.8,
    "no_speech_prob": 0.01,
}
VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 1.5,
    "text": "Hello there.",
    "segments": [SEGMENT],
    "words": [
        {"word": "Hello", "start": 0.0, "end": 0.6},
        {"word": "there", "start": 0.7, "end": 1.2},
    ],
    "usage": {"type": "duration", "seconds": 2},
}


def client_with(transport: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"), transport=transport)


def form_of(request: Request) -> MultipartForm:
    assert isinstance(request.body, MultipartForm)
    return request.body


def answering(body: Any) -> MockTransport:
    if isinstance(body, str):
        return MockTransport(
            lambda r: Response.from_chunks(200, [body.encode()], {"content-type": "text/plain"})
        )
    return MockTransport(lambda r: Response.from_json(200, body))


async def test_speech_posts_json_and_returns_the_audio_bytes() -> None:
    transport = MockTransport(
        lambda r: Response.from_chunks(200, [MP3[:5], MP3[5:]], {"content-type": "audio/mpeg"})
    )
    audio = await client_with(transport).audio.speech(
        model="gpt-4o-mini-tts", input="Hello", voice="coral", speed=1.25, instructions="calm"
    )
    assert audio == MP3
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/audio/speech")
    assert request.headers["Accept"] == "*/*"
    assert json.loads(request.body) == {  # type: ignore[arg-type]
        "model": "gpt-4o-mini-tts",
        "input": "Hello",
        "voice": "coral",
        "speed": 1.25,
        "instructions": "calm",
    }


@pytest.mark.parametrize(
    ("voice", "sent"),
    [("my-cloned-voice", "my-cloned-voice"), ({"id": "voice_123"}, {"id": "voice_123"})],
)
async def test_speech_takes_voices_beyond_the_built_in_ones(voice: Any, sent: Any) -> None:
    transport = MockTransport(lambda r: Response.from_chunks(200, [MP3]))
    await client_with(transport).audio.speech(model="tts-1", input="x", voice=voice)
    assert json.loads(transport.requests[0].body)["voice"] == sent  # type: ignore[arg-type]


async def test_transcribe_uploads_the_file_and_returns_the_json_transcript() -> None:
    usage = {"type": "tokens", "input_tokens": 14, "output_tokens": 4, "total_tokens": 18}
    transport = answering({"text": "Hello there.", "usage": usage})
    transcript = await client_with(transport).audio.transcribe(
        file=("hello.mp3", MP3, "audio/mpeg"),
        model="gpt-4o-transcribe",
        language="en",
        include=["logprobs"],
        chunking_strategy="auto",
    )
    assert transcript.text == "Hello there."
    assert isinstance(transcript.usage, TranscriptTextUsageTokens)
    assert transcript.usage.total_tokens == 18
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/audio/transcriptions")
    form = form_of(request)
    assert form.files == [("file", FilePart("hello.mp3", MP3, "audio/mpeg"))]
    assert form.fields == [
        ("model", "gpt-4o-transcribe"),
        ("language", "en"),
        ("response_format", "json"),  # set by the method, so the answer is the type it returns
        ("include[]", "logprobs"),
        ("chunking_strategy", "auto"),
    ]


async def test_transcribe_verbose_json_returns_segments_and_words() -> None:
    transport = answering(VERBOSE)
    request = CreateTranscriptionRequest(
        file=MP3,
        model="whisper-1",
        timestamp_granularities=["word", "segment"],
        chunking_strategy=VadConfig(threshold=0.4),
    )
    transcript = await client_with(transport).audio.transcribe_verbose_json(request)
    assert isinstance(transcript, CreateTranscriptionResponseVerboseJson)
    assert (transcript.language, transcript.duration) == ("english", 1.5)
    assert transcript.segments is not None and transcript.segments[0].tokens == SEGMENT["tokens"]
    assert transcript.words is not None
    assert [w.word for w in transcript.words] == ["Hello", "there"]
    assert isinstance(transcript.usage, TranscriptTextUsageDuration)
    assert transcript.model_extra == {"task": "transcribe"}  # not a field of the type: kept
    fields = form_of(transport.requests[0]).fields
    assert ("response_format", "verbose_json") in fields
    assert [v for k, v in fields if k == "timestamp_granularities[]"] == ["word", "segment"]
    assert ("chunking_strategy[type]", "server_vad") in fields
    assert ("chunking_strategy[threshold]", "0.4") in fields


async def test_transcribe_diarized_json_returns_speaker_segments() -> None:
    segment = {
        "type": "transcript.text.segment",
        "id": "seg_1",
        "start": 0.0,
        "end": 1.5,
        "text": "Hello there.",
        "speaker": "A",
    }
    answer = {"task": "transcribe", "duration": 1.5, "text": "Hello there.", "segments": [segment]}
    transport = answering(answer)
    transcript = await client_with(transport).audio.transcribe_diarized_json(
        file=MP3, model="gpt-4o-transcribe-diarize", known_speaker_names=["A"]
    )
    assert [(s.speaker, s.text) for s in transcript.segments] == [("A", "Hello there.")]
    fields = form_of(transport.requests[0]).fields
    assert ("response_format", "diarized_json") in fields
    assert ("known_speaker_names[]", "A") in fields


@pytest.mark.parametrize(("chosen", "sent"), [(None, "text"), ("srt", "srt"), ("vtt", "vtt")])
async def test_transcribe_text_returns_the_text_as_sent(chosen: str | None, sent: str) -> None:
    transport = answering(SRT)
    fields = {"response_format": chosen} if chosen else {}
    text = await client_with(transport).audio.transcribe_text(file=MP3, model="whisper-1", **fields)
    assert text == SRT
    request = transport.requests[0]
    assert ("response_format", sent) in form_of(request).fields
    assert request.headers["Accept"] == "*/*"


async def test_an_unknown_usage_kind_is_kept_as_sent() -> None:
    usage = {"type": "credits", "credits": 3}
    transport = answering({"text": "hi", "usage": usage})
    transcript = await client_with(transport).audio.transcribe(file=MP3, model="m")
    assert transcript.usage == usage


async def test_translate_returns_the_english_text() -> None:
    transport = answering({"text": "Hello."})
    translation = await client_with(transport).audio.translate(
        file=("hallo.m4a", MP3), model="whisper-1", prompt="Greetings", temperature=0.2
    )
    assert translation.text == "Hello."
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", "http://mock.test/v1/audio/translations")
    form = form_of(request)
    assert form.files == [("file", FilePart("hallo.m4a", MP3))]
    assert form.fields == [
        ("model", "whisper-1"),
        ("prompt", "Greetings"),
        ("response_format", "json"),
        ("temperature", "0.2"),
    ]


async def test_translate_verbose_json_returns_segments() -> None:
    transport = answering({**VERBOSE, "words": None})
    translation = await client_with(transport).audio.translate_verbose_json(
        file=MP3, model="whisper-1"
    )
    assert translation.segments is not None and translation.segments[0].end == 1.5
    assert ("response_format", "verbose_json") in form_of(transport.requests[0]).fields


async def test_translate_text_returns_subtitles() -> None:
    transport = answering(SRT)
    text = await client_with(transport).audio.translate_text(
        file=MP3, model="whisper-1", response_format="srt"
    )
    assert text == SRT
    assert ("response_format", "srt") in form_of(transport.requests[0]).fields


@pytest.mark.parametrize(
    ("call", "response_format", "message"),
    [
        ("transcribe", "srt", r"use client\.audio\.transcribe_text\(\.\.\.\)"),
        ("transcribe", "verbose_json", r"use client\.audio\.transcribe_verbose_json"),
        ("transcribe_text", "json", r"use client\.audio\.transcribe\(\.\.\.\)"),
        ("transcribe_verbose_json", "diarized_json", r"client\.audio\.transcribe_diarized_json"),
        ("translate_text", "verbose_json", r"use client\.audio\.translate_verbose_json"),
        ("translate", "diarized_json", "not supported here"),
        ("transcribe", "mp3", "response_format"),
    ],
)
async def test_a_format_for_another_method_is_refused_naming_it(
    call: str, response_format: str, message: str
) -> None:
    transport = answering({"text": "x"})
    with pytest.raises(InvalidArgumentError, match=message):
        await getattr(client_with(transport).audio, call)(
            file=MP3, model="whisper-1", response_format=response_format
        )
    assert transport.requests == []


@pytest.mark.parametrize(
    ("call", "fields", "message"),
    [
        ("speech", {"model": "tts-1", "input": "x" * 4097, "voice": "alloy"}, "input"),
        ("speech", {"model": "tts-1", "input": "x", "voice": "alloy", "speed": 5}, "speed"),
        (
            "speech",
            {"model": "tts-1", "input": "x", "voice": "alloy", "stream_format": "sse"},
            "speech_stream",
        ),
        (
            "speech_stream",
            {"model": "m", "input": "x", "voice": "alloy", "stream_format": "audio"},
            "client.audio.speech",
        ),
        ("transcribe", {"model": "whisper-1"}, "file: Field required"),
        ("transcribe", {"model": "whisper-1", "file": "a.mp3"}, "file: Value error"),
        ("transcribe", {"model": "m", "file": MP3, "stream": True}, "transcribe_stream"),
        ("transcribe_text", {"model": "m", "file": MP3, "stream": True}, "transcribe_stream"),
        ("transcribe_stream", {"model": "m", "file": MP3, "stream": False}, "audio.transcribe"),
        ("transcribe", {"model": "m", "file": MP3, "timestamp_granularities": ["char"]}, "time"),
        ("translate", {"file": MP3}, "model: Field required"),
    ],
)
async def test_bad_calls_are_refused_before_sending(
    call: str, fields: dict[str, Any], message: str
) -> None:
    transport = answering({"text": "x"})
    with pytest.raises(InvalidArgumentError, match=message):
        await getattr(client_with(transport).audio, call)(**fields)
    assert transport.requests == []
