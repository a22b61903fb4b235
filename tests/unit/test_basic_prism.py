"""Every method of the models, completions, embeddings, moderations, images and audio groups
against Prism mocking OpenAI's spec, over httpx: each answer parses into our types, and each
request we sent validates against the spec's schema for its operation."""

from __future__ import annotations

from async_openai_wasm import Client, RecordingTransport
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
from support.spec import example_events

PNG = b"\x89PNG\r\n\x1a\n"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00"


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
    # Prism sends the spec's example stream: one chunk, then [DONE].
    assert len(chunks) == len(example_events("POST", "/completions")) - 1 == 1
    assert isinstance(chunks[0], CreateCompletionResponse)


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
