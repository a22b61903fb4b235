"""Every method of the models, completions, embeddings, moderations, images and audio groups
against Prism mocking OpenAI's spec, over httpx: each answer parses into our types, and each
request we sent validates against the spec's schema for its operation."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from async_openai_wasm import Client, OpenAIConfig, RecordingTransport, Request, Response
from async_openai_wasm._transport import Transport, default_transport
from async_openai_wasm.types.audio import (
    CreateTranscriptionResponseDiarizedJson,
    CreateTranscriptionResponseJson,
    CreateTranscriptionResponseVerboseJson,
    CreateTranslationResponseJson,
    CreateTranslationResponseVerboseJson,
)
from async_openai_wasm.types.completions import CompletionFinishReason, CreateCompletionResponse
from async_openai_wasm.types.embeddings import CreateEmbeddingResponse
from async_openai_wasm.types.images import ImagesResponse
from async_openai_wasm.types.models import DeleteModelResponse, Model
from async_openai_wasm.types.moderations import CreateModerationResponse
from support.spec import validate_recorded

PNG = b"\x89PNG\r\n\x1a\n"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00"


class PrismEventStream:
    """Prism cannot answer with an event stream where the spec declares none (``POST
    /completions`` has only a JSON answer: it replies 406 to ``Accept: text/event-stream``).
    So a stream request is sent on asking for JSON, and Prism's answer comes back as one
    ``data:`` event and ``[DONE]``, which the client's real stream path then decodes."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner

    async def send(self, request: Request) -> Response:
        if request.headers.get("Accept") != "text/event-stream":
            return await self.inner.send(request)
        as_json = Request(
            request.method,
            request.url,
            {**request.headers, "Accept": "application/json"},
            request.body,
        )
        response = await self.inner.send(as_json)
        body = await response.aread()
        if response.status_code >= 400:
            return Response.from_chunks(response.status_code, [body], response.headers)
        events = [b"data: " + body + b"\n\n", b"data: [DONE]\n\n"]
        return Response.from_chunks(200, events, {"content-type": "text/event-stream"})

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture
async def recorded(prism_url: str) -> AsyncIterator[tuple[Client, RecordingTransport]]:
    transport = RecordingTransport(PrismEventStream(default_transport()))
    client = Client(
        OpenAIConfig(api_key="sk-prism", api_base=prism_url), transport=transport, max_retries=0
    )
    async with client:
        yield client, transport
    # Every request of the test, checked against the spec after the test's own assertions.
    validate_recorded(transport.requests, prism_url)


async def test_models(recorded: tuple[Client, RecordingTransport]) -> None:
    client, transport = recorded
    page = await client.models.list()
    assert page.data and all(isinstance(m, Model) for m in page.data)
    assert [m.id async for m in client.models.list()] == [m.id for m in page.data]
    model = await client.models.retrieve("ft:gpt-4o-mini:org/x")
    assert isinstance(model, Model) and model.owned_by is not None
    deleted = await client.models.delete("ft:gpt-4o-mini:org/x")
    assert isinstance(deleted, DeleteModelResponse) and deleted.deleted
    assert transport.requests[-1].url.endswith("/models/ft%3Agpt-4o-mini%3Aorg%2Fx")


async def test_completions(recorded: tuple[Client, RecordingTransport]) -> None:
    client, _ = recorded
    completion = await client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt=["Say", "hi"],
        max_tokens=5,
        temperature=0.5,
        logprobs=1,
        stop="\n",
        logit_bias={50256: -100},
        seed=7,
    )
    assert isinstance(completion, CreateCompletionResponse)
    assert completion.choices[0].finish_reason in tuple(CompletionFinishReason)
    stream = await client.completions.create_stream(
        model="gpt-3.5-turbo-instruct", prompt=[[1, 2, 3]], stream_options={"include_usage": True}
    )
    async with stream:
        chunks = [chunk async for chunk in stream]
    assert len(chunks) == 1 and isinstance(chunks[0], CreateCompletionResponse)


