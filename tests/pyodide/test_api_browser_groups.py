"""Stored chat completions, conversations, realtime keys and calls, voices, media streams and
webhooks from Pyodide (Node and Chrome): a sample of each group against Prism over the fetch
transport, its response parsed into our types, and the requests recorded in Pyodide handed
back to the host and validated against the spec; webhook signatures checked with Pyodide's
hashlib and hmac."""

from __future__ import annotations

from typing import Any

from pytest_pyodide import run_in_pyodide

from support.spec import operations, validate_recorded


@run_in_pyodide(packages=["async-openai-wasm"])
async def _stored_chat_and_conversations(selenium, prism_url):
    from async_openai_wasm import Client, FetchTransport, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.chat import ChatCompletionStoreMessage
    from async_openai_wasm.types.conversations import ConversationResource
    from async_openai_wasm.types.responses import InputMessageResource, TokenCountsResource

    transport = RecordingTransport()
    assert isinstance(transport.inner, FetchTransport)
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    page = await client.chat.list(metadata={"app": "demo"}, limit=2)
    assert page.data[0].choices
    messages = await client.chat.list_messages("chatcmpl_1")
    assert isinstance(messages.data[0], ChatCompletionStoreMessage)
    conversation = await client.conversations.create(
        items=[{"type": "message", "role": "user", "content": "Hi"}]
    )
    assert isinstance(conversation, ConversationResource)
    items = await client.conversations.items.list("conv_1", limit=5)
    assert isinstance(items.data[0], InputMessageResource)
    counted = await client.responses.input_tokens(model="gpt-4o", input="Hi")
    assert isinstance(counted, TokenCountsResource)
    async with await client.responses.retrieve_stream("resp_1", starting_after=2) as stream:
        kinds = [event.type async for event in stream]
    assert "response.completed" in kinds
    return transport.requests


def test_stored_chat_and_conversations(selenium: Any, prism_url: str) -> None:
    requests = _stored_chat_and_conversations(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("GET", "/chat/completions?limit=2&metadata%5Bapp%5D=demo"),
        ("GET", "/chat/completions/chatcmpl_1/messages"),
        ("POST", "/conversations"),
        ("GET", "/conversations/conv_1/items?limit=5"),
        ("POST", "/responses/input_tokens"),
        ("GET", "/responses/resp_1?stream=true&starting_after=2"),
    ]
    assert validate_recorded(requests, prism_url) == 6


@run_in_pyodide(packages=["async-openai-wasm"])
async def _realtime_and_media(selenium, prism_url):
    from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
    from async_openai_wasm.types.audio import SpeechAudioDeltaEvent, VoiceResource
    from async_openai_wasm.types.images import ImageGenCompletedEvent

    transport = RecordingTransport()
    client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
    key = await client.realtime.client_secrets.create(
        session={"type": "realtime", "model": "gpt-realtime"}, expires_after={"seconds": 60}
    )
    assert key.value
    answer = await client.realtime.calls.create(sdp="v=0\r\n", session={"model": "gpt-realtime"})
    assert isinstance(answer, str) and answer
    await client.realtime.calls.hangup("rtc_1")
    voice = await client.audio.voices.create(
        name="Ann", audio_sample=("ann.wav", b"RIFF0000WAVE"), consent="cons_1"
    )
    assert isinstance(voice, VoiceResource)
    async with await client.audio.speech_stream(model="m", input="Hi", voice="alloy") as speech:
        chunks = [event async for event in speech]
    assert any(isinstance(event, SpeechAudioDeltaEvent) for event in chunks)
    async with await client.images.generate_stream(prompt="a cat", partial_images=1) as images:
        events = [event async for event in images]
    assert isinstance(events[-1], ImageGenCompletedEvent)
    return transport.requests


def test_realtime_and_media(selenium: Any, prism_url: str) -> None:
    requests = _realtime_and_media(selenium, prism_url)
    assert operations(requests, prism_url) == [
        ("POST", "/realtime/client_secrets"),
        ("POST", "/realtime/calls"),
        ("POST", "/realtime/calls/rtc_1/hangup"),
        ("POST", "/audio/voices"),
        ("POST", "/audio/speech"),
        ("POST", "/images/generations"),
    ]
    assert validate_recorded(requests, prism_url) == 6


@run_in_pyodide(packages=["async-openai-wasm"])
def test_webhooks_verify_and_unwrap_in_pyodide(selenium):
    import base64
    import json
    import time

    from async_openai_wasm import (
        Client,
        InvalidWebhookSignatureError,
        MockTransport,
        OpenAIConfig,
        WebhookTimestampError,
    )
    from async_openai_wasm.types.webhooks import WebhookBatchCompleted

    client = Client(
        OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"),
        transport=MockTransport(lambda r: None),
    )
    # The Standard Webhooks test vector, at its own time.
    vector = {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    }
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    now = int(time.time())
    client.webhooks.verify_signature(
        '{"test": 2432232314}', vector, secret=secret, tolerance=now - 1614265330 + 60
    )
    try:
        client.webhooks.verify_signature('{"test": 2432232314}', vector, secret=secret)
    except WebhookTimestampError:
        pass
    else:
        raise AssertionError("a five-year-old signature passed")

    # A fresh event, signed here with Pyodide's hmac (the vector shows the scheme agrees).
    import hashlib
    import hmac

    payload = json.dumps(
        {"id": "evt_1", "type": "batch.completed", "created_at": now, "data": {"id": "batch_1"}}
    )
    digest = hmac.new(
        base64.b64decode(secret[6:]), f"wh_1.{now}.{payload}".encode(), hashlib.sha256
    ).digest()
    headers = {
        "webhook-id": "wh_1",
        "webhook-timestamp": str(now),
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }
    event = client.webhooks.unwrap(payload, headers, secret=secret)
    assert isinstance(event, WebhookBatchCompleted) and event.data.id == "batch_1"
    try:
        client.webhooks.unwrap(payload.replace("batch_1", "batch_2"), headers, secret=secret)
    except InvalidWebhookSignatureError as exc:
        assert secret not in str(exc)
    else:
        raise AssertionError("a changed payload passed")
