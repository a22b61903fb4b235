"""Every method of the models, completions, embeddings, moderations, images and audio groups,
called from Pyodide (Node and Chrome) over fetch against Prism mocking OpenAI's spec. Each
answer parses into our types inside Pyodide; what was sent comes back to the host, where each
request is checked against the spec's schema for its operation."""

import json

from pytest_pyodide import run_in_pyodide

from support.spec import example_events, operations, validate_recorded


@run_in_pyodide(packages=["async-openai-wasm"])
async def _models(selenium, prism_url):
    from async_openai_wasm import Client, FetchTransport, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.models import DeleteModelResponse, Model

    transport = RecordingTransport()
    assert isinstance(transport.inner, FetchTransport)
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    page = await client.models.list()
    assert page.data and all(isinstance(m, Model) for m in page.data)
    assert [m.id async for m in client.models.list()] == [m.id for m in page.data]
    assert isinstance(await client.models.retrieve("ft:gpt-4o-mini:org/x"), Model)
    deleted = await client.models.delete("ft:gpt-4o-mini:org/x")
    assert isinstance(deleted, DeleteModelResponse) and deleted.deleted
    return transport.requests


def test_models(selenium, prism_url):
    requests = _models(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("GET", "/models"),
        ("GET", "/models"),
        ("GET", "/models/ft%3Agpt-4o-mini%3Aorg%2Fx"),
        ("DELETE", "/models/ft%3Agpt-4o-mini%3Aorg%2Fx"),
    ]
    assert validate_recorded(requests, prism_url) == 4


@run_in_pyodide(packages=["async-openai-wasm"])
async def _completions(selenium, prism_url):
    from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.completions import CreateCompletionResponse

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    completion = await client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt="Say hi", max_tokens=5, logprobs=1
    )
    assert isinstance(completion, CreateCompletionResponse) and completion.choices
    stream = await client.completions.create_stream(
        model="gpt-3.5-turbo-instruct", prompt=[1, 2, 3], stream_options={"include_usage": True}
    )
    async with stream:
        chunks = [chunk async for chunk in stream]
    assert all(isinstance(chunk, CreateCompletionResponse) for chunk in chunks)
    return transport.requests, len(chunks)


def test_completions(selenium, prism_url):
    requests, chunks = _completions(selenium, prism_url)
    # Prism sends the spec's example stream: one chunk, then [DONE].
    assert chunks == len(example_events("POST", "/completions")) - 1 == 1
    assert operations(requests, prism_url) == [("POST", "/completions")] * 2
    assert json.loads(requests[1].body)["stream"] is True
    assert validate_recorded(requests, prism_url) == 2


@run_in_pyodide(packages=["async-openai-wasm"])
async def _embeddings_and_moderations(selenium, prism_url):
    from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.embeddings import CreateEmbeddingResponse
    from async_openai_wasm.types.moderations import CreateModerationResponse

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    for encoding_format in ("float", "base64"):
        result = await client.embeddings.create(
            model="text-embedding-3-small",
            input=["a", "b"],
            encoding_format=encoding_format,
            dimensions=8,
        )
        assert isinstance(result, CreateEmbeddingResponse)
        assert all(isinstance(x, float) for x in result.data[0].embedding)
    moderation = await client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "caption"},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        ],
    )
    assert isinstance(moderation, CreateModerationResponse)
    assert isinstance(moderation.results[0].categories.self_harm, bool)
    return transport.requests


def test_embeddings_and_moderations(selenium, prism_url):
    requests = _embeddings_and_moderations(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/embeddings"),
        ("POST", "/embeddings"),
        ("POST", "/moderations"),
    ]
    assert validate_recorded(requests, prism_url) == 3


@run_in_pyodide(packages=["async-openai-wasm"])
async def _images(selenium, prism_url):
    from js import File, Object
    from pyodide.ffi import to_js

    from async_openai_wasm import Client, MultipartForm, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.images import ImagesResponse

    png = b"\x89PNG\r\n\x1a\n"
    # A JS File, as a page's <input type="file"> gives: uploaded as it is, never copied.
    picked = File.new(
        to_js([to_js(png)]),
        "picked.png",
        to_js({"type": "image/png"}, dict_converter=Object.fromEntries),
    )
    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    generated = await client.images.generate(prompt="a red cat", model="gpt-image-1", n=1)
    assert isinstance(generated, ImagesResponse) and generated.data[0].b64_json is not None
    edited = await client.images.edit(
        image=[picked, ("b.png", png, "image/png")],
        mask=("mask.png", png, "image/png"),
        prompt="merge them",
        model="gpt-image-1",
    )
    assert isinstance(edited, ImagesResponse)
    varied = await client.images.create_variation(image=picked, n=2, size="512x512")
    assert isinstance(varied, ImagesResponse) and varied.data[0].url is not None

    def plain(request):
        # A form holding a JS File cannot be pickled back: send names, not contents.
        body = request.body
        if isinstance(body, MultipartForm):
            files = [(name, part.filename) for name, part in body.files]
            body = {"fields": list(body.fields), "files": files}
        return request.method, request.url, body

    return [plain(r) for r in transport.requests]


def test_images_with_a_js_file_upload(selenium, prism_url):
    requests = _images(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/images/generations"),
        ("POST", "/images/edits"),
        ("POST", "/images/variations"),
    ]
    assert requests[1][2]["files"] == [
        ("image[]", "picked.png"),
        ("image[]", "b.png"),
        ("mask", "mask.png"),
    ]
    assert requests[2][2]["files"] == [("image", "picked.png")]
    assert validate_recorded(requests, prism_url) == 3


@run_in_pyodide(packages=["async-openai-wasm"])
async def _audio(selenium, prism_url):
    from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.audio import (
        CreateTranscriptionResponseDiarizedJson,
        CreateTranscriptionResponseJson,
        CreateTranscriptionResponseVerboseJson,
        CreateTranslationResponseJson,
        CreateTranslationResponseVerboseJson,
    )

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    speech = await client.audio.speech(model="tts-1", input="Hello", voice="alloy")
    assert isinstance(speech, bytes) and speech
    audio = ("hello.mp3", b"ID3\x04\x00\x00", "audio/mpeg")
    results = [
        await client.audio.transcribe(file=audio, model="whisper-1", language="en"),
        await client.audio.transcribe_verbose_json(
            file=audio, model="whisper-1", timestamp_granularities=["word"]
        ),
        await client.audio.transcribe_diarized_json(file=audio, model="gpt-4o-transcribe-diarize"),
        await client.audio.transcribe_text(file=audio, model="whisper-1", response_format="srt"),
        await client.audio.translate(file=audio, model="whisper-1"),
        await client.audio.translate_verbose_json(file=audio, model="whisper-1"),
        await client.audio.translate_text(file=audio, model="whisper-1"),
    ]
    expected = [
        CreateTranscriptionResponseJson,
        CreateTranscriptionResponseVerboseJson,
        CreateTranscriptionResponseDiarizedJson,
        str,
        CreateTranslationResponseJson,
        CreateTranslationResponseVerboseJson,
        str,
    ]
    assert [type(r) for r in results] == expected
    return transport.requests


def test_audio(selenium, prism_url):
    requests = _audio(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/audio/speech"),
        *[("POST", "/audio/transcriptions")] * 4,
        *[("POST", "/audio/translations")] * 3,
    ]
    assert validate_recorded(requests, prism_url) == 8