async def test_embeddings(recorded: tuple[Client, RecordingTransport]) -> None:
    client, _ = recorded
    for encoding_format in ("float", "base64"):
        result = await client.embeddings.create(
            model="text-embedding-3-small",
            input=["a", "b"],
            encoding_format=encoding_format,
            dimensions=8,
        )
        assert isinstance(result, CreateEmbeddingResponse)
        assert all(isinstance(x, float) for x in result.data[0].embedding)
    await client.embeddings.create(model="text-embedding-3-small", input=[[1, 2], [3]])


async def test_moderations(recorded: tuple[Client, RecordingTransport]) -> None:
    client, _ = recorded
    text = await client.moderations.create(input="some text")
    assert isinstance(text, CreateModerationResponse)
    assert isinstance(text.results[0].categories.self_harm, bool)
    parts = [
        {"type": "text", "text": "caption"},
        {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
    ]
    multimodal = await client.moderations.create(model="omni-moderation-latest", input=parts)
    assert multimodal.results[0].category_applied_input_types is not None


async def test_images(recorded: tuple[Client, RecordingTransport]) -> None:
    client, _ = recorded
    generated = await client.images.generate(
        prompt="a red cat", model="gpt-image-1", size="1024x1024", quality="high", n=1
    )
    assert isinstance(generated, ImagesResponse) and generated.data[0].b64_json is not None
    edited = await client.images.edit(
        image=[("a.png", PNG, "image/png"), ("b.png", PNG, "image/png")],
        mask=("mask.png", PNG, "image/png"),
        prompt="merge them",
        model="gpt-image-1",
        input_fidelity="low",
    )
    assert isinstance(edited, ImagesResponse)
    single = await client.images.edit(image=("a.png", PNG), prompt="a hat", model="dall-e-2")
    assert isinstance(single, ImagesResponse)
    varied = await client.images.create_variation(
        image=("a.png", PNG, "image/png"), n=2, size="512x512", response_format="url"
    )
    assert isinstance(varied, ImagesResponse) and varied.data[0].url is not None


async def test_audio(recorded: tuple[Client, RecordingTransport]) -> None:
    client, _ = recorded
    speech = await client.audio.speech(
        model="gpt-4o-mini-tts", input="Hello", voice="coral", response_format="wav", speed=1.5
    )
    assert isinstance(speech, bytes) and speech
    audio = ("hello.mp3", MP3, "audio/mpeg")
    transcript = await client.audio.transcribe(
        file=audio, model="gpt-4o-transcribe", include=["logprobs"], chunking_strategy="auto"
    )
    assert isinstance(transcript, CreateTranscriptionResponseJson)
    verbose = await client.audio.transcribe_verbose_json(
        file=audio, model="whisper-1", timestamp_granularities=["word", "segment"], language="en"
    )
    assert isinstance(verbose, CreateTranscriptionResponseVerboseJson)
    diarized = await client.audio.transcribe_diarized_json(
        file=audio, model="gpt-4o-transcribe-diarize", known_speaker_names=["A", "B"]
    )
    assert isinstance(diarized, CreateTranscriptionResponseDiarizedJson)
    # Prism answers every format with its JSON example; a real server sends the subtitles.
    subtitles = await client.audio.transcribe_text(
        file=audio, model="whisper-1", response_format="vtt"
    )
    assert isinstance(subtitles, str) and subtitles
    translation = await client.audio.translate(file=audio, model="whisper-1", prompt="Hi")
    assert isinstance(translation, CreateTranslationResponseJson)
    verbose_translation = await client.audio.translate_verbose_json(file=audio, model="whisper-1")
    assert isinstance(verbose_translation, CreateTranslationResponseVerboseJson)
    text = await client.audio.translate_text(file=audio, model="whisper-1", temperature=0.1)
    assert isinstance(text, str) and text
